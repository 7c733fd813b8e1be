"""lineage_views: shared-phrase highlighting, policy lines, continuity and review lists,
on made-up texts and a tiny made-up lineage (no linker involved)."""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import replace

import pytest
from factories import corpus_of, lead_task, meta, plan_of
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.core.model import Block, BlockKind, Corpus, Numbering, Plan, SectionRole, Span, Task
from build_scripts.core.paths import DATA
from build_scripts.core.schema import load_yaml
from build_scripts.language.segment import load_dictionary
from build_scripts.lineage.evidence import Evidence, TextSpan
from build_scripts.lineage.graph import (
    ADDED,
    AUTO,
    DISCONTINUED,
    LABELS,
    NEW,
    PREDECESSOR,
    RELATED,
    RELATED_REVIEW,
    SUCCESSOR,
    WEAK,
    Lineage,
    Link,
)
from build_scripts.website import export, labels, urls
from build_scripts.website.lineage_views import compare, continuity, lines, review, settings_rows, told

# ---------------------------------------------------------------- compare view

TAG = re.compile(r"<[^>]*>")


def plain(paragraphs: list[str]) -> str:
    """The text content of marked paragraphs: tags dropped, entities resolved, paragraphs
    joined by line breaks (each is one ``<p>`` on the page)."""
    return "\n".join(html.unescape(TAG.sub("", p)) for p in paragraphs)


def render_marked(paragraphs, kind: str) -> list[str]:
    """The paragraphs exactly as the page template marks them (``_compare.md.j2``)."""
    from build_scripts.website.templating import ENV

    macro = ENV.get_template("_compare.md.j2").make_module({"site": None, "page": ""}).marked
    return [str(macro(runs, kind)) for runs in paragraphs]


def words_of(text: str) -> list[str]:
    """A made-up word cut: runs of letters of a small vocabulary, else single characters."""
    return re.findall(r"电子政务|网络|建设|推进|信息化|.|\n", text, re.S)


@functools.lru_cache(maxsize=1)
def policy_segmenter():
    from build_scripts.language.segment import segmenter

    return segmenter(load_dictionary(DATA / "terms.yaml"))


def side_task(task_id: str, title: str, text: str) -> Task:
    return lead_task(task_id, title, *text.split("\n"))


# a small alphabet, so that random pairs share words; markup characters and line breaks included
ALPHABET = "信息化建设推进电子政务网络<>&\"' a\n\r"
texts = st.text(alphabet=ALPHABET, max_size=80)
spans = st.lists(st.tuples(st.sampled_from(("text", "title")), st.integers(-2, 90), st.integers(-2, 90)), max_size=3)
titles = st.sampled_from(("电子政务", "建设<网络>", ""))


@settings(max_examples=200, deadline=None)
@given(texts, texts, spans, spans, titles, st.booleans())
def test_the_marked_up_view_gives_back_both_texts_exactly(a, b, ev_a, ev_b, title, policy_words):
    """Strip the marks, unescape: both verbatim texts, whatever they hold (<, &, quotes,
    line breaks, carriage returns), with evidence anywhere (text or title, printed in the
    text or not), and with the project's jieba; the title line too, when it is shown."""
    cut = policy_segmenter().tokens if policy_words else words_of
    earlier, later = side_task("a-1", title, a), side_task("b-1", title, b)
    links = (
        Link(
            "a-1",
            "b-1",
            0.5,
            (),
            evidence=tuple(
                Evidence(TextSpan(y[0], *sorted(y[1:])), TextSpan(x[0], *sorted(x[1:])))
                for x, y in zip(ev_a, ev_b, strict=False)
            ),
        ),
    )
    c = compare.compare(earlier, later, cut, links)
    assert plain(render_marked(c.earlier.paragraphs, "del")) == a
    assert plain(render_marked(c.later.paragraphs, "ins")) == b
    for side in (c.earlier, c.later):
        assert not side.title or plain(render_marked([side.title], "del")) == title
    assert "".join(r.text for p in c.later.paragraphs for r in p) == b.replace("\n", "")


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_marks_fall_on_word_boundaries_and_only_unkept_words_are_marked(a, b):
    changed_a, changed_b = compare.changed_masks(a, b, words_of)
    for text, changed in ((a, changed_a), (b, changed_b)):
        bounds = set(compare._starts(tuple(words_of(text))))
        for i in range(1, len(text)):
            if changed[i] != changed[i - 1]:
                assert i in bounds  # a mark never starts or ends inside a word
    kept_a = [
        w for w, s in zip(words_of(a), compare._starts(tuple(words_of(a))), strict=False) if w and not changed_a[s]
    ]
    kept_b = [
        w for w, s in zip(words_of(b), compare._starts(tuple(words_of(b))), strict=False) if w and not changed_b[s]
    ]
    assert kept_a == kept_b  # what is not marked is a common subsequence of words


