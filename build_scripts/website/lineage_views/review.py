"""The editors' review: progress, unlinked tasks, label counts and decisions per plan pair.

The review covers what the linker reads: a later task against each earlier plan in its reach
(``lookback_years``, the site's ``line_years``; 0: every earlier plan). Counting every earlier
plan made the review page grow with tasks × plans (129,466 pairs on one 26.5 MB page at 20×);
in reach, a task has a bounded number of earlier plans however many plans the site holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ...core.model import Plan, Task
from ...lineage.graph import (
    ADDED,
    CONFIRMED,
    PREDECESSOR,
    SUCCESSOR,
    Lineage,
    Link,
)
from ...lineage.index import in_reach
from ...lineage.queue import Candidate, QueueItem, queue_items
from .lines import has_line

# ---------------------------------------------------------------- review

# Candidates a review page shows per pair left: the first three, where the drill measures how
# often the editors' link is (benchmarks/plan_arrival.py); the worksheet lists queue.DEPTH. A
# plan's page then stays a few hundred kilobytes when all its pairs are open (a new plan).
SHOWN = 3


def unlinked(lineage: Lineage) -> list[Task]:
    """Tasks with no relation at all (no predecessor, successor or related pair), corpus order."""
    return [t for t in lineage.corpus.tasks if not has_line(lineage, t.id)]


def linked_tasks(lineage: Lineage) -> list[Task]:
    """Tasks with a predecessor or a successor (a related pair alone is no link), corpus order."""
    return [t for t in lineage.corpus.tasks if lineage.relations(t.id, PREDECESSOR, SUCCESSOR)]


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


def review_progress(lineage: Lineage, years: int = 0) -> ReviewProgress:
    plans = list(lineage.corpus.plans)
    reviewed = [l for l in lineage.links if l.reviewed] + list(lineage.related) + list(lineage.rejected)
    decided = {(l.successor, lineage.plan_of(l.predecessor)) for l in reviewed}
    decided |= {(n.successor, n.plan) for n in lineage.none}
    pairs = [
        (task, plan)
        for i, later in enumerate(plans)
        for plan in plans[:i]
        if in_reach(later.meta, plan.meta, years)
        for task in later.tasks
    ]
    left = tuple((t, p) for t, p in pairs if (t.id, p.id) not in decided)
    unreviewed = tuple(l for l in lineage.links if not l.reviewed)
    return ReviewProgress(
        len(lineage.links), len(lineage.links) - len(unreviewed), unreviewed, len(pairs), len(pairs) - len(left), left
    )


@dataclass(frozen=True)
class PlanLeft:
    """What is left to review of one later plan's tasks: its share of :class:`ReviewProgress`,
    and for each pair left the review queue's candidates (empty: the linker has none there)."""

    plan: Plan
    links: tuple[Link, ...]  # published links of its tasks no editor has reviewed
    pairs: tuple[tuple[Task, Plan], ...]  # (its task, an earlier plan in reach) without a decision
    queued: dict[tuple[str, str], QueueItem] = field(default_factory=dict)  # (task, plan) → its queue

    def shown(self, task_id: str, plan_id: str) -> tuple[Candidate, ...]:
        """The candidates a review page shows for a pair left: the queue's first :data:`SHOWN`."""
        item = self.queued.get((task_id, plan_id))
        return item.candidates[:SHOWN] if item else ()

    def proposes_none(self, task_id: str, plan_id: str) -> bool:
        """The linker publishes none of the pair's candidates (or has none): "no predecessor"."""
        item = self.queued.get((task_id, plan_id))
        return item is None or item.proposes_none

    def by_earlier(self) -> list[tuple[Plan, tuple[Task, ...]]]:
        """The pairs left, grouped by earlier plan (each on a page of its own: an editor reads
        one earlier plan at a time), earlier plans in corpus order, tasks in corpus order."""
        grouped: dict[str, tuple[Plan, list[Task]]] = {}
        for task, plan in self.pairs:
            grouped.setdefault(plan.id, (plan, []))[1].append(task)
        return [(plan, tuple(tasks)) for plan, tasks in grouped.values()]


def left_by_plan(lineage: Lineage, progress: ReviewProgress) -> list[PlanLeft]:
    """The later plans with anything left to review, corpus order: each gets a page of its
    own, so that no page lists every task of every plan."""
    links: dict[str, list[Link]] = {}
    for l in progress.left:
        links.setdefault(lineage.plan_of(l.successor), []).append(l)
    pairs: dict[str, list[tuple[Task, Plan]]] = {}
    for task, plan in progress.pairs_left:
        pairs.setdefault(task.plan_id, []).append((task, plan))
    queued: dict[str, dict[tuple[str, str], QueueItem]] = {}
    for item in queue_items(lineage.open, {t.id: t for t in lineage.corpus.tasks}):
        queued.setdefault(item.task.plan_id, {})[(item.task.id, item.earlier_plan)] = item
    return [
        PlanLeft(plan, tuple(links.get(plan.id, ())), tuple(pairs.get(plan.id, ())), queued.get(plan.id, {}))
        for plan in lineage.corpus.plans
        if plan.id in links or plan.id in pairs
    ]


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


def review_by_pair(lineage: Lineage, years: int = 0) -> list[PairReview]:
    """Each pair of plans in reach, and any other pair an editor decided something for."""
    plans = list(lineage.corpus.plans)
    count: Counter[tuple[str, str, str]] = Counter()
    for l in lineage.links:
        count[(lineage.plan_of(l.predecessor), lineage.plan_of(l.successor), l.origin)] += 1
    for kind, links in (("related", lineage.related), ("rejected", lineage.rejected)):
        for l in links:
            count[(lineage.plan_of(l.predecessor), lineage.plan_of(l.successor), kind)] += 1
    for n in lineage.none:
        count[(n.plan, lineage.plan_of(n.successor), "none")] += 1
    return [
        PairReview(a, b, *(count[(a.id, b.id, k)] for k in (CONFIRMED, ADDED, "rejected", "related", "none")))
        for j, b in enumerate(plans)
        for a in plans[:j]
        if in_reach(b.meta, a.meta, years)
        or any(count[(a.id, b.id, k)] for k in (CONFIRMED, ADDED, "rejected", "related", "none"))
    ]


__all__ = [
    "SHOWN",
    "PairReview",
    "PlanLeft",
    "ReviewProgress",
    "label_counts_by_plan",
    "left_by_plan",
    "linked_tasks",
    "review_by_pair",
    "review_progress",
    "unlinked",
]
