"""Verbatim text and titles render literally: a property test through the page generator
and Python-Markdown configured exactly as in ``mkdocs.yml`` (no full MkDocs build)."""

from __future__ import annotations

import dataclasses

import markdown
import pytest
from conftest import ROOT, parse_html, squash
from factories import lead_task, meta
from hypothesis import example, given, settings
from hypothesis import strategies as st

from build_scripts.core.model import (
    Block,
    BlockKind,
    Corpus,
    Numbering,
    ParagraphBreak,
    Plan,
    Profile,
    Section,
    SectionRole,
    SourceFile,
    Span,
)
from build_scripts.website import load
from build_scripts.website.pages import plans
from build_scripts.website.urls import SiteMap

MARKUP = list("*_<>|#[]\\`&{}()!.-+=~^:;'\"") + [
    "1. ",
    "# ",
    "> ",
    "- ",
    "|a|b|",
    "&amp;",
    "<b>",
    "\n",
    "  ",
    "    ",
    "</div>",
    "<!--",
    "-->",
    "[x](y)",
    "**",
    "{: #z }",
]
TEXT = st.lists(
    st.one_of(
        st.sampled_from(MARKUP),
        st.sampled_from(list("北京信息化任务，。；：“”（）")),
        st.characters(blacklist_categories=("Cs", "Cc")),
    ),
    min_size=1,
    max_size=40,
).map("".join)
TITLE = TEXT.filter(lambda t: t.strip())


@pytest.fixture(scope="module")
def md() -> markdown.Markdown:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def one_task_site(title: str, text: str, section_title: str) -> load.Site:
    profile = Profile("p", ParagraphBreak.NEWLINE, (Numbering.CHAPTER, Numbering.SECTION), Numbering.CHAPTER)
    span = Span(0, 1, 1)
    task = lead_task("x-1-1", title, text, headings=(section_title,), section_keys=("x-1",))
    heading = Block(BlockKind.HEADING, "一、" + section_title, span)
    section = Section(
        "x-1",
        1,
        Numbering.CHAPTER,
        1,
        "一、",
        section_title,
        heading,
        SectionRole.TASKS,
        None,
        (Block(BlockKind.PARAGRAPH, text, span), task),
    )
    plan = Plan(
        meta("x", 2001, 2005, title="规划", profile=profile),
        SourceFile("x.txt", ROOT / "x.txt", "0" * 64, text),
        (section,),
    )
    corpus = Corpus(plans=(plan,))
    return load.make_site(corpus, SiteMap(corpus))


def not_permalink(element) -> bool:
    return element.tag in ("script", "style") or "headerlink" in element.classes


@settings(max_examples=150, deadline=None)
@given(title=TITLE, text=TEXT, section_title=TITLE)
@example(title="1. 第一项", text="1. 推进*建设*", section_title="# 标题")
@example(title="> 引用", text="> 引用 <b>粗</b> &amp;", section_title="- 列表")
@example(title="|a|b|", text="|a|b|\n|-|-|\n|c|d|", section_title="[链接](x.md)")
@example(title="`代码` \\*", text="    缩进代码\n\n# 标题\n\n- 列表", section_title="标题 {: #y }")
def test_text_and_titles_render_literally(md, title, text, section_title):
    site = one_task_site(title, text, section_title)
    page = plans.section_page(site, "plans/x/1.md")
    md.reset()
    root = parse_html(md.convert(page))
    heading = next(e for e in root.iter() if e.attrs.get("id") == "x-1-1")
    assert squash(heading.text(not_permalink)) == squash(title)
    chapter = next(e for e in root.iter() if e.attrs.get("id") == "x-1")
    assert squash(chapter.text(not_permalink)) == squash("一、" + section_title)
    article = next(e for e in root.iter() if e.tag == "article")
    verbatim = next(e for e in article.iter() if "verbatim" in e.classes)
    assert squash(verbatim.text()) == squash(text)
    context = next(e for e in root.iter() if "context" in e.classes)
    assert squash(context.text()) == squash("导言" + text)
    crumbs = next(e for e in article.iter() if "breadcrumb" in e.classes)
    assert squash(crumbs.text()) == squash("规划›一、" + section_title)


# ---------------------------------------------------------------- term marks (termmarks.py)


