"""What the site shows of the lineage beyond a task block: compare views, policy lines,
continuity per plan, the plan × plan summary and the editors' review progress and decisions per plan pair.

Pipeline place: reads a :class:`~build_scripts.lineage.graph.Lineage` (never changes it)
through :class:`LineageViews`, its view maps built once per site by ``load.make_site``;
the page producers (``pages/lineage.py``, ``pages/plans.py``, ``pages/fragments.py``) call
these functions and pass the results to their templates. Pure functions only, so the
rules below are tested on made-up data.

Compare view
------------
Any two tasks on one policy line can be read side by side (:func:`line_pairs`), always the
earlier text on the left. "On one line" means connected by a chain of links: two tasks
that only share an ancestor are parallel branches, not a continuation of each other, and
are not compared. A pair is shown on the later task's page — open if a link joins the two,
folded in ``<details>`` if they are connected through other tasks — so the latest task of
a line is held against the earliest. A directly linked pair is also shown on the earlier
task's page, so the earliest task of a line has its comparisons too; its further
descendants are listed there with a link to the comparison on their pages. Showing every
pair on both pages would double the pages for the folded pairs, which on a dense corpus
(the benchmarks' synthetic ones) far outnumber the links.
The line is the task's :func:`policy_line`, so the same window bounds the comparisons: a
page holds at most (line size − 1) of them however large the corpus grows.

**Insertions and deletions on word boundaries.** Each text is cut once per build into
words by the project's jieba tokenizer with the policy dictionary
(:meth:`segment.Segmenter.tokens`, punctuation and whitespace kept, so the words join
back to the text), and the two word sequences are aligned (``difflib.SequenceMatcher``,
no junk heuristic). Words of the earlier text that the alignment does not keep are
``<del>``, words of the later text it does not keep are ``<ins>``. An alignment keeps
only matches in the same order in both texts, so a clause the later plan moved shows as
deleted in one place and inserted in another; the term lists above the texts show what
really appears or disappears. Line breaks separate paragraphs and are never marked.

**Evidence.** Where a link joins the two tasks, its evidence clauses
(``Link.evidence``: spans of each task's title or text) are ``<mark class="evidence">``
on both sides; a title span is found in the text when the title is printed in it, else
the title is shown above the text with the span marked. Without evidence (no direct link,
or a link that carries none) nothing is marked.

**Terms and figures.** Above the texts: the glossary terms (``annotate``, the matching the
term pages use) of the later task that the earlier one lacks (新出现的术语) and the
reverse (不再出现的术语), and the figures (``indicators`` statements) of both, paired by
indicator.

**Exactness.** The marks are added around escaped runs (:func:`escape_text`: entities for
``& < > " '``, a carriage return as ``&#13;``); removing the tags, unescaping and joining
the paragraphs with line breaks gives back each text exactly (property test in
``tests/test_lineage_views.py``).

Policy line
-----------
From one task: every task reachable backwards through predecessor links (its ancestors)
and forwards through successor links (its descendants), **within the task's window**: the
plans that started at most ``lookback_years`` (the linker's setting, ``data/lineage.yaml``)
before or after the task's own plan (0: every plan). Links always point from an earlier
plan to a later one, so the graph is a DAG of depth below the number of plans and the walk
ends; nodes are unique and listed in corpus order (plan chronology, then document order).

Why a window, and why that one? Unbounded, a line is the whole transitive closure, which
in a corpus of many generations grows with the corpus: every page repeats most of its
generation chain, and the pages together grow quadratically (``python -m benchmarks``: the
10× corpus took 10 minutes and 4 GB to build, the 40× one did not finish). ``lookback_years`` is already the horizon within which the linker relates
two plans at all (a link is never made across a longer span), so the window adds no new
constant and shows every *direct* link of the task; a fixed number of steps *k* would be a
new constant, and one whose reach in years depends on how densely plans follow each other.
Since start years only grow along a path, a path that leaves the window never comes back,
so the walk simply stops at its edge; where it stops, the first tasks beyond the edge are
listed (``PolicyLine.beyond_earlier`` / ``beyond_later``) and the page links to their own
lines. The real corpus (2006–2020) spans 10 years, well within a 20-year window: its lines
are whole.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..core.model import Plan, Task
from ..figures.indicators import Indicators, Statement
from ..language.annotate import Annotations
from ..language.terms import Term
from ..lineage.evidence import TITLE, TextSpan
from ..lineage.graph import (
    ADDED,
    CONFIRMED,
    CONTINUED,
    DISCONTINUED,
    MERGED,
    NEW,
    PREDECESSOR,
    RELATED,
    SPLIT,
    SUCCESSOR,
    Lineage,
    Link,
    next_plan,
)
from . import escaping
from .labels import LABEL_MEANINGS_ZH, SETTING_MEANINGS

# ---------------------------------------------------------------- compare view

WordCut = Callable[[str], Sequence[str]]  # text → its words, joining back to the text


def escape_text(text: str) -> str:
    """One run of verbatim text for raw HTML, without line breaks (they separate paragraphs):
    entities for ``& < > " '``, and a stray carriage return as ``&#13;``."""
    return escaping.text(text).replace("\r", "&#13;")


