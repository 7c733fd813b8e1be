"""Command line of the pipeline: ``python -m build_scripts COMMAND [options]``.

Pipeline place: the top, over every layer (the maintainers' entry; MkDocs builds through the
plugin instead). The commands and what each takes are in :data:`COMMANDS`, the one list that
``--help`` and each ``COMMAND --help`` print.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from .core.errors import DataError
from .core.model import Corpus, DifferenceKind
from .core.paths import DATA
from .ingest.corpus import load_corpus
from .ingest.sources import line_breaks, special_characters, write_manifest
from .language.terms import load_terms


def summary(corpus: Corpus) -> str:
    lines = ["plan      period     chapters  tasks  source"]
    for plan in corpus.plans:
        meta = plan.meta
        chapters = sum(1 for s in plan.sections if s.number is not None)
        lines.append(
            f"{meta.id:<9} {meta.start_year}–{meta.end_year}  {chapters:>8}  {len(plan.tasks):>5}  {meta.source}"
        )
    lines.append(f"{'total':<9} {'':<9}  {'':>8}  {len(corpus.tasks):>5}")
    for excerpt in corpus.excerpts:
        counts = ", ".join(f"{excerpt.count(kind)} {kind.value}" for kind in DifferenceKind)
        lines.append(
            f"excerpt {excerpt.source.name}: copy of {excerpt.plan_id} lines "
            f"{excerpt.plan_span.line}–{excerpt.plan_end_line} ({excerpt.first_section} … "
            f"{excerpt.last_section}, {len(excerpt.task_ids)} tasks; {excerpt.shared:.0%} shared; "
            f"differences: {counts}) — not published as a plan"
        )
    for plan in corpus.plans:
        for name, count in line_breaks(plan.source.text).items():
            lines.append(
                f"note: {plan.source.name}: {count} line break{'s' if count != 1 else ''} {name}, read as line breaks"
            )
        for special in special_characters(plan.source.text):
            odd = special.first
            times = f" ({special.count} times; the first is shown)" if special.count > 1 else ""
            lines.append(
                f"note: {plan.source.name}:{odd.line}:{odd.column}: {odd.codepoint} "
                f"({unicodedata.category(odd.char)}) is kept as received; it may not display{times}"
            )
    return "\n".join(lines)


def to_json(value):
    if dataclasses.is_dataclass(value):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, Path):
        return value.name
    return value


def dump(corpus: Corpus) -> str:
    data = to_json(corpus)
    for plan, raw in zip(corpus.plans, data["plans"], strict=True):
        raw["source"].pop("text")  # the text is in data/sources/; spans point into it
        raw["tasks"] = [{"id": t.id, "title": t.title, "form": t.form.value, "text": t.text} for t in plan.tasks]
    for raw in data["excerpts"]:
        raw["source"].pop("text")
    return json.dumps(data, ensure_ascii=False, indent=1)


def run_finish(args) -> int:
    """The ``finish`` command: a built site's pages checked and secured (publish/finish.py)."""
    from .publish.finish import FinishError, finish

    if len(args.revisions) != 1:
        print("usage: python -m build_scripts finish SITE_DIR", file=sys.stderr)
        return 2
    try:
        done = finish(Path(args.revisions[0]))
    except FinishError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"finish: {done.pages} pages checked; {done.secured} given their Content-Security-Policy")
    return 0


def check(data: Path) -> int:
    """The ``check`` command: load every input as the build does (``website.load.load_site``:
    the same problems, all of them, in file and line order) and summarise."""
    from .website.load import load_site

    try:
        site = load_site(data)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(summary(site.corpus))
    terms = site.hits.terms
    print(f"terms: {len(terms)} in data/terms.yaml, every one found in the plans or marked absent")
    lineage = site.lineage
    assert lineage is not None and site.indicators is not None
    reviewed = sum(1 for link in lineage.links if link.reviewed)
    print(
        f"lineage: {len(lineage.links)} cross-plan links ({reviewed} reviewed by an editor) from data/lineage.yaml, "
        "data/concepts.yaml and data/links.yaml"
    )
    for note in site.notes:
        print(note)
    found = site.indicators
    print(
        f"indicators: {len(found.statements)} targets and baselines in {len(found.indicators)} indicators, "
        "corrected by data/indicators.yaml"
    )
    print("ok: all inputs valid")
    return 0


