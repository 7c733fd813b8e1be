"""The site model: the corpus with everything its pages are made from.

Pipeline place: the bottom of the site layer. :func:`load_site` runs the lower layers on
``data/`` (ingest → language → lineage and figures → topics, dataset), reads every other
file a page shows, and returns the frozen :class:`Site` every page producer reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..core import timing
from ..core.errors import DataError, Problem
from ..core.model import Corpus, Plan, Section, Task
from ..core.schema import compose, with_lines
from ..figures.indicators import Indicators
from ..figures.indicators import build as build_indicators
from ..ingest.corpus import load_corpus
from ..ingest.task_record import MovedTasks
from ..language.annotate import Annotations, annotate
from ..language.concepts import load_concepts
from ..language.segment import Segmenter
from ..language.terms import load_terms
from ..lineage.cache import cached_lineage
from ..lineage.curation import load_curation, naming_moved
from ..lineage.graph import Lineage
from ..lineage.inputs import linker_inputs
from ..lineage.settings import settings_from
from .dataset import Dataset, load_dataset
from .lineage_views.lines import LineageViews
from .lineage_views.settings_rows import SettingRow, settings_rows
from .perf_page import REPORT, load_report
from .topics import Topics
from .topics import build as build_topics
from .urls import SiteMap

T = TypeVar("T")


@dataclass(frozen=True)
class Site:
    """The corpus with what the pages are made from: site map, lookups (sections, parents,
    plans and tasks by id), the lineage with its view maps, terms, figures, topics, and the
    data files a page shows (link settings, benchmark report) — all read before anything
    renders. Made by :func:`make_site` (which builds the lookups); never changed after."""

    corpus: Corpus
    sitemap: SiteMap
    sections: Mapping[str, Section]
    parents: Mapping[str, str | None]
    plans: Mapping[str, Plan]
    tasks: Mapping[str, Task]
    plan_rank: Mapping[str, int]  # plan id → corpus position
    lineage: Lineage | None = None
    lineage_views: LineageViews | None = None  # the lineage's view maps (lineage_views/lines.py), built once
    annotations: Annotations | None = None  # term hits (annotate.py); None: no term marks or pages
    indicators: Indicators | None = None  # figures (figures/indicators.py); None: no figure marks or 指标 pages
    line_years: int = 0  # policy lines show the plans within this many years (link settings' lookback_years)
    dataset: Dataset | None = None  # the open dataset's name, version and releases (data/dataset.yaml)
    segmenter: Segmenter | None = None  # words of the compare view; None: the lineage producer makes one
    topics: Topics | None = None  # topic lines (topics.py); None: no topic pages, labels link nowhere
    lineage_settings: tuple[SettingRow, ...] = ()  # data/lineage.yaml's numbers, for the about page
    benchmarks: dict | None = None  # benchmarks/report.json (perf_page.py); None: not measured yet
    notes: tuple[Problem, ...] = ()  # decisions the automatic links no longer match (curation.py): logged, not failed

    @property
    def hits(self) -> Annotations:
        """The term hits, for the pages that exist only with them (term pages)."""
        if self.annotations is None:
            raise ValueError("this site was built without terms (with_terms=False)")
        return self.annotations

    @property
    def figures(self) -> Indicators:
        """The figures, for the pages that exist only with them (指标 pages)."""
        if self.indicators is None:
            raise ValueError("this site was built without figures (with_indicators=False)")
        return self.indicators

    @property
    def views(self) -> LineageViews:
        """The lineage's view maps, for the pages that exist only with a lineage."""
        if self.lineage_views is None:
            raise ValueError("this site was built without lineage (with_lineage=False)")
        return self.lineage_views

    def ancestors(self, key: str) -> list[Section]:
        """Enclosing sections of a section key, outermost first (the section excluded)."""
        out: list[Section] = []
        parent = self.parents.get(key)
        while parent is not None:
            out.insert(0, self.sections[parent])
            parent = self.parents[parent]
        return out


