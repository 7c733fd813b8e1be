"""Helpers and fixtures for browser tests against the built site.

Browser: Debian's chromium (``/usr/bin/chromium``) driven by Playwright; Playwright's
own browser download is never used.  Without chromium or playwright the browser
fixtures skip, unless ``REQUIRE_BROWSER=1`` is set, in which case they fail.

Use it as a pytest plugin, so that the fixtures *and* the report hook (used for
failure screenshots) are registered once, e.g. in ``tests/conftest.py``::

    pytest_plugins = ["browser_support"]

Plain functions (:func:`serve_directory`, :func:`search`, :func:`search_meta`,
:func:`open_search`, :func:`is_local_url`) can be imported directly: ``from browser_support import search``.

Fixtures:

``serve_dir``  callable ``serve_dir(directory) -> base_url`` ("http://127.0.0.1:PORT/");
               servers stop at the end of the test.
``browser``    session-scoped Playwright ``Browser`` (Debian chromium, headless).
``new_page``   :class:`PageFactory`: ``page = new_page(url)`` opens a page in a fresh
               context; ``new_page.external_requests`` lists every requested URL
               whose host is not 127.0.0.1/localhost (those requests are aborted);
               on test failure each page is saved to
               ``tests/artifacts/<test-name>.png`` (full page);
               ``new_page.look(url, viewport)`` navigates the session's kept page for
               that viewport instead (:class:`KeptPages`), for tests that only look.
               Every page's Content-Security-Policy violations are in ``window.__csp``
               and its console errors and warnings in ``new_page.console``.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:  # pragma: no cover
    from playwright.sync_api import Browser, BrowserContext, Page

from benchmarks.transfer import CHROMIUM, CHROMIUM_ARGS  # one browser setup for tests and measurements

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
ENABLE_HINT = "install the browser with `apt-get install -y chromium` and the test dependencies with `pip install --require-hashes -r requirements.lock`"

# --------------------------------------------------------------------------- server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve *directory* over HTTP on 127.0.0.1 (free port) and yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    # serve_forever looks for shutdown every poll_interval (0.5 s by default): each test's
    # servers would keep it waiting that long at teardown.
    serve = functools.partial(server.serve_forever, poll_interval=0.02)
    thread = threading.Thread(target=serve, name="serve_directory", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Factory fixture: ``base_url = serve_dir(path)``; every server stops after the test."""
    with ExitStack() as stack:
        yield lambda directory: stack.enter_context(serve_directory(directory))


# --------------------------------------------------------------------------- browser


