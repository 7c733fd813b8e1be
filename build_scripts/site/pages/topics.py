"""The topic pages (专题脉络): the index, in the navigation under 跨规划脉络, and one page per policy domain.

Pipeline place: a page producer (``build.PRODUCERS``) over ``Site.topics`` (``topics.build``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...core.model import Task
from ..lineage_views import has_line
from ..load import Site
from ..templating import render_template
from ..termmarks import figure_links
from ..topics import Topic
from ..urls import ABOUT_PAGE, LINEAGE_PAGE, TOPICS_INDEX, Target, html_relative, relative, topic_page
from ..views import plan_label, task_heading
from . import Page


@dataclass(frozen=True)
class TopicLink:
    """A task at the other end of a link inside the domain: its id, its plan's name and the
    links (raw HTML) to it and to the comparison of the pair."""

    id: str
    plan_name: str
    href: str
    compare_href: str


@dataclass(frozen=True)
class TopicTask:
    """A task of the domain as its topic page shows it: heading and link, lineage labels,
    its policy line (``line_href`` empty: none), its links inside the domain and how many
    lead outside it."""

    id: str
    heading: str
    href: str
    labels: tuple[str, ...]
    line_href: str
    preds: tuple[TopicLink, ...]
    succs: tuple[TopicLink, ...]
    outside: int


def topic_task(site: Site, topic: Topic, page: str, task: Task) -> TopicTask:
    lineage = site.lineage
    assert lineage is not None  # topics are built with the lineage

    def other(task_id: str, pair: tuple[str, str]) -> TopicLink:
        name = site.plans[lineage.plan_of(task_id)].meta.short_name
        return TopicLink(
            task_id, name, site.sitemap.html_href(page, task_id), html_relative(page, site.sitemap.comparison(*pair))
        )

    preds = tuple(other(l.predecessor, (task.id, l.predecessor)) for l in topic.predecessors(task.id))
    succs = tuple(other(l.successor, (l.successor, task.id)) for l in topic.successors(task.id))
    links = len(lineage.predecessors(task.id)) + len(lineage.successors(task.id))
    line = html_relative(page, site.sitemap.line(task.id)) if has_line(lineage, task.id) else ""
    heading, href = task_heading(task), site.sitemap.html_href(page, task.id)
    return TopicTask(
        task.id, heading, href, tuple(lineage.labels(task.id)), line, preds, succs, links - len(preds) - len(succs)
    )


def topic_markdown(site: Site, topic: Topic) -> str:
    page = topic_page(topic.id)
    figures = (
        [(name, figure_links(site.indicators, page, found)) for _, name, found in topic.by_indicator(site.indicators)]
        if site.indicators is not None
        else []
    )
    plans = site.corpus.plans
    return render_template(
        "topic_page.md.j2",
        site=site,
        topic=topic,
        figures=figures,
        tasks_by_plan={p.id: tuple(topic_task(site, topic, page, t) for t in topic.tasks_of(p.id)) for p in plans},
        plan_labels={p.id: plan_label(p) for p in plans},
        href=common_hrefs(page),
    )


def common_hrefs(page: str) -> dict[str, str]:
    """The topic pages' links to the 跨规划脉络 page, the topic index and the rule of domains."""
    return dict(
        lineage=relative(page, Target(LINEAGE_PAGE)),
        index=relative(page, Target(TOPICS_INDEX)),
        about=relative(page, Target(ABOUT_PAGE, "topics")),
    )


def index_markdown(site: Site) -> str:
    assert site.topics is not None
    topic_hrefs = {t.id: relative(TOPICS_INDEX, Target(topic_page(t.id))) for t in site.topics.topics}
    task_counts = {t.id: {p.id: len(t.tasks_of(p.id)) for p in site.corpus.plans} for t in site.topics.topics}
    return render_template(
        "topics_index.md.j2",
        site=site,
        topic_hrefs=topic_hrefs,
        task_counts=task_counts,
        href=common_hrefs(TOPICS_INDEX),
    )


def pages(site: Site) -> Iterator[Page]:
    """The topic index (in the navigation) and one page per domain, as (path, Markdown, in nav?)."""
    if site.topics is None:
        return
    yield Page(TOPICS_INDEX, index_markdown(site))
    for topic in site.topics.topics:
        yield Page(topic_page(topic.id), topic_markdown(site, topic), in_nav=False)
