"""The sidebar of pages outside the navigation (sidebar.py): made-up navigations, and
the built site (a term page, a policy-line page and a chapter page)."""

from __future__ import annotations

import pytest
from conftest import page_html
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Section, get_navigation

from build_scripts.publish.sidebar import first_page, in_navigation, top_level


def made_up_nav(tmp_path):
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "t",
            "docs_dir": str(tmp_path),
            "site_dir": str(tmp_path / "out"),
            "nav": [
                {"首页": "index.md"},
                {"甲组": [{"一": "a/one.md"}, {"二": [{"深": "a/b/deep.md"}]}]},
                {"乙组": [{"内": [{"更深": "b/c/inner.md"}]}, {"后": "b/after.md"}]},
                {"外链": "https://example.org/"},
            ],
        }
    )
    config.validate()
    names = ["index.md", "a/one.md", "a/b/deep.md", "b/c/inner.md", "b/after.md", "loose.md"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"# {name}\n", encoding="utf-8")
    files = Files([File(name, str(tmp_path), config.site_dir, True) for name in names])
    files.get_file_from_path("loose.md").inclusion = InclusionLevel.NOT_IN_NAV
    return get_navigation(files, config), files


def test_sections_collapse_to_a_link_to_their_first_page(tmp_path):
    nav, _ = made_up_nav(tmp_path)
    compact = top_level(nav)
    assert [item.title for item in compact.items] == ["首页", "甲组", "乙组", "外链"]
    assert compact.items[0] is nav.items[0]  # pages and links stay as they are
    assert compact.items[3] is nav.items[3]
    assert [(type(i), i.url) for i in compact.items[1:3]] == [(Link, "a/one/"), (Link, "b/c/inner/")]
    assert not any(isinstance(item, Section) for item in compact.items)
    assert compact.pages == nav.pages and compact.homepage is nav.homepage


def test_first_page_is_found_depth_first_and_an_empty_section_is_an_error():
    nav_section = Section("空", [Section("也空", [])])
    with pytest.raises(ValueError, match="空"):
        first_page(nav_section)


def test_in_navigation_follows_the_file_inclusion(tmp_path):
    nav, files = made_up_nav(tmp_path)
    assert all(in_navigation(page) for page in nav.pages)
    assert not in_navigation(files.get_file_from_path("loose.md").page)


# ---------------------------------------------------------------- the built site


def sidebar_links(site, url) -> list[tuple[str, str]]:
    nav = page_html(site, url).find_all(lambda e: e.tag == "nav" and "md-nav--primary" in e.classes)[0]
    return [
        (a.text().strip(), a.attrs["href"])
        for a in nav.find_all(lambda e: e.tag == "a" and "md-nav__link" in e.classes)
    ]


TOP_LEVEL = ["首页", "规划文本", "术语", "指标", "跨规划脉络", "关于与方法"]


def a_term_page(site) -> str:
    return next(f"terms/{d.name}/" for d in sorted((site / "terms").iterdir()) if (d / "index.html").exists())


@pytest.mark.parametrize("url", ["term", "lineage/p12-8-1-2/"])
def test_pages_outside_the_navigation_show_the_top_level(built_site, corpus, url):
    url = a_term_page(built_site) if url == "term" else url
    links = sidebar_links(built_site, url)
    assert [title for title, _ in links] == TOP_LEVEL
    assert dict(links)["规划文本"] == "../../plans/"
    assert dict(links)["指标"] == "../../indicators/"
    assert not any(plan.meta.short_name in title for title, _ in links for plan in corpus.plans)


def test_pages_in_the_navigation_keep_the_full_sidebar(built_site, corpus):
    titles = [title for title, _ in sidebar_links(built_site, "plans/p12/8/")]
    # 跨规划脉络 is a section (its label is no link): its 总览 and 专题脉络 are listed instead
    assert titles[:2] == ["首页", "全部规划"] and titles[-5:] == ["术语", "指标", "总览", "专题脉络", "关于与方法"]
    assert "概览" in titles and "原文" in titles  # the open plan's pages are listed
    nav = page_html(built_site, "plans/p12/8/").find_all(lambda e: e.tag == "nav" and "md-nav--primary" in e.classes)[0]
    for plan in corpus.plans:  # every plan: a link, or the open section's label
        assert plan.meta.short_name in nav.text()


def test_the_plans_page_lists_every_plan(built_site, corpus):
    root = page_html(built_site, "plans/")
    hrefs = {a.attrs.get("href") for a in root.find_all(lambda e: e.tag == "a")}
    for plan in corpus.plans:
        assert f"{plan.id}/" in hrefs
        assert f"{plan.id}/full-text/" in hrefs
