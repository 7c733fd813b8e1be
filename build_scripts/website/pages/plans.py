"""The plan pages: all plans, each plan's overview, chapter pages and full text, and the sources page.

Pipeline place: a page producer (``build.PRODUCERS``): computes what each page shows
and passes it to its template.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...core.model import DifferenceKind, Excerpt, Plan
from ...ingest.sources import line_breaks, special_characters
from ...lineage.graph import LABELS
from ..lineage_views.continuity import applicable, continuity
from ..load import Site
from ..plan_views import (
    Crumb,
    block_views,
    chapter_rows,
    cite,
    crumbs,
    plan_facts,
    plan_hrefs,
    plan_terms,
    section_view,
)
from ..templating import render_template
from ..urls import (
    LINEAGE_PAGE,
    PLANS_INDEX,
    SOURCES_PAGE,
    Target,
    full_text_page,
    html_relative,
    indicator_plan_page,
    overview_page,
    readable_download,
    relative,
    source_download,
)
from ..views import (
    chapter_count,
    containing_plans,
    front_title,
    full_text_parts,
    page_label,
    plan_label,
    plan_of,
    source_anchor,
    tasks_on_page,
)
from . import Page


def section_page(site: Site, page: str) -> str:
    """A chapter page: ``section`` (the record: role, tasks), its ``view`` (plan_views tree),
    the page's breadcrumb, its title and how many of the section's tasks it shows itself."""
    section = site.sitemap.pages[page]
    plan = plan_of(site, section)
    return render_template(
        "section_page.md.j2",
        section=section,
        view=section_view(site, page, section),
        crumbs=crumbs(site, page, plan.id, (s.key for s in site.ancestors(section.key))),
        title=front_title(plan.meta.short_name + " " + page_label(section)),
        here=len(tasks_on_page(site, section)),
    )


def continuity_context(site: Site, plan: Plan) -> dict:
    """What ``lineage_continuity.md.j2`` (in the overview) shows: the plan's continuity
    (``c``, None without a lineage), the labels its tasks can carry, the labels of the plans
    it follows and the links: to the earlier plans' continuity, to the 跨规划脉络 page and to
    the new and the dropped tasks."""
    if site.lineage_views is None:
        return dict(c=None)
    c = continuity(site.lineage_views, plan)
    page = overview_page(plan.id)
    return dict(
        c=c,
        continuity_labels=[label for label in LABELS if applicable(site.lineage_views.lineage, plan, label)],
        previous_labels={p.id: plan_label(p) for p in c.previous},
        continuity_hrefs={e.plan.id: relative(page, Target(overview_page(e.plan.id), "continuity")) for e in c.earlier},
        lineage_href=relative(page, Target(LINEAGE_PAGE)),
        task_hrefs={t.id: site.sitemap.href(page, t.id) for t in c.new + c.dropped},
    )


def overview_hrefs(site: Site, plan: Plan) -> dict[str, str]:
    """The overview's links to the plans index, its source file, its 原文 and its figures."""
    page = overview_page(plan.id)
    return dict(
        plans_index=relative(page, Target(PLANS_INDEX)),
        source=relative(page, Target(SOURCES_PAGE, source_anchor(plan.meta.source))),
        full_text=relative(page, Target(full_text_page(plan.id))),
        indicators=relative(page, Target(indicator_plan_page(plan.id))),
    )


def overview(site: Site, plan: Plan) -> str:
    """A plan's overview: ``plan`` (the record: meta, tasks), its links, chapters, front and
    back matter (plan_views), figure count and terms (None: the site has none), continuity."""
    page = overview_page(plan.id)
    return render_template(
        "overview.md.j2",
        plan=plan,
        title=front_title(plan.meta.short_name + " 概览"),
        href=overview_hrefs(site, plan),
        chapter_count=chapter_count(plan),
        chapters=chapter_rows(site, page, plan),
        front=block_views(site, page, plan.front),
        back=block_views(site, page, plan.back),
        indicator_count=None if site.indicators is None else len(site.indicators.of_plan(plan.id)),
        terms=None if site.annotations is None else plan_terms(site.annotations, page, plan),
        cite=cite(site, plan),
        facts=plan_facts(plan.meta),
        jsonld=plan_jsonld(site, plan),
        **continuity_context(site, plan),
    )


