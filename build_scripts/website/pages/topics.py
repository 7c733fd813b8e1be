"""The topic pages (专题脉络): the index, in the navigation under 跨规划脉络, and one page per policy domain.

Pipeline place: a page producer (``build.PRODUCERS``) over ``Site.topics`` (``topics.build``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...core.model import Task
from ...lineage.graph import PREDECESSOR, RELATED, SUCCESSOR, Relation
from ..lineage_views.lines import has_line
from ..load import Site
from ..templating import render_template
from ..termmarks import figure_links
from ..topics import Topic
from ..urls import ABOUT_PAGE, LINEAGE_PAGE, TOPICS_INDEX, Target, html_relative, relative, topic_page
from ..views import plan_label
from . import Page


@dataclass(frozen=True)
class TopicLink:
    """A task at the other end of a link inside the domain: its id, its plan's name and the
    links (raw HTML) to it and to the comparison of the pair."""

    id: str
    title: str
    plan_name: str
    href: str
    compare_href: str  # "" for a related pair (no comparison)
    kind: str  # STRONG, WEAK (a link) or RELATED (lineage_views.LineEdge kinds)
    role: str = ""  # PREDECESSOR, SUCCESSOR or RELATED: what it is to the task
    topics: tuple[tuple[str, str], ...] = ()  # a task of other domains: (label, href) of each


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
    related: tuple[TopicLink, ...]
    outside: tuple[TopicLink, ...]  # relations (Lineage.relations) to tasks of other domains


def topic_task(site: Site, topic: Topic, page: str, task: Task) -> TopicTask:
    """A task with its relations (``Lineage.relations``, as every page tells them) inside the
    domain, and how many lead outside it."""
    lineage = site.lineage
    assert lineage is not None  # topics are built with the lineage

    def other(r: Relation, domains: tuple[tuple[str, str], ...] = ()) -> TopicLink:
        name = site.plans[lineage.plan_of(r.other)].meta.short_name
        pair = (task.id, r.other) if r.role == PREDECESSOR else (r.other, task.id)
        compare = html_relative(page, site.sitemap.comparison(*pair)) if r.role != RELATED else ""
        title = site.tasks[r.other].title
        href = site.sitemap.html_href(page, r.other)
        return TopicLink(r.other, title, name, href, compare, r.strength or RELATED, r.role, domains)

    def domains(task_id: str) -> tuple[tuple[str, str], ...]:
        assert site.topics is not None
        return tuple((t.label, html_relative(page, Target(topic_page(t.id)))) for t in site.topics.of_task(task_id))

    relations = lineage.relations(task.id)
    inside = [r for r in relations if r.other in topic.member_ids]
    # named, not only counted: a line runs on through tasks the rule of domains put elsewhere
    outside = tuple(other(r, domains(r.other)) for r in relations if r.other not in topic.member_ids)
    preds, succs, related = (
        tuple(other(r) for r in inside if r.role == role) for role in (PREDECESSOR, SUCCESSOR, RELATED)
    )
    line = html_relative(page, site.sitemap.line(task.id)) if has_line(lineage, task.id) else ""
    heading, href = task.title, site.sitemap.html_href(page, task.id)  # as the 承接 links and the data name it
    return TopicTask(
        task.id,
        heading,
        href,
        tuple(lineage.labels(task.id)),
        line,
        preds,
        succs,
        related,
        outside,
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
