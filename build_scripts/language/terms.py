"""The policy-term dictionary ``data/terms.yaml`` — loaded, validated, matched.

A term has a main form and variants that mean the same thing (4G = 第四代移动通信).
Validation reports every problem at once: schema errors, duplicate ids or terms, a form
(term or variant) claimed by two terms, and a term that never occurs in any plan unless
it is marked ``absent: true`` on purpose (and one so marked that does occur).

:class:`TermMatcher` finds terms in text: leftmost-longest, so 电子政务专网 wins over
电子政务, and insensitive to character width and ASCII case (ＩＰＶ６ = IPv6). Matching
never changes the text: it returns spans into it.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml

from ..core.errors import DataError, Problem, display_path
from ..core.model import BlockKind, Corpus
from ..core.schema import Checker, Field, compose


class TermCategory(StrEnum):
    PROGRAMME = "programme"
    INFRASTRUCTURE = "infrastructure"
    TECHNOLOGY = "technology"
    SERVICE = "service"
    GOVERNANCE = "governance"
    ECONOMY = "economy"
    SECURITY = "security"  # (the categories' Chinese names: site/labels.py CATEGORY_LABELS)


TERM_SCHEMA = (
    Field("id", "str"),
    Field("term", "str"),
    Field("category", "enum", choices=tuple(TermCategory)),
    Field("variants", "list[str]", required=False),
    Field("explanation", "str"),
    Field("absent", "bool", required=False),
    Field("renamed_as", "list[str]", required=False),
)


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    category: TermCategory
    variants: tuple[str, ...]
    explanation: str
    absent: bool
    line: int
    renamed_as: tuple[str, ...] = ()  # main forms of the terms that later (or more broadly) name it

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term,) + self.variants


@dataclass(frozen=True)
class TermHit:
    """An occurrence of a term: ``text[start:end]`` is the form as printed."""

    term_id: str
    start: int
    end: int


@functools.cache  # a few thousand distinct characters, folded once each
def fold(text: str) -> str:
    """Width- and case-insensitive form of one character (kept one-to-one with the text)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return folded if len(folded) == len(text) else text


class TermMatcher:
    """Leftmost-longest matching of every form of every term."""

    def __init__(self, terms: tuple[Term, ...]):
        self.forms: dict[str, str] = {}
        for term in terms:
            for form in term.forms:
                self.forms["".join(fold(ch) for ch in form)] = term.id
        self.lengths = sorted({len(form) for form in self.forms}, reverse=True)
        self.initials = frozenset(form[0] for form in self.forms)  # most positions start no form

    def find(self, text: str) -> list[TermHit]:
        folded = "".join(map(fold, text))
        hits: list[TermHit] = []
        position = 0
        while position < len(folded):
            if folded[position] not in self.initials:
                position += 1
                continue
            for length in self.lengths:
                term_id = self.forms.get(folded[position : position + length])
                if term_id is not None:
                    hits.append(TermHit(term_id, position, position + length))
                    position += length
                    break
            else:
                position += 1
        return hits


def load_terms(path: Path, corpus: Corpus | None = None) -> tuple[Term, ...]:
    """Load and validate the dictionary; with a corpus, also check that every term occurs."""
    root = compose(path)
    checker = Checker(display_path(path))
    terms = _entries(checker, root)
    problems = checker.problems + _duplicates(terms, checker.file) + _renames(terms, checker.file)
    if corpus is not None and not problems:
        problems += _occurrence(terms, corpus, checker.file)
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    return terms


def _entries(checker: Checker, root: yaml.Node | None) -> tuple[Term, ...]:
    top = checker.root(root, "terms.yaml")
    terms = []
    for entry, values in checker.entries(top.get("terms"), root, "terms", TERM_SCHEMA):
        if {"id", "term", "category", "explanation"} <= values.keys():
            terms.append(
                Term(
                    values["id"],
                    values["term"],
                    TermCategory(values["category"]),
                    tuple(values.get("variants") or ()),
                    values["explanation"],
                    bool(values.get("absent", False)),
                    entry.start_mark.line + 1,
                    tuple(values.get("renamed_as") or ()),
                )
            )
    return tuple(terms)


