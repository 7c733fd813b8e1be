"""What a reader is told of a task's place in the lineage: its labels (新增, 延续 …) and
the plans they refer to.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.model import Task
from ...lineage.graph import (
    CONTINUED,
    MERGED,
    NEW,
    SPLIT,
)
from ..labels import LABEL_MEANINGS_ZH
from .lines import Lineageish, views_of

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
    "LabelView",
    "label_views",
]
