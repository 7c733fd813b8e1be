"""The indicators as open data: the content of ``indicators.json`` (``website/export.py`` owns
the file and its name).

Pipeline place: below the site; ``website/export.py`` writes :func:`export_data` as ``indicators.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .indicators import Indicators
from .statements import Kind, Statement

# ---------------------------------------------------------------- open data


UrlOf = Callable[[Statement], str]  # a statement → the site URL of where it is stated


def export_data(data: Indicators, url_of: UrlOf, stamp: dict[str, str] | None = None) -> dict[str, Any]:
    """The content of indicators.json; ``url_of(statement)`` is the site URL of its place."""
    indicators = []
    for indicator in sorted(data.indicators, key=lambda i: i.id):
        indicators.append(
            {
                "id": indicator.id,
                "name": indicator.name,
                "keys": list(indicator.keys),
                "plans": list(indicator.plan_ids),
                "series": indicator.is_series,
                "statements": [data.anchor(s) for s in indicator.statements],
            }
        )
    statements = []
    for s in data.statements:
        statements.append(
            {
                "id": data.anchor(s),
                "plan": s.plan_id,
                "indicator": data.indicator(s).id,
                "name": s.indicator,
                "value": s.value,
                "value_high": s.value_high,
                "unit": s.unit,
                "qualifiers": list(s.qualifiers),
                "kind": s.kind.value,
                "year": s.year,
                "figure": s.figure,
                "sentence": s.sentence_text,
                "place": {"kind": s.place.kind.value, "key": s.place.key},
                "line": s.block.span.line,
                "url": url_of(s),
                "origin": s.origin.value,
                **({"note": s.note} if s.note else {}),
            }
        )
    return {
        **({"dataset": stamp} if stamp else {}),
        "statements": statements,
        "indicators": indicators,
        "kinds": {
            Kind.BASELINE.value: "achieved, at the date `year`",
            Kind.TARGET.value: "promised for the year `year`",
        },
    }


__all__ = [
    "export_data",
]
