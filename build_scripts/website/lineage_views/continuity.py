"""Continuity per plan: what each task of a plan continues from the earlier plans, and the
plan × plan summary of the lineage page (in blocks: :func:`matrix_blocks`).
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
from ...lineage.index import in_reach
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


@dataclass(frozen=True)
class MatrixBlock:
    """One table of the plan × plan summary: earlier plans as rows, later plans in reach of
    any of them as columns; a cell is None where the column is not in the row's reach."""

    series: str  # the plans' series ("": the city's own)
    columns: tuple[Plan, ...]
    rows: tuple[tuple[Plan, tuple[int | None, ...]], ...]


def matrix_blocks(
    lineage: Lineage, years: int = 0
) -> tuple[tuple[MatrixBlock, ...], tuple[tuple[Plan, Plan, int], ...]]:
    """The plan × plan summary in blocks that stay small however many plans come: a block per
    series, and within a series a new block where a row's plan starts more than ``years``
    (the linker's reach; 0: never) after the block's first row, its columns only the plans in
    reach of its rows. Every pair the linker can link is in exactly one cell, so the tables
    grow with the plans, not with their square. Links an editor made across series are
    listed apart, with any an editor made beyond the reach: (earlier plan, later plan,
    links), corpus order. The real corpus is one block: every plan but the last as a row,
    every plan but the first as a column."""
    counts = lineage.pair_counts()
    plans = list(lineage.corpus.plans)
    order = {p.id: i for i, p in enumerate(plans)}
    blocks: list[MatrixBlock] = []
    for series in dict.fromkeys(p.meta.series for p in plans):
        members = [p for p in plans if p.meta.series == series]
        reach = {
            p.id: [q for q in members if order[q.id] > order[p.id] and in_reach(q.meta, p.meta, years)] for p in members
        }
        rows = [p for p in members if reach[p.id]]
        start = 0
        while start < len(rows):
            end = start + 1
            while end < len(rows) and not (years and rows[end].meta.start_year - rows[start].meta.start_year > years):
                end += 1
            block = rows[start:end]
            later = {q.id for p in block for q in reach[p.id]}
            columns = tuple(q for q in members if q.id in later)
            blocks.append(
                MatrixBlock(
                    series,
                    columns,
                    tuple(
                        (p, tuple(counts.get((p.id, q.id), 0) if q in reach[p.id] else None for q in columns))
                        for p in block
                    ),
                )
            )
            start = end
    shown = {
        (row.id, col.id)
        for b in blocks
        for row, cells in b.rows
        for col, n in zip(b.columns, cells, strict=True)
        if n is not None
    }
    across = tuple(
        (lineage.corpus.plan(a), lineage.corpus.plan(b), n) for (a, b), n in counts.items() if (a, b) not in shown
    )
    return tuple(blocks), across


__all__ = [
    "Continuity",
    "FromPlan",
    "MatrixBlock",
    "applicable",
    "continuity",
    "matrix_blocks",
]