def annotated_site(
    title: str, text: str, section_title: str, cuts: list[tuple[int, int]], explanation: str
) -> tuple[load.Site, tuple]:
    """The one-task site with a made-up dictionary whose forms are substrings of the text."""
    from build_scripts.language.annotate import annotate
    from build_scripts.language.terms import Term, TermCategory, fold

    site = one_task_site(title, text, section_title)
    forms: dict[str, str] = {}
    for start, length in cuts:
        form = text[start % len(text) :][:length]
        if form and "".join(fold(ch) for ch in form) not in forms:
            forms["".join(fold(ch) for ch in form)] = form
    terms = tuple(
        Term(f"t{i}", form, TermCategory.TECHNOLOGY, (), explanation, False, i + 1)
        for i, form in enumerate(forms.values())
    )
    return dataclasses.replace(site, annotations=annotate(site.corpus, terms)), terms


@settings(max_examples=150, deadline=None)
@given(
    title=TITLE,
    text=TEXT,
    section_title=TITLE,
    explanation=TITLE,
    cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 6)), min_size=1, max_size=6),
)
@example(
    title="标题",
    text="推进物联网建设，物联网&<b>云计算</b>",
    section_title="任务",
    explanation="说明\"<&>'",
    cuts=[(2, 3), (15, 3), (13, 3)],
)
def test_marked_text_renders_literally(md, title, text, section_title, explanation, cuts):
    """Marking terms adds tags only: the verbatim text content is the source text, each term
    is marked at most once per task, a mark's text is an occurrence of its term, and its
    title is the explanation, literally."""
    from build_scripts.language.terms import fold

    site, terms = annotated_site(title, text, section_title, cuts, explanation)
    page = plans.section_page(site, "plans/x/1.md")
    md.reset()
    root = parse_html(md.convert(page))
    article = next(e for e in root.iter() if e.tag == "article")
    verbatim = next(e for e in article.iter() if "verbatim" in e.classes)
    assert squash(verbatim.text()) == squash(text)
    marks = [e for e in verbatim.iter() if e.tag == "a" and "term" in e.classes]
    hrefs = [m.attrs["href"] for m in marks]
    assert len(hrefs) == len(set(hrefs))  # first occurrence per task only
    by_href = {f"../../../terms/{t.id}/": t for t in terms}  # from plans/x/1/
    for mark in marks:
        term = by_href[mark.attrs["href"]]
        assert "".join(fold(ch) for ch in squash(mark.text())) == "".join(fold(ch) for ch in squash(term.term))
        assert mark.attrs["title"] == f"{term.term}：{explanation}"
    found = {h.term_id for h in site.annotations.block_hits(site.corpus.plans[0].tasks[0].body[0])}
    assert {by_href[h].id for h in hrefs} == found


# ---------------------------------------------------------------- figure marks (indicators.py)

FIGURES = [
    "达到1070万户",
    "80%以上",
    "5-10家",
    "三成以上",
    "达到千兆",
    "1.5万亿元",
    "2008年",
    "800兆无线",
    "100兆(M)",
    "百分之九十",
]


@settings(max_examples=100, deadline=None)
@given(
    title=TITLE,
    section_title=TITLE,
    explanation=TITLE,
    pieces=st.lists(st.one_of(TEXT, st.sampled_from(FIGURES)), min_size=1, max_size=8),
    cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 6)), min_size=0, max_size=4),
)
@example(
    title="标题",
    section_title="任务",
    explanation="说明",
    pieces=["用户<b>达到1070万户</b>&", "，", "80%以上"],
    cuts=[(3, 4), (8, 2)],
)
def test_figure_marks_render_literally(md, title, section_title, explanation, pieces, cuts):
    """Marking figures (and terms around them) adds tags only: the verbatim text is the
    source text, each figure mark's text is the figure as printed, and marks never nest."""
    from build_scripts.figures import indicators as ind
    from build_scripts.figures.statements import extract

    text = "".join(pieces)
    site, _ = annotated_site(title, text, section_title, cuts or [(0, 0)], explanation)
    statements = extract(site.corpus)
    groups, problems = ind.group(site.corpus, statements, (), (), "x")
    assert not problems
    site = dataclasses.replace(site, indicators=ind.Indicators(tuple(statements), groups, ("x",)))
    page = plans.section_page(site, "plans/x/1.md")
    md.reset()
    root = parse_html(md.convert(page))
    article = next(e for e in root.iter() if e.tag == "article")
    verbatim = next(e for e in article.iter() if "verbatim" in e.classes)
    assert squash(verbatim.text()) == squash(text)
    task_block = site.corpus.plans[0].tasks[0].body[0]
    marks = [e for e in verbatim.iter() if e.tag == "a" and "figure" in e.classes]
    assert [squash(m.text()) for m in marks] == [squash(s.figure) for s in site.indicators.in_block(task_block)]
    for mark in marks:
        assert not [e for e in mark.iter() if e is not mark and e.tag == "a"]
