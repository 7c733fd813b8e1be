"""The open data as tables, and the glossary and topic lines as data: ``tasks.csv``,
``indicators.csv``, ``terms.json``, ``terms.csv`` and ``topics.json``.

Pipeline place: beside ``export``, which owns the open data's file names and publishes these
with the rest (``export.open_data``). Each CSV is made from the same record as its JSON twin
(``export.export_data`` for tasks, ``figures.export.export_data`` for indicators,
:func:`terms_data` for terms), one row per task, statement or term, so the two never differ;
a list is one cell, its items joined by :data:`LIST_SEPARATOR`. Output is deterministic
(corpus order, sorted keys), like the rest of the open data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .labels import CATEGORY_LABELS
from .urls import page_url, term_page, topic_page

if TYPE_CHECKING:
    from .load import Site

LIST_SEPARATOR = "|"  # between the items of a list in one CSV cell (no item contains it)

TASKS_CSV_HEADER = (
    "id", "plan", "title", "url", "headings", "labels", "predecessors", "successors",
    "no_predecessor", "text",
)  # fmt: skip
INDICATORS_CSV_HEADER = (
    "id", "plan", "indicator", "name", "value", "value_high", "unit", "qualifiers", "kind", "year",
    "figure", "sentence", "url", "origin", "note",
)  # fmt: skip
TERMS_CSV_HEADER = (
    "id", "term", "category", "variants", "explanation", "earlier_names", "later_names", "family",
    "first_plan", "last_plan", "total", "counts", "url",
)  # fmt: skip


def _joined(items: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(str(item) for item in items)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV file of the open data: a header row, then the rows; LF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _number(value: float | None) -> str:
    """A value as the JSON writes it, without a trailing .0 on whole numbers."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def tasks_csv(data: dict[str, Any]) -> str:
    """``tasks.csv``: one row per task of ``tasks.json``'s content (``export.export_data``)."""
    return csv_text(
        TASKS_CSV_HEADER,
        (
            (
                t["id"],
                t["plan"],
                t["title"],
                t["url"],
                _joined(t["headings"]),
                _joined(t["labels"]),
                _joined(link["id"] for link in t["predecessors"]),
                _joined(link["id"] for link in t["successors"]),
                _joined(t["no_predecessor"]),
                t["text"],
            )
            for t in data["tasks"]
        ),
    )


def indicators_csv(data: dict[str, Any]) -> str:
    """``indicators.csv``: one row per statement of ``indicators.json``'s content."""
    return csv_text(
        INDICATORS_CSV_HEADER,
        (
            (
                s["id"],
                s["plan"],
                s["indicator"],
                s["name"],
                _number(s["value"]),
                _number(s["value_high"]),
                s["unit"],
                _joined(s["qualifiers"]),
                s["kind"],
                s["year"],
                s["figure"],
                s["sentence"],
                s["url"],
                s["origin"],
                s.get("note", ""),
            )
            for s in data["statements"]
        ),
    )


def terms_data(site: Site, stamped: bool = True) -> dict[str, Any]:
    """The glossary as data: every term with its variants, rename family (earlier and later
    names), the plans it appears in (first, last, counts per plan) and its page."""
    hits = site.hits
    terms = []
    for term in hits.terms:
        counts = hits.counts(term.id)
        terms.append(
            {
                "id": term.id,
                "term": term.term,
                "category": term.category.value,
                "variants": list(term.variants),
                "explanation": term.explanation,
                "earlier_names": [t.id for t in hits.earlier_names(term.id)],
                "later_names": [t.id for t in hits.later_names(term.id)],
                "family": hits.family(term.id),
                "first_plan": hits.first_plan(term.id),
                "last_plan": hits.last_plan(term.id),
                "counts": {plan: n for plan, n in counts.items() if n},
                "total": hits.total(term.id),
                "url": page_url(term_page(term.id)),
            }
        )
    stamp = {"dataset": site.dataset.stamp()} if stamped and site.dataset is not None else {}
    categories = {c.value: label for c, label in CATEGORY_LABELS.items()}
    return {**stamp, "terms": terms, "categories": categories}


def terms_csv(data: dict[str, Any]) -> str:
    """``terms.csv``: one row per term of ``terms.json``; counts as ``plan:n`` items."""
    return csv_text(
        TERMS_CSV_HEADER,
        (
            (
                t["id"],
                t["term"],
                t["category"],
                _joined(t["variants"]),
                t["explanation"],
                _joined(t["earlier_names"]),
                _joined(t["later_names"]),
                t["family"],
                t["first_plan"] or "",
                t["last_plan"] or "",
                t["total"],
                _joined(f"{plan}:{n}" for plan, n in t["counts"].items()),
                t["url"],
            )
            for t in data["terms"]
        ),
    )


def topics_data(site: Site, stamped: bool = True) -> dict[str, Any]:
    """``topics.json``'s content: each policy domain with its tasks per plan and its page."""
    assert site.topics is not None
    topics = [
        {
            "id": topic.id,
            "label": topic.label,
            "tasks": {plan.id: [task.id for task in topic.tasks_of(plan.id)] for plan in site.corpus.plans},
            "url": page_url(topic_page(topic.id)),
        }
        for topic in site.topics.topics
    ]
    stamp = {"dataset": site.dataset.stamp()} if stamped and site.dataset is not None else {}
    return {**stamp, "topics": topics}


__all__ = [
    "INDICATORS_CSV_HEADER",
    "LIST_SEPARATOR",
    "TASKS_CSV_HEADER",
    "TERMS_CSV_HEADER",
    "csv_text",
    "indicators_csv",
    "tasks_csv",
    "terms_csv",
    "terms_data",
    "topics_data",
]
