"""Unit tests for build_scripts/publish/search_fix.py: the patches of Material's search worker,
and the committed theme override that carries them into every build."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from build_scripts.core.paths import OVERRIDES
from build_scripts.publish import search_fix
from build_scripts.publish.search_fix import (
    HEADER,
    ORIGINAL_SNIPPET,
    PATCHES,
    REGENERATE,
    THEME_VERSION,
    WORKER_DIR,
    SearchWorkerPatchError,
    check_installed_theme_worker,
    check_override,
    check_site_worker,
    find_worker,
    installed_theme_worker,
    override_text,
    patch_worker_text,
    write_override,
)

NODE = shutil.which("node")


@pytest.fixture(scope="module")
def theme_text() -> str:
    """The installed theme's own (unpatched) worker."""
    return check_installed_theme_worker().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def override() -> Path:
    """The committed override."""
    return OVERRIDES / WORKER_DIR / installed_theme_worker().name


def test_installed_theme_worker_contains_the_snippet(theme_text):
    assert theme_text.count(ORIGINAL_SNIPPET) == 1


def test_patch_replaces_exactly_the_snippets(theme_text):
    patched = patch_worker_text(theme_text)
    expected = theme_text
    for patch in PATCHES:
        assert patch.original not in patched and patched.count(patch.patched) == 1, patch.name
        expected = expected.replace(patch.original, patch.patched)
    assert patched == expected


def test_a_worker_with_one_snippet_changed_upstream_is_refused(theme_text):
    text = theme_text.replace(PATCHES[1].original, "changed")
    with pytest.raises(SearchWorkerPatchError, match="Chinese query clauses") as error:
        patch_worker_text(text, source="w.js")
    assert REGENERATE in str(error.value) and THEME_VERSION in str(error.value)


def test_patching_twice_is_a_no_op(theme_text):
    once = patch_worker_text(theme_text)
    assert patch_worker_text(once) == once


def test_unknown_worker_raises_naming_the_file(tmp_path: Path):
    with pytest.raises(SearchWorkerPatchError, match=r"search\.0123abcd\.min\.js"):
        patch_worker_text("(()=>{})();\n", source="search.0123abcd.min.js")


def test_snippet_twice_raises():
    with pytest.raises(SearchWorkerPatchError, match="found 2 original"):
        patch_worker_text(ORIGINAL_SNIPPET * 2)


def test_missing_worker_raises(tmp_path: Path):
    with pytest.raises(SearchWorkerPatchError, match="found none"):
        find_worker(tmp_path)


# ---------------------------------------------------------------- the committed override


def test_the_committed_override_is_the_installed_worker_patched(theme_text, override):
    """Fails after a Material upgrade or a changed patch until the override is regenerated."""
    assert check_override() == override
    assert sorted(p.name for p in override.parent.glob("search.*.min.js")) == [installed_theme_worker().name]
    assert override.read_bytes() == (HEADER + patch_worker_text(theme_text)).encode("utf-8")
    assert search_fix.main(["--check"]) == 0


def test_the_header_names_source_licence_and_command(override):
    first, rest = override.read_text(encoding="utf-8").split("\n", 1)
    assert first + "\n" == HEADER
    assert first.startswith("/* ") and first.endswith(" */") and first.count("*/") == 1
    assert f"Material for MkDocs {THEME_VERSION}" in first and "MIT" in first and REGENERATE in first
    assert rest.startswith('"use strict";')  # still the directive prologue: a comment may precede it


def test_an_override_of_another_name_fails_with_instructions(tmp_path: Path, theme_text):
    old = tmp_path / WORKER_DIR / "search.deadbeef.min.js"
    old.parent.mkdir(parents=True)
    old.write_text(override_text(theme_text), encoding="utf-8")
    with pytest.raises(SearchWorkerPatchError, match=r"search\.deadbeef\.min\.js") as error:
        check_override(tmp_path)
    assert installed_theme_worker().name in str(error.value) and REGENERATE in str(error.value)


def test_an_edited_override_fails_with_instructions(tmp_path: Path):
    path = write_override(tmp_path)
    path.write_bytes(path.read_bytes().replace(PATCHES[0].patched.encode(), PATCHES[0].original.encode()))
    with pytest.raises(SearchWorkerPatchError, match="do not edit it by hand") as error:
        check_override(tmp_path)
    assert REGENERATE in str(error.value)


def test_missing_override_fails(tmp_path: Path):
    with pytest.raises(SearchWorkerPatchError, match="found none"):
        check_override(tmp_path)


def test_write_override_replaces_an_older_worker(tmp_path: Path, override):
    (tmp_path / WORKER_DIR).mkdir(parents=True)
    (tmp_path / WORKER_DIR / "search.deadbeef.min.js").write_text("old", encoding="utf-8")
    path = write_override(tmp_path)
    assert sorted(p.name for p in path.parent.iterdir()) == [override.name]
    assert check_override(tmp_path) == path and path.read_bytes() == override.read_bytes()


def test_a_site_with_the_theme_worker_or_none_is_refused(tmp_path: Path):
    overrides = tmp_path / "overrides"
    write_override(overrides)
    site = tmp_path / "site"
    with pytest.raises(SearchWorkerPatchError, match="search worker is missing"):
        check_site_worker(site, overrides)
    (site / WORKER_DIR).mkdir(parents=True)
    shutil.copy2(installed_theme_worker(), site / WORKER_DIR)
    with pytest.raises(SearchWorkerPatchError, match=r"not the patched override.*custom_dir"):
        check_site_worker(site, overrides)


def test_the_built_site_serves_the_override(built_site, override):
    """MkDocs takes the worker from custom_dir (overrides/) under the name base.html loads."""
    assert check_site_worker(built_site) == built_site / WORKER_DIR / override.name
    assert (built_site / WORKER_DIR / override.name).read_bytes() == override.read_bytes()
    assert f"workers/{override.name}" in (built_site / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the patched worker runs


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_patched_worker_still_parses(override):
    subprocess.run([NODE, "--check", str(override)], check=True, capture_output=True)


def _segment_function(js: str) -> str:
    """Cut the minified segment() function out of the worker."""
    start = js.rindex("function ", 0, js.index("let r=new Set,n=new Uint16Array(t.length)"))
    end = js.index('return r.has("")?new Set([t]):r}', start) + len('return r.has("")?new Set([t]):r}')
    return "const segment = " + js[start:end].replace("function ", "function segment_", 1)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_patched_segment_keeps_the_last_word(theme_text, override):
    before = _segment_function(theme_text)
    after = _segment_function(override.read_text(encoding="utf-8"))
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
