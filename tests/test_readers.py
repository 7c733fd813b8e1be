"""Readers always know where they are (issue 14): unique informative titles, a breadcrumb
on every page, the section marked in the sidebar of pages outside the navigation, part
pages that say what they hold, and 原文 pages with headings, line anchors and task links."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import page_html, parsed_file

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def test_every_page_has_its_own_title(built_site):
    titles = Counter()
    for path in built_site.rglob("*.html"):
        titles[TITLE.search(path.read_text(encoding="utf-8")).group(1).strip()] += 1
    assert len(titles) > 400
    assert [t for t, n in titles.items() if n > 1] == []
    assert not any(t.startswith(("本部分导言", "原文 ", "概览 ")) for t in titles)


def test_plan_pages_name_their_plan_in_the_title(built_site, corpus):
    for plan in corpus.plans:
        html = (built_site / "plans" / plan.id / "full-text" / "index.html").read_text(encoding="utf-8")
        assert TITLE.search(html).group(1).startswith(plan.meta.short_name + " 原文 — "), plan.id
    html = (built_site / "plans" / "p13" / "index.html").read_text(encoding="utf-8")
    assert TITLE.search(html).group(1).startswith("“十三五”规划 概览 — ")
    html = (built_site / "plans" / "p11" / "3" / "index.html").read_text(encoding="utf-8")
    assert TITLE.search(html).group(1).startswith("“十一五”规划 第三部分　主要任务 — ")


def test_every_page_but_home_and_404_has_a_breadcrumb(built_site):
    missing = [
        str(p.relative_to(built_site))
        for p in built_site.rglob("*.html")
        if 'class="breadcrumb' not in p.read_text(encoding="utf-8")
    ]
    assert sorted(missing) == ["404.html", "index.html"]
    crumbs = page_html(built_site, "plans/p13/").find_all(lambda e: "breadcrumb" in e.classes)[0]
    assert crumbs.text().startswith("全部规划") and "“十三五”规划" in crumbs.text()


def test_pages_outside_the_navigation_mark_their_section(built_site):
    for url, section in (
        ("terms/big-data/", "术语"),
        ("lineage/p13-5-3-2/", "跨规划脉络"),
        ("indicators/series/broadband-bandwidth/", "指标"),
    ):
        nav = page_html(built_site, url).find_all(lambda e: e.tag == "nav" and "md-nav--primary" in e.classes)[0]
        active = nav.find_all(lambda e: e.tag == "li" and "md-nav__item--active" in e.classes)
        assert [li.text().strip() for li in active] == [section], url


def test_part_pages_say_what_they_hold(built_site):
    text = page_html(built_site, "plans/p11/1/").text()
    assert "0 项任务" not in text and "背景，6 段，无任务" in text
    text = page_html(built_site, "plans/p11/3/").text()
    assert "本页共" not in text and "本部分共 56 项任务（主要任务），分列在下面各节的页面中" in text
    text = page_html(built_site, "plans/p12/8/").text()
    assert "本页共" in text  # a page whose tasks are all on it keeps the plain count


def test_full_text_has_headings_line_anchors_and_task_links(built_site, corpus):
    for plan in corpus.plans:
        html = (built_site / "plans" / plan.id / "full-text" / "index.html").read_text(encoding="utf-8")
        paragraphs = re.findall(r'<p id="(para-\d+)" class="ft-[a-z_]+"><a class="ft-anchor" href="#(para-\d+)"', html)
        assert paragraphs and all(a == b for a, b in paragraphs), plan.id
        assert html.count('<p id="para-') == len(paragraphs), plan.id  # every paragraph has its link
        headings = re.findall(r'<h[2-6] class="ft-section"[^>]* id="(para-\d+)"', html)
        assert len(headings) >= 5, plan.id
        toc = html[html.index('class="md-nav md-nav--secondary"') : html.index('<div class="md-content"')]
        assert all(f'href="#{h}"' in toc for h in headings), plan.id  # the table of contents
        task_links = set(re.findall(r'class="ft-task" href="[^"]*#([^"]+)"', html))
        assert task_links == {t.id for t in plan.tasks}, plan.id


def test_sources_page_names_plans_offers_downloads_and_explains(built_site, corpus):
    root = page_html(built_site, "sources/")
    headings = [h.text(lambda e: "headerlink" in e.classes).strip() for h in root.iter() if h.tag == "h2"]
    for plan in corpus.plans:
        assert f"{plan.meta.short_name}：{plan.meta.title}" in headings
        copy = built_site / "sources" / "files" / plan.source.name
        assert copy.read_bytes() == plan.source.path.read_bytes()  # the received text, byte for byte
        hrefs = [a.attrs.get("href") for a in root.iter() if a.tag == "a"]
        assert f"files/{plan.source.name}" in hrefs
    text = root.text()
    assert "校验值（SHA-256）是文件内容的“指纹”" in text and "sha256sum 文件名" in text
    assert "原文未载：规划的发文机关、文号和印发日期，收到的文本自己写明的，标“据原文”" in text


def test_indicator_tables_speak_words_and_set_targets_against_later_reports(built_site):
    html = (built_site / "indicators" / "p11" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="p11-n\d+".*?</tr>', html, re.S)
    text = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", r)).strip() for r in rows]
    assert not any("（达）" in t or "（达到" in t for t in text)  # no raw extraction words
    web = next(t for t in text if t.startswith("网民数量"))
    assert "不少于 560 万人" in web and "达成" in web and "2010年实为 1218 万人（“十二五”规划所报）" in web
    assert any("无后续数据" in t for t in text)
    assert "读表说明" in html and "“校”表示编者对照原文更正或补充过的条目" in html
    assert 'title="编者校订：编者对照原文更正或补充了自动提取的这一条">校</span>' in html


def test_series_chart_has_a_y_axis_with_its_unit_and_keeps_its_size(built_site):
    html = (built_site / "indicators" / "series" / "broadband-bandwidth" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="term-chart-svg indicator-chart".*?</svg>', html, re.S).group(0)
    assert re.search(r'style="min-width: \d+px"', svg)  # never scaled below 1:1 (12 px text on a phone)
    assert '<text class="tick unit" x="0" y="12">单位：兆</text>' in svg
    assert len(re.findall(r'<text class="tick" ', svg)) == 3  # 0, half, top


LATIN = re.compile(r"(?<![&#\w])[A-Za-z][A-Za-z'-]*")


def reader_words(built_site, url: str) -> list[str]:
    """Latin-letter words a reader sees in a page's article, outside code (identifiers,
    file names, commands) and outside the plans' own text (verbatim: 4G, 兆(M))."""
    html = (built_site / url / "index.html").read_text(encoding="utf-8")
    html = html[html.index('<article class="md-content__inner') :]
    html = html[: html.index("</article>")]
    html = re.sub(r"<(code|pre|svg|script|style)\b.*?</\1>", "", html, flags=re.S)
    html = re.sub(
        r'<(div|p|blockquote) class="(?:verbatim|full-text[^"]*|ind-sentence|term-sentence)".*?</\1>',
        "",
        html,
        flags=re.S,
    )
    return LATIN.findall(re.sub(r"&[#\w]+;", " ", re.sub(r"<[^>]+>", " ", html)))


