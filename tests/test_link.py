"""link: the automatic linker on a tiny made-up corpus of three plans."""

from __future__ import annotations

import dataclasses

import pytest
from factories import corpus_of, lead_task, meta, plan_of

from build_scripts.core.errors import DataError
from build_scripts.core.model import Corpus
from build_scripts.core.paths import DATA
from build_scripts.language.segment import Dictionary, PolicyTerm, Segmenter
from build_scripts.lineage.curation import Decision
from build_scripts.lineage.graph import CONTINUED, DISCONTINUED, MERGED, NEW, SPLIT, Lineage, labels
from build_scripts.lineage.index import Index, composed_of
from build_scripts.lineage.queue import decided_lines, line_support, ranked_candidates
from build_scripts.lineage.selection import auto_links, select, standardiser
from build_scripts.lineage.settings import Settings, load_settings

TINY_TERMS = Dictionary(
    terms=(PolicyTerm("iot", "物联网"), PolicyTerm("egov", "电子政务"), PolicyTerm("portal", "首都之窗"))
)

# plan id → (start, end, [(task suffix, title, text)])
TINY_PLANS = {
    "a": (
        2001,
        2005,
        [
            ("1", "建设物联网感知设施", "在河湖水系部署物联网传感器，建设物联网感知网络，监测水质水位。"),
            ("2", "推进电子政务外网建设", "建设电子政务外网，推进政务信息资源共享交换，建设共享交换平台。"),
            ("3", "加强信息化工作", "加强信息化建设，推进全市信息化发展，提高信息化水平。"),
            ("4", "完善首都之窗门户网站", "完善首都之窗政府门户网站，推进网上办事，丰富门户栏目。"),
            ("5", "建设奥运场馆通信设施", "为奥运赛事建设场馆通信设施，保障赛时通信。"),
        ],
    ),
    "b": (
        2006,
        2010,
        [
            ("1", "深化物联网感知应用", "扩大物联网传感器部署，物联网感知覆盖河湖水系，实时监测水质水位。"),
            ("2", "推进信息化发展", "加强信息化建设，推进全市信息化发展，促进信息化水平提高。"),
            ("3", "扩容电子政务外网", "扩容电子政务外网，扩大外网带宽，外网覆盖街道乡镇。"),
            ("4", "首都之窗门户网站改版", "首都之窗政府门户网站改版，增加网上办事栏目。"),
            ("5", "政务信息资源共享交换", "完善政务信息资源共享交换平台，扩大信息资源共享交换范围。"),
            ("6", "发展农村远程教育", "建设农村远程教育站点，培训农民。"),
        ],
    ),
    "c": (
        2011,
        2015,
        [
            ("1", "整合电子政务外网和首都之窗", "首都之窗门户网站依托电子政务外网，电子政务外网扩大带宽。"),
            ("2", "物联网感知水质水位", "物联网传感器监测河湖水系水质水位，感知数据汇聚。"),
            ("3", "发展区块链应用", "探索区块链在存证领域的试点。"),
        ],
    ),
}


def tiny_corpus(plans=TINY_PLANS) -> Corpus:
    built = []
    for plan_id, (start, end, found) in plans.items():
        tasks = [
            lead_task(
                f"{plan_id}-{suffix}",
                title,
                f"{title}。{text}",
                headings=("主要任务",),
                section_keys=(f"{plan_id}-1",),
                line=number,
            )
            for number, (suffix, title, text) in enumerate(found, start=1)
        ]
        built.append(plan_of(meta(plan_id, start, end, title=f"测试规划{plan_id}", short_name=plan_id), tasks))
    return corpus_of(*built)


@pytest.fixture(scope="module")
def tiny_seg(jieba_cache) -> Segmenter:
    return Segmenter(TINY_TERMS, jieba_cache)


def tiny_settings() -> Settings:
    # the project's vocabulary and weights; a tiny corpus needs a laxer df limit for "distinctive",
    # and a lower z limit: in a plan of n tasks no score can stand more than √(n−1) deviations
    # above the mean (√2 for the three tasks of plan c)
    return dataclasses.replace(load_settings(DATA / "lineage.yaml"), distinctive_df=0.3, min_z=1.0)


