"""The second adapter: ``write-docs`` writes a project without hooks that another MkDocs 1.x
builder (ProperDocs, the maintained fork) publishes with the same pages, the same open data
and the same search index (``conftest``: ``written_project``, ``properdocs_site``)."""

from __future__ import annotations

import re
from pathlib import Path

DATA_FILES = (
    "tasks.json",
    "links.csv",
    "indicators.json",
    "tasks.schema.json",
    "indicators.schema.json",
    "links.schema.json",
)


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def files_under(site: Path, folder: str) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / folder).rglob("*") if p.is_file()}


def test_the_written_project_has_no_hooks_and_says_what_it_lacks(written_project):
    out, log = written_project
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^(hooks|watch):", config, re.M) and "build_scripts.site.html_blocks" not in config
    assert "nav:" in config and "not_in_nav:" in config
    assert "plugins: []" in config  # no theme search: the site's own is in docs/
    assert "Content-Security-Policy" in log and "search" not in log
    assert (out / "docs" / "plans" / "p13" / "2.md").is_file() and (out / "overrides" / "main.html").is_file()
    assert (out / "docs" / "search" / "head.json").is_file()
    assert (out / "docs" / "javascripts" / "search-engine.js").is_file()
    markers = re.findall(r"<!-- ([a-z-]+) -->", (out / "docs" / "index.md").read_text(encoding="utf-8"))
    assert set(markers) <= {"html-block"}  # every page marker is filled


def test_properdocs_publishes_the_same_pages_data_and_search(properdocs_site, built_site, written_project):
    site = properdocs_site
    assert pages(site) == pages(built_site)
    for name in DATA_FILES:
        assert (site / "data" / name).read_bytes() == (built_site / "data" / name).read_bytes(), name
    # One search for both: the same index files, byte for byte, and the same scripts.
    assert files_under(site, "search") == files_under(built_site, "search")
    for script in ("search-engine.js", "search-ui.js"):
        assert (site / "javascripts" / script).read_bytes() == (built_site / "javascripts" / script).read_bytes()
    site_name = re.search(r"^site_name: (.*)$", (written_project[0] / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert site_name.group(1) in (site / "index.html").read_text(encoding="utf-8")
