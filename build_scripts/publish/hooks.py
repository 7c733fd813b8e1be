"""MkDocs hooks (declared in ``mkdocs.yml``): one thin adapter from MkDocs to the site build.

Pipeline place: the publish layer. ``mkdocs build`` / ``mkdocs serve`` → these hooks →
``site.load.load_site`` (every lower layer) → ``site.build.build`` (every page, the
navigation, the generated files, as data). ``write_docs`` is the other adapter over the same
build. Nothing is written into ``docs/``: generated pages and files are virtual files
(``File.generated``), so ``mkdocs serve`` cannot loop on its own output.

* ``on_config``: re-import ``build_scripts`` fresh (so ``serve`` picks up edited modules),
  load ``data/`` — a :class:`DataError` aborts the build before any page is written —,
  build the site, pin ``SOURCE_DATE_EPOCH`` for reproducible sitemaps, set the navigation and
  the footer's links of 维护与方法 (``config.extra.maintenance``);
* ``on_files``: add the built pages (outside the navigation where the producer says so, and the
  hand-written ones the build lists as outside) and
  files (the open data under ``data/``, the received texts, the search index under ``search/``);
* ``on_page_markdown``: fill ``<!-- name -->`` markers in hand-written pages (``pages.fragments``);
* ``on_nav``, ``on_page_content``: hold every title to the escaping rule (``escaping``: a
  title is HTML text, which the theme writes as is), before anything is written;
* ``on_page_context``: give pages outside the navigation the top-level sidebar (``sidebar``);
* ``on_post_build``: every written page through ``finish`` (titles checked again as written,
  each page's Content-Security-Policy: ``csp``), the step any publisher's output takes; log
  the stage times.

Search needs no hook: its index is among the site build's files (``site/search``), and its
scripts are hand-written files of ``docs/`` (``extra_javascript``).
"""

from __future__ import annotations

import importlib
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
FALLBACK_EPOCH = "315532800"  # 1980-01-01, when the commit time is not available
_state: dict = {}
log = logging.getLogger("mkdocs.hooks")


def _fresh_build():
    """Import ``build_scripts.site.build`` anew, dropping every cached ``build_scripts`` module."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for name in [n for n in sys.modules if n == "build_scripts" or n.startswith("build_scripts.")]:
        del sys.modules[name]
    return importlib.import_module("build_scripts.site.build")


def _pin_build_date() -> None:
    """Use the commit time as build date (sitemap ``lastmod``, gzip header) unless already set."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    try:
        epoch = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        epoch = ""
    os.environ["SOURCE_DATE_EPOCH"] = epoch or FALLBACK_EPOCH


def on_config(config):
    started = time.perf_counter()
    build = _fresh_build()
    load = importlib.import_module("build_scripts.site.load")
    errors = importlib.import_module("build_scripts.core.errors")
    timing = importlib.import_module("build_scripts.core.timing")  # stage timings (timing.py)
    try:
        site = load.load_site(DATA)  # the repository's data folder, beside mkdocs.yml
    except errors.DataError as error:
        raise PluginError(str(error)) from None
    if site.warnings and config.strict:  # stale decisions: --strict stops before writing anything
        raise PluginError("\n".join(map(str, site.warnings)))
    for warning in site.warnings:
        log.warning("%s", warning)
    log.info(
        "parsed %d plans, %d tasks, %d cross-plan links",
        len(site.corpus.plans),
        len(site.corpus.tasks),
        len(site.lineage.links),
    )
    _pin_build_date()
    with timing.stage("render markdown"):
        built = build.build(site)  # every page, the navigation, the open data (site/build.py)
    config.nav = built.nav_config()
    config.extra["maintenance"] = [list(link) for link in built.maintenance]  # the footer's 维护与方法
    fragments = importlib.import_module("build_scripts.site.pages.fragments")
    _state.update(
        built=built,
        generated={page.path for page in built.pages},
        fragments=fragments,
        errors=errors,
        site=site,
        timing=timing,
        started=started,
    )
    return config


def on_files(files, config):
    """Every generated page and file of the site build; pages outside the navigation are marked so."""
    for static in _state["built"].files:
        files.append(File.generated(config, static.path, content=static.content))
    for page in _state["built"].pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
    for path in _state["built"].outside:  # hand-written pages kept out of the navigation
        files.get_file_from_path(path).inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_page_markdown(markdown, page, config, files):
    with _state["timing"].stage("fill markers"):
        if page.file.src_uri in _state["generated"]:  # markers are for hand-written pages (docs/)
            return markdown
        try:
            return _state["fragments"].fill_markers(_state["site"], page.file.src_uri, markdown)
        except _state["errors"].DataError as error:
            raise PluginError(str(error)) from None


def on_nav(nav, config, files):
    """Every navigation title is HTML text (``escaping.check_title``): the theme writes it as is."""
    escaping = importlib.import_module("build_scripts.site.escaping")
    try:
        for item in _nav_items(nav.items):
            escaping.check_title(item.title, f"navigation entry {item.title!r}")
    except escaping.TitleError as error:
        raise PluginError(str(error)) from None
    return nav


def _nav_items(items):
    for item in items:
        yield item
        yield from _nav_items(getattr(item, "children", None) or ())


def on_page_content(html, page, config, files):
    """The page's titles, known once it is rendered — before anything is written (MkDocs
    renders every page before it copies a file or writes a page), so a refused title leaves
    no partial site."""
    escaping = importlib.import_module("build_scripts.site.escaping")
    try:  # the page title and its table of contents reach <title>, header and footer as is
        escaping.check_title(page.title, page.file.src_uri)
        if "title" in page.meta:  # the theme prefers it to page.title in <title> and the header
            escaping.check_title(str(page.meta["title"]), f"{page.file.src_uri} (front matter)")
        for item in _toc_items(page.toc):
            escaping.check_title(item.title, f"{page.file.src_uri}#{item.id}")
    except escaping.TitleError as error:
        raise PluginError(str(error)) from None
    return html


def on_page_context(context, page, config, nav):
    sidebar = importlib.import_module("build_scripts.publish.sidebar")
    if not sidebar.in_navigation(page):
        if _state.get("top_level", (None,))[0] is not nav:  # one set per build (serve rebuilds nav)
            _state["top_level"] = (nav, {})
        reduced = _state["top_level"][1]
        current = sidebar.current_section(nav, page.url)  # one reduced navigation per section
        if current not in reduced:
            reduced[current] = sidebar.top_level(nav, page.url)
        context["nav"] = reduced[current]
    return context


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def on_post_build(config):
    """Every page through ``finish`` (titles checked, each page's Content-Security-Policy),
    the step any publisher's output takes (``python -m build_scripts finish SITE_DIR``)."""
    finish = importlib.import_module("build_scripts.publish.finish")
    with _state["timing"].stage("finish"):
        try:
            finish.finish(Path(config.site_dir))
        except finish.FinishError as error:
            raise PluginError(str(error)) from None
    _log_timings(_state["timing"], time.perf_counter() - _state["started"])


def _log_timings(timing, total: float) -> None:
    """Log the stage times (and write them to ``$BUILD_TIMINGS``): ours, and the rest of
    the build since ``on_config`` — MkDocs itself (Markdown, theme)."""
    ours = sum(timing.totals().values())
    log.info("build timings: %s; mkdocs %.2f s; total %.2f s", timing.summary(), total - ours, total)
    timing.dump({"mkdocs": round(total - ours, 4), "total": round(total, 4)})
