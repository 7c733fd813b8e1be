"""The plan pages: all plans, each plan's overview, chapter pages and full text, and the sources page.

Pipeline place: a page producer (``build.PRODUCERS``): computes what each page shows
and passes it to its template.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.model import Plan
from ...ingest.sources import line_breaks, special_characters
from ...lineage.graph import LABELS
from ..lineage_views import applicable, continuity
from ..load import Site
from ..templating import render_template
from ..urls import PLANS_INDEX, SOURCES_PAGE, full_text_page, overview_page
from ..views import containing_plans, full_text_parts, plan_label, plan_of
from . import Page


def section_page(site: Site, page: str) -> str:
    section = site.sitemap.pages[page]
    plan = plan_of(site, section)
    return render_template("section_page.md.j2", site=site, plan=plan, section=section, page=page)


def continuity_context(site: Site, plan: Plan) -> dict:
    """What ``lineage_continuity.md.j2`` (in the overview) shows: the plan's continuity,
    the labels its tasks can carry, and the labels of the plans it follows."""
    if site.lineage_views is None:
        return {}
    c = continuity(site.lineage_views, plan)
    return dict(
        c=c,
        continuity_labels=[label for label in LABELS if applicable(site.lineage_views.lineage, plan, label)],
        previous_labels={p.id: plan_label(p) for p in c.previous},
    )


def overview(site: Site, plan: Plan) -> str:
    return render_template(
        "overview.md.j2", site=site, plan=plan, page=overview_page(plan.id), **continuity_context(site, plan)
    )


def full_text(site: Site, plan: Plan) -> str:
    return render_template(
        "full_text.md.j2", site=site, plan=plan, page=full_text_page(plan.id), parts=full_text_parts(plan)
    )


def sources(site: Site) -> str:
    files = sorted(
        [(p.source, p) for p in site.corpus.plans] + [(e.source, e) for e in site.corpus.excerpts],
        key=lambda pair: pair[0].name,
    )
    return render_template(
        "sources.md.j2",
        site=site,
        files=files,
        page=SOURCES_PAGE,
        breaks={source.name: line_breaks(source.text) for source, _ in files},
        specials={source.name: special_characters(source.text) for source, _ in files},
    )


def plans_index(site: Site) -> str:
    return render_template("plans_index.md.j2", site=site, page=PLANS_INDEX, containing=containing_plans(site))


def pages(site: Site) -> Iterator[Page]:
    """Every generated page as (source path under docs/, Markdown)."""
    yield Page(PLANS_INDEX, plans_index(site))
    chapters: dict[str, list[str]] = {plan.id: [] for plan in site.corpus.plans}
    for page, section in site.sitemap.pages.items():  # one pass, not one per plan
        chapters[plan_of(site, section).id].append(page)
    for plan in site.corpus.plans:
        yield Page(overview_page(plan.id), overview(site, plan))
        for page in chapters[plan.id]:
            yield Page(page, section_page(site, page))
        yield Page(full_text_page(plan.id), full_text(site, plan))
    yield Page(SOURCES_PAGE, sources(site))
