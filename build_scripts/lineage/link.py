"""Cross-plan lineage: which tasks of earlier plans each task continues.

Pipeline place: reads a :class:`Corpus` (never changes it); ``curation`` applies the
hand-made decisions of ``data/links.yaml`` on top; ``export`` writes the result.

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
4. **Selection**, for one later task and one earlier plan at a time: keep candidates
   whose score clears ``floor`` and is at least ``ratio`` × the best score in that plan,
   at most ``per_plan`` of them. So a task may have several predecessors in a plan
   (a merge), none at all (new), and an earlier task may be chosen by several later
   tasks (a split) or by none (not continued).

   Two relative checks come first. *Calibration*: score levels differ by plan pair
   (short annual items, long sections, lead paragraphs), so a candidate must also stand
   ``min_z`` standard deviations above the mean score of its rivals — in both directions:
   among all tasks of the earlier plan for this later task, and among all tasks of the
   later plan for the earlier task (tasks that are no candidate score 0; the sums run
   over the candidate lists only, so this stays linear). *Mutual merges*: a second or
   third predecessor in one plan is kept only if the later task is among that
   predecessor's best ``extra_rank`` successors in the later plan.

Chronology comes from the registry: predecessors only from plans earlier in
``corpus.plans``, successors only from later ones. Every link carries its score and the
distinctive shared words that contribute most to it.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import DataError, display_path
from ..core.model import Corpus, Plan
from ..core.paths import DATA
from ..core.schema import Checker, Field, compose
from ..language.concepts import CONCEPTS, ConceptMatcher, Vocabulary, load_concepts
from ..language.segment import Segmenter, segmenter
from .evidence import TEXT, TITLE, Clause, Evidence, TextSpan, best_pairs, clause_spans, clause_vector, main_clause

SETTINGS = DATA / "lineage.yaml"

# Labels of a task's place in the lineage
NEW = "新增"  # no predecessor in any earlier plan
CONTINUED = "延续"  # at least one predecessor
MERGED = "合并"  # several predecessors in one earlier plan
SPLIT = "拆分"  # several successors in one later plan
DISCONTINUED = "未延续"  # no successor in the next plan (see next_plan)
LABELS = (NEW, CONTINUED, MERGED, SPLIT, DISCONTINUED)

AUTO = "auto"
CURATED = "curated"

SCORE_DIGITS = 4  # scores are rounded to this many decimals everywhere


# --- settings -------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """The tunables of ``data/lineage.yaml`` (see the comments there)."""

    title: float = 3.0
    body: float = 1.0
    headings: float = 0.5
    policy_term: float = 1.5
    boilerplate_weight: float = 0.0
    title_share: float = 0.2
    title_headings: float = 1.0
    floor: float = 0.08
    ratio: float = 0.7
    per_plan: int = 3
    min_shared: int = 1
    distinctive_df: float = 0.12
    terms_shown: int = 5
    reverse_ratio: float = 0.0
    min_z: float = 0.0
    extra_rank: int = 0
    min_word_length: int = 2
    subwords: bool = False
    lookback_years: int = 0  # only plans that started at most this long before (0: all earlier plans)
    concept_weight: float = 0.0
    concept_title: float = 3.0
    concept_body: float = 1.0
    concept_headings: float = 0.5
    concept_gate: float = 0.0
    concept_retrieve: bool = False
    concepts_shown: int = 2
    concepts_file: Path = CONCEPTS  # data/concepts.yaml next to the settings file
    evidence_floor: float = 0.0  # a kept link's best clause pair must reach this cosine
    rescue: float = 1.0  # a candidate not kept by the task scores is linked if its clause cosine reaches this
    rescue_z: float = 0.0  # … and it is the best of its plan and stands this far above its rivals
    rescue_score: float = 0.0  # … and its task score reaches this
    strong_cover: float = 1.0  # strong: the evidence words carry this share of the earlier task's main clause
    strong_programme: float = 1.0  # strong: a shared dictionary term carries this share of the later task's words
    boilerplate: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()

    @property
    def uses_concepts(self) -> bool:
        return self.concept_weight > 0 or self.concept_gate > 0 or self.concept_retrieve


def _number(name: str, low: float, high: float | None = None) -> Field:
    return Field(name, "number", low=low, high=high)


def _int(name: str, low: int) -> Field:
    return Field(name, "int", low=low)


# The file's schema: sections of bounded numbers, the vocabulary lists and three switches.
SETTINGS_SCHEMA = (
    Field(
        "weights",
        "mapping",
        fields=(
            _number("title", 0),
            _number("body", 0),
            _number("headings", 0),
            _number("policy_term", 0),
            _number("boilerplate", 0, 1),
            _number("title_share", 0, 1),
            _number("title_headings", 0),
        ),
    ),
    Field(
        "thresholds",
        "mapping",
        fields=(
            _number("floor", 0, 1),
            _number("ratio", 0, 1),
            _int("per_plan", 1),
            _int("min_shared", 1),
            _number("distinctive_df", 0, 1),
            _int("terms_shown", 1),
            _number("reverse_ratio", 0, 1),
            _number("min_z", 0),
            _int("extra_rank", 0),
        ),
    ),
    Field(
        "evidence",
        "mapping",
        fields=(
            _number("floor", 0, 1),
            _number("rescue", 0, 1),
            _number("rescue_z", 0),
            _number("rescue_score", 0, 1),
            _number("strong_cover", 0, 1),
            _number("strong_programme", 0, 1),
        ),
    ),
    Field(
        "concepts",
        "mapping",
        fields=(
            _number("weight", 0, 1),
            _number("title", 0),
            _number("body", 0),
            _number("headings", 0),
            _number("gate", 0, 1),
            Field("retrieve", "bool"),
            _int("shown", 0),
        ),
    ),
    Field("boilerplate", "list[str]"),
    Field("stopwords", "list[str]"),
    Field("min_word_length", "int", required=False, low=1),
    Field("subwords", "bool", required=False),
    Field("lookback_years", "int", required=False, low=0),  # 0: every earlier plan
)
# (section, key) → the Settings attribute, where the key alone would be ambiguous
_ATTRIBUTE = {
    ("weights", "boilerplate"): "boilerplate_weight",
    ("evidence", "floor"): "evidence_floor",
    ("concepts", "weight"): "concept_weight",
    ("concepts", "title"): "concept_title",
    ("concepts", "body"): "concept_body",
    ("concepts", "headings"): "concept_headings",
    ("concepts", "gate"): "concept_gate",
    ("concepts", "retrieve"): "concept_retrieve",
    ("concepts", "shown"): "concepts_shown",
}


def load_settings(path: Path = SETTINGS) -> Settings:
    """Read and validate ``data/lineage.yaml`` against :data:`SETTINGS_SCHEMA`; every
    problem is reported at once, at the line of the node it concerns."""
    root = compose(path)
    checker = Checker(display_path(path))
    checker.root(root, "lineage.yaml")
    values = checker.fields(root, "", SETTINGS_SCHEMA)  # type: ignore[arg-type]  # root() made sure
    if checker.problems:
        raise DataError(checker.problems)
    settings: dict[str, object] = {}
    for spec in SETTINGS_SCHEMA:
        if spec.fields:
            for inner in spec.fields:
                value = values[spec.name][inner.name]
                settings[_ATTRIBUTE.get((spec.name, inner.name), inner.name)] = (
                    float(value) if inner.kind == "number" else value
                )
        elif spec.name in values:
            value = values[spec.name]
            settings[spec.name] = frozenset(value) if spec.kind == "list[str]" else value
    return Settings(**settings, concepts_file=path.parent / CONCEPTS.name)  # type: ignore[arg-type]


# --- the linker -----------------------------------------------------------------------


STRONG = "strong"  # the evidence covers the earlier task's main subject, or a named programme
WEAK = "weak"  # the evidence is a minor clause on one side
STRENGTHS = (STRONG, WEAK)

# How an editor reviewed a link (``data/links.yaml``); "" = not reviewed
CONFIRMED = "confirmed"  # an automatic link an editor read and kept
ADDED = "added"  # a link the editor added
RELATED_REVIEW = "related"  # an editor's "related, not a predecessor" (Lineage.related only)
REVIEWS = (CONFIRMED, ADDED)


@dataclass(frozen=True)
class Link:
    """``successor`` continues ``predecessor`` (a task of an earlier plan)."""

    predecessor: str
    successor: str
    score: float
    terms: tuple[str, ...]  # distinctive shared words, most telling first
    origin: str = AUTO  # AUTO or CURATED
    note: str = ""  # the editor's note (编者按), for reviewed links
    strength: str = WEAK  # STRONG or WEAK, from what the evidence covers
    evidence: tuple[Evidence, ...] = ()  # the clauses that continue each other, best first
    review: str = ""  # CONFIRMED, ADDED, or "" (not reviewed)


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
        counts: dict[str, Counter[str]] = {}
        title_counts: dict[str, Counter[str]] = {}
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

        def weigh(c: Counter[str], idf: dict[str, float] = idf) -> dict[str, float]:
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

    def _index_clauses(self, cut, policy: frozenset[str], idf: dict[str, float]) -> None:
        """Every task's clauses with unit vectors of their non-boilerplate words (evidence)."""
        s = self.settings
        kept = lambda w: (
            not (w in self.boilerplate or w in s.stopwords or (len(w) < s.min_word_length and w not in policy))
        )
        weight = lambda w: idf.get(w, 0.0) * (s.policy_term if w in policy else 1.0) if kept(w) else 0.0
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

    def _distinctive_word(self, words: Iterable[str]) -> bool:
        limit = self.settings.distinctive_df
        return any(self.df_share.get(w, 1.0) <= limit for w in words)

    def strength(self, a: str, b: str, matches) -> str:
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
        """Each plan's earlier plans within ``lookback_years`` of its start (all earlier ones if 0)."""
        plans = self.corpus.plans
        years = self.settings.lookback_years
        for rank, plan in enumerate(plans):
            self.earlier[plan.id] = tuple(
                p.id for p in plans[:rank] if not years or plan.meta.start_year - p.meta.start_year <= years
            )

    def _index_concepts(self) -> None:
        """Concept vectors (``log(1 + c)·idf``, c weighted by part, unit length) and the
        postings of the concepts named in each task's title or headings."""
        s = self.settings
        if self.vocabulary is None:
            self.vocabulary = load_concepts(s.concepts_file) if s.uses_concepts else Vocabulary()
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

    def _counts(self, cut, policy: frozenset[str], parts) -> Counter[str]:
        s = self.settings
        counts: Counter[str] = Counter()
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


