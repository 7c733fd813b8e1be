"""The open dataset's identity: name, version and releases (``data/dataset.yaml``).

Pipeline place: read with the rest of ``data/`` (``website.load.load_site``; a data folder
without ``dataset.yaml``, such as a made-up test corpus, publishes unversioned data); ``export`` stamps
the name and current version into ``tasks.json`` and ``indicators.json``; the changelog
page (``changelog.md``, linked from the about page) lists the releases with their change
reports (``data/releases/VERSION.md``, written by the ``release`` command).

The version changes when the data changes: each release records the SHA-256 of the open
data it describes (``tasks.json``, ``links.csv``, ``indicators.json`` without the version
stamp), and a test fails while the current open data differs from the latest release's,
telling the maintainer to run ``python -m build_scripts release VERSION --base REV``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DataError, display_path
from ..core.schema import Checker, Field, compose

RELEASES_DIR = "releases"  # under data/: one change report per release, VERSION.md
CHANGELOG_PAGE = "changelog.md"
VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")

RELEASE_SCHEMA = (Field("version", "str"), Field("date", "date"), Field("digest", "str"), Field("summary", "str"))
DATASET_SCHEMA = (
    Field("name", "str"),
    Field("title", "str"),
    Field("author", "str"),
    Field("licence", "str"),
    Field("releases", "list"),
)


@dataclass(frozen=True)
class Release:
    version: str
    date: datetime.date
    digest: str  # SHA-256 of the open data it describes (see content_digest)
    summary: str  # one Chinese sentence
    report: str  # the change report (Markdown) from data/releases/VERSION.md, "" if none


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    author: str  # who the citations name (as CITATION.cff does)
    licence: str
    releases: tuple[Release, ...]  # oldest first

    @property
    def version(self) -> str:
        return self.releases[-1].version

    def stamp(self) -> dict[str, str]:
        """What the exported files carry of it."""
        return {"name": self.name, "version": self.version}


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in VERSION.match(version).groups())  # type: ignore[union-attr]


def load_dataset(path: Path) -> Dataset:
    """Read and validate ``data/dataset.yaml``: every problem at once, as file:line."""
    root = compose(path)
    checker = Checker(display_path(path))
    top = checker.root(root, "dataset.yaml")
    values = checker.fields(root, "dataset", DATASET_SCHEMA) if root is not None else {}
    releases: list[Release] = []
    for entry, release in checker.entries(top.get("releases"), root, "releases", RELEASE_SCHEMA):
        if set(release) != {f.name for f in RELEASE_SCHEMA}:
            continue
        where = f"releases[{len(releases)}]"
        if not VERSION.match(release["version"]):
            checker.problem(entry, f"{where}.version", f"expected MAJOR.MINOR.PATCH, found {release['version']!r}")
            continue
        if releases and _key(release["version"]) <= _key(releases[-1].version):
            checker.problem(
                entry,
                f"{where}.version",
                f"{release['version']} does not come after {releases[-1].version}; list releases oldest first",
            )
        if not re.fullmatch(r"[0-9a-f]{64}", release["digest"]):
            checker.problem(entry, f"{where}.digest", "expected a SHA-256 in hexadecimal (64 characters)")
        report = path.parent / RELEASES_DIR / f"{release['version']}.md"
        releases.append(
            Release(
                release["version"],
                release["date"],
                release["digest"],
                release["summary"],
                report.read_text(encoding="utf-8") if report.exists() else "",
            )
        )
    if not releases and not checker.problems:
        checker.problem(root, "releases", "expected at least one release")
    if checker.problems:
        raise DataError(checker.problems)
    return Dataset(values["name"], values["title"], values["author"], values["licence"], tuple(releases))


__all__ = [
    "CHANGELOG_PAGE",
    "RELEASES_DIR",
    "Dataset",
    "Release",
    "load_dataset",
]
