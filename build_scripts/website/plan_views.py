"""The plan pages as a tree of frozen view records, computed per page before it renders.

Pipeline place: made by ``pages/plans.py`` from the :class:`~build_scripts.website.load.Site`
and one page path, read by ``section_page.md.j2``, ``overview.md.j2`` and the macros in
``_macros.md.j2`` / ``_lineage.md.j2``, which only read attributes and loop. Every text is
plain (the templates escape it); paragraphs are marked text from ``termmarks`` (pieces of
plain text, written by ``_marks.html.j2``). Every ``href`` is relative to the page the view was made for (``urls``).

A section that has a page of its own is shown on its parent's page as a link with a note of
what it holds; its content (``runs``) is computed only on its own page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.model import Block, BlockKind, Plan, PlanMeta, Section, Task
from ..language.annotate import Annotations
from ..language.terms import Term
from ..lineage.graph import RELATED
from . import termmarks
from .labels import CONTEXT_LABELS, FACT_LABELS, FROM_NOTE, FROM_TEXT, NOT_IN_TEXT, NOT_RECORDED, ROLE_LABELS
from .lineage_views.lines import has_line
from .lineage_views.told import LabelView, label_views
from .load import Site
from .termmarks import Marked
from .urls import TERMS_INDEX, Target, full_text_page, html_relative, overview_page, relative, term_page, topic_page
from .views import (
    block_label,
    contents_note,
    is_page,
    link_groups,
    page_label,
    runs,
    section_heading,
    task_heading,
    topic_of_label,
)


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb: its text and link."""

    text: str
    href: str


@dataclass(frozen=True)
class BlockView:
    """A context paragraph: its kind, its source text and the text with its figures marked."""

    kind: BlockKind
    text: str
    marked: Marked


@dataclass(frozen=True)
class TermRef:
    """A shared term of a link; ``href`` is its topic page (empty: no topic page)."""

    text: str
    href: str


@dataclass(frozen=True)
class LinkItem:
    """One predecessor or successor of a task, as its task block lists it."""

    title: str
    href: str
    strength: str  # STRONG or WEAK (lineage/graph.py)
    reviewed: bool
    terms: tuple[TermRef, ...]
    compare_href: str
    note: str


@dataclass(frozen=True)
class LinkGroup:
    """The links of a task to the tasks of one plan."""

    plan_name: str
    links: tuple[LinkItem, ...]


@dataclass(frozen=True)
class RelatedItem:
    """An editors' related clause (not a predecessor) of a task."""

    plan_name: str
    title: str
    href: str
    note: str


@dataclass(frozen=True)
class NoneItem:
    """An earlier plan that the editors read in full without finding a predecessor of a task."""

    plan_id: str
    plan_name: str
    note: str


@dataclass(frozen=True)
class TaskLinks:
    """A task's lineage slot: labels, predecessors and successors by plan, related clauses,
    its policy line (``line_href`` empty: none) and what the legend explains."""

    labels: tuple[LabelView, ...]
    before: tuple[LinkGroup, ...]
    after: tuple[LinkGroup, ...]
    related: tuple[RelatedItem, ...]
    line_href: str
    n_before: int
    n_after: int
    strengths: tuple[str, ...]  # in order of first appearance
    reviewed: bool
    none: tuple[NoneItem, ...] = ()  # the editors' "no predecessor in this plan", earlier plans first


@dataclass(frozen=True)
class Cite:
    """What a citation of a task says, as recorded (``task-links.js`` adds the permanent
    address and the date accessed when a reader copies it): nothing is guessed, so an
    issuer or a date of issue the text does not state is left out."""

    plan_title: str
    issuer: str  # "" when not recorded
    issued: str  # the year of issue as recorded, "" when not
    task_title: str
    dataset: str  # the dataset's title: the edition the reader cites the text from
    version: str  # the open data's version ("" without a dataset)
    doc_number: str = ""  # the document number as recorded (京政发〔2016〕57号), "" when not
    compiler: str = ""  # who made the edition (the dataset's author)
    released: str = ""  # the year of the edition's current version


@dataclass(frozen=True)
class TaskView:
    """A task block: heading, breadcrumb, paragraphs (terms and figures marked), its
    lineage slot (``None``: the site has no lineage) and what its citation says."""

    id: str
    heading: str
    crumbs: tuple[Crumb, ...]
    paragraphs: tuple[Marked, ...]
    links: TaskLinks | None
    cite: Cite | None = None


@dataclass(frozen=True)
class RunView:
    """A stretch of a section's content: context blocks (one box, with its label), or one
    subsection, or one task."""

    kind: str  # "blocks", "section" or "task"
    label: str = ""
    blocks: tuple[BlockView, ...] = ()
    section: SectionView | None = None
    task: TaskView | None = None


@dataclass(frozen=True)
class SectionView:
    """A section as a page shows it: heading and anchor, its navigation label and link, and,
    unless it is a page of its own shown from another page, its content."""

    key: str
    heading: str
    label: str
    href: str
    is_page: bool
    contents_note: str
    runs: tuple[RunView, ...]