@dataclass(frozen=True)
class NoPredecessor:
    """An editor read the whole earlier ``plan`` and found no predecessor of ``successor``."""

    successor: str
    plan: str
    note: str


@dataclass(frozen=True)
class LineageIndex:
    """The lookups of a lineage, computed once when it is made (:meth:`Lineage.of`): its
    links by successor and by predecessor (in link order), each task's plan and each plan's
    next plan (:func:`next_plan`; labels() asks for every task)."""

    predecessors: dict[str, tuple[Link, ...]]
    successors: dict[str, tuple[Link, ...]]
    plan_of: dict[str, str]
    next_plan: dict[str, Plan | None]

    @classmethod
    def of(cls, corpus: Corpus, links: tuple[Link, ...]) -> LineageIndex:
        preds: dict[str, list[Link]] = defaultdict(list)
        succs: dict[str, list[Link]] = defaultdict(list)
        for link in links:
            preds[link.successor].append(link)
            succs[link.predecessor].append(link)
        return cls(
            {task: tuple(found) for task, found in preds.items()},
            {task: tuple(found) for task, found in succs.items()},
            {t.id: t.plan_id for t in corpus.tasks},
            {p.id: next_plan(corpus, p.id) for p in corpus.plans},
        )


@dataclass(frozen=True)
class Lineage:
    """The links of a corpus, with lookups by task and the derived labels.

    Made with :meth:`of`, which computes the lookups (:class:`LineageIndex`) from the links;
    the index is derived data, neither compared nor shown."""

    corpus: Corpus
    links: tuple[Link, ...]
    none: tuple[NoPredecessor, ...] = ()  # the editors' "no predecessor in this plan"
    related: tuple[Link, ...] = ()  # the editors' related pairs: shown apart, never predecessors
    rejected: tuple[Link, ...] = ()  # automatic links the editors removed (note: why)
    index: LineageIndex = field(kw_only=True, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        corpus: Corpus,
        links: tuple[Link, ...],
        none: tuple[NoPredecessor, ...] = (),
        related: tuple[Link, ...] = (),
        rejected: tuple[Link, ...] = (),
    ) -> Lineage:
        """The lineage of ``links`` with its lookups."""
        return cls(corpus, links, none, related, rejected, index=LineageIndex.of(corpus, links))

    def related_to(self, task_id: str) -> tuple[Link, ...]:
        """The editors' related pairs of a task, in either direction (corpus order)."""
        return tuple(l for l in self.related if task_id in (l.successor, l.predecessor))

    def reviewed_none(self, task_id: str) -> tuple[str, ...]:
        """The earlier plans in which an editor found no predecessor of the task."""
        return tuple(n.plan for n in self.none if n.successor == task_id)

    def predecessors(self, task_id: str) -> tuple[Link, ...]:
        return self.index.predecessors.get(task_id, ())

    def successors(self, task_id: str) -> tuple[Link, ...]:
        return self.index.successors.get(task_id, ())

    def plan_of(self, task_id: str) -> str:
        return self.index.plan_of[task_id]

    def labels(self, task_id: str) -> tuple[str, ...]:
        return labels(self, task_id)

    def pair_counts(self) -> dict[tuple[str, str], int]:
        """Links per (earlier plan, later plan), in corpus order."""
        out: Counter[tuple[str, str]] = Counter()
        for link in self.links:
            out[(self.plan_of(link.predecessor), self.plan_of(link.successor))] += 1
        order = {p.id: i for i, p in enumerate(self.corpus.plans)}
        return {k: out[k] for k in sorted(out, key=lambda k: (order[k[0]], order[k[1]]))}

    def label_counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for task in self.corpus.tasks:
            counts.update(self.labels(task.id))
        return {label: counts[label] for label in LABELS}


