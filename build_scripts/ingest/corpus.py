"""Stages 0–2 together: registry + sources → parsed plans and recognised excerpts.

``load_corpus`` is what every later stage and the CLI call. It keeps going after a
problem wherever it can, so one run reports every problem in every file; if there was
any, it raises :class:`DataError` and nothing downstream runs or writes.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from ..core.errors import DataError, Problem, display_path
from ..core.model import Corpus, Excerpt, Plan, PlanMeta, SourceFile
from ..core.timing import stage
from .excerpts import find_excerpt
from .parse import RegistryMismatch, parse_plan
from .registry import load_registry
from .sources import read_source, read_sources
from .task_record import RECORD, MovedTasks, moved_tasks, record_content


def load_corpus(data: Path) -> Corpus:
    problems: list[Problem] = []
    metas: tuple[PlanMeta, ...] = ()
    sources: dict[str, SourceFile] = {}
    registry_ok = True
    with stage("read sources"):
        try:
            metas = load_registry(data / "plans.yaml")
        except DataError as error:
            problems += error.problems
            registry_ok = False
        try:
            sources, source_problems = read_sources(data / "sources", data / "manifest.yaml")
            problems += source_problems
        except DataError as error:  # no manifest to check against: nothing is read
            problems += error.problems
            sources = {}
    with stage("parse"):
        drafts: list[Plan] = []  # parsed, but with a task count the registry does not expect
        plans = parse_plans(metas, sources, data, problems, drafts)
        # Without a valid registry, which files are plans is unknown, and without every plan
        # parsed, of which plan a file is a copy is unknown: do not guess excerpts then.
        excerpts = find_excerpts(metas, sources, plans, problems) if registry_ok and len(plans) == len(metas) else ()
        try:
            moves, moved_problems = moved_tasks((*plans, *drafts), data / RECORD)
        except DataError as error:
            moves, moved_problems = [], error.problems
    if moves:
        raise MovedTasks(problems + moved_problems, moves)
    if problems or moved_problems:
        raise DataError(problems + moved_problems)
    return Corpus(plans=plans, excerpts=excerpts)


def write_task_record(data: Path, plans: Sequence[Plan] | None = None) -> None:
    """Record the task ids of ``plans`` (default: the plans as the files now read) — what
    ``manifest`` does, and anything that makes a data folder (the benchmarks' corpora)."""
    (data / RECORD).write_text(record_content(parse_received(data) if plans is None else plans), encoding="utf-8")


def parse_received(data: Path) -> tuple[Plan, ...]:
    """The plans as the files now in ``data/sources/`` read, whatever the manifest records:
    what ``manifest`` records (their task ids) when it records a new text. A task count other
    than the registry's is left to the build to report: recording the text comes first."""
    problems: list[Problem] = []
    metas = load_registry(data / "plans.yaml")
    sources = {}
    for meta in metas:
        try:
            sources[meta.source] = read_source(data / "sources" / meta.source)
        except DataError as error:
            problems += error.problems
    drafts: list[Plan] = []
    plans = parse_plans(metas, sources, data, problems, drafts)
    if len(plans) + len(drafts) < len(metas):
        raise DataError(problems)
    order = {meta.id: n for n, meta in enumerate(metas)}
    return tuple(sorted((*plans, *drafts), key=lambda plan: order[plan.id]))


def parse_plans(
    metas: Sequence[PlanMeta],
    sources: dict[str, SourceFile],
    data: Path,
    problems: list[Problem],
    drafts: list[Plan] | None = None,
) -> tuple[Plan, ...]:
    plans = []
    for meta in metas:
        source = sources.get(meta.source)
        if source is None:  # a file that is there but was not read has its own problem already
            if not (data / "sources" / meta.source).is_file():
                problems.append(
                    Problem(
                        display_path(data / "plans.yaml"),
                        meta.line_of("source"),
                        f"{meta.id}: source file {meta.source} not found in {display_path(data / 'sources')}/"
                        + _closest_file(meta.source, data / "sources"),
                    )
                )
            continue
        try:
            plans.append(parse_plan(meta, source))
        except RegistryMismatch as error:
            problems += error.problems
            if drafts is not None:
                drafts.append(error.plan)
        except DataError as error:
            problems += error.problems
    return tuple(plans)


def find_excerpts(
    metas: Sequence[PlanMeta], sources: dict[str, SourceFile], plans: tuple[Plan, ...], problems: list[Problem]
) -> tuple[Excerpt, ...]:
    named = {meta.source for meta in metas}
    excerpts = []
    for name in sorted(set(sources) - named):
        excerpt, problem = find_excerpt(sources[name], plans)
        if problem:
            problems.append(problem)
        elif excerpt:
            excerpts.append(excerpt)
    return tuple(excerpts)


def _closest_file(name: str, folder: Path) -> str:
    """ " (did you mean …?)" with the closest file name of the folder, if one is close."""
    names = sorted(p.name for p in folder.glob("*.txt")) if folder.is_dir() else []
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""
