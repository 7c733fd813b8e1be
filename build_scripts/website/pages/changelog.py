"""The open data's changelog page: its releases with their change reports.

Pipeline place: a page producer (``build.PRODUCERS``); not in the navigation, the about page links it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..dataset import CHANGELOG_PAGE
from ..templating import render_template
from . import Page


def pages(site) -> Iterator[Page]:
    """The changelog page (not in the navigation; the about page links it)."""

    if site.dataset is not None:
        yield Page(
            CHANGELOG_PAGE,
            render_template("changelog.md.j2", site=site, dataset=site.dataset, page=CHANGELOG_PAGE),
            in_nav=False,
        )
