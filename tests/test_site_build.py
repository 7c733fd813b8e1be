"""Pages as data: one site build returns every page (path, title, Markdown, in the navigation
or not), the navigation and the generated files; the adapters only publish it."""

from __future__ import annotations

import json

import pytest
from conftest import registered_plans, registered_tasks

from build_scripts.core.paths import DATA
from build_scripts.website import build as site_build
from build_scripts.website import export
from build_scripts.website.pages import Page


@pytest.fixture(scope="module")
def built(real_build):
    return real_build


def _nav_pages(entries):
    for entry in entries:
        for value in entry.values():
            yield from _nav_pages(value) if isinstance(value, list) else [value]


def test_every_page_has_one_path_and_a_title(built):
    paths = [page.path for page in built.pages]
    assert len(paths) == len(set(paths)) > 400
    untitled = [page.path for page in built.pages if not page.title]
    assert untitled == []


def test_the_navigation_lists_exactly_the_pages_in_it(built):
    listed = list(_nav_pages(built.nav_config()))
    assert len(listed) == len(set(listed))
    generated = {page.path for page in built.pages}
    in_nav = {page.path for page in built.pages if page.in_nav}
    assert {p for p in listed if p in generated} == in_nav
    assert set(listed) - generated == {"index.md", "about.md"}  # hand-written (docs/)
    assert built.outside == ("performance.md",)  # hand-written, in 维护与方法 (the footer), not the navigation
    assert [label for label, _ in built.maintenance] == ["关于与方法", "脉络审定", "开放数据版本", "性能", "来源文件"]


def test_every_producer_yields_page_records(built, real_site):
    site = real_site
    for producer in site_build.PRODUCERS:
        pages = list(producer.pages(site))
        assert pages and all(isinstance(page, Page) for page in pages), producer.__name__


def test_the_generated_files_are_the_open_data_the_received_texts_the_search_index_and_compare_data(built):
    files = {f.path: f.content for f in built.files}
    assert {"data/tasks.json", "data/links.csv", "data/indicators.json"} <= set(files)
    assert {p for p in files if p.endswith(".schema.json")} == {f"data/{name}" for name in export.schema_files()}
    assert {f"data/{name}" for name in (*export.DATA_FILES, export.DATAPACKAGE)} <= set(files)
    tasks = json.loads(files["data/tasks.json"])
    assert len(tasks["tasks"]) == registered_tasks()
    texts = [p for p in files if p.startswith("sources/")]
    received = len(list((DATA / "sources").glob("*.txt")))  # 5: four plans and an excerpt
    assert len(texts) == received + len(registered_plans()) and all(
        p.endswith(".txt") for p in texts
    )  # and each plan readably named
    assert "search/head.json" in files  # the search index, made from the same site (website/search)
    compare = {p.removeprefix("lineage/compare/").removesuffix(".json") for p in files if p.startswith("lineage/")}
    lines = {p.path.removeprefix("lineage/").removesuffix(".md") for p in built.pages if p.path.startswith("lineage/")}
    assert compare == lines - {"index", "review"} - {p for p in lines if "/" in p}  # a task's data per line page
    assert {p.split("/")[0] for p in files} == {"data", "sources", "search", "feed.xml", "lineage"}


def test_a_page_title_is_read_from_its_front_matter():
    assert Page("a.md", '---\ntitle: "A &amp; B"\n---\n\n# x\n').title == "A &amp; B"
    assert Page("b.md", "intro\n# 全部规划 {: #plans }\n\n## 时间线\n").title == "全部规划"
    assert Page("c.md", "---\nsearch:\n  exclude: true\n---\n# 开放数据版本 {: #changelog }\n").title == "开放数据版本"
    assert Page("d.md", "---\nsearch:\n  exclude: true\n---\n## only a subheading\n").title is None
