"""Targets and indicators (figures/indicators.py, website/pages/indicators.py, data/indicators.yaml): a
hand-checked sample of every plan, the number and unit rules, curation validation, the
pages and data/indicators.json."""

from __future__ import annotations

import json

import pytest
from conftest import page_html, squash
from hypothesis import given
from hypothesis import strategies as st

from build_scripts.core.errors import DataError
from build_scripts.core.paths import DATA
from build_scripts.figures import indicators as ind
from build_scripts.figures.naming import normalise
from build_scripts.figures.numbers import chinese_number, find_figures, format_number, unit_scale
from build_scripts.figures.statements import Kind, Origin
from build_scripts.language.terms import load_terms
from build_scripts.website.urls import INDICATORS_INDEX, indicator_page, indicator_plan_page, page_url


@pytest.fixture(scope="module")
def data(corpus):
    return ind.build(corpus, load_terms(DATA / "terms.yaml", corpus=corpus), DATA / "indicators.yaml")


# ---------------------------------------------------------------- the hand-checked sample
# Read in data/sources/ by hand: (plan, figure as printed, a piece of its sentence that
# tells which occurrence, indicator, value, value_high, unit, kind, year). Indicator names
# are those the site shows (after data/indicators.yaml where it corrects the rules).
B, T = Kind.BASELINE, Kind.TARGET
SAMPLE = [
    # 11th plan (000): baselines of 2005, targets of 2010
    ("p11", "950万户", "截至2005年底", "固定电话用户数", 950, None, "万户", B, 2005),
    ("p11", "428万人", "截至2005年底", "网民数", 428, None, "万人", B, 2005),
    ("p11", "12万多个", "网站数达到", "网站数", 12, None, "万个", B, 2005),  # 多 is a qualifier
    ("p11", "64.1%", "有线电视入户率", "有线电视入户率", 64.1, None, "%", B, 2005),
    ("p11", "517.2亿元", "2005年实现增加值", "信息传输、计算机服务和软件业增加值", 517.2, None, "亿元", B, 2005),
    ("p11", "80%以上", "行政许可事项", "行政许可事项网上办理", 80, None, "%", T, 2010),  # number first
    ("p11", "100％", "各级政府核心业务", "各级政府核心业务信息化支撑", 100, None, "%", T, 2010),  # full-width %
    ("p11", "1870万户", "移动电话用户数达到1870万户", "移动电话用户数", 1870, None, "万户", T, 2010),
    ("p11", "560万人", "网民数量", "网民数量", 560, None, "万人", T, 2010),  # four figures in one sentence
    ("p11", "3500万页", "馆藏档案", "馆藏档案数字化总量", 3500, None, "万页", T, 2010),  # 到“十一五”末期
    # 2009 work points (001): every target is for 2009
    ("wp2009", "10个以上", "行业协会", "行业协会", 10, None, "个", T, 2009),
    ("wp2009", "1万家", "中小企业", "中小企业", 1, None, "万家", T, 2009),
    ("wp2009", "200项", "民生相关", "民生相关网上信息服务", 200, None, "项", T, 2009),
    # 12th plan (002): baselines of 2010 (one of 2005), targets of 2015
    ("p12", "797亿元", "由797亿元", "电子信息产业增加值", 797, None, "亿元", B, 2005),  # 由 → start of 2005—2010年
    ("p12", "1635亿元", "增加到1635亿元", "电子信息产业增加值", 1635, None, "亿元", B, 2010),
    ("p12", "2兆(M)", "互联网家庭入户带宽", "互联网家庭入户带宽", 2, None, "兆(M)", B, 2010),  # subject carried
    ("p12", "1218万人", "网民数增长了近2倍", "网民数", 1218, None, "万人", B, 2010),  # 近2倍 is not a level
    ("p12", "1.65万亿美元", "世界电子产品", "世界电子产品产销值", 16500, None, "亿美元", B, 2010),  # 万亿 → 亿
    ("p12", "三成以上", "青年人", "青年人在网民中的比例", 30, None, "%", B, 2010),  # Chinese 三成 → 30 %
    ("p12", "44.8%", "网络购物使用率", "网络购物使用率", 44.8, None, "%", B, 2010),  # 十个百分点: not a figure
    ("p12", "3000沟公里", "信息管道", "信息管道", 3000, None, "沟公里", T, 2015),
    ("p12", "10吉比特(G)", "重点企业", "高端功能区和重点企业宽带能力", 10, None, "吉比特(G)", T, 2015),
    ("p12", "10-20个", "现有优势行业", "现有优势行业", 10, 20, "个", T, 2015),  # a range
    ("p12", "5-10家", "电子商务国际化服务平台", "电子商务国际化服务平台", 5, 10, "家", T, 2015),
    ("p12", "80%", "互联网普及率达到80%", "互联网普及率", 80, None, "%", T, 2015),
    ("p12", "20万个", "无线接入点", "无线接入点(AP)", 20, None, "万个", T, 2015),  # 累计 in a task: a target
    # 13th plan (003): targets of 2020
    ("p13", "千兆", "政企用户", "政企用户宽带接入能力", 1, None, "千兆", T, 2020),  # Chinese 千兆 after 达到
    ("p13", "2000万", "用户突破", "第四代移动通信(4G)用户", 2000, None, "万", T, 2020),  # bare 万, curated name
    ("p13", "95%", "行政审批", "行政审批网上办理率", 95, None, "%", T, 2020),
    ("p13", "90%", "公共数据开放单位", "公共数据开放单位", 90, None, "%", T, 2020),
    ("p13", "50兆", "最低50兆", "用户签约带宽", 50, None, "兆", T, 2020),
    ("p13", "100兆", "普及100兆", "用户签约带宽", 100, None, "兆", T, 2020),  # 兆 at clause end is a value
    ("p13", "1000家", "益农信息社", "益农信息社", 1000, None, "家", T, 2020),  # three figures in one clause
    ("p13", "200个", "智慧乡村", "智慧乡村", 200, None, "个", T, 2020),
    ("p13", "500家", "智能农场", "智能农场", 500, None, "家", T, 2020),
]