def test_about_and_other_pages_speak_chinese(built_site):
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "numbered work item" not in about and "What a *task* is" not in about  # no English docstrings
    assert "``" not in about and "**" not in about  # no raw markup
    words = []
    for url in (
        "",
        "plans",
        "plans/p13",
        "plans/p13/5",
        "plans/p13/full-text",
        "sources",
        "about",
        "terms",
        "terms/big-data",
        "indicators",
        "indicators/p13",
        "lineage",
        "lineage/p13-5-3-2",
    ):
        words += reader_words(built_site, url)
    assert len(words) < 20, words


def test_no_page_prints_a_number_in_scientific_notation(built_site):
    """Chart axes and figures are written as the plans write numbers (1220, not 1.22e+03)."""
    pattern = re.compile(r"\d(?:\.\d+)?e[+-]\d{2}")
    found = [
        (str(path.relative_to(built_site)), match.group(0))
        for path in built_site.rglob("*.html")
        for match in pattern.finditer(parsed_file(path).text())
    ]
    assert found == []


@pytest.mark.parametrize(
    "value, printed",
    [(0, "0"), (0.125, "0.125"), (12.5, "12.5"), (535, "535"), (1220, "1220"), (2129.8, "2130"), (25e6, "25,000,000")],
)
def test_chart_axes_write_numbers_out(value, printed):
    from build_scripts.website.charts import _tick

    assert _tick(value) == printed
