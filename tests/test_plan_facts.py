"""Plan metadata as recorded facts (issue 24): what the text states, what a maintainer
recorded from elsewhere with its source, and what is unknown — each shown with its origin;
machine-readable descriptions (JSON-LD) on the plan overviews and the dataset page; each
plan's text under a readable name as well."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from conftest import page_html
from datadir import SMALL_PLAN, entry, make_data

from build_scripts.core.errors import DataError
from build_scripts.ingest.registry import load_registry
from build_scripts.website.plan_views import plan_facts

RECORDED = {
    "issuer": {
        "value": "某市人民政府",
        "source": "某市政府公报 2001 年第 3 期",
        "retrieved": datetime.date(2026, 12, 1),
    },
    "official_url": {"value": "https://example.gov.cn/plan.html", "source": "某市政府网站"},
}


def registry(tmp_path, **overrides):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN}, [entry("a", "a.txt", **overrides)])
    return data / "plans.yaml"


def test_recorded_facts_are_shown_with_their_source_and_unknown_ones_as_such(tmp_path):
    (meta,) = load_registry(registry(tmp_path, recorded=RECORDED))
    facts = {f.label: f for f in plan_facts(meta)}
    assert (facts["发文机关"].value, facts["发文机关"].origin) == (
        "某市人民政府",
        "维护者记录：某市政府公报 2001 年第 3 期，2026-12-01获取",
    )
    assert facts["官方发布地址"].origin == "维护者记录：某市政府网站"
    assert (facts["文号"].value, facts["文号"].origin) == ("", "原文未载")
    assert (facts["印发日期"].value, facts["印发日期"].origin) == ("", "原文未载")


def test_a_stated_fact_comes_from_the_text():
    from build_scripts.core.paths import DATA

    p13 = next(m for m in load_registry(DATA / "plans.yaml") if m.id == "p13")
    facts = {f.label: (f.value, f.origin) for f in plan_facts(p13)}
    assert facts["发文机关"] == ("北京市人民政府", "据原文") and facts["印发日期"] == ("2016-12-01", "据原文")
    assert facts["官方发布地址"] == ("", "未记录")


@pytest.mark.parametrize(
    "recorded, message",
    [
        ({"issuer": {"value": "某市人民政府"}}, "missing required field 'source'"),
        ({"issue_date": {"value": "2001年3月", "source": "公报"}}, "expected a date YYYY-MM-DD"),
        ({"official_url": {"value": "example.gov.cn", "source": "网站"}}, "expected an http(s) address"),
        ({"issuer": {"value": "甲", "source": "乙", "seen": "x"}}, "seen"),
        ({"author": {"value": "甲", "source": "乙"}}, "author"),
    ],
)
def test_a_bad_recorded_fact_is_refused_at_its_line(tmp_path, recorded, message):
    path = registry(tmp_path, recorded=recorded)
    with pytest.raises(DataError) as caught:
        load_registry(path)
    text = str(caught.value)
    assert message in text and re.search(r"plans\.yaml:\d+:", text), text


def test_a_fact_the_text_states_cannot_be_recorded_from_elsewhere(tmp_path):
    path = registry(tmp_path, issuer="某市人民政府", recorded={"issuer": {"value": "别的机关", "source": "某处"}})
    with pytest.raises(DataError) as caught:
        load_registry(path)
    assert "the text states issuer" in str(caught.value)


def test_every_overview_shows_each_fact_with_its_origin(built_site, real_site):
    for plan in real_site.corpus.plans:
        rows = {}
        for tr in page_html(built_site, f"plans/{plan.id}/").iter():
            cells = [td.text() for td in tr.children if getattr(td, "tag", "") == "td"] if tr.tag == "tr" else []
            if len(cells) == 2:
                rows[cells[0]] = cells[1]
        for label in ("发文机关", "文号", "印发日期", "官方发布地址"):
            assert re.search(r"（据原文）$|（维护者记录：.+）$|^原文未载$|^未记录$", rows[label]), (
                plan.id,
                label,
                rows[label],
            )


def _jsonld(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_overviews_and_the_dataset_page_describe_themselves_in_json_ld(built_site, real_site):
    for plan in real_site.corpus.plans:
        data = _jsonld((built_site / "plans" / plan.id / "index.html").read_text(encoding="utf-8"))
        assert data["@type"] == "Legislation" and data["name"] == plan.meta.title
        assert [part["identifier"] for part in data["hasPart"]] == [t.id for t in plan.tasks]
        assert data["temporalCoverage"] == f"{plan.meta.start_year}/{plan.meta.end_year}"
        assert ("legislationDate" in data) == bool(plan.meta.issue_date)
    dataset = _jsonld((built_site / "changelog" / "index.html").read_text(encoding="utf-8"))
    assert dataset["@type"] == "Dataset" and dataset["version"] == real_site.dataset.version
    assert dataset["creator"]["name"] == real_site.dataset.author  # as the citation names it
    plans = real_site.corpus.plans
    span = f"{plans[0].meta.start_year}–{max(p.meta.end_year for p in plans)} 年北京市 {len(plans)} 份信息化规划"
    assert dataset["description"].startswith(span)
    feed = (built_site / "feed.xml").read_text(encoding="utf-8")
    assert f"<author><name>{real_site.dataset.author}</name></author>" in feed
    names = {d["name"] for d in dataset["distribution"]}
    assert {"tasks.json", "links.csv", "terms.csv", "datapackage.json"} <= names
    for download in dataset["distribution"]:
        assert (built_site / "changelog" / download["contentUrl"]).resolve().is_file(), download


def test_each_plan_text_is_offered_under_a_readable_name_byte_for_byte(built_site, real_site):
    for plan in real_site.corpus.plans:
        (copy,) = (built_site / "sources" / "files").glob(f"{plan.id}-*.txt")
        assert copy.read_bytes() == plan.source.path.read_bytes()
        assert "“" not in copy.name and plan.id in copy.name
