"""Work done once: a build with unchanged inputs reuses the site build and each page's HTML.

Pipeline place: the publish layer, under the MkDocs plugin (``plugin.py``), which asks it
twice per build:

* **The site build** (:class:`SiteCache`): ``load_site`` and ``build`` — parsing, the jieba
  segmenter, linking, annotating and every page's Markdown — depend only on the data folder,
  the benchmark report the 性能 page shows, the hand-written pages (their ``<!-- name -->``
  markers are filled from the site), the code of this package (templates included), the
  build date and the versions of the libraries that cut words and render templates. Their
  SHA-256 is the key; the record holds the :class:`SiteBuild`, the build's notes and
  summary, and each hand-written page's filled Markdown. On a hit the data is not read at all.
* **Each page's HTML** (:class:`PageCache`): MkDocs converts every page's Markdown with the
  same extensions; the result (HTML, table of contents, title, anchors, links to anchors)
  depends only on the page's Markdown, the Markdown settings, the list of files (links are
  resolved against it) and the versions of MkDocs and Markdown. A page whose conversion
  logged a warning is never kept, so a strict build still sees every warning.

Records are pickles under ``.cache/`` beside ``mkdocs.yml`` (gitignored), written at the end
of a build that succeeded (atomically: temporary file and rename). Each keeps only the last
build's records, so the cache does not grow. Any change to an input is a new key: a stale
result is never used, and a warm build writes the same site byte for byte
(``tests/test_build_cache.py``). ``cache: false`` under the plugin in ``mkdocs.yml`` turns
both off. Why: ``docs/decisions/0006-growth.md``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import platform
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from ..website.build import SiteBuild

FORMAT = 2  # bump when a record changes shape (2: notes, once warnings)
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # build_scripts/
SITE_LIBRARIES = ("jieba", "rjieba", "jinja2", "pyyaml", "markupsafe")
PAGE_LIBRARIES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")
log = logging.getLogger("mkdocs.plugins.beijing-plans")


def _versions(names: Iterable[str]) -> list[str]:
    out = [platform.python_version()]
    for name in names:
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} absent")
    return out


def tree_digest(paths: Iterable[Path], hasher: Any | None = None) -> Any:
    """Every file under ``paths`` (recursively, compiled Python left out): its path relative to
    its root and its bytes, in path order."""
    hasher = hasher or hashlib.sha256()
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts:
                continue
            name = path.name if path == root else path.relative_to(root).as_posix()
            content = path.read_bytes()
            hasher.update(f"{root.name}/{name}\0{len(content)}\0".encode())
            hasher.update(content)
    return hasher


def _read(path: Path) -> Any | None:
    try:
        with path.open("rb") as stored:
            record = pickle.load(stored)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return record if getattr(record, "format", None) == FORMAT else None


def _write(directory: Path, name: str, record: Any) -> None:
    """Write atomically and drop the older records of the same kind; a cache that cannot be
    written is only a missed speed-up."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            pickle.dump(record, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, directory / name)
        for old in directory.glob("*.pickle"):
            if old.name != name:
                old.unlink(missing_ok=True)
    except OSError as error:
        log.info("build cache: not written (%s)", error)


# ---------------------------------------------------------------- the site build


@dataclass
class SiteRecord:
    """What a build made of its inputs, and what it logged about them."""

    built: SiteBuild
    notes: tuple[str, ...]
    summary: tuple[int, int, int]  # plans, tasks, cross-plan links
    filled: dict[tuple[str, str], str]  # (hand-written page, digest of its Markdown) → markers filled
    format: int = FORMAT


def markdown_digest(markdown: str) -> str:
    return hashlib.sha256(markdown.encode("utf-8")).hexdigest()


@dataclass
class SiteCache:
    """The site build's record for one set of inputs (:func:`site_key`)."""

    directory: Path
    key: str

    @property
    def path(self) -> Path:
        return self.directory / f"{self.key}.pickle"

    def get(self) -> SiteRecord | None:
        return _read(self.path)

    def put(self, record: SiteRecord) -> None:
        _write(self.directory, self.path.name, record)


def site_key(data: Path, report: Path, docs: Path, epoch: str) -> str:
    """The digest of everything the site build reads (see the module docstring)."""
    hasher = hashlib.sha256(json.dumps([FORMAT, epoch, _versions(SITE_LIBRARIES)]).encode())
    return tree_digest([data, report, docs, PACKAGE_DIR], hasher).hexdigest()


# ---------------------------------------------------------------- each page's HTML


@dataclass
class PageRecord:
    """What ``Page.render`` leaves on a page."""

    content: str
    toc: Any  # mkdocs.structure.toc.TableOfContents
    title: str | None
    anchors: frozenset[str] | None
    links: dict[str, dict[str, str]] | None  # linked file (src_uri) → anchor → original link


@dataclass
class PageRecords:
    pages: dict[str, PageRecord]
    format: int = FORMAT


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class PageCache:
    """Each page's HTML for one Markdown setup and file list (:func:`page_context`); the
    records found at the start of a build, and those of this build, written at its end."""

    directory: Path
    context: str
    found: dict[str, PageRecord] = field(default_factory=dict)
    kept: dict[str, PageRecord] = field(default_factory=dict)
    hits: int = 0

    def load(self) -> None:
        stored = _read(self.directory / f"{self.context}.pickle")
        self.found = stored.pages if stored is not None else {}

    def save(self) -> None:
        _write(self.directory, f"{self.context}.pickle", PageRecords(self.kept))

    def render(self, page: Any, files: Any, render: Callable[[], None]) -> None:
        """Give ``page`` its HTML: from the record of the same Markdown if there is one, else
        by ``render()`` (MkDocs' own), kept if it logged no warning."""
        key = f"{page.file.src_uri}\0{markdown_digest(page.markdown)}"
        record = self.found.get(key)
        if record is not None:
            page.content, page.toc, page._title_from_render = record.content, record.toc, record.title
            page.present_anchor_ids = set(record.anchors) if record.anchors is not None else None
            if record.links is not None:
                page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in record.links.items()}
            self.kept[key] = record
            self.hits += 1
            return
        counter = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(counter)
        try:
            render()
        finally:
            logger.removeHandler(counter)
        if counter.count:
            return
        links = getattr(page, "links_to_anchors", None)
        self.kept[key] = PageRecord(
            page.content,
            page.toc,
            page._title_from_render,
            frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
            {f.src_uri: dict(l) for f, l in links.items()} if links is not None else None,
        )


def _stable(value: Any) -> str:
    """A setting JSON cannot hold (a slugify function): its qualified name, not its address."""
    return f"{type(value).__module__}.{getattr(value, '__qualname__', type(value).__qualname__)}"


def page_context(config: Any, files: Iterable[Any]) -> str:
    """The digest of what every page's conversion depends on besides its Markdown: the
    configuration file and the Markdown settings read from it, the files (links resolve
    against them), the library versions and this package (the project's Markdown extension)."""
    settings = {
        "extensions": [str(e) for e in config["markdown_extensions"]],
        "mdx_configs": config["mdx_configs"],
        "use_directory_urls": config["use_directory_urls"],
        "validation": str(config["validation"]),
        "files": sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files),
        "versions": _versions(PAGE_LIBRARIES),
        "format": FORMAT,
    }
    hasher = hashlib.sha256(json.dumps(settings, sort_keys=True, default=_stable).encode())
    return tree_digest([Path(config.config_file_path), PACKAGE_DIR], hasher).hexdigest()


__all__ = ["PageCache", "PageRecord", "SiteCache", "SiteRecord", "markdown_digest", "page_context", "site_key"]
