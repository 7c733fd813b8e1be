"""Bar charts as inline SVG (no script), with a text alternative; shared by the term and
indicator pages.

Pipeline place: a view helper of the site layer, called by the producers in ``pages/``:
:func:`bar_chart` computes the chart's geometry as a frozen :class:`Chart` record, which the
producer passes in its template's context; ``templates/_bar_chart.svg.j2`` (macro
``bar_chart``) writes the SVG, escaping every text where it meets markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    """One bar of :func:`bar_chart`: its height (any scale), the printed value and two labels."""

    height: float
    value: str
    label: str
    sublabel: str
    css: str = "bar"  # class of the rect (e.g. ``bar target`` for a hatched bar)


@dataclass(frozen=True)
class BarView:
    """A bar placed: its centre ``x``, drawn height and texts (plain); a bar of height 0
    (``zero``) has no rect and its value greyed."""

    x: float
    height: float
    zero: bool
    css: str
    value: str
    label: str
    sublabel: str


@dataclass(frozen=True)
class Tick:
    """A y-axis tick at ``y`` with its printed value."""

    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    """A bar chart placed in its viewBox; texts are plain (the template escapes them)."""

    id: str
    css: str
    title: str
    desc: str
    width: int
    left: int  # x of the y-axis (0: no y-axis)
    base: int  # y of the x-axis
    bar_area: int  # height of the tallest bar
    y_unit: str  # with a unit: a y-axis, its ticks, and ``min-width`` (see :func:`bar_chart`)
    ticks: tuple[Tick, ...]
    bars: tuple[BarView, ...]


def _tick(value: float) -> str:
    """An axis value written out as the plans write figures: whole numbers from 100 up, three
    significant digits below, no trailing zeros, never an exponent (1220, not 1.22e+03 — as the
    bars' own values, 1070); from 10000 up with thousands separated (25,000,000)."""
    if value == 0:
        return "0"
    decimals = max(0, 2 - math.floor(math.log10(abs(value))))
    grouping = "," if abs(value) >= 10_000 else ""
    text = f"{round(value, decimals):{grouping}.{decimals}f}"
    return text.rstrip("0").rstrip(".") if decimals else text


def bar_chart(
    chart_id: str, title: str, desc: str, bars: list[Bar], css: str = "term-chart-svg", y_unit: str = ""
) -> Chart:
    """Bars in the given order, placed for inline SVG (no script) with ``<title>``/``<desc>``
    as text alternative; a bar of height 0 shows its value greyed. Shared by the term and
    indicator pages.

    With ``y_unit`` (indicator series) the chart gets a y-axis: 0, half and the top value, and
    the unit above it; it is then never drawn smaller than its own size (``min-width`` in px),
    so that its 12 px labels stay 12 px on a phone (the figure scrolls sideways instead)."""
    top = max([bar.height for bar in bars] + [0]) or 1
    left = 64 if y_unit else 0
    column, bar_area, base = 92, 100, 128  # 92 px a bar: a three-point series fits a phone (390 px) at 1:1
    width = left + column * max(len(bars), 1)
    ticks = tuple(Tick(base - bar_area * share, _tick(top * share)) for share in (0, 0.5, 1)) if y_unit else ()
    placed = tuple(
        BarView(
            left + index * column + column / 2,
            round(bar_area * bar.height / top, 1),
            not bar.height,
            bar.css,
            bar.value,
            bar.label,
            bar.sublabel,
        )
        for index, bar in enumerate(bars)
    )
    return Chart(chart_id, css, title, desc, width, left, base, bar_area, y_unit, ticks, placed)
