"""The term dictionary validates, and term counts match what a reader finds in the texts."""

from __future__ import annotations

import textwrap

import pytest
from conftest import KNOWN_PLANS

from build_scripts.core.errors import DataError
from build_scripts.core.paths import DATA
from build_scripts.ingest.corpus import load_corpus
from build_scripts.language.terms import Term, TermCategory, TermMatcher, count_by_plan, load_terms, mentions

CORPUS = load_corpus(DATA)


@pytest.fixture(scope="module")
def counts():
    return count_by_plan(load_terms(DATA / "terms.yaml", corpus=CORPUS), CORPUS)


def test_real_dictionary_is_valid_and_large_enough():
    terms = load_terms(DATA / "terms.yaml", corpus=CORPUS)
    assert len(terms) >= 120
    assert {t.category for t in terms} == set(TermCategory)


@pytest.mark.parametrize(
    "term_id, expected",
    [
        # grep -o 物联网: 16 in the 12th plan, one of them in its 目录 (not counted twice); 18 in the 13th.
        ("iot", {"p12": 15, "p13": 18}),
        ("capital-window", {"p11": 9, "p12": 1, "p13": 2}),  # 首都之窗
        ("beidou", {"p13": 3}),  # 北斗导航 ×2, 北斗 ×1 — all the satellite system
        # 新一代互联网协议(IPV6) in the 12th plan: matching ignores case, and the form restated in
        # brackets is the same mention (it was counted twice)
        ("ipv6", {"p12": 1}),
        ("5g", {"p13": 2}),  # 第五代移动通信(5G) ×1, 5G ×1: the term page lists two sentences
    ],
)
def test_counts_verified_by_hand(counts, term_id, expected):
    # the four plans as counted by hand; a plan added later may use the term as it likes
    assert {plan: counts[term_id].get(plan, 0) for plan in KNOWN_PLANS} == {
        plan: expected.get(plan, 0) for plan in KNOWN_PLANS
    }


def test_a_form_restated_in_brackets_is_one_mention():
    terms = (Term("x5g", "第五代移动通信", TermCategory.TECHNOLOGY, ("5G",), "x", False, 1),)
    text = "开展第五代移动通信(5G)商用示范，5G全覆盖；5G（第五代移动通信）"
    found = TermMatcher(terms).find(text)
    assert len(found) == 5 and [text[h.start : h.end] for h in mentions(text, found)] == ["第五代移动通信", "5G", "5G"]


def test_longest_match_wins_and_width_and_case_do_not_matter():
    terms = (
        Term("eg", "电子政务", TermCategory.GOVERNANCE, (), "x", False, 1),
        Term("eg-net", "电子政务专网", TermCategory.INFRASTRUCTURE, (), "x", False, 2),
        Term("g4", "第四代移动通信", TermCategory.TECHNOLOGY, ("4G",), "x", False, 3),
    )
    text = "建设电子政务专网，推进电子政务，发展４ｇ和第四代移动通信"
    hits = [(h.term_id, text[h.start : h.end]) for h in TermMatcher(terms).find(text)]
    assert hits == [("eg-net", "电子政务专网"), ("eg", "电子政务"), ("g4", "４ｇ"), ("g4", "第四代移动通信")]


def write(tmp_path, body: str):
    path = tmp_path / "terms.yaml"
    path.write_text("terms:\n" + textwrap.indent(textwrap.dedent(body), "  "), encoding="utf-8")
    return path


def holding(word: str) -> list[str]:
    """The real plans whose text holds ``word`` (what a message names: a plan added changes it)."""
    return [p.id for p in CORPUS.plans if any(word in t.title + t.text for t in p.tasks)]


def messages(path, corpus=CORPUS) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_terms(path, corpus)
    return [str(p).split("terms.yaml:", 1)[1] for p in caught.value.problems]


def test_every_problem_is_reported_with_its_line(tmp_path):
    path = write(
        tmp_path,
        """\
        - {id: iot, term: 物联网, category: technology, explanation: 说明}
        - {id: iot, term: 云计算, category: technology, explanation: 说明}
        - {id: cloud, term: 云服务, category: tech, explanation: 说明, variants: [物联网]}
        - {id: Bad_Id, term: 大数据, category: technology, explanation: 说明}
        - {id: nothing, term: 火星殖民计划, category: technology}
        """,
    )
    assert messages(path) == [
        "3: duplicate id 'iot' (first at line 2)",
        "4: terms[2].category: expected one of programme, infrastructure, technology, service, governance, "
        'economy, security, found the string "tech"',
        "5: terms[3].id: expected lowercase ASCII words joined by hyphens, found 'Bad_Id'",
        "6: terms[4]: missing required field 'explanation' (str)",
    ]


def test_a_variant_claimed_by_two_terms(tmp_path):
    path = write(
        tmp_path,
        """\
        - {id: iot, term: 物联网, category: technology, explanation: 说明}
        - {id: sensing, term: 传感网, category: technology, explanation: 说明, variants: [物联网]}
        """,
    )
    assert messages(path) == [
        "3: variant '物联网' of 'sensing' is already claimed by 'iot' (line 2); a form may belong to one term only"
    ]


def test_a_term_that_occurs_nowhere_unless_marked_absent(tmp_path):
    path = write(
        tmp_path,
        """\
        - {id: mars, term: 火星殖民计划, category: technology, explanation: 说明}
        - {id: metaverse, term: 元宇宙, category: technology, explanation: 说明, absent: true}
        - {id: iot, term: 物联网, category: technology, explanation: 说明, absent: true}
        """,
    )
    assert messages(path) == [
        "2: '火星殖民计划' (mars) occurs in no plan (nor do its variants); fix the spelling, or mark it "
        "`absent: true` if it is kept on purpose",
        f"4: '物联网' is marked absent but occurs in {', '.join(holding('物联网'))}",
    ]
