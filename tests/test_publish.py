"""The second adapter: ``write-docs`` writes a project without hooks that another MkDocs 1.x
builder (ProperDocs, the maintained fork) publishes with the same pages and the same open data."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_scripts.core.paths import ROOT
from build_scripts.publish.search_fix import WORKER_DIR, check_override

DATA_FILES = (
    "tasks.json",
    "links.csv",
    "indicators.json",
    "tasks.schema.json",
    "indicators.schema.json",
    "links.schema.json",
)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("written") / "project"
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "write-docs", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_the_written_project_has_no_hooks_and_says_what_it_lacks(written):
    out, log = written
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^(hooks|watch):", config, re.M) and "build_scripts.site.html_blocks" not in config
    assert "nav:" in config and "not_in_nav:" in config
    assert "note: not in the written project (needs the hooks build): search" in log
    assert "Content-Security-Policy" in log
    assert (out / "docs" / "plans" / "p13" / "2.md").is_file() and (out / "overrides" / "main.html").is_file()
    worker = check_override()
    assert (out / "overrides" / worker.relative_to(ROOT / "overrides")).read_bytes() == worker.read_bytes()
    markers = re.findall(r"<!-- ([a-z-]+) -->", (out / "docs" / "index.md").read_text(encoding="utf-8"))
    assert set(markers) <= {"html-block"}  # every page marker is filled


@pytest.mark.skipif(shutil.which("properdocs") is None and not os.environ.get("CI"), reason="properdocs not installed")
def test_properdocs_publishes_the_same_pages_data_and_search_worker(written, built_site, tmp_path):
    out, _ = written
    site = tmp_path / "site"
    result = subprocess.run(
        ["properdocs", "build", "--strict", "-d", str(site)],
        cwd=out,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert pages(site) == pages(built_site)
    for name in DATA_FILES:
        assert (site / "data" / name).read_bytes() == (built_site / "data" / name).read_bytes(), name
    nav = yaml.safe_load(
        (out / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:", 1)[0].split("markdown_extensions:")[0]
    )
    assert nav["site_name"] in (site / "index.html").read_text(encoding="utf-8")
    # The patched search worker is a theme override, so ProperDocs serves it too (search_fix).
    worker = check_override()
    assert (site / WORKER_DIR / worker.name).read_bytes() == worker.read_bytes()
    assert (site / WORKER_DIR / worker.name).read_bytes() == (built_site / WORKER_DIR / worker.name).read_bytes()
    # Without the hooks the index names no plans (write_docs.HOOK_ONLY): search.js, which offers
    # the plans the index names, shows no plan buttons, so the worker's plan filter stays off.
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert docs and not any("plan" in doc or "rank" in doc for doc in docs)
    # …but jieba cuts it with the policy words (policy-words.txt), word for word as the hooks build.
    hooks = {d["location"]: d for d in json.loads((built_site / "search" / "search_index.json").read_text())["docs"]}
    assert {d["location"]: (d["title"], d["text"]) for d in docs} == {
        location: (d["title"], d["text"]) for location, d in hooks.items()
    }
