"""Pure view functions over the :class:`~build_scripts.website.load.Site`: what a page shows
of a section, a task, a plan or a link, computed, never rendered.

Pipeline place: between the site model (``load``) and the page producers (``pages/``),
which pass their results to the templates; ``plan_views`` builds the plan pages' view
records from them. ``navigation`` uses the labels too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import model
from ..core.model import Block, BlockKind, Plan, Section, SectionRole, Task
from ..lineage.graph import PREDECESSOR, STRONG, SUCCESSOR
from . import escaping
from .labels import CONTEXT_LABELS, INTRO_LABEL, ROLE_LABELS
from .load import Site


@dataclass(frozen=True)
class LinkView:
    """One link as a task block shows it: the other task, how strong, why, and the
    editor's review (every published link is reviewed; ``note`` is the 编者按)."""

    task: Task
    strength: str  # STRONG or WEAK (lineage/graph.py)
    score: float
    terms: tuple[str, ...]
    reviewed: bool
    note: str


def topic_of_label(site: Site, label: str) -> str | None:
    """The concept id of a concept label shown with a link (【…】), if it has a topic page."""
    if site.topics is None or not label.startswith("【"):
        return None
    return site.topics.by_label(label)


def link_groups(site: Site, task: Task, later: bool) -> list[tuple[Plan, list[LinkView]]]:
    """A task's predecessors (``later`` False) or successors, grouped by plan in time order,
    strong links first."""
    if site.lineage is None:
        return []
    found = site.lineage.relations(task.id, SUCCESSOR if later else PREDECESSOR)
    by_plan: dict[str, list[LinkView]] = {}
    for r in sorted(found, key=lambda r: (r.strength != STRONG, -r.link.score)):  # only the task's links
        other, link = site.tasks[r.other], r.link
        by_plan.setdefault(other.plan_id, []).append(
            LinkView(other, r.strength, link.score, link.terms, link.reviewed, link.note)
        )
    return [(site.plans[plan_id], by_plan[plan_id]) for plan_id in sorted(by_plan, key=site.plan_rank.__getitem__)]


@dataclass(frozen=True)
class Run:
    """A stretch of a section's content: consecutive blocks, or one section or task."""

    kind: str  # "blocks", "section" or "task"
    nodes: tuple


def runs(content: tuple) -> list[Run]:
    """Group a section's content so consecutive context blocks share one box."""
    out: list[Run] = []
    for node in content:
        if isinstance(node, Block):
            if out and out[-1].kind == "blocks":
                out[-1] = Run("blocks", out[-1].nodes + (node,))
            else:
                out.append(Run("blocks", (node,)))
        else:
            out.append(Run("section" if isinstance(node, Section) else "task", (node,)))
    return out


def block_label(section: Section) -> str:
    """How context blocks directly in a section are labelled."""
    if section.role == SectionRole.TOC:
        return ROLE_LABELS[SectionRole.TOC]
    if section.context is not None:
        return CONTEXT_LABELS[section.context]
    return INTRO_LABEL


def section_heading(section: Section) -> str:
    """A section's heading as printed (label and title)."""
    return section.heading.text


def task_heading(task: Task) -> str:
    """A task's heading: the printed section heading for section tasks, else its title."""
    return task.heading.text if task.heading is not None else task.title


def plan_years(plan: Plan) -> str:
    """A plan's period as the site writes it: 2011–2015, or 2009 for a one-year plan."""
    meta = plan.meta
    return str(meta.start_year) if meta.start_year == meta.end_year else f"{meta.start_year}–{meta.end_year}"


def plan_label(plan: Plan) -> str:
    return f"{plan.meta.short_name}（{plan_years(plan)}）"


def page_label(section: Section) -> str:
    """A section's label in the navigation: 第一部分　规划背景, 八、宽带化设施提升, 序言."""
    if section.numbering == model.Numbering.PART:
        return f"{section.label}　{section.title}"
    return f"{section.label}{section.title}"


def is_page(site: Site, section: Section) -> bool:
    return site.sitemap.target(section.key).anchor == ""


def tasks_on_page(site: Site, section: Section) -> tuple[Task, ...]:
    """The tasks a section's page shows itself (not those on its sub-pages)."""
    page = site.sitemap.target(section.key).page
    return tuple(t for t in section.tasks if site.sitemap.target(t.id).page == page)


def contents_note(section: Section) -> str:
    """What a section holds, said in the list of sub-pages: its tasks, or else what its
    paragraphs are (背景, 目标 …) and how many — never "0 项任务"."""
    if section.tasks:
        return f"{len(section.tasks)} 项任务"
    paragraphs = sum(1 for node in section.walk() if isinstance(node, model.Block))
    kind = CONTEXT_LABELS[section.context] if section.context is not None else ROLE_LABELS[section.role]
    return f"{kind}，{paragraphs} 段，无任务"


front_title = escaping.front_title


def chapter_count(plan: Plan) -> int:
    return sum(1 for section in plan.sections if section.number is not None)


def containing_plan(site: Site, plan: Plan) -> Plan | None:
    """A longer plan whose period contains this plan's period (2009 work points → 11th plan)."""
    for other in site.corpus.plans:
        if (
            other is not plan
            and other.meta.start_year <= plan.meta.start_year
            and plan.meta.end_year <= other.meta.end_year
            and (other.meta.end_year - other.meta.start_year) > (plan.meta.end_year - plan.meta.start_year)
        ):
            return other
    return None


def containing_plans(site: Site) -> dict[str, Plan | None]:
    """Plan id → :func:`containing_plan` (the timeline's context)."""
    return {plan.id: containing_plan(site, plan) for plan in site.corpus.plans}


def captions(site: Site) -> list[tuple[Plan, Section, Block]]:
    """Every table caption (the table itself is absent) with the section it stands in."""
    found = []
    for plan in site.corpus.plans:
        for section in (s for s in plan.walk() if isinstance(s, Section)):
            found += [(plan, section, b) for b in section.blocks if b.kind == BlockKind.CAPTION]
    return found


def source_anchor(name: str) -> str:
    """Anchor of a source file on the sources page: ``src-`` and the name without extension."""
    return "src-" + name.rsplit(".", 1)[0]


def plan_of(site: Site, section: Section) -> Plan:
    for plan in site.corpus.plans:
        if section.key.startswith(plan.id + "-"):
            return plan
    raise KeyError(section.key)


@dataclass(frozen=True)
class FullTextPart:
    """A run of the 原文: a section heading (a real heading, so the page has a table of
    contents), or the paragraphs up to the next one, each with the task it begins, if any."""

    heading: Section | None
    paragraphs: tuple[tuple[int, Block, Task | None], ...] = ()


def full_text_parts(plan: Plan) -> list[FullTextPart]:
    """The plan's blocks in document order (``Plan.all_blocks``), cut at section headings;
    a paragraph's number is its place among all blocks (the ``para-N`` anchor)."""
    headings = {id(node.heading): node for node in plan.walk() if isinstance(node, Section)}
    starts = {id(task.blocks[0]): task for task in plan.tasks if task.blocks}
    parts: list[FullTextPart] = []
    run: list[tuple[int, Block, Task | None]] = []
    for number, block in enumerate(plan.all_blocks(), start=1):
        section = headings.get(id(block))
        if section is not None and id(block) not in starts:
            if run:
                parts.append(FullTextPart(None, tuple(run)))
                run = []
            parts.append(FullTextPart(section, ((number, block, None),)))
        else:
            run.append((number, block, starts.get(id(block))))
    if run:
        parts.append(FullTextPart(None, tuple(run)))
    return parts
