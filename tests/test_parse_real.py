"""Integration tests: the four real plans parse into the structure a reader sees in them."""

from __future__ import annotations

import pytest
from conftest import KNOWN_PLANS

from build_scripts.core.model import BlockKind, SectionRole, TaskForm
from build_scripts.core.paths import DATA
from build_scripts.ingest.corpus import load_corpus


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(DATA)


def test_plans_in_chronological_order(corpus):
    ids = [p.id for p in corpus.plans]
    assert [i for i in ids if i in KNOWN_PLANS] == KNOWN_PLANS
    starts = [p.meta.start_year for p in corpus.plans]
    assert starts == sorted(starts)


@pytest.mark.parametrize("plan_id, expected", [("p11", 69), ("wp2009", 20), ("p12", 34), ("p13", 42)])
def test_task_counts_per_plan(corpus, plan_id, expected):
    # Counted by reading the texts: p11 = 56 lead paragraphs in 第三部分 + 13 in 第四部分;
    # wp2009 = items （一）…（二十）; p12 = 15 subsections (四–七) + 11 in 八 + 8 in 九;
    # p13 = 37 lead paragraphs (二–六) + 5 items (七).
    assert len(corpus.plan(plan_id).tasks) == expected


def test_task_ids_are_unique_and_anchor_safe(corpus):
    ids = [t.id for t in corpus.tasks]
    assert len(ids) == len(set(ids))
    assert all(i.replace("-", "").isalnum() and i.isascii() for i in ids)


def test_p11_lead_paragraphs_under_three_levels(corpus):
    task = next(t for t in corpus.plan("p11").tasks if t.title == "加快智能交通建设步伐")
    assert task.id == "p11-3-2-2-4"
    assert task.form == TaskForm.LEAD
    assert task.headings == ("主要任务", "实施“信息强政”计划", "电子政务提高城市管理水平")
    assert task.text.startswith("加快智能交通建设步伐。以提高城市交通管理")


def test_p11_part_overview_paragraphs_are_not_tasks(corpus):
    titles = {t.title for t in corpus.plan("p11").tasks}
    assert "三大应用计划" not in titles  # overview of 第三部分, with a lead but not a task
    part3 = corpus.plan("p11").sections[3]
    assert part3.title == "主要任务" and part3.role == SectionRole.TASKS
    assert [b.text[:6] for b in part3.blocks][1] == "三大应用计划"


def test_wp2009_numbered_items_continue_across_chapters(corpus):
    plan = corpus.plan("wp2009")
    assert [t.id for t in plan.tasks][:6] == [
        "wp2009-1-1",
        "wp2009-1-2",
        "wp2009-1-3",
        "wp2009-1-4",
        "wp2009-2-5",
        "wp2009-2-6",
    ]
    assert plan.tasks[-1].id == "wp2009-6-20"
    assert plan.tasks[0].title == "推动信息产业做大做强，深化北京产业结构调整"
    kinds = [b.kind for b in plan.front]
    assert kinds[:4] == [BlockKind.NOTICE_TITLE, BlockKind.DOC_NUMBER, BlockKind.NOTICE_TITLE, BlockKind.ADDRESSEES]
    assert [b.kind for b in plan.back] == [BlockKind.CLOSING, BlockKind.DATE]
    assert plan.back[-1].text == "二○○九年二月十六日"


def test_p12_toc_is_recognised_not_duplicated(corpus):
    plan = corpus.plan("p12")
    toc = next(s for s in plan.sections if s.role == SectionRole.TOC)
    assert len(toc.blocks) == 46 and all(b.kind == BlockKind.TOC_ENTRY for b in toc.blocks)
    numbered = [s for s in plan.sections if s.number is not None]
    assert [s.number for s in numbered] == list(range(1, 10))


def test_p12_half_width_brackets_points_and_caption(corpus):
    plan = corpus.plan("p12")
    goals = plan.sections[4]  # 三、未来五年的发展目标
    guiding = goals.subsections[0]
    assert guiding.label == "(一)" and [s.label for s in guiding.subsections] == ["1、", "2、", "3、", "4、"]
    captions = [b for b in plan.all_blocks() if b.kind == BlockKind.CAPTION]
    assert [b.text for b in captions] == ["表1“十二五”时期信息化发展主要指标"]


def test_p12_chapter_eight_paragraphs_carry_their_own_leads(corpus):
    tasks = {t.id: t for t in corpus.plan("p12").tasks}
    assert tasks["p12-8-1-2"].title == "积极推进下一代广播电视网(NGB)建设"
    assert tasks["p12-8-1-5"].form == TaskForm.CLAUSE and tasks["p12-8-1-5"].title == "大力推动三网融合"
    assert tasks["p12-4-1"].form == TaskForm.SECTION
    assert tasks["p12-4-1"].title == "深化信息化和工业化融合，构建现代产业体系"
    assert tasks["p12-9-8"].role == SectionRole.SAFEGUARDS


def test_p13_notice_before_the_plan(corpus):
    plan = corpus.plan("p13")
    front = {b.kind: b.text for b in plan.front}
    assert front[BlockKind.DOC_NUMBER] == "京政发〔2016〕57号"
    assert front[BlockKind.SIGNATURE] == "北京市人民政府"
    assert front[BlockKind.DATE] == "2016年12月1日"
    assert front[BlockKind.ADDRESSEES].startswith("各区人民政府")
    assert plan.tasks[-1].id == "p13-7-5" and plan.tasks[-1].form == TaskForm.ITEM


def test_titles_have_no_label_or_closing_stop(corpus):
    for task in corpus.tasks:
        assert not task.title.endswith("。"), task.id
        assert not task.title.startswith(("（", "(")), task.id
        assert task.title and task.title in "".join(b.text for b in task.blocks), task.id
