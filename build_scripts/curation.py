"""Curated lineage decisions (``data/links.yaml``) applied over the automatic links.

Pipeline place: ``link.build_lineage`` calls :func:`load_curation` with the automatic
links and :func:`apply_curation` to merge; ``--no-curation`` skips both so the automatic
linker can be measured on its own.

Decisions (one entry each; see the header of data/links.yaml):

* ``confirm`` — a person checked the link; it is kept whatever later tuning does;
* ``reject``  — the link is wrong; it is removed, also if a later tuning finds it again;
* ``add``     — a link the linker does not find.

Curated links (confirm, add) are marked ``origin: curated`` and carry the note; their
score and shared terms are computed by the linker for the pair, so every link shows the
same kind of justification.

Validation reports every problem of the file at once, as ``file:line: message``:
missing or unknown fields, an unknown decision, unknown task ids (with the closest
existing id as a suggestion), a predecessor that is not in an earlier plan (same plan or
forward in time), and the same pair listed twice. These are errors (:class:`DataError`):
nothing is exported from a file that does not validate.

Decisions that no longer match the automatic links are **warnings**, not errors — the
automatic output legitimately changes when the tunables change, and a stale decision is
harmless: a ``reject`` of a link the linker does not make (nothing to remove; keep it if
it guards against a future regression, delete it otherwise), a ``confirm`` of a link the
linker does not make (it is kept, i.e. it now acts as an ``add``) and an ``add`` of a
link the linker already makes (say ``confirm``). The CLI prints them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Problem, display_path
from .link import CURATED, Index, Link
from .schema import describe_value, load_yaml
from .model import Corpus
from .paths import DATA

LINKS = DATA / "links.yaml"
DECISIONS = ("confirm", "reject", "add")
FIELDS = ("successor", "predecessor", "decision", "note")


@dataclass(frozen=True)
class Decision:
    successor: str  # the later task
    predecessor: str  # the earlier task
    decision: str  # one of DECISIONS
    note: str
    line: int


def _suggest(task_id: str, known: list[str]) -> str:
    close = difflib.get_close_matches(task_id, known, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def load_curation(corpus: Corpus, path: Path = LINKS, auto: tuple[Link, ...] | None = None
                  ) -> tuple[list[Decision], list[Problem]]:
    """Read and validate the curated decisions; returns ``(decisions, warnings)``.

    An absent file means no decisions. Every error is collected and raised at once.
    With ``auto`` given, decisions that do not match the automatic links are warnings.
    """
    if not path.exists():
        return [], []
    where = display_path(path)
    raw = load_yaml(path)
    if raw is None:
        return [], []
    problems: list[Problem] = []
    entries = raw.get("links") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        if isinstance(raw, dict) and raw.get("links") is None and "links" in raw:
            return [], []  # `links:` with nothing under it
        raise DataError([Problem(where, raw.get("__line__", 1) if isinstance(raw, dict) else 1,
                                 "expected a mapping with a list under `links:`")])
    rank = {plan.id: i for i, plan in enumerate(corpus.plans)}
    plan_of = {task.id: task.plan_id for task in corpus.tasks}
    known = list(plan_of)
    decisions: list[Decision] = []
    seen: dict[tuple[str, str], int] = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            problems.append(Problem(where, raw["__line__"], f"links entry {number}: expected a mapping with "
                                    f"{', '.join(FIELDS)}"))
            continue
        line = entry["__line__"]
        bad = False
        for key in sorted(set(entry) - set(FIELDS) - {"__line__"}):
            problems.append(Problem(where, line, f"unknown field {key!r} (expected {', '.join(FIELDS)})"))
            bad = True
        for key in FIELDS:
            value = entry.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                problems.append(Problem(where, line, f"missing field {key!r}"))
                bad = True
            elif not isinstance(value, str):
                problems.append(Problem(where, line, f"links[{number - 1}].{key}: expected text, "
                                                     f"found {describe_value(value)}"))
                bad = True
        if bad:
            continue
        successor, predecessor = entry["successor"].strip(), entry["predecessor"].strip()
        decision = entry["decision"].strip()
        if decision not in DECISIONS:
            problems.append(Problem(where, line, f"decision {decision!r}: expected one of {', '.join(DECISIONS)}"))
            bad = True
        for role, task_id in (("successor", successor), ("predecessor", predecessor)):
            if task_id not in plan_of:
                problems.append(Problem(where, line, f"{role} {task_id!r}: no such task{_suggest(task_id, known)}"))
                bad = True
        if bad:
            continue
        if rank[plan_of[predecessor]] >= rank[plan_of[successor]]:
            when = "the same plan as" if plan_of[predecessor] == plan_of[successor] else "a later plan than"
            problems.append(Problem(where, line, f"predecessor {predecessor} is in {when} successor "
                                    f"{successor} ({plan_of[predecessor]} is not earlier than "
                                    f"{plan_of[successor]}); predecessors come only from earlier plans"))
            continue
        pair = (successor, predecessor)
        if pair in seen:
            problems.append(Problem(where, line, f"duplicate entry for {successor} ← {predecessor} "
                                    f"(first at line {seen[pair]})"))
            continue
        seen[pair] = line
        decisions.append(Decision(successor, predecessor, decision, entry["note"].strip(), line))
    if problems:
        raise DataError(problems)
    warnings: list[Problem] = []
    if auto is not None:
        made = {(l.successor, l.predecessor) for l in auto}
        for d in decisions:
            exists = (d.successor, d.predecessor) in made
            if d.decision == "reject" and not exists:
                warnings.append(Problem(where, d.line, f"warning: reject {d.successor} ← {d.predecessor}: the "
                                        "linker does not make this link (nothing to remove)"))
            elif d.decision == "confirm" and not exists:
                warnings.append(Problem(where, d.line, f"warning: confirm {d.successor} ← {d.predecessor}: the "
                                        "linker does not make this link; it is kept as an add"))
            elif d.decision == "add" and exists:
                warnings.append(Problem(where, d.line, f"warning: add {d.successor} ← {d.predecessor}: the "
                                        "linker already makes this link (say confirm)"))
    return decisions, warnings


def apply_curation(auto: tuple[Link, ...], decisions: list[Decision], index: Index) -> list[Link]:
    """The automatic links with the decisions applied; curated decisions win."""
    by_pair = {(l.successor, l.predecessor): l for l in auto}
    for d in decisions:
        pair = (d.successor, d.predecessor)
        if d.decision == "reject":
            by_pair.pop(pair, None)
            continue
        score, terms = index.score(d.successor, d.predecessor)
        existing = by_pair.get(pair)
        if existing is not None:
            score, terms = existing.score, existing.terms
        by_pair[pair] = Link(d.predecessor, d.successor, score, tuple(terms[: index.settings.terms_shown]),
                             CURATED, d.note)
    return list(by_pair.values())


__all__ = ["Decision", "load_curation", "apply_curation", "LINKS", "DECISIONS"]
