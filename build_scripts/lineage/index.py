"""The linker's scoring index: weighted term and concept vectors of every task, and the
inverted indexes that find a task's candidates among the tasks of earlier plans.

Pipeline place: built once per corpus (:class:`Index`, from a :class:`Settings` and the
segmenter); ``selection`` asks it for candidates, scores and clause evidence, and
``curation`` scores the links the editors add. Reads the corpus, never changes it.

Method
------
1. **Terms.** Every task is cut into words by ``segment`` (jieba with the policy
   dictionary). Stopwords and words shorter than ``min_word_length`` (unless a
   dictionary term) are dropped.
2. **Weights.** A word's weight in a task is ``log(1 + c)·idf·boost`` where ``c`` counts
   its occurrences weighted by where they are (title > body > enclosing headings), idf is
   ``log((1+N)/(1+df))`` over all tasks of all plans (for the title vector, over the
   titles and headings), and boost multiplies dictionary
   terms up and boilerplate words (data/lineage.yaml, and any word made only of them,
   such as 不断完善) down. Vectors are L2-normalised.
3. **Candidates.** An inverted index maps each *distinctive* word (not boilerplate, in at
   most ``distinctive_df`` of the tasks) to the tasks that use it; a task's candidates
   are the tasks of earlier plans sharing at least ``min_shared`` distinctive words with
   it. The work is the sum of short posting lists — close to linear in the corpus size,
   no all-pairs matrix — provided the plans searched are bounded: with ``lookback_years``
   only plans that started at most that long before this task's plan are searched,
   through per-plan postings (otherwise the lists of every earlier plan grow with the
   corpus, and so do the links: up to ``per_plan`` for every earlier plan). Each candidate's score is the cosine of the two vectors.
   **Concepts.** ``data/concepts.yaml`` groups the words that signal one policy domain
   (宽带, 光纤, 千兆, 公共网络 → broadband; 医疗, 卫生, 健康, 病历 → health). Each task
   also gets a concept vector — members found leftmost-longest in its title, body and
   headings (weights of the ``concepts`` settings), ``log(1 + c)·idf``, unit length — and
   the score becomes ``(1 − concept_weight) · word score + concept_weight · concept
   cosine``: two plans that name one line of work in different words still meet, and a
   pair sharing one generic word but no domain falls behind its rivals. Optionally
   (``retrieve``) the earlier tasks whose title or headings name a domain this task's
   title or headings name are candidates too (concept postings, still linear), and a
   ``gate`` can require a minimum concept cosine. A link's justification ends with the
   labels of the shared concepts in 【】.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..core.model import Corpus, Plan, PlanMeta
from ..language.concepts import ConceptMatcher, Vocabulary, load_concepts
from ..language.segment import Segmenter
from .evidence import Clause, ClauseMatch, Evidence, best_pairs, clause_spans, clause_vector, main_clause
from .graph import SCORE_DIGITS, STRONG, WEAK
from .settings import Settings

Cut = Callable[[str], Sequence[str]]  # a text → its words (the segmenter, cached per text)


def in_reach(later: PlanMeta, earlier: PlanMeta, years: int) -> bool:
    """Whether predecessors of ``later``'s tasks are looked for in ``earlier`` (an earlier
    plan): the same series, started at most ``years`` before (0: any time before). The one
    rule of the linker's reach; the review counts the same pairs."""
    return later.series == earlier.series and (not years or later.start_year - earlier.start_year <= years)


def earlier_in_reach(plans: Sequence[Plan], years: int) -> dict[str, tuple[str, ...]]:
    """Each plan (in corpus order) → the earlier plans in its reach (:func:`in_reach`), in order."""
    return {
        plan.id: tuple(p.id for p in plans[:rank] if in_reach(plan.meta, p.meta, years))
        for rank, plan in enumerate(plans)
    }


