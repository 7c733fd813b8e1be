"""Bar charts as inline SVG (no script), with a text alternative; shared by the term and
indicator pages.

Pipeline place: a view helper of the site layer, called by the producers in ``pages/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import escaping


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
