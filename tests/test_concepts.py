"""concepts: the concept vocabulary validates with located problems, matches leftmost-longest,
and lets the linker join tasks that name one policy domain in different words."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest
from test_link import tiny_corpus, tiny_settings

from build_scripts.core.errors import DataError
from build_scripts.core.paths import DATA
from build_scripts.language.concepts import Concept, ConceptMatcher, Vocabulary, load_concepts
from build_scripts.language.segment import Dictionary, Segmenter
from build_scripts.lineage.graph import Lineage
from build_scripts.lineage.index import Index
from build_scripts.lineage.selection import auto_links
from build_scripts.lineage.settings import load_settings

VOCAB = Vocabulary(
    concepts=(
        Concept("broadband", "宽带网络", ("宽带", "光纤", "千兆", "公共网络"), 1),
        Concept("health", "医疗卫生", ("医疗", "卫生", "健康", "病历"), 2),
        Concept("security", "信息安全", ("信息安全", "网络安全"), 3),
    ),
    ignore=("健康发展",),
)


def test_real_vocabulary_is_valid_and_of_useful_size():
    vocabulary = load_concepts(DATA / "concepts.yaml")
    assert 30 <= len(vocabulary.concepts) <= 60
    assert all(len(c.members) >= 3 for c in vocabulary.concepts)
    ids = {c.id for c in vocabulary.concepts}
    assert {"broadband", "health", "social", "security"} <= ids


def test_matching_is_leftmost_longest_and_ignores_width_and_case():
    matcher = ConceptMatcher(VOCAB)
    hits = matcher.find("推进光纤宽带和千兆入户，保障网络安全，发展电子病历和医疗卫生")
    assert [c for c, _ in hits] == ["broadband", "broadband", "broadband", "security", "health", "health", "health"]
    assert ("security", "网络安全") in hits  # not cut into 网络 + 安全
    assert ConceptMatcher(Vocabulary((Concept("m", "移动", ("4G",), 1),))).count("发展４ｇ网络") == {"m": 1}


def test_ignore_phrases_hide_the_member_inside_them():
    matcher = ConceptMatcher(VOCAB)
    assert matcher.count("促进产业健康发展") == {}
    assert matcher.count("建立市民健康档案") == {"health": 1}


def write(tmp_path, body: str):
    path = tmp_path / "concepts.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_every_problem_is_reported_with_its_line(tmp_path):
    path = write(
        tmp_path,
        """\
        ignore: [健康发展, 天气晴朗, 宽带]
        concepts:
          - id: broadband
            label: 宽带网络
            members: [宽带, 光纤]
          - id: health
            label: 医疗卫生
            members: [医疗, 健康, 宽带, 病]
            colour: red
          - id: Health Care
            label: 医疗
            members: [门诊]
          - id: broadband
            label: 重复
            members: [千兆]
          - id: empty
            members: [空白, 空白]
        """,
    )
    with pytest.raises(DataError) as caught:
        load_concepts(path)
    text = str(caught.value)
    assert "concepts.yaml:9: concepts[1].colour: unknown field" in text
    assert "concepts.yaml:6: member '宽带' of 'health' is already claimed by 'broadband' (line 3)" in text
    assert "concepts.yaml:6: concepts[1].members: '病' is shorter than 2 characters" in text
    assert "concepts.yaml:10: concepts[2].id: expected lowercase ASCII words" in text
    assert "concepts.yaml:13: duplicate id 'broadband' (first at line 3)" in text
    assert "concepts.yaml:16: concepts[4]: missing required field 'label'" in text
    assert "concepts.yaml:17: concepts[4].members: expected a list of distinct non-empty strings" in text
    assert "concepts.yaml:1: ignore: '天气晴朗' contains no member" in text
    assert "concepts.yaml:1: ignore: '宽带' is a member of 'broadband'" in text


def test_width_and_case_duplicates_and_unknown_top_level_keys(tmp_path):
    path = write(
        tmp_path,
        """\
        concepts:
          - {id: mobile, label: 移动通信, members: [4G, ４ｇ]}
          - {id: wifi, label: 无线, members: [WLAN]}
          - {id: wifi2, label: 无线, members: [wlan]}
        colours: []
        """,
    )
    with pytest.raises(DataError) as caught:
        load_concepts(path)
    text = str(caught.value)
    assert "concepts.yaml:2: member '４ｇ' of 'mobile' is listed twice" in text
    assert "concepts.yaml:4: member 'wlan' of 'wifi2' is already claimed by 'wifi' (line 3)" in text
    assert "concepts.yaml:5: colours: unknown field" in text


# --- the concept layer in the linker --------------------------------------------------------

# two plans that describe broadband and health in different words, plus a task sharing
# one generic word with the wrong predecessor
PLANS = {
    "a": (
        2001,
        2005,
        [
            ("1", "推进光纤入户", "光纤到户改造，提高接入带宽。"),
            ("2", "加强医疗卫生信息化", "建设医院管理系统，推进医疗卫生信息共享。"),
            ("3", "建设物流平台", "建设物流公共平台，服务商贸企业。"),
        ],
    ),
    "b": (
        2006,
        2010,
        [
            ("1", "提升公共网络服务水平", "普及千兆宽带，公共网络平台服务企业。"),
            ("2", "普及电子病历", "推广电子病历和健康档案，方便市民。"),
            ("3", "发展物流服务", "物流平台覆盖商贸企业，物流信息共享。"),
        ],
    ),
}
TERMS = Dictionary()


@pytest.fixture(scope="module")
def seg(jieba_cache) -> Segmenter:
    return Segmenter(TERMS, jieba_cache)


def settings(**changes):
    return dataclasses.replace(tiny_settings(), distinctive_df=0.5, min_z=0.0, floor=0.05, ratio=0.7, **changes)


def links(seg, vocabulary, **changes):
    corpus = tiny_corpus(PLANS)
    index = Index(corpus, settings(**changes), seg, vocabulary)
    return Lineage.of(corpus, auto_links(corpus, index=index))


def test_a_shared_domain_alone_is_not_a_link(seg):
    # 电子病历 shares no word with 医疗卫生: the concept layer makes a-2 a candidate with a
    # score, but a link needs a clause pair sharing a word, so a domain label alone is no link
    corpus = tiny_corpus(PLANS)
    index = Index(corpus, settings(concept_weight=0.5, concept_retrieve=True), seg, VOCAB)
    assert "a-2" in index.candidates("b-2") and index.score("b-2", "a-2")[0] > 0.05
    assert index.evidence("b-2", "a-2")[1] == ()
    with_concepts = links(seg, VOCAB, concept_weight=0.5, concept_retrieve=True)
    assert not with_concepts.predecessors("b-2")
    # a word-level continuation is kept: it rests on a clause pair sharing 物流
    (link,) = with_concepts.predecessors("b-3")
    assert link.predecessor == "a-3" and "物流" in link.terms and link.evidence


def test_concept_retrieval_goes_through_concept_postings(seg):
    corpus = tiny_corpus(PLANS)
    off = Index(corpus, settings(concept_weight=0.5, concept_retrieve=False), seg, VOCAB)
    on = Index(corpus, settings(concept_weight=0.5, concept_retrieve=True), seg, VOCAB)
    assert "a-2" not in off.candidates("b-2") and "a-2" in on.candidates("b-2")
    assert on.concept_postings["health"] == ["a-2", "b-2"]


def test_the_concept_share_of_the_score(seg):
    corpus = tiny_corpus(PLANS)
    words = Index(corpus, settings(concept_weight=0.0), seg, VOCAB)
    mixed = Index(corpus, settings(concept_weight=0.5), seg, VOCAB)
    similarity, shared = mixed.concept_similarity("b-1", "a-1")
    assert shared == ("broadband",) and similarity == pytest.approx(1.0)
    assert mixed.score("b-1", "a-1")[0] == pytest.approx(0.5 * words.score("b-1", "a-1")[0] + 0.5, abs=1e-4)
    assert mixed.concept_similarity("b-1", "a-2")[0] == 0.0


def test_the_gate_needs_a_common_domain(seg):
    # 物流 is in no concept of the tiny vocabulary: the word-level link needs no domain,
    # the gated one does
    open_ = links(seg, VOCAB, concept_weight=0.0, concept_gate=0.0)
    gated = links(seg, VOCAB, concept_weight=0.0, concept_gate=0.1)
    assert {l.predecessor for l in open_.predecessors("b-3")} == {"a-3"}
    assert not gated.predecessors("b-3")


def test_settings_point_to_the_concepts_next_to_them(tmp_path):
    s = load_settings(DATA / "lineage.yaml")
    assert s.concepts_file.name == "concepts.yaml" and s.concepts_file.exists()
    assert 0 < s.concept_weight < 1 and isinstance(s.concept_retrieve, bool)
    path = tmp_path / "lineage.yaml"
    text = (s.concepts_file.parent / "lineage.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert load_settings(path).concepts_file == tmp_path / "concepts.yaml"
    path.write_text(
        text.replace("  retrieve: false", "  retrieve: 1").replace("  weight: 0.2", "  weight: 2"), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_settings(path)
    assert "concepts.retrieve: expected true or false, found the integer 1" in str(caught.value)
    assert "concepts.weight: expected a number from 0 to 1, found the integer 2" in str(caught.value)