@pytest.fixture(scope="module")
def tiny(tiny_seg) -> Lineage:
    corpus = tiny_corpus()
    return Lineage.of(corpus, auto_links(corpus, tiny_settings(), tiny_seg))


def preds(lineage: Lineage, task_id: str) -> set[str]:
    return {link.predecessor for link in lineage.predecessors(task_id)}


def test_clear_continuation_is_linked_with_the_shared_term(tiny):
    assert preds(tiny, "b-1") == {"a-1"}
    (link,) = tiny.predecessors("b-1")
    assert "物联网" in link.terms and link.score > 0
    assert link.origin == "auto"


def test_boilerplate_only_resemblance_is_not_linked(tiny):
    assert preds(tiny, "b-2") == set()
    assert NEW in labels(tiny, "b-2")
    assert not tiny.successors("a-3")


def test_new_task_has_no_predecessor_anywhere(tiny):
    assert preds(tiny, "c-3") == set() and preds(tiny, "b-6") == set()
    assert labels(tiny, "c-3")[0] == NEW


def test_split_and_merge(tiny):
    # a-2 (外网 + 资源共享) continues as two tasks of b: a split
    assert {link.successor for link in tiny.successors("a-2") if link.successor.startswith("b-")} == {"b-3", "b-5"}
    assert SPLIT in labels(tiny, "a-2")
    # c-1 merges b-3 (外网) and b-4 (首都之窗)
    assert {"b-3", "b-4"} <= {p for p in preds(tiny, "c-1") if p.startswith("b-")}
    assert MERGED in labels(tiny, "c-1") and CONTINUED in labels(tiny, "c-1")


def test_not_continued(tiny):
    assert DISCONTINUED in labels(tiny, "a-5")  # 奥运 does not come back
    assert DISCONTINUED not in labels(tiny, "a-1")
    assert all(DISCONTINUED not in labels(tiny, t.id) for t in tiny.corpus.plan("c").tasks)  # last plan


