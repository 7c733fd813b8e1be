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

**Decided lines.** What became of a programme is often not in the words two tasks share (3G
trials continued as 4G networks), but the editors have already read the plans in between: when
a task's best candidate in one plan is tied by a confirm or add to a task of another plan, that
task is likely the continuation there too. :func:`ranked_candidates` ranks such a candidate as
if its score were higher by ``line_support`` × the task's score against that best candidate
(``data/lineage.yaml``; the shown score stays the index's), and names the best candidate
(``via``) so that the editor sees why it is listed. On the drill this raised the share of the
editors' links among the first three candidates from 0.862 to 0.88 (decision 0008, sixth trial).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..core.model import Corpus, Task
from .curation import ADD, CONFIRM, NONE, Decision
from .graph import Link, OpenPair, Proposal
from .index import Index

DEPTH = 5  # candidates per (task, earlier plan)
Lines = Mapping[str, frozenset[str]]  # task → the tasks a decision ties it to (:func:`decided_lines`)


@dataclass(frozen=True)
class Candidate:
    """One earlier task proposed as a predecessor."""

    task: Task
    score: float
    strength: str
    published: bool  # the linker makes this link (proposed: confirm; else: add)
    quotes: tuple[tuple[str, str], ...]  # evidence: (later task's clause, earlier task's clause), best first
    via: Task | None = None  # the later task's best candidate in another plan, tied to this one by a decision


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


@dataclass(frozen=True)
class Ranked:
    """One candidate of a task in an earlier plan, as the queue orders them."""

    task: str
    score: float  # the index's score of the pair
    via: str = ""  # the task's best candidate in another plan, which a decision ties to this one


def decided_lines(decisions: Iterable[Decision]) -> dict[str, frozenset[str]]:
    """Each task and the tasks the editors' ``confirm`` and ``add`` decisions tie it to,
    either way (a predecessor and its successor are on one line)."""
    ties: dict[str, set[str]] = {}
    for d in decisions:
        if d.decision in (CONFIRM, ADD):
            ties.setdefault(d.successor, set()).add(d.predecessor)
            ties.setdefault(d.predecessor, set()).add(d.successor)
    return {task: frozenset(tied) for task, tied in ties.items()}


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
    the linker publishes it); and for a pair that decisions name but where the linker
    publishes a link none of them names (an editor decided one candidate of several), those
    links, to be confirmed or rejected too. Corpus order, then earlier plans in order. The
    build stores it in the lineage (the review pages show it); ``review_queue`` writes it as a
    worksheet."""
    plan_of = {t.id: t.plan_id for t in corpus.tasks}
    decided = decided_pairs(decisions, plan_of)
    lines = decided_lines(decisions)
    published = {(l.successor, l.predecessor): l for l in auto}
    unnamed = undecided_links(auto, decisions, plan_of)
    wanted = set(plan_ids) if plan_ids is not None else None
    out = []
    for plan in corpus.plans:
        if wanted is not None and plan.id not in wanted:
            continue
        earlier = index.earlier.get(plan.id, ())
        for task in plan.tasks:
            left = [e for e in earlier if (task.id, e) not in decided or (task.id, e) in unnamed]
            if not left:
                continue  # ranking a decided task's candidates would be work for nothing
            ranked = ranked_candidates(index, task.id, lines)
            for plan_id in left:
                found = ranked.get(plan_id, ())
                if (task.id, plan_id) in decided:  # decided in part: only the links no decision names
                    found = tuple(r for r in found if (task.id, r.task) in unnamed[(task.id, plan_id)])
                proposals = tuple(_proposal(index, task.id, r, published.get((task.id, r.task))) for r in found[:depth])
                out.append(OpenPair(task.id, plan_id, proposals))
    return tuple(out)


def undecided_links(
    auto: Sequence[Link], decisions: Sequence[Decision], plan_of: Mapping[str, str]
) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(later task, earlier plan) → the automatic links there that no decision names (none
    removes every link of its plan: those are decided)."""
    named = {(d.successor, d.predecessor) for d in decisions if d.decision != NONE}
    nones = {(d.successor, d.plan) for d in decisions if d.decision == NONE}
    out: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for l in auto:
        pair = (l.successor, plan_of[l.predecessor])
        if (l.successor, l.predecessor) not in named and pair not in nones:
            out.setdefault(pair, set()).add((l.successor, l.predecessor))
    return out


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


def ranked_candidates(index: Index, task_id: str, lines: Lines | None = None) -> dict[str, tuple[Ranked, ...]]:
    """The task's candidates per earlier plan, best first — the order of the review queue
    and of the drill's: the index's candidates (``Index.candidates``) by score (ties: task
    id), with the candidates of the decided ``lines`` (:func:`line_support`) ranked by score
    plus their support, which may bring in a task that shares no distinctive word."""
    by_plan: dict[str, dict[str, float]] = {}
    for other in index.candidates(task_id):
        by_plan.setdefault(index.task_plan[other], {})[other] = index.score(task_id, other)[0]
    support = line_support(index, task_id, by_plan, lines or {})
    for other in support:
        by_plan.setdefault(index.task_plan[other], {}).setdefault(other, index.score(task_id, other)[0])
    weight = index.settings.line_support

    def key(item: tuple[str, float]) -> tuple[float, str]:
        other, score = item
        return -(score + weight * support.get(other, (0.0, ""))[0]), other

    return {
        plan: tuple(
            Ranked(other, score, support.get(other, (0.0, ""))[1]) for other, score in sorted(found.items(), key=key)
        )
        for plan, found in by_plan.items()
    }


def line_support(
    index: Index, task_id: str, by_plan: Mapping[str, Mapping[str, float]], lines: Lines
) -> dict[str, tuple[float, str]]:
    """Earlier tasks that a decision ties to the task's best candidate in another plan →
    (the task's score against that best candidate, the best candidate); the strongest tie
    where there are several (ties: the smaller id). Off when ``line_support`` is 0."""
    if index.settings.line_support <= 0 or not lines:
        return {}
    reach = set(index.earlier.get(index.task_plan[task_id], ()))
    found: dict[str, tuple[float, str]] = {}
    for plan, scores in by_plan.items():
        best, score = min(scores.items(), key=lambda item: (-item[1], item[0]))
        for other in lines.get(best, ()):
            where = index.task_plan.get(other)
            if where in reach and where != plan:
                held = found.get(other)
                if held is None or (-score, best) < (-held[0], held[1]):
                    found[other] = (score, best)
    return found


def _proposal(index: Index, later: str, ranked: Ranked, link: Link | None) -> Proposal:
    if link is not None:
        return Proposal(ranked.task, ranked.score, link.strength, True, link.evidence, ranked.via)
    _, evidence, strength = index.evidence(later, ranked.task)
    return Proposal(ranked.task, ranked.score, strength, False, evidence, ranked.via)


def _candidate(later: Task, tasks: Mapping[str, Task], proposal: Proposal) -> Candidate:
    earlier = tasks[proposal.predecessor]
    quotes = tuple(
        (e.successor.of(later.title, later.text), e.predecessor.of(earlier.title, earlier.text))
        for e in proposal.evidence
    )
    via = tasks[proposal.via] if proposal.via else None
    return Candidate(earlier, proposal.score, proposal.strength, proposal.published, quotes, via)


__all__ = [
    "DEPTH",
    "Candidate",
    "Queue",
    "QueueItem",
    "Ranked",
    "decided_lines",
    "decided_pairs",
    "line_support",
    "open_pairs",
    "ranked_candidates",
    "review_queue",
    "undecided_links",
]