def crumbs(site: Site, page: str, plan_id: str, keys: Iterable[str]) -> tuple[Crumb, ...]:
    """The plan's overview, then each enclosing section."""
    first = Crumb(site.plans[plan_id].meta.short_name, relative(page, Target(overview_page(plan_id))))
    return (first, *(Crumb(page_label(site.sections[k]), site.sitemap.href(page, k)) for k in keys))


def block_views(site: Site, page: str, blocks: Iterable[Block]) -> tuple[BlockView, ...]:
    return tuple(BlockView(b.kind, b.text, termmarks.context_paragraph(site.indicators, page, b)) for b in blocks)


def _term_ref(site: Site, page: str, term: str) -> TermRef:
    topic = topic_of_label(site, term)
    return TermRef(term, relative(page, Target(topic_page(topic))) if topic else "")


def _groups(site: Site, page: str, task: Task, later: bool) -> tuple[LinkGroup, ...]:
    out = []
    for plan, views in link_groups(site, task, later):
        items = []
        for v in views:
            pair = (v.task.id, task.id) if later else (task.id, v.task.id)
            terms = tuple(_term_ref(site, page, t) for t in v.terms)
            compare = relative(page, site.sitemap.comparison(*pair))
            href = site.sitemap.href(page, v.task.id)
            items.append(LinkItem(v.task.title, href, v.strength, v.reviewed, terms, compare, v.note))
        out.append(LinkGroup(plan.meta.short_name, tuple(items)))
    return tuple(out)


def _related(site: Site, page: str, task: Task) -> tuple[RelatedItem, ...]:
    assert site.lineage is not None
    out = []
    for r in site.lineage.relations(task.id, RELATED):
        other = site.tasks[r.other]
        href = site.sitemap.href(page, other.id)
        out.append(RelatedItem(site.plans[other.plan_id].meta.short_name, other.title, href, r.link.note))
    return tuple(out)


def task_links(site: Site, page: str, task: Task) -> TaskLinks | None:
    if site.lineage is None:
        return None
    before, after = _groups(site, page, task, False), _groups(site, page, task, True)
    items = [item for group in before + after for item in group.links]
    line = html_relative(page, site.sitemap.line(task.id)) if has_line(site.lineage, task.id) else ""
    labels = tuple(label_views(site.lineage_views or site.lineage, task))
    return TaskLinks(
        labels,
        before,
        after,
        _related(site, page, task),
        line,
        sum(len(g.links) for g in before),
        sum(len(g.links) for g in after),
        tuple(dict.fromkeys(item.strength for item in items)),
        any(item.reviewed for item in items),
        _none(site, task),
    )


def _none(site: Site, task: Task) -> tuple[NoneItem, ...]:
    assert site.lineage is not None
    order = {p.id: i for i, p in enumerate(site.corpus.plans)}
    found = sorted(site.lineage.no_predecessor(task.id), key=lambda n: order[n.plan])
    return tuple(NoneItem(n.plan, site.plans[n.plan].meta.short_name, n.note) for n in found)


@dataclass(frozen=True)
class PlanFact:
    """One metadata field of a plan's overview, with where the value comes from."""

    field: str  # issuer, doc_number, issue_date or official_url (labels.FACT_LABELS)
    label: str  # 发文机关 …
    value: str  # "" when unknown
    origin: str  # 据原文, 维护者记录：source（retrieved 获取）, 原文未载 or 未记录

    @property
    def shown(self) -> str:
        """As a reader sees it: the value with its origin in brackets, or the origin alone."""
        return f"{self.value}（{self.origin}）" if self.value else self.origin


def plan_facts(meta: PlanMeta) -> tuple[PlanFact, ...]:
    """Issuer, document number, date of issue and official address: from the text where it
    states them, else as a maintainer recorded them (with the source), else unknown."""
    stated = {"issuer": meta.issuer, "doc_number": meta.doc_number, "issue_date": meta.issue_date}
    recorded = {fact.field: fact for fact in meta.recorded}
    out = []
    for field, label in FACT_LABELS.items():
        if stated.get(field):
            out.append(PlanFact(field, label, stated[field] or "", FROM_TEXT))
        elif field in recorded:
            fact = recorded[field]
            seen = f"，{fact.retrieved}获取" if fact.retrieved else ""
            out.append(PlanFact(field, label, fact.value, f"{FROM_NOTE}：{fact.source}{seen}"))
        else:
            out.append(PlanFact(field, label, "", NOT_RECORDED if field == "official_url" else NOT_IN_TEXT))
    return tuple(out)


def cite(site: Site, plan: Plan, task: Task | None = None) -> Cite:
    """The citation of a task, or of the plan itself (``task`` None: its overview)."""
    meta = plan.meta
    dataset = site.dataset
    return Cite(
        meta.title,
        meta.issuer or "",
        (meta.issue_date or "")[:4],
        task.title if task is not None else "",
        dataset.title if dataset is not None else "",
        dataset.version if dataset is not None else "",
        meta.doc_number or "",
        dataset.author if dataset is not None else "",
        str(dataset.releases[-1].date.year) if dataset is not None and dataset.releases else "",
    )