def run_lineage(corpus: Corpus, data: Path, export_dir: Path | None, *, curation: bool, score: bool) -> int:
    """The ``lineage`` command: link, export, summarise and optionally score."""
    import subprocess
    import time

    from .core.paths import ROOT
    from .lineage.build import build_lineage
    from .lineage.graph import LABELS
    from .lineage.inputs import linker_inputs
    from .website.export import write_export

    started = time.perf_counter()
    lineage, notes = build_lineage(corpus, linker_inputs(data), curation=curation)
    for note in notes:
        print(note, file=sys.stderr)
    directory = export_dir or ROOT / "build" / "lineage"
    written = write_export(corpus, lineage, directory)
    elapsed = time.perf_counter() - started
    plans = {p.id: p.meta.short_name for p in corpus.plans}
    print(
        f"lineage ({'curated' if curation else 'automatic only, curation off'}): "
        f"{len(lineage.links)} links, {elapsed:.1f} s"
    )
    print("links per plan pair (earlier → later):")
    for (earlier, later), count in lineage.pair_counts().items():
        print(f"  {earlier:<7} → {later:<7} {count:>4}   {plans[earlier]} → {plans[later]}")
    counts = lineage.label_counts()
    print("labels: " + ", ".join(f"{label} {counts[label]}" for label in LABELS))
    reviewed = sum(1 for link in lineage.links if link.reviewed)
    if curation:
        print(f"reviewed links: {reviewed} of {len(lineage.links)} (data/links.yaml)")
    print(f"export: {directory} ({', '.join(p.name for p in written) or 'unchanged'})")
    if not score:
        return 0
    scorer = ROOT.parent / "shared" / "eval" / "score_lineage.py"
    if not scorer.exists():
        print(f"score: skipped, {scorer} not found")
        return 0
    result = subprocess.run(
        [sys.executable, str(scorer), str(directory / "tasks.json")], capture_output=True, text=True
    )
    print("score:", result.stdout.strip().replace("\n", "\n       "))
    if result.returncode not in (0, 1) or result.stderr.strip():
        print(result.stderr, file=sys.stderr)
    return 0 if result.returncode in (0, 1) else result.returncode


def run_changes(args) -> int:
    """The ``changes`` command (changes.py); the report goes to stdout, empty if nothing changed."""
    from .publish import changes

    try:
        if args.snapshot is not None:
            changes.write_snapshot(args.data, args.snapshot)
            print(f"snapshot: {args.snapshot}", file=sys.stderr)
            return 0
        if len(args.revisions) not in (1, 2):
            print("changes: expected BASE (a git revision) or OLD_DIR NEW_DIR", file=sys.stderr)
            return 2
        sys.stdout.write(changes.run(*args.revisions))
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def run_release(args) -> int:
    """The ``release`` command: record a new version of the open data with its change report."""
    import datetime

    from .publish import changes, release
    from .website.load import load_site

    if len(args.revisions) != 1 or not args.base or not args.summary:
        print("release: expected VERSION --base REV --summary 一句话说明", file=sys.stderr)
        return 2
    try:
        digest = release.site_digest(load_site(args.data))
        report = changes.run(args.base)
        path = release.release(args.data, args.revisions[0], args.summary, report, digest, datetime.date.today())
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"released {args.revisions[0]}: {args.data / 'dataset.yaml'}, {path}")
    return 0


def run_write_docs(args: argparse.Namespace) -> int:
    """``write-docs OUT``: the site as a self-contained MkDocs project without the plugin."""
    from .publish.write_docs import write_docs

    if len(args.revisions) != 1:
        print("write-docs: expected OUT (the folder to write)", file=sys.stderr)
        return 2
    out = Path(args.revisions[0])
    try:
        notes = write_docs(out, args.data)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    for note in notes:
        print(note, file=sys.stderr)
    print(f"wrote {out / 'mkdocs.yml'} and {out / 'docs'}")
    return 0


def run_manifest(data: Path) -> int:
    """Record the checksums and the task ids; say which tasks moved since the last record and
    which decisions name them (they are the editor's to update)."""
    from .ingest.corpus import parse_received, write_task_record
    from .ingest.task_record import RECORD, describe, moved_tasks
    from .lineage.curation import naming_moved

    try:
        write_manifest(data / "sources", data / "manifest.yaml")
        plans = parse_received(data)
        moved, _ = moved_tasks(plans, data / RECORD)  # the build's comparison, said as notes here
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    gone: dict[str, str | None] = {}
    for moves in moved:
        print(f"{moves.plan}: {describe(moves)}", file=sys.stderr)
        gone |= moves.gone
    for problem in naming_moved(data / "links.yaml", gone):
        print(problem, file=sys.stderr)
    write_task_record(data, plans)
    print(
        f"recorded the checksums of {data / 'sources'} in {data / 'manifest.yaml'} and the task ids in {data / RECORD}"
    )
    return 0


