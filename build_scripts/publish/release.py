"""Releasing a new version of the open data: its digest, and the release record.

Pipeline place: the publish layer, run by ``python -m build_scripts release``. The digest is
taken of the open data the site build publishes, without the version stamp;
``tests/test_dataset.py`` fails while the current digest differs from the latest release's.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

from ..core.errors import DataError, Problem, display_path
from ..website.dataset import RELEASES_DIR, VERSION, _key, load_dataset


def content_digest(texts: list[str]) -> str:
    """SHA-256 of the open data files (each without the version stamp), in the given order."""
    digest = hashlib.sha256()
    for text in texts:
        raw = text.encode("utf-8")
        digest.update(f"{len(raw)}:".encode())
        digest.update(raw)
    return digest.hexdigest()


def site_digest(site) -> str:
    """:func:`content_digest` of the open data a site publishes, without the version stamp."""
    from ..website.export import OPEN_DATA, data_texts

    texts = data_texts(site, stamped=False)
    return content_digest([texts[f.name] for f in OPEN_DATA if f.name in texts])


# A release whose data is unchanged (the open data changed because the code reads the same data
# otherwise: ``changes`` compares both states with the current code) still says so in its report.
UNCHANGED = (
    "# 数据变更报告\n\n与 {previous} 版的数据相比，任务、链接、术语、指标和页面都没有变化：这一版本开放数据的变化"
    "来自程序对同样数据的处理，见版本说明。\n"
)


def release(data: Path, version: str, summary: str, report: str, digest: str, today: datetime.date) -> Path:
    """Record a release: append it to ``dataset.yaml`` (keeping the file's comments) and
    write its change report to ``releases/VERSION.md`` (:data:`UNCHANGED` where the change
    report is empty). Returns the report's path."""
    current = load_dataset(data / "dataset.yaml")
    if not VERSION.match(version) or _key(version) <= _key(current.version):
        raise DataError(
            [
                Problem(
                    display_path(data / "dataset.yaml"),
                    None,
                    f"release {version!r}: expected MAJOR.MINOR.PATCH after {current.version}",
                )
            ]
        )
    text = (data / "dataset.yaml").read_text(encoding="utf-8").rstrip("\n")
    entry = (
        f'\n  - version: {version}\n    date: {today.isoformat()}\n    digest: "{digest}"\n'
        f"    summary: {json.dumps(summary, ensure_ascii=False)}\n"
    )
    (data / "dataset.yaml").write_text(text + entry, encoding="utf-8")
    path = data / RELEASES_DIR / f"{version}.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(report if report.strip() else UNCHANGED.format(previous=current.version), encoding="utf-8")
    return path