def test_insertions_and_deletions_are_whole_words():
    earlier = side_task("a-1", "推进电子政务", "推进电子政务建设。\n完善<网络>&设施。")
    later = side_task("b-1", "推进电子政务", "推进电子政务网络建设。\n完善<网络>&设施。")
    c = compare.compare(earlier, later, words_of)
    assert render_marked(c.later.paragraphs, "ins") == [
        "推进电子政务<ins>网络</ins>建设。",
        "完善&lt;网络&gt;&amp;设施。",
    ]
    assert render_marked(c.earlier.paragraphs, "del") == ["推进电子政务建设。", "完善&lt;网络&gt;&amp;设施。"]
    assert c.earlier.share == 1.0 and c.later.share < 1.0 and not c.direct
    jieba = compare.compare(
        side_task("a-1", "", "加强电子政务建设"), side_task("b-1", "", "推进电子政务建设"), policy_segmenter().tokens
    )
    assert render_marked(jieba.later.paragraphs, "ins") == ["<ins>推进</ins>电子政务建设"]  # 电子政务 is one word


def test_evidence_is_marked_on_both_sides_and_title_spans_are_placed():
    earlier = side_task("a-1", "建设政务网", "建设政务网。推进网络安全。")
    later = side_task("b-1", "政务云", "推进网络安全。建设政务云。")
    link = Link(
        "a-1",
        "b-1",
        0.5,
        (),
        evidence=(
            Evidence(TextSpan("text", 0, 7), TextSpan("text", 6, 13)),
            Evidence(TextSpan("title", 0, 3), TextSpan("title", 0, 5)),
        ),
    )
    c = compare.compare(earlier, later, words_of, (link,))
    assert c.direct and c.earlier.evidence == 2 and c.later.evidence == 2

    def evidence(side):
        return ["".join(r.text for r in p if r.evidence) for p in side.paragraphs]

    assert evidence(c.later) == ["推进网络安全。政务云"]  # the title is printed in the text: marked there
    assert evidence(c.earlier) == ["建设政务网推进网络安全。"]
    assert c.earlier.title == () == c.later.title
    overlong = Link("a-1", "b-1", 0.5, (), evidence=(Evidence(TextSpan("title", 0, 99), TextSpan("title", -3, 99)),))
    spans = compare.compare(earlier, later, words_of, (overlong,))
    assert evidence(spans.earlier) == ["建设政务网"] and evidence(spans.later) == [
        "政务云"
    ]  # no further than the title
    assert render_marked(c.earlier.paragraphs, "del")[0].startswith(
        '<mark class="evidence"><del>建设政务网</del></mark>'
    )
    apart = compare.compare(side_task("a-1", "政务外网<工程>", "推进建设。"), later, words_of, (link,))
    assert "".join(r.text for r in apart.earlier.title if r.evidence) == "政务外网<"  # not printed: shown apart
    assert "".join(r.text for r in apart.earlier.title) == "政务外网<工程>"
    assert render_marked([apart.earlier.title], "del") == ['<mark class="evidence">政务外网&lt;</mark>工程&gt;']


def test_new_and_dropped_terms_use_the_glossary_matching():
    from build_scripts.language.annotate import annotate
    from build_scripts.language.terms import Term, TermCategory

    corpus = make_corpus()
    category = next(iter(TermCategory))
    terms = (
        Term("a1", "政务a1", category, (), "说明", False, 1),
        Term("b1", "政务b1", category, (), "说明", False, 2),
        Term("net", "网络设施", category, (), "说明", False, 3),
    )
    annotations = annotate(corpus, terms)
    a1, b1 = corpus.plan("a").tasks[0], corpus.plan("b").tasks[0]
    c = compare.compare(a1, b1, words_of, (), annotations)
    assert [t.id for t in c.dropped_terms] == ["a1"] and [t.id for t in c.new_terms] == ["b1"]  # 网络设施 in both
    back = compare.compare(b1, a1, words_of, (), annotations)
    assert [t.id for t in back.new_terms] == ["a1"] and [t.id for t in back.dropped_terms] == ["b1"]
    assert compare.compare(a1, b1, words_of).new_terms == ()  # without annotations: no term lists


