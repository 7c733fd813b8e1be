"""The compare view: two task texts side by side, with what changed marked on word boundaries.

Pipeline place: ``pages/lineage.py`` calls :func:`compare` for each pair of a policy line
(``lines.line_pairs``).

Any two tasks on one policy line can be read side by side (:func:`line_pairs`), always the
earlier text on the left. "On one line" means connected by a chain of links: two tasks
that only share an ancestor are parallel branches, not a continuation of each other, and
are not compared. A pair is shown on the later task's page — open if a link joins the two,
folded in ``<details>`` if they are connected through other tasks — so the latest task of
a line is held against the earliest. A directly linked pair is also shown on the earlier
task's page, so the earliest task of a line has its comparisons too; its further
descendants are listed there with a link to the comparison on their pages. Showing every
pair on both pages would double the pages for the folded pairs, which on a dense corpus
(the benchmarks' synthetic ones) far outnumber the links.
The line is the task's :func:`policy_line`, so the same window bounds the comparisons: a
page holds at most (line size − 1) of them however large the corpus grows.

**Insertions and deletions on word boundaries.** Each text is cut once per build into
words by the project's jieba tokenizer with the policy dictionary
(:meth:`segment.Segmenter.tokens`, punctuation and whitespace kept, so the words join
back to the text), and the two word sequences are aligned (``difflib.SequenceMatcher``,
no junk heuristic). Words of the earlier text that the alignment does not keep are
``<del>``, words of the later text it does not keep are ``<ins>``. An alignment keeps
only matches in the same order in both texts, so a clause the later plan moved shows as
deleted in one place and inserted in another; the term lists above the texts show what
really appears or disappears. Line breaks separate paragraphs and are never marked.

**Evidence.** Where a link joins the two tasks, its evidence clauses
(``Link.evidence``: spans of each task's title or text) are ``<mark class="evidence">``
on both sides; a title span is found in the text when the title is printed in it, else
the title is shown above the text with the span marked. Without evidence (no direct link,
or a link that carries none) nothing is marked.

**Terms and figures.** Above the texts: the glossary terms (``annotate``, the matching the
term pages use) of the later task that the earlier one lacks (新出现的术语) and the
reverse (不再出现的术语), and the figures (``indicators`` statements) of both, paired by
indicator.

**Exactness.** The marks are added around escaped runs (:func:`escape_text`: entities for
``& < > " '``, a carriage return as ``&#13;``); removing the tags, unescaping and joining
the paragraphs with line breaks gives back each text exactly (property test in
``tests/test_lineage_views.py``).
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ...core.model import Task
from ...figures.indicators import Indicators
from ...figures.statements import Statement
from ...language.annotate import Annotations
from ...language.terms import Term
from ...lineage.evidence import TITLE, TextSpan
from ...lineage.graph import (
    Link,
)
from .. import escaping

# ---------------------------------------------------------------- compare view

WordCut = Callable[[str], Sequence[str]]  # text → its words, joining back to the text


def escape_text(text: str) -> str:
    """One run of verbatim text for raw HTML, without line breaks (they separate paragraphs):
    entities for ``& < > " '``, and a stray carriage return as ``&#13;``."""
    return escaping.text(text).replace("\r", "&#13;")


def changed_masks(earlier: str, later: str, cut: WordCut) -> tuple[list[bool], list[bool]]:
    """For each character of both texts: is it in a word the word alignment does not keep
    (deleted from ``earlier``, inserted into ``later``)?"""
    a, b = tuple(cut(earlier)), tuple(cut(later))
    if "".join(a) != earlier or "".join(b) != later:
        raise ValueError("the word cut must join back to the text")
    starts_a, starts_b = _starts(a), _starts(b)
    mask_a, mask_b = [True] * len(earlier), [True] * len(later)
    matcher = _matcher(b)  # a page compares one task with many: index its words once
    matcher.set_seq1(a)
    for i, j, n in matcher.get_matching_blocks():
        if n:
            mask_a[starts_a[i] : starts_a[i + n]] = [False] * (starts_a[i + n] - starts_a[i])
            mask_b[starts_b[j] : starts_b[j + n]] = [False] * (starts_b[j + n] - starts_b[j])
    return mask_a, mask_b


@functools.lru_cache(maxsize=8)
def _matcher(words: tuple[str, ...]) -> difflib.SequenceMatcher:
    """A matcher with ``words`` as its second sequence (difflib indexes that one)."""
    return difflib.SequenceMatcher(None, (), words, autojunk=False)


@functools.lru_cache(maxsize=256)
def _starts(words: tuple[str, ...]) -> list[int]:
    """Character offset of each word, and the text's length at the end (do not modify)."""
    out = [0]
    for word in words:
        out.append(out[-1] + len(word))
    return out


