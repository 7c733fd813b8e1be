"""The change report: what an edit of ``data/`` changes for readers and data users.

Pipeline place: a maintainers' command above the whole pipeline. ``python -m build_scripts
changes BASE`` builds a *snapshot* of the data at git revision ``BASE`` and one of the
working tree — both with the current code, so the report shows what the data edit changes,
not what a code change would — and compares them; ``changes OLD_DIR NEW_DIR`` compares
two snapshot folders written before (``--snapshot DIR`` writes one).

A snapshot folder holds the open data as published (``tasks.json``, ``links.csv``,
``indicators.json``) plus ``terms.json`` and ``pages.txt`` (every page of the site). The
report, in Chinese Markdown, lists tasks whose title, text or id changed; links added,
removed or changed in strength, origin or note, per plan pair; terms and indicators added,
removed or changed; pages added or removed. It is empty when nothing changed.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.paths import ROOT
from ..website.export import INDICATORS_JSON, LINKS_CSV, TASKS_JSON

TASKS, LINKS, INDICATORS = TASKS_JSON, LINKS_CSV, INDICATORS_JSON  # the open data, as published
TERMS, PAGES = "terms.json", "pages.txt"  # the snapshot's own files
LINK_FIELDS = ("strength", "origin", "note")  # a change of any of these is a changed link


@dataclass(frozen=True)
class Snapshot:
    """What readers and data users see of one state of the data."""

    plans: dict[str, str]  # plan id → short name, corpus order
    tasks: dict[str, tuple[str, str]]  # task id → (title, text)
    links: dict[tuple[str, str], tuple[str, str, str]]  # (predecessor, successor) → LINK_FIELDS
    plan_of: dict[str, str]  # task id → plan id
    terms: dict[str, str]  # term id → its entry as JSON
    indicators: dict[str, str]  # indicator id → its statements as JSON
    pages: frozenset[str]

    def term_name(self, term_id: str) -> str:
        """The term's main form, as readers know it (the report names terms so, not by id)."""
        return json.loads(self.terms[term_id])["term"] if term_id in self.terms else ""

    def indicator_name(self, indicator_id: str) -> str:
        """The indicator's name (the first item of its entry), as the 指标 pages show it."""
        return json.loads(self.indicators[indicator_id])[0] if indicator_id in self.indicators else ""


def write_snapshot(data: Path, directory: Path) -> None:
    """Build the site model from ``data`` and write its snapshot files into ``directory``."""
    from ..language.terms import load_terms
    from ..website.build import all_pages, open_data
    from ..website.load import load_site

    site = load_site(data)
    assert site.lineage is not None  # load_site links unless told not to
    directory.mkdir(parents=True, exist_ok=True)
    for static in open_data(site):  # tasks.json, links.csv, indicators.json, as the site publishes them
        (directory / Path(static.path).name).write_bytes(static.content)
    terms = [
        {
            "id": t.id,
            "term": t.term,
            "category": t.category.value,
            "variants": list(t.variants),
            "explanation": t.explanation,
            "renamed_as": list(t.renamed_as),
        }
        for t in load_terms(data / "terms.yaml", site.corpus)
    ]
    (directory / TERMS).write_text(json.dumps(terms, ensure_ascii=False, indent=1), encoding="utf-8")
    (directory / PAGES).write_text(
        "".join(f"{uri}\n" for uri in sorted(page.path for page in all_pages(site))), encoding="utf-8"
    )


def read_snapshot(directory: Path) -> Snapshot:
    data = json.loads((directory / TASKS).read_text(encoding="utf-8"))
    plans = {p["id"]: p["short_name"] for p in data["plans"]}
    tasks = {t["id"]: (t["title"], t["text"]) for t in data["tasks"]}
    plan_of = {t["id"]: t["plan"] for t in data["tasks"]}
    links = {
        (p["id"], t["id"]): (p["strength"], p["origin"], p.get("note", ""))
        for t in data["tasks"]
        for p in t["predecessors"]
    }
    terms: dict[str, str] = {}
    if (directory / TERMS).exists():
        terms = {
            t["id"]: json.dumps(t, ensure_ascii=False, sort_keys=True)
            for t in json.loads((directory / TERMS).read_text(encoding="utf-8"))
        }
    indicators: dict[str, str] = {}
    if (directory / INDICATORS).exists():
        raw = json.loads((directory / INDICATORS).read_text(encoding="utf-8"))
        statements = {s["id"]: s for s in raw["statements"]}
        indicators = {
            i["id"]: json.dumps(
                [i["name"]] + [_statement(statements[s]) for s in i["statements"]], ensure_ascii=False, sort_keys=True
            )
            for i in raw["indicators"]
        }
    pages: frozenset[str] = frozenset()
    if (directory / PAGES).exists():
        pages = frozenset((directory / PAGES).read_text(encoding="utf-8").split())
    return Snapshot(plans, tasks, links, plan_of, terms, indicators, pages)


