"""What search finds: one document per task, section, plan, term, indicator and line.

Pipeline place: the site layer, read by ``search.index`` (which writes the index files the
site build publishes). Every document is made from the site's own records — the parsed
plans, the glossary, the figures, the topics and the lineage — never from rendered pages,
so what search shows is the text as the plans print it, with the address and the
breadcrumb the pages themselves use (``urls``, ``views``).

Documents come in a fixed order, which the index relies on to say a document's kind and
plan in a few runs instead of one entry each: per plan, its tasks (document order), then
its sections and the plan itself, then its passages of 原文; then the terms, the indicators,
the topic lines, the policy lines of single tasks and the excerpts.

Every character of a plan is in some document (``tests/test_search_index.py`` checks it on
the real plans). A run of characters copied across the end of one paragraph and the start of
the next is in no task or section; the *passages* of the 原文 (:func:`passage_docs`: any run
of up to :data:`PASSAGE` characters lies whole in one), the table of contents and the
*excerpts* (the received partial copy, as it reads) hold such runs. They are answers of last
resort (kind ``text``): the index keeps them apart, and the browser asks for them only when
no other document holds the query as typed.

Title keys (``analyzer.title_key``) are what an exact title, a plan name or a term form is
looked up by; ids (task ids, section keys, plan ids) what an id is. Policy lines have
neither: their titles repeat a task's, and the task should win.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from ...core.model import ParagraphBreak, Plan, Section, SectionRole, Task
from ...language.terms import Term
from ..labels import CATEGORY_LABELS, SEARCH_LABELS
from ..lineage_views.lines import has_line
from ..load import Site
from ..urls import (
    SOURCES_PAGE,
    full_text_page,
    indicator_page,
    indicator_plan_page,
    overview_page,
    page_url,
    term_page,
    topic_page,
)
from ..views import page_label, plan_years, source_anchor

TEXT_JOIN = "\n"  # between the paragraphs of a document's text, as in ``Task.text``
QUOTES = str.maketrans("", "", '“”"')


class Kind(StrEnum):
    """What a document is; the order is the order of the index's runs within a plan."""

    TASK = "task"
    SECTION = "section"
    PLAN = "plan"
    TERM = "term"
    INDICATOR = "indicator"
    LINE = "line"  # a topic line or a task's policy line
    TEXT = "text"  # 原文 only: a passage across a paragraph break, the table of contents, an excerpt


PLAN_TEXT = frozenset({Kind.TASK, Kind.SECTION})  # ranked first among equals: the plans' own words
PASSAGE = 200  # a run of 原文 up to this long is held whole by a passage (passage_docs)


@dataclass(frozen=True)
class SearchDoc:
    """One search result: its card (title, crumbs, plan) and where it opens (``url``, from
    the site root, with the anchor), the text its snippet comes from, and what an exact
    query meets it by (``keys``: titles and names; ``ids``)."""

    kind: Kind
    title: str
    text: str
    url: str
    plan: str = ""
    crumbs: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()


def plan_names(plan: Plan) -> tuple[str, ...]:
    """The names a reader calls a plan by: its title, its short name with and without
    quotation marks and without 规划 (“十二五”规划, 十二五规划, 十二五), and the period the site
    gives it beside every short name, where it spans years (2011–2015; any dash finds it)."""
    short = plan.meta.short_name
    bare = short.translate(QUOTES)
    core = bare.removesuffix("规划")
    period = plan_years(plan) if plan.meta.end_year != plan.meta.start_year else ""
    return tuple(dict.fromkeys(name for name in (plan.meta.title, short, bare, core, period) if name))


def _crumbs(site: Site, plan: Plan, keys: tuple[str, ...]) -> tuple[str, ...]:
    return (plan.meta.short_name, *(page_label(site.sections[k]) for k in keys))


def task_doc(site: Site, plan: Plan, task: Task) -> SearchDoc:
    """A task; a section task's text starts with its heading as printed (numbering and all)."""
    heading = task.heading.text if task.heading is not None else task.title
    return SearchDoc(
        Kind.TASK,
        task.title,
        TEXT_JOIN.join(block.text for block in task.blocks),
        site.sitemap.url(task.id),
        plan.id,
        _crumbs(site, plan, task.section_keys),
        tuple(dict.fromkeys((task.title, heading))),
        (task.id,),
    )