def _unavailable(reason: str) -> None:
    message = f"browser tests unavailable: {reason}; to enable them, {ENABLE_HINT}"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} (REQUIRE_BROWSER=1 is set)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian chromium via Playwright, headless; skips (or fails) if unavailable."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"{CHROMIUM} is missing")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def is_local_url(url: str) -> bool:
    """True for URLs served by this machine or not fetched over the network (data:, blob:)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


# Every Content-Security-Policy violation of a page's documents, from their first script on, in
# ``window.__csp``: an init script of every page the factory opens, so it watches before the
# page's own scripts run.
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@dataclass
class KeptPages:
    """One page per viewport kept for the whole session, for the checks that only look at what a
    page shows (:meth:`PageFactory.look`). Chromium starts a renderer process for every new page,
    about 1 CPU second on a 2-core machine, more than loading the page; a kept page navigates
    instead. Each test serves the site on a port of its own, so a kept page meets a new origin
    (empty storage, nothing cached) in every test. What it requests and the errors it raises go
    to the factory of the test that holds it."""

    browser: Browser
    holder: PageFactory | None = None
    _pages: dict[tuple[int, int], Page] = field(default_factory=dict)

    def open(self, holder: PageFactory, url: str, viewport: dict[str, int]) -> Page:
        key = (viewport["width"], viewport["height"])
        page = self._pages.get(key)
        if page is None or page.is_closed():
            context = self.browser.new_context(viewport=viewport)
            context.route(lambda u: not is_local_url(u), lambda route: route.abort())
            context.on("request", self._on_request)
            context.add_init_script(WATCH_CSP)
            page = context.new_page()
            page.on("pageerror", self._on_error)
            page.on("console", self._on_console)
            watch_traffic(page)
            self._pages[key] = page
        self.holder = holder
        page.goto(url)
        return page

    def _on_request(self, request) -> None:
        if self.holder is not None:
            self.holder._on_request(request)

    def _on_error(self, error) -> None:
        if self.holder is not None:
            self.holder.page_errors.append(str(error))

    def _on_console(self, message) -> None:
        if self.holder is not None:
            self.holder._on_console(message)

    def close(self) -> None:
        for page in self._pages.values():
            page.context.close()
        self._pages.clear()


@dataclass
class PageFactory:
    """Opens pages in fresh browser contexts and watches what they request."""

    browser: Browser
    kept: KeptPages | None = None
    block_external: bool = True
    external_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)  # the pages' console errors and warnings
    pages: list[Page] = field(default_factory=list)
    _contexts: list[BrowserContext] = field(default_factory=list)

    def __call__(self, url: str | None = None, **context_options) -> Page:
        context_options.setdefault("viewport", {"width": 1280, "height": 900})
        context = self.browser.new_context(**context_options)
        self._contexts.append(context)
        context.on("request", self._on_request)
        if self.block_external:
            context.route(lambda u: not is_local_url(u), lambda route: route.abort())
        context.add_init_script(WATCH_CSP)
        page = context.new_page()
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("console", self._on_console)
        watch_traffic(page)
        self.pages.append(page)
        if url is not None:
            page.goto(url)
        return page

    def look(self, url: str, viewport: dict[str, int] | None = None) -> Page:
        """*url* in the session's kept page for *viewport* (:class:`KeptPages`): for a test that
        changes nothing that outlives the document (it may type, click and read, but grants no
        permission and adds no route, init script or listener), so that a later test meets the
        page as a fresh one. The page is returned settled (:func:`settle`). The next call for
        the same viewport navigates the page away."""
        if self.kept is None:
            raise RuntimeError("look() needs the session's kept pages (the new_page fixture)")
        page = self.kept.open(self, url, viewport or {"width": 1280, "height": 900})
        self.pages.append(page)
        settle(page)
        return page

    def _on_request(self, request) -> None:
        if not is_local_url(request.url):
            self.external_requests.append(request.url)

    def _on_console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.console.append(message.text)

    def screenshot(self, name: str) -> list[Path]:
        """Save a full-page screenshot of every open page as artifacts/<name>[-n].png."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        saved = []
        for n, page in enumerate(self.pages, start=1):
            if page.is_closed():
                continue
            path = ARTIFACTS / (f"{name}.png" if n == 1 else f"{name}-{n}.png")
            try:
                page.screenshot(path=str(path), full_page=True)
            except Exception:  # a broken page must not hide the real failure
                continue
            saved.append(path)
        return saved

    def close(self) -> None:
        if self.kept is not None and self.kept.holder is self:
            self.kept.holder = None
        for context in self._contexts:
            context.close()
        self._contexts.clear()
        self.pages.clear()


_IN_FLIGHT: weakref.WeakKeyDictionary[Page, set] = weakref.WeakKeyDictionary()


def watch_traffic(page: Page) -> None:
    """Keep the requests of *page* that have started and not yet finished or failed."""
    flying: set = set()
    _IN_FLIGHT[page] = flying
    page.on("request", lambda request: flying.add(request))
    page.on("requestfinished", lambda request: flying.discard(request))
    page.on("requestfailed", lambda request: flying.discard(request))


def quiet(page: Page, timeout: float = 10.0) -> None:
    """Wait until no request of *page* is in flight (a page of :class:`PageFactory`): what a
    check of everything a page requested needs, after something that took its time (axe-core
    reads a page for a few hundred ms: a request a script starts 150 ms after the load is
    caught, tried). ``wait_for_load_state("networkidle")`` waits for a further 500 ms without
    a request, half a second on each of the 42 pages the accessibility test reads."""
    flying = _IN_FLIGHT[page]
    deadline = time.monotonic() + timeout
    while flying:
        if time.monotonic() > deadline:
            raise TimeoutError(f"requests still in flight after {timeout} s: {[r.url for r in flying][:5]}")
        page.wait_for_timeout(20)  # lets Playwright deliver the pending events


_SETTLED_JS = """() => document.fonts.ready.then(
  () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))"""


def settle(page: Page) -> None:
    """Wait until *page* has loaded, its fonts are ready and two frames are drawn: what a check
    of layout or of the page's scripts needs. Every request a page makes is done by its load
    event; ``networkidle`` would wait a further 500 ms of quiet on every page (about a minute
    of the suite). A test about everything a page requested waits for :func:`quiet` (or
    ``networkidle``, as ``test_csp_browser.py`` does while the page's scripts run)."""
    page.wait_for_load_state("load")
    page.evaluate(_SETTLED_JS)


@functools.cache
def _axe():
    module = pytest.importorskip(
        "axe_playwright_python.sync_playwright",
        reason="pip install --require-hashes -r requirements.lock installs axe-playwright-python",
    )
    return module.Axe()


