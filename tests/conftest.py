"""Shared fixtures: the site built once per session, the parsed corpus, and HTML helpers.

``built_site`` runs ``mkdocs build --strict -d <tmp>`` (subprocess, repo root as cwd) once;
the site tests read its output. ``written_project`` and ``properdocs_site`` are the other
adapter: the project ``write-docs`` writes, and ProperDocs' build of it. ``parse_html`` turns a page into a small element tree
(``html.parser`` only) so tests can look at text content, ids and links.
"""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The four plans the tests were written on, in chronological order: a plan added later (CONTRIBUTING.md,
# "Adding a plan") comes after them or between them by its period, and the tests still hold.
KNOWN_PLANS = ["p11", "wp2009", "p12", "p13"]


def registered_plans() -> tuple:
    """The entries of data/plans.yaml, as the registry reads them."""
    from build_scripts.core.paths import DATA
    from build_scripts.ingest.registry import load_registry

    return load_registry(DATA / "plans.yaml")


def registered_tasks() -> int:
    """The task count a maintainer verified for every plan (``tasks:`` in data/plans.yaml)."""
    return sum(meta.tasks or 0 for meta in registered_plans())


if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

pytest_plugins = ["browser_support"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "beside_shared: needs ../shared beside the checkout to mean anything; may skip in CI"
    )
    config.addinivalue_line("markers", "browser: drives Chromium (set on every test that uses a page)")
    config.addinivalue_line(
        "markers", "slow: builds a site or drives a browser; `pytest -m 'not slow'` is the inner loop"
    )


# Session fixtures that run a whole build: a test that uses one is slow.
BUILDS = {"site_build", "built_site", "written_project", "properdocs_site", "each_build", "browser", "new_page"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark by what a test uses, so that no list of slow tests has to be kept by hand: a page
    in Chromium is ``browser``, any build (or a browser) is ``slow``. Tests that build on
    their own (a copy of the project, a payload site) carry ``slow`` in their module."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & {"browser", "new_page"}:
            item.add_marker(pytest.mark.browser)
        if fixtures & BUILDS:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """In CI (``CI`` set, as .ci/check does) a skip is a failure: a test whose tool or input
    is missing must not pass silently (issue 21). Only a test marked ``beside_shared`` (it
    compares with ../shared, which the forge has not) may skip there."""
    report = yield
    allowed = item.get_closest_marker("beside_shared") is not None or hasattr(report, "wasxfail")
    if report.skipped and os.environ.get("CI") and not allowed:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {reason}"
    return report


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Build:
    """A finished ``mkdocs build``: where the site is and what MkDocs printed."""

    site: Path
    output: str


def build_site(dest: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``mkdocs build --strict -d dest`` in ``cwd``; the caller checks the return code."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder *name*, made by ``make(folder)`` once per test run and shared by every worker of
    that run (pytest-xdist starts one session per worker): the first worker makes it under a
    lock, the others wait for it and reuse it. A failed ``make`` leaves no folder behind, so
    every worker that needs it fails with its own message."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # gw0, gw1 … share a parent
    folder = root / f"once-{name}"
    with open(root / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (folder / ".made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                make(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            (folder / ".made").touch()
    return folder


def _build_real_site(folder: Path) -> None:
    result = build_site(folder / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    (folder / "output.txt").write_text(result.stdout + result.stderr, encoding="utf-8")


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    folder = once_per_run(tmp_path_factory, "site", _build_real_site)
    return Build(folder / "site", (folder / "output.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_site(site_build: Build) -> Path:
    """The directory of the site built once for the session."""
    return site_build.site


def _write_project(folder: Path) -> None:
    out = folder / "project"
    command = [sys.executable, "-m", "build_scripts", "write-docs", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (folder / "log.txt").write_text(result.stderr, encoding="utf-8")


@pytest.fixture(scope="session")
def written_project(tmp_path_factory) -> tuple[Path, str]:
    """``python -m build_scripts write-docs OUT`` once: the project without the plugin, and its log."""
    folder = once_per_run(tmp_path_factory, "written", _write_project)
    return folder / "project", (folder / "log.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def properdocs_site(written_project, tmp_path_factory) -> Path:
    """The written project built by ProperDocs (the maintained MkDocs 1.x fork), once."""
    out, _ = written_project

    def publish(folder: Path) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(folder / "site")],
            cwd=out,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert result.returncode == 0, result.stderr[-3000:]

    return once_per_run(tmp_path_factory, "properdocs", publish) / "site"


@pytest.fixture(params=["plugin", "properdocs"])
def each_build(request) -> Path:
    """Each publisher's site in turn: the plugin build, and ProperDocs' build of the written project."""
    return request.getfixturevalue("built_site" if request.param == "plugin" else "properdocs_site")


@pytest.fixture(scope="session")
def jieba_cache(tmp_path_factory) -> Path:
    """One jieba cache folder for made-up segmenters, so jieba's own dictionary is read once
    per session (``segment._bundled_dictionary``), not once per test."""
    return tmp_path_factory.mktemp("jieba")


@pytest.fixture(scope="session")
def real_site():
    """``load_site`` on the repository's data, once per session (a ``Site`` is frozen)."""
    from build_scripts.core.paths import DATA
    from build_scripts.website.load import load_site

    return load_site(DATA)


@pytest.fixture(scope="session")
def real_build(real_site):
    """The site build (pages, navigation, files) of :func:`real_site`, once per session."""
    from build_scripts.website.build import build

    return build(real_site)


@pytest.fixture(scope="session")
def corpus():
    from build_scripts.core.paths import DATA
    from build_scripts.ingest.corpus import load_corpus

    return load_corpus(DATA)


@pytest.fixture(scope="session")
def sitemap(corpus):
    from build_scripts.website.urls import SiteMap

    return SiteMap(corpus)


# ---------------------------------------------------------------- HTML helpers


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, predicate: Callable[[Element], bool]) -> list[Element]:
        return [element for element in self.iter() if predicate(element)]

    def text(self, skip: Callable[[Element], bool] = lambda e: e.tag in ("script", "style")) -> str:
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not skip(child):
                parts.append(child.text(skip))
        return "".join(parts)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def squash(text: str) -> str:
    """Text with all whitespace removed (for verbatim comparisons, whitespace aside)."""
    return "".join(text.split())


def page_html(site: Path, url: str) -> Element:
    """The parsed page at a site URL such as ``plans/p12/8/`` (:func:`parsed_file`)."""
    return parsed_file(site / url / "index.html")


def parsed_file(path: Path) -> Element:
    """The parsed HTML file at *path* (not to be changed: a worker keeps the files it has
    parsed, for as long as they are unchanged; a test that reads every page of the site reads
    the pages another test of the worker has parsed)."""
    stat = path.stat()
    return _parsed(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=1024)
def _parsed(path: Path, mtime_ns: int, size: int) -> Element:
    return parse_html(path.read_text(encoding="utf-8"))
