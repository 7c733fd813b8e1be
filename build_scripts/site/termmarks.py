"""Glossary terms made recognisable in verbatim text, without altering it.

Pipeline place: ``render`` calls :func:`task_paragraphs` from the ``task_block`` macro and
``glossary`` calls :func:`highlight` for the sentences on the term pages; both read the
hits that ``annotate`` found once per build.

The rule: the text is cut at the hit spans, every piece is escaped by the same ``escape``
the plain text would go through (``render.escape_html``), and a hit's escaped piece is
wrapped in an element. Only tags are added, so the text content of the result is the
source text (``tests/test_render_escaping.py`` proves it for arbitrary text).

Marks are links for the mouse and for screen readers, but not Tab stops (``tabindex="-1"``):
a task block has at most three (task id, 复制链接, 前序与后续), and every term and figure
is reachable by keyboard from the term index and the 指标 tables.

What is marked in a task: the FIRST occurrence of each term in the task's body (all its
paragraphs together), as ``<a class="term" href="…/terms/<id>/" title="explanation">``.
The heading is not marked, nor is context material: the plan should still read as a plan.

Figures (``indicators.py``): EVERY extracted figure in a task's body is marked, as
``<a class="figure" href="…" title="indicator：value unit（目标，2015年）">`` linking to
its indicator's series page, or to its row in the plan's indicator table when the
indicator is stated only once. Precedence: figures first — a term occurrence that
overlaps a figure is not marked there (the term's first occurrence outside figures is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..core.model import Block, Task
from ..figures.indicators import Indicators, Statement, qualifier_words
from ..language.annotate import Annotations
from ..language.terms import TermHit
from . import escaping
from .labels import INDICATOR_KINDS
from .urls import Target, html_relative, indicator_page, indicator_plan_page, term_page

Escape = Callable[[str], str]


def wrap_spans(text: str, spans: Iterable[tuple[int, int, str, str]], escape: Escape) -> str:
    """Escape ``text`` piece by piece, wrapping each span ``(start, end, open_tag, close_tag)``.

    Spans must be sorted and must not overlap (term hits never do)."""
    out: list[str] = []
    position = 0
    for start, end, open_tag, close_tag in spans:
        if start < position:
            raise ValueError(f"overlapping span at {start}")
        out.append(escape(text[position:start]))
        out.append(open_tag + escape(text[start:end]) + close_tag)
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def term_link(annotations: Annotations, page: str, term_id: str) -> str:
    """The opening tag of a term mark on ``page`` (link to the term page, explanation as title)."""
    term = annotations.term(term_id)
    href = html_relative(page, Target(term_page(term_id)))
    title = escaping.text(f"{term.term}：{term.explanation}")
    return f'<a class="term" href="{escaping.text(href)}" title="{title}" tabindex="-1">'


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


def figure_link(indicators: Indicators, page: str, statement: Statement) -> str:
    """The opening tag of a figure mark on ``page``."""
    href = html_relative(page, figure_target(indicators, statement))
    title = escaping.text(figure_title(indicators, statement))
    return f'<a class="figure" href="{escaping.text(href)}" title="{title}" tabindex="-1">'


def task_paragraphs(
    annotations: Annotations | None, page: str, task: Task, escape: Escape, indicators: Indicators | None = None
) -> list[str]:
    """The task's body paragraphs as HTML: every figure marked, and the first occurrence of
    each term that does not overlap a figure."""
    if annotations is None and indicators is None:
        return [escape(block.text) for block in task.body]
    seen: set[str] = set()
    out = []
    for block in task.body:
        spans = []
        figures = indicators.in_block(block) if indicators is not None else []
        if indicators is not None:
            for statement in figures:
                spans.append((statement.start, statement.end, figure_link(indicators, page, statement), "</a>"))
        for hit in annotations.block_hits(block) if annotations is not None else ():
            if hit.term_id in seen or any(f.start < hit.end and hit.start < f.end for f in figures):
                continue
            seen.add(hit.term_id)
            spans.append((hit.start, hit.end, term_link(annotations, page, hit.term_id), "</a>"))  # type: ignore[arg-type]  # a hit implies annotations
        out.append(wrap_spans(block.text, sorted(spans, key=lambda span: span[0]), escape))
    return out


def context_paragraph(indicators: Indicators | None, page: str, block: Block, escape: Escape) -> str:
    """A paragraph of context material (background, goals …) as HTML with every figure
    marked; terms are marked in task text only, so the plan still reads as a plan."""
    if indicators is None:
        return escape(block.text)
    spans = [(s.start, s.end, figure_link(indicators, page, s), "</a>") for s in indicators.in_block(block)]
    return wrap_spans(block.text, sorted(spans, key=lambda span: span[0]), escape)


def highlight(
    text: str,
    hits: Iterable[TermHit] | Iterable[tuple[int, int]],
    escape: Escape,
    open_tag: str = '<mark class="term-hit">',
    close_tag: str = "</mark>",
) -> str:
    """``text`` escaped, with the given spans wrapped (default ``<mark>``)."""
    spans = []
    for hit in hits:
        start, end = (hit.start, hit.end) if isinstance(hit, TermHit) else hit
        spans.append((start, end, open_tag, close_tag))
    return wrap_spans(text, sorted(spans), escape)
