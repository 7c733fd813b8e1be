"""The MkDocs plugin (``plugins: [beijing-plans]`` in ``mkdocs.yml``, entry point in
``pyproject.toml``): one thin adapter from MkDocs to the site build, its state on itself.

Pipeline place: the publish layer. ``mkdocs build`` / ``mkdocs serve`` → this plugin →
``website.load.load_site`` (every lower layer) → ``website.build.build`` (every page, the
navigation, the generated files, as data). ``write_docs`` is the other adapter over the same
build. Nothing is written into ``docs/``: generated pages and files are virtual files
(``File.generated``), so ``mkdocs serve`` cannot loop on its own output.

* ``on_config``: pin ``SOURCE_DATE_EPOCH`` for reproducible sitemaps; load the data folder
  beside ``mkdocs.yml`` (option ``data_dir``) — a :class:`DataError` aborts the build before
  any page is written — and build the site, or take both from the cache when no input
  changed (``build_cache``, option ``cache``); set the navigation and the footer's links of
  维护与方法 (``config.extra.maintenance``);
* ``on_files``: add the built pages (outside the navigation where the producer says so, and the
  hand-written ones the build lists as outside) and files (the open data under ``data/``, the
  received texts, the search index under ``search/``);
* ``on_page_markdown``: fill ``<!-- name -->`` markers in hand-written pages (``pages.fragments``),
  and have MkDocs' conversion of the page's Markdown taken from the cache where it can be;
* ``on_nav``, ``on_page_content``: hold every title to the escaping rule (``escaping``: a
  title is HTML text, which the theme writes as is), before anything is written; ``on_nav``
  also opens the pages' HTML cache, the files being final;
* ``on_post_build``: every written page through ``finish`` (titles checked again as written,
  each page's Content-Security-Policy: ``csp``), the step any publisher's output takes; keep
  what the build made for the next one; log the stage times.

``mkdocs serve`` rebuilds on edits of ``data/`` and ``overrides/``; an edit of
``build_scripts`` takes effect when ``serve`` is started again (MkDocs keeps a plugin's
modules loaded, as it does Material's). Search needs no plugin step: its index is among the
site build's files (``website/search``), and its scripts are hand-written files of ``docs/``.
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core import timing
from ..core.errors import DataError
from ..website import escaping
from ..website.build import SiteBuild, build
from ..website.load import Site, load_site
from ..website.pages import fragments
from ..website.perf_page import REPORT
from .build_cache import PageCache, SiteCache, SiteRecord, markdown_digest, page_context, site_key
from .finish import FinishError, finish

CACHE_DIR = Path(".cache")  # beside mkdocs.yml (gitignored)
FALLBACK_EPOCH = "315532800"  # 1980-01-01, when the commit time is not available
log = logging.getLogger("mkdocs.plugins.beijing-plans")


class SitePluginConfig(Config):
    data_dir = config_options.Type(str, default="data")  # the data folder, relative to mkdocs.yml
    cache = config_options.Type(bool, default=True)  # reuse the site build and pages' HTML (build_cache)


class SitePlugin(BasePlugin[SitePluginConfig]):
    """Builds the site once per MkDocs build (``on_config``) and hands MkDocs its pages."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.built: SiteBuild | None = None
        self.generated: set[str] = set()
        self.started = 0.0
        self.data = Path()
        self.site_cache: SiteCache | None = None  # None: caching off
        self.record: SiteRecord | None = None  # this build's, to keep when it succeeds (a miss)
        self.filled: dict[tuple[str, str], str] = {}  # hand-written pages' filled Markdown
        self.page_cache: PageCache | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.started = time.perf_counter()
        timing.reset()  # each build's own stage times (serve builds again in this process)
        root = Path(config.config_file_path).parent
        self.data = root / self.config.data_dir
        _pin_build_date(root)
        self.site, self.record, self.filled, self.page_cache, self.site_cache = None, None, {}, None, None
        if self.config.cache:
            with timing.stage("cache"):
                key = site_key(self.data, REPORT, Path(config.docs_dir), os.environ["SOURCE_DATE_EPOCH"])
                self.site_cache = SiteCache(root / CACHE_DIR / "site", key)
                found = self.site_cache.get()
        else:
            found = None
        if found is not None:
            log.info("site build: cache hit (%s…)", self.site_cache.key[:12] if self.site_cache else "")
            notes, summary, self.built, self.filled = found.notes, found.summary, found.built, dict(found.filled)
        else:
            notes, summary = self._build()
        for note in notes:  # decisions the automatic links no longer match: they stand (curation.py)
            log.info("%s", note)
        log.info("parsed %d plans, %d tasks, %d cross-plan links", *summary)
        built = self._built()
        config.nav = built.nav_config()
        config.extra["maintenance"] = [list(link) for link in built.maintenance]  # the footer's 维护与方法
        self.generated = {page.path for page in built.pages}
        return config

    def _build(self) -> tuple[tuple[str, ...], tuple[int, int, int]]:
        """Load the data and build the site (a cache miss): its notes and summary."""
        site = self._site()
        notes = tuple(map(str, site.notes))
        summary = (len(site.corpus.plans), len(site.corpus.tasks), len(site.lineage.links) if site.lineage else 0)
        with timing.stage("render markdown"):
            self.built = build(site)  # every page, the navigation, the open data (site/build.py)
        self.record = SiteRecord(self.built, notes, summary, {})
        return notes, summary

    def _site(self) -> Site:
        """The loaded data (read on a cache miss, or when a hand-written page's markers are not
        in the cache's record)."""
        if self.site is None:
            try:
                self.site = load_site(self.data)
            except DataError as error:
                raise PluginError(str(error)) from None
        return self.site

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Every generated page and file of the site build; pages outside the navigation are marked so."""
        built = self._built()
        for static in built.files:
            files.append(File.generated(config, static.path, content=static.content))
        for page in built.pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
        for path in built.outside:  # hand-written pages kept out of the navigation
            found = files.get_file_from_path(path)
            if found is not None:
                found.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        with timing.stage("fill markers"):
            if page.file.src_uri not in self.generated:  # markers: hand-written pages (docs/)
                markdown = self._fill(page.file.src_uri, markdown)
        if self.page_cache is not None:  # MkDocs calls page.render next: from the cache where it can
            cache = self.page_cache

            def render(config: MkDocsConfig, files: Files) -> None:
                cache.render(page, files, lambda: Page.render(page, config, files))

            page.render = render  # type: ignore[method-assign]
        return markdown

    def _fill(self, src_uri: str, markdown: str) -> str:
        key = (src_uri, markdown_digest(markdown))
        filled = self.filled.get(key)
        if filled is None:
            try:
                filled = self.filled[key] = fragments.fill_markers(self._site(), src_uri, markdown)
            except DataError as error:
                raise PluginError(str(error)) from None
        return filled

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Every navigation title is HTML text (``escaping.check_title``): the theme writes it
        as is. The files are final here: the pages' HTML cache is opened for them."""
        if self.config.cache:
            with timing.stage("cache"):
                self.page_cache = PageCache(
                    Path(config.config_file_path).parent / CACHE_DIR / "pages", page_context(config, files)
                )
                self.page_cache.load()
        return self._check_nav(nav)

    def _check_nav(self, nav: Navigation) -> Navigation:
        try:
            for item in _nav_items(nav.items):
                escaping.check_title(item.title, f"navigation entry {item.title!r}")
        except escaping.TitleError as error:
            raise PluginError(str(error)) from None
        return nav

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page's titles, known once it is rendered — before anything is written (MkDocs
        renders every page before it copies a file or writes a page), so a refused title leaves
        no partial site."""
        try:  # the page title and its table of contents reach <title>, header and footer as is
            escaping.check_title(page.title, page.file.src_uri)
            if "title" in page.meta:  # the theme prefers it to page.title in <title> and the header
                escaping.check_title(str(page.meta["title"]), f"{page.file.src_uri} (front matter)")
            for item in _toc_items(page.toc):
                escaping.check_title(item.title, f"{page.file.src_uri}#{item.id}")
        except escaping.TitleError as error:
            raise PluginError(str(error)) from None
        return html

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Every page through ``finish`` (titles checked, each page's Content-Security-Policy),
        the step any publisher's output takes (``python -m build_scripts finish SITE_DIR``);
        then, the build having succeeded, what it made is kept for the next (``build_cache``)."""
        with timing.stage("finish"):
            try:
                finish(Path(config.site_dir))
            except FinishError as error:
                raise PluginError(str(error)) from None
        with timing.stage("cache"):
            if self.site_cache is not None and self.record is not None:
                self.record.filled = self.filled
                self.site_cache.put(self.record)
            if self.page_cache is not None:
                log.info("pages: %d of %d from the cache", self.page_cache.hits, len(self.page_cache.kept))
                self.page_cache.save()
        _log_timings(time.perf_counter() - self.started)

    def _built(self) -> SiteBuild:
        if self.built is None:
            raise PluginError("the site was not built: on_config did not run")
        return self.built


def _pin_build_date(root: Path) -> None:
    """Use the commit time as build date (sitemap ``lastmod``, gzip header) unless already set."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    try:
        epoch = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        epoch = ""
    os.environ["SOURCE_DATE_EPOCH"] = epoch or FALLBACK_EPOCH


def _nav_items(items: Any) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _nav_items(getattr(item, "children", None) or ())


def _toc_items(items: Any) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _toc_items(item.children)


def _log_timings(total: float) -> None:
    """Log the stage times (and write them to ``$BUILD_TIMINGS``): ours, and the rest of
    the build since ``on_config`` — MkDocs itself (Markdown, theme)."""
    ours = sum(timing.totals().values())
    log.info("build timings: %s; mkdocs %.2f s; total %.2f s", timing.summary(), total - ours, total)
    timing.dump({"mkdocs": round(total - ours, 4), "total": round(total, 4)})


__all__ = ["SitePlugin", "SitePluginConfig"]
