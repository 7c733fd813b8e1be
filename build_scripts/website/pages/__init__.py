"""The page producers: one module per page type, each with ``pages(site)`` yielding :class:`Page` records.

Pipeline place: the top of the site layer. ``build.PRODUCERS`` lists the producers;
``build.build`` runs them and returns the pages with the navigation and the static files.
A producer renders through ``templating.render_template`` and names its pages by the URL
rule (``urls``); it never writes a file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

FRONT_MATTER = "---"
FRONT_TITLE = "title: "  # the front-matter line that carries a page's title (views.front_title)
HEADING = "# "
ATTR_LIST = re.compile(r"\s*\{:[^}]*\}\s*$")  # `{: #anchor }` after a heading (attr_list)


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
        """The page's title as MkDocs takes it: the front matter's ``title`` (escaped HTML text,
        ``escaping.title``), else the first level-1 heading (Markdown, without its attribute
        list); None if the page has neither."""
        lines = self.markdown.split("\n")
        body = lines
        if lines and lines[0] == FRONT_MATTER:
            end = lines.index(FRONT_MATTER, 1) if FRONT_MATTER in lines[1:] else len(lines)
            for line in lines[1:end]:
                if line.startswith(FRONT_TITLE):
                    value = json.loads(line[len(FRONT_TITLE) :])
                    return value if isinstance(value, str) else None
            body = lines[end + 1 :]
        for line in body:
            if line.startswith(HEADING):
                return ATTR_LIST.sub("", line[len(HEADING) :]).strip()
        return None


__all__ = ["Page"]
