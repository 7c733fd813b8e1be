"""Glossary terms made recognisable in verbatim text, without altering it.

Pipeline place: ``render`` calls :func:`task_paragraphs` from the ``task_block`` macro and
``glossary`` calls :func:`highlight` for the sentences on the term pages; both read the
hits that ``annotate`` found once per build.

The rule: the text is cut at the hit spans, every piece is escaped by the same ``escape``
the plain text would go through (``render.escape_html``), and a hit's escaped piece is
wrapped in an element. Only tags are added, so the text content of the result is the
source text (``tests/test_render_escaping.py`` proves it for arbitrary text).

What is marked in a task: the FIRST occurrence of each term in the task's body (all its
paragraphs together), as ``<a class="term" href="…/terms/<id>/" title="explanation">``.
The heading is not marked, nor is context material: the plan should still read as a plan.
"""

from __future__ import annotations

import html
from typing import Callable, Iterable

from .annotate import Annotations
from .model import Task
from .terms import TermHit
from .urls import Target, html_relative, term_page

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
    title = html.escape(f"{term.term}：{term.explanation}", quote=True)
    return f'<a class="term" href="{html.escape(href, quote=True)}" title="{title}">'


def task_paragraphs(annotations: Annotations | None, page: str, task: Task, escape: Escape) -> list[str]:
    """The task's body paragraphs as HTML, first occurrence of each term marked."""
    if annotations is None:
        return [escape(block.text) for block in task.body]
    seen: set[str] = set()
    out = []
    for block in task.body:
        spans = []
        for hit in annotations.block_hits(block):
            if hit.term_id in seen:
                continue
            seen.add(hit.term_id)
            spans.append((hit.start, hit.end, term_link(annotations, page, hit.term_id), "</a>"))
        out.append(wrap_spans(block.text, spans, escape))
    return out


def highlight(text: str, hits: Iterable[TermHit] | Iterable[tuple[int, int]], escape: Escape,
              open_tag: str = '<mark class="term-hit">', close_tag: str = "</mark>") -> str:
    """``text`` escaped, with the given spans wrapped (default ``<mark>``)."""
    spans = []
    for hit in hits:
        start, end = (hit.start, hit.end) if isinstance(hit, TermHit) else hit
        spans.append((start, end, open_tag, close_tag))
    return wrap_spans(text, sorted(spans), escape)