def next_plan(corpus: Corpus, plan_id: str) -> Plan | None:
    """The plan that follows ``plan_id``: the first later plan whose period begins after
    this one's ends. An annual work programme inside a five-year period (2009 within
    2006–2010) is not the five-year plan's *next* plan; the following five-year plan is."""
    plans = list(corpus.plans)
    here = corpus.plan(plan_id)
    for plan in plans[plans.index(here) + 1 :]:
        if plan.meta.start_year > here.meta.end_year:
            return plan
    return None


def labels(lineage: Lineage, task_id: str) -> tuple[str, ...]:
    """The labels of one task, in the order of :data:`LABELS`.

    新增 no predecessor anywhere; 延续 some predecessor; 合并 several predecessors in one
    earlier plan; 拆分 several successors in one later plan; 未延续 no successor in the
    next plan (:func:`next_plan`; never for tasks of the last plan). Tasks of the first
    plan are neither 新增 nor 延续: there is no earlier plan to compare with.
    """
    plan_of = lineage.plan_of
    preds = Counter(plan_of(link.predecessor) for link in lineage.predecessors(task_id))
    succs = Counter(plan_of(link.successor) for link in lineage.successors(task_id))
    first = lineage.corpus.plans[0].id == plan_of(task_id)  # nothing earlier to continue
    out = [] if first else [NEW] if not preds else [CONTINUED]
    if any(n > 1 for n in preds.values()):
        out.append(MERGED)
    if any(n > 1 for n in succs.values()):
        out.append(SPLIT)
    following = lineage.index.next_plan[plan_of(task_id)]
    if following is not None and not succs.get(following.id):
        out.append(DISCONTINUED)
    return tuple(out)


