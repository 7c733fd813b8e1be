"""Policy lines: a task with its ancestors and descendants within the task's window, the
comparisons of its page, and the view maps built once per site (:class:`LineageViews`).

From one task: every task reachable backwards through predecessor links (its ancestors)
and forwards through successor links (its descendants), **within the task's window**: the
plans that started at most ``lookback_years`` (the linker's setting, ``data/lineage.yaml``)
before or after the task's own plan (0: every plan). Links always point from an earlier
plan to a later one, so the graph is a DAG of depth below the number of plans and the walk
ends; nodes are unique and listed in corpus order (plan chronology, then document order).

Why a window, and why that one: ``docs/decisions/0003-policy-line-window.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ...core.model import Plan, Task
from ...lineage.graph import (
    PREDECESSOR,
    RELATED,
    SUCCESSOR,
    Lineage,
    Link,
    next_plan,
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
    linked: bool = False  # a predecessor or successor of the focus itself (not only through the line)
    related: bool = False  # an editors' related pair of the focus (it may also be in the line)

    @property
    def direct(self) -> bool:
        """The focus or one of its own relations; else reached through a third task."""
        return self.role == "focus" or self.linked or self.related


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
    there, laid out by plan (empty plans of the window in the task's series included), with the first tasks
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
    linked = {r.other for r in own if r.role != RELATED}
    related = {r.other for r in own if r.role == RELATED}
    by_plan: dict[str, list[LineNode]] = {}
    for tid in sorted(role, key=order.__getitem__):  # only the line's tasks, not the whole corpus
        edges = [LineEdge(l.predecessor, tid, l.strength) for l in lineage.predecessors(tid) if l.predecessor in role]
        edges += [
            LineEdge(r.other, tid, RELATED)
            for r in lineage.relations(tid, RELATED)
            if r.earlier and r.other in role and task_id in (tid, r.other)
        ]
        edges.sort(key=lambda e: order[e.earlier])
        by_plan.setdefault(tasks[tid].plan_id, []).append(
            LineNode(tasks[tid], role[tid], tuple(edges), tid in linked, tid in related)
        )
    series = lineage.corpus.plan(lineage.plan_of(task_id)).meta.series
    # every plan of the window in the task's series (empty ones too), and any other that holds a node
    columns = [
        (plan, tuple(by_plan.get(plan.id, ()))) for plan in plans if plan.meta.series == series or plan.id in by_plan
    ]
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


__all__ = [
    "LineEdge",
    "LineNode",
    "LineageViews",
    "Lineageish",
    "Pair",
    "PolicyLine",
    "closure",
    "has_line",
    "line_pairs",
    "policy_line",
    "views_of",
    "window",
]