def _statement(s: dict) -> dict:
    """What a reader sees of a figure (not its id or line, which move with unrelated edits)."""
    return {k: s[k] for k in ("plan", "name", "value", "value_high", "unit", "qualifiers", "kind", "year", "figure")}


def base_data(revision: str, into: Path) -> Path:
    """The ``data/`` folder of a git revision, extracted into ``into``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "data"], cwd=ROOT, capture_output=True, check=False
    )
    if archive.returncode != 0:
        raise SystemExit(f"changes: cannot read data/ at {revision!r}: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "data"


@dataclass(frozen=True)
class LinkChange:
    predecessor: str
    successor: str
    kind: str  # "added", "removed" or "changed"
    before: tuple[str, str, str] | None
    after: tuple[str, str, str] | None


@dataclass(frozen=True)
class Report:
    old: Snapshot
    new: Snapshot
    tasks_added: tuple[str, ...]
    tasks_removed: tuple[str, ...]
    tasks_changed: tuple[str, ...]
    links: tuple[tuple[tuple[str, str], tuple[LinkChange, ...]], ...]  # (earlier plan, later plan) → changes
    terms_added: tuple[str, ...]
    terms_removed: tuple[str, ...]
    terms_changed: tuple[str, ...]
    indicators_added: tuple[str, ...]
    indicators_removed: tuple[str, ...]
    indicators_changed: tuple[str, ...]
    pages_added: tuple[str, ...]
    pages_removed: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.tasks_added,
                self.tasks_removed,
                self.tasks_changed,
                self.links,
                self.terms_added,
                self.terms_removed,
                self.terms_changed,
                self.indicators_added,
                self.indicators_removed,
                self.indicators_changed,
                self.pages_added,
                self.pages_removed,
            )
        )


def _diff(old: dict, new: dict) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    added = tuple(k for k in new if k not in old)
    removed = tuple(k for k in old if k not in new)
    changed = tuple(k for k in new if k in old and old[k] != new[k])
    return added, removed, changed


def compare(old: Snapshot, new: Snapshot) -> Report:
    tasks = _diff(old.tasks, new.tasks)
    plan_of = {**old.plan_of, **new.plan_of}
    order = list(dict.fromkeys([*old.plans, *new.plans]))
    by_pair: dict[tuple[str, str], list[LinkChange]] = {}
    for pair in sorted(set(old.links) | set(new.links), key=lambda p: (p[1], p[0])):
        before, after = old.links.get(pair), new.links.get(pair)
        if before == after:
            continue
        kind = "added" if before is None else "removed" if after is None else "changed"
        plans = (plan_of[pair[0]], plan_of[pair[1]])
        by_pair.setdefault(plans, []).append(LinkChange(pair[0], pair[1], kind, before, after))
    links = tuple(
        (pair, tuple(by_pair[pair])) for pair in sorted(by_pair, key=lambda p: (order.index(p[0]), order.index(p[1])))
    )
    terms = _diff(old.terms, new.terms)
    indicators = _diff(old.indicators, new.indicators)
    return Report(
        old,
        new,
        *tasks,
        links,
        *terms,
        *indicators,
        tuple(sorted(new.pages - old.pages)),
        tuple(sorted(old.pages - new.pages)),
    )


def render(report: Report, base: str) -> str:
    """The report as Chinese Markdown; the empty string when nothing changed."""
    if report.empty:
        return ""
    from ..website.templating import render_template

    plans = {**report.old.plans, **report.new.plans}
    return render_template(
        "changes.md.j2",
        report=report,
        base=base,
        plans=plans,
        labels={"strong": "强", "weak": "弱", "auto": "程序计算", "confirmed": "编者确认", "added": "编者补充"},
    )


def run(base: str, against: str | None = None) -> str:
    """``changes BASE`` (a git revision) or ``changes OLD_DIR NEW_DIR`` (snapshot folders)."""
    if against is not None:
        return render(compare(read_snapshot(Path(base)), read_snapshot(Path(against))), base)
    with tempfile.TemporaryDirectory() as tmp:
        old_dir, new_dir = Path(tmp) / "old", Path(tmp) / "new"
        write_snapshot(base_data(base, Path(tmp) / "base"), old_dir)
        write_snapshot(ROOT / "data", new_dir)
        return render(compare(read_snapshot(old_dir), read_snapshot(new_dir)), base)


__all__ = ["LinkChange", "Report", "Snapshot", "compare", "read_snapshot", "render", "run", "write_snapshot"]