def _section_keys(site: Site, section: Section) -> tuple[str, ...]:
    return tuple(s.key for s in site.ancestors(section.key))


def section_docs(site: Site, plan: Plan) -> Iterator[SearchDoc]:
    """A section's heading and its own paragraphs (not those of its tasks or subsections);
    the table of contents only repeats headings, and a section that is one task is that task."""
    task_headings = {t.heading for t in plan.tasks if t.heading is not None}
    for node in plan.walk():
        if not isinstance(node, Section) or node.heading in task_headings or node.role == SectionRole.TOC:
            continue
        yield SearchDoc(
            Kind.SECTION,
            node.heading.text,
            TEXT_JOIN.join(block.text for block in node.blocks),
            site.sitemap.url(node.key),
            plan.id,
            _crumbs(site, plan, _section_keys(site, node)),
            (node.heading.text, node.title),
            (node.key,),
        )


def toc_docs(site: Site, plan: Plan) -> Iterator[SearchDoc]:
    """A table of contents (目录): its lines only repeat headings, so it is a last resort."""
    for node in plan.walk():
        if isinstance(node, Section) and node.role == SectionRole.TOC:
            yield SearchDoc(
                Kind.TEXT,
                node.heading.text,
                TEXT_JOIN.join(block.text for block in node.blocks),
                site.sitemap.url(node.key),
                plan.id,
                (plan.meta.short_name,),
            )


def plan_doc(plan: Plan) -> SearchDoc:
    """The plan itself: its names, and its front and back matter (title, notice, signature)."""
    text = TEXT_JOIN.join(block.text for block in (*plan.front, *plan.back))
    return SearchDoc(
        Kind.PLAN,
        plan.meta.title,
        text,
        page_url(overview_page(plan.id)),
        plan.id,
        (plan.meta.short_name,),
        plan_names(plan),
        (plan.id,),
    )


def passage_docs(plan: Plan) -> Iterator[SearchDoc]:
    """The 原文 in overlapping passages of ``2 × PASSAGE`` characters, ``PASSAGE`` apart, so that
    any run of up to :data:`PASSAGE` characters — across paragraph breaks too — lies whole in
    one; each at the anchor of the paragraph it starts in, named as the 原文 page numbers it.
    Passages that start in one long paragraph are one document (one address, one result)."""
    blocks = list(plan.all_blocks())
    stream = TEXT_JOIN.join(block.text for block in blocks)
    starts, position = [], 0
    for block in blocks:  # where each block starts in the stream
        starts.append(position)
        position += len(block.text) + len(TEXT_JOIN)
    lined = plan.meta.profile.paragraph_break == ParagraphBreak.NEWLINE  # as the 原文 page numbers them
    page = page_url(full_text_page(plan.id))
    where = SEARCH_LABELS["line_number"] if lined else SEARCH_LABELS["paragraph"]
    spans: dict[int, list[int]] = {}  # block number → [first passage start, last passage start]
    number = 0
    for start in range(0, max(len(stream) - PASSAGE, 1), PASSAGE):
        while number + 1 < len(blocks) and starts[number + 1] <= start:
            number += 1
        spans.setdefault(number, [start, start])[1] = start
    for number, (first, last) in spans.items():
        yield SearchDoc(
            Kind.TEXT,
            plan.meta.short_name
            + SEARCH_LABELS["full_text"]
            + where.format(blocks[number].span.line if lined else number + 1),
            stream[first : last + 2 * PASSAGE],
            f"{page}#para-{number + 1}",
            plan.id,
            (plan.meta.short_name, SEARCH_LABELS["full_text"]),
        )


def excerpt_docs(site: Site) -> Iterator[SearchDoc]:
    """A received partial copy of a plan, as it reads (its wording may differ from the plan's)."""
    for excerpt in site.corpus.excerpts:
        plan = site.plans[excerpt.plan_id]
        yield SearchDoc(
            Kind.TEXT,
            SEARCH_LABELS["excerpt"].format(plan.meta.short_name, excerpt.source.name),
            TEXT_JOIN.join(block.text for block in excerpt.blocks),
            page_url(SOURCES_PAGE) + "#" + source_anchor(excerpt.source.name),
            crumbs=(SEARCH_LABELS["sources"],),
        )


