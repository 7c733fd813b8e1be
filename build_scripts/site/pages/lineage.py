"""The lineage pages: the 脉络 overview, one page per linked task, the review list.

Pipeline place: like ``render`` (whose Jinja environment, filters and :class:`Site` it
uses), called by ``hooks.on_files``; the rules (compare view, policy lines, continuity,
review lists) are in ``lineage_views``.

Page granularity: **one page per task that has any link** (``lineage/<task id>.md``),
holding both its policy line (anchor ``line``) and, stacked, its comparisons (anchor
``vs-<other task id>``): with every earlier task of its line — the direct predecessors
open, the tasks reached through others folded in ``<details>`` — and with its direct
successors, so the earliest task of a line has its comparisons too (its further
descendants link to the comparison on their pages; ``lineage_views``). A pair shown on both
pages is rendered once (``render.comparison_html``): every lineage page lies at the same
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

from collections.abc import Iterator

from ...core.model import Task
from ..lineage_views import has_line
from ..load import Site
from ..templating import render_template
from ..urls import LINEAGE_PAGE, REVIEW_PAGE, lineage_page
from . import Page


def index_page(site: Site) -> str:
    return render_template("lineage_index.md.j2", site=site, page=LINEAGE_PAGE)


def review_page(site: Site) -> str:
    return render_template("lineage_review.md.j2", site=site, page=REVIEW_PAGE)


def task_page(site: Site, task: Task) -> str:
    plan = site.plans[task.plan_id]
    return render_template("lineage_task.md.j2", site=site, task=task, plan=plan, page=lineage_page(task.id))


def pages(site: Site) -> Iterator[Page]:
    """Every lineage page as (source path under docs/, Markdown, in the navigation?)."""
    if site.lineage is None:
        return
    yield Page(LINEAGE_PAGE, index_page(site))
    yield Page(REVIEW_PAGE, review_page(site), in_nav=False)
    for task in site.corpus.tasks:
        if has_line(site.lineage, task.id):
            yield Page(lineage_page(task.id), task_page(site, task), in_nav=False)


__all__ = ["index_page", "pages", "review_page", "task_page"]