def span_mask(length: int, spans: Iterable[tuple[int, int]]) -> list[bool]:
    """Characters inside any of the spans (clipped to the text)."""
    mask = [False] * length
    for start, end in spans:
        start, end = max(start, 0), min(end, length)
        if start < end:
            mask[start:end] = [True] * (end - start)
    return mask


@dataclass(frozen=True)
class Run:
    """A stretch of one paragraph with the same marks."""

    text: str  # verbatim
    html: str  # escaped (escape_text)
    changed: bool  # deleted (earlier side) or inserted (later side)
    evidence: bool
    renamed: bool = False  # a term whose rename family the other side names otherwise (never changed)
    opens: bool = False  # the first evidence run of a stretch of evidence (one mark around it)
    closes: bool = False  # … and the last


_RUN = re.compile(rb"\x00+|\x01+")


def _runs_of(mask: list[bool]) -> list[tuple[int, int]]:
    """The mask's maximal runs of equal values as spans (found by the regex engine, not
    character by character in Python)."""
    return [m.span() for m in _RUN.finditer(bytes(mask))]


def _cuts(mask: list[bool]) -> set[int]:
    """Positions where a mask changes value."""
    return {start for start, _ in _runs_of(mask)}


def paragraph_runs(
    text: str, changed: list[bool], evidence: list[bool], renamed: list[bool] | None = None
) -> list[tuple[Run, ...]]:
    """The text cut at line breaks into paragraphs, each into maximal runs of equal marks.
    Works from the places where a mark changes, not character by character: a build cuts
    tens of thousands of texts on a large corpus."""
    renamed = renamed or [False] * len(text)
    breaks = [m.start() for m in re.finditer("\n", text)]
    cuts = sorted(
        _cuts(changed) | _cuts(evidence) | _cuts(renamed) | set(breaks) | {b + 1 for b in breaks} | {0, len(text)}
    )
    out: list[tuple[Run, ...]] = []
    paragraph: list[Run] = []
    for start, end in itertools.pairwise(cuts):
        if text[start:end] == "\n":  # a line break ends the paragraph
            out.append(_evidence_stretches(paragraph))
            paragraph = []
            continue
        piece = text[start:end]
        paragraph.append(Run(piece, escape_text(piece), changed[start], evidence[start], renamed[start]))
    out.append(_evidence_stretches(paragraph))
    return out


def _evidence_stretches(runs_: list[Run]) -> tuple[Run, ...]:
    """Runs with ``opens``/``closes`` set where a stretch of evidence begins and ends."""
    out = []
    for i, r in enumerate(runs_):
        if r.evidence:
            r = replace(
                r, opens=i == 0 or not runs_[i - 1].evidence, closes=i == len(runs_) - 1 or not runs_[i + 1].evidence
            )
        out.append(r)
    return tuple(out)


def kept_share(text: str, changed: list[bool]) -> float:
    """The share of the non-whitespace characters that are kept (0 for an empty text)."""
    counted = kept = 0
    for start, end in _runs_of(changed):
        part = text[start:end]
        solid = len(part) - sum(map(str.isspace, part))
        counted += solid
        kept += 0 if changed[start] else solid
    return kept / counted if counted else 0.0


@dataclass(frozen=True)
class Side:
    task: Task
    paragraphs: tuple[tuple[Run, ...], ...]  # the task's text, one entry per line
    title: tuple[Run, ...]  # the title with its evidence marked, when the text does not print it; else ()
    share: float  # share of its characters kept in the other task
    evidence: int  # number of evidence clauses marked


@dataclass(frozen=True)
class FigureRow:
    """One indicator stated in either task: its statements in the earlier and the later."""

    name: str
    earlier: tuple[Statement, ...]
    later: tuple[Statement, ...]


@dataclass(frozen=True)
class Comparison:
    """Two tasks of one line side by side (earlier left), with what changed between them."""

    earlier: Side
    later: Side
    links: tuple[Link, ...]  # links that join the two directly (none: connected through others)
    new_terms: tuple[Term, ...] = ()  # in the later task only (not as a later name), first occurrence order
    dropped_terms: tuple[Term, ...] = ()  # in the earlier task only (not renamed)
    figures: tuple[FigureRow, ...] = ()
    renamed: tuple[tuple[Term, Term], ...] = ()  # (earlier name, later name): one family, continuing

    @property
    def direct(self) -> bool:
        return bool(self.links)