def changed_masks(earlier: str, later: str, cut: WordCut) -> tuple[list[bool], list[bool]]:
    """For each character of both texts: is it in a word the word alignment does not keep
    (deleted from ``earlier``, inserted into ``later``)?"""
    a, b = tuple(cut(earlier)), tuple(cut(later))
    if "".join(a) != earlier or "".join(b) != later:
        raise ValueError("the word cut must join back to the text")
    starts_a, starts_b = _starts(a), _starts(b)
    mask_a, mask_b = [True] * len(earlier), [True] * len(later)
    matcher = _matcher(b)  # a page compares one task with many: index its words once
    matcher.set_seq1(a)
    for i, j, n in matcher.get_matching_blocks():
        if n:
            mask_a[starts_a[i] : starts_a[i + n]] = [False] * (starts_a[i + n] - starts_a[i])
            mask_b[starts_b[j] : starts_b[j + n]] = [False] * (starts_b[j + n] - starts_b[j])
    return mask_a, mask_b


@functools.lru_cache(maxsize=8)
def _matcher(words: tuple[str, ...]) -> difflib.SequenceMatcher:
    """A matcher with ``words`` as its second sequence (difflib indexes that one)."""
    return difflib.SequenceMatcher(None, (), words, autojunk=False)


@functools.lru_cache(maxsize=256)
def _starts(words: tuple[str, ...]) -> list[int]:
    """Character offset of each word, and the text's length at the end (do not modify)."""
    out = [0]
    for word in words:
        out.append(out[-1] + len(word))
    return out


def span_mask(length: int, spans: Iterable[tuple[int, int]]) -> list[bool]:
    """Characters inside any of the spans (clipped to the text)."""
    mask = [False] * length
    for start, end in spans:
        start, end = max(start, 0), min(end, length)
        if start < end:
            mask[start:end] = [True] * (end - start)
    return mask


@dataclass(frozen=True)
class Run:
    """A stretch of one paragraph with the same marks."""

    text: str  # verbatim
    html: str  # escaped (escape_text)
    changed: bool  # deleted (earlier side) or inserted (later side)
    evidence: bool
    renamed: bool = False  # a term whose rename family the other side names otherwise (never changed)
    opens: bool = False  # the first evidence run of a stretch of evidence (one mark around it)
    closes: bool = False  # … and the last


_RUN = re.compile(rb"\x00+|\x01+")


def _runs_of(mask: list[bool]) -> list[tuple[int, int]]:
    """The mask's maximal runs of equal values as spans (found by the regex engine, not
    character by character in Python)."""
    return [m.span() for m in _RUN.finditer(bytes(mask))]


def _cuts(mask: list[bool]) -> set[int]:
    """Positions where a mask changes value."""
    return {start for start, _ in _runs_of(mask)}


