"""Chinese search, typed into the built site in headless Chromium.

For each policy term: results exist, open a task's anchor, show the whole term and
highlight words rather than paragraphs; shorter words find the compounds containing
them; a query found nowhere says so; nothing is requested from another host. The share
of top-10 results showing the whole query is written to ``tests/artifacts/search.json``.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from browser_support import ARTIFACTS, SearchResult, search, search_meta

from build_scripts.language.terms import load_terms

# Policy terms a member of staff would type; every one is a form in data/terms.yaml.
TERMS = [
    "物联网",
    "云计算",
    "大数据",
    "电子政务",
    "首都之窗",
    "智能交通",
    "网格化",
    "三网融合",
    "无线城市",
    "电子商务",
    "信息安全",
    "社会保障卡",
    "市民卡",
    "电子病历",
    "数字北京",
    "智慧北京",
    "京津冀",
    "北斗",
    "车联网",
    "下一代互联网",
    "800兆无线政务专网",
    "光网城市",
    "信息惠民",
    "数字奥运",
    "电子健康档案",
    "容灾备份",
    "文化创意产业",
    "移动互联网",
    "科技冬奥",
    "智慧城市",
    "4G",
    "NGB",
    "数字电视",
    "信息管道",
    "集成电路",
]
TOP = 10
TASK_ANCHOR = re.compile(r"#[a-z][a-z0-9]*(-\d+)+$")
NO_RESULTS = "没有找到符合条件的结果"
MAX_MARK = 20  # a highlighted word, never a paragraph


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("\u200b", "")


def hits(results: list[SearchResult]) -> list[SearchResult]:
    """Results as a reader counts them: without the bare page headers Material adds to
    group a page's sections (no text, nothing highlighted)."""
    return [r for r in results if r.marks or (r.level == "section" and r.text)]


def shows(result: SearchResult, query: str) -> bool:
    return fold(query) in fold(result.title + " " + result.text)


@pytest.fixture
def home(built_site, serve_dir, new_page):
    page = new_page(serve_dir(built_site) + "/")
    page.wait_for_load_state("networkidle")
    yield page
    assert new_page.external_requests == [], "the site requested another host"


def test_queries_are_terms_of_the_dictionary():
    forms = {form for term in load_terms() for form in term.forms}
    assert set(TERMS) <= forms
    assert len(TERMS) >= 25


@pytest.mark.parametrize("term", TERMS)
def test_a_term_finds_tasks_that_show_it_whole(home, term):
    found = hits(search(home, term))[:TOP]
    assert found, f"no result for {term}"
    assert shows(found[0], term), f"best result does not show {term}: {found[0]}"
    assert sum(shows(r, term) for r in found) / len(found) >= 0.8
    assert any(TASK_ANCHOR.search(r.href) for r in found), "no result opens a task anchor"
    marks = [m for r in found for m in r.marks]
    # A term that mixes scripts is indexed as adjacent words (800 + 兆无线政务专网).
    assert fold(term) in fold("".join(marks)), f"{term} is not highlighted: {marks[:5]}"
    assert all(len(m) <= MAX_MARK for m in marks), f"a highlight covers more than a word: {marks}"


def test_share_of_top_results_showing_the_whole_term(home):
    per_term = {}
    for term in TERMS:
        found = hits(search(home, term))[:TOP]
        per_term[term] = [sum(shows(r, term) for r in found), len(found)]
    shown = sum(s for s, _ in per_term.values())
    total = sum(n for _, n in per_term.values())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "search.json").write_text(
        json.dumps(
            {"share": shown / total, "shown": shown, "results": total, "per_term": per_term},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    assert shown / total >= 0.95


@pytest.mark.parametrize("word, compounds", [("交通", ["智能交通", "城市交通"]), ("政务", ["电子政务"])])
def test_a_shorter_word_finds_the_compounds_containing_it(home, word, compounds):
    found = hits(search(home, word))
    assert found and all(shows(r, word) for r in found[:TOP])
    marks = {m for r in found for m in r.marks}
    for compound in compounds:
        assert compound in marks, f"{word} does not find {compound}; highlighted: {sorted(marks)[:12]}"


def test_a_query_found_nowhere_says_so(home):
    assert search(home, "区块链") == []
    assert search_meta(home) == NO_RESULTS


def test_a_result_opens_the_task_it_names(home):
    found = hits(search(home, "车联网"))
    task_result = next(r for r in found if TASK_ANCHOR.search(r.href))
    home.goto(task_result.href)
    anchor = TASK_ANCHOR.search(task_result.href).group(0)[1:]
    assert home.locator(f"[id='{anchor}']").is_visible()
    assert "车联网" in home.locator(f"[id='{anchor}']").locator("xpath=..").inner_text()
