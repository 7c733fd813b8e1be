"""Stage 4b: the annotations → the term pages, the term index and each plan's term changes.

Pipeline place: ``render.load_site`` runs ``annotate`` once (``Site.annotations``); this
module turns those annotations into pages. ``hooks.py`` adds :func:`pages` as virtual
files: the index is in the navigation (``render.nav``: 术语), the ~200 term pages are
``not_in_nav`` (set on the generated files, so ``--strict`` nav validation stays quiet).

* ``terms/index.md`` — every term grouped by category (``terms.CATEGORY_LABELS``) with its
  count in each plan, and per plan how many terms first/last appear there;
* ``terms/<id>.md`` — the explanation, category, variants and the forms as printed, first
  and last appearance, counts per plan as an inline SVG bar chart (built here, no script;
  ``<title>``/``<desc>`` and a visible sentence as text alternative), and every occurrence
  grouped by plan in time order, then by place (task, section, front/back matter), each
  with a link to that place and the sentence it stands in, the term wrapped in ``<mark>``
  after escaping (``termmarks.highlight``) so the sentence stays verbatim;
* on each plan's overview (``plan_terms.md.j2``, included by ``overview.md.j2``): the terms
  the plan introduced (新出现) and those that do not appear after it (不再出现).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..core.model import Plan
from ..language.annotate import Occurrence, PlaceKind
from ..language.terms import CATEGORY_LABELS, Term, TermCategory
from . import escaping
from .render import Site, block_label, escape_html, page_label, render_template
from .termmarks import highlight
from .urls import TERMS_INDEX, html_relative, matter_target, term_page

CHART_ID = "term-chart"


def years(plan: Plan) -> str:
    meta = plan.meta
    return str(meta.start_year) if meta.start_year == meta.end_year else f"{meta.start_year}–{meta.end_year}"


# ---------------------------------------------------------------- views for the templates


@dataclass(frozen=True)
class SentenceView:
    html: str  # the verbatim sentence, escaped, the term's occurrences in <mark>
    hits: int


@dataclass(frozen=True)
class PlaceView:
    label: str  # task title, section label, 文前/文末
    note: str  # task id, or what part of the section (章节标题, 指导思想, ...)
    href: str  # final URL relative to the term page (raw HTML)
    sentences: tuple[SentenceView, ...]


@dataclass(frozen=True)
class PlanOccurrences:
    plan: Plan
    count: int
    places: tuple[PlaceView, ...]


def place_view(site: Site, page: str, group: list[Occurrence]) -> PlaceView:
    first = group[0]
    place = first.place
    if place.kind == PlaceKind.TASK:
        task = site.tasks[place.key]
        label, note, target = task.title, task.id, site.sitemap.target(task.id)
    elif place.kind == PlaceKind.SECTION:
        section = site.sections[place.key]
        label, target = page_label(section), site.sitemap.target(section.key)
        note = "章节标题" if first.block == section.heading else block_label(section)
    else:
        label = "文前" if place.kind == PlaceKind.FRONT else "文末"
        note, target = (
            "标题与印发通知" if place.kind == PlaceKind.FRONT else "结语与署名",
            matter_target(place.key, place.kind.value),
        )
    sentences: dict[tuple, list[Occurrence]] = {}
    for occurrence in group:
        sentences.setdefault((occurrence.block, occurrence.sentence), []).append(occurrence)
    views = []
    for (block, (start, end)), hits in sentences.items():
        spans = [(o.start - start, o.end - start) for o in hits]
        views.append(SentenceView(highlight(block.text[start:end], spans, escape_html), len(hits)))
    return PlaceView(label, note, html_relative(page, target), tuple(views))


def occurrences_by_plan(site: Site, term: Term) -> list[PlanOccurrences]:
    annotations = site.hits
    page = term_page(term.id)
    out = []
    for plan in site.corpus.plans:
        found = [o for o in annotations.occurrences[term.id] if o.plan_id == plan.id]
        if not found:
            continue
        groups: dict = {}
        for occurrence in found:
            groups.setdefault(occurrence.place, []).append(occurrence)
        out.append(PlanOccurrences(plan, len(found), tuple(place_view(site, page, g) for g in groups.values())))
    return out


def count_sentence(site: Site, term: Term) -> str:
    counts = site.hits.counts(term.id)
    parts = [f"{plan.meta.short_name}（{years(plan)}）{counts.get(plan.id, 0)} 次" for plan in site.corpus.plans]
    return f"“{term.term}”在各规划中的出现次数：" + "，".join(parts) + "。"


@dataclass(frozen=True)
class Bar:
    """One bar of :func:`bar_chart`: its height (any scale), the printed value and two labels."""

    height: float
    value: str
    label: str
    sublabel: str
    css: str = "bar"  # class of the rect (e.g. ``bar target`` for a hatched bar)


def _tick(value: float) -> str:
    """An axis value with at most three significant digits, no trailing zeros."""
    return f"{value:.3g}" if abs(value) < 1e6 else f"{value:,.0f}"


def bar_chart(
    chart_id: str, title: str, desc: str, bars: list[Bar], css: str = "term-chart-svg", y_unit: str = ""
) -> str:
    """Bars in the given order as inline SVG (no script) with ``<title>``/``<desc>`` as text
    alternative; a bar of height 0 shows its value greyed. Shared by the term and indicator pages.

    With ``y_unit`` (indicator series) the chart gets a y-axis: 0, half and the top value, and
    the unit above it; it is then never drawn smaller than its own size (``min-width`` in px),
    so that its 12 px labels stay 12 px on a phone (the figure scrolls sideways instead)."""
    top = max([bar.height for bar in bars] + [0]) or 1
    left = 64 if y_unit else 0
    column, bar_area, base = 110, 100, 128
    width = left + column * max(len(bars), 1)
    size = f' style="min-width: {width}px"' if y_unit else ""
    parts = [
        f'<svg class="{css}" viewBox="0 0 {width} 170"{size} role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" data-search-exclude>',
        f'<title id="{chart_id}-title">{escaping.text(title)}</title>',
        f'<desc id="{chart_id}-desc">{escaping.text(desc)}</desc>',
        f'<line class="axis" x1="{left}" y1="{base}" x2="{width}" y2="{base}"/>',
    ]
    if y_unit:
        parts.append(f'<line class="axis" x1="{left}" y1="{base - bar_area}" x2="{left}" y2="{base}"/>')
        for share in (0, 0.5, 1):
            y = base - bar_area * share
            parts.append(f'<line class="axis" x1="{left - 4}" y1="{y}" x2="{left}" y2="{y}"/>')
            parts.append(f'<text class="tick" x="{left - 7}" y="{y + 4}" text-anchor="end">{_tick(top * share)}</text>')
        parts.append(f'<text class="tick unit" x="0" y="12">单位：{escaping.text(y_unit)}</text>')
    for index, bar in enumerate(bars):
        height = round(bar_area * bar.height / top, 1)
        x = left + index * column + column / 2
        if bar.height:
            parts.append(
                f'<rect class="{bar.css}" x="{x - 22}" y="{base - height}" width="44" height="{height}" rx="2"/>'
            )
        parts.append(
            f'<text class="value{" zero" if not bar.height else ""}" x="{x}" y="{base - height - 6}" '
            f'text-anchor="middle">{escaping.text(bar.value)}</text>'
        )
        parts.append(
            f'<text class="label" x="{x}" y="{base + 18}" text-anchor="middle">{escaping.text(bar.label)}</text>'
        )
        parts.append(
            f'<text class="years" x="{x}" y="{base + 35}" text-anchor="middle">{escaping.text(bar.sublabel)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def chart_svg(site: Site, term: Term) -> str:
    """Bars per plan in chronological order, as inline SVG with a text alternative."""
    counts = site.hits.counts(term.id)
    bars = [
        Bar(counts.get(plan.id, 0), str(counts.get(plan.id, 0)), plan.meta.short_name, years(plan))
        for plan in site.corpus.plans
    ]
    return bar_chart(CHART_ID, f"{term.term}：各规划中的出现次数", count_sentence(site, term), bars)


def printed_forms(site: Site, term: Term) -> list[tuple[str, int]]:
    """The forms as printed in the plans, with counts (e.g. IPV6 for IPv6), most frequent first."""
    return Counter(o.form for o in site.hits.occurrences[term.id]).most_common()


# ---------------------------------------------------------------- pages


def term_markdown(site: Site, term: Term) -> str:
    annotations = site.hits
    first, last = annotations.first_plan(term.id), annotations.last_plan(term.id)
    return render_template(
        "term_page.md.j2",
        site=site,
        term=term,
        page=term_page(term.id),
        category=CATEGORY_LABELS[term.category],
        first=site.plans[first] if first else None,
        last=site.plans[last] if last else None,
        counts=annotations.counts(term.id),
        total=annotations.total(term.id),
        forms=printed_forms(site, term),
        chart=chart_svg(site, term),
        count_sentence=count_sentence(site, term),
        groups=occurrences_by_plan(site, term),
        years=years,
    )


def index_markdown(site: Site) -> str:
    annotations = site.hits
    categories = [
        (category, CATEGORY_LABELS[category], [t for t in annotations.terms if t.category == category])
        for category in TermCategory
    ]
    return render_template(
        "terms_index.md.j2", site=site, page=TERMS_INDEX, annotations=annotations, categories=categories, years=years
    )


def pages(site: Site) -> Iterator[tuple[str, str, bool]]:
    """Every term page as (source path under docs/, Markdown, whether it is in the navigation)."""
    if site.annotations is None:
        return
    yield TERMS_INDEX, index_markdown(site), True
    for term in site.hits.terms:
        yield term_page(term.id), term_markdown(site, term), False


__all__ = ["Bar", "bar_chart", "chart_svg", "count_sentence", "occurrences_by_plan", "pages", "printed_forms"]
