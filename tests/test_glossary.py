"""Terms in the site: annotations (annotate.py), term pages and index (website/pages/glossary.py), the
新出现/不再出现 lists on the plan overviews and the term marks in task text (termmarks.py)."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import page_html, squash
from hypothesis import given
from hypothesis import strategies as st

from build_scripts.core.paths import DATA
from build_scripts.language.annotate import PlaceKind, annotate, sentence_spans
from build_scripts.language.terms import count_by_plan, load_terms
from build_scripts.website.urls import TERMS_INDEX, overview_page, page_url, term_page


@pytest.fixture(scope="module")
def terms(corpus):
    return load_terms(DATA / "terms.yaml", corpus=corpus)


@pytest.fixture(scope="module")
def annotations(corpus, terms):
    return annotate(corpus, terms)


# ---------------------------------------------------------------- annotations


def test_counts_equal_count_by_plan(annotations, terms, corpus):
    expected = count_by_plan(terms, corpus)
    assert {t.id: annotations.counts(t.id) for t in terms} == expected


@pytest.mark.parametrize(
    "term_id, expected",
    [
        ("iot", {"p11": 0, "wp2009": 0, "p12": 15, "p13": 18}),  # 物联网: none before the 12th plan
        ("capital-window", {"p11": 9, "wp2009": 0, "p12": 1, "p13": 2}),  # 首都之窗
    ],
)
def test_counts_verified_by_hand(annotations, term_id, expected):
    counts = annotations.counts(term_id)
    assert {plan: counts.get(plan, 0) for plan in expected} == expected


def test_every_occurrence_is_its_term_in_its_sentence(annotations, terms):
    from build_scripts.language.terms import fold

    def folded(text):
        return "".join(fold(ch) for ch in text)

    for term in terms:
        forms = {folded(form) for form in term.forms}
        for o in annotations.occurrences[term.id]:
            assert folded(o.form) in forms
            assert o.sentence[0] <= o.start < o.end <= o.sentence[1]
            assert o.sentence_text == o.block.text[o.sentence[0] : o.sentence[1]]
            inner = o.block.text[o.sentence[0] : o.sentence[1] - 1]
            assert not any(mark in inner.rstrip("”’）」』》〉】)\"'。；！？") for mark in "。；！？"), o.sentence_text


def test_no_occurrence_is_counted_in_a_table_of_contents(annotations):
    assert all(o.block.kind != "toc_entry" for found in annotations.occurrences.values() for o in found)


def test_new_and_gone_terms_are_consistent(annotations, corpus, terms):
    order = [plan.id for plan in corpus.plans]
    for index, plan_id in enumerate(order):
        for term in annotations.introduced(plan_id):
            counts = annotations.counts(term.id)
            assert counts.get(plan_id, 0) > 0
            assert not any(counts.get(earlier) for earlier in order[:index]), (term.id, plan_id)
        for term in annotations.dropped(plan_id):
            counts = annotations.counts(term.id)
            assert counts.get(plan_id, 0) > 0
            assert not any(counts.get(later) for later in order[index + 1 :]), (term.id, plan_id)
    assert annotations.dropped(order[-1]) == ()
    assert set(annotations.introduced(order[0])) == set(annotations.used(order[0]))
    assert sum(len(annotations.introduced(p)) for p in order) == sum(1 for t in terms if annotations.total(t.id))
    iot = annotations.term("iot")
    assert iot in annotations.introduced("p12") and iot not in annotations.dropped("p12")


@given(st.text(alphabet="北京物联网。；！？”） \u3000\n", max_size=40))
def test_sentences_are_the_text_cut_at_sentence_ends(text):
    spans = sentence_spans(text)
    assert squash("".join(text[a:b] for a, b in spans)) == squash(text)
    for (_, b), (c, _) in itertools.pairwise(spans):
        assert b <= c and text[b - 1] in "。；！？”）"
    for a, b in spans:
        assert not text[a].isspace() and not text[b - 1].isspace()


def test_occurrences_outside_tasks_have_a_section_or_matter_place(annotations):
    kinds = {o.place.kind for found in annotations.occurrences.values() for o in found}
    assert PlaceKind.TASK in kinds and PlaceKind.SECTION in kinds


# ---------------------------------------------------------------- the built site


def test_every_term_has_a_page_with_its_counts_per_plan(built_site, terms, corpus, annotations):
    expected = count_by_plan(terms, corpus)
    for term in terms:
        root = page_html(built_site, page_url(term_page(term.id)))
        assert term.explanation in root.text()
        caption = root.find_all(lambda e: e.tag == "figcaption")[0].text()
        for plan in corpus.plans:
            n = expected[term.id].get(plan.id, 0)
            assert f"{plan.meta.short_name}（" in caption and re.search(
                re.escape(plan.meta.short_name) + r"（[0-9–]+）" + str(n) + " 次", caption
            ), (term.id, plan.id)
        headings = [
            h.text(lambda e: "headerlink" in e.classes)
            for h in root.iter()
            if h.tag == "h3" and h.attrs.get("id", "").startswith("in-")
        ]
        assert [h.split("：")[-1] for h in headings] == [
            f"{n} 处" for p in corpus.plans if (n := expected[term.id].get(p.id, 0))
        ]


def test_term_page_chart_has_a_text_alternative(built_site, corpus):
    """The chart is an image named by its title; its figure's caption says every count in
    words, once (the chart's own <desc> said them again to a screen reader)."""
    root = page_html(built_site, page_url(term_page("iot")))
    figure = root.find_all(lambda e: e.tag == "figure")[0]
    svg = figure.find_all(lambda e: e.tag == "svg" and "term-chart-svg" in e.classes)[0]
    assert svg.attrs["role"] == "img"
    ids = svg.attrs["aria-labelledby"].split()
    texts = {e.attrs.get("id"): e.text() for e in svg.iter()}
    assert [e.tag for e in svg.iter() if e.attrs.get("id") in ids] == ["title"] and "物联网" in texts[ids[0]]
    assert not [e for e in svg.iter() if e.tag == "desc"]
    caption = figure.find_all(lambda e: e.tag == "figcaption")[0].text()
    assert "“十二五”规划（2011–2015）15 次" in caption and "“十一五”规划（2006–2010）0 次" in caption
    bars = [e for e in svg.iter() if e.tag == "rect"]
    assert len(bars) == 2  # no bar for the plans without 物联网
    labels = [e.text() for e in svg.iter() if e.tag == "text" and "label" in e.attrs.get("class", "")]
    assert labels == [plan.meta.short_name for plan in corpus.plans]  # chronological


def test_term_page_lists_each_occurrence_with_link_and_highlighted_sentence(built_site, annotations):
    root = page_html(built_site, page_url(term_page("capital-window")))
    places = root.find_all(lambda e: "term-places" in e.classes)
    sentences = [e for block in places for e in block.iter() if "term-sentence" in e.classes]
    marks = [m for s in sentences for m in s.iter() if m.tag == "mark"]
    assert len(marks) == annotations.total("capital-window") == 12
    assert all(m.text() == "首都之窗" for m in marks)
    expected = {o.sentence_text for o in annotations.occurrences["capital-window"]}
    assert {s.text() for s in sentences} == expected  # verbatim, highlighting only adds tags


def test_term_index_lists_every_term_by_category(built_site, terms):
    from build_scripts.website.labels import CATEGORY_LABELS

    root = page_html(built_site, page_url(TERMS_INDEX))
    headings = [h.text() for h in root.iter() if h.tag == "h2"]
    for label in CATEGORY_LABELS.values():
        assert any(h.startswith(label) for h in headings), label
    links = {a.attrs["href"] for a in root.iter() if a.tag == "a"}
    for term in terms:
        assert f"{term.id}/" in links, term.id


def test_term_index_is_in_the_nav_and_term_pages_are_not(built_site):
    nav = page_html(built_site, "").find_all(lambda e: e.tag == "nav" and "md-nav--primary" in e.classes)[0]
    hrefs = [a.attrs.get("href", "") for a in nav.iter() if a.tag == "a"]
    assert any(h.rstrip("/").endswith("terms") for h in hrefs)
    assert not any("terms/iot" in h for h in hrefs)


def test_overview_lists_new_renamed_and_gone_terms(built_site, corpus, annotations):
    """新出现, 改称 (each old name, then its later names), 不再出现; a renamed term is never
    listed as gone (issue 20: 电子政务专网 was listed under 不再出现 on the 11th plan)."""
    renamed_somewhere = False
    for plan in corpus.plans:
        root = page_html(built_site, page_url(overview_page(plan.id)))
        block = root.find_all(lambda e: "plan-terms" in e.classes)[0]
        lists = [e for e in block.iter() if e.tag == "ul"]
        names = [[a.text() for a in ul.iter() if a.tag == "a"] for ul in lists]
        new = [t.term for t in annotations.introduced(plan.id)]
        renamed = [n.term for t, later in annotations.renamed(plan.id) for n in (t, *later)]
        gone = [t.term for t in annotations.dropped(plan.id)]
        assert names == [n for n in (new, renamed, gone) if n], plan.id
        assert not {t.id for t, _ in annotations.renamed(plan.id)} & {t.id for t in annotations.dropped(plan.id)}
        renamed_somewhere |= bool(renamed)
    assert renamed_somewhere
    p11 = {t.term for t, _ in annotations.renamed("p11")}
    assert "电子政务专网" in p11 and "电子政务专网" not in {t.term for t in annotations.dropped("p11")}


def test_a_term_page_names_its_whole_rename_family_with_years(built_site, annotations):
    """曾用名 and 后称 rows link every other name of the family, each with its years."""
    for term in annotations.terms:
        earlier, later = annotations.earlier_names(term.id), annotations.later_names(term.id)
        root = page_html(built_site, f"terms/{term.id}/")
        rows = {
            row.find_all(lambda e: e.tag == "td")[0].text(): row.find_all(lambda e: e.tag == "td")[1]
            for row in root.find_all(lambda e: e.tag == "tr")
            if row.find_all(lambda e: e.tag == "td")
        }
        for label, names in (("曾用名", earlier), ("后称", later)):
            if not names:
                assert label not in rows, (term.id, label)
                continue
            links = [a.attrs["href"] for a in rows[label].iter() if a.tag == "a"]
            assert links == [f"../{n.id}/" for n in names], (term.id, label)
            assert re.search(r"（\d{4}(–\d{4})?）", rows[label].text()), (term.id, label)
    assert [t.id for t in annotations.later_names("e-government-network")] == ["wired-government-network"]
    assert [t.id for t in annotations.earlier_names("wired-government-network")] == ["e-government-network"]


def test_task_text_marks_each_term_once_and_stays_verbatim(built_site, corpus, sitemap, annotations):
    page = page_url(sitemap.target("p12-8-1-1").page)
    root = page_html(built_site, page)
    marked = 0
    for article in root.find_all(lambda e: e.tag == "article" and "task" in e.classes):
        verbatim = article.find_all(lambda e: "verbatim" in e.classes)[0]
        marks = [a for a in verbatim.iter() if a.tag == "a" and "term" in a.classes]
        assert len({a.attrs["href"] for a in marks}) == len(marks)
        for a in marks:
            term = annotations.term(a.attrs["href"].rstrip("/").rsplit("/", 1)[1])
            assert a.attrs["title"] == f"{term.term}：{term.explanation}"
        marked += len(marks)
    assert marked > 10
    task = next(t for t in corpus.tasks if t.id == "p12-8-1-1")
    article = next(
        a
        for a in root.find_all(lambda e: e.tag == "article")
        if any(h.attrs.get("id") == "p12-8-1-1" for h in a.iter())
    )
    verbatim = article.find_all(lambda e: "verbatim" in e.classes)[0]
    assert squash(verbatim.text()) == squash("".join(b.text for b in task.body))
    assert [a.text() for a in verbatim.iter() if a.tag == "a"][:1] == ["光纤宽带"]
