"""The lineage pages: the 脉络 overview, one page per linked task, the review list.

Pipeline place: a page producer (``build.PRODUCERS``). It computes what each page shows
(``lineage_views``: compare view, policy lines, continuity, review lists) and passes it to
its template; a :class:`LineageRenderer` it owns keeps what the pages share while they
render (the word cut, each comparison's HTML, links from lineage pages).

Page granularity: **one page per task that has any link** (``lineage/<task id>.md``),
holding both its policy line (anchor ``line``) and, stacked, its comparisons (anchor
``vs-<other task id>``): with every earlier task of its line — the direct predecessors
open, the tasks reached through others folded in ``<details>`` — and with its direct
successors, so the earliest task of a line has its comparisons too (its further
descendants link to the comparison on their pages; ``lineage_views``). A pair shown on both
pages is rendered once (:meth:`LineageRenderer.comparison`): every lineage page lies at the same
depth, so the links in it are the same on both. A page per pair would be several times as
many pages each repeating both texts; a page per pair of plans would put dozens of long
comparisons on one page. Per task, a page is bounded (a line has at most 14 tasks in the real corpus, and is
bounded to the plans within the linker's ``lookback_years`` of the task's plan, so a page
does not grow with the corpus) and the task block links straight to it: "政策脉络" to the
line, "对照" next to each 前序/后续 link to the comparison. These pages and the review
list are not in the navigation (``InclusionLevel.NOT_IN_NAV``) and not in the search index
(they repeat task texts).
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...core.model import Plan, Task
from ...language.segment import Dictionary, segmenter
from ...lineage.graph import LABELS
from ...lineage.queue import DEPTH
from ..line_diagram import diagram
from ..lineage_views.compare import WordCut, compare, task_terms, term_spans
from ..lineage_views.continuity import applicable, matrix_blocks
from ..lineage_views.lines import Pair, PolicyLine, has_line, line_pairs, policy_line
from ..lineage_views.review import (
    SHOWN,
    PlanLeft,
    ReviewProgress,
    label_counts_by_plan,
    left_by_plan,
    linked_tasks,
    review_by_pair,
    review_progress,
)
from ..load import Site
from ..plan_views import task_links
from ..templating import render_template
from ..termmarks import FigureLink, figure_links
from ..urls import (
    ABOUT_PAGE,
    LINEAGE_PAGE,
    REVIEW_PAGE,
    TOPICS_INDEX,
    Target,
    compare_data,
    html_file,
    html_relative,
    lineage_page,
    overview_page,
    relative,
    review_pair_page,
    review_plan_page,
    term_page,
    topic_page,
)
from ..views import plan_label, topic_of_label
from . import Page

LINEAGE_DEPTH = lineage_page("x")  # every lineage page lies at this depth: their links are the same


@dataclass(frozen=True)
class FigureLinks:
    """One row of a comparison's figures as links: the earlier task's, the later task's."""

    earlier: tuple[FigureLink, ...]
    later: tuple[FigureLink, ...]


