"""The whole site as data: every generated page, the navigation and every generated file.

Pipeline place: the top of the site layer. :func:`build` runs every page producer of
:data:`PRODUCERS` over a loaded :class:`~build_scripts.website.load.Site` and returns one
:class:`SiteBuild`. The publish layer's adapters turn that same record into a site: the
the MkDocs plugin (``publish/plugin.py``: virtual files, ``config.nav``) and ``write-docs``
(``publish/write_docs.py``: a project on disk); the change report lists its pages.

Registering a page type is one entry in :data:`PRODUCERS`: a module of ``pages/`` whose
``pages(site)`` yields :class:`~build_scripts.website.pages.Page` records. Hand-written pages
and their stylesheets and scripts stay in ``docs/`` (MkDocs' own folder); their markers are
filled by ``pages.fragments.fill_markers``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import export
from .feed import FEED, feed_xml
from .load import Site
from .navigation import OUTSIDE_NAV, nav
from .navigation import maintenance as site_maintenance
from .pages import Page, changelog, glossary, indicators, lineage, plans, topics
from .search.index import site_index
from .urls import DATA_DIR, page_url, readable_download, source_download

PRODUCERS = (
    plans,  # 规划文本: all plans, overviews, chapter pages, full texts; sources
    lineage,  # 跨规划脉络, the review page, one policy-line page per linked task
    glossary,  # 术语 and one page per term
    topics,  # 专题脉络 and one page per policy domain
    indicators,  # 指标, the per-plan tables and one page per indicator series
    changelog,  # the open data's changelog (releases and their change reports)
)


@dataclass(frozen=True)
class StaticFile:
    """A file published as is, at ``path`` under the site root: the open data, a received
    text byte for byte, or a file of the search index."""

    path: str
    content: bytes


@dataclass(frozen=True)
class SiteBuild:
    """What one build of the site is: the generated pages, the navigation (MkDocs' ``nav``
    shape, every label an escaped title), the generated files, the hand-written pages kept out
    of the navigation and the links of 维护与方法 (``navigation.MAINTENANCE``)."""

    pages: tuple[Page, ...]
    nav: tuple
    files: tuple[StaticFile, ...]
    outside: tuple[str, ...] = ()  # hand-written pages (docs/) outside the navigation
    maintenance: tuple[tuple[str, str], ...] = ()  # 维护与方法: (label, URL path) for every page's footer

    def nav_config(self) -> list:
        """The navigation as MkDocs' ``nav`` setting takes it (a list)."""
        return list(self.nav)


def all_pages(site: Site) -> Iterator[Page]:
    """Every generated page, producer by producer."""
    for producer in PRODUCERS:
        yield from producer.pages(site)


def open_data(site: Site) -> Iterator[StaticFile]:
    """``data/tasks.json``, ``links.csv``, ``indicators.json`` and the schemas describing them."""
    for name, text in export.open_data(site):
        yield StaticFile(f"{DATA_DIR}/{name}", text.encode("utf-8"))


def feeds(site: Site) -> Iterator[StaticFile]:
    """``feed.xml``: the open data's releases as an Atom feed (``feed.py``), for a versioned dataset."""
    if site.dataset is not None:
        yield StaticFile(FEED, feed_xml(site.dataset).encode("utf-8"))


def received_texts(site: Site) -> Iterator[StaticFile]:
    """The received texts, byte for byte, for download from the sources page."""
    for source in [p.source for p in site.corpus.plans] + [e.source for e in site.corpus.excerpts]:
        yield StaticFile(source_download(source.name), Path(source.path).read_bytes())
    for plan in site.corpus.plans:  # each plan's text again under a readable name
        yield StaticFile(readable_download(plan.id, plan.meta.title), Path(plan.source.path).read_bytes())


def search_index(site: Site) -> Iterator[StaticFile]:
    """The search index (``search/``: ``search.index``), made from the site's records."""
    for path, content in site_index(site).items():
        yield StaticFile(path, content)


def compare_data(site: Site) -> Iterator[StaticFile]:
    """Each linked task's compare data (``lineage/compare/``), for comparisons made on demand."""
    for path, content in lineage.compare_files(site):
        yield StaticFile(path, content)


def build(site: Site) -> SiteBuild:
    """Render every page and gather every generated file (read before rendering, never during)."""
    files = (*received_texts(site), *open_data(site), *feeds(site), *search_index(site), *compare_data(site))
    maintenance = tuple((label, page_url(path)) for label, path, _ in site_maintenance(site))
    return SiteBuild(tuple(all_pages(site)), tuple(nav(site)), files, OUTSIDE_NAV, maintenance)


__all__ = ["PRODUCERS", "SiteBuild", "StaticFile", "all_pages", "build", "open_data"]
