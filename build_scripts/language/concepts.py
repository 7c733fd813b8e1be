"""The concept vocabulary ``data/concepts.yaml``: policy domains and the words that signal them.

Pipeline place: ``lineage.index`` loads it once per run and counts, for every task, how often each
concept is signalled in its title, body and headings (:class:`ConceptMatcher`). Two plans
often describe one line of work in different words (光纤宽带 / 千兆接入, 医疗卫生 /
电子病历); a shared concept lets the linker see that such tasks belong together.

Validation reports every problem at once, each with ``file:line``: schema errors
(unknown or missing fields, through :class:`schema.Checker`), ids that are not slugs or
repeat, members shorter than two characters, a member claimed by two concepts (or listed
twice) — matching ignores width and case, so 4G and ４ｇ are the same member — and
``ignore`` phrases that contain no member (they would hide nothing).

Matching is leftmost-longest over the text (width- and case-insensitive): a longer
member wins over a shorter one inside it (网络安全 over 安全), and an ``ignore`` phrase
(健康发展) hides the member inside it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.errors import DataError, Problem, display_path
from ..core.schema import Checker, Field, compose
from .terms import fold

MIN_MEMBER = 2  # single characters are too ambiguous to signal a domain

CONCEPT_SCHEMA = (
    Field("id", "str"),
    Field("label", "str"),
    Field("members", "list[str]"),
)
_IGNORE = None  # marks an ignore phrase in the matcher's table


@dataclass(frozen=True)
class Concept:
    id: str
    label: str
    members: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Vocabulary:
    """The concepts and the ignore phrases, as read from the file."""

    concepts: tuple[Concept, ...] = ()
    ignore: tuple[str, ...] = ()
    source: str = ""

    def label(self, concept_id: str) -> str:
        return {c.id: c.label for c in self.concepts}[concept_id]


def _key(text: str) -> str:
    return "".join(fold(ch) for ch in text)


class ConceptMatcher:
    """Leftmost-longest matching of every member (and ignore phrase) of a vocabulary."""

    def __init__(self, vocabulary: Vocabulary):
        self.table: dict[str, str | None] = {}
        for phrase in vocabulary.ignore:
            self.table[_key(phrase)] = _IGNORE
        for concept in vocabulary.concepts:
            for member in concept.members:
                self.table.setdefault(_key(member), concept.id)
        self.lengths = sorted({len(k) for k in self.table}, reverse=True)

    def find(self, text: str) -> list[tuple[str, str]]:
        """``(concept id, member as printed)`` for each signal in ``text``, in order."""
        folded = _key(text)
        hits: list[tuple[str, str]] = []
        position = 0
        while position < len(folded):
            for length in self.lengths:
                key = folded[position : position + length]
                if key in self.table:
                    concept = self.table[key]
                    if concept is not _IGNORE:
                        hits.append((concept, text[position : position + length]))
                    position += length
                    break
            else:
                position += 1
        return hits

    def count(self, text: str) -> Counter[str]:
        return Counter(concept for concept, _ in self.find(text))


def load_concepts(path: Path) -> Vocabulary:
    """Read and validate the concept vocabulary; every problem is reported at once."""
    root = compose(path)
    checker = Checker(display_path(path))
    top = checker.root(root, "concepts.yaml")
    for key in sorted(set(top) - {"concepts", "ignore"}):
        checker.problem(top[key], key, "unknown field; expected concepts, ignore")
    concepts = _entries(checker, top.get("concepts"), root)
    ignore: tuple[str, ...] = ()
    if "ignore" in top:
        ok, value = checker.field(top["ignore"], "ignore", Field("ignore", "list[str]"))
        ignore = tuple(value) if ok else ()
    problems = checker.problems + _overlaps(concepts, ignore, top.get("ignore"), checker.file)
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    return Vocabulary(concepts, ignore, checker.file)


def _entries(checker: Checker, node: yaml.Node | None, root: yaml.Node | None) -> tuple[Concept, ...]:
    out = []
    for index, (entry, values) in enumerate(checker.entries(node, root, "concepts", CONCEPT_SCHEMA)):
        where = f"concepts[{index}]"
        if {"id", "label", "members"} <= values.keys():
            members = tuple(str(m).strip() for m in values["members"])
            for member in members:
                if len(member) < MIN_MEMBER:
                    checker.problem(
                        entry,
                        f"{where}.members",
                        f"{member!r} is shorter than {MIN_MEMBER} characters (too ambiguous to signal a domain)",
                    )
            out.append(Concept(values["id"], values["label"], members, entry.start_mark.line + 1))
    return tuple(out)


def _overlaps(
    concepts: tuple[Concept, ...], ignore: tuple[str, ...], ignore_node: yaml.Node | None, file: str
) -> list[Problem]:
    problems = []
    ids: dict[str, Concept] = {}
    owners: dict[str, Concept] = {}
    for concept in concepts:
        if concept.id in ids:
            problems.append(
                Problem(file, concept.line, f"duplicate id {concept.id!r} (first at line {ids[concept.id].line})")
            )
        ids.setdefault(concept.id, concept)
        for member in concept.members:
            key = _key(member)
            owner = owners.get(key)
            if owner is concept:
                problems.append(
                    Problem(
                        file,
                        concept.line,
                        f"member {member!r} of {concept.id!r} is listed twice (up to width and case); remove one",
                    )
                )
            elif owner is not None:
                problems.append(
                    Problem(
                        file,
                        concept.line,
                        f"member {member!r} of {concept.id!r} is already "
                        f"claimed by {owner.id!r} (line {owner.line}); a word may belong "
                        "to one concept only",
                    )
                )
            else:
                owners[key] = concept
    line = ignore_node.start_mark.line + 1 if ignore_node is not None else None
    for phrase in ignore:
        key = _key(phrase)
        if key in owners:
            problems.append(
                Problem(file, line, f"ignore: {phrase!r} is a member of {owners[key].id!r}; a phrase cannot be both")
            )
        elif not any(member in key for member in owners):
            problems.append(
                Problem(
                    file,
                    line,
                    f"ignore: {phrase!r} contains no member of any concept (it would hide nothing); remove it",
                )
            )
    return problems


__all__ = ["Concept", "ConceptMatcher", "Vocabulary", "load_concepts"]
