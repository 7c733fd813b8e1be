"""The editors' review of the lineage (``data/links.yaml``), applied over the automatic links.

Pipeline place: ``build.build_lineage`` calls :func:`load_curation` with the automatic
links and :func:`apply_curation` to merge; ``--no-curation`` skips both so the automatic
linker can be measured on its own.

Decisions (one entry each; see the header of data/links.yaml):

* ``confirm`` — an editor read both texts and keeps the automatic link;
* ``reject``  — the link is wrong; it is removed, also if a later tuning finds it again;
* ``add``     — a link the linker does not find;
* ``none``    — the editor read the whole earlier ``plan`` and found no predecessor there:
  any automatic link from that plan to this task is removed (the note says why);
* ``related`` — the two tasks share a measure, but it is not the later task's line: a
  minor clause of the later task, or a weak tie where the task has a strong predecessor
  in that plan. It is not a predecessor (an automatic link for the pair is removed); the
  site lists it under 相关条款 and the open data under ``related``.

Which of an editor's judgments are published as predecessors (the rule the editors apply
when they write ``confirm``/``add``): every strong link, and a weak one only where the task
has no strong predecessor in that plan and the tie carries the later task's main subject
(its subject is one measure of a bundled earlier task). Everything else the editor found
is ``related``.

Every kept or added link carries the editor's strength (strong/weak), note (shown as
编者按) and review state (:data:`graph.CONFIRMED`, :data:`graph.ADDED`). ``evidence`` quotes
the clause of each task that continue each other; a quote must occur verbatim in its
task's title or text and becomes a span (offsets) there. Without a quote, the linker's
own evidence for the pair is used.

Validation goes through :class:`schema.Checker` and reports every problem of the file at
once as ``file:line: message``: missing or unknown fields, a field the entry's decision
does not take or a field it requires (both part of :data:`ENTRY_SCHEMA`), an unknown decision or
strength, unknown task or plan ids (with the closest id as a suggestion), a predecessor
that is not in an earlier plan, a quote not found in its task, and the same pair listed
twice. These are errors (:class:`DataError`): nothing is exported from a file that does
not validate. Decisions that no longer match the automatic links are **notes**, not
problems: a ``reject`` of a link the linker does not make (the veto stands, should the
linker find it again), a ``confirm`` of one it does not make (published as added), an
``add`` of one it already makes (published as confirmed: a link's origin says what the linker
makes now). The automatic links change when the
tunables change, and when a plan is added (every word's weight depends on all the tasks):
the editors' reading of a pair does not, so a build never stops on it (decision 0010).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import DataError, Problem, display_path
from ..core.model import Corpus, Task
from ..core.schema import Checker, Field, compose, field_node
from .evidence import TEXT, TITLE, Evidence, TextSpan
from .graph import ADDED, AUTO, CONFIRMED, RELATED_REVIEW, STRENGTHS, WEAK, Link
from .index import Index

CONFIRM, REJECT, ADD, NONE, RELATED = "confirm", "reject", "add", "none", "related"
DECISIONS = (CONFIRM, REJECT, ADD, NONE, RELATED)
# The review worksheet's notes begin so (worksheet.py) until an editor has read both texts and
# rewritten them: a decision still saying so is not a decision, and is refused.
UNREVIEWED = "待审定"
# Beside an editor's quote, a clause pair of the linker's is shown only if it rests on more
# than one shared word, a dictionary term, or a word that few tasks use (at most this share):
# one common word (方式, 合作, 专业) ties two clauses of a reviewed link that do not continue
# each other, and a reader would take it for evidence.
SUPPORTING_DF = 0.04

EVIDENCE_SCHEMA = (Field("successor", "str"), Field("predecessor", "str"))
# The fields of an entry; which ones a decision requires or allows is part of the schema
# (``by="decision"``): a none names the plan read, every other decision the earlier task;
# confirm and add grade the link; quotes belong to links that continue (or relate).
ENTRY_SCHEMA = (
    Field("successor", "str"),
    Field("decision", "enum", choices=DECISIONS),
    Field("note", "str"),
    Field("predecessor", "str", by="decision", needed_for=(CONFIRM, REJECT, ADD, RELATED)),
    Field("plan", "str", by="decision", needed_for=(NONE,)),
    Field("strength", "enum", choices=STRENGTHS, by="decision", needed_for=(CONFIRM, ADD)),
    Field("evidence", "mapping", fields=EVIDENCE_SCHEMA, by="decision", allowed_for=(CONFIRM, ADD, RELATED)),
)


@dataclass(frozen=True)
class Decision:
    successor: str  # the later task
    predecessor: str  # the earlier task ("" for NONE)
    decision: str  # one of DECISIONS
    note: str
    line: int
    strength: str = ""  # for CONFIRM and ADD
    plan: str = ""  # for NONE: the earlier plan without predecessor
    evidence: Evidence | None = None  # from the quotes, if given


def _suggest(task_id: str, known: list[str]) -> str:
    close = difflib.get_close_matches(task_id, known, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def quote_span(task: Task, quote: str) -> TextSpan | None:
    """Where a quote stands in a task: its text first, then its title; None if nowhere."""
    for part, text in ((TEXT, task.text), (TITLE, task.title)):
        start = text.find(quote)
        if start >= 0:
            return TextSpan(part, start, start + len(quote))
    return None


class _Reader:
    """Checks the entries of one file against the corpus; collects every problem."""

    def __init__(self, corpus: Corpus, checker: Checker):
        self.checker = checker
        self.rank = {plan.id: i for i, plan in enumerate(corpus.plans)}
        self.tasks = {task.id: task for task in corpus.tasks}
        self.known = list(self.tasks)
        self.seen: dict[tuple[str, str], int] = {}

    def problem(self, node: yaml.Node, message: str) -> None:
        self.checker.problems.append(Problem(self.checker.file, node.start_mark.line + 1, message))

    def task(self, node: yaml.Node, role: str, task_id: str) -> Task | None:
        task = self.tasks.get(task_id)
        if task is None:
            self.problem(field_node(node, role), f"{role} {task_id!r}: no such task{_suggest(task_id, self.known)}")
        return task

    def decision(self, node: yaml.Node, values: dict[str, Any]) -> Decision | None:
        """The decision of an entry whose fields passed the schema, checked against the
        corpus; None (with the problem recorded) if it names unknown or misordered tasks."""
        line = node.start_mark.line + 1
        if values["note"].strip().startswith(UNREVIEWED):
            self.problem(
                field_node(node, "note"),
                f"note begins with {UNREVIEWED!r}, the review worksheet's placeholder: read both texts, "
                "then say what continues (or why nothing does)",
            )
        successor = self.task(node, "successor", values["successor"].strip())
        if successor is None:
            return None
        if values["decision"] == NONE:
            return self._none(node, values, successor, line)
        predecessor = self.task(node, "predecessor", values["predecessor"].strip())
        if predecessor is None or not self._earlier(node, predecessor, successor):
            return None
        evidence = self._evidence(node, values.get("evidence"), successor, predecessor)
        if not self._first(node, (successor.id, predecessor.id)):
            return None
        return Decision(
            successor.id,
            predecessor.id,
            values["decision"],
            values["note"].strip(),
            line,
            values.get("strength", ""),
            evidence=evidence,
        )

    def _none(self, node: yaml.Node, values: dict[str, Any], successor: Task, line: int) -> Decision | None:
        plan = values["plan"].strip()
        if plan not in self.rank:
            self.problem(
                field_node(node, "plan"),
                f"plan {plan!r}: expected the id of the earlier plan reviewed ({', '.join(self.rank)})",
            )
            return None
        if self.rank[plan] >= self.rank[successor.plan_id]:
            self.problem(
                field_node(node, "plan"), f"plan {plan} is not earlier than {successor.id}'s plan {successor.plan_id}"
            )
            return None
        if not self._first(node, (successor.id, "plan:" + plan)):
            return None
        return Decision(successor.id, "", NONE, values["note"].strip(), line, plan=plan)

    def _earlier(self, node: yaml.Node, predecessor: Task, successor: Task) -> bool:
        if self.rank[predecessor.plan_id] < self.rank[successor.plan_id]:
            return True
        when = "the same plan as" if predecessor.plan_id == successor.plan_id else "a later plan than"
        self.problem(
            field_node(node, "predecessor"),
            f"predecessor {predecessor.id} is in {when} successor {successor.id} "
            f"({predecessor.plan_id} is not earlier than {successor.plan_id}); "
            "predecessors come only from earlier plans",
        )
        return False

    def _evidence(
        self, node: yaml.Node, quotes: dict[str, Any] | None, successor: Task, predecessor: Task
    ) -> Evidence | None:
        """The quotes (checked by :data:`EVIDENCE_SCHEMA`) as spans of their tasks."""
        if quotes is None:
            return None
        evidence_node = field_node(node, "evidence")
        spans = []
        for role, task in (("successor", successor), ("predecessor", predecessor)):
            quote = quotes[role]
            span = quote_span(task, quote)
            if span is None:
                self.problem(evidence_node, f"evidence.{role}: {quote!r} is not in the title or text of {task.id}")
                return None
            spans.append(span)
        return Evidence(spans[0], spans[1])

    def contradictions(self, decisions: list[Decision]) -> None:
        """A ``none`` (no predecessor of a task in a plan) beside a ``confirm`` or ``add`` of
        a predecessor of that task in that plan: the site would say both. Each pair is
        reported at both lines."""
        kept: dict[tuple[str, str], list[Decision]] = {}
        for d in decisions:
            if d.decision in (CONFIRM, ADD):
                kept.setdefault((d.successor, self.tasks[d.predecessor].plan_id), []).append(d)
        for none in (d for d in decisions if d.decision == NONE):
            for link in kept.get((none.successor, none.plan), ()):
                said = (
                    f"{'an' if link.decision == ADD else 'a'} {link.decision} of {link.successor} ← {link.predecessor}"
                )
                plan, task = none.plan, none.successor
                for line, message in (
                    (
                        none.line,
                        f"none: no predecessor of {task} in {plan}, but line {link.line} is {said}, a task of {plan}",
                    ),
                    (link.line, f"{said} ({plan}), but line {none.line} says {task} has no predecessor in {plan}"),
                ):
                    self.checker.problems.append(Problem(self.checker.file, line, message + "; keep one of the two"))

    def _first(self, node: yaml.Node, key: tuple[str, str]) -> bool:
        line = node.start_mark.line + 1
        if key in self.seen:
            what = f"{key[0]} ← {key[1]}" if not key[1].startswith("plan:") else f"{key[0]} in plan {key[1][5:]}"
            self.problem(node, f"duplicate entry for {what} (first at line {self.seen[key]})")
            return False
        self.seen[key] = line
        return True


def load_curation(
    corpus: Corpus, path: Path, auto: tuple[Link, ...] | None = None
) -> tuple[list[Decision], list[Problem]]:
    """Read and validate the decisions; returns ``(decisions, notes)``.

    An absent file means no decisions. Every error is collected and raised at once.
    With ``auto`` given, decisions that do not match the automatic links are noted."""
    if not path.exists():
        return [], []
    root = compose(path)
    if root is None:
        return [], []
    checker = Checker(display_path(path))
    top = checker.root(root, "links.yaml")
    node = top.get("links")
    if node is None or (isinstance(node, yaml.ScalarNode) and checker.value(node) is None):
        return [], []  # no list, or `links:` with nothing under it
    reader = _Reader(corpus, checker)
    decisions: list[Decision] = []
    for entry, values in checker.entries(node, root, "links", ENTRY_SCHEMA):
        if _complete(values):
            found = reader.decision(entry, values)
            if found is not None:
                decisions.append(found)
    reader.contradictions(decisions)
    if checker.problems:
        raise DataError(sorted(checker.problems, key=lambda p: p.line or 0))
    return decisions, _drift(decisions, auto, display_path(path)) if auto is not None else []


def naming_moved(path: Path, gone: dict[str, str | None]) -> list[Problem]:
    """Each decision in ``path`` that names a task whose id no longer names it (``gone``:
    recorded id → its new id, or None if the task was deleted), at the decision's line: its
    ids and evidence quotes were written for the task as recorded (task_record.py)."""
    root = compose(path) if path.exists() else None
    if root is None or not gone:
        return []
    checker = Checker(display_path(path))
    node = checker.root(root, "links.yaml").get("links")
    problems = []
    for entry in node.value if isinstance(node, yaml.SequenceNode) else []:
        if not isinstance(entry, yaml.MappingNode):
            continue
        for key, value in entry.value:
            task = (
                value.value
                if key.value in ("successor", "predecessor") and isinstance(value, yaml.ScalarNode)
                else None
            )
            if task in gone:
                now = gone[task]
                where = f"now {now}" if now else "deleted"
                problems.append(
                    Problem(
                        checker.file,
                        value.start_mark.line + 1,
                        f"{key.value} {task} names a task that moved ({where}): this decision and its evidence "
                        "were written for the task as recorded; update the id",
                    )
                )
    return problems


def _complete(values: dict[str, Any]) -> bool:
    """Every field the entry's decision requires passed the schema (else it is reported)."""
    if not {"successor", "decision", "note"} <= set(values):
        return False
    needed = {f.name for f in ENTRY_SCHEMA if values["decision"] in f.needed_for}
    return needed <= set(values)