def paragraph_runs(
    text: str, changed: list[bool], evidence: list[bool], renamed: list[bool] | None = None
) -> list[tuple[Run, ...]]:
    """The text cut at line breaks into paragraphs, each into maximal runs of equal marks.
    Works from the places where a mark changes, not character by character: a build cuts
    tens of thousands of texts on a large corpus."""
    renamed = renamed or [False] * len(text)
    breaks = [m.start() for m in re.finditer("\n", text)]
    cuts = sorted(
        _cuts(changed) | _cuts(evidence) | _cuts(renamed) | set(breaks) | {b + 1 for b in breaks} | {0, len(text)}
    )
    out: list[tuple[Run, ...]] = []
    paragraph: list[Run] = []
    for start, end in itertools.pairwise(cuts):
        if text[start:end] == "\n":  # a line break ends the paragraph
            out.append(_evidence_stretches(paragraph))
            paragraph = []
            continue
        piece = text[start:end]
        paragraph.append(Run(piece, escape_text(piece), changed[start], evidence[start], renamed[start]))
    out.append(_evidence_stretches(paragraph))
    return out


def _evidence_stretches(runs_: list[Run]) -> tuple[Run, ...]:
    """Runs with ``opens``/``closes`` set where a stretch of evidence begins and ends."""
    out = []
    for i, r in enumerate(runs_):
        if r.evidence:
            r = replace(
                r, opens=i == 0 or not runs_[i - 1].evidence, closes=i == len(runs_) - 1 or not runs_[i + 1].evidence
            )
        out.append(r)
    return tuple(out)


def kept_share(text: str, changed: list[bool]) -> float:
    """The share of the non-whitespace characters that are kept (0 for an empty text)."""
    counted = kept = 0
    for start, end in _runs_of(changed):
        part = text[start:end]
        solid = len(part) - sum(map(str.isspace, part))
        counted += solid
        kept += 0 if changed[start] else solid
    return kept / counted if counted else 0.0


@dataclass(frozen=True)
class Side:
    task: Task
    paragraphs: tuple[tuple[Run, ...], ...]  # the task's text, one entry per line
    title: tuple[Run, ...]  # the title with its evidence marked, when the text does not print it; else ()
    share: float  # share of its characters kept in the other task
    evidence: int  # number of evidence clauses marked


@dataclass(frozen=True)
class FigureRow:
    """One indicator stated in either task: its statements in the earlier and the later."""

    name: str
    earlier: tuple[Statement, ...]
    later: tuple[Statement, ...]


@dataclass(frozen=True)
class Comparison:
    """Two tasks of one line side by side (earlier left), with what changed between them."""

    earlier: Side
    later: Side
    links: tuple[Link, ...]  # links that join the two directly (none: connected through others)
    new_terms: tuple[Term, ...] = ()  # in the later task only (not as a later name), first occurrence order
    dropped_terms: tuple[Term, ...] = ()  # in the earlier task only (not renamed)
    figures: tuple[FigureRow, ...] = ()
    renamed: tuple[tuple[Term, Term], ...] = ()  # (earlier name, later name): one family, continuing

    @property
    def direct(self) -> bool:
        return bool(self.links)


def _side_spans(task: Task, spans: list[TextSpan]) -> tuple[list[tuple[int, int]], list[tuple[int, int]], bool]:
    """Evidence spans in the text, those left in the title, and whether the text prints the title."""
    at = task.text.find(task.title) if task.title else -1
    in_text, in_title = [], []
    for span in spans:
        if span.part == TITLE and at < 0:
            in_title.append((span.start, span.end))
        elif span.part == TITLE:  # clipped to the title, then placed where the text prints it
            start, end = max(span.start, 0), min(span.end, len(task.title))
            in_text.append((start + at, end + at))
        else:
            in_text.append((span.start, span.end))
    return in_text, in_title, at >= 0


def _side(task: Task, changed: list[bool], spans: list[TextSpan], renamed: Sequence[tuple[int, int]] = ()) -> Side:
    in_text, in_title, printed = _side_spans(task, spans)
    kept = span_mask(len(task.text), renamed)
    changed = [c and not k for c, k in zip(changed, kept, strict=True)]
    paragraphs = paragraph_runs(task.text, changed, span_mask(len(task.text), in_text), kept)
    title: tuple[Run, ...] = ()
    if not printed and in_title:
        title = paragraph_runs(
            task.title.replace("\n", " "), [False] * len(task.title), span_mask(len(task.title), in_title)
        )[0]
    return Side(task, tuple(paragraphs), title, kept_share(task.text, changed), len(spans))


