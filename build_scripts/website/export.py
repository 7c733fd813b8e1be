"""Open data: the plans, their tasks and the lineage as ``tasks.json`` and ``links.csv``, and
the indicators as ``indicators.json`` — the one owner of the open data's files and names.

Pipeline place: the site layer's data files. ``build.open_data`` publishes
:func:`open_data` with the pages (under ``data/``); the CLI (``python -m build_scripts
lineage --export DIR``) and the change report write them into any directory
(:func:`write_export`).

``tasks.json``::

    {"plans": [{id, title, short_name, kind, start_year, end_year}, …],   # corpus order
     "tasks": [{id, plan, url, title, headings, text, labels,
                predecessors: [LINK], successors: [LINK],
                no_predecessor: [plan id, …],          # an editor found none there
                related: {earlier: [LINK], later: [LINK]}}, …],   # editors' related pairs
     "labels": {"新增": "…", …}}                                           # what labels mean

    LINK = {id, score, strength, origin, reviewed, note?, terms,
            evidence: [{successor: SPAN, predecessor: SPAN, words}]}
    SPAN = {part: "title" | "text", start, end, text}   # task[part][start:end] == text

``origin`` is ``auto`` (not reviewed), ``confirmed`` or ``added`` (the editors' review).
``links.csv`` has one row per link: predecessor, successor, their plans, score, origin,
strength, the terms joined by :data:`TERM_SEPARATOR`, the evidence spans of each side
(``part:start-end``, several joined by :data:`SPAN_SEPARATOR`) and the editor's note.

Links are symmetric by construction (both lists are read from the same link set);
output is deterministic — sorted keys, corpus order, scores rounded to
``graph.SCORE_DIGITS`` decimals — and a file is written only if its content changed, so
an unchanged build leaves modification times alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.model import Corpus, Task
from ..figures.export import export_data as indicators_export
from ..figures.statements import Statement
from ..lineage.evidence import TextSpan
from ..lineage.graph import (
    CONTINUED,
    DISCONTINUED,
    MERGED,
    NEW,
    PREDECESSOR,
    RELATED,
    SCORE_DIGITS,
    SPLIT,
    SUCCESSOR,
    Lineage,
    Link,
)
from . import tables
from .datapackage import DataFile, datapackage_json
from .dataset import Dataset
from .urls import SiteMap, place_target

if TYPE_CHECKING:  # load imports the views, not this module: no cycle at run time either way
    from .load import Site

SCHEMAS = Path(__file__).resolve().parent / "schemas"  # published next to the files they describe
TASKS_JSON = "tasks.json"
TASKS_CSV = "tasks.csv"
LINKS_CSV = "links.csv"
INDICATORS_JSON = "indicators.json"
INDICATORS_CSV = "indicators.csv"
TERMS_JSON = "terms.json"
TERMS_CSV = "terms.csv"
TOPICS_JSON = "topics.json"
DATAPACKAGE = "datapackage.json"
# The open data, published under data/ with SCHEMAS and DATAPACKAGE, in the package's order.
OPEN_DATA = (
    DataFile(TASKS_JSON, "tasks", "任务与跨规划链接（JSON）", "tasks.schema.json"),
    DataFile(TASKS_CSV, "tasks-table", "任务（表格）", "tasks-csv.schema.json"),
    DataFile(LINKS_CSV, "links", "跨规划链接（表格）", "links.schema.json"),
    DataFile(INDICATORS_JSON, "indicators", "目标值、基数与指标（JSON）", "indicators.schema.json"),
    DataFile(INDICATORS_CSV, "indicators-table", "目标值与基数（表格）", "indicators-csv.schema.json"),
    DataFile(TERMS_JSON, "terms", "术语（JSON）", "terms.schema.json"),
    DataFile(TERMS_CSV, "terms-table", "术语（表格）", "terms-csv.schema.json"),
    DataFile(TOPICS_JSON, "topics", "专题脉络（JSON）", "topics.schema.json"),
)
DATA_FILES = tuple(f.name for f in OPEN_DATA)
TERM_SEPARATOR = tables.LIST_SEPARATOR  # one separator in every CSV cell of the open data
CSV_HEADER = (
    "predecessor",
    "successor",
    "predecessor_plan",
    "successor_plan",
    "score",
    "origin",
    "strength",
    "terms",
    "successor_evidence",
    "predecessor_evidence",
    "note",
)
SPAN_SEPARATOR = ";"  # between the spans of several evidence clauses in one CSV cell

LABEL_MEANINGS = {
    NEW: "no predecessor in any earlier plan",
    CONTINUED: "continues at least one task of an earlier plan",
    MERGED: "several predecessors in one earlier plan",
    SPLIT: "several successors in one later plan",
    DISCONTINUED: (
        "no successor in the next plan: the first later plan whose period begins after this plan's ends "
        "(an annual plan within the period is not the next plan)"
    ),
}


def _span(span: TextSpan, task: Task) -> dict:
    return {"part": span.part, "start": span.start, "end": span.end, "text": span.of(task.title, task.text)}


def _link(link: Link, other: str, tasks: dict[str, Task]) -> dict:
    out = {
        "id": other,
        "score": round(link.score, SCORE_DIGITS),
        "origin": link.origin,
        "reviewed": link.reviewed,
        "strength": link.strength,
        "terms": list(link.terms),
        "evidence": [
            {
                "successor": _span(e.successor, tasks[link.successor]),
                "predecessor": _span(e.predecessor, tasks[link.predecessor]),
                "words": list(e.words),
            }
            for e in link.evidence
        ],
    }
    if link.note:
        out["note"] = link.note
    return out


def _relations(lineage: Lineage, task_id: str, tasks: dict[str, Task]) -> dict:
    """A task's relations (``Lineage.relations``, the one source of every view) as the
    open data lists them: predecessors, successors and related pairs by side."""

    def listed(*roles: str, earlier: bool | None = None) -> list[dict]:
        return [
            _link(r.link, r.other, tasks)
            for r in lineage.relations(task_id, *roles)
            if earlier is None or r.earlier == earlier
        ]

    return {
        "predecessors": listed(PREDECESSOR),
        "successors": listed(SUCCESSOR),
        "related": {"earlier": listed(RELATED, earlier=True), "later": listed(RELATED, earlier=False)},
    }


def export_data(corpus: Corpus, lineage: Lineage, dataset: Dataset | None = None) -> dict:
    """The content of tasks.json as plain data (stamped with the dataset's name and version)."""
    sitemap = SiteMap(corpus)
    plans = [
        {
            "id": p.id,
            "title": p.meta.title,
            "short_name": p.meta.short_name,
            "kind": p.meta.kind.value,
            "start_year": p.meta.start_year,
            "end_year": p.meta.end_year,
        }
        for p in corpus.plans
    ]
    tasks = []
    by_id = {task.id: task for task in corpus.tasks}
    for task in corpus.tasks:
        tasks.append(
            {
                "id": task.id,
                "plan": task.plan_id,
                "url": sitemap.url(task.id),
                "title": task.title,
                "headings": list(task.headings),
                "text": task.text,
                "labels": list(lineage.labels(task.id)),
                **_relations(lineage, task.id, by_id),
                "no_predecessor": list(lineage.reviewed_none(task.id)),
            }
        )
    stamp = {"dataset": dataset.stamp()} if dataset is not None else {}
    return {**stamp, "plans": plans, "tasks": tasks, "labels": LABEL_MEANINGS}


def tasks_json(corpus: Corpus, lineage: Lineage, dataset: Dataset | None = None) -> str:
    return _dumps(export_data(corpus, lineage, dataset))


def _dumps(data: dict) -> str:
    """A JSON file of the open data: sorted keys, one indent, a final newline (deterministic)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def links_csv(lineage: Lineage) -> str:
    return tables.csv_text(
        CSV_HEADER,
        (
            (
                link.predecessor,
                link.successor,
                lineage.plan_of(link.predecessor),
                lineage.plan_of(link.successor),
                f"{link.score:.{SCORE_DIGITS}f}",
                link.origin,
                link.strength,
                TERM_SEPARATOR.join(link.terms),
                SPAN_SEPARATOR.join(_cell(e.successor) for e in link.evidence),
                SPAN_SEPARATOR.join(_cell(e.predecessor) for e in link.evidence),
                link.note,
            )
            for link in lineage.links
        ),
    )


def _cell(span: TextSpan) -> str:
    """``part:start-end``, e.g. ``text:12-30`` (offsets into the task's title or text)."""
    return f"{span.part}:{span.start}-{span.end}"


def export_files(corpus: Corpus, lineage: Lineage, dataset: Dataset | None = None) -> list[tuple[str, str]]:
    """``(file name, text)`` of tasks.json, links.csv and the schemas of the open data."""
    return [(TASKS_JSON, tasks_json(corpus, lineage, dataset)), (LINKS_CSV, links_csv(lineage)), *schema_texts()]


def schema_texts() -> list[tuple[str, str]]:
    """``(file name, text)`` of the schemas published beside the data files."""
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(SCHEMAS.glob("*.json"))]


def schema_files() -> tuple[str, ...]:
    """The names of the schemas published beside the data files."""
    return tuple(path.name for path in sorted(SCHEMAS.glob("*.json")))


def indicators_data(site: Site, stamped: bool = True) -> dict:
    """``indicators.json``'s content: statements with the site URL of where each is stated,
    stamped with the dataset's name and version (unless ``stamped`` is off: the release digest)."""

    def url_of(s: Statement) -> str:
        return place_target(site.sitemap, s.place).url

    stamp = site.dataset.stamp() if stamped and site.dataset is not None else None
    return indicators_export(site.figures, url_of, stamp)


def data_texts(site: Site, stamped: bool = True) -> dict[str, str]:
    """The text of each open data file the site has the parts for (tasks and links with a
    lineage, indicators with figures, terms with annotations, topics with topic lines), each
    CSV made from the same record as its JSON twin; unstamped for the release digest."""
    dataset = site.dataset if stamped else None
    texts: dict[str, str] = {}
    if site.lineage is not None:
        tasks = export_data(site.corpus, site.lineage, dataset)
        texts |= {TASKS_JSON: _dumps(tasks), TASKS_CSV: tables.tasks_csv(tasks), LINKS_CSV: links_csv(site.lineage)}
    if site.indicators is not None:
        indicators = indicators_data(site, stamped)
        texts |= {INDICATORS_JSON: _dumps(indicators), INDICATORS_CSV: tables.indicators_csv(indicators)}
    if site.annotations is not None:
        terms = tables.terms_data(site, stamped)
        texts |= {TERMS_JSON: _dumps(terms), TERMS_CSV: tables.terms_csv(terms)}
    if site.topics is not None:
        texts[TOPICS_JSON] = _dumps(tables.topics_data(site, stamped))
    return texts


def open_data(site: Site) -> list[tuple[str, str]]:
    """``(file name, text)`` of every open data file a site publishes, in :data:`OPEN_DATA`'s
    order, then the schemas and, for a versioned dataset, ``datapackage.json`` naming them all."""
    texts = data_texts(site)
    present = [(f, texts[f.name]) for f in OPEN_DATA if f.name in texts]
    files = [(f.name, text) for f, text in present]
    files += schema_texts()
    if site.dataset is not None:
        files.append((DATAPACKAGE, datapackage_json(present, site.dataset)))
    return files


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds exactly it; True if written."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def write_export(corpus: Corpus, lineage: Lineage, directory: Path, dataset: Dataset | None = None) -> list[Path]:
    """Write tasks.json, links.csv and the schemas of the open data into ``directory``; the
    files actually written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in export_files(corpus, lineage, dataset):
        if write_if_changed(directory / name, text):
            written.append(directory / name)
    return written


__all__ = [
    "DATAPACKAGE",
    "DATA_FILES",
    "INDICATORS_CSV",
    "INDICATORS_JSON",
    "LINKS_CSV",
    "OPEN_DATA",
    "TASKS_CSV",
    "TASKS_JSON",
    "TERMS_CSV",
    "TERMS_JSON",
    "TERM_SEPARATOR",
    "TOPICS_JSON",
    "data_texts",
    "export_data",
    "export_files",
    "indicators_data",
    "links_csv",
    "open_data",
    "schema_files",
    "tasks_json",
    "write_export",
    "write_if_changed",
]
