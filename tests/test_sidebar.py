"""The sidebar of pages outside the navigation (``overrides/partials/nav.html``): the theme's
template rendered on a made-up navigation, and the built sites (plugin and ProperDocs)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import page_html, parse_html
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import get_navigation
from mkdocs.utils.yaml import yaml_load

from build_scripts.core.paths import OVERRIDES, ROOT

FEATURES = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["features"]  # the site's


LOOSE = ("loose.md", "a/x.md", "a/b/x.md")  # pages outside the navigation


def made_up_nav(tmp_path):
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "t",
            "docs_dir": str(tmp_path),
            "site_dir": str(tmp_path / "out"),
            "theme": {"name": "material", "custom_dir": str(OVERRIDES), "features": FEATURES},
            "nav": [
                {"首页": "index.md"},
                {"甲组": [{"一": "a/index.md"}, {"二": [{"深": "a/deep.md"}]}, {"三": [{"浅": "a/c.md"}]}]},
                {"乙组": [{"内": [{"更深": "a/b/index.md"}]}, {"后": "b/after.md"}]},
                {"外链": "https://example.org/"},
            ],
        }
    )
    config.validate()
    names = ["index.md", "a/index.md", "a/deep.md", "a/c.md", "a/b/index.md", "b/after.md"] + list(LOOSE)
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"# {name}\n", encoding="utf-8")
    files = Files([File(name, str(tmp_path), config.site_dir, True) for name in names])
    for name in LOOSE:
        files.get_file_from_path(name).inclusion = InclusionLevel.NOT_IN_NAV
    return get_navigation(files, config), files, config


def rendered(tmp_path, name):
    """The theme's sidebar of page ``name``, parsed; its top list."""
    nav, files, config = made_up_nav(tmp_path)
    page = files.get_file_from_path(name).page
    page.active = True  # as MkDocs marks the page it renders (and its sections)
    env = config.theme.get_env()
    html = env.get_template("partials/nav.html").render(
        nav=nav, page=page, config=config, features=FEATURES, lang=SimpleNamespace(t=str), base_url="."
    )
    return parse_html(html).find_all(lambda e: e.tag == "ul" and "md-nav__list" in e.classes)[0]


def sidebar(tmp_path, name) -> list[tuple[str, str, bool]]:
    """(title, address, drawn as current) of each top entry of page ``name``'s sidebar."""
    entries = [child for child in rendered(tmp_path, name).children if not isinstance(child, str)]
    out = []
    for entry in entries:
        link = entry.find_all(lambda e: e.tag in ("a", "label") and "md-nav__link" in e.classes)[0]
        out.append((link.text().strip(), link.attrs.get("href", ""), "md-nav__item--active" in entry.classes))
    return out


def titles(tmp_path, name) -> list[str]:
    """Every entry the sidebar of page ``name`` draws, at any depth, in order."""
    labels = rendered(tmp_path, name).find_all(lambda e: e.tag in ("a", "label") and "md-nav__link" in e.classes)
    return [label.text().strip() for label in labels if label.text().strip()]


def test_a_page_outside_the_navigation_gets_the_top_level_with_sections_as_links(tmp_path):
    assert sidebar(tmp_path, "loose.md") == [
        ("首页", "..", False),
        ("甲组", "../a/", False),  # a section is a link to its first page, depth first
        ("乙组", "../a/b/", False),
        ("外链", "https://example.org/", False),
    ]


@pytest.mark.parametrize(("name", "section"), [("a/x.md", "甲组"), ("a/b/x.md", "乙组")])
def test_the_entry_with_the_longest_address_prefix_is_drawn_as_the_pages_section(tmp_path, name, section):
    entries = sidebar(tmp_path, name)
    assert [title for title, _, _ in entries] == ["首页", "甲组", "乙组", "外链"]
    assert [title for title, _, active in entries if active] == [section]


def test_a_page_in_the_navigation_gets_its_own_subsection_of_its_section_only(tmp_path):
    entries = sidebar(tmp_path, "a/deep.md")
    assert [title for title, _, _ in entries] == ["首页", "甲组", "乙组", "外链"]
    assert entries[1][2] and not entries[2][2]  # its own section drawn open, the others not
    assert entries[1][1] == ""  # a section as Material draws it: a label over its pages
    # 甲组's page 一 and its own subsection 二 (the page 深 in it), not the sibling subsection 三
    assert titles(tmp_path, "a/deep.md") == ["首页", "甲组", "一", "二", "深", "乙组", "内", "后", "外链"]


def test_a_page_of_a_section_in_no_subsection_lists_every_subsection(tmp_path):
    assert titles(tmp_path, "a/index.md") == ["首页", "甲组", "一", "二", "三", "乙组", "内", "后", "外链"]


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
def test_pages_outside_the_navigation_show_the_top_level(each_build, corpus, url):
    url = a_term_page(each_build) if url == "term" else url
    links = sidebar_links(each_build, url)
    assert [title for title, _ in links] == TOP_LEVEL
    assert dict(links)["规划文本"] == "../../plans/"
    assert dict(links)["指标"] == "../../indicators/"
    assert not any(plan.meta.short_name in title for title, _ in links for plan in corpus.plans)


def test_a_chapter_page_lists_its_own_plan_only(each_build, corpus):
    titles = [title for title, _ in sidebar_links(each_build, "plans/p12/8/")]
    # 跨规划脉络 is a section (its label is no link): its 总览 and 专题脉络 are listed instead
    assert titles[:2] == ["首页", "全部规划"] and titles[-5:] == ["术语", "指标", "总览", "专题脉络", "关于与方法"]
    assert "概览" in titles and "原文" in titles  # the open plan's pages are listed
    nav = page_html(each_build, "plans/p12/8/").find_all(lambda e: e.tag == "nav" and "md-nav--primary" in e.classes)[0]
    shown = [plan.id for plan in corpus.plans if plan.meta.short_name in nav.text()]
    assert shown == ["p12"]  # the others are on 全部规划, one link away


def test_the_plans_index_sidebar_lists_every_plan(each_build, corpus):
    nav = page_html(each_build, "plans/").find_all(lambda e: e.tag == "nav" and "md-nav--primary" in e.classes)[0]
    assert all(plan.meta.short_name in nav.text() for plan in corpus.plans)


def test_the_plans_page_lists_every_plan(built_site, corpus):
    root = page_html(built_site, "plans/")
    hrefs = {a.attrs.get("href") for a in root.find_all(lambda e: e.tag == "a")}
    for plan in corpus.plans:
        assert f"{plan.id}/" in hrefs
        assert f"{plan.id}/full-text/" in hrefs