def serious_violations(page: Page) -> list[tuple[str, list]]:
    """axe-core's serious and critical violations on *page* as it is now: (rule, the first
    three elements it names), for an assertion message that says where."""
    found = _axe().run(page).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found if v["impact"] in ("serious", "critical")]


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^\w.\-\[\]]+", "_", nodeid.split("::", 1)[-1]).strip("_") or "test"


_REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, for the screenshot-on-failure finalizer."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _test_failed(request: pytest.FixtureRequest, failed_before: int) -> bool:
    reports = request.node.stash.get(_REPORTS, None)
    if reports is not None:
        return any(r.failed for r in reports.values())
    # Not registered as a plugin (fixtures imported into a test module): fall back
    # to the session's failure counter, which is updated before teardown runs.
    return request.session.testsfailed > failed_before


@pytest.fixture(scope="session")
def kept_pages(browser: Browser) -> Iterator[KeptPages]:
    kept = KeptPages(browser)
    yield kept
    kept.close()


@pytest.fixture
def new_page(browser: Browser, kept_pages: KeptPages, request: pytest.FixtureRequest) -> Iterator[PageFactory]:
    """Factory for pages; records third-party requests, screenshots on failure."""
    factory = PageFactory(browser, kept_pages)
    failed_before = request.session.testsfailed
    yield factory
    try:
        if _test_failed(request, failed_before):
            factory.screenshot(_artifact_name(request.node.nodeid))
    finally:
        factory.close()


# --------------------------------------------------------------------------- search


@dataclass(frozen=True)
class SearchResult:
    """One result card of the site's search dialog (``docs/javascripts/search-ui.js``).

    *title*, *meta* (kind, plan and years, crumbs, task id), *snippet* and *why* (the note on a
    result found through another name, or one that holds the query only in part) are the
    card's texts as a reader copies them (nothing is removed: a card has no invisible
    characters to remove); *text* is all of them together; *href* is absolute; *marks* are the
    highlighted words, title and snippet."""

    title: str
    meta: str
    snippet: str
    why: str
    href: str
    marks: list[str]

    @property
    def text(self) -> str:
        return " ".join(part for part in (self.title, self.meta, self.snippet, self.why) if part)


SEARCH_BUTTON = ".site-search-button"
SEARCH_INPUT = "#site-search-input"
SEARCH_RESULTS = "[data-search-results]"
SEARCH_STATUS = ".site-search__status"

_COLLECT_JS = """
list => [...list.querySelectorAll('[data-search-result]')].map(li => {
  const text = sel => { const e = li.querySelector(sel); return e ? e.textContent : '' }
  return {
    title: text('.site-search__title'),
    meta: text('.site-search__meta'),
    snippet: text('.site-search__snippet'),
    why: text('.site-search__why'),
    href: li.querySelector('a').href,
    marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
  }
})
"""
_DONE_JS = """
([sel, query]) => {
  const list = document.querySelector(sel)
  const box = document.querySelector('#site-search-input')
  const asked = query === null ? box.value : query  // the box drops line breaks, as any text input
  return list !== null && list.dataset.state === 'done' && list.dataset.query === asked
}
"""


def open_search(page: Page) -> None:
    """Open the search dialog with its button (as a reader does), unless it is open."""
    if not page.locator(SEARCH_INPUT).is_visible():
        page.locator(SEARCH_BUTTON).click()
    page.locator(SEARCH_INPUT).wait_for(state="visible")


def wait_for_results(page: Page, query: str | None = None, timeout: float = 10_000) -> None:
    """Wait until the result list answers *query* (default: what the search box holds)."""
    page.wait_for_function(_DONE_JS, arg=[SEARCH_RESULTS, query], timeout=timeout)


def search(page: Page, query: str, *, timeout: float = 10_000) -> list[SearchResult]:
    """Type *query* into the site's search box on *page* and return the result cards in order,
    once the list says it answers that query (``data-state="done"``, ``data-query``)."""
    open_search(page)
    box = page.locator(SEARCH_INPUT)
    box.fill(query)  # an input event, as typing or pasting gives
    wait_for_results(page, None, timeout)
    return [SearchResult(**item) for item in page.eval_on_selector(SEARCH_RESULTS, _COLLECT_JS)]


def search_meta(page: Page) -> str:
    """The line above the results (count, or the "no results" message), as the live region says it."""
    return page.inner_text(SEARCH_STATUS).strip()


__all__ = [
    "ARTIFACTS",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "SEARCH_INPUT",
    "SEARCH_RESULTS",
    "WATCH_CSP",
    "KeptPages",
    "PageFactory",
    "SearchResult",
    "browser",
    "is_local_url",
    "new_page",
    "open_search",
    "pytest_runtest_makereport",
    "search",
    "search_meta",
    "serious_violations",
    "serve_dir",
    "serve_directory",
    "settle",
    "wait_for_results",
]