# ---------------------------------------------------------------- a tiny made-up lineage

# plan id → (start, end, number of tasks); "w" lies inside the period of "a"
PLANS = {"a": (2001, 2005, 4), "w": (2003, 2003, 2), "b": (2006, 2010, 4), "c": (2011, 2015, 3)}


def make_corpus() -> Corpus:
    plans = []
    for plan_id, (start, end, count) in PLANS.items():
        tasks = [
            lead_task(
                f"{plan_id}-{n}",
                f"任务{plan_id}{n}",
                f"建设电子政务{plan_id}{n}。",
                f"推进网络设施{n}。",
                headings=("主要任务",),
                section_keys=(f"{plan_id}-1",),
                line=n,
            )
            for n in range(1, count + 1)
        ]
        plans.append(plan_of(meta(plan_id, start, end), tasks))
    return corpus_of(*plans)


def link(pred: str, succ: str, score: float, origin: str = AUTO) -> Link:
    return Link(pred, succ, score, ("电子政务",), origin, "人工确认" if origin != AUTO else "")


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
    link("b-3", "c-2", 0.05, ADDED),
)


@pytest.fixture(scope="module")
def tiny() -> Lineage:
    corpus = make_corpus()
    return Lineage.of(corpus, LINKS)


def test_closure_is_ordered_unique_and_complete(tiny):
    assert lines.closure(tiny, "c-1", forward=False) == ["a-1", "w-1", "b-1", "b-2"]  # corpus order, a-1 once
    assert lines.closure(tiny, "a-1", forward=True) == ["w-1", "b-1", "b-2", "c-1"]
    assert lines.closure(tiny, "b-1", forward=True) == ["c-1"]
    assert lines.closure(tiny, "a-4", forward=True) == [] and not lines.has_line(tiny, "a-4")


def test_closure_is_bounded_even_on_a_cycle():
    corpus = make_corpus()
    cyclic = Lineage.of(corpus, (link("a-1", "b-1", 0.5), link("b-1", "c-1", 0.5), link("c-1", "a-1", 0.5)))
    assert lines.closure(cyclic, "a-1", forward=True) == ["b-1", "c-1"]  # never the start, each task once


def test_policy_line_lays_out_every_plan_in_order(tiny):
    line = lines.policy_line(tiny, "b-1")
    assert [plan.id for plan, _ in line.columns] == ["a", "w", "b", "c"]
    roles = {node.task.id: node.role for node in line.nodes}
    assert roles == {"a-1": "ancestor", "w-1": "ancestor", "b-1": "focus", "c-1": "descendant"}
    after = {node.task.id: tuple(e.earlier for e in node.after) for node in line.nodes}
    assert after["b-1"] == ("a-1", "w-1") and after["c-1"] == ("b-1",)  # b-2 is not on b-1's line
    assert all(e.later == node.task.id for node in line.nodes for e in node.after)
    for plan, nodes in line.columns:
        assert all(node.task.plan_id == plan.id for node in nodes)
    ids = [node.task.id for node in line.nodes]
    assert len(ids) == len(set(ids))


def test_a_line_leaves_out_plans_of_another_series_that_hold_none_of_its_tasks():
    """w in a series of its own (a district's plan beside the city's): a line with no task
    of w has no w column, a line through w keeps it; the review pairs w with nothing."""
    corpus = make_corpus()
    apart = corpus_of(*(plan_of(replace(p.meta, series="区"), p.tasks) if p.id == "w" else p for p in corpus.plans))
    lineage = Lineage.of(apart, LINKS)
    assert [plan.id for plan, _ in lines.policy_line(lineage, "b-3").columns] == ["a", "b", "c"]
    assert [plan.id for plan, _ in lines.policy_line(lineage, "b-1").columns] == ["a", "w", "b", "c"]  # w-1 is on it
    pairs = {(task.plan_id, plan.id) for task, plan in review.review_progress(lineage).pairs_left}
    assert pairs == {("b", "a"), ("c", "a"), ("c", "b")}