def _duplicates(terms: tuple[Term, ...], file: str) -> list[Problem]:
    problems = []
    ids: dict[str, Term] = {}
    forms: dict[str, Term] = {}
    for term in terms:
        if term.id in ids:
            problems.append(Problem(file, term.line, f"duplicate id {term.id!r} (first at line {ids[term.id].line})"))
        ids.setdefault(term.id, term)
        for form in term.forms:
            key = "".join(fold(ch) for ch in form)
            owner = forms.get(key)
            if owner is term:
                problems.append(
                    Problem(
                        file,
                        term.line,
                        f"variant {form!r} of {term.id!r} repeats another of its "
                        "forms up to width and case (matching ignores both); remove it",
                    )
                )
            elif owner is not None:
                what = "term" if form == term.term else "variant"
                problems.append(
                    Problem(
                        file,
                        term.line,
                        f"{what} {form!r} of {term.id!r} is already claimed by {owner.id!r} "
                        f"(line {owner.line}); a form may belong to one term only",
                    )
                )
            else:
                forms[key] = term
    return problems


def _renames(terms: tuple[Term, ...], file: str) -> list[Problem]:
    """``renamed_as`` names other terms by their main form, never the term itself, and a
    term is the later name of one term at most (a family is a chain or a tree, never a web)."""
    main = {term.term: term for term in terms}
    earlier: dict[str, Term] = {}
    problems = []
    for term in terms:
        for name in term.renamed_as:
            if name == term.term or name not in main:
                close = difflib.get_close_matches(name, list(main), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close and close[0] != term.term else ""
                what = "itself" if name == term.term else "no term"
                problems.append(
                    Problem(
                        file,
                        term.line,
                        f"renamed_as {name!r} of {term.id!r} names {what}; "
                        f"expected the main form of another term{hint}",
                    )
                )
            elif name in earlier:
                problems.append(
                    Problem(
                        file,
                        term.line,
                        f"renamed_as {name!r} of {term.id!r}: already the later "
                        f"name of {earlier[name].id!r} (line {earlier[name].line})",
                    )
                )
            else:
                earlier[name] = term
    return problems


BRACKETS = {"(": ")", "（": "）"}


def mentions(text: str, hits: Sequence[TermHit]) -> list[TermHit]:
    """The hits that are mentions of their term: a form in brackets right after another form
    of the same term restates it (第五代移动通信(5G), 网络电视（IPTV）) and is not a second
    mention; both stay marked in the text."""
    out: list[TermHit] = []
    for hit in hits:
        last = out[-1] if out else None
        if (
            last is not None
            and last.term_id == hit.term_id
            and hit.start == last.end + 1
            and text[hit.end : hit.end + 1] == BRACKETS.get(text[last.end])
        ):
            continue  # restated: last, (hit)
        out.append(hit)
    return out


def count_by_plan(terms: tuple[Term, ...], corpus: Corpus) -> dict[str, dict[str, int]]:
    """Mentions of each term in each plan (leftmost-longest; a 目录 line repeats a heading,
    so table-of-contents entries are not counted twice, nor a form restated in brackets)."""
    matcher = TermMatcher(terms)
    counts: dict[str, dict[str, int]] = {term.id: {} for term in terms}
    for plan in corpus.plans:
        for block in plan.all_blocks():
            if block.kind == BlockKind.TOC_ENTRY:
                continue
            for hit in mentions(block.text, matcher.find(block.text)):
                counts[hit.term_id][plan.id] = counts[hit.term_id].get(plan.id, 0) + 1
    return counts


def _occurrence(terms: tuple[Term, ...], corpus: Corpus, file: str) -> list[Problem]:
    counts = count_by_plan(terms, corpus)
    problems = []
    for term in terms:
        found = counts[term.id]
        if not found and not term.absent:
            problems.append(
                Problem(
                    file,
                    term.line,
                    f"{term.term!r} ({term.id}) occurs in no plan (nor do its variants); "
                    "fix the spelling, or mark it `absent: true` if it is kept on purpose",
                )
            )
        elif found and term.absent:
            plans = ", ".join(sorted(found))
            problems.append(Problem(file, term.line, f"{term.term!r} is marked absent but occurs in {plans}"))
    return problems
