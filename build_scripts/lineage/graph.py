"""The lineage as records: links between tasks of successive plans, and the labels they
give each task.

Pipeline place: the records of the lineage layer, no method of linking. ``selection``
makes the automatic :class:`Link` records, ``curation`` reviews them, ``queue`` ranks the
candidates of the pairs no decision names yet (:class:`OpenPair`), ``build`` gathers
the result in a :class:`Lineage` (made by :meth:`Lineage.of`, with its
:class:`LineageIndex` lookups); ``cache`` stores it, and the site layer (pages, topics,
export) only reads it. :func:`labels` derives 新增/延续/合并/拆分/未延续 from the links.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.model import Corpus, Plan
from .evidence import Evidence

# Labels of a task's place in the lineage
NEW = "新增"  # no predecessor in any earlier plan
CONTINUED = "延续"  # at least one predecessor
MERGED = "合并"  # several predecessors in one earlier plan
SPLIT = "拆分"  # several successors in one later plan
DISCONTINUED = "未延续"  # no successor in the next plan (see next_plan)
LABELS = (NEW, CONTINUED, MERGED, SPLIT, DISCONTINUED)


SCORE_DIGITS = 4  # scores are rounded to this many decimals everywhere


STRONG = "strong"  # the evidence covers the earlier task's main subject, or a named programme
WEAK = "weak"  # the evidence is a minor clause on one side
STRENGTHS = (STRONG, WEAK)

# Where a link comes from (``Link.origin``): one vocabulary, as the open data publishes it
AUTO = "auto"  # the linker's, not reviewed
CONFIRMED = "confirmed"  # an automatic link an editor read and kept (data/links.yaml)
ADDED = "added"  # a link the editor added
RELATED_REVIEW = "related"  # an editor's "related, not a predecessor" (Lineage.related only)
REVIEWS = (CONFIRMED, ADDED)
ORIGINS = (AUTO, CONFIRMED, ADDED, RELATED_REVIEW)

# How another task stands to a task (Relation.role)
PREDECESSOR = "predecessor"  # a link: the other task is continued by this one
SUCCESSOR = "successor"  # a link: the other task continues this one
RELATED = "related"  # an editors' related pair: a minor clause in common, not a continuation
ROLES = (PREDECESSOR, SUCCESSOR, RELATED)


@dataclass(frozen=True)
class Link:
    """``successor`` continues ``predecessor`` (a task of an earlier plan)."""

    predecessor: str
    successor: str
    score: float
    terms: tuple[str, ...]  # distinctive shared words, most telling first
    origin: str = AUTO  # one of ORIGINS: the linker's, or how an editor reviewed it
    note: str = ""  # the editor's note (编者按), for reviewed links
    strength: str = WEAK  # STRONG or WEAK, from what the evidence covers
    evidence: tuple[Evidence, ...] = ()  # the clauses that continue each other, best first

    @property
    def reviewed(self) -> bool:
        """An editor read it (confirmed, added, or related)."""
        return self.origin != AUTO


@dataclass(frozen=True)
class NoPredecessor:
    """An editor read the whole earlier ``plan`` and found no predecessor of ``successor``."""

    successor: str
    plan: str
    note: str


@dataclass(frozen=True)
class Relation:
    """How ``other`` stands to a task: the one relation of a pair of tasks (a link or an
    editors' related pair, never both), as every view shows it — the task block, the
    lineage page, the topic page, the compare view, the review and the open data."""

    other: str
    role: str  # PREDECESSOR, SUCCESSOR or RELATED
    link: Link  # the link or related pair it comes from

    @property
    def earlier(self) -> bool:
        """Is the other task in the earlier plan of the two? (Links point forwards.)"""
        return self.link.predecessor == self.other

    @property
    def strength(self) -> str:
        """STRONG or WEAK for a link; "" for a related pair (it continues nothing)."""
        return "" if self.role == RELATED else self.link.strength


@dataclass(frozen=True)
class Proposal:
    """An earlier task the linker offers for an open pair of the review queue (``queue``)."""

    predecessor: str
    score: float
    strength: str  # STRONG or WEAK: the linker's, from the evidence
    published: bool  # the linker makes this link (proposed: confirm; otherwise offered as add)
    evidence: tuple[Evidence, ...] = ()  # the clauses that continue each other, best first
    via: str = ""  # the task's best candidate in another plan, which a decision ties to this one


@dataclass(frozen=True)
class OpenPair:
    """A (later task, earlier plan) pair that no decision of the editors names yet, with the
    linker's candidates in that plan best first: one entry of the review queue."""

    successor: str
    plan: str
    proposals: tuple[Proposal, ...]


def _relations(links: tuple[Link, ...], related: tuple[Link, ...]) -> dict[str, tuple[Relation, ...]]:
    """Every task's relations: predecessors, successors, then related pairs, each in link
    order. A pair both linked and related is an error of the data, not a choice to make here."""
    out: dict[str, list[Relation]] = defaultdict(list)
    seen: set[frozenset[str]] = set()
    for links_, roles in ((links, (PREDECESSOR, SUCCESSOR)), (related, (RELATED, RELATED))):
        for link in links_:
            pair = frozenset((link.predecessor, link.successor))
            if pair in seen:
                raise ValueError(f"{link.predecessor} and {link.successor} are related twice (a pair has one relation)")
            seen.add(pair)
            out[link.successor].append(Relation(link.predecessor, roles[0], link))
            out[link.predecessor].append(Relation(link.successor, roles[1], link))
    order = {PREDECESSOR: 0, SUCCESSOR: 1, RELATED: 2}
    return {task: tuple(sorted(found, key=lambda r: order[r.role])) for task, found in out.items()}


@dataclass(frozen=True)
class LineageIndex:
    """The lookups of a lineage, computed once when it is made (:meth:`Lineage.of`): its
    links by successor and by predecessor (in link order), each task's plan and each plan's
    next plan (:func:`next_plan`; labels() asks for every task)."""

    predecessors: dict[str, tuple[Link, ...]]
    successors: dict[str, tuple[Link, ...]]
    plan_of: dict[str, str]
    next_plan: dict[str, Plan | None]
    relations: dict[str, tuple[Relation, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, corpus: Corpus, links: tuple[Link, ...], related: tuple[Link, ...] = ()) -> LineageIndex:
        preds: dict[str, list[Link]] = defaultdict(list)
        succs: dict[str, list[Link]] = defaultdict(list)
        for link in links:
            preds[link.successor].append(link)
            succs[link.predecessor].append(link)
        return cls(
            {task: tuple(found) for task, found in preds.items()},
            {task: tuple(found) for task, found in succs.items()},
            {t.id: t.plan_id for t in corpus.tasks},
            {p.id: next_plan(corpus, p.id) for p in corpus.plans},
            _relations(links, related),
        )


@dataclass(frozen=True)
class Lineage:
    """The links of a corpus, with lookups by task and the derived labels.

    Made with :meth:`of`, which computes the lookups (:class:`LineageIndex`) from the links;
    the index is derived data, neither compared nor shown."""

    corpus: Corpus
    links: tuple[Link, ...]
    none: tuple[NoPredecessor, ...] = ()  # the editors' "no predecessor in this plan"
    related: tuple[Link, ...] = ()  # the editors' related pairs: shown apart, never predecessors
    rejected: tuple[Link, ...] = ()  # automatic links the editors removed (note: why)
    open: tuple[OpenPair, ...] = ()  # the review queue: pairs no decision names, corpus order
    index: LineageIndex = field(kw_only=True, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        corpus: Corpus,
        links: tuple[Link, ...],
        none: tuple[NoPredecessor, ...] = (),
        related: tuple[Link, ...] = (),
        rejected: tuple[Link, ...] = (),
        open: tuple[OpenPair, ...] = (),
    ) -> Lineage:
        """The lineage of ``links`` with its lookups."""
        return cls(corpus, links, none, related, rejected, open, index=LineageIndex.of(corpus, links, related))

    def relations(self, task_id: str, *roles: str) -> tuple[Relation, ...]:
        """How every other task stands to this one (one :class:`Relation` per pair), of the
        given roles (all if none): predecessors, successors, related, each in link order."""
        found = self.index.relations.get(task_id, ())
        return tuple(r for r in found if r.role in roles) if roles else found

    def reviewed_none(self, task_id: str) -> tuple[str, ...]:
        """The earlier plans in which an editor found no predecessor of the task."""
        return tuple(n.plan for n in self.no_predecessor(task_id))

    def no_predecessor(self, task_id: str) -> tuple[NoPredecessor, ...]:
        """The editors' ``none`` decisions about the task (each an earlier plan read in full), in
        the order of ``links.yaml``."""
        return tuple(n for n in self.none if n.successor == task_id)

    def predecessors(self, task_id: str) -> tuple[Link, ...]:
        return self.index.predecessors.get(task_id, ())

    def successors(self, task_id: str) -> tuple[Link, ...]:
        return self.index.successors.get(task_id, ())

    def plan_of(self, task_id: str) -> str:
        return self.index.plan_of[task_id]

    def labels(self, task_id: str) -> tuple[str, ...]:
        return labels(self, task_id)

    def pair_counts(self) -> dict[tuple[str, str], int]:
        """Links per (earlier plan, later plan), in corpus order."""
        out: Counter[tuple[str, str]] = Counter()
        for link in self.links:
            out[(self.plan_of(link.predecessor), self.plan_of(link.successor))] += 1
        order = {p.id: i for i, p in enumerate(self.corpus.plans)}
        return {k: out[k] for k in sorted(out, key=lambda k: (order[k[0]], order[k[1]]))}

    def label_counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for task in self.corpus.tasks:
            counts.update(self.labels(task.id))
        return {label: counts[label] for label in LABELS}


def next_plan(corpus: Corpus, plan_id: str) -> Plan | None:
    """The plan that follows ``plan_id``: the first later plan whose period begins after
    this one's ends. An annual work programme inside a five-year period (2009 within
    2006–2010) is not the five-year plan's *next* plan; the following five-year plan is."""
    plans = list(corpus.plans)
    here = corpus.plan(plan_id)
    for plan in plans[plans.index(here) + 1 :]:
        if plan.meta.start_year > here.meta.end_year:
            return plan
    return None


def labels(lineage: Lineage, task_id: str) -> tuple[str, ...]:
    """The labels of one task, in the order of :data:`LABELS`.

    新增 no predecessor anywhere; 延续 some predecessor; 合并 several predecessors in one
    earlier plan; 拆分 several successors in one later plan; 未延续 no successor in the
    next plan (:func:`next_plan`; never for tasks of the last plan). Tasks of the first
    plan are neither 新增 nor 延续: there is no earlier plan to compare with.
    """
    plan_of = lineage.plan_of
    preds = Counter(plan_of(link.predecessor) for link in lineage.predecessors(task_id))
    succs = Counter(plan_of(link.successor) for link in lineage.successors(task_id))
    first = lineage.corpus.plans[0].id == plan_of(task_id)  # nothing earlier to continue
    out = [] if first else [NEW] if not preds else [CONTINUED]
    if any(n > 1 for n in preds.values()):
        out.append(MERGED)
    if any(n > 1 for n in succs.values()):
        out.append(SPLIT)
    following = lineage.index.next_plan[plan_of(task_id)]
    if following is not None and not succs.get(following.id):
        out.append(DISCONTINUED)
    return tuple(out)


def sort_links(corpus: Corpus, links: Iterable[Link]) -> list[Link]:
    order = {t.id: i for i, t in enumerate(corpus.tasks)}
    return sorted(links, key=lambda l: (order[l.successor], order[l.predecessor]))


__all__ = [
    "ADDED",
    "AUTO",
    "CONFIRMED",
    "CONTINUED",
    "DISCONTINUED",
    "LABELS",
    "MERGED",
    "NEW",
    "PREDECESSOR",
    "RELATED",
    "RELATED_REVIEW",
    "REVIEWS",
    "ROLES",
    "SCORE_DIGITS",
    "SPLIT",
    "STRENGTHS",
    "STRONG",
    "SUCCESSOR",
    "WEAK",
    "Lineage",
    "LineageIndex",
    "Link",
    "NoPredecessor",
    "OpenPair",
    "Proposal",
    "Relation",
    "labels",
    "next_plan",
    "sort_links",
]