def _drift(decisions: list[Decision], auto: tuple[Link, ...], where: str) -> list[Problem]:
    """Decisions the automatic links no longer match (see the module's docstring): notes."""
    made = {(l.successor, l.predecessor) for l in auto}
    notes = []
    for d in decisions:
        exists = (d.successor, d.predecessor) in made
        if d.decision == REJECT and not exists:
            notes.append(
                Problem(
                    where,
                    d.line,
                    f"note: reject {d.successor} ← {d.predecessor}: the "
                    "linker does not make this link (the veto stands)",
                )
            )
        elif d.decision == CONFIRM and not exists:
            notes.append(
                Problem(
                    where,
                    d.line,
                    f"note: confirm {d.successor} ← {d.predecessor}: the "
                    "linker does not make this link; it is published as added",
                )
            )
        elif d.decision == ADD and exists:
            notes.append(
                Problem(
                    where,
                    d.line,
                    f"note: add {d.successor} ← {d.predecessor}: the linker makes this link now (published as confirmed)",
                )
            )
    return notes


@dataclass(frozen=True)
class Applied:
    """The outcome of the review: the published links, the related pairs (marked
    :data:`graph.RELATED_REVIEW`) and the automatic links it removed (each with the note
    of the ``reject`` or ``none`` that removed it)."""

    links: list[Link]
    related: list[Link]
    rejected: list[Link]