def term_text(term: Term, earlier: dict[str, list[str]]) -> str:
    """The explanation, then the other names a reader may know the term by."""
    lines = [term.explanation]
    if term.variants:
        lines.append(SEARCH_LABELS["variants"] + "、".join(term.variants))
    if earlier.get(term.term):
        lines.append(SEARCH_LABELS["earlier"] + "、".join(earlier[term.term]))
    if term.renamed_as:
        lines.append(SEARCH_LABELS["later"] + "、".join(term.renamed_as))
    return TEXT_JOIN.join(lines)


def term_docs(site: Site) -> Iterator[SearchDoc]:
    if site.annotations is None:
        return
    terms = site.annotations.terms
    earlier: dict[str, list[str]] = {}
    for term in terms:
        for later in term.renamed_as:
            earlier.setdefault(later, []).append(term.term)
    for term in terms:
        yield SearchDoc(
            Kind.TERM,
            term.term,
            term_text(term, earlier),
            page_url(term_page(term.id)),
            crumbs=(SEARCH_LABELS["terms"], CATEGORY_LABELS[term.category]),
            keys=term.forms,
        )


def indicator_docs(site: Site) -> Iterator[SearchDoc]:
    """One per indicator: its series page, or the row of its one statement in its plan's table."""
    if site.indicators is None:
        return
    data = site.indicators
    for indicator in data.indicators:
        first = indicator.statements[0]
        if indicator.is_series:
            url = page_url(indicator_page(indicator.id))
        else:
            url = page_url(indicator_plan_page(first.plan_id)) + "#" + data.anchor(first)
        sentences = dict.fromkeys(s.sentence_text for s in indicator.statements)
        plans = {s.plan_id for s in indicator.statements}
        yield SearchDoc(
            Kind.INDICATOR,
            indicator.name,
            TEXT_JOIN.join(sentences),
            url,
            first.plan_id if len(plans) == 1 else "",
            (SEARCH_LABELS["indicators"],),
            (indicator.name,),
        )


def topic_docs(site: Site) -> Iterator[SearchDoc]:
    """A topic line: its label and the titles of its tasks (plan names would make every line
    an answer to a query for a plan)."""
    if site.topics is None:
        return
    for topic in site.topics.topics:
        yield SearchDoc(
            Kind.LINE,
            topic.label,
            TEXT_JOIN.join(t.title for t in topic.tasks),
            page_url(topic_page(topic.id)),
            crumbs=(SEARCH_LABELS["topics"],),
            keys=(topic.label,),
        )


def line_docs(site: Site) -> Iterator[SearchDoc]:
    """A task's policy line: the task and every task it relates to (Lineage.relations), by title."""
    if site.lineage is None:
        return
    lineage = site.lineage
    for task in site.corpus.tasks:
        if not has_line(lineage, task.id):
            continue
        before = [site.tasks[r.other] for r in lineage.relations(task.id) if r.earlier]
        after = [site.tasks[r.other] for r in lineage.relations(task.id) if not r.earlier]
        yield SearchDoc(
            Kind.LINE,
            task.title,
            TEXT_JOIN.join(t.title for t in (*before, *after)),
            site.sitemap.line(task.id).url,
            task.plan_id,
            (site.plans[task.plan_id].meta.short_name, SEARCH_LABELS["line"]),
        )


def documents(site: Site) -> list[SearchDoc]:
    """Every search document, in the index's order (module docstring)."""
    docs: list[SearchDoc] = []
    for plan in site.corpus.plans:
        docs += [task_doc(site, plan, task) for task in plan.tasks]
        docs += section_docs(site, plan)
        docs.append(plan_doc(plan))
        docs += toc_docs(site, plan)
        docs += passage_docs(plan)
    for more in (term_docs, indicator_docs, topic_docs, line_docs, excerpt_docs):
        docs += more(site)
    return docs


__all__ = ["PASSAGE", "PLAN_TEXT", "Kind", "SearchDoc", "documents", "plan_names"]
