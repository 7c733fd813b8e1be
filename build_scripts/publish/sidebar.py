"""The sidebar of pages outside the navigation: the top level only, sections collapsed.

Pipeline place: the publish layer, at MkDocs' page-context step (``plugin.SitePlugin.on_page_context``);
it changes nothing but which navigation the theme draws on such a page.

Most pages are outside the navigation: one policy-line page per linked task, one page per
term, one per indicator series. Material draws the whole navigation into every page, so
each of them would list every plan. That is a cost of pages × plans — the dominant one
once there are many plans — and it buys the reader of a term page nothing a short list
does not. Those pages get the top level instead: each top-level page as it is, each
top-level section as a single link to its first page (规划文本 → 全部规划), whose content
lists what the section holds. Pages in the navigation keep Material's full sidebar.

The reader still sees where such a page belongs: the top-level entry whose address is the
longest prefix of the page's (术语 for ``terms/…``, 指标 for ``indicators/series/…``, 跨规划脉络
for ``lineage/…``) is drawn as the current section (``SectionLink``, active).
"""

from __future__ import annotations

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page


def in_navigation(page: Page) -> bool:
    return page.file.inclusion.is_in_nav()


def first_page(section: Section) -> Page:
    """The first page of a section, depth first (a section always holds one)."""
    for child in section.children:
        if isinstance(child, Section):
            return first_page(child)
        if isinstance(child, Page):
            return child
    raise ValueError(f"navigation section {section.title!r} holds no page")


class SectionLink(Link):
    """A top-level entry drawn as the section of the page being read."""

    active = True


def section_index(items: list, url: str) -> int | None:
    """Index of the entry whose (non-empty) address is the longest prefix of ``url``."""
    best = None
    for i, item in enumerate(items):
        if item.url and url.startswith(item.url) and (best is None or len(item.url) > len(items[best].url)):
            best = i
    return best


def _reduced(nav: Navigation) -> list:
    return [Link(item.title, first_page(item).url) if isinstance(item, Section) else item for item in nav.items]


def current_section(nav: Navigation, url: str) -> int | None:
    """Which top-level entry a page at ``url`` belongs to (None: none does)."""
    return section_index(_reduced(nav), url)


def top_level(nav: Navigation, url: str = "") -> Navigation:
    """``nav`` reduced to its top level, each section a link to its first page; the entry
    that ``url`` (a page outside the navigation) belongs to is marked as its section."""
    items = _reduced(nav)
    current = section_index(items, url)
    if current is not None:
        items[current] = SectionLink(items[current].title, items[current].url)
    return Navigation(items, nav.pages)