def apply_curation(auto: tuple[Link, ...], decisions: list[Decision], index: Index) -> Applied:
    """The automatic links with the decisions applied; the editors' decisions win."""
    tasks = {t.id: t for t in index.corpus.tasks}
    by_pair = {(l.successor, l.predecessor): l for l in auto}
    none = {(d.successor, d.plan): d for d in decisions if d.decision == NONE}
    rejected = []
    for pair in [p for p in by_pair if (p[0], index.task_plan[p[1]]) in none]:
        rejected.append(replace(by_pair.pop(pair), note=none[(pair[0], index.task_plan[pair[1]])].note))
    related = []
    for d in decisions:
        pair = (d.successor, d.predecessor)
        if d.decision in (REJECT, RELATED):
            removed = by_pair.pop(pair, None)
            if d.decision == RELATED:
                related.append(
                    replace(_reviewed(removed, replace(d, strength=WEAK), index, tasks), origin=RELATED_REVIEW)
                )
            elif removed is not None:
                rejected.append(replace(removed, note=d.note))
        elif d.decision in (CONFIRM, ADD):
            by_pair[pair] = _reviewed(by_pair.get(pair), d, index, tasks)
    return Applied(list(by_pair.values()), related, rejected)


def _reviewed(existing: Link | None, d: Decision, index: Index, tasks: Mapping[str, Task]) -> Link:
    """The link as the editor decided it: strength, note, origin (confirmed, or added where
    the linker has not made it), evidence: the editor's quotes first, with the words they share,
    then the linker's clause pairs that are not the same clauses again and say more than one
    common word (:func:`_supports`)."""
    origin = CONFIRMED if existing is not None and existing.origin == AUTO else ADDED
    if existing is None:
        score, terms = index.score(d.successor, d.predecessor)
        _, evidence, _ = index.evidence(d.successor, d.predecessor)
        existing = Link(
            d.predecessor, d.successor, score, tuple(terms[: index.settings.terms_shown]), ADDED, evidence=evidence
        )
    evidence = existing.evidence
    if d.evidence is not None:
        quote = d.evidence
        later, earlier = tasks[d.successor], tasks[d.predecessor]
        words = index.shared_words(
            quote.successor.of(later.title, later.text), quote.predecessor.of(earlier.title, earlier.text)
        )
        further = tuple(e for e in evidence if not _same_clauses(e, quote) and _supports(e, index))
        evidence = (replace(quote, words=words),) + further
    return replace(
        existing,
        note=d.note,
        strength=d.strength,
        evidence=evidence,
        origin=origin,
    )


def _supports(found: Evidence, index: Index) -> bool:
    """A clause pair that says more than one common word (:data:`SUPPORTING_DF`)."""
    words = found.words
    return (
        len(words) >= 2
        or any(w in index.segmenter.policy_terms for w in words)
        or any(index.df_share.get(w, 1.0) <= SUPPORTING_DF for w in words)
    )


def _same_clauses(found: Evidence, quote: Evidence) -> bool:
    """A clause pair of the linker's that holds the editor's quotes on both sides (the quote
    shown again, longer)."""
    return _overlap(found.successor, quote.successor) and _overlap(found.predecessor, quote.predecessor)


def _overlap(a: TextSpan, b: TextSpan) -> bool:
    return a.part == b.part and a.start < b.end and b.start < a.end


__all__ = [
    "ADD",
    "CONFIRM",
    "DECISIONS",
    "NONE",
    "REJECT",
    "RELATED",
    "Applied",
    "Decision",
    "apply_curation",
    "load_curation",
    "quote_span",
]
