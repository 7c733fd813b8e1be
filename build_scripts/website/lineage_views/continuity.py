"""Continuity per plan: what each task of a plan continues from the earlier plans, and the
plan × plan summary of the lineage page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.model import Plan, Task
from ...lineage.graph import (
    CONTINUED,
    DISCONTINUED,
    MERGED,
    NEW,
    SPLIT,
    Lineage,
    next_plan,
)
from .lines import Lineageish, views_of

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


__all__ = [
    "Continuity",
    "FromPlan",
    "applicable",
    "continuity",
    "pair_matrix",
]