def _terms(annotations: Annotations | None, task: Task) -> dict[str, Term]:
    if annotations is None:
        return {}
    found: dict[str, Term] = {}
    for block in task.blocks:
        for hit in annotations.block_hits(block):
            found.setdefault(hit.term_id, annotations.term(hit.term_id))
    return found


def _renamed(annotations: Annotations | None, a: dict[str, Term], b: dict[str, Term]) -> tuple[tuple[Term, Term], ...]:
    """Terms of the earlier task (``a``) that the later one (``b``) names otherwise: a member
    of the same rename family (``terms.yaml`` renamed_as) on each side, neither on both."""
    if annotations is None:
        return ()
    return tuple(
        (ta, tb)
        for ka, ta in a.items()
        if ka not in b
        for kb, tb in b.items()
        if kb not in a and kb != ka and annotations.family(ka) == annotations.family(kb)
    )


def _term_spans(annotations: Annotations | None, task: Task, ids: set[str]) -> list[tuple[int, int]]:
    """Where the terms ``ids`` occur in the task's text (its body blocks joined by line breaks)."""
    out: list[tuple[int, int]] = []
    offset = 0
    for block in task.body:
        if annotations is not None:
            out += [(offset + h.start, offset + h.end) for h in annotations.block_hits(block) if h.term_id in ids]
        offset += len(block.text) + 1
    return out


def _figures(indicators: Indicators | None, earlier: Task, later: Task) -> tuple[FigureRow, ...]:
    if indicators is None:
        return ()
    names: dict[str, str] = {}
    sides: dict[str, tuple[list[Statement], list[Statement]]] = {}
    for side, task in enumerate((earlier, later)):
        for block in task.blocks:
            for statement in indicators.in_block(block):
                indicator = indicators.indicator(statement)
                names.setdefault(indicator.id, indicator.name)
                sides.setdefault(indicator.id, ([], []))[side].append(statement)
    return tuple(FigureRow(names[key], tuple(a), tuple(b)) for key, (a, b) in sides.items())


def compare(
    earlier: Task,
    later: Task,
    cut: WordCut,
    links: Sequence[Link] = (),
    annotations: Annotations | None = None,
    indicators: Indicators | None = None,
) -> Comparison:
    """Both texts with deletions, insertions and the evidence of ``links`` marked, and the
    terms and figures that differ."""
    changed_a, changed_b = changed_masks(earlier.text, later.text, cut)
    spans_a = [e.predecessor for l in links for e in l.evidence]
    spans_b = [e.successor for l in links for e in l.evidence]
    terms_a, terms_b = _terms(annotations, earlier), _terms(annotations, later)
    renamed = _renamed(annotations, terms_a, terms_b)
    old, new = {a.id for a, _ in renamed}, {b.id for _, b in renamed}
    return Comparison(
        _side(earlier, changed_a, spans_a, _term_spans(annotations, earlier, old)),
        _side(later, changed_b, spans_b, _term_spans(annotations, later, new)),
        tuple(links),
        tuple(t for k, t in terms_b.items() if k not in terms_a and k not in new),
        tuple(t for k, t in terms_a.items() if k not in terms_b and k not in old),
        _figures(indicators, earlier, later),
        renamed,
    )


@dataclass(frozen=True)
class Pair:
    """One comparison on a task's page: the other task, which is earlier, and the links
    that join them directly (none: the line connects them through other tasks)."""

    other: Task
    earlier: Task
    later: Task
    links: tuple[Link, ...]

    @property
    def direct(self) -> bool:
        return bool(self.links)


def line_pairs(views: Lineageish, task_id: str, years: int = 0) -> tuple[list[Pair], list[Pair]]:
    """The comparisons of a task's page: with each ancestor, and with each descendant, on
    its line (:func:`policy_line`, same window), corpus order."""
    views = views_of(views)
    lineage = views.lineage
    line = policy_line(views, task_id, years)
    focus = line.focus
    before, after = [], []
    linked = {r.other: (r.link,) for r in lineage.relations(task_id, PREDECESSOR, SUCCESSOR)}
    for node in line.nodes:
        if node.role == "ancestor":
            before.append(Pair(node.task, node.task, focus, linked.get(node.task.id, ())))
        elif node.role == "descendant":
            after.append(Pair(node.task, focus, node.task, linked.get(node.task.id, ())))
    return before, after