@dataclass
class LineageRenderer:
    """What the lineage pages share while they render, owned by :func:`pages` for one
    build: the compare view's word cut, the HTML of each comparison (a directly linked pair
    is on the pages of both its tasks; rendered once) and the raw-HTML links from a lineage
    page to a target (comparisons name the same terms and tasks again and again, and a
    dense corpus has tens of thousands of them). Memos of pure functions of the site, so
    rendering with or without them gives the same pages."""

    site: Site
    cut: WordCut
    hrefs: dict[tuple[str, str], str] = field(default_factory=dict)
    comparisons: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site) -> LineageRenderer:
        """The site's segmenter (loaded by ``load_site``), or one without policy words (a site
        made in a test without terms)."""
        return cls(site, (site.segmenter or segmenter(Dictionary())).tokens)

    @functools.cached_property
    def shared_titles(self) -> frozenset[str]:
        """Titles that more than one task has (none in the four plans; a new plan may repeat
        one, such as 交通管理): their line pages name the task id too, so each page has a
        title of its own."""
        seen = Counter(task.title for task in self.site.corpus.tasks)
        return frozenset(title for title, n in seen.items() if n > 1)

    def href(self, target: Target) -> str:
        key = (target.page, target.anchor)
        found = self.hrefs.get(key)
        if found is None:
            found = self.hrefs[key] = html_relative(LINEAGE_DEPTH, target)
        return found

    def comparison(self, pair: Pair) -> str:
        """The HTML of one comparison (``_compare_block.md.j2``)."""
        key = (pair.earlier.id, pair.later.id)
        found = self.comparisons.get(key)
        if found is None:
            found = self.comparisons[key] = self._render(pair)
        return found

    def _render(self, pair: Pair) -> str:
        site = self.site
        c = compare(pair.earlier, pair.later, self.cut, pair.links, site.annotations, site.indicators)
        labels = {term for l in pair.links for term in l.terms}
        topics = {label: topic_of_label(site, label) for label in labels}
        figures = tuple(FigureLinks(*(self._figures(side) for side in (row.earlier, row.later))) for row in c.figures)
        return render_template(
            "_compare_block.md.j2",
            c=c,
            pair=pair,
            plans=(site.plans[pair.earlier.plan_id], site.plans[pair.later.plan_id]),
            term_hrefs={
                t.id: self.href(Target(term_page(t.id)))
                for t in (*c.new_terms, *c.dropped_terms, *(t for pair in c.renamed for t in pair))
            },
            task_hrefs=tuple(self.href(site.sitemap.target(t.id)) for t in (pair.earlier, pair.later)),
            topic_hrefs={label: self.href(Target(topic_page(t))) for label, t in topics.items() if t},
            figures=figures,
        )

    def _figures(self, statements) -> tuple[FigureLink, ...]:
        if self.site.indicators is None:
            return ()
        return figure_links(self.site.indicators, LINEAGE_DEPTH, statements)

    def record(self, task: Task) -> dict:
        """What ``docs/javascripts/compare.js`` needs of one task to compare it with another
        that no link joins to it, as :meth:`comparison` would (``compare.compare`` without
        links): its words (the cut of its text, joining back to it), its terms in first
        occurrence order with their rename family and where they occur in the text, and its
        figures by indicator. Offsets count code points, as Python does; links are relative
        to a lineage page."""
        site, annotations, indicators = self.site, self.site.annotations, self.site.indicators
        terms = [
            {
                "id": term.id,
                "term": term.term,
                "href": self.href(Target(term_page(term.id))),
                "family": annotations.family(term.id),
                "spans": [list(span) for span in term_spans(annotations, task, {term.id})],
            }
            for term in task_terms(annotations, task).values()
            if annotations is not None
        ]
        figures: dict[str, dict] = {}
        if indicators is not None:
            for block in task.blocks:
                for statement in indicators.in_block(block):
                    indicator = indicators.indicator(statement)
                    row = figures.setdefault(indicator.id, {"id": indicator.id, "name": indicator.name, "links": []})
                    (link,) = self._figures((statement,))
                    row["links"].append({"figure": link.figure, "href": link.href, "title": link.title})
        return {
            "id": task.id,
            "plan": site.plans[task.plan_id].meta.short_name,
            "href": self.href(site.sitemap.target(task.id)),
            "words": list(self.cut(task.text)),
            "terms": terms,
            "figures": list(figures.values()),
        }


@dataclass(frozen=True)
class LabelRow:
    """A plan's row of the label table: how many of its tasks carry each label ("—" where
    the label cannot apply to it)."""

    plan: Plan
    label: str  # plan_label
    cells: tuple[int | str, ...]  # link.LABELS order


@dataclass(frozen=True)
class LineEntry:
    """A task's policy line in the list of every line: its plan, title and page."""

    plan_name: str
    title: str
    href: str


@dataclass(frozen=True)
class LineGroup:
    """The policy lines of one topic (or of no topic: ``topic_href`` empty), corpus order."""

    label: str
    topic_href: str
    entries: tuple[LineEntry, ...]


def line_groups(site: Site, lined: list[Task]) -> tuple[LineGroup, ...]:
    """The tasks with a policy line (``lined``), by topic (a task may stand in several), then
    those in none."""

    def entries(tasks) -> tuple[LineEntry, ...]:
        return tuple(
            LineEntry(site.plans[t.plan_id].meta.short_name, t.title, relative(LINEAGE_PAGE, site.sitemap.line(t.id)))
            for t in tasks
        )

    groups: list[LineGroup] = []
    placed: set[str] = set()
    for topic in site.topics.topics if site.topics is not None else ():
        found = [t for t in lined if t.id in topic.member_ids]
        placed.update(t.id for t in found)
        if found:
            groups.append(LineGroup(topic.label, relative(LINEAGE_PAGE, Target(topic_page(topic.id))), entries(found)))
    rest = [t for t in lined if t.id not in placed]
    if rest:
        groups.append(LineGroup("未归入专题的任务" if groups else "全部任务", "", entries(rest)))
    return tuple(groups)