def test_policy_line_is_bounded_to_the_window_of_its_plan(tiny):
    """Only plans that started at most ``years`` before or after the task's plan: b (2006)
    with 4 years keeps w (2003) and b, not a (2001) or c (2011); where the line goes on,
    the first tasks beyond the window are named."""
    line = lines.policy_line(tiny, "b-1", 4)
    assert [plan.id for plan, _ in line.columns] == ["w", "b"]
    assert {node.task.id: node.role for node in line.nodes} == {"w-1": "ancestor", "b-1": "focus"}
    assert line.beyond_earlier == ("a-1",) and line.beyond_later == ("c-1",) and line.continues
    assert [e.earlier for e in {n.task.id: n.after for n in line.nodes}["b-1"]] == ["w-1"]  # a-1 is not shown
    whole = lines.policy_line(tiny, "b-1", 10)  # a window holding every plan: the whole closure
    assert whole.columns == lines.policy_line(tiny, "b-1").columns and not whole.continues
    assert lines.closure(tiny, "c-1", False, frozenset({"b", "c"})) == ["b-1", "b-2"]  # never enters a or w


def test_every_relation_of_a_task_is_on_its_line_marked_direct_with_its_kind(tiny):
    """The focus's own relations (predecessors, successors, related pairs) are the line's
    direct nodes; tasks reached through them are not direct; a related pair is a node of
    its own role with a RELATED edge, and gives a page to a task with no link."""
    related = (replace(link("a-4", "b-2", 0.1, ADDED), origin=RELATED_REVIEW),)
    lineage = Lineage.of(make_corpus(), LINKS, related=related)
    line = lines.policy_line(lineage, "b-2")
    nodes = {n.task.id: n for n in line.nodes}
    assert {i: (n.role, n.direct) for i, n in nodes.items()} == {
        "a-1": ("ancestor", True),
        "a-4": ("related", True),
        "b-2": ("focus", True),
        "c-1": ("descendant", True),
    }
    assert [(e.earlier, e.kind) for e in nodes["b-2"].after] == [("a-1", WEAK), ("a-4", RELATED)]
    assert {(r.other, r.role) for r in lineage.relations("b-2")} == {
        ("a-1", PREDECESSOR),
        ("c-1", SUCCESSOR),
        ("a-4", RELATED),
    }
    assert lines.has_line(lineage, "a-4") and [n.task.id for n in lines.policy_line(lineage, "a-4").nodes] == [
        "a-4",
        "b-2",
    ]
    far = {n.task.id: n.direct for n in lines.policy_line(tiny, "c-1").nodes}
    assert far == {"a-1": False, "w-1": False, "b-1": True, "b-2": True, "c-1": True}


def test_a_pair_has_one_relation():
    twice = (link("a-1", "b-1", 0.4),)
    with pytest.raises(ValueError, match="a-1 and b-1"):
        Lineage.of(make_corpus(), twice, related=(replace(twice[0], origin=RELATED_REVIEW),))


def sectioned_corpus() -> Corpus:
    """The tiny corpus with each plan's tasks in one chapter (pages need sections)."""
    from build_scripts.core.model import Section

    def sectioned(plan: Plan) -> Plan:
        heading = Block(BlockKind.HEADING, "一、主要任务", Span(0, 1, 1))
        section = Section(
            f"{plan.id}-1", 1, Numbering.CHAPTER, 1, "一、", "主要任务", heading, SectionRole.TASKS, None, plan.content
        )
        return Plan(plan.meta, plan.source, (section,))

    return Corpus(plans=tuple(sectioned(p) for p in make_corpus().plans))