# ---------------------------------------------------------------- policy line


def closure(
    views: Lineageish, task_id: str, forward: bool, within: frozenset[str] | None = None, beyond: set[str] | None = None
) -> list[str]:
    """Every task reachable from ``task_id`` through successor (``forward``) or predecessor
    links, without the task itself, each once, in corpus order. With ``within`` (plan ids)
    the walk does not enter tasks of other plans; those it reaches directly from inside
    are added to ``beyond`` if given."""
    views = views_of(views)
    lineage, order = views.lineage, views.order
    seen: set[str] = set()
    stack = [task_id]
    while stack:
        here = stack.pop()
        for link in lineage.successors(here) if forward else lineage.predecessors(here):
            other = link.successor if forward else link.predecessor
            if other in seen or other == task_id:
                continue
            if within is not None and lineage.plan_of(other) not in within:
                if beyond is not None:
                    beyond.add(other)
                continue
            seen.add(other)
            stack.append(other)
    return sorted(seen, key=order.__getitem__)


@dataclass(frozen=True)
class LineageViews:
    """The lineage with the maps its views look things up in, built once per site
    (``load.make_site``), never per page: a page per task that recomputed them made the
    lineage pages quadratic in the corpus size. A record of its own, so the lineage stays
    as the linker made it."""

    lineage: Lineage
    order: Mapping[str, int]  # task id → corpus position
    tasks: Mapping[str, Task]  # task id → task
    pairs: Mapping[tuple[str, str], tuple[Link, ...]]  # (earlier plan, later plan) → links
    next_plans: Mapping[str, Plan | None]  # plan id → link.next_plan
    years: int = 0  # the site's window (link settings' lookback_years) …
    windows: Mapping[str, tuple[Plan, ...]] = field(default_factory=dict)  # … plan id → its window

    @classmethod
    def of(cls, lineage: Lineage, years: int = 0) -> LineageViews:
        tasks = lineage.corpus.tasks  # walks every plan: once per lineage
        pairs: dict[tuple[str, str], list[Link]] = {}
        for l in lineage.links:
            pairs.setdefault((lineage.plan_of(l.predecessor), lineage.plan_of(l.successor)), []).append(l)
        plans = lineage.corpus.plans
        return cls(
            lineage,
            {task.id: i for i, task in enumerate(tasks)},
            {task.id: task for task in tasks},
            {key: tuple(links) for key, links in pairs.items()},
            {p.id: next_plan(lineage.corpus, p.id) for p in plans},
            years,
            {p.id: _window(plans, p.meta.start_year, years) for p in plans},
        )


Lineageish = Lineage | LineageViews  # the view functions take either; a bare Lineage is indexed on the spot


def views_of(lineage: Lineageish) -> LineageViews:
    """The lineage's view maps: the site's (built once), or made now from a bare lineage (tests)."""
    return lineage if isinstance(lineage, LineageViews) else LineageViews.of(lineage)


def _window(plans: Sequence[Plan], start: int, years: int) -> tuple[Plan, ...]:
    return tuple(p for p in plans if not years or abs(p.meta.start_year - start) <= years)


def window(lineage: Lineageish, plan_id: str, years: int) -> tuple[Plan, ...]:
    """The plans that started at most ``years`` before or after ``plan_id`` (all if 0), in
    corpus order; looked up for the site's window, computed for any other."""
    views = views_of(lineage)
    if years == views.years and plan_id in views.windows:
        return views.windows[plan_id]
    corpus = views.lineage.corpus
    return _window(corpus.plans, corpus.plan(plan_id).meta.start_year, years)


@dataclass(frozen=True)
class LineEdge:
    """A line drawn between two tasks of a policy line: a link (its strength) or the focus
    task's related pair (``RELATED``)."""

    earlier: str
    later: str
    kind: str  # STRONG, WEAK or RELATED


@dataclass(frozen=True)
class LineNode:
    task: Task
    role: str  # "focus", "ancestor", "descendant" or "related" (an editors' related pair of the focus)
    after: tuple[LineEdge, ...]  # the edges from its direct predecessors within the line, corpus order
    direct: bool = False  # the focus or one of its own relations; else reached through a third task