def test_a_lineage_is_made_with_its_lookups_and_never_changed(tiny):
    index = tiny.index
    assert index.plan_of == {t.id: t.plan_id for t in tiny.corpus.tasks}
    assert all(l.successor == task for task, found in index.predecessors.items() for l in found)
    assert all(isinstance(found, tuple) for found in index.successors.values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        tiny.links = ()  # type: ignore[misc]
    # the lookups are derived: two lineages of the same links are equal, and none is shown
    assert Lineage.of(tiny.corpus, tiny.links) == tiny
    assert "LineageIndex" not in repr(Lineage.of(tiny.corpus, ()))


def test_links_reach_back_over_several_plans(tiny):
    assert "a-1" in preds(tiny, "c-2") and "b-1" in preds(tiny, "c-2")


def test_chronology_no_forward_or_same_plan_links(tiny):
    rank = {p.id: i for i, p in enumerate(tiny.corpus.plans)}
    assert tiny.links
    for link in tiny.links:
        assert rank[tiny.plan_of(link.predecessor)] < rank[tiny.plan_of(link.successor)]
    assert not tiny.predecessors("a-1") and not tiny.predecessors("a-2")


def test_symmetry(tiny):
    for task in tiny.corpus.tasks:
        for link in tiny.predecessors(task.id):
            assert link in tiny.successors(link.predecessor)
        for link in tiny.successors(task.id):
            assert link in tiny.predecessors(link.successor)


def test_deterministic(tiny_seg):
    corpus = tiny_corpus()
    assert auto_links(corpus, tiny_settings(), tiny_seg) == auto_links(corpus, tiny_settings(), tiny_seg)


def test_selection_floor_ratio_cap_and_shared_terms():
    s = dataclasses.replace(Settings(), floor=0.1, ratio=0.5, per_plan=2, min_shared=1)
    kept = select([("x", 0.5, ("t",)), ("y", 0.3, ("t",)), ("z", 0.26, ("t",)), ("w", 0.2, ("t",)), ("v", 0.9, ())], s)
    assert [c[0] for c in kept] == ["x", "y"]  # v shares no distinctive term; cap 2; w below the ratio
    assert select([("x", 0.05, ("t",))], s) == []  # below the floor


def test_compounds_of_boilerplate_are_boilerplate():
    parts = frozenset({"不断", "完善", "大力", "发展"})
    assert composed_of("不断完善", parts) and composed_of("大力发展", parts)
    assert not composed_of("完善", parts)  # listed itself
    assert not composed_of("发展规划", parts) and not composed_of("物联网", parts)


def test_standardiser_counts_non_candidates_as_zero():
    z = standardiser([0.3], 10)  # one candidate among ten tasks: mean 0.03, deviation 0.09
    assert z(0.3) == pytest.approx(3.0)
    assert z(0.0) < 0
    flat = standardiser([0.2, 0.2, 0.2, 0.2], 4)  # no rival stands out: no spread
    assert flat(0.2) == 0.0
    # the same score stands out less among close rivals than alone
    assert standardiser([0.3, 0.28, 0.27], 10)(0.3) < standardiser([0.3], 10)(0.3)


def test_relative_calibration_drops_a_candidate_that_does_not_stand_out(tiny_seg):
    corpus = tiny_corpus()
    strict = dataclasses.replace(tiny_settings(), min_z=3.0)  # above √(n−1) of every tiny plan
    assert auto_links(corpus, strict, tiny_seg) == ()
    off = dataclasses.replace(tiny_settings(), min_z=0.0)
    assert len(auto_links(corpus, off, tiny_seg)) >= len(auto_links(corpus, tiny_settings(), tiny_seg)) > 0


def test_a_merge_must_be_wanted_from_both_sides(tiny_seg):
    corpus = tiny_corpus()
    open_merge = dataclasses.replace(tiny_settings(), extra_rank=0)
    mutual = dataclasses.replace(tiny_settings(), extra_rank=1)
    loose, tight = set(auto_links(corpus, open_merge, tiny_seg)), set(auto_links(corpus, mutual, tiny_seg))
    assert tight <= loose
    by_plan = {}
    for link in tight:  # with extra_rank 1, every extra predecessor in a plan has this task as its best
        by_plan.setdefault((link.successor, link.predecessor[0]), []).append(link)
    for links in by_plan.values():
        for extra in sorted(links, key=lambda l: -l.score)[1:]:
            assert all(
                extra.score >= other.score
                for other in tight
                if other.predecessor == extra.predecessor and other.successor[0] == extra.successor[0]
            )


def test_candidate_retrieval_uses_the_inverted_index(tiny_seg):
    corpus = tiny_corpus()
    index = Index(corpus, tiny_settings(), tiny_seg)
    # only tasks of earlier plans that share a distinctive word are candidates
    assert set(index.candidates("b-1")) == {"a-1"}
    assert index.candidates("a-1") == {}


def _decision(successor: str, predecessor: str, decision: str = "confirm") -> Decision:
    return Decision(successor, predecessor, decision, "", 1, "strong")


def test_a_decided_line_brings_its_task_into_the_queue(tiny_seg):
    """c-2's best candidate in plan b is b-1; a decision ties b-1 to a-5, which shares no
    word with c-2. With line support a-5 is a candidate of c-2 in plan a, named with b-1
    (``via``) and ranked by its score plus the support; without it, it is not a candidate."""
    corpus = tiny_corpus()
    lines = decided_lines([_decision("b-1", "a-5"), _decision("b-2", "a-2", "related")])
    assert lines == {"b-1": frozenset({"a-5"}), "a-5": frozenset({"b-1"})}  # related ties no line

    def ranked(support: float) -> dict[str, list[tuple[str, str]]]:
        index = Index(corpus, dataclasses.replace(tiny_settings(), line_support=support), tiny_seg)
        found = ranked_candidates(index, "c-2", lines)
        return {plan: [(r.task, r.via) for r in found[plan]] for plan in found}

    assert ranked(0.0)["b"][0] == ("b-1", "") and "a-5" not in dict(ranked(0.0)["a"])
    assert ranked(0.2)["a"][0] == ("a-1", "") and ("a-5", "b-1") in ranked(0.2)["a"]
    assert ranked(10.0)["a"][0] == ("a-5", "b-1")  # the support outweighs any score
    assert ranked(10.0)["b"] == ranked(0.0)["b"]  # nothing ties a task of plan a to plan b


def test_a_line_outside_the_tasks_reach_gives_no_support(tiny_seg):
    """A decision tying c-2's best candidate to a task of c's own plan (or a later one) or to
    a task that is no better candidate of its plan does not reach the queue."""
    corpus = tiny_corpus()
    index = Index(corpus, dataclasses.replace(tiny_settings(), line_support=10.0), tiny_seg)
    lines = decided_lines([_decision("c-3", "b-1"), _decision("b-6", "a-4")])
    by_plan = {"b": {"b-1": 0.5, "b-6": 0.1}}
    assert line_support(index, "c-2", by_plan, lines) == {}  # c-3 is in c-2's plan; b-6 is not b's best


def test_settings_are_validated(tmp_path):
    bad = tmp_path / "lineage.yaml"
    bad.write_text(
        "weights: {title: -1, body: 1, headings: 1, policy_term: 1, boilerplate: 0,\n"
        "  title_share: 0.2, title_headings: 1, extra: 3}\n"
        "thresholds: {floor: 2, ratio: 0.5, per_plan: 1.5, min_shared: 1, distinctive_df: 0.1,\n"
        "  terms_shown: 3, reverse_ratio: 0, min_z: -1, extra_rank: 2}\n"
        "boilerplate: [加强, 加强]\nstopwords: []\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_settings(bad)
    text = str(caught.value)
    assert "lineage.yaml:1: weights.title: expected a number of at least 0, found the integer -1" in text
    assert "lineage.yaml:2: weights.extra: unknown field; expected one of body, boilerplate" in text
    assert "lineage.yaml:3: thresholds.floor: expected a number from 0 to 1, found the integer 2" in text
    assert "lineage.yaml:3: thresholds.per_plan: expected an integer of at least 1, found the number 1.5" in text
    assert "lineage.yaml:4: thresholds.min_z: expected a number of at least 0, found the integer -1" in text
    assert (
        'lineage.yaml:5: boilerplate: expected a list of distinct non-empty strings, found the string "加强" '
        "twice (first at line 5)"
    ) in text


def test_project_settings_load():
    s = load_settings(DATA / "lineage.yaml")
    assert {"加强", "推进", "完善", "建设", "信息化"} <= s.boilerplate
    assert 0 < s.floor < 1 and 0 < s.ratio <= 1
    assert s.min_z >= 0 and s.extra_rank >= 0


def test_heading_only_words_do_not_break_the_title_vectors(tiny_seg):
    # headings count in the title vector even when they are left out of the full vector
    corpus = tiny_corpus()
    assert auto_links(corpus, dataclasses.replace(tiny_settings(), headings=0.0), tiny_seg)


def test_plans_of_another_series_are_not_predecessors(tiny_seg):
    """Plans that run side by side (``series:``, a district's beside the city's) continue
    their own earlier plans, not each other: with b in a series of its own, no link joins b
    to a or c, and c still finds its predecessors in a."""
    plans = tiny_corpus().plans
    corpus = corpus_of(
        *(plan_of(dataclasses.replace(p.meta, series="区"), p.tasks) if p.id == "b" else p for p in plans)
    )
    lineage = Lineage.of(corpus, auto_links(corpus, tiny_settings(), tiny_seg))
    plan_of_task = {task.id: task.plan_id for task in corpus.tasks}
    pairs = {(plan_of_task[l.predecessor], plan_of_task[l.successor]) for l in lineage.links}
    assert pairs == {("a", "c")}
    assert preds(lineage, "c-2") == {"a-1"}  # b-1 was its predecessor; a-1 is the one in its series