# Numbers that are NOT figures, hand-checked: (plan, text that holds them).
NOT_FIGURES = [
    ("p11", "规划期限为2006年至2010年"),  # years
    ("p11", "2008年前，建成市、区两级"),  # a year in a target sentence
    ("p11", "通州、顺义、亦庄三个新城"),  # a Chinese count (a name of places)
    ("wp2009", "完成800兆无线政务网四期工作"),  # 800兆: the name of a network
    ("wp2009", "大力支持3G、IPTV"),  # a generation
    ("wp2009", "两会、建国60周年期间"),  # an anniversary
    ("wp2009", "制定2009-2012年数字北京行动纲要"),  # a period
    ("p12", "65纳米集成电路生产工艺"),  # a technology node
    ("p12", "8.5代高世代"),  # a generation
    ("p12", "“12345，有事找政府”"),  # a hotline number
    ("p12", "高出全国平均水平十个百分点"),  # a difference, not a level
    ("p12", "网民数增长了近2倍"),  # a change
    ("p12", "翻了两番"),  # a change
    ("p12", "连续5年位居全国"),  # years
    ("p13", "第五代移动通信(5G)商用示范"),  # a generation
    ("p13", "祥云3\ue0100工程"),  # a name (the source has U+E010 inside "30")
    ("p13", "2019年世园会园区"),  # a year
    ("p13", "百兆宽带成为主流"),  # a class of service, not a value
    ("p13", "对市级有线政务专网和800兆无线政务专网"),  # a name
]


def _find(data, plan, figure, context):
    found = [s for s in data.statements if s.plan_id == plan and s.figure == figure and context in s.sentence_text]
    assert len(found) == 1, (plan, figure, context, [s.sentence_text for s in found])
    return found[0]


@pytest.mark.parametrize("plan, figure, context, indicator, value, high, unit, kind, year", SAMPLE)
def test_hand_checked_sample(data, plan, figure, context, indicator, value, high, unit, kind, year):
    s = _find(data, plan, figure, context)
    assert (s.indicator, s.value, s.value_high, s.unit, s.kind, s.year) == (indicator, value, high, unit, kind, year)


def test_sample_covers_every_plan(corpus):
    missing = {plan.id for plan in corpus.plans} - {row[0] for row in SAMPLE}
    assert not missing, f"no hand-checked figure of {sorted(missing)}: add rows read from the new plan's text to SAMPLE"
    assert {row[0] for row in SAMPLE} <= {plan.id for plan in corpus.plans}
    assert len(SAMPLE) + len(NOT_FIGURES) >= 8 * len(corpus.plans)


@pytest.mark.parametrize("plan, text", NOT_FIGURES)
def test_numbers_that_are_not_figures(data, corpus, plan, text):
    blocks = [b for b in corpus.plan(plan).all_blocks() if text in b.text and b.kind != "toc_entry"]
    assert blocks, text
    for block in blocks:
        start = block.text.index(text)
        overlapping = [s.figure for s in data.in_block(block) if s.start < start + len(text) and start < s.end]
        assert not overlapping, (text, overlapping)