def make_site(corpus: Corpus, sitemap: SiteMap | None = None, **parts) -> Site:
    """A :class:`Site` over ``corpus`` with its lookups built (and the lineage's view maps,
    given a ``lineage``); ``parts`` are the optional fields of :class:`Site`."""
    sections: dict[str, Section] = {}
    parents: dict[str, str | None] = {}

    def index(section: Section, parent: str | None) -> None:
        sections[section.key] = section
        parents[section.key] = parent
        for child in section.subsections:
            index(child, section.key)

    plans: dict[str, Plan] = {}
    tasks: dict[str, Task] = {}
    rank: dict[str, int] = {}
    for position, plan in enumerate(corpus.plans):
        plans[plan.id] = plan
        rank[plan.id] = position
        tasks.update((task.id, task) for task in plan.tasks)
        for section in plan.sections:
            index(section, None)
    lineage = parts.get("lineage")
    if lineage is not None and parts.get("lineage_views") is None:
        parts["lineage_views"] = LineageViews.of(lineage, parts.get("line_years", 0))
    return Site(corpus, sitemap or SiteMap(corpus), sections, parents, plans, tasks, rank, **parts)


class _Inputs:
    """Loads each input and keeps the problems of every one, so that a build (and ``check``,
    which is the same load) reports all of them at once, whichever file comes first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def load(self, loader: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return loader(*args, **kwargs)
        except DataError as error:
            self.problems += [p for p in error.problems if p not in self.problems]
            return None

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.problems)


def load_site(
    data: Path, with_lineage: bool = True, with_terms: bool = True, with_indicators: bool = True, report=REPORT
) -> Site:
    """Parse ``data/`` and link the tasks across plans; read every file a page shows
    (``report``: the benchmarks' report), so that nothing reads a file while the pages
    render. Every input is checked, and :class:`errors.DataError` lists the problems of all
    of them (the plans first: nothing else can be checked without them)."""
    try:
        corpus = load_corpus(data)
    except MovedTasks as error:  # name the decisions that point at moved tasks too
        gone = {old: new for moves in error.moves for old, new in moves.gone.items()}
        raise DataError(error.problems + naming_moved(data / "links.yaml", gone)) from None
    inputs = _Inputs()
    # Each data file is parsed once here and handed to whatever needs it (issue 21).
    terms = inputs.load(load_terms, data / "terms.yaml", corpus) if with_terms or with_lineage else None
    settings_root = inputs.load(compose, data / "lineage.yaml") if with_lineage else None
    settings_file = inputs.load(settings_from, settings_root, data / "lineage.yaml") if settings_root else None
    concepts = inputs.load(load_concepts, data / "concepts.yaml") if with_lineage else None
    ready = None
    if with_lineage and terms is not None and settings_file is not None and concepts is not None:
        with timing.stage("segmenter"):  # the linker's words, and the compare view's
            ready = linker_inputs(data, terms=terms, settings=settings_file, vocabulary=concepts)
    seg = ready.seg if ready is not None else None
    with timing.stage("link"):
        linked = None
        if ready is not None:
            linked = inputs.load(cached_lineage, corpus, data, lambda: ready)  # build_lineage, cached
        elif with_lineage:  # the linker cannot run (e.g. terms.yaml): links.yaml on its own
            inputs.load(load_curation, corpus, data / "links.yaml")
    lineage, notes = linked if linked is not None else (None, [])
    with timing.stage("annotate"):
        annotations = annotate(corpus, terms) if terms is not None and with_terms else None
    indicators = (
        inputs.load(build_indicators, corpus, annotations.terms if annotations else (), data / "indicators.yaml")
        if with_indicators and (annotations is not None or not with_terms)
        else None
    )  # targets and baselines (figures/, data/indicators.yaml)
    years = settings_file.lookback_years if settings_file is not None else 0  # as cached_lineage links
    dataset = inputs.load(load_dataset, data / "dataset.yaml") if (data / "dataset.yaml").exists() else None
    inputs.raise_if_any()
    settings = settings_rows(with_lines(settings_root)) if settings_root else ()  # about page
    topics = build_topics(corpus, concepts, lineage, indicators) if concepts is not None else None
    # one page per policy domain (topics.py)
    return make_site(
        corpus,
        lineage=lineage,
        annotations=annotations,
        indicators=indicators,
        line_years=years,
        segmenter=seg,
        topics=topics,
        dataset=dataset,
        lineage_settings=settings,
        benchmarks=load_report(report),
        notes=tuple(notes),
    )
