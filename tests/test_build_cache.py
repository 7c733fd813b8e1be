"""Work done once (``build_scripts/publish/build_cache.py``): a build with unchanged inputs
reuses the site build and each page's HTML, writes the same site byte for byte, and never
hides a change or a warning. The builds are of a small made-up project (``payload_site``: the
project's code and pages with two short plans), a third of the real build's time; what the
cache keeps is the same for any corpus."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import payload_site
import pytest

from build_scripts.publish.build_cache import PageCache

pytestmark = pytest.mark.slow  # builds sites of its own

# A reject of a pair the linker does not propose: a decision the automatic links do not match (a note).
STALE_REJECT = "- successor: b-2-2-1\n  predecessor: a-2-1-2\n  decision: reject\n  note: 不相关。\n"


def build(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """``mkdocs build`` of the project; not strict: with a copy of ``mkdocs.yml`` saying so."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"}
    config = "mkdocs.yml"
    if not strict:
        config = "mkdocs.lenient.yml"
        text = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / config).write_text(re.sub(r"(?m)^strict: .*$", "strict: false", text), encoding="utf-8")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(site)]
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = payload_site.make_project(tmp_path_factory.mktemp("cached") / "project")
    payload_site.write_data(project, dict.fromkeys(payload_site.FIELDS, ""))
    return project


def test_a_warm_build_reuses_everything_and_writes_the_same_site(project, tmp_path):
    cold = build(project, tmp_path / "cold")
    assert cold.returncode == 0, cold.stderr
    assert "site build: cache hit" not in cold.stderr and "pages: 0 of" in cold.stderr
    warm = build(project, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    assert "site build: cache hit" in warm.stderr
    assert "lineage:" not in warm.stderr  # the data was not even read
    pages = sum(1 for p in (tmp_path / "cold").rglob("*.html"))
    assert f"pages: {pages - 1} of {pages - 1} from the cache" in warm.stderr  # all but 404.html
    assert tree(tmp_path / "warm") == tree(tmp_path / "cold")


def test_an_edit_is_a_miss_and_the_result_equals_a_cold_build(project, tmp_path):
    """An edited hand-written page: the site build runs again, the other pages' HTML is
    reused, and the site is the one a build without any cache writes."""
    build(project, tmp_path / "first")
    about = project / "docs" / "about.md"
    original = about.read_text(encoding="utf-8")
    try:
        about.write_text(original + "\n缓存测试：新的一段。\n", encoding="utf-8")
        edited = build(project, tmp_path / "edited")
        assert edited.returncode == 0, edited.stderr
        assert "site build: cache hit" not in edited.stderr and "lineage: cache hit" in edited.stderr
        hits, pages = map(int, edited.stderr.split("pages: ")[1].split(" from")[0].split(" of "))
        assert hits == pages - 1 > 50  # every other page's HTML is reused
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(
            text.replace("  - beijing-plans\n", "  - beijing-plans:\n      cache: false\n"), encoding="utf-8"
        )
        try:
            uncached = build(project, tmp_path / "uncached")
        finally:
            config.write_text(text, encoding="utf-8")
        assert uncached.returncode == 0 and "from the cache" not in uncached.stderr
        assert tree(tmp_path / "edited") == tree(tmp_path / "uncached")
        assert "缓存测试：新的一段。" in (tmp_path / "edited" / "about" / "index.html").read_text(encoding="utf-8")
    finally:
        about.write_text(original, encoding="utf-8")


def test_a_decision_the_linker_does_not_match_is_noted_and_the_strict_build_goes_on(project, tmp_path):
    """A reject of a link the linker does not make stops no build (the automatic links move when
    a plan is added; the editors' reading does not): a first build notes it, and a strict build
    that finds the record notes it again and finishes."""
    links = project / "data" / "links.yaml"
    original = links.read_text(encoding="utf-8")
    try:
        links.write_text(original + STALE_REJECT, encoding="utf-8")
        first = build(project, tmp_path / "first", strict=False)
        assert first.returncode == 0 and "note: reject b-2-2-1 ← a-2-1-2" in first.stderr
        strict = build(project, tmp_path / "strict")
        assert "site build: cache hit" in strict.stderr
        assert strict.returncode == 0 and "note: reject b-2-2-1 ← a-2-1-2" in strict.stderr
    finally:
        links.write_text(original, encoding="utf-8")
        shutil.rmtree(tmp_path / "strict", ignore_errors=True)


def test_a_page_that_warned_is_not_kept(tmp_path):
    """A page whose conversion logged a warning (a dangling link) is converted again next
    time, so the warning is never lost; a clean one is kept."""
    cache = PageCache(tmp_path, "context")
    files = SimpleNamespace(get_file_from_path=lambda uri: None)

    def page(uri: str):
        return SimpleNamespace(file=SimpleNamespace(src_uri=uri), markdown="# 标题\n")

    def converted(target, warn: bool):
        def render() -> None:
            if warn:
                logging.getLogger("mkdocs.structure.pages").warning("a link that goes nowhere")
            target.content, target.toc, target._title_from_render = "<h1>标题</h1>", [], "标题"
            target.present_anchor_ids, target.links_to_anchors = set(), {}

        return render

    warned, clean = page("a.md"), page("b.md")
    cache.render(warned, files, converted(warned, True))
    cache.render(clean, files, converted(clean, False))
    assert [key.split("\0")[0] for key in cache.kept] == ["b.md"]
    cache.save()
    again = PageCache(tmp_path, "context")
    again.load()
    reused = page("b.md")
    again.render(reused, files, lambda: pytest.fail("converted although it was kept"))
    assert reused.content == "<h1>标题</h1>" and again.hits == 1
