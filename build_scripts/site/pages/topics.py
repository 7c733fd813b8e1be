"""The topic pages (专题脉络): the index, in the navigation under 跨规划脉络, and one page per policy domain.

Pipeline place: a page producer (``build.PRODUCERS``) over ``Site.topics`` (``topics.build``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..templating import render_template
from . import Page


def pages(site) -> Iterator[Page]:
    """The topic index (in the navigation) and one page per domain, as (path, Markdown, in nav?)."""
    from ..urls import TOPICS_INDEX, topic_page

    if site.topics is None:
        return
    yield Page(TOPICS_INDEX, render_template("topics_index.md.j2", site=site, page=TOPICS_INDEX))
    for topic in site.topics.topics:
        page = topic_page(topic.id)
        yield Page(page, render_template("topic_page.md.j2", site=site, topic=topic, page=page), in_nav=False)
