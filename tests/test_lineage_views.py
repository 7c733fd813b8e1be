"""lineage_views: shared-phrase highlighting, policy lines, continuity and review lists,
on made-up texts and a tiny made-up lineage (no linker involved)."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts import export, urls
from build_scripts import lineage_views as lv
from build_scripts.link import AUTO, CURATED, DISCONTINUED, LABELS, NEW, SETTINGS, Lineage, Link
from build_scripts.model import (
    Block,
    BlockKind,
    Corpus,
    Numbering,
    ParagraphBreak,
    Plan,
    PlanKind,
    PlanMeta,
    Profile,
    SectionRole,
    SourceFile,
    Span,
    Task,
    TaskForm,
)
from build_scripts.schema import load_yaml

# ---------------------------------------------------------------- shared phrases

TAG = re.compile(r"<mark class=\"kept\">|</mark>")


def plain(markup: str) -> str:
    """The text content of highlighted markup: tags dropped, <br> back to a line break."""
    return html.unescape(TAG.sub("", markup).replace("<br>", "\n"))


# a small alphabet, so that random pairs share phrases; markup characters included
ALPHABET = "信息化建设推进电子政务网络<>&\"' a\n"
texts = st.text(alphabet=ALPHABET, max_size=80)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_highlighting_never_alters_the_text(a, b):
    for text, other in ((a, b), (b, a)):
        mask = lv.shared_mask(text, other)
        assert len(mask) == len(text)
        assert plain(lv.highlight_html(text, mask)) == text
        assert "".join(part for part, _ in lv.runs(text, mask)) == text


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_marked_characters_are_exactly_those_in_a_common_phrase(a, b):
    n = lv.MIN_PHRASE
    mask = lv.shared_mask(a, b)
    windows = [i for i in range(len(a) - n + 1) if "\n" not in a[i : i + n] and a[i : i + n] in b]
    covered = {j for i in windows for j in range(i, i + n)}
    assert {i for i, m in enumerate(mask) if m} == covered
    for part, shared in lv.runs(a, mask):  # every marked run is a phrase of at least n characters
        assert not shared or len(part) >= n


def test_shared_phrases_are_found_wherever_they_stand():
    earlier = "推进电子政务建设。完善网络设施。"
    later = "完善网络设施，推进电子政务。"
    mask = lv.shared_mask(later, earlier)
    marked = "".join(part for part, shared in lv.runs(later, mask) if shared)
    assert marked == "完善网络设施推进电子政务"  # both phrases, although their order changed
    assert lv.highlight_html("a<b>&c", [False] * 6) == "a&lt;b&gt;&amp;c"
    assert lv.highlight_html("电子政务", [True] * 4) == '<mark class="kept">电子政务</mark>'
    assert lv.share([True, True, False, False], "ab c") == pytest.approx(2 / 3)  # whitespace not counted
    assert lv.share([], "") == 0.0


def test_short_matches_and_line_breaks_are_not_marked():
    assert not any(lv.shared_mask("信息化", "信息化"))  # three characters: not a phrase
    assert not any(lv.shared_mask("电子\n政务", "电子\n政务"))  # no phrase across paragraphs


# ---------------------------------------------------------------- a tiny made-up lineage

PROFILE = Profile("t", ParagraphBreak.NEWLINE, (Numbering.CHAPTER,), Numbering.CHAPTER)
# plan id → (start, end, number of tasks); "w" lies inside the period of "a"
PLANS = {"a": (2001, 2005, 4), "w": (2003, 2003, 2), "b": (2006, 2010, 4), "c": (2011, 2015, 3)}


def make_corpus() -> Corpus:
    plans = []
    for plan_id, (start, end, count) in PLANS.items():
        meta = PlanMeta(
            plan_id,
            f"规划{plan_id}",
            f"规划{plan_id}",
            PlanKind.FIVE_YEAR,
            start,
            end,
            None,
            None,
            None,
            f"{plan_id}.txt",
            PROFILE,
            (1,),
            (),
            1,
        )
        tasks = tuple(
            Task(
                f"{plan_id}-{n}",
                plan_id,
                f"任务{plan_id}{n}",
                TaskForm.LEAD,
                None,
                (
                    Block(BlockKind.PARAGRAPH, f"建设电子政务{plan_id}{n}。", Span(0, 1, n)),
                    Block(BlockKind.PARAGRAPH, f"推进网络设施{n}。", Span(0, 1, n)),
                ),
                ("主要任务",),
                (f"{plan_id}-1",),
                SectionRole.TASKS,
            )
            for n in range(1, count + 1)
        )
        plans.append(Plan(meta, SourceFile(f"{plan_id}.txt", Path(f"{plan_id}.txt"), "", ""), tasks))
    return Corpus(plans=tuple(plans))


def link(pred: str, succ: str, score: float, origin: str = AUTO) -> Link:
    return Link(pred, succ, score, ("电子政务",), origin, "人工确认" if origin == CURATED else "")


# a diamond a-1 → b-1, b-2 → c-1 (two paths to c-1), a merge into b-3, w in between
LINKS = (
    link("a-1", "w-1", 0.30),
    link("a-1", "b-1", 0.40),
    link("a-1", "b-2", 0.20),
    link("w-1", "b-1", 0.25),
    link("a-2", "b-3", 0.50),
    link("a-3", "b-3", 0.48),  # a close call: 0.48 / 0.50 = 0.96
    link("b-1", "c-1", 0.35),
    link("b-2", "c-1", 0.10),
    link("b-3", "c-2", 0.05, CURATED),
)


@pytest.fixture(scope="module")
def tiny() -> Lineage:
    corpus = make_corpus()
    return Lineage(corpus, LINKS)


def test_closure_is_ordered_unique_and_complete(tiny):
    assert lv.closure(tiny, "c-1", forward=False) == ["a-1", "w-1", "b-1", "b-2"]  # corpus order, a-1 once
    assert lv.closure(tiny, "a-1", forward=True) == ["w-1", "b-1", "b-2", "c-1"]
    assert lv.closure(tiny, "b-1", forward=True) == ["c-1"]
    assert lv.closure(tiny, "a-4", forward=True) == [] and not lv.has_line(tiny, "a-4")


def test_closure_is_bounded_even_on_a_cycle():
    corpus = make_corpus()
    cyclic = Lineage(corpus, (link("a-1", "b-1", 0.5), link("b-1", "a-1", 0.5), link("b-1", "c-1", 0.5)))
    assert lv.closure(cyclic, "a-1", forward=True) == ["b-1", "c-1"]  # never the start, each task once


def test_policy_line_lays_out_every_plan_in_order(tiny):
    line = lv.policy_line(tiny, "b-1")
    assert [plan.id for plan, _ in line.columns] == ["a", "w", "b", "c"]
    roles = {node.task.id: node.role for node in line.nodes}
    assert roles == {"a-1": "ancestor", "w-1": "ancestor", "b-1": "focus", "c-1": "descendant"}
    after = {node.task.id: node.after for node in line.nodes}
    assert after["b-1"] == ("a-1", "w-1") and after["c-1"] == ("b-1",)  # b-2 is not on b-1's line
    for plan, nodes in line.columns:
        assert all(node.task.plan_id == plan.id for node in nodes)
    ids = [node.task.id for node in line.nodes]
    assert len(ids) == len(set(ids))


def test_policy_line_is_bounded_to_the_window_of_its_plan(tiny):
    """Only plans that started at most ``years`` before or after the task's plan: b (2006)
    with 4 years keeps w (2003) and b, not a (2001) or c (2011); where the line goes on,
    the first tasks beyond the window are named."""
    line = lv.policy_line(tiny, "b-1", 4)
    assert [plan.id for plan, _ in line.columns] == ["w", "b"]
    assert {node.task.id: node.role for node in line.nodes} == {"w-1": "ancestor", "b-1": "focus"}
    assert line.beyond_earlier == ("a-1",) and line.beyond_later == ("c-1",) and line.continues
    assert dict((n.task.id, n.after) for n in line.nodes)["b-1"] == ("w-1",)  # a-1 is not shown
    whole = lv.policy_line(tiny, "b-1", 10)  # a window holding every plan: the whole closure
    assert whole.columns == lv.policy_line(tiny, "b-1").columns and not whole.continues
    assert lv.closure(tiny, "c-1", False, frozenset({"b", "c"})) == ["b-1", "b-2"]  # never enters a or w


def test_task_page_says_where_the_line_continues(tiny):
    """The rendered page: a task beyond the window is not on the line, the note links the
    first tasks beyond it to their own lines (the pages MkDocs validates)."""
    from build_scripts.model import Section
    from build_scripts.render import Site
    from build_scripts.render_lineage import task_page
    from build_scripts.urls import SiteMap

    def sectioned(plan: Plan) -> Plan:
        heading = Block(BlockKind.HEADING, "一、主要任务", Span(0, 1, 1))
        section = Section(
            f"{plan.id}-1", 1, Numbering.CHAPTER, 1, "一、", "主要任务", heading, SectionRole.TASKS, None, plan.content
        )
        return Plan(plan.meta, plan.source, (section,))

    corpus = Corpus(plans=tuple(sectioned(p) for p in make_corpus().plans))
    lineage = Lineage(corpus, LINKS)
    bounded = task_page(Site(corpus, SiteMap(corpus), lineage=lineage, line_years=4), corpus.plan("b").tasks[0])
    line = bounded[bounded.index("## 政策脉络") : bounded.index("## 与前序任务对照")]
    assert 'id="pl-w-1"' in line and 'id="pl-a-1"' not in line and 'id="pl-c-1"' not in line
    assert (
        "line-continues" in line
        and '<a href="../a-1/#line">a-1</a>' in line
        and '<a href="../c-1/#line">c-1</a>' in line
    )
    assert "前后 4 年" in bounded
    whole = task_page(Site(corpus, SiteMap(corpus), lineage=lineage, line_years=20), corpus.plan("b").tasks[0])
    assert 'id="pl-a-1"' in whole and 'id="pl-c-1"' in whole and "line-continues" not in whole
    assert "一直上溯到最早的规划" in whole


def test_continuity_counts_agree_with_the_labels(tiny):
    total: Counter = Counter()
    for plan in tiny.corpus.plans:
        c = lv.continuity(tiny, plan)
        for label in LABELS:
            assert c.counts[label] == sum(label in tiny.labels(t.id) for t in plan.tasks)
        assert list(c.new) == [t for t in plan.tasks if NEW in tiny.labels(t.id)]
        assert all(DISCONTINUED in tiny.labels(t.id) for t in c.dropped)
        total.update(c.counts)
    assert dict(total) == tiny.label_counts()


def test_continuity_of_each_plan(tiny):
    first, w, b, c = (lv.continuity(tiny, p) for p in tiny.corpus.plans)
    assert first.first and not first.earlier and not first.previous
    assert first.following.id == "b"  # a's next plan is b, not w inside its period
    assert w.previous == ()  # no plan has w as its next plan
    assert [p.id for p in b.previous] == ["a", "w"]
    assert [t.id for t in b.dropped] == ["a-4", "w-2"]  # without successor in b
    assert [t.id for t in b.new] == ["b-4"]
    from_a = b.earlier[0]
    assert (from_a.plan.id, from_a.links, from_a.continued, from_a.continuing) == ("a", 4, 3, 3)
    assert c.following is None and [t.id for t in c.dropped] == ["b-4"]


def test_pair_matrix_and_applicable_labels(tiny):
    columns, rows = lv.pair_matrix(tiny)
    assert [p.id for p in columns] == ["w", "b", "c"]
    assert [(row.id, cells) for row, cells in rows] == [("a", [1, 4, 0]), ("w", [None, 1, 0]), ("b", [None, None, 3])]
    a, w, b, c = tiny.corpus.plans
    assert not lv.applicable(tiny, a, "新增") and lv.applicable(tiny, a, "拆分")
    assert not lv.applicable(tiny, c, "拆分") and not lv.applicable(tiny, c, "未延续")


def test_review_progress_and_decisions_per_pair(tiny):
    import dataclasses

    from build_scripts.link import ADDED, CONFIRMED, RELATED_REVIEW, NoPredecessor

    progress = lv.review_progress(tiny)  # nothing reviewed but the one curated link (not marked)
    assert (progress.published, progress.reviewed, len(progress.left)) == (9, 0, 9)
    # later tasks × earlier plans: w 2×1, b 4×2, c 3×3
    assert (progress.pairs, progress.pairs_reviewed) == (19, 0)
    reviewed = tuple(
        dataclasses.replace(l, review=CONFIRMED if l.origin == AUTO else ADDED, note="审定。") for l in LINKS
    )
    related = (dataclasses.replace(link("a-4", "b-4", 0.1), review=RELATED_REVIEW, note="相关。"),)
    rejected = (dataclasses.replace(link("a-2", "c-3", 0.2), note="只共享套话。"),)
    done = Lineage(tiny.corpus, reviewed, (NoPredecessor("c-3", "b", "无。"),), related, rejected)
    progress = lv.review_progress(done)
    assert (progress.published, progress.reviewed, progress.left) == (9, 9, ())
    left = {(t.id, p.id) for t, p in progress.pairs_left}
    assert ("c-3", "a") not in left and ("c-3", "b") not in left and ("b-4", "a") not in left
    assert ("c-3", "w") in left and ("w-2", "a") in left
    rows = {(r.earlier.id, r.later.id): r for r in lv.review_by_pair(done)}
    assert list(rows) == [("a", "w"), ("a", "b"), ("w", "b"), ("a", "c"), ("w", "c"), ("b", "c")]
    ab = rows[("a", "b")]
    assert (ab.confirmed, ab.added, ab.rejected, ab.related, ab.none) == (4, 0, 0, 1, 0)
    bc = rows[("b", "c")]
    assert (bc.confirmed, bc.added, bc.rejected, bc.related, bc.none) == (2, 1, 0, 0, 1)
    assert rows[("a", "c")].rejected == 1
    assert [t.id for t in lv.unlinked(tiny)] == ["a-4", "w-2", "b-4", "c-3"]


def test_labels_name_their_plans(tiny):
    tasks = {t.id: t for t in tiny.corpus.tasks}
    texts = lambda task_id: [v.text for v in lv.label_views(tiny, tasks[task_id])]
    assert texts("b-3") == ["延续自规划a", "合并（规划a中有多项前序）"]
    assert texts("a-4") == ["在规划b未延续"]  # the 2003 work points are not a's next plan
    assert texts("a-1") == ["拆分（规划b中有多项后续）"]
    assert texts("c-1") == ["延续自规划b", "合并（规划b中有多项前序）"]
    assert [v.meaning for v in lv.label_views(tiny, tasks["a-4"])] == [lv.LABEL_MEANINGS_ZH[DISCONTINUED]]


def test_compare_keeps_each_paragraph(tiny):
    tasks = {t.id: t for t in tiny.corpus.tasks}
    c = lv.compare(tasks["a-1"], tasks["b-1"])
    assert [p.text for p in c.earlier.paragraphs] == [b.text for b in tasks["a-1"].body]
    assert [plain(p.html) for p in c.later.paragraphs] == [b.text for b in tasks["b-1"].body]
    assert '<mark class="kept">建设电子政务</mark>' in c.later.paragraphs[0].html
    assert 0 < c.later.share < 1


# ---------------------------------------------------------------- documentation helpers


def test_every_tunable_and_csv_column_is_explained():
    raw = load_yaml(SETTINGS)
    keys = {(g, k) for g in ("weights", "thresholds", "evidence") for k in raw[g] if k != "__line__"}
    rows = lv.settings_rows()
    assert {(g, k) for g, k, _, _ in rows} == keys
    assert set(export.CSV_HEADER) <= set(lv.CSV_MEANINGS)


def test_links_to_data_files_are_relative_to_the_page_url():
    assert urls.html_file("about.md", "data/tasks.json") == "../data/tasks.json"
    assert urls.html_file("index.md", "data/links.csv") == "data/links.csv"
    assert urls.html_file("lineage/p13-2-1-1.md", "data/tasks.json") == "../../data/tasks.json"