def index_page(site: Site) -> str:
    views = site.views
    lined = [t for t in site.corpus.tasks if has_line(views.lineage, t.id)]  # every task with a line page
    blocks, across = matrix_blocks(views.lineage, site.line_years)
    label_rows = [
        LabelRow(
            plan, plan_label(plan), tuple(counts[l] if applicable(views.lineage, plan, l) else "—" for l in LABELS)
        )
        for plan, counts in label_counts_by_plan(views.lineage)
    ]
    linked = len(linked_tasks(views.lineage))
    return render_template(
        "lineage_index.md.j2",
        site=site,
        continuity_hrefs={
            p.id: relative(LINEAGE_PAGE, Target(overview_page(p.id), "continuity")) for p in site.corpus.plans
        },
        href=dict(
            about=relative(LINEAGE_PAGE, Target(ABOUT_PAGE, "lineage")),
            topics=relative(LINEAGE_PAGE, Target(TOPICS_INDEX)),
        ),
        linked=linked,
        related_only=len(lined) - linked,  # a line page, but only related pairs
        origins=Counter(link.origin for link in views.lineage.links),
        blocks=[(block, [(row, plan_label(row), cells) for row, cells in block.rows]) for block in blocks],
        across=across,
        label_rows=label_rows,
        line_groups=line_groups(site, lined),
        line_pages=len(lined),
    )


def review_page(site: Site, progress: ReviewProgress, left: list[PlanLeft]) -> str:
    """The review's summary: progress, what is left per plan (each on a page of its own),
    the decisions per pair of plans, the rejected links, the standard."""
    lineage = site.views.lineage
    shown = [i for l in lineage.rejected for i in (l.successor, l.predecessor)]
    return render_template(
        "lineage_review.md.j2",
        site=site,
        progress=progress,
        left=left,
        left_hrefs={entry.plan.id: relative(REVIEW_PAGE, Target(review_plan_page(entry.plan.id))) for entry in left},
        rows=review_by_pair(lineage, site.line_years),
        task_hrefs={i: site.sitemap.href(REVIEW_PAGE, i) for i in shown},
    )


def review_left_page(site: Site, left: PlanLeft) -> str:
    """What is left to review of one plan's tasks: its unreviewed links, and its unread pairs
    counted per earlier plan (each listed on a page of its own, :func:`review_pair_left_page`)."""
    page = review_plan_page(left.plan.id)
    shown = [i for l in left.links for i in (l.successor, l.predecessor)]
    groups = left.by_earlier()
    return render_template(
        "lineage_review_plan.md.j2",
        site=site,
        left=left,
        review_href=relative(page, Target(REVIEW_PAGE)),
        task_hrefs={i: site.sitemap.href(page, i) for i in shown},
        compare_hrefs={
            (l.successor, l.predecessor): relative(page, site.sitemap.comparison(l.successor, l.predecessor))
            for l in left.links
        },
        pair_hrefs={
            earlier.id: relative(page, Target(review_pair_page(left.plan.id, earlier.id))) for earlier, _ in groups
        },
        none_counts={earlier.id: sum(left.proposes_none(t.id, earlier.id) for t in tasks) for earlier, tasks in groups},
    )


def review_pair_left_page(site: Site, left: PlanLeft, earlier: Plan, tasks: tuple[Task, ...]) -> str:
    """One plan's tasks left to read against one earlier plan, with the review queue."""
    page = review_pair_page(left.plan.id, earlier.id)
    candidates = [c for t in tasks for c in left.shown(t.id, earlier.id)]
    shown = [t.id for t in tasks] + [c.task.id for c in candidates] + [c.via.id for c in candidates if c.via]
    return render_template(
        "lineage_review_pair.md.j2",
        site=site,
        left=left,
        earlier=earlier,
        tasks=tasks,
        plan_href=relative(page, Target(review_plan_page(left.plan.id))),
        review_href=relative(page, Target(REVIEW_PAGE)),
        task_hrefs={i: site.sitemap.href(page, i) for i in shown},
        plan_names={p.id: p.meta.short_name for p in site.corpus.plans},
        shown=SHOWN,
        depth=DEPTH,
    )