def test_task_pages_show_evidence_review_and_direct_pairs_rendered_once_on_both_pages():
    """Link fields filled in (evidence, strength, review): marked and stated; empty: not.
    The earliest task's page has its comparisons; a pair reads the same on both pages."""
    from dataclasses import replace

    from build_scripts.lineage.graph import CONFIRMED, STRONG
    from build_scripts.website.load import make_site
    from build_scripts.website.pages.lineage import task_page
    from build_scripts.website.urls import SiteMap

    corpus = sectioned_corpus()
    reviewed = replace(
        LINKS[1],
        strength=STRONG,
        origin=CONFIRMED,
        note="两者都建设电子政务。",  # a-1 → b-1
        evidence=(Evidence(TextSpan("text", 0, 9), TextSpan("text", 0, 9), ("电子政务",)),),
    )
    lineage = Lineage.of(corpus, (LINKS[0], reviewed) + LINKS[2:])
    site = make_site(corpus, SiteMap(corpus), lineage=lineage, line_years=20)
    first = task_page(site, corpus.plan("a").tasks[0])
    later = task_page(site, corpus.plan("b").tasks[0])
    block = later[later.index('<div class="compare-meta">') :]
    block = block[: block.index("<!-- /html-block -->")]
    assert block in first  # the a-1 / b-1 pair, identical on both pages
    assert '<mark class="evidence">建设电子政务<del>a1</del>。</mark>' in block  # one mark around the clause
    assert '<mark class="evidence">建设电子政务<ins>b1</ins>。</mark>' in block  # jieba: a1, b1 are words
    assert "证据 1 处条款（强" in block and "编者已审定：确认" in block and "编者按：两者都建设电子政务。" in block
    assert first.count('<div class="compare">') == 3 and "compare-more" not in first  # its direct successors
    for anchor in ("vs-w-1", "vs-b-1", "vs-b-2"):
        assert f"{{: #{anchor} }}" in first
    assert "(c-1.md#vs-a-1)" in first  # c-1, reached through b-1 / b-2: compared on c-1's page
    last = task_page(site, corpus.plan("c").tasks[0])
    assert last.count('<div class="compare">') == 2 and last.count('class="compare-more"') == 2  # a-1, w-1 folded
    assert 'data-earlier="../compare/a-1.json" data-later="../compare/c-1.json"' in last  # computed when opened
    assert "{: #vs-a-1 }" in last  # the latest task against the earliest
    plain_pair = later[later.index("{: #vs-w-1 }") :]
    plain_pair = plain_pair[: plain_pair.index("<!-- /html-block -->")]
    assert "evidence" not in plain_pair and "编者" not in plain_pair and "证据" not in plain_pair  # fields empty


def test_task_page_says_where_the_line_continues(tiny):
    """The rendered page: a task beyond the window is not on the line, the note links the
    first tasks beyond it to their own lines (the pages MkDocs validates)."""
    from build_scripts.website.load import make_site
    from build_scripts.website.pages.lineage import task_page
    from build_scripts.website.urls import SiteMap

    corpus = sectioned_corpus()
    lineage = Lineage.of(corpus, LINKS)
    bounded = task_page(make_site(corpus, SiteMap(corpus), lineage=lineage, line_years=4), corpus.plan("b").tasks[0])
    line = bounded[bounded.index("## 政策脉络") : bounded.index("## 对照")]
    assert 'id="pl-w-1"' in line and 'id="pl-a-1"' not in line and 'id="pl-c-1"' not in line
    assert (
        "line-continues" in line
        and '<a href="../a-1/#line">a-1</a>' in line
        and '<a href="../c-1/#line">c-1</a>' in line
    )
    assert "前后 4 年" in bounded
    whole = task_page(make_site(corpus, SiteMap(corpus), lineage=lineage, line_years=20), corpus.plan("b").tasks[0])
    assert 'id="pl-a-1"' in whole and 'id="pl-c-1"' in whole and "line-continues" not in whole
    assert "一直上溯到最早的规划" in whole


def test_continuity_counts_agree_with_the_labels(tiny):
    total: Counter = Counter()
    for plan in tiny.corpus.plans:
        c = continuity.continuity(tiny, plan)
        for label in LABELS:
            assert c.counts[label] == sum(label in tiny.labels(t.id) for t in plan.tasks)
        assert list(c.new) == [t for t in plan.tasks if NEW in tiny.labels(t.id)]
        assert all(DISCONTINUED in tiny.labels(t.id) for t in c.dropped)
        total.update(c.counts)
    assert dict(total) == tiny.label_counts()


def test_continuity_of_each_plan(tiny):
    first, w, b, c = (continuity.continuity(tiny, p) for p in tiny.corpus.plans)
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
    (block,), across = continuity.matrix_blocks(tiny)
    assert [p.id for p in block.columns] == ["w", "b", "c"] and not across
    assert [(row.id, cells) for row, cells in block.rows] == [
        ("a", (1, 4, 0)),
        ("w", (None, 1, 0)),
        ("b", (None, None, 3)),
    ]
    a, _, _, c = tiny.corpus.plans
    assert not continuity.applicable(tiny, a, "新增") and continuity.applicable(tiny, a, "拆分")
    assert not continuity.applicable(tiny, c, "拆分") and not continuity.applicable(tiny, c, "未延续")