def select(
    scored: Iterable[tuple[str, float, tuple[str, ...]]], settings: Settings
) -> list[tuple[str, float, tuple[str, ...]]]:
    """Candidates of one earlier plan → the kept ones: above the floor, within the ratio
    of the best, at most ``per_plan``, each with enough distinctive shared words."""
    eligible = [c for c in scored if len(c[2]) >= settings.min_shared and c[1] >= settings.floor]
    if not eligible:
        return []
    eligible.sort(key=lambda c: (-c[1], c[0]))
    best = eligible[0][1]
    return [c for c in eligible if c[1] >= settings.ratio * best][: settings.per_plan]


def auto_links(
    corpus: Corpus, settings: Settings | None = None, seg: Segmenter | None = None, index: Index | None = None
) -> tuple[Link, ...]:
    """The automatic links of a corpus, sorted by successor then predecessor (corpus order)."""
    if index is None:
        index = Index(corpus, settings or load_settings(), seg or segmenter())
    s = index.settings
    scored: dict[str, dict[str, list[tuple[str, float, tuple[str, ...]]]]] = {}
    best_successor: dict[tuple[str, str], float] = defaultdict(float)  # (earlier task, later plan) → best
    for task in corpus.tasks:
        by_plan: dict[str, list[tuple[str, float, tuple[str, ...]]]] = defaultdict(list)
        for other, shared in sorted(index.candidates(task.id).items()):
            if shared < s.min_shared:
                continue
            if s.concept_gate > 0 and index.concept_similarity(task.id, other)[0] < s.concept_gate:
                continue  # no common policy domain
            score, terms = index.score(task.id, other)
            by_plan[index.task_plan[other]].append((other, score, terms))
            key = (other, task.plan_id)
            best_successor[key] = max(best_successor[key], score)
        scored[task.id] = by_plan
    # the other direction: every earlier task's candidate scores in each later plan, best first
    successor_scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    for task in corpus.tasks:
        for found in scored[task.id].values():
            for other, score, _ in found:
                successor_scores[(other, task.plan_id)].append(score)
    for ranked in successor_scores.values():
        ranked.sort(reverse=True)
    size = {plan.id: len(plan.tasks) for plan in corpus.plans}
    backward = {key: standardiser(ranked, size[key[1]]) for key, ranked in successor_scores.items()}
    links: list[Link] = []
    for task in corpus.tasks:
        for plan in corpus.plans:
            found = scored[task.id].get(plan.id) or []
            if not found:
                continue  # no candidate in this plan, so no link
            forward = standardiser([c[1] for c in found], size[plan.id])
            candidates = [
                c
                for c in found
                if c[1] >= s.reverse_ratio * best_successor[(c[0], task.plan_id)]
                and min(forward(c[1]), backward[(c[0], task.plan_id)](c[1])) >= s.min_z
            ]
            kept = select(candidates, s)
            # a further predecessor in the same plan (a merge) must itself see this task
            # among its best extra_rank successors in this plan
            kept = kept[:1] + [
                c
                for c in kept[1:]
                if s.extra_rank <= 0 or _within_rank(successor_scores[(c[0], task.plan_id)], c[1], s.extra_rank)
            ]
            chosen = {c[0] for c in kept}
            best = max(found, key=lambda c: (c[1], c[0]))[0]
            for other, score, terms in found:
                rescued = (
                    other not in chosen
                    and other == best
                    and _rescued(index, task.id, other, score, forward, backward[(other, task.plan_id)])
                )
                if other not in chosen and not rescued:
                    continue
                strength_of, evidence, grade = index.evidence(task.id, other)
                if not evidence or strength_of < (s.rescue if rescued else s.evidence_floor):
                    continue  # generic words or a concept label only: not a link
                links.append(Link(other, task.id, score, terms[: s.terms_shown], strength=grade, evidence=evidence))
    return tuple(sort_links(corpus, links))


