"""Generated fragments in hand-written pages: ``<!-- name -->`` markers in ``docs/*.md``.

Pipeline place: beside the page producers; the MkDocs hook calls :func:`fill_markers` in
``on_page_markdown`` and ``write-docs`` before it writes a hand-written page. A marker
that names no fragment is an error at ``docs/<page>:line`` (a :class:`DataError`): a typo
must not leave a page silently without its table.
"""

from __future__ import annotations

import re

from ...core.errors import DataError, Problem
from .. import perf_page
from ..lineage_views import review_progress
from ..load import Site
from ..templating import render_template
from ..views import captions, containing_plans

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
}


def context(site: Site, name: str) -> dict:
    """What the fragment ``name`` shows besides the site (computed here, not by its template)."""
    if name == "plans-timeline":
        return dict(containing=containing_plans(site))
    if name == "about-limits":
        return dict(found=captions(site))
    if name == "about-lineage":
        return dict(progress=review_progress(site.views.lineage), settings=site.lineage_settings)
    return {}


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
        return render_template(FRAGMENTS[name], site=site, page=page, **context(site, name)).rstrip("\n")

    return MARKER.sub(replace, markdown)


def known_markers() -> set[str]:
    return {*FRAGMENTS, BENCHMARK_REPORT}


__all__ = ["FRAGMENTS", "MARKER", "fill_markers", "known_markers"]