@dataclass
class Index:
    """Weighted term vectors of every task, and the inverted index of distinctive words."""

    corpus: Corpus
    settings: Settings
    segmenter: Segmenter
    vocabulary: Vocabulary | None = None  # default: settings.concepts_file when concepts are used
    vectors: dict[str, dict[str, float]] = field(default_factory=dict)
    title_vectors: dict[str, dict[str, float]] = field(default_factory=dict)
    distinctive: dict[str, set[str]] = field(default_factory=dict)  # task → its distinctive words
    postings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    plan_rank: dict[str, int] = field(default_factory=dict)  # plan id → position in corpus.plans
    task_plan: dict[str, str] = field(default_factory=dict)
    boilerplate: frozenset[str] = frozenset()  # the listed words and the words made only of them
    concept_vectors: dict[str, dict[str, float]] = field(default_factory=dict)
    concept_postings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    title_concepts: dict[str, frozenset[str]] = field(default_factory=dict)  # in title or headings
    # with lookback_years: plan id → the earlier plans in reach, and per-plan postings
    earlier: dict[str, tuple[str, ...]] = field(default_factory=dict)
    plan_postings: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(dict))
    clauses: dict[str, tuple[Clause, ...]] = field(default_factory=dict)  # task → its clauses (evidence)
    main_clause: dict[str, int] = field(default_factory=dict)  # task → index of its subject clause
    df_share: dict[str, float] = field(default_factory=dict)  # word → share of all tasks using it

    def __post_init__(self) -> None:
        s = self.settings
        self._index_concepts()
        self._index_reach()
        policy = self.segmenter.policy_terms
        # Titles and headings are cut twice per task, and a section's headings once per
        # task in it: cut each distinct text once.
        cut = functools.lru_cache(maxsize=None)(lambda text: tuple(self.segmenter.cut(text, subwords=s.subwords)))
        counts: dict[str, dict[str, float]] = {}
        title_counts: dict[str, dict[str, float]] = {}
        for rank, plan in enumerate(self.corpus.plans):
            self.plan_rank[plan.id] = rank
            for task in plan.tasks:
                self.task_plan[task.id] = plan.id
                counts[task.id] = self._counts(
                    cut, policy, ((task.title, s.title), (task.text, s.body), ("\n".join(task.headings), s.headings))
                )
                title_counts[task.id] = self._counts(
                    cut, policy, ((task.title, 1.0), ("\n".join(task.headings), s.title_headings))
                )
        vocabulary = set().union(*counts.values(), *title_counts.values())
        boilerplate = s.boilerplate | {w for w in vocabulary if composed_of(w, s.boilerplate)}
        self.boilerplate = frozenset(boilerplate)
        n = len(counts)
        df: Counter[str] = Counter()
        for c in counts.values():
            df.update(c.keys())
        title_df: Counter[str] = Counter()
        for c in title_counts.values():
            title_df.update(c.keys())
        idf = {w: math.log((1 + n) / (1 + d)) for w, d in df.items()}
        title_idf = {w: math.log((1 + n) / (1 + d)) for w, d in title_df.items()}
        max_df = max(2, int(s.distinctive_df * n))  # a link needs a word in two tasks at least

        def weigh(c: dict[str, float], idf: dict[str, float] = idf) -> dict[str, float]:
            vector = {}
            for word, count in c.items():
                boost = s.boilerplate_weight if word in boilerplate else (s.policy_term if word in policy else 1.0)
                weight = math.log1p(count) * idf[word] * boost
                if weight > 0:
                    vector[word] = weight
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            return {w: v / norm for w, v in vector.items()}

        self._index_clauses(cut, policy, idf)
        self.df_share = {w: d / n for w, d in df.items()}
        for tid, c in counts.items():  # corpus order: postings lists are in corpus order
            vector = self.vectors[tid] = weigh(c)
            self.title_vectors[tid] = weigh(title_counts[tid], title_idf)
            words = {w for w in vector if w not in boilerplate and df[w] <= max_df}
            self.distinctive[tid] = words
            by_word = self.plan_postings[self.task_plan[tid]]
            for word in sorted(words):
                self.postings[word].append(tid)
                by_word.setdefault(word, []).append(tid)

    def _index_clauses(self, cut: Cut, policy: frozenset[str], idf: dict[str, float]) -> None:
        """Every task's clauses with unit vectors of their non-boilerplate words (evidence)."""
        s = self.settings

        def weight(w: str) -> float:
            return idf.get(w, 0.0) * (s.policy_term if w in policy else 1.0) if self._clause_word(w) else 0.0

        for task in self.corpus.tasks:
            spans = clause_spans(task.title, task.text)
            self.clauses[task.id] = tuple(
                Clause(span, clause_vector(cut(span.of(task.title, task.text)), weight)) for span in spans
            )
            self.main_clause[task.id] = main_clause(task.title, spans, task.text)

    def evidence(self, a: str, b: str) -> tuple[float, tuple[Evidence, ...], str]:
        """Later task ``a`` and earlier task ``b``: the cosine of their best clause pair,
        the evidence (up to two clause pairs, best first; only pairs sharing a distinctive
        word count) and the strength it supports (see :func:`strength`)."""
        later, earlier = self.clauses[a], self.clauses[b]
        words = set().union(*(c.vector for c in later)) & set().union(*(c.vector for c in earlier))
        matches = [m for m in best_pairs(later, earlier, words) if self._distinctive_word(m.words)]
        if not matches:
            return 0.0, (), WEAK
        found = tuple(Evidence(later[m.later].span, earlier[m.earlier].span, m.words) for m in matches)
        return round(matches[0].score, SCORE_DIGITS), found, self.strength(a, b, matches)

    def shared_words(self, a: str, b: str) -> tuple[str, ...]:
        """The distinctive words two texts share (an editor's quoted clauses), rarest first: what
        the evidence of a clause pair the linker found lists (boilerplate and stop words never)."""

        def words(text: str) -> set[str]:
            cut = self.segmenter.cut(text, subwords=self.settings.subwords)
            return {w for w in cut if self._clause_word(w) and self._distinctive(w)}

        return tuple(sorted(words(a) & words(b), key=lambda w: (self.df_share[w], w)))

    def _clause_word(self, w: str) -> bool:
        """A word a clause's vector holds: not boilerplate or a stop word, long enough or a term."""
        s = self.settings
        short = len(w) < s.min_word_length and w not in self.segmenter.policy_terms
        return not (w in self.boilerplate or w in s.stopwords or short)

    def _distinctive(self, w: str) -> bool:
        return self.df_share.get(w, 1.0) <= self.settings.distinctive_df

    def _distinctive_word(self, words: Iterable[str]) -> bool:
        return any(self._distinctive(w) for w in words)

    def strength(self, a: str, b: str, matches: Sequence[ClauseMatch]) -> str:
        """STRONG when the evidence covers the earlier task's main subject — its evidence
        words carry ``strong_cover`` of the weight of its subject clause — or a shared
        dictionary term carries ``strong_programme`` of the later task's word weight (a
        named programme that makes up much of the later task); WEAK otherwise."""
        s = self.settings
        subject = self.clauses[b][self.main_clause[b]].vector
        words = {w for m in matches for w in m.words}
        if sum(v * v for w, v in subject.items() if w in words) >= s.strong_cover:
            return STRONG
        policy = self.segmenter.policy_terms
        vector = self.vectors[a]
        if any(vector.get(w, 0.0) ** 2 >= s.strong_programme for w in words if w in policy):
            return STRONG
        return WEAK

    def _index_reach(self) -> None:
        """Each plan's earlier plans of its series within ``lookback_years`` of its start (all
        earlier ones of its series if 0): plans running side by side are not each other's
        predecessors, so a plan's reach does not grow with the number of parallel series."""
        self.earlier.update(earlier_in_reach(self.corpus.plans, self.settings.lookback_years))

    def _index_concepts(self) -> None:
        """Concept vectors (``log(1 + c)·idf``, c weighted by part, unit length) and the
        postings of the concepts named in each task's title or headings."""
        s = self.settings
        if self.vocabulary is None:
            self.vocabulary = load_concepts(s.concepts_file) if s.uses_concepts and s.concepts_file else Vocabulary()
        matcher = ConceptMatcher(self.vocabulary)
        self._labels = {c.id: c.label for c in self.vocabulary.concepts}
        counts: dict[str, dict[str, float]] = {}
        for task in self.corpus.tasks:
            heads = "\n".join(task.headings)
            c: dict[str, float] = defaultdict(float)  # weighted counts
            for text, weight in (
                (task.title, s.concept_title),
                (task.text, s.concept_body),
                (heads, s.concept_headings),
            ):
                if weight > 0:
                    for concept, n in matcher.count(text).items():
                        c[concept] += n * weight
            counts[task.id] = c
            self.title_concepts[task.id] = frozenset(matcher.count(task.title + "\n" + heads))
        n = len(counts)
        df: Counter[str] = Counter()
        for c in counts.values():
            df.update(c.keys())
        for tid, c in counts.items():
            vector = {k: math.log1p(v) * math.log((1 + n) / (1 + df[k])) for k, v in c.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            self.concept_vectors[tid] = {k: v / norm for k, v in vector.items() if v > 0}
            for concept in sorted(self.title_concepts[tid]):
                self.concept_postings[concept].append(tid)

    def concept_similarity(self, a: str, b: str) -> tuple[float, tuple[str, ...]]:
        """Cosine of two tasks' concept vectors and the shared concepts, most telling first."""
        products = _products(self.concept_vectors[a], self.concept_vectors[b], 1.0)
        ranked = sorted(products, key=lambda k: (-products[k], k))
        return sum(products.values()), tuple(ranked)

    def _counts(self, cut: Cut, policy: frozenset[str], parts: Iterable[tuple[str, float]]) -> dict[str, float]:
        s = self.settings
        counts: dict[str, float] = defaultdict(float)  # weighted counts: a title word counts `title` times
        for text, weight in parts:
            if weight <= 0:
                continue
            for word in cut(text):
                if word in s.stopwords or (len(word) < s.min_word_length and word not in policy):
                    continue
                counts[word] += weight
        return counts

    def score(self, a: str, b: str) -> tuple[float, tuple[str, ...]]:
        """The score of two tasks and what they share, most telling first: the distinctive
        shared words, then (up to ``concepts_shown``, within ``terms_shown`` in all) the
        labels of the shared concepts in 【】.

        score = (1 − concept_weight) · word score + concept_weight · concept cosine, where
        the word score is (1 − title_share) · cosine(whole tasks) + title_share ·
        cosine(titles and headings)."""
        s = self.settings
        share = s.title_share
        products = _products(self.vectors[a], self.vectors[b], 1.0 - share)
        for word, value in _products(self.title_vectors[a], self.title_vectors[b], share).items():
            products[word] = products.get(word, 0.0) + value
        shared = self.distinctive[a] & self.distinctive[b]
        words = sorted(shared, key=lambda w: (-products.get(w, 0.0), w))
        total = sum(products.values())
        labels: tuple[str, ...] = ()
        if self.concept_vectors:
            similarity, concepts = self.concept_similarity(a, b)
            total = (1.0 - s.concept_weight) * total + s.concept_weight * similarity
            labels = tuple(f"【{self._labels[k]}】" for k in concepts[: s.concepts_shown])
        room = max(s.terms_shown - len(labels), 0)
        return round(total, SCORE_DIGITS), tuple(words[:room]) + labels[: s.terms_shown]

    def candidates(self, task_id: str) -> dict[str, int]:
        """Tasks of earlier plans sharing distinctive words with ``task_id`` → how many."""
        rank = self.plan_rank[self.task_plan[task_id]]
        found: Counter[str] = Counter()
        if self.settings.lookback_years:  # only the plans in reach: the work stays linear
            reach = set(self.earlier[self.task_plan[task_id]])
            for plan_id in self.earlier[self.task_plan[task_id]]:
                postings = self.plan_postings[plan_id]
                for word in self.distinctive[task_id]:
                    for other in postings.get(word, ()):
                        found[other] += 1
        else:
            reach = None
            for word in self.distinctive[task_id]:
                for other in self.postings[word]:
                    if self.plan_rank[self.task_plan[other]] < rank:
                        found[other] += 1
        if self.settings.concept_retrieve:  # tasks whose titles name the same domain
            for concept in self.title_concepts[task_id]:
                for other in self.concept_postings[concept]:
                    if self.plan_rank[self.task_plan[other]] < rank and (
                        reach is None or self.task_plan[other] in reach
                    ):
                        found[other] += 1
        return dict(found)


def composed_of(word: str, parts: frozenset[str]) -> bool:
    """``word`` is not in ``parts`` but can be cut entirely into words of ``parts``:
    jieba keeps frequent compounds of filler whole (不断完善 = 不断 + 完善, 大力发展 =
    大力 + 发展), and such a compound is as empty as its parts."""
    if word in parts or len(word) < 2:
        return False
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(reachable[start] and word[start:end] in parts for start in range(end))
    return reachable[-1]


def _products(va: dict[str, float], vb: dict[str, float], factor: float) -> dict[str, float]:
    """Each shared word's contribution to the (scaled) cosine of two unit vectors."""
    if factor <= 0:
        return {}
    if len(va) > len(vb):
        va, vb = vb, va
    return {w: factor * x * vb[w] for w, x in va.items() if w in vb}


__all__ = [
    "Index",
    "composed_of",
    "earlier_in_reach",
    "in_reach",
]