def test_document_numbers_and_dates_are_skipped(data, corpus):
    skipped = {"doc_number", "date", "title", "notice_title", "toc_entry", "caption"}
    assert not [s for s in data.statements if s.block.kind in skipped]


def test_every_figure_is_the_verbatim_text_at_its_span(data):
    for s in data.statements:
        assert s.block.text[s.start : s.end] == s.figure
        assert s.sentence[0] <= s.start < s.end <= s.sentence[1]
        assert s.indicator.strip() and s.year >= 2000


def test_counts_per_plan(data):
    counts = {
        (p, k): sum(1 for s in data.statements if s.plan_id == p and s.kind == k)
        for p in ("p11", "wp2009", "p12", "p13")
        for k in Kind
    }
    assert counts[("wp2009", Kind.TARGET)] == 3 and counts[("wp2009", Kind.BASELINE)] == 0
    assert counts[("p13", Kind.BASELINE)] == 0
    assert counts[("p11", Kind.BASELINE)] >= 9 and counts[("p12", Kind.BASELINE)] >= 30


def test_recurring_indicators_match_across_plans(data):
    by_id = {i.id: i for i in data.indicators}
    netizens = by_id["netizens"]  # 网民数 / 网民数量 by normalisation, no alias needed
    assert [(s.plan_id, s.year, s.value) for s in netizens.statements] == [
        ("p11", 2005, 428),
        ("p11", 2010, 560),
        ("p12", 2010, 1218),
    ]
    assert set(by_id["online-services"].plan_ids) == {"p11", "p12", "p13"}  # via aliases:
    assert by_id["mobile-subscribers"].plan_ids == ("p11", "p12")
    assert set(by_id["broadband-bandwidth"].plan_ids) == {"p12", "p13"}


def test_term_variants_normalise_indicator_names(corpus):
    terms = load_terms(DATA / "terms.yaml", corpus=corpus)
    from build_scripts.language.terms import TermMatcher

    matcher, by_id = TermMatcher(terms), {t.id: t for t in terms}
    assert normalise("3G用户", matcher, by_id) == normalise("第三代移动通信(3G)用户", matcher, by_id)
    assert normalise("网民数量", matcher, by_id) == normalise("本市网民数", matcher, by_id) == "网民"


# ---------------------------------------------------------------- numbers, units, qualifiers


def figures(text):
    return [(text[f.start : f.end], f.value, f.value_high, f.unit, f.qualifiers) for f in find_figures(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("用户达到1070万户。", [("1070万户", 1070, None, "万户", ("达到",))]),
        ("培育5-10家平台", [("5-10家", 5, 10, "家", ())]),
        ("在10—20个行业", [("10—20个", 10, 20, "个", ())]),
        ("规模达1.5万亿元", [("1.5万亿元", 15000, None, "亿元", ("达",))]),
        ("普及率超过百分之九十", [("百分之九十", 90, None, "%", ("超过",))]),
        ("其中三成以上为青年", [("三成以上", 30, None, "%", ("以上",))]),
        ("建档率达90%以上；", [("90%以上", 90, None, "%", ("达", "以上"))]),
        ("约600万件", [("600万件", 600, None, "万件", ("约",))]),
        ("近1800家医疗机构", [("1800家", 1800, None, "家", ("近",))]),
        ("左右：达到100万人左右", [("100万人左右", 100, None, "万人", ("达到", "左右"))]),
        ("宽带能力达100兆(M)，", [("100兆(M)", 100, None, "兆(M)", ("达",))]),
        ("带宽达1.5太比特(T)；", [("1.5太比特(T)", 1.5, None, "太比特(T)", ("达",))]),
        ("能力达到千兆，百兆宽带成为主流", [("千兆", 1, None, "千兆", ("达到",))]),
        ("用户突破2000万。", [("2000万", 2000, None, "万", ("突破",))]),
        ("网站12万多个", [("12万多个", 12, None, "万个", ("多",))]),
    ],
)
def test_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "到2010年",
        "2005—2010年",
        "京政发〔2016〕57号",
        "第三代移动通信(3G)",
        "3G/4G",
        "12345热线",
        "800兆无线政务专网",
        "高出十个百分点",
        "高出10个百分点",
        "增长1.5倍",
        "翻了两番",
        "8.5代",
        "65纳米",
        "建国60周年",
        "“十一五”期间",
        "B2C",
        "IPV6",
        "连续5年",
        "四期工作",
        "三大计划",
        "六项示范工程",
        "第四代移动通信(4G)",
        "二〇〇九年",
    ],
)
def test_not_figures(text):
    assert find_figures(text) == []


