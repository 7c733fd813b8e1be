"""Unit tests for build_scripts/publish/search_fix.py (the search-worker patch)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from build_scripts.publish.search_fix import (
    ORIGINAL_SNIPPET,
    PATCHES,
    WORKER_DIR,
    SearchWorkerPatchError,
    check_installed_theme_worker,
    patch_search_worker,
    patch_worker_file,
    patch_worker_text,
)

NODE = shutil.which("node")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A fake built site holding a copy of the installed theme's worker."""
    workers = tmp_path / "site" / WORKER_DIR
    workers.mkdir(parents=True)
    shutil.copy2(check_installed_theme_worker(), workers)
    return tmp_path / "site"


def test_installed_theme_worker_contains_the_snippet():
    worker = check_installed_theme_worker()
    assert worker.read_text(encoding="utf-8").count(ORIGINAL_SNIPPET) == 1


def test_patch_replaces_exactly_the_snippets(site: Path):
    original = check_installed_theme_worker().read_text(encoding="utf-8")
    worker = patch_search_worker(site)
    assert worker.parent == site / WORKER_DIR
    patched = worker.read_text(encoding="utf-8")
    expected = original
    for patch in PATCHES:
        assert patch.original not in patched and patched.count(patch.patched) == 1, patch.name
        expected = expected.replace(patch.original, patch.patched)
    assert patched == expected


def test_a_worker_with_one_snippet_changed_upstream_is_refused(tmp_path: Path):
    text = check_installed_theme_worker().read_text(encoding="utf-8").replace(PATCHES[1].original, "changed")
    with pytest.raises(SearchWorkerPatchError, match="Chinese query clauses"):
        patch_worker_text(text, source="w.js")


def test_patching_twice_is_a_no_op(site: Path):
    worker = patch_search_worker(site)
    first = worker.read_bytes()
    assert patch_worker_file(worker) is False
    assert patch_search_worker(site) == worker
    assert worker.read_bytes() == first


def test_unknown_worker_raises_naming_the_file(tmp_path: Path):
    workers = tmp_path / WORKER_DIR
    workers.mkdir(parents=True)
    (workers / "search.0123abcd.min.js").write_text("(()=>{})();\n", encoding="utf-8")
    with pytest.raises(SearchWorkerPatchError, match=r"search\.0123abcd\.min\.js"):
        patch_search_worker(tmp_path)


def test_snippet_twice_raises(tmp_path: Path):
    workers = tmp_path / WORKER_DIR
    workers.mkdir(parents=True)
    (workers / "search.x.min.js").write_text(ORIGINAL_SNIPPET * 2, encoding="utf-8")
    with pytest.raises(SearchWorkerPatchError, match="found 2 original"):
        patch_search_worker(tmp_path)


def test_missing_worker_raises(tmp_path: Path):
    with pytest.raises(SearchWorkerPatchError, match="found none"):
        patch_search_worker(tmp_path)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_patched_worker_still_parses(site: Path):
    worker = patch_search_worker(site)
    subprocess.run([NODE, "--check", str(worker)], check=True, capture_output=True)


def _segment_function(js: str) -> str:
    """Cut the minified segment() function out of the worker."""
    start = js.rindex("function ", 0, js.index("let r=new Set,n=new Uint16Array(t.length)"))
    end = js.index('return r.has("")?new Set([t]):r}', start) + len('return r.has("")?new Set([t]):r}')
    return "const segment = " + js[start:end].replace("function ", "function segment_", 1)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_patched_segment_keeps_the_last_word(site: Path):
    before = _segment_function(check_installed_theme_worker().read_text(encoding="utf-8"))
    after = _segment_function(patch_search_worker(site).read_text(encoding="utf-8"))
    words = ["智能", "交通", "智能交通", "物", "联网", "物联网", "电子", "电子政务", "网"]
    queries = ["智能交通", "物联网", "电子政务", "交通网"]
    script = (
        "const index = Object.create(null);"
        f"for (const w of {json.dumps(words)}) index[w] = {{}};"
        f"console.log(JSON.stringify({json.dumps(queries)}.map(q => [...segment(q, index)])));"
    )

    def run(function: str) -> list[list[str]]:
        out = subprocess.run([NODE, "-e", function + ";" + script], check=True, capture_output=True, text=True).stdout
        return json.loads(out)

    assert run(before) == [["智能"], ["物"], ["电子"], ["交通"]]
    assert run(after) == [["智能交通"], ["物联网"], ["电子政务"], ["交通", "网"]]
