"""The page producers: one module per page type, each with ``pages(site)`` yielding :class:`Page` records.

Pipeline place: the top of the site layer. ``build.PRODUCERS`` lists the producers;
``build.build`` runs them and returns the pages with the navigation and the static files.
A producer renders through ``templating.render_template`` and names its pages by the URL
rule (``urls``); it never writes a file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

FRONT_TITLE = "title: "  # the front-matter line that carries a page's title (views.front_title)


@dataclass(frozen=True)
class Page:
    """One generated page: its source path under ``docs/`` (``urls``), its Markdown (front
    matter included), and whether it is listed in the navigation (pages outside it are
    reached by links: term pages, policy-line pages …)."""

    path: str
    markdown: str
    in_nav: bool = True

    @property
    def title(self) -> str | None:
        """The front matter's ``title`` (escaped HTML text, ``escaping.title``), if any."""
        lines = self.markdown.split("\n")
        if not lines or lines[0] != "---":
            return None
        for line in lines[1:]:
            if line == "---":
                return None
            if line.startswith(FRONT_TITLE):
                value = json.loads(line[len(FRONT_TITLE) :])
                return value if isinstance(value, str) else None
        return None


__all__ = ["Page"]
