"""Indicators: the statements grouped by what they count, and their series across plans.

Pipeline place: the top of the figures layer. :func:`build` extracts the statements
(``statements``), applies ``data/indicators.yaml`` (``curation``) and groups them; the result
is data in memory (``Site.indicators``): ``website/pages/indicators.py`` renders the per-plan
tables and the per-indicator series, ``termmarks`` marks each figure in task text, and
``export`` writes ``indicators.json``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DataError, Problem, display_path
from ..core.model import Block, Corpus
from ..language.terms import Term, TermMatcher
from .curation import Alias, apply_curation, load_curation
from .naming import normalise
from .statements import Kind, Statement, extract

# ---------------------------------------------------------------- indicators and series


@dataclass(frozen=True)
class Indicator:
    """Statements that count the same thing; ``id`` is a URL slug (from ``aliases:`` or the key)."""

    id: str
    name: str
    keys: tuple[str, ...]
    statements: tuple[Statement, ...]  # in time order (year, baseline before target, plan order)

    @property
    def plan_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.plan_id for s in self.statements))

    @property
    def is_series(self) -> bool:
        return len(self.statements) >= 2


def auto_id(key: str) -> str:
    """A stable ASCII slug for an indicator without an alias entry: its key's code points."""
    import hashlib

    return "i-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


@dataclass
class Indicators:
    """The curated statements of every plan, grouped into indicators."""

    statements: tuple[Statement, ...]
    indicators: tuple[Indicator, ...]
    plan_ids: tuple[str, ...]

    def __post_init__(self) -> None:
        self.of: dict[int, Indicator] = {}
        for indicator in self.indicators:
            for s in indicator.statements:
                self.of[id(s)] = indicator
        self.by_block: dict[Block, list[Statement]] = {}
        for s in self.statements:  # equal blocks (same text and span) share their figures once
            found = self.by_block.setdefault(s.block, [])
            if not any(o.start == s.start and o.end == s.end for o in found):
                found.append(s)
        self.numbers: dict[int, str] = {}
        counters: dict[str, int] = {}
        for s in self.statements:
            counters[s.plan_id] = counters.get(s.plan_id, 0) + 1
            self.numbers[id(s)] = f"{s.plan_id}-n{counters[s.plan_id]}"

    def indicator(self, statement: Statement) -> Indicator:
        return self.of[id(statement)]

    def anchor(self, statement: Statement) -> str:
        """The statement's row anchor in its plan's table (``p12-n7``), in document order."""
        return self.numbers[id(statement)]

    def of_plan(self, plan_id: str) -> list[Statement]:
        return [s for s in self.statements if s.plan_id == plan_id]

    def in_block(self, block: Block) -> list[Statement]:
        return self.by_block.get(block, [])

    @property
    def series(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.is_series)

    def by_id(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)


def group(
    corpus: Corpus, statements: list[Statement], aliases: tuple[Alias, ...], terms: tuple[Term, ...], file: str
) -> tuple[tuple[Indicator, ...], list[Problem]]:
    """Group statements by key; keys listed in one alias are one indicator."""
    matcher = TermMatcher(terms) if terms else None
    by_term = {t.id: t for t in terms}
    keys = {id(s): normalise(s.indicator, matcher, by_term) for s in statements}
    known = sorted(set(keys.values()))
    problems: list[Problem] = []
    owner: dict[str, Alias] = {}
    ids: dict[str, Alias] = {}
    for alias in aliases:
        if alias.id in ids:
            problems.append(
                Problem(file, alias.line, f"aliases: duplicate id {alias.id!r} (first at line {ids[alias.id].line})")
            )
        ids.setdefault(alias.id, alias)
        for form in alias.forms:
            key = normalise(form, matcher, by_term)
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
                hint = f" (closest extracted indicator: {close[0]!r})" if close else ""
                problems.append(
                    Problem(file, alias.line, f"aliases {alias.id}: form {form!r} names no extracted indicator{hint}")
                )
            elif key in owner and owner[key] is not alias:
                problems.append(
                    Problem(
                        file,
                        alias.line,
                        f"aliases {alias.id}: form {form!r} already belongs to "
                        f"{owner[key].id!r} (line {owner[key].line})",
                    )
                )
            else:
                owner[key] = alias
    groups: dict[str, list[Statement]] = {}
    names: dict[str, str] = {}
    group_keys: dict[str, list[str]] = {}
    plan_rank = {plan.id: i for i, plan in enumerate(corpus.plans)}
    for s in statements:
        key = keys[id(s)]
        owned = owner.get(key)
        gid = owned.id if owned else auto_id(key)
        groups.setdefault(gid, []).append(s)
        names.setdefault(gid, owned.name if owned else s.indicator)
        if key not in group_keys.setdefault(gid, []):
            group_keys[gid].append(key)
    out = []
    for gid, found in groups.items():
        found.sort(key=lambda s: (s.year, plan_rank[s.plan_id], s.kind != Kind.BASELINE) + s.sort_key)
        if gid not in ids:  # the latest plan's wording names an indicator without an alias
            names[gid] = found[-1].indicator
        out.append(Indicator(gid, names[gid], tuple(group_keys[gid]), tuple(found)))
    out.sort(key=lambda i: (-len(i.plan_ids), -len(i.statements), i.name))
    return tuple(out), problems


def build(corpus: Corpus, terms: tuple[Term, ...], path: Path) -> Indicators:
    """Extract, curate and group; raises :class:`DataError` with every problem of the file."""
    curation, problems = load_curation(path)
    file = display_path(path)
    statements, more = apply_curation(corpus, extract(corpus), curation, file)
    problems += more
    indicators, more = group(corpus, statements, curation.aliases, terms, file)
    problems += more
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    return Indicators(tuple(statements), indicators, tuple(plan.id for plan in corpus.plans))


__all__ = [
    "Indicator",
    "Indicators",
    "auto_id",
    "build",
    "group",
]
