"""Topic lines (专题脉络): one page per policy domain, its tasks plan by plan, 2006 → 2020.

Pipeline place: reads the corpus, the concept vocabulary (``data/concepts.yaml``, loaded by
``concepts``), the lineage and the figures (``indicators``); ``load`` keeps the result
on the :class:`load.Site`, and :func:`pages` renders the topic index (in the navigation
under 跨规划脉络) and one page per domain. Like 北大法宝's 法规沿革, but for a policy
domain instead of one law.

Which tasks belong to a domain
------------------------------
The concept matcher (:class:`concepts.ConceptMatcher`, leftmost-longest over the text,
width- and case-insensitive, the ``ignore`` phrases hiding their members — exactly what
the linker's concept vectors count) is run over each task's title and its text. A task
belongs to

* every domain its **title** names (for a section task the title is its heading), and
* the domain **dominant** in the task: the one signalled most often, a signal in the
  title counting :data:`TITLE_WEIGHT` times (the linker's ``concepts.title`` weight
  against ``concepts.body``); on a tie, every domain at the top.

So a task may belong to several domains (a title naming two), and a task that signals no
domain belongs to none. The enclosing section headings are not counted: a chapter
heading such as 信息基础设施 would put every task of the chapter into one domain. The
idf weighting of the linker's concept vectors is not used either: it ranks domains by how
*rare* they are across the corpus, which is right for telling two tasks apart but would
make a task about broadband that once mentions 北斗 a 物联网 task.

Links shown on a topic page are the lineage's links whose both ends belong to the domain;
a member's links to tasks outside the domain are counted, not listed (they are on its
own policy line).

Which figures belong to a domain
--------------------------------
A statement of ``indicators`` (a figure with its indicator, as on the 指标 pages) belongs
to the domains its indicator's **name** names; if the name names none, to the domains its
**sentence** names. Listed by indicator, in the order of the 指标 pages.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from ..core.model import Corpus, Task
from ..figures.indicators import Indicators
from ..figures.statements import Statement
from ..language.concepts import Concept, ConceptMatcher, Vocabulary
from ..lineage.graph import Lineage, Link

TITLE_WEIGHT = 3  # a domain named in the title counts this many times (linker: concepts.title / body)


def task_domains(matcher: ConceptMatcher, task: Task) -> tuple[str, ...]:
    """The domains a task belongs to (module docstring), in vocabulary order of first hit."""
    named = matcher.count(task.title)
    counts: Counter[str] = Counter({k: TITLE_WEIGHT * v for k, v in named.items()})
    counts.update(matcher.count(task.text))
    if not counts:
        return ()
    top = max(counts.values())
    chosen = set(named) | {k for k, v in counts.items() if v == top}
    return tuple(k for k in counts if k in chosen)


def statement_domains(matcher: ConceptMatcher, name: str, sentence: str) -> tuple[str, ...]:
    """The domains a figure belongs to: named by its indicator's name, else by its sentence."""
    return tuple(matcher.count(name)) or tuple(matcher.count(sentence))


@dataclass(frozen=True)
class Topic:
    """One policy domain with its tasks (corpus order), links and figures."""

    concept: Concept
    tasks: tuple[Task, ...]
    links: tuple[Link, ...]  # both ends in the domain, lineage order
    statements: tuple[Statement, ...]  # grouped by indicator, in the order of the 指标 pages

    @property
    def id(self) -> str:
        return self.concept.id

    @property
    def label(self) -> str:
        return self.concept.label

    # Lookups grouped once per topic (a page asks for every task and plan: linear, not
    # tasks × links); cached_property writes to the instance dict, which frozen allows.
    @functools.cached_property
    def _by_plan(self) -> dict[str, tuple[Task, ...]]:
        out: dict[str, list[Task]] = {}
        for t in self.tasks:
            out.setdefault(t.plan_id, []).append(t)
        return {k: tuple(v) for k, v in out.items()}

    @functools.cached_property
    def _links_of(self) -> tuple[dict[str, tuple[Link, ...]], dict[str, tuple[Link, ...]]]:
        before: dict[str, list[Link]] = {}
        after: dict[str, list[Link]] = {}
        for l in self.links:
            before.setdefault(l.successor, []).append(l)
            after.setdefault(l.predecessor, []).append(l)
        return {k: tuple(v) for k, v in before.items()}, {k: tuple(v) for k, v in after.items()}

    @functools.cached_property
    def member_ids(self) -> frozenset[str]:
        return frozenset(t.id for t in self.tasks)

    def tasks_of(self, plan_id: str) -> tuple[Task, ...]:
        return self._by_plan.get(plan_id, ())

    def predecessors(self, task_id: str) -> tuple[Link, ...]:
        """Links inside the domain into ``task_id``, lineage order."""
        return self._links_of[0].get(task_id, ())

    def successors(self, task_id: str) -> tuple[Link, ...]:
        return self._links_of[1].get(task_id, ())

    def by_indicator(self, indicators: Indicators) -> list[tuple[str, str, tuple[Statement, ...]]]:
        """(indicator id, name, its statements here) in the order of the 指标 pages."""
        out: dict[str, tuple[str, str, list[Statement]]] = {}
        for s in self.statements:
            indicator = indicators.indicator(s)
            out.setdefault(indicator.id, (indicator.id, indicator.name, []))[2].append(s)
        return [(i, name, tuple(found)) for i, name, found in out.values()]


@dataclass(frozen=True)
class Topics:
    topics: tuple[Topic, ...]  # vocabulary order

    def by_label(self, label: str) -> str | None:
        """The concept id of a label as links show it (``【宽带与光纤网络】``) or bare."""
        bare = label.removeprefix("【").removesuffix("】")
        for topic in self.topics:
            if topic.label == bare:
                return topic.id
        return None

    def of_task(self, task_id: str) -> tuple[Topic, ...]:
        return self._of.get(task_id, ())

    @functools.cached_property
    def _of(self) -> dict[str, tuple[Topic, ...]]:
        """Task id → its topics, built once (a topic page asks for every relation's other end)."""
        out: dict[str, list[Topic]] = {}
        for topic in self.topics:
            for task in topic.tasks:
                out.setdefault(task.id, []).append(topic)
        return {k: tuple(v) for k, v in out.items()}


def build(
    corpus: Corpus, vocabulary: Vocabulary, lineage: Lineage | None = None, indicators: Indicators | None = None
) -> Topics:
    """Every domain of the vocabulary with its tasks, links and figures (empty ones too)."""
    matcher = ConceptMatcher(vocabulary)
    members: dict[str, list[Task]] = {c.id: [] for c in vocabulary.concepts}
    for task in corpus.tasks:
        for concept in task_domains(matcher, task):
            members[concept].append(task)
    figures: dict[str, list[Statement]] = {c.id: [] for c in vocabulary.concepts}
    if indicators is not None:
        for indicator in indicators.indicators:
            for s in indicator.statements:
                for concept in statement_domains(matcher, indicator.name, s.sentence_text):
                    figures[concept].append(s)
    topics = []
    for domain in vocabulary.concepts:
        ids = {t.id for t in members[domain.id]}
        links = tuple(l for l in lineage.links if l.predecessor in ids and l.successor in ids) if lineage else ()
        topics.append(Topic(domain, tuple(members[domain.id]), links, tuple(figures[domain.id])))
    return Topics(tuple(topics))


__all__ = ["TITLE_WEIGHT", "Topic", "Topics", "build", "statement_domains", "task_domains"]
