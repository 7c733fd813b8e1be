"""Search built around tasks, in headless Chromium (issue 14, item 1; item 8 for what a
first visit transfers).

Policy queries written from the plan texts (words a reader would look for: some are terms
of the dictionary, most are not): a page titled exactly as the query comes first; plan
text (a chapter's tasks or paragraphs) is among the first three results for at least 95 %;
every top-10 result shows the whole query; every result on a plan's page names its plan.
Readers can narrow results to one plan; pasted text is searched without a key press; the
search index is not loaded until the reader opens search, and a first visit to a chapter
page transfers at most 150 KB gzip.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browser_support import SearchResult, search, search_meta
from test_search_browser import fold, hits, shows

from build_scripts.language.terms import load_terms

QUERIES = [
    "宽带",
    "光纤",
    "社区",
    "医疗",
    "教育",
    "交通",
    "信用",
    "数据开放",
    "一卡通",
    "奥运",
    "应急",
    "食品安全",
    "农村",
    "中小企业",
    "软件",
    "政务云",
    "公共服务",
    "城市管理",
    "电子政务",
    "政务",
    "物联网",
    "云计算",
    "大数据",
    "信息安全",
    "无线城市",
    "电子商务",
    "首都之窗",
    "三网融合",
    "网格化",
    "北斗",
    "人口",
    "社会保障",
    "电子病历",
    "集成电路",
    "数字电视",
]
TOP = 10
PLAN_TEXT = re.compile(r"/plans/[a-z0-9]+/(?!full-text/)[^/?#]+/")  # a chapter page of a plan
PLAN_LABELS = ("“十一五”规划", "2009年工作要点", "“十二五”规划", "“十三五”规划")
SEARCH_META = ".md-search-result__meta"
FIRST_VISIT_LIMIT = 150 * 1024


@pytest.fixture
def home(built_site, serve_dir, new_page):
    page = new_page(serve_dir(built_site) + "plans/p13/2/")
    page.wait_for_load_state("networkidle")
    yield page
    assert new_page.external_requests == [], "the site requested another host"


def is_plan_text(result: SearchResult) -> bool:
    return PLAN_TEXT.search(result.href) is not None


def test_queries_occur_in_the_plan_texts(corpus):
    text = "".join(task.text for task in corpus.tasks)
    assert len(QUERIES) >= 30
    assert all(q in text for q in QUERIES)


def test_plan_text_is_among_the_first_three_results(home):
    missing = []
    for query in QUERIES:
        found = hits(search(home, query))
        if not any(is_plan_text(r) for r in found[:3]):
            missing.append((query, [r.title for r in found[:3]]))
    assert len(missing) <= 0.05 * len(QUERIES), missing


def test_every_top_result_shows_the_whole_query(home):
    for query in QUERIES:
        found = hits(search(home, query))[:TOP]
        assert found, f"no result for {query}"
        hidden = [r.title for r in found if not shows(r, query)]
        assert not hidden, f"{query}: results not showing it: {hidden}"


def test_a_page_titled_as_the_query_comes_first(home):
    titles = {term.term for term in load_terms()}
    checked = 0
    for query in QUERIES:
        if query not in titles:
            continue
        found = hits(search(home, query))
        assert fold(found[0].title) == fold(query), f"{query}: first is {found[0].title}"
        checked += 1
    assert checked >= 10


def test_glossary_pages_follow_plan_text(home):
    """政务 is in many compound terms (电子政务云, 电子政务绩效考核 …): tasks come first."""
    found = hits(search(home, "政务"))
    assert len(found) >= TOP and all(is_plan_text(r) for r in found[:TOP]), [r.href for r in found[:TOP]]
    glossary = [i for i, r in enumerate(found) if "/terms/" in r.href]
    assert all(not is_plan_text(r) for r in found[min(glossary) :]) if glossary else True


def test_results_on_plan_pages_name_their_plan(home):
    found = search(home, "物联网")
    on_plans = [r for r in found if "/plans/" in r.href]
    assert on_plans
    for result in on_plans:
        assert result.title.startswith(PLAN_LABELS), result.title
    page_titles = [r.title for r in on_plans if r.level == "page"]
    assert "“十三五”规划 · 二、完善信息基础设施" in page_titles


def test_glossary_snippets_are_sentences(home):
    found = [r for r in hits(search(home, "电子政务")) if "/terms/" in r.href]
    assert found
    for result in found:
        assert "类别" not in result.text and "变体" not in result.text, result.text
        assert result.text.endswith("。"), result.text


def test_home_about_and_term_chips_are_not_results(home):
    for query in ("规划", "术语", "电子政务", "信息化"):
        for result in search(home, query):
            path = urlsplit(result.href).path
            assert path not in ("/", "/about/"), result.href
            assert not urlsplit(result.href).fragment.startswith("terms"), result.href


def test_narrowing_to_one_plan(home):
    everything = hits(search(home, "物联网"))
    assert any("/plans/p12/" in r.href for r in everything)
    home.locator(".search-plans button[data-plan=p13]").click()
    home.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__list a')].every(a => a.href.includes('/plans/p13/'))"
    )
    narrowed = hits(search(home, "物联网"))
    assert narrowed and all("/plans/p13/" in r.href for r in narrowed)
    assert home.locator(".search-plans button[data-plan=p13]").get_attribute("aria-pressed") == "true"
    home.locator(".search-plans button[data-plan='']").click()
    home.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__list a')].some(a => a.href.includes('/plans/p12/'))"
    )


def test_plan_buttons_are_reached_with_the_keyboard(home):
    search(home, "物联网")
    box = home.locator("input[data-md-component=search-query]")
    box.focus()
    for _ in range(4):  # 全部规划, “十一五”规划, 2009年工作要点, “十二五”规划
        home.keyboard.press("Tab")
    assert home.evaluate("document.activeElement.dataset.plan") == "p12"
    home.keyboard.press("Enter")
    home.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__list a')].every(a => a.href.includes('/plans/p12/'))"
    )
    assert home.locator("#__search").is_checked(), "search closed"
    home.keyboard.press("Shift+Tab")
    assert home.evaluate("document.activeElement.dataset.plan") == "wp2009"
    home.keyboard.press(" ")  # Space activates a button too
    assert home.locator(".search-plans button[data-plan=wp2009]").get_attribute("aria-pressed") == "true"
    home.wait_for_function(
        "() => ![...document.querySelectorAll('.md-search-result__list a')].some(a => a.href.includes('/plans/p12/'))"
    )


def test_pasted_text_is_searched(home):
    home.locator("input[data-md-component=search-query]").click()
    home.eval_on_selector(SEARCH_META, "meta => { meta.textContent = '' }")
    home.keyboard.insert_text("车联网")  # an input event and no key, as a paste with the mouse
    home.wait_for_function("sel => /\\d/.test(document.querySelector(sel).textContent)", arg=SEARCH_META)
    assert "车联网" in home.inner_text(".md-search-result__list")


def test_no_results_message_stays(home):
    assert search(home, "区块链") == []
    assert search_meta(home) == "没有找到符合条件的结果"


def test_first_visit_transfers_at_most_150_kb_gzip(built_site, browser):
    from benchmarks.transfer import measure

    visits = measure(built_site, browser)
    first, with_search = visits["first"], visits["first_search"]
    assert not first["search_index_loaded"], "the search index was loaded before the reader searched"
    assert first["gzip"] <= FIRST_VISIT_LIMIT, f"first visit: {first['gzip'] / 1024:.1f} KB gzip"
    assert with_search["search_index_loaded"] and with_search["gzip"] > first["gzip"]
    assert visits["repeat"]["gzip"] < first["gzip"] / 3, "a repeat visit fetched the shared files again"