def task_page(site: Site, task: Task, renderer: LineageRenderer | None = None) -> str:
    renderer = renderer or LineageRenderer.of(site)
    views = site.views
    before, after = line_pairs(views, task.id, site.line_years)
    shown = [p for p in (*before, *after) if p.direct]  # the others are computed on demand
    folded = [p for p in before if not p.direct]
    page = lineage_page(task.id)
    line = policy_line(views, task.id, site.line_years)
    nodes = line.nodes
    return render_template(
        "lineage_task.md.j2",
        site=site,
        task=task,
        plan=site.plans[task.plan_id],
        # as the diagram, the cards, the panels and tasks.json name it (not the printed (二)…。)
        heading=f"{task.title}（{task.id}）" if task.title in renderer.shared_titles else task.title,
        line=line,
        diagram=diagram(line),
        diagram_desc=diagram_text(line),
        titles={node.task.id: node.task.title for node in nodes},
        has_related=any(node.role == "related" for node in nodes),
        links=task_links(site, page, task),
        before=before,
        after=after,
        compared={pair.other.id: renderer.comparison(pair) for pair in shown},
        data_hrefs={i: html_file(page, compare_data(i)) for p in folded for i in (p.earlier.id, p.later.id)},
        href=dict(
            lineage=relative(page, Target(LINEAGE_PAGE)),
            overview=relative(page, Target(overview_page(task.plan_id))),
            task=site.sitemap.href(page, task.id),
        ),
        node_hrefs={
            node.task.id: site.sitemap.html_href(page, node.task.id) for _, nodes in line.columns for node in nodes
        },
        overview_hrefs={p.id: renderer.href(Target(overview_page(p.id))) for p, _ in line.columns},
        line_hrefs={i: renderer.href(site.sitemap.line(i)) for i in line_task_ids(line)},
        further_hrefs={
            p.other.id: relative(page, site.sitemap.comparison(p.other.id, task.id)) for p in after if not p.direct
        },
    )


def diagram_text(line: PolicyLine) -> str:
    """The diagram's description: how many tasks of how many plans, and how they are drawn."""
    nodes = line.nodes
    plans = sum(1 for _, found in line.columns if found)
    direct = sum(1 for n in nodes if n.direct and n.role != "focus")
    return (
        f"{plans} 份规划中的 {len(nodes)} 项任务，其中 {direct} 项与本任务直接相连；"
        "连线为前后承接（实线为强，虚线为弱，点线为相关条款）。下方列表给出同样的内容。"
    )


def line_task_ids(line: PolicyLine) -> list[str]:
    """The tasks of a policy line whose own lines its page links to: its nodes and the
    tasks beyond its window."""
    return [node.task.id for _, nodes in line.columns for node in nodes] + [*line.beyond_earlier, *line.beyond_later]


def compare_files(site: Site) -> Iterator[tuple[str, bytes]]:
    """The compare data of every task with a policy line (:meth:`LineageRenderer.record`),
    one JSON file each (``urls.compare_data``): its pages fold the comparisons with tasks no
    link joins to it, and the browser computes them when the reader opens one."""
    if site.lineage is None:
        return
    renderer = LineageRenderer.of(site)
    for task in site.corpus.tasks:
        if has_line(site.lineage, task.id):
            record = json.dumps(renderer.record(task), ensure_ascii=False, separators=(",", ":"))
            yield compare_data(task.id), record.encode("utf-8")


def pages(site: Site) -> Iterator[Page]:
    """Every lineage page as (source path under docs/, Markdown, in the navigation?)."""
    if site.lineage is None:
        return
    yield Page(LINEAGE_PAGE, index_page(site))
    progress = review_progress(site.views.lineage, site.line_years)
    left = left_by_plan(site.views.lineage, progress)
    yield Page(REVIEW_PAGE, review_page(site, progress, left), in_nav=False)
    for entry in left:
        yield Page(review_plan_page(entry.plan.id), review_left_page(site, entry), in_nav=False)
        for earlier, tasks in entry.by_earlier():
            page = review_pair_left_page(site, entry, earlier, tasks)
            yield Page(review_pair_page(entry.plan.id, earlier.id), page, in_nav=False)
    renderer = LineageRenderer.of(site)
    for task in site.corpus.tasks:
        if has_line(site.lineage, task.id):
            yield Page(lineage_page(task.id), task_page(site, task, renderer), in_nav=False)


__all__ = [
    "LineEntry",
    "LineGroup",
    "LineageRenderer",
    "compare_files",
    "index_page",
    "line_groups",
    "pages",
    "review_left_page",
    "review_page",
    "task_page",
]