def test_review_progress_and_decisions_per_pair(tiny):
    import dataclasses

    from build_scripts.lineage.graph import ADDED, CONFIRMED, RELATED_REVIEW, NoPredecessor

    progress = review.review_progress(tiny)  # nothing reviewed but the one link an editor added
    assert (progress.published, progress.reviewed, len(progress.left)) == (9, 1, 8)
    # later tasks × earlier plans: w 2×1, b 4×2, c 3×3
    assert (progress.pairs, progress.pairs_reviewed) == (19, 1)  # c-2 × b: the added link
    reviewed = tuple(
        dataclasses.replace(l, origin=CONFIRMED if l.origin == AUTO else ADDED, note="审定。") for l in LINKS
    )
    related = (dataclasses.replace(link("a-4", "b-4", 0.1), origin=RELATED_REVIEW, note="相关。"),)
    rejected = (dataclasses.replace(link("a-2", "c-3", 0.2), note="只共享套话。"),)
    done = Lineage.of(tiny.corpus, reviewed, (NoPredecessor("c-3", "b", "无。"),), related, rejected)
    progress = review.review_progress(done)
    assert (progress.published, progress.reviewed, progress.left) == (9, 9, ())
    left = {(t.id, p.id) for t, p in progress.pairs_left}
    assert ("c-3", "a") not in left and ("c-3", "b") not in left and ("b-4", "a") not in left
    assert ("c-3", "w") in left and ("w-2", "a") in left
    rows = {(r.earlier.id, r.later.id): r for r in review.review_by_pair(done)}
    assert list(rows) == [("a", "w"), ("a", "b"), ("w", "b"), ("a", "c"), ("w", "c"), ("b", "c")]
    ab = rows[("a", "b")]
    assert (ab.confirmed, ab.added, ab.rejected, ab.related, ab.none) == (4, 0, 0, 1, 0)
    bc = rows[("b", "c")]
    assert (bc.confirmed, bc.added, bc.rejected, bc.related, bc.none) == (2, 1, 0, 0, 1)
    assert rows[("a", "c")].rejected == 1
    assert [t.id for t in review.unlinked(tiny)] == ["a-4", "w-2", "b-4", "c-3"]
    # Within the linker's reach (5 years back): c (2011) is read against b (2006) only, so
    # w 2×1, b 4×2, c 3×1; a pair out of reach stays listed only if an editor decided in it.
    near = review.review_progress(done, years=5)
    assert near.pairs == 13 and ("c-3", "w") not in {(t.id, p.id) for t, p in near.pairs_left}
    pairs = [(r.earlier.id, r.later.id) for r in review.review_by_pair(done, years=5)]
    assert pairs == [("a", "w"), ("a", "b"), ("w", "b"), ("a", "c"), ("b", "c")]  # a→c: one rejected link


def test_labels_name_their_plans(tiny):
    tasks = {t.id: t for t in tiny.corpus.tasks}
    texts = lambda task_id: [v.text for v in told.label_views(tiny, tasks[task_id])]
    assert texts("b-3") == ["延续自规划a", "合并（规划a中有多项前序）"]
    assert texts("a-4") == ["在规划b未延续"]  # the 2003 work points are not a's next plan
    assert texts("a-1") == ["拆分（规划b中有多项后续）"]
    assert texts("c-1") == ["延续自规划b", "合并（规划b中有多项前序）"]
    assert [v.meaning for v in told.label_views(tiny, tasks["a-4"])] == [labels.LABEL_MEANINGS_ZH[DISCONTINUED]]


def test_compare_keeps_each_paragraph(tiny):
    tasks = {t.id: t for t in tiny.corpus.tasks}
    c = compare.compare(tasks["a-1"], tasks["b-1"], words_of, tiny.predecessors("b-1")[:1])
    assert [plain(render_marked([p], "del")) for p in c.earlier.paragraphs] == [b.text for b in tasks["a-1"].body]
    assert [plain(render_marked([p], "ins")) for p in c.later.paragraphs] == [b.text for b in tasks["b-1"].body]
    assert render_marked(c.later.paragraphs, "ins")[0] == "建设电子政务<ins>b</ins>1。"  # a1 → b1: b is new, 1 kept
    assert 0 < c.later.share < 1 and c.direct