@dataclass(frozen=True)
class PolicyLine:
    focus: Task
    columns: tuple[tuple[Plan, tuple[LineNode, ...]], ...]  # every plan of the window, in corpus order
    years: int = 0  # the window: plans starting at most this many years before or after (0: all plans)
    beyond_earlier: tuple[str, ...] = ()  # where the line goes on before the window: first tasks outside
    beyond_later: tuple[str, ...] = ()  # … and after it; corpus order

    @property
    def nodes(self) -> list[LineNode]:
        return [node for _, nodes in self.columns for node in nodes]

    @property
    def edges(self) -> list[LineEdge]:
        """Every edge of the line, by later task then earlier task (corpus order)."""
        return [edge for node in self.nodes for edge in node.after]

    @property
    def continues(self) -> bool:
        """Does the line go on beyond the window?"""
        return bool(self.beyond_earlier or self.beyond_later)


def policy_line(views: Lineageish, task_id: str, years: int = 0) -> PolicyLine:
    """The task's ancestors and descendants within its window (plans starting at most
    ``years`` before or after its plan; 0: all plans), and the task's own related pairs
    there, laid out by plan (empty plans of the window included), with the first tasks
    beyond the window where the line goes on. Every relation of the task (its
    ``Lineage.relations``) within the window is a node marked ``direct``."""
    views = views_of(views)
    lineage, order, tasks = views.lineage, views.order, views.tasks
    plans = window(views, lineage.plan_of(task_id), years)
    within = frozenset(p.id for p in plans) if years else None
    earlier: set[str] = set()
    later: set[str] = set()
    role = dict.fromkeys(closure(views, task_id, False, within, earlier), "ancestor")
    role.update((t, "descendant") for t in closure(views, task_id, True, within, later))
    own = lineage.relations(task_id)
    for r in own:
        if r.role == RELATED and r.other not in role and (within is None or lineage.plan_of(r.other) in within):
            role[r.other] = "related"
    role[task_id] = "focus"
    direct = {task_id} | {r.other for r in own}
    by_plan: dict[str, list[LineNode]] = {}
    for tid in sorted(role, key=order.__getitem__):  # only the line's tasks, not the whole corpus
        edges = [LineEdge(l.predecessor, tid, l.strength) for l in lineage.predecessors(tid) if l.predecessor in role]
        edges += [
            LineEdge(r.other, tid, RELATED)
            for r in lineage.relations(tid, RELATED)
            if r.earlier and r.other in role and task_id in (tid, r.other)
        ]
        edges.sort(key=lambda e: order[e.earlier])
        by_plan.setdefault(tasks[tid].plan_id, []).append(LineNode(tasks[tid], role[tid], tuple(edges), tid in direct))
    columns = [(plan, tuple(by_plan.get(plan.id, ()))) for plan in plans]
    return PolicyLine(
        tasks[task_id],
        tuple(columns),
        years,
        tuple(sorted(earlier, key=order.__getitem__)),
        tuple(sorted(later, key=order.__getitem__)),
    )


def has_line(lineage: Lineage, task_id: str) -> bool:
    """A task has a lineage page (policy line, compare view) if it has any relation."""
    return bool(lineage.relations(task_id))


# ---------------------------------------------------------------- continuity per plan


@dataclass(frozen=True)
class FromPlan:
    """How a plan continues one earlier plan."""

    plan: Plan
    links: int  # links from the earlier plan's tasks to this plan's tasks
    continued: int  # earlier tasks with a successor in this plan
    continuing: int  # tasks of this plan with a predecessor in the earlier plan


@dataclass(frozen=True)
class Continuity:
    plan: Plan
    counts: dict[str, int]  # label → tasks of this plan with it (link.LABELS order)
    new: tuple[Task, ...]  # 新增
    earlier: tuple[FromPlan, ...]  # every earlier plan, corpus order
    previous: tuple[Plan, ...]  # plans whose next plan is this one
    dropped: tuple[Task, ...]  # their tasks without successor here (未延续), corpus order
    following: Plan | None  # the next plan, against which 未延续 of this plan is judged
    first: bool  # the first plan: nothing earlier to continue