@pytest.mark.parametrize(
    "text, value",
    [("九十", 90), ("十五", 15), ("十", 10), ("三", 3), ("一百二十", 120), ("两千", 2000), ("九十九", 99)],
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["二〇〇九", "", "万", "九九"])
def test_not_chinese_numbers(text):
    with pytest.raises(ValueError):
        chinese_number(text)


@given(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False))
def test_number_formatting_round_trips(number):
    value = float(number)
    text = format_number(value)
    assert float(text) == pytest.approx(value)
    assert "e" not in text and not (("." in text) and text.endswith("0"))
    assert [(f.value, f.unit) for f in find_figures(f"达到{text}万户")] == [(float(text), "万户")]


def test_unit_scale():
    assert unit_scale("万户") == ("户", 10000)
    assert unit_scale("千兆") == ("兆", 1000) and unit_scale("吉比特(G)") == ("兆", 1000)
    assert unit_scale("%") == ("%", 1)


# ---------------------------------------------------------------- data/indicators.yaml validation


def _curate(corpus, tmp_path, text):
    path = tmp_path / "indicators.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as error:
        ind.build(corpus, (), path)
    return str(error.value)


def test_curation_reports_every_problem_with_its_line(corpus, tmp_path):
    message = _curate(
        corpus,
        tmp_path,
        """statements:
  - plan: p99
    quote: 网民数
    action: drop
  - plan: p11
    quote: 这句话不在规划里
    action: drop
  - plan: p11
    quote: 本市固定电话用户数达到950万户，移动电话用户数达到1470万户
    action: drop
  - plan: p11
    quote: 网民数达到428万人
    action: correct
    colour: red
  - plan: p11
    quote: 网民数达到428万人
    action: correct
  - plan: p11
    quote: 网民数达到428万人
    action: correct
    kind: guess
  - plan: p12
    quote: 近三十项
    action: add
    figure: 近三十项
aliases:
  - id: Bad Id
    name: x
    forms: [y]
  - id: ghost
    name: 不存在
    forms: [不存在的指标]
extra: 1
""",
    )
    for expected in (
        "indicators.yaml:2: plan 'p99': no such plan",
        "indicators.yaml:5: quote '这句话不在规划里' contains no extracted figure of p11",
        "indicators.yaml:8: quote '本市固定电话用户数达到950万户，移动电话用户数达到1470万户' is ambiguous: it contains 2 "
        "figures (950万户、1470万户)",
        "indicators.yaml:14: statements[3].colour: unknown field",
        "indicators.yaml:15: correct: give at least one of indicator, kind, year, unit",
        "indicators.yaml:21: statements[5].kind: expected one of baseline, target",
        "indicators.yaml:22: statements[6]: missing required field 'indicator' (str) for action add",
        "indicators.yaml:22: statements[6]: missing required field 'year' (int) for action add",
        "indicators.yaml:27: aliases[0].id: expected lowercase ASCII words",
        "indicators.yaml:30: aliases ghost: form '不存在的指标' names no extracted indicator",
        "indicators.yaml:33: extra: unknown section",
    ):
        assert expected in message, (expected, message)


def test_which_fields_an_entry_takes_follows_its_action(corpus, tmp_path):
    """The schema decides by ``action`` (as links.yaml's by ``decision``): a drop takes no
    statement field, a correct no figure or value, every field of an add is named if missing."""
    message = _curate(
        corpus,
        tmp_path,
        """statements:
  - plan: p11
    quote: 网民数达到428万人
    action: drop
    indicator: 网民
  - plan: p11
    quote: 网民数达到428万人
    action: correct
    value: 430
""",
    )
    assert "indicators.yaml:5: statements[0].indicator: not a field of action drop" in message
    assert "indicators.yaml:9: statements[1].value: not a field of action correct; expected one of" in message


def test_curation_rejects_a_figure_curated_twice_and_an_alias_form_claimed_twice(corpus, tmp_path):
    message = _curate(
        corpus,
        tmp_path,
        """statements:
  - {plan: p11, quote: 网民数达到428万人, action: drop}
  - {plan: p11, quote: 428万人, action: correct, year: 2004}
aliases:
  - {id: a, name: A, forms: [网民数]}
  - {id: b, name: B, forms: [网民]}
""",
    )
    assert "indicators.yaml:3: figure '428万人' is already curated at line 2" in message
    assert "indicators.yaml:6: aliases b: form '网民' already belongs to 'a' (line 5)" in message