def test_line_pairs_compare_every_ancestor_and_descendant(tiny):
    """The earliest task gets its comparisons (with every descendant), the latest is
    compared with the earliest; direct neighbours carry their links, the rest none."""
    before, after = lines.line_pairs(tiny, "a-1")
    assert before == [] and [p.other.id for p in after] == ["w-1", "b-1", "b-2", "c-1"]
    assert [p.direct for p in after] == [True, True, True, False]  # c-1 only through b-1 / b-2
    assert all(p.earlier.id == "a-1" and p.later is p.other for p in after)
    before, after = lines.line_pairs(tiny, "c-1")
    assert after == [] and [(p.other.id, p.direct) for p in before] == [
        ("a-1", False),
        ("w-1", False),
        ("b-1", True),
        ("b-2", True),
    ]
    assert all(p.later.id == "c-1" for p in before)
    assert [l.predecessor for p in before for l in p.links] == ["b-1", "b-2"]
    assert lines.line_pairs(tiny, "w-2") == ([], [])  # no line, nothing to compare
    before, after = lines.line_pairs(tiny, "b-1", 4)  # the window of the policy line
    assert [p.other.id for p in before] == ["w-1"] and after == []


# ---------------------------------------------------------------- documentation helpers


def test_every_tunable_and_csv_column_is_explained():
    raw = load_yaml(DATA / "lineage.yaml")
    keys = {(g, k) for g in ("weights", "thresholds", "evidence") for k in raw[g] if k != "__line__"}
    rows = settings_rows.settings_rows(raw)
    assert {(r.group, r.key) for r in rows} == keys
    assert set(export.CSV_HEADER) <= set(labels.CSV_MEANINGS)


def test_links_to_data_files_are_relative_to_the_page_url():
    assert urls.html_file("about.md", "data/tasks.json") == "../data/tasks.json"
    assert urls.html_file("index.md", "data/links.csv") == "data/links.csv"
    assert urls.html_file("lineage/p13-2-1-1.md", "data/tasks.json") == "../../data/tasks.json"


def test_what_is_left_is_split_by_later_plan(tiny):
    progress = review.review_progress(tiny)
    left = review.left_by_plan(tiny, progress)
    assert [entry.plan.id for entry in left] == ["w", "b", "c"]  # a has no earlier plan
    key = lambda l: (l.successor, l.predecessor)
    assert sorted((l for entry in left for l in entry.links), key=key) == sorted(progress.left, key=key)
    assert sorted((t.id, p.id) for entry in left for t, p in entry.pairs) == sorted(
        (t.id, p.id) for t, p in progress.pairs_left
    )
    assert all(tiny.plan_of(l.successor) == entry.plan.id for entry in left for l in entry.links)


def test_a_review_page_shows_three_candidates_and_proposes_none_only_if_none_is_published():
    """The page shows the queue's first three candidates with their best evidence clause; a
    link the linker publishes from further down still means it proposes no "no predecessor"."""
    from build_scripts.lineage.graph import OpenPair, Proposal

    corpus = make_corpus()
    clause = Evidence(TextSpan("text", 0, 8), TextSpan("title", 0, 4), ("电子政务",))
    ranked = tuple(Proposal(f"b-{n}", 0.5 - n / 10, "weak", n == 4, (clause,) if n == 1 else ()) for n in (1, 2, 3, 4))
    queue = (OpenPair("c-1", "b", ranked), OpenPair("c-2", "b", ranked[:3]), OpenPair("c-3", "b", ()))
    lineage = Lineage.of(corpus, (), open=queue)
    (left,) = [entry for entry in review.left_by_plan(lineage, review.review_progress(lineage)) if entry.plan.id == "c"]
    c1 = left.shown("c-1", "b")
    assert [c.task.id for c in c1] == ["b-1", "b-2", "b-3"] and review.SHOWN == 3
    assert not left.proposes_none("c-1", "b") and left.proposes_none("c-2", "b") and left.proposes_none("c-3", "b")
    assert left.shown("c-3", "b") == ()
    assert c1[0].quotes[0] == ("建设电子政务c1", "任务b1") and c1[1].quotes == ()


