"""Made-up plans, tasks and corpora for unit tests; the real plans are the session fixtures in conftest.py."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from build_scripts.core.model import (
    Block,
    BlockKind,
    Corpus,
    Numbering,
    ParagraphBreak,
    Plan,
    PlanKind,
    PlanMeta,
    Profile,
    SectionRole,
    SourceFile,
    Span,
    Task,
    TaskForm,
)

PROFILE = Profile("t", ParagraphBreak.NEWLINE, (Numbering.CHAPTER,), Numbering.CHAPTER)


def meta(
    plan_id: str,
    start: int,
    end: int,
    *,
    title: str | None = None,
    short_name: str | None = None,
    profile: Profile = PROFILE,
    task_sections: tuple[int, ...] = (1,),
    safeguard_sections: tuple[int, ...] = (),
) -> PlanMeta:
    """A five-year plan read from ``<id>.txt``, titled 规划<id> and short-named by its title unless told."""
    title = f"规划{plan_id}" if title is None else title
    return PlanMeta(
        id=plan_id,
        title=title,
        short_name=title if short_name is None else short_name,
        kind=PlanKind.FIVE_YEAR,
        start_year=start,
        end_year=end,
        issuer=None,
        doc_number=None,
        issue_date=None,
        source=f"{plan_id}.txt",
        profile=profile,
        task_sections=task_sections,
        safeguard_sections=safeguard_sections,
        line=1,
    )


def lead_task(
    task_id: str,
    title: str,
    *paragraphs: str,
    headings: tuple[str, ...] = (),
    section_keys: tuple[str, ...] = (),
    line: int = 1,
) -> Task:
    """A lead task of the plan its id starts with (``<plan>-…``): one block per paragraph, all on ``line``."""
    return Task(
        id=task_id,
        plan_id=task_id.split("-")[0],
        title=title,
        form=TaskForm.LEAD,
        heading=None,
        body=tuple(Block(BlockKind.PARAGRAPH, text, Span(0, 1, line)) for text in paragraphs),
        headings=headings,
        section_keys=section_keys,
        role=SectionRole.TASKS,
    )


def plan_of(meta: PlanMeta, tasks: Iterable[Task]) -> Plan:
    """The tasks as a plan's whole content, from an empty placeholder source file."""
    return Plan(meta, SourceFile(meta.source, Path(meta.source), "", ""), tuple(tasks))


def corpus_of(*plans: Plan) -> Corpus:
    return Corpus(plans=plans)
