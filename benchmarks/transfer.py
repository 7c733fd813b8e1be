"""What a reader's browser transfers, measured in Chromium: ``python -m benchmarks.transfer [SITE]``.

The built site (default ``site/``) is served on 127.0.0.1 and opened in headless Chromium
(``/usr/bin/chromium`` via Playwright). The server notes every response it sends — page,
stylesheets, scripts, images, the files of the search index when they are loaded: what
crossed the network. What the browser took from its cache never reaches the server; a
revalidation (304) carries no body.
The local server does not compress, so each transferred file is counted at its gzip size
(``gzip -6``, the default of gzip and of common web servers) and at its raw size.

Three visits of a typical chapter page (the median chapter by HTML size):

* ``first``: a first visit, empty cache, the reader does not search;
* ``first_search``: the same, then the reader opens search and types a term (the files of the
  search index that query needs; ``search_gzip`` is their part);
* ``repeat``: after the first visit, another chapter page in the same browser (cache warm).

``python -m benchmarks.transfer`` writes the figures into ``benchmarks/report.json``
(key ``transfer``, with the command and time) and rewrites ``benchmarks/report.md``;
``python -m benchmarks`` measures them as part of its run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shlex
import sys
import threading
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SEARCH_BUTTON = ".site-search-button"
SEARCH_INPUT = "#site-search-input"
# The list answers what the box holds (the box drops line breaks a query may carry, as any
# text input does).
SEARCH_DONE = """() => {
  const list = document.querySelector('[data-search-results]')
  const box = document.querySelector('#site-search-input')
  return list !== null && box !== null && list.dataset.state === 'done' && list.dataset.query === box.value
}"""
INDEX_DIR = "search/"
QUERY = "物联网"
LEVEL = 6


class _Logged(http.server.SimpleHTTPRequestHandler):
    """Serves the site and notes every response it sends: path and status (a 304 carries no body)."""

    served: list[tuple[str, int]]

    def log_request(self, code="-", size="-"):
        code = getattr(code, "value", code)
        self.served.append((self.path, code if isinstance(code, int) else 0))

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1; yield the base URL and the list of (path, status)
    responses the server sends, in order."""
    served: list[tuple[str, int]] = []
    handler = type("Handler", (_Logged,), {"served": served})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def gzip_size(raw: bytes) -> int:
    return len(gzip.compress(raw, compresslevel=LEVEL, mtime=0))


def chapter_pages(site: Path) -> list[str]:
    """Chapter pages (URL paths), by HTML size: the typical one is the median."""
    pages = sorted(
        (p for p in site.glob("plans/*/*/index.html") if p.parent.name[:1].isdigit()),
        key=lambda p: (p.stat().st_size, str(p)),
    )
    return [str(p.parent.relative_to(site)) + "/" for p in pages]


class Recorder:
    """What the server sent since the last :meth:`take`: what crossed the network. A file
    the browser took from its cache never reaches the server; a revalidated one (304)
    carries no body."""

    def __init__(self, site: Path, served: list[tuple[str, int]]):
        self.site, self.served = site, served

    def take(self) -> list[dict]:
        """The responses so far, each with its file's raw and gzip size (0 for a 304)."""
        files = []
        for url_path, status in self.served:
            path = unquote(urlsplit(url_path).path).lstrip("/")
            target = self.site / path
            if not path or path.endswith("/") or target.is_dir():
                target = target / "index.html"
            raw = target.read_bytes() if status == 200 and target.is_file() else b""
            files.append(
                {
                    "path": path or "index.html",
                    "status": status,
                    "cached": status == 304,
                    "bytes": len(raw),
                    "gzip": gzip_size(raw) if raw else 0,
                }
            )
        self.served.clear()
        return sorted(files, key=lambda f: f["path"])


def summary(files: list[dict], page: str) -> dict:
    sent = [f for f in files if f["bytes"]]
    return {
        "page": page,
        "requests": len(files),
        "transferred": len(sent),
        "bytes": sum(f["bytes"] for f in sent),
        "gzip": sum(f["gzip"] for f in sent),
        "search_index_loaded": any(f["path"].startswith(INDEX_DIR) for f in sent),
        "search_files": sum(1 for f in sent if f["path"].startswith(INDEX_DIR)),
        "search_gzip": sum(f["gzip"] for f in sent if f["path"].startswith(INDEX_DIR)),
        "files": files,
    }


def search(page, query: str = QUERY) -> None:
    """Open the search dialog, type ``query`` and wait until its results (and their snippets) are in."""
    if not page.locator(SEARCH_INPUT).is_visible():
        page.locator(SEARCH_BUTTON).click()
    page.locator(SEARCH_INPUT).fill(query)
    page.wait_for_function(SEARCH_DONE, timeout=20_000)
    page.wait_for_load_state("networkidle")


def measure(site: Path, browser=None) -> dict:
    """The three visits (see the module docstring) of the site in ``site``, in ``browser``
    (a Playwright browser) or in a Chromium launched for the purpose."""
    if browser is not None:
        return _visits(Path(site).resolve(), browser)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _visits(Path(site).resolve(), launched)
        finally:
            launched.close()


def _visit(browser, site: Path, base: str, served, pages: list[str], query: str = "") -> list[dict]:
    """Open ``pages`` one after the other in a fresh context; what each transferred."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        recorder = Recorder(site, served)
        recorder.take()  # nothing before the first page counts
        visits = []
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            if query:
                search(page, query)
            visits.append(summary(recorder.take(), path))
        return visits
    finally:
        context.close()


def _visits(site: Path, browser) -> dict:
    chapters = chapter_pages(site)
    typical, other = chapters[len(chapters) // 2], chapters[len(chapters) // 2 - 1]
    with serve(site) as (base, served):
        first, repeat = _visit(browser, site, base, served, [typical, other])
        (first_search,) = _visit(browser, site, base, served, [typical], query=QUERY)
    return {"first": first, "repeat": repeat, "first_search": first_search, "gzip_level": LEVEL, "query": QUERY}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.transfer", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"), help="built site (default site/)")
    parser.add_argument("--json", type=Path, default=Path(__file__).resolve().parent / "report.json")
    parser.add_argument("--md", type=Path, default=Path(__file__).resolve().parent / "report.md")
    args = parser.parse_args(argv)
    visits = measure(args.site)
    visits["command"] = " ".join(
        ["python -m benchmarks.transfer", *map(shlex.quote, sys.argv[1:] if argv is None else argv)]
    )
    visits["generated"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    from benchmarks.report import targets, write_report

    report = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
    report["transfer"] = visits
    if "build" in report:
        report["targets"] = targets(report)
    write_report(report, args.json, args.md)
    for key in ("first", "first_search", "repeat"):
        v = visits[key]
        print(
            f"{key}: {v['page']} {v['transferred']} files, {v['bytes'] / 1024:.1f} KB, {v['gzip'] / 1024:.1f} KB gzip"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
