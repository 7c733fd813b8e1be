"""The second adapter: ``write-docs`` writes a project without the plugin that another MkDocs 1.x
builder (ProperDocs, the maintained fork) publishes with the same pages, the same open data
and the same search index (``conftest``: ``written_project``, ``properdocs_site``)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.core.paths import ROOT
from build_scripts.publish.finish import FinishError, finish

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


def test_the_written_project_has_no_plugin_and_says_what_to_run_after_building(written_project):
    out, log = written_project
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert (
        not re.search(r"^(hooks|watch):", config, re.M)
        and "beijing-plans" not in config
        and "build_scripts.website.html_blocks" not in config
    )
    assert "nav:" in config and "not_in_nav:" in config
    assert "plugins: []" in config  # no theme search: the site's own is in docs/
    assert "Content-Security-Policy" in log and "build_scripts finish SITE_DIR" in log
    # its own README and header say so, and nothing of how the plugin builds the site is left
    readme = (out / "README.md").read_text(encoding="utf-8")
    commands = [line.strip() for line in readme.splitlines() if line.startswith("    ")]
    assert commands == ["properdocs build --strict", "python -m build_scripts finish site"]  # as the tests run them
    assert config.startswith("# Written by") and "finish site" in config.split("\n", 2)[1]
    assert "through the project's plugin" not in config
    # ProperDocs reads its own name (mkdocs.yml only as a legacy fallback it means to drop)
    assert (out / "properdocs.yml").read_text(encoding="utf-8") == config
    assert "not in the written project" not in log  # nothing is left to the plugin build alone
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


CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
BLOCK_MARKER = re.compile(r"^<!-- /?html-block -->$", re.M)  # the plugin's Markdown extension removes them


def comparable(html: str) -> str:
    """A page as both builds must agree on it: not the generator tag (mkdocs-1.6.1 / ProperDocs)
    or the block markers the written project keeps as comments, nor the blank lines they leave."""
    html = BLOCK_MARKER.sub("", GENERATOR.sub("", html))
    return "\n".join(line for line in html.split("\n") if line.strip())


def test_finish_makes_the_written_projects_build_the_plugin_build_page_for_page(properdocs_site, built_site, tmp_path):
    """Issue 21: the written project lacked the Content-Security-Policy and the sidebar of
    pages outside the navigation. ``finish`` (the step the plugin build ends with) gives every
    page of ProperDocs' build the same policy as the plugin build's page; then every page is the
    plugin build's, but for what :func:`comparable` leaves out. A second run changes nothing."""
    site = tmp_path / "site"
    shutil.copytree(properdocs_site, site)
    assert not any(CSP.search(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "finish", str(site)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    for path in sorted(site.rglob("*.html")):
        ours = CSP.findall(path.read_text(encoding="utf-8"))
        plugin = CSP.findall((built_site / path.relative_to(site)).read_text(encoding="utf-8"))
        assert len(ours) == 1 and ours == plugin, path.relative_to(site)
    different = [
        path.relative_to(site).as_posix()
        for path in sorted(site.rglob("*.html"))
        if comparable(path.read_text(encoding="utf-8"))
        != comparable((built_site / path.relative_to(site)).read_text(encoding="utf-8"))
    ]
    assert different == []
    before = {p: p.read_bytes() for p in site.rglob("*.html")}
    assert finish(site).secured == 0 and before == {p: p.read_bytes() for p in site.rglob("*.html")}


def test_finish_refuses_a_page_with_markup_in_its_title_and_changes_nothing(tmp_path):
    (tmp_path / "a").mkdir()
    good = '<html><head><meta charset="utf-8"><title>北京 &amp; 规划</title></head><body><h1>规划</h1></body></html>'
    bad = good.replace("北京 &amp; 规划", "北京<script>x()</script>")
    (tmp_path / "index.html").write_text(good, encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(bad, encoding="utf-8")
    with pytest.raises(FinishError, match=r"a/index.html <title>: title .* is not escaped HTML text"):
        finish(tmp_path)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == good  # nothing written
    (tmp_path / "a" / "index.html").write_text(good, encoding="utf-8")
    assert finish(tmp_path).secured == 2
    assert CSP.search((tmp_path / "index.html").read_text(encoding="utf-8"))
