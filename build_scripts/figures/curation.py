"""The editors' corrections of the extracted statements: ``data/indicators.yaml``.

Pipeline place: after ``statements``; ``indicators.build`` applies it.

**Curation.** ``data/indicators.yaml`` corrects the extraction: each entry names a plan and
an exact quote of its text that contains exactly one extracted figure (``correct`` its
indicator, kind, year or unit; ``drop`` it) or contains the figure to ``add``. Every
problem is reported at once with its line; a quote that matches no figure or several is
an error.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import Problem, display_path
from ..core.model import Corpus, Plan
from ..core.schema import Checker, Field, compose
from ..language.annotate import block_places, sentence_spans
from .statements import SKIPPED, Kind, Origin, Statement

# ---------------------------------------------------------------- curation (data/indicators.yaml)

ACTIONS = ("correct", "drop", "add")
# Which fields an entry has depends on its action (``by``), checked by the schema like the
# decisions of links.yaml: ``add`` needs the whole statement, ``correct`` may change the
# indicator, kind, year or unit (at least one: a rule across fields, see apply_curation),
# ``drop`` takes none of them.
_ADD, _CORRECT = ("add",), ("correct",)
ENTRY_SCHEMA = (
    Field("plan", "str"),
    Field("quote", "str"),
    Field("action", "enum", choices=ACTIONS),
    Field("figure", "str", by="action", needed_for=_ADD),
    Field("indicator", "str", by="action", needed_for=_ADD, allowed_for=_CORRECT),
    Field("kind", "enum", choices=tuple(Kind), by="action", needed_for=_ADD, allowed_for=_CORRECT),
    Field("year", "int", by="action", needed_for=_ADD, allowed_for=_CORRECT),
    Field("value", "number", by="action", needed_for=_ADD),
    Field("value_high", "number", by="action", allowed_for=_ADD),
    Field("unit", "str", by="action", needed_for=_ADD, allowed_for=_CORRECT),
    Field("qualifiers", "list[str]", by="action", allowed_for=_ADD),
    Field("note", "str", required=False),
)
ALIAS_SCHEMA = (Field("id", "str"), Field("name", "str"), Field("forms", "list[str]"))
CORRECTABLE = ("indicator", "kind", "year", "unit")
ADD_REQUIRED = ("figure", "indicator", "value", "unit", "kind", "year")


@dataclass(frozen=True)
class Alias:
    """Indicator names (keys or printed names) that are one indicator; ``id`` is its URL slug."""

    id: str
    name: str
    forms: tuple[str, ...]
    line: int


@dataclass
class Curation:
    entries: list[tuple[dict[str, Any], int]] = field(default_factory=list)  # (values, line)
    aliases: tuple[Alias, ...] = ()


def load_curation(path: Path) -> tuple[Curation, list[Problem]]:
    """Read ``data/indicators.yaml`` (schema only; quotes are checked against the plans later)."""
    if not path.exists():
        return Curation(), []
    root = compose(path)
    checker = Checker(display_path(path))
    if root is None:
        return Curation(), []
    top = checker.root(root, "indicators.yaml")
    for key in sorted(set(top) - {"statements", "aliases"}):
        checker.problem(top[key], key, "unknown section; expected statements, aliases")
    curation = Curation()
    for name, schema in (("statements", ENTRY_SCHEMA), ("aliases", ALIAS_SCHEMA)):
        node = top.get(name)
        if node is None or (isinstance(node, yaml.ScalarNode) and checker.value(node) is None):
            continue
        if isinstance(node, yaml.SequenceNode) and not node.value:
            continue
        for entry, values in checker.entries(node, root, name, schema):
            line = entry.start_mark.line + 1
            if name == "aliases":
                if {"id", "name", "forms"} <= values.keys():
                    curation.aliases += (Alias(values["id"], values["name"], tuple(values["forms"]), line),)
            else:
                curation.entries.append((values, line))
    return curation, checker.problems


def _suggest(quote: str, texts: list[str]) -> str:
    """The plan's sentence with a figure that shares the longest run with the quote, shown
    around that run, to help fix a quote that matches nothing (a short quote against a long
    sentence is never "close" as a whole, so the whole-string ratio found none)."""
    best, size, where = "", 0, 0
    for text in texts:
        match = difflib.SequenceMatcher(None, quote, text, autojunk=False).find_longest_match()
        if match.size > size:
            best, size, where = text, match.size, match.b
    if size < min(4, max(2, len(quote) // 2)):
        return ""
    clause = max(best.rfind(mark, 0, where) for mark in "，。；：、")  # from the clause the run is in
    start = clause + 1 if clause >= 0 and where - clause <= 40 else max(0, where - 20)
    return f" (closest sentence with a figure: {best[start : start + 60]!r})"


def apply_curation(
    corpus: Corpus, statements: list[Statement], curation: Curation, file: str
) -> tuple[list[Statement], list[Problem]]:
    """The statements with the entries applied; every problem (unknown plan, a quote that
    matches no figure or several, missing or misplaced fields) reported with its line."""
    problems: list[Problem] = []
    by_plan: dict[str, list[Statement]] = {}
    for s in statements:
        by_plan.setdefault(s.plan_id, []).append(s)
    plans = {plan.id: plan for plan in corpus.plans}
    dropped: set[int] = set()
    changed: dict[int, Statement] = {}
    added: list[Statement] = []
    claimed: dict[int, int] = {}
    for values, line in curation.entries:
        plan_id, quote, action = values.get("plan"), values.get("quote"), values.get("action")
        if plan_id is None or quote is None or action is None:
            continue  # already reported by the schema
        if plan_id not in plans:
            problems.append(Problem(file, line, f"plan {plan_id!r}: no such plan (expected one of {', '.join(plans)})"))
            continue
        if action == "correct" and not any(k in values for k in CORRECTABLE):
            problems.append(Problem(file, line, f"correct: give at least one of {', '.join(CORRECTABLE)}"))
            continue
        if action == "add":
            if any(k not in values for k in ADD_REQUIRED):
                continue  # each missing or invalid field is reported by the schema
            statement, problem = _added(plans[plan_id], values, file, line)
            if problem:
                problems.append(problem)
            elif statement is not None:
                added.append(statement)
            continue
        places = [
            (i, s)
            for i, s in enumerate(statements)
            if s.plan_id == plan_id
            and any(q <= s.start and s.end <= q + len(quote) for q in _occurrences(s.block.text, quote))
        ]
        if len(places) != 1:
            sentences = [s.sentence_text for s in by_plan.get(plan_id, [])]
            if not places:
                problems.append(
                    Problem(
                        file,
                        line,
                        f"quote {quote!r} contains no extracted figure of {plan_id}{_suggest(quote, sentences)}",
                    )
                )
            else:
                figures = "、".join(s.figure for _, s in places)
                problems.append(
                    Problem(
                        file,
                        line,
                        f"quote {quote!r} is ambiguous: it contains {len(places)} "
                        f"figures ({figures}); quote just the clause of one",
                    )
                )
            continue
        index, statement = places[0]
        if index in claimed:
            problems.append(
                Problem(file, line, f"figure {statement.figure!r} is already curated at line {claimed[index]}")
            )
            continue
        claimed[index] = line
        if action == "drop":
            dropped.add(index)
        else:
            update = {k: values[k] for k in CORRECTABLE if k in values}
            if "kind" in update:
                update["kind"] = Kind(update["kind"])
            changed[index] = replace(statement, origin=Origin.CORRECTED, note=values.get("note", ""), **update)
    out = [changed.get(i, s) for i, s in enumerate(statements) if i not in dropped] + added
    order = {plan.id: i for i, plan in enumerate(corpus.plans)}
    out.sort(key=lambda s: (order[s.plan_id],) + s.sort_key)
    return out, problems


def _occurrences(text: str, quote: str) -> list[int]:
    out, position = [], text.find(quote)
    while position >= 0:
        out.append(position)
        position = text.find(quote, position + 1)
    return out


def _added(plan: Plan, values: dict[str, Any], file: str, line: int) -> tuple[Statement | None, Problem | None]:
    quote, figure = values["quote"], values["figure"]
    hits = [
        (block, place, q)
        for block, place in block_places(plan)
        if block.kind not in SKIPPED
        for q in _occurrences(block.text, quote)
    ]
    if len(hits) != 1:
        what = "does not occur" if not hits else f"occurs {len(hits)} times"
        return None, Problem(file, line, f"add: quote {quote!r} {what} in {plan.id}; quote text that occurs once")
    block, place, q = hits[0]
    inside = _occurrences(quote, figure)
    if len(inside) != 1:
        return None, Problem(file, line, f"add: figure {figure!r} must occur exactly once in the quote")
    start = q + inside[0]
    sentence = next(((a, b) for a, b in sentence_spans(block.text) if a <= start < b), (q, q + len(quote)))
    return Statement(
        plan.id,
        place,
        block,
        start,
        start + len(figure),
        sentence,
        values["indicator"],
        float(values["value"]),
        float(values["value_high"]) if "value_high" in values else None,
        values["unit"],
        tuple(values.get("qualifiers") or ()),
        Kind(values["kind"]),
        values["year"],
        Origin.ADDED,
        values.get("note", ""),
    ), None


__all__ = [
    "ACTIONS",
    "ADD_REQUIRED",
    "ALIAS_SCHEMA",
    "CORRECTABLE",
    "ENTRY_SCHEMA",
    "Alias",
    "Curation",
    "apply_curation",
    "load_curation",
]
