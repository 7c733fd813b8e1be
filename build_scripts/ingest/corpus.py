"""Stages 0–2 together: registry + sources → parsed plans and recognised excerpts.

``load_corpus`` is what every later stage and the CLI call. It keeps going after a
problem wherever it can, so one run reports every problem in every file; if there was
any, it raises :class:`DataError` and nothing downstream runs or writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..core.errors import DataError, Problem, display_path
from ..core.model import Corpus, Excerpt, Plan, PlanMeta, SourceFile
from ..core.paths import DATA
from ..core.timing import stage
from .excerpts import find_excerpt
from .parse import parse_plan
from .registry import load_registry
from .sources import read_sources


def load_corpus(data: Path = DATA) -> Corpus:
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
            sources = read_sources(data / "sources", data / "manifest.yaml")
        except DataError as error:
            problems += error.problems
            sources = {}
    with stage("parse"):
        plans = parse_plans(metas, sources, data, problems)
        # Without a valid registry, which files are plans is unknown, and without every plan
        # parsed, of which plan a file is a copy is unknown: do not guess excerpts then.
        excerpts = find_excerpts(metas, sources, plans, problems) if registry_ok and len(plans) == len(metas) else ()
    if problems:
        raise DataError(problems)
    return Corpus(plans=plans, excerpts=excerpts)


def parse_plans(
    metas: Sequence[PlanMeta], sources: dict[str, SourceFile], data: Path, problems: list[Problem]
) -> tuple[Plan, ...]:
    plans = []
    for meta in metas:
        source = sources.get(meta.source)
        if source is None:  # a file that is there but was not read has its own problem already
            if not (data / "sources" / meta.source).is_file():
                problems.append(
                    Problem(
                        display_path(data / "plans.yaml"),
                        meta.line,
                        f"{meta.id}: source file {meta.source} not found in {display_path(data / 'sources')}/",
                    )
                )
            continue
        try:
            plans.append(parse_plan(meta, source))
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
