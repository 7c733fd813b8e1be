"""Every generated page of the site, from every page producer, in one place.

Pipeline place: the MkDocs hook (``hooks.on_files``) adds these pages as virtual files, and
the change report (``changes``) lists them. A producer is a module of this package with a
``pages(site)`` function yielding ``(source path under docs/, Markdown)`` for pages in the
navigation, or ``(source path, Markdown, in_nav)``; registering a page type is one entry in
:data:`PRODUCERS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

PRODUCERS = (
    "render",  # plans: all plans, overviews, chapter pages, full texts; sources
    "render_lineage",  # 跨规划脉络, the review page, one policy-line page per linked task
    "glossary",  # 术语 and one page per term
    "topics",  # 专题脉络 and one page per policy domain
    "indicator_pages",  # 指标, the per-plan tables and one page per indicator series
    "dataset",  # the open data's changelog (releases and their change reports)
)


def static_files(site) -> Iterator[tuple[str, Path]]:
    """``(path under docs/, file)`` of every file published as is: the received texts, byte for
    byte, for download from the sources page (``urls.source_download``)."""
    from .urls import source_download

    for source in [p.source for p in site.corpus.plans] + [e.source for e in site.corpus.excerpts]:
        yield source_download(source.name), Path(source.path)


def all_pages(site) -> Iterator[tuple[str, str, bool]]:
    """``(source path under docs/, Markdown, in the navigation?)`` of every generated page."""
    for name in PRODUCERS:
        for page in importlib.import_module(f"{__package__}.{name}").pages(site):
            yield page if len(page) == 3 else (page[0], page[1], True)


__all__ = ["PRODUCERS", "all_pages"]
