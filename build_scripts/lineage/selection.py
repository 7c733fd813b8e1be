"""Which candidates become links: the automatic links of a corpus.

Pipeline place: after ``index`` (scores and evidence), before ``curation`` (the editors'
review, applied by ``build``). Reads a :class:`Corpus` (never changes it) and returns
:class:`Link` records sorted in corpus order.

**Selection**, for one later task and one earlier plan at a time: keep candidates
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

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

from ..core.model import Corpus
from ..language.segment import Segmenter
from .graph import Link, sort_links
from .index import Index
from .settings import Settings

ZScore = Callable[[float], float]  # a score → standard deviations above its rivals' mean


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
        if settings is None or seg is None:
            raise ValueError("auto_links needs an index, or settings and a segmenter")
        index = Index(corpus, settings, seg)
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


def _rescued(index: Index, later: str, earlier: str, score: float, forward: ZScore, backward: ZScore) -> bool:
    """The best candidate of a plan that the task scores left below the floor is still
    linked when it stands far above its rivals in both directions (``rescue_z``), its
    task score reaches ``rescue_score`` and (checked by the caller) its best clause pair
    reaches ``rescue``: a short task whose one measure continues in one clause of the other."""
    s = index.settings
    if s.rescue >= 1.0 or score < s.rescue_score:
        return False
    return bool(min(forward(score), backward(score)) >= s.rescue_z)


def standardiser(scores: list[float], population: int) -> ZScore:
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


__all__ = [
    "auto_links",
    "select",
    "standardiser",
]
