"""The review queue of a plan: for each of its tasks and each earlier plan in reach, the
linker's candidates ranked best first, with their evidence and a proposed decision.

Pipeline place: the lineage layer, beside ``selection`` (what the linker publishes) and
``curation`` (the editors' decisions). ``python -m build_scripts review PLAN`` writes it as a
worksheet in the format of ``data/links.yaml`` (``worksheet``), so that an editor confirms or
corrects instead of searching a whole earlier plan for each task.

A pair (task, earlier plan) is **open** while no decision of ``links.yaml`` names it (a
decision about one of the plan's tasks as predecessor or a ``none`` for that plan); a new
plan's pairs are all open. For each open pair the queue holds up to ``depth`` candidates (the
index's candidates by score: the drill, ``benchmarks/plan_arrival.py``, measures how often the
editors' link is among the first three). A candidate the linker publishes is proposed as
``confirm`` with the linker's strength; the others are offered as ``add`` for the editor to
take; a pair where the linker publishes nothing is proposed as ``none``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..core.model import Corpus, Task
from .curation import NONE, Decision
from .graph import Link, OpenPair, Proposal
from .index import Index

DEPTH = 5  # candidates per (task, earlier plan)


@dataclass(frozen=True)
class Candidate:
    """One earlier task proposed as a predecessor."""

    task: Task
    score: float
    strength: str
    published: bool  # the linker makes this link (proposed: confirm; else: add)
    quotes: tuple[tuple[str, str], ...]  # evidence: (later task's clause, earlier task's clause), best first


@dataclass(frozen=True)
class QueueItem:
    """One open pair: a task of the plan and an earlier plan, with its candidates."""

    task: Task
    earlier_plan: str
    candidates: tuple[Candidate, ...]

    @property
    def proposes_none(self) -> bool:
        return not any(c.published for c in self.candidates)


@dataclass(frozen=True)
class Queue:
    plan_id: str
    items: tuple[QueueItem, ...]  # open pairs, in document order of the plan, then earlier plans in order
    pairs: int  # every (task, earlier plan) pair of the plan
    decided: int  # pairs some decision already names


def decided_pairs(decisions: Sequence[Decision], plan_of: dict[str, str]) -> set[tuple[str, str]]:
    """(later task, earlier plan) pairs that a decision names."""
    return {(d.successor, d.plan if d.decision == NONE else plan_of[d.predecessor]) for d in decisions}


def open_pairs(
    corpus: Corpus,
    index: Index,
    auto: Sequence[Link],
    decisions: Sequence[Decision],
    plan_ids: Sequence[str] | None = None,
    depth: int = DEPTH,
) -> tuple[OpenPair, ...]:
    """The review queue as records: for each task of ``plan_ids`` (default: every plan) and
    each earlier plan in reach that no decision names, up to ``depth`` candidates of the
    index by score, each with the linker's strength and evidence (the published link's, if
    the linker publishes it). Corpus order, then earlier plans in order. The build stores it
    in the lineage (the review pages show it); ``review_queue`` writes it as a worksheet."""
    plan_of = {t.id: t.plan_id for t in corpus.tasks}
    decided = decided_pairs(decisions, plan_of)
    published = {(l.successor, l.predecessor): l for l in auto}
    wanted = set(plan_ids) if plan_ids is not None else None
    out = []
    for plan in corpus.plans:
        if wanted is not None and plan.id not in wanted:
            continue
        earlier = index.earlier.get(plan.id, ())
        for task in plan.tasks:
            left = [e for e in earlier if (task.id, e) not in decided]
            if not left:
                continue  # ranking a decided task's candidates would be work for nothing
            ranked = ranked_candidates(index, task.id)
            for plan_id in left:
                found = tuple(
                    _proposal(index, task.id, other, score, published.get((task.id, other)))
                    for score, other in ranked.get(plan_id, ())[:depth]
                )
                out.append(OpenPair(task.id, plan_id, found))
    return tuple(out)


def review_queue(
    corpus: Corpus, index: Index, auto: Sequence[Link], decisions: Sequence[Decision], plan_id: str, depth: int = DEPTH
) -> Queue:
    """The queue of ``plan_id``: its open pairs with their ranked candidates."""
    tasks = {t.id: t for t in corpus.tasks}
    items = queue_items(open_pairs(corpus, index, auto, decisions, (plan_id,), depth), tasks)
    pairs = len(corpus.plan(plan_id).tasks) * len(index.earlier.get(plan_id, ()))
    return Queue(plan_id, items, pairs, pairs - len(items))


def queue_items(pairs: Iterable[OpenPair], tasks: Mapping[str, Task]) -> tuple[QueueItem, ...]:
    """Open pairs as the worksheet and the review pages show them: with the tasks, and each
    candidate's evidence as the quoted clauses."""
    return tuple(
        QueueItem(
            tasks[pair.successor], pair.plan, tuple(_candidate(tasks[pair.successor], tasks, p) for p in pair.proposals)
        )
        for pair in pairs
    )


def ranked_candidates(index: Index, task_id: str) -> dict[str, tuple[tuple[float, str], ...]]:
    """The task's candidates (``Index.candidates``) per earlier plan, as (score, task id),
    best first (ties: task id) — the order of the review queue and of the drill's."""
    ranked: dict[str, list[tuple[float, str]]] = {}
    for other in index.candidates(task_id):
        ranked.setdefault(index.task_plan[other], []).append((-index.score(task_id, other)[0], other))
    return {plan: tuple((-negative, other) for negative, other in sorted(found)) for plan, found in ranked.items()}


def _proposal(index: Index, later: str, earlier: str, score: float, link: Link | None) -> Proposal:
    if link is not None:
        return Proposal(earlier, score, link.strength, True, link.evidence)
    _, evidence, strength = index.evidence(later, earlier)
    return Proposal(earlier, score, strength, False, evidence)


def _candidate(later: Task, tasks: Mapping[str, Task], proposal: Proposal) -> Candidate:
    earlier = tasks[proposal.predecessor]
    quotes = tuple(
        (e.successor.of(later.title, later.text), e.predecessor.of(earlier.title, earlier.text))
        for e in proposal.evidence
    )
    return Candidate(earlier, proposal.score, proposal.strength, proposal.published, quotes)


__all__ = [
    "DEPTH",
    "Candidate",
    "Queue",
    "QueueItem",
    "decided_pairs",
    "open_pairs",
    "ranked_candidates",
    "review_queue",
]
