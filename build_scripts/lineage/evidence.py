"""Evidence for a lineage link: the clauses of two tasks that continue each other.

Pipeline place: ``index.Index`` cuts every task into clauses once (:func:`clause_spans`)
and weighs their words (:func:`clause_vector`); ``selection.auto_links`` asks
:func:`best_pairs` for the clause pairs behind a candidate link. Pure functions on
made-up data in ``tests/test_evidence.py``.

Why clauses? A plan writes one measure per clause: clauses end at 。 ； ！ ？ and at line
breaks, and a 2009 work item or a long section bundles a dozen measures in one task. Two
tasks that continue each other share a *clause* that says the same thing (a named
network, system or service), while two tasks that merely sit in one domain share
scattered generic words. So a link rests on the best-matching clause pair, a reader can
check it, and a long bundled item that continues in one measure is still found.

A clause's vector holds its *distinctive* words only (boilerplate and stop words are
never evidence), weighted by idf and made unit length; a pair's evidence score is the
cosine of the two clause vectors, and the words both share are the evidence words.
Offsets are into the verbatim task title (``part`` = title, for a task whose title is a
heading outside its text) or text: ``span.of(title, text)`` is the clause, unchanged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

TITLE, TEXT = "title", "text"  # the parts of a task an evidence span points into

CLAUSE_END = re.compile(r"[。；;！？!?\n]")
_SPACE = " \t\u3000\u00a0\r"
_LEAD_NUMBER = 8  # room for an item number such as （十二） before a lead sentence


@dataclass(frozen=True)
class TextSpan:
    """``task.title[start:end]`` (part TITLE) or ``task.text[start:end]`` (part TEXT)."""

    part: str
    start: int
    end: int

    def of(self, title: str, text: str) -> str:
        return (title if self.part == TITLE else text)[self.start : self.end]


@dataclass(frozen=True)
class Evidence:
    """A clause of the later task and a clause of the earlier one that continue each other,
    and the distinctive words they share (most telling first)."""

    successor: TextSpan
    predecessor: TextSpan
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clause:
    """One clause of a task and its unit vector of distinctive words."""

    span: TextSpan
    vector: Mapping[str, float]


def _cut(part: str, text: str) -> list[TextSpan]:
    spans = []
    start = 0
    for end in [m.end() for m in CLAUSE_END.finditer(text)] + [len(text)]:
        a, b = start, end
        while a < b and (text[a] in _SPACE or text[a] == "\n"):
            a += 1
        while b > a and (text[b - 1] in _SPACE or text[b - 1] == "\n"):
            b -= 1
        if b > a and any(ch.isalnum() for ch in text[a:b]):
            spans.append(TextSpan(part, a, b))
        start = end
    return spans


def clause_spans(title: str, text: str) -> tuple[TextSpan, ...]:
    """The clauses of a task: its title (when it is a heading, not the start of its text)
    and the clauses of its text, in reading order."""
    head = [] if not title or title in text[: len(title) + _LEAD_NUMBER] else _cut(TITLE, title)
    return tuple(head + _cut(TEXT, text))


def main_clause(title: str, spans: tuple[TextSpan, ...], text: str) -> int:
    """The index of the clause that states the task's subject: its heading, or the text
    clause its lead sentence (the title) starts; 0 when neither is found."""
    for i, span in enumerate(spans):
        if span.part == TITLE or (title and title in span.of(title, text)):
            return i
    return 0


def clause_vector(words: Iterable[str], weight: Callable[[str], float]) -> dict[str, float]:
    """Unit vector of the words with positive weight (``log(1 + count)·weight``)."""
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    vector = {w: math.log1p(c) * weight(w) for w, c in counts.items()}
    vector = {w: v for w, v in vector.items() if v > 0}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {w: v / norm for w, v in vector.items()}


@dataclass(frozen=True)
class ClauseMatch:
    """Clause ``later`` of the later task and ``earlier`` of the earlier one."""

    score: float  # cosine of the two clause vectors
    later: int
    earlier: int
    words: tuple[str, ...]  # shared words, largest contribution first


def best_pairs(
    later: tuple[Clause, ...], earlier: tuple[Clause, ...], words: Iterable[str], limit: int = 2
) -> list[ClauseMatch]:
    """The best clause pairs sharing any of ``words``, best first, each clause used once.

    Only clauses containing a shared word can match, so the work is the sum over shared
    words of (clauses of one side × clauses of the other) with the word, not all pairs."""
    where_a: dict[str, list[int]] = {}
    where_b: dict[str, list[int]] = {}
    for word in words:
        a = [i for i, c in enumerate(later) if word in c.vector]
        b = [j for j, c in enumerate(earlier) if word in c.vector]
        if a and b:
            where_a[word], where_b[word] = a, b
    sums: dict[tuple[int, int], dict[str, float]] = {}
    for word, rows in where_a.items():
        for i in rows:
            for j in where_b[word]:
                sums.setdefault((i, j), {})[word] = later[i].vector[word] * earlier[j].vector[word]
    ranked = sorted(
        ((sum(parts.values()), i, j, parts) for (i, j), parts in sums.items()), key=lambda r: (-r[0], r[1], r[2])
    )
    out: list[ClauseMatch] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for score, i, j, parts in ranked:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append(ClauseMatch(score, i, j, tuple(sorted(parts, key=lambda w: (-parts[w], w)))))
        if len(out) == limit:
            break
    return out


__all__ = [
    "CLAUSE_END",
    "TEXT",
    "TITLE",
    "Clause",
    "ClauseMatch",
    "Evidence",
    "TextSpan",
    "best_pairs",
    "clause_spans",
    "clause_vector",
    "main_clause",
]
