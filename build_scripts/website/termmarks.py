"""Glossary terms and figures made recognisable in verbatim text, without altering it.

Pipeline place: ``plan_views`` calls :func:`task_paragraphs` and :func:`context_paragraph`
for the plan pages, ``pages/glossary.py`` and ``pages/indicators.py`` call :func:`highlight`
for the sentences on the term and indicator pages; all read the hits that ``annotate`` (and
``indicators``) found once per build. They return *marked text*: a paragraph as a tuple of
:class:`Piece` records, plain text each, some with a :class:`Mark`. The markup is the template's:
``templates/_marks.html.j2`` (macro ``marked``) writes a paragraph in one call.

The rule: the text is cut at the hit spans into pieces, the template escapes every piece
by the same filter the plain text would go through (``html``, ``escaping.lines``) and wraps
a marked piece in an element. Only tags are added, so the text content of the result is the
source text (``tests/test_render_escaping.py`` proves it for arbitrary text).

Marks are links, for the mouse, the keyboard (each a Tab stop) and screen readers alike.

What is marked in a task: the FIRST occurrence of each term in the task's body (all its
paragraphs together), as ``<a class="term" href="…/terms/<id>/" title="explanation">``.
The heading is not marked, nor is context material: the plan should still read as a plan.

Figures (``figures/statements.py``): EVERY extracted figure in a task's body is marked, as
``<a class="figure" href="…" title="indicator：value unit（目标，2015年）">`` linking to
its indicator's series page, or to its row in the plan's indicator table when the
indicator is stated only once. Precedence: figures first — a term occurrence that
overlaps a figure is not marked there (the term's first occurrence outside figures is).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..core.model import Block, Task
from ..figures.indicators import Indicators
from ..figures.statements import Statement, qualifier_words
from ..language.annotate import Annotations
from ..language.terms import TermHit
from .labels import INDICATOR_KINDS
from .urls import Target, html_relative, indicator_page, indicator_plan_page, term_page


@dataclass(frozen=True)
class Mark:
    """How a piece of text is marked: a link (``href`` relative to its page, ``title`` plain
    text) in ``<a class="{css}" …>``, or without ``href`` a ``<mark class="{css}">``."""

    css: str
    href: str = ""
    title: str = ""


class Piece(NamedTuple):
    """A piece of a paragraph: verbatim text, marked or not (``mark`` None)."""

    text: str
    mark: Mark | None = None


Marked = tuple[Piece, ...]  # a paragraph: its pieces join back to its text


def cut(text: str, spans: Iterable[tuple[int, int, Mark]]) -> Marked:
    """``text`` cut into pieces at each span ``(start, end, mark)``, the span's piece marked.

    Spans must be sorted and must not overlap (term hits never do)."""
    out: list[Piece] = []
    position = 0
    for start, end, mark in spans:
        if start < position:
            raise ValueError(f"overlapping span at {start}")
        if start > position:
            out.append(Piece(text[position:start]))
        out.append(Piece(text[start:end], mark))
        position = end
    if position < len(text) or not out:
        out.append(Piece(text[position:]))
    return tuple(out)


def term_mark(annotations: Annotations, page: str, term_id: str) -> Mark:
    """A term mark on ``page``: a link to the term page, its explanation as title."""
    term = annotations.term(term_id)
    href = html_relative(page, Target(term_page(term_id)))
    return Mark("term", href, f"{term.term}：{term.explanation}")


def figure_target(indicators: Indicators, statement: Statement) -> Target:
    """Where a figure links: its indicator's series page, else its row in the plan's table."""
    indicator = indicators.indicator(statement)
    if indicator.is_series:
        return Target(indicator_page(indicator.id), indicators.anchor(statement))
    return Target(indicator_plan_page(statement.plan_id), indicators.anchor(statement))


def figure_title(indicators: Indicators, statement: Statement) -> str:
    words = "".join(w + " " for w in qualifier_words(statement.qualifiers, statement.kind))
    return (
        f"{indicators.indicator(statement).name}：{words}{statement.value_text} {statement.unit}"
        f"（{INDICATOR_KINDS[statement.kind]}，{statement.year}年）"
    )


@dataclass(frozen=True)
class FigureLink:
    """A figure as a link on some page: to its series page or its row in the plan's table."""

    statement: Statement
    href: str  # relative to the page it is on (raw HTML)
    title: str  # what the figure says (unescaped)

    @property
    def figure(self) -> str:
        return self.statement.figure


def figure_links(indicators: Indicators, page: str, statements) -> tuple[FigureLink, ...]:
    """The statements as links on ``page`` (for a template's context)."""
    return tuple(
        FigureLink(s, html_relative(page, figure_target(indicators, s)), figure_title(indicators, s))
        for s in statements
    )


def figure_mark(indicators: Indicators, page: str, statement: Statement) -> Mark:
    """A figure mark on ``page``: a link to its series page or table row, what it says as title."""
    href = html_relative(page, figure_target(indicators, statement))
    return Mark("figure", href, figure_title(indicators, statement))


def task_paragraphs(
    annotations: Annotations | None, page: str, task: Task, indicators: Indicators | None = None
) -> list[Marked]:
    """The task's body paragraphs, marked: every figure, and the first occurrence of each
    term that does not overlap a figure."""
    if annotations is None and indicators is None:
        return [(Piece(block.text),) for block in task.body]
    seen: set[str] = set()
    out = []
    for block in task.body:
        spans = []
        figures = indicators.in_block(block) if indicators is not None else []
        if indicators is not None:
            for statement in figures:
                spans.append((statement.start, statement.end, figure_mark(indicators, page, statement)))
        for hit in annotations.block_hits(block) if annotations is not None else ():
            if hit.term_id in seen or any(f.start < hit.end and hit.start < f.end for f in figures):
                continue
            seen.add(hit.term_id)
            spans.append((hit.start, hit.end, term_mark(annotations, page, hit.term_id)))  # type: ignore[arg-type]  # a hit implies annotations
        out.append(cut(block.text, sorted(spans, key=lambda span: span[0])))
    return out


def context_paragraph(indicators: Indicators | None, page: str, block: Block) -> Marked:
    """A paragraph of context material (background, goals …) with every figure marked; terms
    are marked in task text only, so the plan still reads as a plan."""
    if indicators is None:
        return (Piece(block.text),)
    spans = [(s.start, s.end, figure_mark(indicators, page, s)) for s in indicators.in_block(block)]
    return cut(block.text, sorted(spans, key=lambda span: span[0]))


def highlight(text: str, hits: Iterable[TermHit] | Iterable[tuple[int, int]], css: str = "term-hit") -> Marked:
    """``text`` with the given spans marked (``<mark class="{css}">``)."""
    mark = Mark(css)
    spans = []
    for hit in hits:
        start, end = (hit.start, hit.end) if isinstance(hit, TermHit) else hit
        spans.append((start, end, mark))
    return cut(text, sorted(spans, key=lambda span: span[0]))
