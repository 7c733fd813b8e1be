"""The model + the term dictionary → annotations (where each term occurs).

Pipeline place: ``corpus`` parses the plans, ``terms`` loads and validates the dictionary;
this stage runs :class:`terms.TermMatcher` over every block of every plan ONCE per build.
Its result is shared by the term pages (``website/pages/glossary.py``) and the term marks in task text
(``termmarks.py``); nothing else matches terms for the site.

* A *hit* is a span ``block.text[start:end]`` (leftmost-longest, width/case-insensitive,
  exactly as :func:`terms.count_by_plan`); table-of-contents lines are skipped because they
  repeat headings, and a form restated in brackets (第五代移动通信(5G)) is marked but is not a
  second occurrence (:func:`terms.mentions`), so the counts here equal ``count_by_plan``.
* Each occurrence knows its *place*: the task whose heading or body holds it, else the
  section whose heading or context material holds it, else the plan's front or back matter.
* Each occurrence knows its *sentence*: the stretch of its block between sentence ends
  (。；！？, with closing quotes or brackets that follow them), whitespace at both ends
  left out. It is a span into the verbatim text, never a copy that could drift from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..core.model import Block, BlockKind, Corpus, Plan, Section, Task
from .terms import Term, TermHit, TermMatcher, mentions

SENTENCE_ENDS = "。；！？"
CLOSERS = "”’）」』》〉】)\"'"


class PlaceKind(StrEnum):
    TASK = "task"  # key: task id
    SECTION = "section"  # key: section key (its heading or context material)
    FRONT = "front"  # key: plan id (title, notice before the first section)
    BACK = "back"  # key: plan id (closing, signature, date)


@dataclass(frozen=True)
class Place:
    kind: PlaceKind
    key: str


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a term: ``block.text[start:end]``, in the sentence
    ``block.text[sentence[0]:sentence[1]]``."""

    term_id: str
    plan_id: str
    place: Place
    block: Block
    start: int
    end: int
    sentence: tuple[int, int]

    @property
    def form(self) -> str:
        """The term as printed here."""
        return self.block.text[self.start : self.end]

    @property
    def sentence_text(self) -> str:
        return self.block.text[self.sentence[0] : self.sentence[1]]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a block as spans: split after 。；！？ (and closers right after them)."""
    spans: list[tuple[int, int]] = []
    start = 0
    index = 0
    while index < len(text):
        if text[index] in SENTENCE_ENDS:
            end = index + 1
            while end < len(text) and (text[end] in CLOSERS or text[end] in SENTENCE_ENDS):
                end += 1
            spans.append((start, end))
            start = index = end
        else:
            index += 1
    if start < len(text):
        spans.append((start, len(text)))
    trimmed = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


def _sentence_of(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= start and end <= b:
            return (a, b)
    return (start, end)  # cannot happen: terms hold no sentence end; kept total for safety


@dataclass
class Annotations:
    """Every term hit in every plan, in plan (chronological) and document order."""

    terms: tuple[Term, ...]
    plan_ids: tuple[str, ...]  # chronological, as in the corpus
    hits: dict[Block, tuple[TermHit, ...]]  # blocks with at least one hit
    occurrences: dict[str, tuple[Occurrence, ...]]  # term id → occurrences

    def __post_init__(self) -> None:
        self.by_id = {term.id: term for term in self.terms}
        self._counts: dict[str, dict[str, int]] = {}  # term id → counts(), computed once per build
        self._spans: dict[str, tuple[str | None, str | None]] = {}  # term id → (first plan, last plan)
        main = {term.term: term.id for term in self.terms}
        # rename families (terms.yaml renamed_as; a tree: one earlier name at most)
        self._earlier = {main[name]: term.id for term in self.terms for name in term.renamed_as if name in main}
        self._later: dict[str, list[str]] = {}
        for later, earlier in self._earlier.items():
            self._later.setdefault(earlier, []).append(later)

    def term(self, term_id: str) -> Term:
        return self.by_id[term_id]

    def block_hits(self, block: Block) -> tuple[TermHit, ...]:
        return self.hits.get(block, ())

    def counts(self, term_id: str) -> dict[str, int]:
        """Occurrences per plan (plans without any left out), like ``terms.count_by_plan``.
        Computed once per term (plan pages ask for every term): do not modify the result."""
        out = self._counts.get(term_id)
        if out is None:
            out = {}
            for occurrence in self.occurrences[term_id]:
                out[occurrence.plan_id] = out.get(occurrence.plan_id, 0) + 1
            self._counts[term_id] = out
        return out

    def total(self, term_id: str) -> int:
        return len(self.occurrences[term_id])

    def _span(self, term_id: str) -> tuple[str | None, str | None]:
        """The first and last plan with the term, once per term (``introduced`` and
        ``dropped`` ask for every term on every plan page: quadratic in the plans)."""
        span = self._spans.get(term_id)
        if span is None:
            plans = [p for p in self.plan_ids if p in self.counts(term_id)]
            span = self._spans[term_id] = (plans[0], plans[-1]) if plans else (None, None)
        return span

    def first_plan(self, term_id: str) -> str | None:
        return self._span(term_id)[0]

    def last_plan(self, term_id: str) -> str | None:
        return self._span(term_id)[1]

    def introduced(self, plan_id: str) -> tuple[Term, ...]:
        """Terms whose first appearance (in time order) is this plan (新出现)."""
        return tuple(t for t in self.terms if self.first_plan(t.id) == plan_id)

    def dropped(self, plan_id: str) -> tuple[Term, ...]:
        """Terms whose last appearance is this plan while later plans exist, and no later
        name of theirs appears after it (不再出现; those are :meth:`renamed`)."""
        if plan_id == self.plan_ids[-1]:
            return ()
        return tuple(t for t in self.terms if self.last_plan(t.id) == plan_id and not self.continued_as(t.id))

    def renamed(self, plan_id: str) -> tuple[tuple[Term, tuple[Term, ...]], ...]:
        """Terms whose last appearance is this plan while a later name of theirs appears
        after it (改称), each with those later names."""
        if plan_id == self.plan_ids[-1]:
            return ()
        return tuple(
            (t, self.continued_as(t.id))
            for t in self.terms
            if self.last_plan(t.id) == plan_id and self.continued_as(t.id)
        )

    def earlier_names(self, term_id: str) -> tuple[Term, ...]:
        """The names the term replaced (曾用名; ``renamed_as`` read backwards), oldest first."""
        out: list[Term] = []
        here = self._earlier.get(term_id)
        while here is not None and here != term_id and len(out) < len(self.terms):
            out.append(self.by_id[here])
            here = self._earlier.get(here)
        return tuple(reversed(out))

    def later_names(self, term_id: str) -> tuple[Term, ...]:
        """The names that replaced the term (后称), nearest first, then in dictionary order."""
        order = {t.id: i for i, t in enumerate(self.terms)}
        out: list[str] = []
        queue = [term_id]
        while queue:
            here = queue.pop(0)
            for later in sorted(self._later.get(here, ()), key=order.__getitem__):
                if later not in out and later != term_id:
                    out.append(later)
                    queue.append(later)
        return tuple(self.by_id[t] for t in out)

    def family(self, term_id: str) -> str:
        """The id of the first name of the term's rename family (the term itself if none)."""
        names = self.earlier_names(term_id)
        return names[0].id if names else term_id

    def continued_as(self, term_id: str) -> tuple[Term, ...]:
        """The later names of the term that appear in a plan after its last appearance."""
        last = self.last_plan(term_id)
        if last is None:
            return ()
        after = set(self.plan_ids[self.plan_ids.index(last) + 1 :])
        return tuple(t for t in self.later_names(term_id) if after & set(self.counts(t.id)))

    def used(self, plan_id: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if plan_id in self.counts(t.id))


