"""The targets and indicators (``Site.indicators``) → the 指标 pages.

Pipeline place: a page producer (``build.PRODUCERS``). ``website.load.load_site`` runs
``indicators.build`` once; :func:`pages` yields the overview (in the navigation,
``navigation.nav``: 指标), the per-plan tables and the series pages (outside it, like term
pages); ``export`` publishes the indicators as ``data/indicators.json``.

* ``indicators/index.md`` — per plan how many baselines and targets, and every indicator
  stated at least twice with its points in time order;
* ``indicators/<plan>.md`` — the plan's figures in document order: indicator, value
  (unit, qualifiers), 基数/目标, year, where it is stated (a task's anchor, or the section
  anchor for context material such as the goals) and the verbatim sentence, the figure
  marked (``termmarks.highlight``; ``<mark>`` around the escaped text);
* ``indicators/series/<id>.md`` — one indicator: a bar chart in time order built by
  ``charts.bar_chart`` (the term pages' SVG, drawn by ``_bar_chart.svg.j2``; targets hatched, ``<title>``/``<desc>`` and
  a visible sentence as text alternative) and the table of its points with the plan that
  stated each one. Only points in the unit family of the latest one are charted
  (万户 and 户, 兆 and 千兆 convert); the table lists all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...figures.indicators import Indicator, Indicators
from ...figures.numbers import format_number, unit_scale
from ...figures.statements import Kind, Statement, qualifier_words
from ...language.annotate import PlaceKind
from ..charts import Bar, Chart, bar_chart
from ..labels import INDICATOR_KINDS
from ..load import Site
from ..templating import render_template
from ..termmarks import Marked, highlight
from ..urls import (
    ABOUT_PAGE,
    INDICATORS_INDEX,
    Target,
    html_relative,
    indicator_page,
    indicator_plan_page,
    overview_page,
    page_url,
    place_target,
    relative,
)
from ..views import page_label, plan_label
from . import Page

CHART_ID = "indicator-chart"


@dataclass(frozen=True)
class Row:
    """One statement as a table row (texts plain, links final URLs)."""

    anchor: str
    statement: Statement
    indicator: Indicator
    indicator_href: str  # series page, or "" when the indicator is stated once
    value: str  # e.g. 1070 万户（达到）
    kind: str
    place_label: str
    place_note: str
    place_href: str
    sentence: Marked  # verbatim, the figure marked (<mark>)
    plan: str
    outcome: Outcome | None  # targets only
    outcome_note: str  # e.g. 2010年实为 1218 万人（“十二五”规划）


def value_label(s: Statement) -> str:
    """The figure for a reader: 不少于 560 万户 (qualifier words, ``indicators.QUALIFIER_WORDS``)."""
    words = "".join(w + " " for w in qualifier_words(s.qualifiers, s.kind))
    return f"{words}{s.value_text} {s.unit}"


@dataclass(frozen=True)
class Outcome:
    """A target set against what a later plan reports for the same indicator and year."""

    label: str  # 达成 / 未达成 / 无后续数据
    reported: Statement | None


def outcome(site: Site, s: Statement) -> Outcome | None:
    """For a target: the first later plan's baseline of the same indicator for the same year.
    Reached when the reported value is at least the target (both in one base unit)."""
    if s.kind != Kind.TARGET:
        return None
    order = [p.id for p in site.corpus.plans]
    later = [
        r
        for r in site.figures.indicator(s).statements
        if r.kind == Kind.BASELINE
        and r.year == s.year
        and order.index(r.plan_id) > order.index(s.plan_id)
        and unit_scale(r.unit)[0] == unit_scale(s.unit)[0]
    ]
    if not later:
        return Outcome("无后续数据", None)
    r = later[0]
    reported = r.value * unit_scale(r.unit)[1]
    target = s.value * unit_scale(s.unit)[1]
    return Outcome("达成" if reported >= target else "未达成", r)


def place_of(site: Site, s: Statement) -> tuple[str, str, Target]:
    """Label, note and target of the place a statement is in."""
    target = place_target(site.sitemap, s.place)
    if s.place.kind == PlaceKind.TASK:
        task = site.tasks[s.place.key]
        return task.title, task.id, target
    if s.place.kind == PlaceKind.SECTION:
        section = site.sections[s.place.key]
        from ..views import block_label

        return page_label(section), block_label(section), target
    return "文前" if s.place.kind == PlaceKind.FRONT else "文末", "", target


def row(site: Site, page: str, s: Statement) -> Row:
    data: Indicators = site.figures
    indicator = data.indicator(s)
    label, note, target = place_of(site, s)
    a, b = s.sentence
    sentence = highlight(s.block.text[a:b], [(s.start - a, s.end - a)], "figure-hit")
    href = html_relative(page, Target(indicator_page(indicator.id))) if indicator.is_series else ""
    result = outcome(site, s)
    note_text = ""
    if result is not None and result.reported is not None:
        r = result.reported
        note_text = f"{r.year}年实为 {value_label(r)}（{site.plans[r.plan_id].meta.short_name}所报）"
    return Row(
        data.anchor(s),
        s,
        indicator,
        href,
        value_label(s),
        INDICATOR_KINDS[s.kind],
        label,
        note,
        html_relative(page, target),
        sentence,
        plan_label(site.plans[s.plan_id]),
        result,
        note_text,
    )


def chart(site: Site, indicator: Indicator) -> tuple[Chart, str]:
    """The series chart and its sentence (the text alternative)."""
    latest = indicator.statements[-1]
    base, factor = unit_scale(latest.unit)
    bars, parts = [], []
    for s in indicator.statements:
        s_base, s_factor = unit_scale(s.unit)
        plan = site.plans[s.plan_id].meta.short_name
        parts.append(f"{s.year}年{INDICATOR_KINDS[s.kind]} {value_label(s)}（{plan}）")
        if s_base != base:
            continue
        value = (s.value_high if s.value_high is not None else s.value) * s_factor / factor
        shown = format_number(round(value, 2))
        which = "".join(f"·{q}" for q in s.qualifiers if q in ("最低", "最高", "普及"))
        bars.append(
            Bar(
                value,
                shown,
                f"{s.year} {INDICATOR_KINDS[s.kind]}{which}",
                plan,
                "bar target" if s.kind == Kind.TARGET else "bar",
            )
        )
    sentence = f"“{indicator.name}”各时点（单位：{latest.unit}）：" + "；".join(parts) + "。"
    drawn = bar_chart(
        CHART_ID,
        f"{indicator.name}（{latest.unit}）",
        sentence,
        bars,
        css="term-chart-svg indicator-chart",
        y_unit=latest.unit,
    )
    return drawn, sentence


def plan_counts(site: Site) -> list[tuple]:
    data: Indicators = site.figures
    out = []
    for plan in site.corpus.plans:
        found = data.of_plan(plan.id)
        href = relative(INDICATORS_INDEX, Target(indicator_plan_page(plan.id)))
        out.append((plan, sum(s.kind == Kind.BASELINE for s in found), sum(s.kind == Kind.TARGET for s in found), href))
    return out


def index_markdown(site: Site) -> str:
    page = INDICATORS_INDEX
    series = [
        (i, [row(site, page, s) for s in i.statements], html_relative(page, Target(indicator_page(i.id))))
        for i in site.figures.series
    ]
    return render_template(
        "indicators_index.md.j2",
        counts=plan_counts(site),
        series=series,
        about_href=relative(page, Target(ABOUT_PAGE, "indicators")),
    )


def plan_markdown(site: Site, plan_id: str) -> str:
    page = indicator_plan_page(plan_id)
    plan = site.plans[plan_id]
    rows = [row(site, page, s) for s in site.figures.of_plan(plan_id)]
    return render_template(
        "indicators_plan.md.j2",
        site=site,
        plan=plan,
        label=plan_label(plan),
        index_href=relative(page, Target(INDICATORS_INDEX)),
        overview_href=relative(page, Target(overview_page(plan.id))),
        rows=rows,
        baselines=sum(r.statement.kind == Kind.BASELINE for r in rows),
    )


def series_markdown(site: Site, indicator: Indicator) -> str:
    page = indicator_page(indicator.id)
    drawn, sentence = chart(site, indicator)
    rows = [row(site, page, s) for s in indicator.statements]
    forms = list(dict.fromkeys(s.indicator for s in indicator.statements))
    return render_template(
        "indicator_page.md.j2",
        site=site,
        index_href=relative(page, Target(INDICATORS_INDEX)),
        indicator=indicator,
        rows=rows,
        chart=drawn,
        sentence=sentence,
        forms=forms,
    )


def pages(site: Site) -> Iterator[Page]:
    """Every 指标 page as (source path under docs/, Markdown, whether it is in the navigation):
    only the overview is; it links to the per-plan tables, and they to the series."""
    if site.indicators is None:
        return
    yield Page(INDICATORS_INDEX, index_markdown(site))
    for plan in site.corpus.plans:
        yield Page(
            indicator_plan_page(plan.id), plan_markdown(site, plan.id), in_nav=False
        )  # linked from 指标 and overviews
    for indicator in site.indicators.series:
        yield Page(indicator_page(indicator.id), series_markdown(site, indicator), in_nav=False)


__all__ = ["chart", "page_url", "pages", "row"]