def run_review(corpus: Corpus, args: argparse.Namespace) -> int:
    """The ``review`` command: the worksheet of one plan (``lineage.queue``, ``lineage.worksheet``)."""
    from .lineage.curation import load_curation
    from .lineage.index import Index
    from .lineage.inputs import linker_inputs
    from .lineage.queue import review_queue
    from .lineage.selection import auto_links
    from .lineage.worksheet import worksheet

    plans = [p.id for p in corpus.plans]
    if len(args.revisions) != 1 or args.revisions[0] not in plans:
        print(f"review: name one plan ({', '.join(plans)})", file=sys.stderr)
        return 2
    plan_id = args.revisions[0]
    inputs = linker_inputs(args.data)
    index = Index(corpus, inputs.settings, inputs.seg, inputs.vocabulary)
    auto = auto_links(corpus, index=index)
    decisions, _ = load_curation(corpus, inputs.links)
    queue = review_queue(corpus, index, auto, decisions, plan_id)
    command = " ".join(
        ["python -m build_scripts review", plan_id] + ([f"--data {args.data}"] if args.data != DATA else [])
    )
    text = worksheet(corpus, queue, command)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"review {plan_id}: {len(queue.items)} of {queue.pairs} pairs open", file=sys.stderr)
    return 0


# Each command with what it takes: (help, positional metavar and help or None, options).
Option = tuple[tuple[str, ...], dict[str, Any]]  # flags, add_argument's keywords
_DATA: Option = (("--data",), {"type": Path, "default": DATA, "help": "the data directory (default: data/)"})
_OUT: dict[str, Any] = {"type": Path, "help": "write to this file (default: standard output)"}
COMMANDS: dict[str, tuple[str, tuple[str, str] | None, tuple[Option, ...]]] = {
    "check": (
        "validate every input (registry, manifest, sources, task ids, terms, concepts, links, indicators, lineage settings) and print a summary",
        None,
        (),
    ),
    "dump": ("write the parsed model as JSON, for inspection", None, ((("--out",), _OUT),)),
    "manifest": (
        "record the SHA-256 of the files now in data/sources/ and the task ids in data/task_ids.yaml (after a deliberate change)",
        None,
        (),
    ),
    "lineage": (
        "link the tasks across plans, export tasks.json and links.csv, print a summary",
        None,
        (
            (
                ("--export",),
                {
                    "type": Path,
                    "default": None,
                    "help": "directory for tasks.json and links.csv (default: build/lineage/)",
                },
            ),
            (
                ("--no-curation",),
                {"action": "store_true", "help": "ignore data/links.yaml (measure the automatic linker)"},
            ),
            (("--score",), {"action": "store_true", "help": "run the evaluation scorer on the export"}),
        ),
    ),
    "changes": (
        "the change report of the data against BASE (a git revision), or of two snapshots",
        ("BASE | OLD_DIR NEW_DIR", "a git revision, or two snapshot directories"),
        ((("--snapshot",), {"type": Path, "help": "write a snapshot of the current data into this directory"}),),
    ),
    "release": (
        "record a new version of the open data",
        ("VERSION", "the new version, e.g. 1.2.0"),
        (
            (("--base",), {"help": "the git revision of the previous release (for its change report)"}),
            (("--summary",), {"help": "one Chinese sentence saying what changed"}),
        ),
    ),
    "write-docs": (
        "write the site as a self-contained MkDocs project without the plugin",
        ("OUT", "the folder to write"),
        (),
    ),
    "finish": (
        "check a built site's titles and give each page its Content-Security-Policy (after building the written project)",
        ("SITE_DIR", "the built site"),
        (),
    ),
    "review": (
        "write the review worksheet of a plan, in the format of data/links.yaml",
        ("PLAN", "the plan id"),
        ((("--out",), {"type": Path, "help": "write the worksheet to this file (default: standard output)"}),),
    ),
}


def parser() -> argparse.ArgumentParser:
    """One sub-command per job, each with its own --help; an argument a command does not take is
    refused (exit 2), not ignored."""
    top = argparse.ArgumentParser(
        prog="python -m build_scripts",
        description="The site's build scripts. Each command has its own help: python -m build_scripts COMMAND --help",
    )
    top.set_defaults(
        revisions=[], snapshot=None, base=None, summary=None, out=None, export=None, no_curation=False, score=False
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (summary, positional, options) in COMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary)
        if positional:
            sub.add_argument("revisions", nargs="*", metavar=positional[0], help=positional[1])
        sub.add_argument(*_DATA[0], **_DATA[1])
        for flags, spec in options:
            sub.add_argument(*flags, **spec)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "changes":
        return run_changes(args)
    if args.command == "release":
        return run_release(args)
    if args.command == "write-docs":
        return run_write_docs(args)
    if args.command == "finish":
        return run_finish(args)
    if args.command == "manifest":
        return run_manifest(args.data)
    if args.command == "check":
        return check(args.data)
    try:
        corpus = load_corpus(args.data)
        load_terms(args.data / "terms.yaml", corpus)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    if args.command == "review":
        try:
            return run_review(corpus, args)
        except DataError as error:
            print(error, file=sys.stderr)
            return 1
    if args.command == "lineage":
        try:
            return run_lineage(corpus, args.data, args.export, curation=not args.no_curation, score=args.score)
        except DataError as error:
            print(error, file=sys.stderr)
            return 1
    if args.command == "dump":
        text = dump(corpus)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
            print(f"wrote {args.out}", file=sys.stderr)
        else:
            print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
