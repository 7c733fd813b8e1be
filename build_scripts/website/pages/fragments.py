"""Generated fragments in hand-written pages: ``<!-- name -->`` markers in ``docs/*.md``.

Pipeline place: beside the page producers; the MkDocs plugin calls :func:`fill_markers` in
``on_page_markdown`` and ``write-docs`` before it writes a hand-written page. A marker
that names no fragment is an error at ``docs/<page>:line`` (a :class:`DataError`): a typo
must not leave a page silently without its table.
"""

from __future__ import annotations

import re

from ...core.errors import DataError, Problem
from ...core.model import TaskForm
from .. import perf_page
from ..dataset import CHANGELOG_PAGE
from ..export import DATA_FILES, DATAPACKAGE, schema_files
from ..lineage_views.review import review_progress
from ..load import Site
from ..navigation import maintenance
from ..plan_views import Crumb, plan_hrefs
from ..templating import render_template
from ..urls import (
    DATA_DIR,
    LINEAGE_PAGE,
    REVIEW_PAGE,
    SOURCES_PAGE,
    TOPICS_INDEX,
    Target,
    html_file,
    html_relative,
    relative,
)
from ..views import captions, containing_plans, page_label, plan_label, source_anchor

MARKER = re.compile(r"<!--\s*([a-z][a-z0-9-]*)\s*-->")
BENCHMARK_REPORT = "benchmark-report"  # docs/performance.md: the latest benchmarks/report.json


FRAGMENTS = {
    "plans-timeline": "timeline.md.j2",
    "plans-table": "plans_table.md.j2",
    "about-forms": "about_forms.md.j2",
    "about-rules": "about_rules.md.j2",
    "about-limits": "about_limits.md.j2",
    "about-lineage": "about_lineage.md.j2",
    "about-data": "about_data.md.j2",
    "about-indicators": "about_indicators.md.j2",
    "about-maintenance": "about_maintenance.md.j2",
}


def context(site: Site, name: str, page: str) -> dict:
    """What the fragment ``name`` on ``page`` shows besides the site (computed here, not by
    its template), its links relative to that page."""
    if name in ("plans-timeline", "plans-table", "about-forms"):
        labels = {plan.id: plan_label(plan) for plan in site.corpus.plans}
        return dict(containing=containing_plans(site), plan_labels=labels, **plan_hrefs(site.corpus.plans, page))
    if name == "about-limits":
        return limits_context(site, page)
    if name == "about-lineage":
        progress = review_progress(site.views.lineage, site.line_years)
        return dict(progress=progress, settings=site.lineage_settings, href=page_hrefs(page))
    if name == "about-maintenance":  # 维护与方法 but About itself
        pages = [(label, relative(page, Target(path)), note) for label, path, note in maintenance(site) if path != page]
        return dict(pages=pages)
    if name in ("about-data", "about-indicators"):
        files = (*DATA_FILES, DATAPACKAGE, *schema_files())
        return dict(file_hrefs={f: html_file(page, f"{DATA_DIR}/{f}") for f in files}, href=page_hrefs(page))
    return {}


def page_hrefs(page: str) -> dict[str, str]:
    """The site pages the about fragments link to, from ``page`` (``*_html``: for raw HTML)."""
    return dict(
        lineage=relative(page, Target(LINEAGE_PAGE)),
        topics=relative(page, Target(TOPICS_INDEX)),
        review_html=html_relative(page, Target(REVIEW_PAGE)),
        changelog_html=html_relative(page, Target(CHANGELOG_PAGE)),
    )


def limits_context(site: Site, page: str) -> dict:
    """The captions without their tables (each with its section's link), the tasks titled
    by their first clause and the excerpts, with their links."""
    found = [(plan, Crumb(page_label(s), site.sitemap.href(page, s.key)), b) for plan, s, b in captions(site)]
    clauses = [t for t in site.corpus.tasks if t.form == TaskForm.CLAUSE]
    excerpts = [
        (e, site.plans[e.plan_id].meta.short_name, relative(page, Target(SOURCES_PAGE, source_anchor(e.source.name))))
        for e in site.corpus.excerpts
    ]
    return dict(found=found, clauses=[(t, site.sitemap.href(page, t.id)) for t in clauses], excerpts=excerpts)


def fill_markers(site: Site, page: str, markdown: str) -> str:
    """Replace every ``<!-- name -->`` marker by its fragment; raise :class:`DataError`
    naming each unknown marker's line."""
    unknown = [
        Problem(
            f"docs/{page}",
            markdown.count("\n", 0, match.start()) + 1,
            f"unknown marker <!-- {match.group(1)} --> (expected one of {', '.join(sorted(known_markers()))})",
        )
        for match in MARKER.finditer(markdown)
        if match.group(1) not in known_markers()
    ]
    if unknown:
        raise DataError(unknown)

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name == BENCHMARK_REPORT:
            return perf_page.page_fragment(site.benchmarks)  # read by load_site, not here
        return render_template(FRAGMENTS[name], site=site, page=page, **context(site, name, page)).rstrip("\n")

    return MARKER.sub(replace, markdown)


def known_markers() -> set[str]:
    return {*FRAGMENTS, BENCHMARK_REPORT}


__all__ = ["FRAGMENTS", "MARKER", "fill_markers", "known_markers"]