def plan_jsonld(site: Site, plan: Plan) -> dict:
    """schema.org ``Legislation`` for search engines: the plan's title, period, language and,
    where recorded, issuer, number and date; its tasks as parts (addresses relative to the site
    root, resolved against the page)."""
    meta = plan.meta
    page = overview_page(plan.id)
    facts = {fact.field: fact.value for fact in plan_facts(meta) if fact.value}  # stated, else recorded
    return {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": meta.title,
        "alternateName": meta.short_name,
        "inLanguage": "zh-Hans",
        "temporalCoverage": f"{meta.start_year}/{meta.end_year}",
        **({"legislationIdentifier": facts["doc_number"]} if "doc_number" in facts else {}),
        **({"legislationDate": facts["issue_date"]} if "issue_date" in facts else {}),
        **(
            {"legislationPassedBy": {"@type": "GovernmentOrganization", "name": facts["issuer"]}}
            if "issuer" in facts
            else {}
        ),
        **({"sameAs": facts["official_url"]} if "official_url" in facts else {}),
        "hasPart": [
            {
                "@type": "CreativeWork",
                "identifier": task.id,
                "name": task.title,
                "url": html_relative(page, site.sitemap.target(task.id)),
            }
            for task in plan.tasks
        ],
    }


def full_text(site: Site, plan: Plan) -> str:
    """The 原文: its parts (views.FullTextPart), its links, and each task's (raw HTML) link."""
    page = full_text_page(plan.id)
    href = dict(
        overview=relative(page, Target(overview_page(plan.id))),
        source=relative(page, Target(SOURCES_PAGE, source_anchor(plan.meta.source))),
    )
    task_hrefs = {task.id: site.sitemap.html_href(page, task.id) for task in plan.tasks}
    return render_template(
        "full_text.md.j2",
        plan=plan,
        title=front_title(plan.meta.short_name + " 原文"),
        href=href,
        task_hrefs=task_hrefs,
        parts=full_text_parts(plan),
    )


def excerpt_links(site: Site, excerpts: Iterable[Excerpt]) -> dict:
    """The sources page's links for the excerpts: the first and last section each covers
    (by file name) and each task it touches; and how many differences of each kind each has."""

    def end(key: str) -> Crumb:
        return Crumb(page_label(site.sections[key]), site.sitemap.href(SOURCES_PAGE, key))

    excerpts = list(excerpts)
    return dict(
        excerpt_ends={e.source.name: (end(e.first_section), end(e.last_section)) for e in excerpts},
        task_hrefs={i: site.sitemap.href(SOURCES_PAGE, i) for e in excerpts for i in e.task_ids},
        difference_counts={e.source.name: {kind: e.count(kind) for kind in DifferenceKind} for e in excerpts},
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
        breaks={source.name: line_breaks(source.text) for source, _ in files},
        specials={source.name: special_characters(source.text) for source, _ in files},
        anchors={source.name: source_anchor(source.name) for source, _ in files},
        downloads={source.name: relative(SOURCES_PAGE, Target(source_download(source.name))) for source, _ in files},
        facts={plan.id: plan_facts(plan.meta) for plan in site.corpus.plans},
        readable={
            plan.source.name: relative(SOURCES_PAGE, Target(readable_download(plan.id, plan.meta.title)))
            for plan in site.corpus.plans
        },
        **plan_hrefs(site.corpus.plans, SOURCES_PAGE),
        **excerpt_links(site, site.corpus.excerpts),
    )


def plans_index(site: Site) -> str:
    return render_template(
        "plans_index.md.j2", site=site, containing=containing_plans(site), **plan_hrefs(site.corpus.plans, PLANS_INDEX)
    )


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
    yield Page(SOURCES_PAGE, sources(site), in_nav=False)  # 维护与方法 (navigation.MAINTENANCE)