def continuity(views: Lineageish, plan: Plan) -> Continuity:
    views = views_of(views)
    lineage = views.lineage
    plans = list(lineage.corpus.plans)
    labels = {task.id: lineage.labels(task.id) for task in plan.tasks}
    counts = {
        label: sum(label in l for l in labels.values()) for label in (NEW, CONTINUED, MERGED, SPLIT, DISCONTINUED)
    }
    by_pair = views.pairs
    earlier = []
    for other in plans[: plans.index(plan)]:
        links = by_pair.get((other.id, plan.id), ())
        earlier.append(
            FromPlan(other, len(links), len({l.predecessor for l in links}), len({l.successor for l in links}))
        )
    previous = tuple(p for p in plans if views.next_plans[p.id] is plan)
    dropped = tuple(t for p in previous for t in p.tasks if DISCONTINUED in lineage.labels(t.id))
    return Continuity(
        plan,
        counts,
        tuple(t for t in plan.tasks if NEW in labels[t.id]),
        tuple(earlier),
        previous,
        dropped,
        next_plan(lineage.corpus, plan.id),
        plan is plans[0],
    )


def applicable(lineage: Lineage, plan: Plan, label: str) -> bool:
    """Can a task of this plan carry the label? Not 新增/延续/合并 in the first plan (nothing
    earlier), not 拆分 in the last, not 未延续 without a next plan."""
    plans = lineage.corpus.plans
    if label in (NEW, CONTINUED, MERGED):
        return plan is not plans[0]
    if label == SPLIT:
        return plan is not plans[-1]
    return next_plan(lineage.corpus, plan.id) is not None


def pair_matrix(lineage: Lineage) -> tuple[list[Plan], list[tuple[Plan, list[int | None]]]]:
    """The plans × plans link counts: (columns: every plan but the first, rows: every plan
    but the last with one cell per column — links from the row's tasks to the column's,
    None where the column is not later than the row)."""
    counts = lineage.pair_counts()
    plans = list(lineage.corpus.plans)
    columns = plans[1:]
    rows = [
        (row, [counts.get((row.id, col.id), 0) if plans.index(col) > i else None for col in columns])
        for i, row in enumerate(plans[:-1])
    ]
    return columns, rows


# ---------------------------------------------------------------- review


def unlinked(lineage: Lineage) -> list[Task]:
    """Tasks with neither predecessor nor successor, corpus order."""
    return [t for t in lineage.corpus.tasks if not has_line(lineage, t.id)]


def label_counts_by_plan(lineage: Lineage) -> list[tuple[Plan, Counter]]:
    return [(plan, Counter(l for t in plan.tasks for l in lineage.labels(t.id))) for plan in lineage.corpus.plans]


@dataclass(frozen=True)
class ReviewProgress:
    """How far the editors' review has come (data/links.yaml)."""

    published: int  # links shown as predecessor/successor
    reviewed: int  # … of which an editor confirmed or added
    left: tuple[Link, ...]  # published links no editor has reviewed yet, corpus order
    pairs: int  # (later task, earlier plan) pairs
    pairs_reviewed: int  # … with any decision of an editor
    pairs_left: tuple[tuple[Task, Plan], ...]  # … without, corpus order


def review_progress(lineage: Lineage) -> ReviewProgress:
    plans = list(lineage.corpus.plans)
    reviewed = [l for l in lineage.links if l.review] + list(lineage.related) + list(lineage.rejected)
    decided = {(l.successor, lineage.plan_of(l.predecessor)) for l in reviewed}
    decided |= {(n.successor, n.plan) for n in lineage.none}
    pairs = [(task, plan) for i, later in enumerate(plans) for task in later.tasks for plan in plans[:i]]
    left = tuple((t, p) for t, p in pairs if (t.id, p.id) not in decided)
    unreviewed = tuple(l for l in lineage.links if not l.review)
    return ReviewProgress(
        len(lineage.links), len(lineage.links) - len(unreviewed), unreviewed, len(pairs), len(pairs) - len(left), left
    )


@dataclass(frozen=True)
class PairReview:
    """What the review decided for one pair of plans (earlier → later)."""

    earlier: Plan
    later: Plan
    confirmed: int  # automatic links kept
    added: int  # links the editors added
    rejected: int  # automatic links removed (reject, or none in that plan)
    related: int  # pairs marked related (not predecessors)
    none: int  # later tasks with no predecessor in the earlier plan, by the editors' reading