@pytest.mark.slow
def test_a_review_page_per_plan_lists_what_is_left_of_it(tmp_path):
    """With no decision in links.yaml every published link is left: the review's summary
    counts them per plan and links each plan's page, which lists every one of its links."""
    import shutil

    from build_scripts.website.load import load_site
    from build_scripts.website.pages import lineage as lineage_pages
    from build_scripts.website.urls import REVIEW_PAGE, Target, relative, review_plan_page

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "links.yaml").write_text("links: []\n", encoding="utf-8")
    site = load_site(data, with_terms=False, with_indicators=False)
    pages = {page.path: page.markdown for page in lineage_pages.pages(site)}
    for plan in site.corpus.plans[1:]:
        text = pages[review_plan_page(plan.id)]
        mine = [l for l in site.lineage.links if site.lineage.plan_of(l.successor) == plan.id]
        assert mine and all(f"[`{l.successor}`]" in text and f"[`{l.predecessor}`]" in text for l in mine)
        assert f"]({relative(REVIEW_PAGE, Target(review_plan_page(plan.id)))})" in pages[REVIEW_PAGE]
    assert review_plan_page(site.corpus.plans[0].id) not in pages  # the first plan has nothing to review


def test_the_plan_matrix_stays_in_blocks_that_do_not_grow_with_the_plans():
    """Plans of two series over 40 years, reach 20: a block per series and per 20 years of
    rows, each with only the later plans in reach as columns; every pair in reach in exactly
    one cell; a link an editor made across series listed apart."""
    starts = {"a": 2000, "b": 2010, "c": 2020, "d": 2030, "e": 2040}
    plans = [plan_of(meta(p, y, y + 4), [lead_task(f"{p}-1", "建设电子政务")]) for p, y in starts.items()]
    plans += [
        plan_of(replace(meta(f"x{p}", y, y + 4), series="某区"), [lead_task(f"x{p}-1", "建设")])
        for p, y in starts.items()
    ]
    corpus = corpus_of(*sorted(plans, key=lambda p: p.meta.start_year))
    links = (link("a-1", "b-1", 0.5), link("b-1", "d-1", 0.5), link("xa-1", "xb-1", 0.5), link("a-1", "xe-1", 0.5))
    blocks, across = continuity.matrix_blocks(Lineage.of(corpus, links), years=20)
    shape = [(b.series, [r.id for r, _ in b.rows], [c.id for c in b.columns]) for b in blocks]
    assert shape == [
        ("", ["a", "b", "c"], ["b", "c", "d", "e"]),  # rows start 2000–2020; c reaches e
        ("", ["d"], ["e"]),
        ("某区", ["xa", "xb", "xc"], ["xb", "xc", "xd", "xe"]),
        ("某区", ["xd"], ["xe"]),
    ]
    cells = {(r.id, c.id): n for b in blocks for r, row in b.rows for c, n in zip(b.columns, row, strict=True)}
    assert cells[("a", "b")] == 1 and cells[("b", "d")] == 1 and cells[("a", "d")] is None  # 30 years: out of reach
    in_reach = {
        (p.id, q.id)
        for p in corpus.plans
        for q in corpus.plans
        if p.meta.series == q.meta.series and 0 < q.meta.start_year - p.meta.start_year <= 20
    }
    assert {k for k, n in cells.items() if n is not None} == in_reach
    assert [(a.id, b.id, n) for a, b, n in across] == [("a", "xe", 1)]


def test_a_line_page_whose_task_title_is_shared_names_the_task_id():
    """A new plan may repeat a title (交通管理 twice): each line page keeps a title of its own."""
    from build_scripts.website.load import make_site
    from build_scripts.website.pages.lineage import LineageRenderer, task_page
    from build_scripts.website.urls import SiteMap

    corpus = sectioned_corpus()
    site = make_site(corpus, SiteMap(corpus), lineage=Lineage.of(corpus, LINKS), line_years=20)
    task = corpus.plan("a").tasks[0]
    renderer = LineageRenderer.of(site)
    assert renderer.shared_titles == frozenset()  # every title of the tiny corpus is its own
    assert f'title: "政策脉络：{task.title}"\n' in task_page(site, task, renderer)
    renderer.__dict__["shared_titles"] = frozenset({task.title})  # as if a later plan repeated it
    assert f'title: "政策脉络：{task.title}（{task.id}）"\n' in task_page(site, task, renderer)