def _side_spans(task: Task, spans: list[TextSpan]) -> tuple[list[tuple[int, int]], list[tuple[int, int]], bool]:
    """Evidence spans in the text, those left in the title, and whether the text prints the title."""
    at = task.text.find(task.title) if task.title else -1
    in_text, in_title = [], []
    for span in spans:
        if span.part == TITLE and at < 0:
            in_title.append((span.start, span.end))
        elif span.part == TITLE:  # clipped to the title, then placed where the text prints it
            start, end = max(span.start, 0), min(span.end, len(task.title))
            in_text.append((start + at, end + at))
        else:
            in_text.append((span.start, span.end))
    return in_text, in_title, at >= 0


def _side(task: Task, changed: list[bool], spans: list[TextSpan], renamed: Sequence[tuple[int, int]] = ()) -> Side:
    in_text, in_title, printed = _side_spans(task, spans)
    kept = span_mask(len(task.text), renamed)
    changed = [c and not k for c, k in zip(changed, kept, strict=True)]
    paragraphs = paragraph_runs(task.text, changed, span_mask(len(task.text), in_text), kept)
    title: tuple[Run, ...] = ()
    if not printed and in_title:
        title = paragraph_runs(
            task.title.replace("\n", " "), [False] * len(task.title), span_mask(len(task.title), in_title)
        )[0]
    return Side(task, tuple(paragraphs), title, kept_share(task.text, changed), len(spans))


def task_terms(annotations: Annotations | None, task: Task) -> dict[str, Term]:
    """The glossary terms of the task (title and text), by id, in first occurrence order."""
    if annotations is None:
        return {}
    found: dict[str, Term] = {}
    for block in task.blocks:
        for hit in annotations.block_hits(block):
            found.setdefault(hit.term_id, annotations.term(hit.term_id))
    return found


def _renamed(annotations: Annotations | None, a: dict[str, Term], b: dict[str, Term]) -> tuple[tuple[Term, Term], ...]:
    """Terms of the earlier task (``a``) that the later one (``b``) names otherwise: a member
    of the same rename family (``terms.yaml`` renamed_as) on each side, neither on both."""
    if annotations is None:
        return ()
    return tuple(
        (ta, tb)
        for ka, ta in a.items()
        if ka not in b
        for kb, tb in b.items()
        if kb not in a and kb != ka and annotations.family(ka) == annotations.family(kb)
    )


def term_spans(annotations: Annotations | None, task: Task, ids: set[str]) -> list[tuple[int, int]]:
    """Where the terms ``ids`` occur in the task's text (its body blocks joined by line breaks)."""
    out: list[tuple[int, int]] = []
    offset = 0
    for block in task.body:
        if annotations is not None:
            out += [(offset + h.start, offset + h.end) for h in annotations.block_hits(block) if h.term_id in ids]
        offset += len(block.text) + 1
    return out


def _figures(indicators: Indicators | None, earlier: Task, later: Task) -> tuple[FigureRow, ...]:
    if indicators is None:
        return ()
    names: dict[str, str] = {}
    sides: dict[str, tuple[list[Statement], list[Statement]]] = {}
    for side, task in enumerate((earlier, later)):
        for block in task.blocks:
            for statement in indicators.in_block(block):
                indicator = indicators.indicator(statement)
                names.setdefault(indicator.id, indicator.name)
                sides.setdefault(indicator.id, ([], []))[side].append(statement)
    return tuple(FigureRow(names[key], tuple(a), tuple(b)) for key, (a, b) in sides.items())


def compare(
    earlier: Task,
    later: Task,
    cut: WordCut,
    links: Sequence[Link] = (),
    annotations: Annotations | None = None,
    indicators: Indicators | None = None,
) -> Comparison:
    """Both texts with deletions, insertions and the evidence of ``links`` marked, and the
    terms and figures that differ."""
    changed_a, changed_b = changed_masks(earlier.text, later.text, cut)
    spans_a = [e.predecessor for l in links for e in l.evidence]
    spans_b = [e.successor for l in links for e in l.evidence]
    terms_a, terms_b = task_terms(annotations, earlier), task_terms(annotations, later)
    renamed = _renamed(annotations, terms_a, terms_b)
    old, new = {a.id for a, _ in renamed}, {b.id for _, b in renamed}
    return Comparison(
        _side(earlier, changed_a, spans_a, term_spans(annotations, earlier, old)),
        _side(later, changed_b, spans_b, term_spans(annotations, later, new)),
        tuple(links),
        tuple(t for k, t in terms_b.items() if k not in terms_a and k not in new),
        tuple(t for k, t in terms_a.items() if k not in terms_b and k not in old),
        _figures(indicators, earlier, later),
        renamed,
    )


__all__ = [
    "Comparison",
    "FigureRow",
    "Run",
    "Side",
    "WordCut",
    "changed_masks",
    "compare",
    "escape_text",
    "kept_share",
    "paragraph_runs",
    "span_mask",
    "task_terms",
    "term_spans",
]