def review_by_pair(lineage: Lineage) -> list[PairReview]:

    plans = list(lineage.corpus.plans)
    count: Counter[tuple[str, str, str]] = Counter()
    for l in lineage.links:
        count[(lineage.plan_of(l.predecessor), lineage.plan_of(l.successor), l.review)] += 1
    for kind, links in (("related", lineage.related), ("rejected", lineage.rejected)):
        for l in links:
            count[(lineage.plan_of(l.predecessor), lineage.plan_of(l.successor), kind)] += 1
    for n in lineage.none:
        count[(n.plan, lineage.plan_of(n.successor), "none")] += 1
    return [
        PairReview(a, b, *(count[(a.id, b.id, k)] for k in (CONFIRMED, ADDED, "rejected", "related", "none")))
        for j, b in enumerate(plans)
        for a in plans[:j]
    ]


# ---------------------------------------------------------------- about page


@dataclass(frozen=True)
class SettingRow:
    """One number of ``data/lineage.yaml`` as the about page lists it."""

    group: str  # weights, thresholds or evidence
    key: str
    value: object
    meaning: str


def settings_rows(raw: object) -> tuple[SettingRow, ...]:
    """The numbers of ``data/lineage.yaml`` (``raw``: the parsed file, read by ``load_site``
    before anything renders), file order; keys without a known meaning point to the file's
    comments."""
    rows = []
    for group in ("weights", "thresholds", "evidence"):
        block = raw.get(group) if isinstance(raw, dict) else None
        for key, value in (block or {}).items():
            if key != "__line__":
                rows.append(
                    SettingRow(group, key, value, SETTING_MEANINGS[group].get(key, "见 data/lineage.yaml 中的注释"))
                )
    return tuple(rows)


# ---------------------------------------------------------------- what a reader is told


@dataclass(frozen=True)
class LabelView:
    """A task's lineage label as a reader sees it: text naming its plans, and what it means."""

    label: str  # one of link.LABELS
    text: str
    meaning: str


def _plans_text(plans) -> str:
    return "、".join(p.meta.short_name for p in plans)


def label_views(views: Lineageish, task: Task) -> list[LabelView]:
    """The task's labels (link.labels), each saying which plans it refers to."""
    views = views_of(views)
    lineage = views.lineage
    order = {p.id: p for p in lineage.corpus.plans}
    preds: dict[str, int] = {}
    for l in lineage.predecessors(task.id):
        plan = lineage.plan_of(l.predecessor)
        preds[plan] = preds.get(plan, 0) + 1
    succs: dict[str, int] = {}
    for l in lineage.successors(task.id):
        plan = lineage.plan_of(l.successor)
        succs[plan] = succs.get(plan, 0) + 1
    ranked = lambda ids: [p for pid, p in order.items() if pid in ids]
    out = []
    for label in lineage.labels(task.id):
        if label == NEW:
            text = NEW
        elif label == CONTINUED:
            text = f"延续自{_plans_text(ranked(preds))}"
        elif label == MERGED:
            text = f"合并（{_plans_text(ranked({k for k, n in preds.items() if n > 1}))}中有多项前序）"
        elif label == SPLIT:
            text = f"拆分（{_plans_text(ranked({k for k, n in succs.items() if n > 1}))}中有多项后续）"
        else:
            following = views.next_plans[task.plan_id]
            text = f"在{following.meta.short_name}未延续" if following is not None else label
        out.append(LabelView(label, text, LABEL_MEANINGS_ZH[label]))
    return out


__all__ = [
    "Comparison",
    "Continuity",
    "LineEdge",
    "LineNode",
    "Pair",
    "PolicyLine",
    "changed_masks",
    "closure",
    "compare",
    "continuity",
    "escape_text",
    "has_line",
    "kept_share",
    "label_counts_by_plan",
    "label_views",
    "line_pairs",
    "pair_matrix",
    "paragraph_runs",
    "policy_line",
    "review_by_pair",
    "review_progress",
    "span_mask",
    "unlinked",
    "window",
]