def task_view(site: Site, page: str, task: Task) -> TaskView:
    paragraphs = termmarks.task_paragraphs(site.annotations, page, task, site.indicators)
    return TaskView(
        task.id,
        task_heading(task),
        crumbs(site, page, task.plan_id, task.section_keys),
        tuple(paragraphs),
        task_links(site, page, task),
        cite(site, site.plans[task.plan_id], task),
    )


def section_view(site: Site, page: str, section: Section, shown_here: bool = True) -> SectionView:
    """A section on ``page``; a page-level subsection (``shown_here`` False) without its content."""
    page_of_its_own = is_page(site, section)
    linked = page_of_its_own and not shown_here
    return SectionView(
        section.key,
        section_heading(section),
        page_label(section),
        site.sitemap.href(page, section.key),
        page_of_its_own,
        contents_note(section) if linked else "",
        () if linked else _runs(site, page, section),
    )


def _runs(site: Site, page: str, section: Section) -> tuple[RunView, ...]:
    out = []
    for r in runs(section.content):
        if r.kind == "blocks":
            out.append(RunView("blocks", label=block_label(section), blocks=block_views(site, page, r.nodes)))
        elif r.kind == "section":
            out.append(RunView("section", section=section_view(site, page, r.nodes[0], shown_here=False)))
        else:
            out.append(RunView("task", task=task_view(site, page, r.nodes[0])))
    return tuple(out)


@dataclass(frozen=True)
class ChapterRow:
    """A row of the overview's chapter table: a top-level section or a page-level subsection."""

    label: str
    href: str
    kind: str  # what the section is (its context or role label)
    tasks: int
    sub: bool


def _chapter_row(site: Site, page: str, section: Section, sub: bool) -> ChapterRow:
    kind = CONTEXT_LABELS[section.context] if section.context else ROLE_LABELS[section.role]
    return ChapterRow(page_label(section), site.sitemap.href(page, section.key), kind, len(section.tasks), sub)


def chapter_rows(site: Site, page: str, plan: Plan) -> tuple[ChapterRow, ...]:
    rows = []
    for section in plan.sections:
        rows.append(_chapter_row(site, page, section, False))
        rows += [_chapter_row(site, page, child, True) for child in section.subsections if is_page(site, child)]
    return tuple(rows)


@dataclass(frozen=True)
class TermChip:
    """A term in a plan's term list: its text, its page (raw HTML link) and its count there."""

    text: str
    href: str
    count: int


@dataclass(frozen=True)
class RenamedChip:
    """A term of the plan that later plans name otherwise: the term and its later names."""

    term: TermChip
    later: tuple[TermChip, ...]  # count: in all later plans


@dataclass(frozen=True)
class PlanTerms:
    """The overview's 术语: how many terms the plan uses, those it introduced, those later
    plans name otherwise (改称) and those that end with it (``first``/``last``: the plan is
    the corpus' first or last)."""

    used: int
    new: tuple[TermChip, ...]
    renamed: tuple[RenamedChip, ...]
    gone: tuple[TermChip, ...]
    first: bool
    last: bool
    index_href: str


def plan_terms(annotations: Annotations, page: str, plan: Plan) -> PlanTerms:
    href = lambda t: html_relative(page, Target(term_page(t.id)))

    def chips(terms: Iterable[Term]) -> tuple[TermChip, ...]:
        return tuple(TermChip(t.term, href(t), annotations.counts(t.id)[plan.id]) for t in terms)

    def later(terms: Iterable[Term]) -> tuple[TermChip, ...]:
        return tuple(TermChip(t.term, href(t), annotations.total(t.id)) for t in terms)

    return PlanTerms(
        len(annotations.used(plan.id)),
        chips(annotations.introduced(plan.id)),
        tuple(RenamedChip(chips((t,))[0], later(names)) for t, names in annotations.renamed(plan.id)),
        chips(annotations.dropped(plan.id)),
        plan.id == annotations.plan_ids[0],
        plan.id == annotations.plan_ids[-1],
        relative(page, Target(TERMS_INDEX)),
    )


def plan_hrefs(plans: tuple[Plan, ...], page: str) -> dict[str, dict[str, str]]:
    """Each plan's overview and 原文, linked from ``page`` (``overview_html``: for raw HTML)."""
    return dict(
        overview_hrefs={p.id: relative(page, Target(overview_page(p.id))) for p in plans},
        overview_html_hrefs={p.id: html_relative(page, Target(overview_page(p.id))) for p in plans},
        full_text_hrefs={p.id: relative(page, Target(full_text_page(p.id))) for p in plans},
    )


__all__ = [
    "BlockView",
    "ChapterRow",
    "Cite",
    "Crumb",
    "LinkGroup",
    "LinkItem",
    "PlanTerms",
    "RelatedItem",
    "RenamedChip",
    "RunView",
    "SectionView",
    "TaskLinks",
    "TaskView",
    "TermChip",
    "TermRef",
    "block_views",
    "chapter_rows",
    "cite",
    "crumbs",
    "plan_hrefs",
    "plan_terms",
    "section_view",
    "task_view",
]
