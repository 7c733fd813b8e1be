"""The site model: the corpus with everything its pages are made from.

Pipeline place: the bottom of the site layer. :func:`load_site` runs the lower layers on
``data/`` (ingest → language → lineage and figures → topics, dataset) and returns the
:class:`Site` every page producer reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core import timing
from ..core.model import Corpus, Plan, Section, Task
from ..core.paths import DATA
from ..figures.indicators import Indicators
from ..figures.indicators import build as build_indicators
from ..ingest.corpus import load_corpus
from ..language.annotate import Annotations, annotate
from ..language.concepts import load_concepts
from ..language.segment import Segmenter, load_dictionary, segmenter
from ..language.terms import load_terms
from ..lineage.cache import cached_lineage
from ..lineage.graph import Lineage
from ..lineage.settings import load_settings
from .dataset import Dataset, load_dataset
from .topics import Topics
from .topics import build as build_topics
from .urls import (
    SiteMap,
)


@dataclass
class Site:
    """The corpus with what the templates look up: site map, sections by key, parents."""

    corpus: Corpus
    sitemap: SiteMap
    sections: dict[str, Section] = field(default_factory=dict)
    parents: dict[str, str | None] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    lineage: Lineage | None = None
    annotations: Annotations | None = None  # term hits (annotate.py); None: no term marks or pages
    indicators: Indicators | None = None  # figures (indicators.py); None: no figure marks or 指标 pages
    line_years: int = 0  # policy lines show the plans within this many years (link settings' lookback_years)
    dataset: Dataset | None = None  # the open dataset's name, version and releases (data/dataset.yaml)
    plan_rank: dict[str, int] = field(default_factory=dict)  # plan id → corpus position
    segmenter: Segmenter | None = None  # words of the compare view; None: made when first needed
    comparisons: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)  # comparison_html
    lineage_hrefs: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)  # lineage_href
    topics: Topics | None = None  # topic lines (topics.py); None: no topic pages, labels link nowhere

    def __post_init__(self) -> None:
        for rank, plan in enumerate(self.corpus.plans):
            self.plans[plan.id] = plan
            self.plan_rank[plan.id] = rank
            self.tasks.update((task.id, task) for task in plan.tasks)
            for section in plan.sections:
                self._index(section, None)

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

    def _index(self, section: Section, parent: str | None) -> None:
        self.sections[section.key] = section
        self.parents[section.key] = parent
        for child in section.subsections:
            self._index(child, section.key)

    def ancestors(self, key: str) -> list[Section]:
        """Enclosing sections of a section key, outermost first (the section excluded)."""
        out: list[Section] = []
        parent = self.parents.get(key)
        while parent is not None:
            out.insert(0, self.sections[parent])
            parent = self.parents[parent]
        return out


def load_site(data=DATA, with_lineage: bool = True, with_terms: bool = True, with_indicators: bool = True) -> Site:
    """Parse ``data/`` and link the tasks across plans (raises :class:`errors.DataError`)."""
    corpus = load_corpus(data)
    with timing.stage("link"):
        lineage = cached_lineage(corpus, data=data)[0] if with_lineage else None  # build.build_lineage, cached
    with timing.stage("annotate"):
        annotations = annotate(corpus, load_terms(data / "terms.yaml", corpus)) if with_terms else None
    indicators = (
        build_indicators(corpus, annotations.terms if annotations else (), data / "indicators.yaml")
        if with_indicators
        else None
    )  # targets and baselines (indicators.py, data/indicators.yaml)
    years = load_settings(data / "lineage.yaml").lookback_years if with_lineage else 0  # as cached_lineage links
    seg = None
    if with_lineage:  # the compare view's words; loaded here, before the search index adopts
        with timing.stage("segmenter"):  # jieba's dictionary from it (segment.adopt_base)
            seg = segmenter(load_dictionary(data / "terms.yaml"))
    topics = (
        build_topics(corpus, load_concepts(data / "concepts.yaml"), lineage, indicators) if with_lineage else None
    )  # one page per policy domain (topics.py)
    dataset = load_dataset(data / "dataset.yaml") if (data / "dataset.yaml").exists() else None
    return Site(
        corpus,
        SiteMap(corpus),
        lineage=lineage,
        annotations=annotations,
        indicators=indicators,
        line_years=years,
        segmenter=seg,
        topics=topics,
        dataset=dataset,
    )
