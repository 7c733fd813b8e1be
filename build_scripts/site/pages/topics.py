"""The topic pages (专题脉络): the index, in the navigation under 跨规划脉络, and one page per policy domain.

Pipeline place: a page producer (``build.PRODUCERS``) over ``Site.topics`` (``topics.build``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Site
from ..templating import render_template
from ..termmarks import figure_links
from ..topics import Topic
from ..urls import TOPICS_INDEX, topic_page
from . import Page


def topic_markdown(site: Site, topic: Topic) -> str:
    page = topic_page(topic.id)
    figures = (
        [(name, figure_links(site.indicators, page, found)) for _, name, found in topic.by_indicator(site.indicators)]
        if site.indicators is not None
        else []
    )
    return render_template("topic_page.md.j2", site=site, topic=topic, page=page, figures=figures)


def pages(site: Site) -> Iterator[Page]:
    """The topic index (in the navigation) and one page per domain, as (path, Markdown, in nav?)."""
    if site.topics is None:
        return
    yield Page(TOPICS_INDEX, render_template("topics_index.md.j2", site=site, page=TOPICS_INDEX))
    for topic in site.topics.topics:
        yield Page(topic_page(topic.id), topic_markdown(site, topic), in_nav=False)
