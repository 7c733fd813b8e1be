"""The sidebar of pages outside the navigation: the top level only, sections collapsed.

Pipeline place: render stage, at MkDocs' page-context step (``hooks.on_page_context``);
it changes nothing but which navigation the theme draws on such a page.

Most pages are outside the navigation: one policy-line page per linked task, one page per
term, one per indicator series. Material draws the whole navigation into every page, so
each of them would list every plan. That is a cost of pages × plans — the dominant one
once there are many plans — and it buys the reader of a term page nothing a short list
does not. Those pages get the top level instead: each top-level page as it is, each
top-level section as a single link to its first page (规划文本 → 全部规划), whose content
lists what the section holds. Pages in the navigation keep Material's full sidebar.
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


def top_level(nav: Navigation) -> Navigation:
    """``nav`` reduced to its top level, each section a link to its first page."""
    items = [Link(item.title, first_page(item).url) if isinstance(item, Section) else item for item in nav.items]
    return Navigation(items, nav.pages)