def _rescued(index: Index, later: str, earlier: str, score: float, forward, backward) -> bool:
    """The best candidate of a plan that the task scores left below the floor is still
    linked when it stands far above its rivals in both directions (``rescue_z``), its
    task score reaches ``rescue_score`` and (checked by the caller) its best clause pair
    reaches ``rescue``: a short task whose one measure continues in one clause of the other."""
    s = index.settings
    if s.rescue >= 1.0 or score < s.rescue_score:
        return False
    return min(forward(score), backward(score)) >= s.rescue_z


def standardiser(scores: list[float], population: int):
    """``score → z``: how many standard deviations a score lies above the mean of one
    candidate list, where the population is the whole plan (tasks that are no candidate
    score 0). Plans and plan pairs differ in how high their scores run (short annual
    items against long sections); the z-score compares a candidate with its own rivals."""
    n = max(population, len(scores), 1)
    mean = sum(scores) / n
    spread = math.sqrt(max(sum(v * v for v in scores) / n - mean * mean, 0.0)) or 1.0
    return lambda score: (score - mean) / spread


def _within_rank(ranked: list[float], score: float, rank: int) -> bool:
    """``score`` is among the best ``rank`` of ``ranked`` (sorted best first)."""
    return len(ranked) < rank or score >= ranked[rank - 1]


def sort_links(corpus: Corpus, links: Iterable[Link]) -> list[Link]:
    order = {t.id: i for i, t in enumerate(corpus.tasks)}
    return sorted(links, key=lambda l: (order[l.successor], order[l.predecessor]))


__all__ = [
    "ADDED",
    "AUTO",
    "CONFIRMED",
    "CONTINUED",
    "CURATED",
    "DISCONTINUED",
    "LABELS",
    "MERGED",
    "NEW",
    "RELATED_REVIEW",
    "REVIEWS",
    "SPLIT",
    "STRENGTHS",
    "STRONG",
    "TEXT",
    "TITLE",
    "WEAK",
    "Evidence",
    "Index",
    "Lineage",
    "LineageIndex",
    "Link",
    "NoPredecessor",
    "Settings",
    "TextSpan",
    "auto_links",
    "labels",
    "load_settings",
    "next_plan",
    "select",
]