def test_shipped_curation_is_valid_and_used(data):
    origins = {s.origin for s in data.statements}
    assert origins == {Origin.AUTO, Origin.CORRECTED, Origin.ADDED}


# ---------------------------------------------------------------- pages and open data


def test_indicator_pages_exist(built_site, data, corpus):
    index = page_html(built_site, page_url(INDICATORS_INDEX))
    links = {e.attrs.get("href", "") for e in index.iter() if e.tag == "a"}
    for indicator in data.series:
        assert any(h.endswith(f"series/{indicator.id}/") for h in links), indicator.id
        page = page_html(built_site, page_url(indicator_page(indicator.id)))
        assert any(e.tag == "svg" for e in page.iter())
        rows = [e for e in page.iter() if e.tag == "tr" and "id" in e.attrs]
        assert [r.attrs["id"] for r in rows] == [data.anchor(s) for s in indicator.statements]
    for plan in corpus.plans:
        page = page_html(built_site, page_url(indicator_plan_page(plan.id)))
        ids = {e.attrs["id"] for e in page.iter() if e.tag == "tr" and "id" in e.attrs}
        assert ids == {data.anchor(s) for s in data.of_plan(plan.id)}


def test_figures_are_marked_in_task_text_verbatim(built_site, data, sitemap, corpus):
    marked = 0
    for task in corpus.tasks:
        statements = [s for b in task.body for s in data.in_block(b)]
        if not statements:
            continue
        target = sitemap.target(task.id)
        root = page_html(built_site, page_url(target.page))
        article = next(
            e
            for e in root.iter()
            if e.tag == "article" and "task" in e.classes and any(h.attrs.get("id") == task.id for h in e.iter())
        )
        verbatim = next(e for e in article.iter() if "verbatim" in e.classes)
        assert squash(verbatim.text()) == squash(task.text)
        marks = [e.text() for e in verbatim.iter() if e.tag == "a" and "figure" in e.classes]
        assert marks == [s.figure for s in statements]
        marked += len(marks)
    assert marked >= 15


def test_every_figure_is_marked_where_it_stands(built_site, data, corpus):
    """Figures in context material (goals, background) are marked too, not only in tasks."""
    from build_scripts.website.urls import SiteMap

    sitemap = SiteMap(corpus)
    expected: dict[str, list[str]] = {}
    for statement in data.statements:
        expected.setdefault(sitemap.target(statement.place.key).page, []).append(statement.figure)
    for page, figures in expected.items():
        root = page_html(built_site, page_url(page))
        marks = [e.text() for e in root.iter() if e.tag == "a" and "figure" in e.classes]
        assert sorted(marks) == sorted(figures), page


def test_indicators_json_is_deterministic_and_complete(built_site, data, tmp_path, real_site):
    from build_scripts.website import export

    text = (built_site / "data" / "indicators.json").read_text(encoding="utf-8")
    assert text == export.data_texts(real_site)[export.INDICATORS_JSON]
    loaded = json.loads(text)
    assert json.dumps(loaded, ensure_ascii=False, sort_keys=True, indent=1) + "\n" == text
    assert len(loaded["statements"]) == len(data.statements)
    assert [i["id"] for i in loaded["indicators"]] == sorted(i["id"] for i in loaded["indicators"])
    first = loaded["statements"][0]
    assert set(first) >= {
        "id",
        "plan",
        "indicator",
        "name",
        "value",
        "value_high",
        "unit",
        "qualifiers",
        "kind",
        "year",
        "figure",
        "sentence",
        "place",
        "line",
        "url",
        "origin",
    }
    assert first["figure"] in first["sentence"]


def test_about_page_documents_the_indicators(built_site):
    about = page_html(built_site, "about/")
    text = squash(about.text())
    assert "indicators.json" in text and "基数与目标" in text


def test_a_quote_that_matches_nothing_is_shown_the_sentence_it_nearly_quotes(corpus, tmp_path):
    """A mistyped quote (482 for 428) is shown the plan's sentence around the longest run it
    shares; a quote sharing nothing gets no guess."""
    message = _curate(
        corpus,
        tmp_path,
        """statements:
  - plan: p11
    quote: 网民数达到482万人
    action: drop
  - plan: p11
    quote: 这句话不在规划里
    action: drop
""",
    )
    typo, unrelated = message.splitlines()[-2:]
    assert "indicators.yaml:2:" in typo and "closest sentence with a figure: '网民数达到428万人" in typo
    assert "indicators.yaml:5:" in unrelated and "closest" not in unrelated