def block_places(plan: Plan) -> list[tuple[Block, Place]]:
    """Every block of a plan with its place, in document order (as ``Plan.all_blocks``); the
    figures layer reads plans through it as the term hits do."""
    out: list[tuple[Block, Place]] = []
    seen_section = False
    for node in plan.content:
        if isinstance(node, Section):
            seen_section = True
            _section_places(node, out)
        elif isinstance(node, Block):
            kind = PlaceKind.BACK if seen_section else PlaceKind.FRONT
            out.append((node, Place(kind, plan.id)))
        else:  # a task outside any section does not occur, but would still be placed
            out += [(block, Place(PlaceKind.TASK, node.id)) for block in node.blocks]
    return out


def _section_places(section: Section, out: list[tuple[Block, Place]]) -> None:
    out.append((section.heading, Place(PlaceKind.SECTION, section.key)))
    for node in section.content:
        if isinstance(node, Section):
            _section_places(node, out)
        elif isinstance(node, Task):
            out += [(block, Place(PlaceKind.TASK, node.id)) for block in node.blocks]
        else:
            out.append((node, Place(PlaceKind.SECTION, section.key)))


def annotate(corpus: Corpus, terms: tuple[Term, ...]) -> Annotations:
    """Find every term in every block of every plan (TOC entries skipped)."""
    matcher = TermMatcher(terms)
    hits: dict[Block, tuple[TermHit, ...]] = {}
    occurrences: dict[str, list[Occurrence]] = {term.id: [] for term in terms}
    for plan in corpus.plans:
        for block, place in block_places(plan):
            if block.kind == BlockKind.TOC_ENTRY:
                continue
            found = tuple(matcher.find(block.text))
            if not found:
                continue
            hits[block] = found  # every form is marked in the text …
            spans = sentence_spans(block.text)
            for hit in mentions(block.text, found):  # … a form restated in brackets is one mention
                occurrences[hit.term_id].append(
                    Occurrence(
                        hit.term_id, plan.id, place, block, hit.start, hit.end, _sentence_of(spans, hit.start, hit.end)
                    )
                )
    return Annotations(
        terms,
        tuple(plan.id for plan in corpus.plans),
        hits,
        {term_id: tuple(found) for term_id, found in occurrences.items()},
    )
