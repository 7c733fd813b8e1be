"""render.py on a tiny made-up plan: a golden chapter page, the lineage slot, nav, markers.

Regenerate the golden files after a deliberate template change with ``UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from factories import meta

from build_scripts.core.errors import DataError
from build_scripts.core.model import Corpus, Numbering, ParagraphBreak, Profile, SourceFile
from build_scripts.ingest.parse import parse_plan
from build_scripts.lineage.graph import ADDED, STRONG, WEAK, Lineage, Link
from build_scripts.website import escaping, load, navigation, templating
from build_scripts.website.pages import fragments, plans
from build_scripts.website.urls import SiteMap

GOLDEN = Path(__file__).parent / "golden"
TINY_TEXT = """\
示例市信息化规划
一、发展基础
过去五年成绩显著，*网络*覆盖全市。
二、主要任务
围绕<建设>目标，推进以下工作。
(一)完善网络设施
加快宽带建设。推进光纤入户 & 5G 覆盖，目标 100% [全覆盖]。
提升服务能力。建设 `统一` 平台，实现 a|b|c 互通。
(二)加强安全保障
建立安全体系，完善应急机制。
三、保障措施
（一）加强组织领导。成立领导小组，统筹推进。
"""


def tiny_plan(tmp_path: Path):
    profile = Profile(
        "tiny", ParagraphBreak.NEWLINE, (Numbering.CHAPTER, Numbering.SECTION, Numbering.POINT), Numbering.CHAPTER
    )
    path = tmp_path / "demo.txt"
    path.write_text(TINY_TEXT, encoding="utf-8")
    source = SourceFile("demo.txt", path, "0" * 64, TINY_TEXT)
    return parse_plan(
        meta(
            "demo",
            2001,
            2005,
            title="示例市信息化规划",
            short_name="示例规划",
            profile=profile,
            task_sections=(2,),
            safeguard_sections=(3,),
        ),
        source,
    )


@pytest.fixture
def site(tmp_path) -> load.Site:
    corpus = Corpus(plans=(tiny_plan(tmp_path),))
    return load.make_site(corpus, SiteMap(corpus))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def test_tiny_plan_has_the_expected_tasks(site):
    assert [t.id for t in site.corpus.tasks] == ["demo-2-1-1", "demo-2-1-2", "demo-2-2", "demo-3-1"]


def test_chapter_page_matches_golden(site):
    check_golden("demo-2.md", plans.section_page(site, "plans/demo/2.md"))


def test_overview_matches_golden(site):
    check_golden("demo-overview.md", plans.overview(site, site.corpus.plans[0]))


def test_lineage_slot_is_empty_without_lineage(site):
    page = plans.section_page(site, "plans/demo/2.md")
    assert "前序" not in page and "后续" not in page and "lineage" not in page


def test_lineage_shows_links_grouped_by_plan_with_strength_terms_review_and_labels(site):
    # A made-up lineage inside one plan: the template does not care about chronology.
    links = (
        Link("demo-3-1", "demo-2-1-1", 0.9, ("领导小组",), strength=STRONG),
        Link("demo-2-1-1", "demo-2-2", 0.1, ("安全", "体系"), strength=STRONG),
        Link("demo-2-1-2", "demo-2-2", 0.5, (), origin=ADDED, note="编者确认<b>", strength=WEAK),
    )
    site = load.make_site(site.corpus, site.sitemap, lineage=Lineage.of(site.corpus, links))
    page = plans.section_page(site, "plans/demo/2.md")
    assert page.count('class="lineage"') == 3  # every task block on the page, with or without links
    first = page.split("{: #demo-2-1-1 ")[1].split("</article>")[0]
    assert '<p class="lineage-heading">前序</p>' in first and '<p class="lineage-heading">后续</p>' in first
    assert "- **示例规划**\n    - [加强组织领导](3.md#demo-3-1){: .lineage-link } " in first
    assert '<span class="tip strength strength-strong" data-tip="前序任务的主题' in first  # no Tab stop
    assert "<summary>前序与后续：前序 1 项，后续 1 项</summary>" in first  # one collapsed Tab stop
    assert "<dt>强</dt><dd>前序任务的主题" in first  # the badges' legend, for keyboard and screen readers
    # ... after the links: on a phone it ran to half a screen before the first predecessor
    assert first.index(">标记说明</p>") > first.rindex(".lineage-link }")
    assert '<span class="shared-terms">共同词：领导小组</span>' in first
    merged = page.split("{: #demo-2-2 ")[1].split("</article>")[0]
    assert merged.index("加快宽带建设") < merged.index("提升服务能力")  # strong before weak
    assert '>弱</span> <span class="tip reviewed"' in merged and ">编者审定</span>" in merged
    assert '<span class="editor-note">编者按：编者确认&lt;b&gt;</span>' in merged  # the note is text, escaped
    assert ">合并（示例规划中有多项前序）</span>" in merged  # two predecessors in one plan, named
    assert "<dt>合并（示例规划中有多项前序）</dt><dd>在同一份更早的规划中有多项前序" in merged


def test_nav_lists_every_page_once(site):
    def leaves(entries):
        for entry in entries:
            for value in entry.values():
                yield from leaves(value) if isinstance(value, list) else [value]

    pages = list(leaves(navigation.nav(site)))
    assert len(pages) == len(set(pages))
    in_nav = {page.path for page in plans.pages(site) if page.in_nav}
    assert set(pages) == in_nav | {"index.md", "about.md"}  # 来源文件 and 性能: 维护与方法, in the footer


def test_fill_markers_replaces_known_markers(site):
    text = fragments.fill_markers(site, "index.md", "a\n\n<!-- plans-table -->\n\n<!-- other comment! -->\n")
    assert "[示例规划](plans/demo/index.md)" in text
    assert "plans-table" not in text and "<!-- other comment! -->" in text  # not a marker: not a bare name


def test_fill_markers_fails_on_an_unknown_marker_with_its_line(site):
    with pytest.raises(DataError) as error:
        fragments.fill_markers(site, "about.md", "a\n\n<!-- plans-table -->\n<!-- plans-tabel -->\n")
    assert "docs/about.md:4: unknown marker <!-- plans-tabel --> (expected one of about-data" in str(error.value)


def test_full_text_keeps_every_character(site):
    page = plans.full_text(site, site.corpus.plans[0])
    assert "推进光纤入户 &amp; 5G 覆盖" in page
    # every line an anchor: a paragraph (<p id="para-N">) or a section heading ({: #para-N …})
    anchors = page.count('<p id="para-') + page.count("{: #para-")
    assert anchors == len([line for line in TINY_TEXT.splitlines() if line.strip()])
    assert page.count('class="ft-anchor" href="#para-') == page.count('<p id="para-')
    assert "## 一、发展基础 {: #para-2 .ft-section" in page  # a real heading: the page's table of contents
    assert 'class="ft-task" href="../3/#demo-3-1"' in page  # the task's first paragraph links to it


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a*b_c", "a\\*b\\_c"),
        ("<x> & y", "&lt;x&gt; &amp; y"),
        ("1. 第一", "1\\. 第一"),
        ("# 标题 {#id}", "\\# 标题 \\{\\#id\\}"),
        ("行一\n行二", "行一 行二"),
    ],
)
def test_escape_md(text, expected):
    assert templating.escape_md(text) == expected


def test_escape_html_keeps_line_breaks_as_br():
    assert templating.escape_html("a<b>\n&c") == "a&lt;b&gt;<br>&amp;c"


def test_escape_html_marks_a_private_use_character_from_its_template():
    """The ``html`` filter keeps a private-use character, wrapped by the ``private_use`` macro
    of ``_marks.html.j2`` with its explanation (escaping.private_use_note) as title."""
    note = escaping.private_use_note("\ue000")
    assert "U+E000" in note
    assert templating.escape_html("a<\ue000") == f'a&lt;<span class="pua" title="{escaping.text(note)}">\ue000</span>'
    assert escaping.lines("a<\ue000") == "a&lt;\ue000"  # without a mark: escaped only
