"""Task ids are readable, deterministic and do not move when unrelated text changes."""

from __future__ import annotations

from pathlib import Path

from datadir import SMALL_PLAN
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.core.model import Numbering, ParagraphBreak, PlanKind, PlanMeta, Profile, SourceFile
from build_scripts.core.paths import DATA
from build_scripts.ingest.corpus import load_corpus
from build_scripts.ingest.parse import parse_plan

PROFILE = Profile(
    "lined", ParagraphBreak.NEWLINE, (Numbering.CHAPTER, Numbering.SECTION, Numbering.POINT), Numbering.CHAPTER
)
META = PlanMeta("t1", "测试", "测试", PlanKind.FIVE_YEAR, 2001, 2005, None, None, None, "t.txt", PROFILE, (2,), (), 1)


def ids_of(text: str) -> dict[str, str]:
    plan = parse_plan(META, SourceFile("t.txt", Path("t.txt"), "", text))
    return {t.title: t.id for t in plan.tasks}


def test_same_input_same_ids():
    assert [t.id for t in load_corpus(DATA).tasks] == [t.id for t in load_corpus(DATA).tasks]


def test_small_plan_ids_follow_printed_numbers():
    assert ids_of(SMALL_PLAN) == {
        "加快宽带网络建设": "t1-2-1-1",
        "推进物联网应用": "t1-2-1-2",
        "完善公共服务": "t1-2-2",
    }


# Text without any of the characters that carry structure: numbering, 。, brackets, quotes.
plain = st.text(alphabet=st.sampled_from("信息化建设推动城市管理服务数据网络平台完善提升，、"), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(extra=st.lists(plain, min_size=1, max_size=4), where=st.sampled_from(["context", "chapter-intro"]))
def test_ids_do_not_change_when_an_unrelated_paragraph_is_added(extra, where):
    anchor = "坚持统筹规划，推进信息化发展。\n" if where == "context" else "二、主要任务\n"
    added = "".join(e + "。\n" if where == "context" else e + "\n" for e in extra)
    changed = SMALL_PLAN.replace(anchor, anchor + added, 1)
    assert ids_of(changed) == ids_of(SMALL_PLAN)
