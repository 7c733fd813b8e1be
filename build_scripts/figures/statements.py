"""Statements: each figure of a plan with its indicator, kind (target or baseline) and year.

Pipeline place: after ``numbers`` and ``naming``; :func:`extract` runs once per build
(``indicators.build``), before the editors' corrections (``curation``).

**Kind and year.** A figure in a background section (or after 截至, 年底, 已达到) is a
*baseline*: its year is the year stated before it in the sentence (截至2010年, 2005年底,
``2010年，``, the end of ``2005—2010年``), else the year before the plan starts. Any other
figure (goals, tasks, safeguards) is a *target*: its year is 到YYYY年 / YYYY年前 in the
sentence, else the plan's last year (2009 for the work points). 累计 alone decides
nothing: 累计建设基站2000个 is a target of the 12th plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from ..core.model import Block, BlockKind, ContextKind, Corpus, Plan, Section
from ..language.annotate import Place, PlaceKind, block_places, sentence_spans
from .naming import indicator_name
from .numbers import Figure, find_figures, format_number


class Kind(StrEnum):
    BASELINE = "baseline"  # achieved, at a date
    TARGET = "target"  # promised, for a year


# What a reader is shown for the words printed around a figure (``Statement.qualifiers``):
# 达到 560 万 and 560 万以上 are at least 560 万; 突破, 超过 and 500 多万 are more than it.
QUALIFIER_WORDS = {
    "达到": "不少于",
    "达": "不少于",
    "以上": "不少于",
    "超过": "超过",
    "突破": "超过",
    "多": "超过",
    "近": "接近",
    "约": "约",
    "最低": "最低",
    "最高": "最高",
    "普及": "普及",
}


REACHED = ("达到", "达")  # in a baseline, 达到 1218 万 states the level itself: no qualifier


def qualifier_words(qualifiers: tuple[str, ...], kind: Kind = Kind.TARGET) -> tuple[str, ...]:
    """The reader's words for printed qualifiers, each once (an unknown one as printed)."""
    return tuple(
        dict.fromkeys(QUALIFIER_WORDS.get(q, q) for q in qualifiers if not (kind == Kind.BASELINE and q in REACHED))
    )


SKIPPED = {
    BlockKind.TOC_ENTRY,
    BlockKind.TITLE,
    BlockKind.NOTICE_TITLE,
    BlockKind.DOC_NUMBER,
    BlockKind.DATE,
    BlockKind.SIGNATURE,
    BlockKind.ADDRESSEES,
    BlockKind.CAPTION,
}


# ---------------------------------------------------------------- statements


class Origin(StrEnum):
    AUTO = "auto"  # found by the rules above
    CORRECTED = "corrected"  # found, then corrected in data/indicators.yaml
    ADDED = "added"  # added in data/indicators.yaml


@dataclass(frozen=True)
class Statement:
    """One quantitative statement: ``block.text[start:end]`` is the figure as printed."""

    plan_id: str
    place: Place
    block: Block
    start: int
    end: int
    sentence: tuple[int, int]
    indicator: str
    value: float
    value_high: float | None
    unit: str
    qualifiers: tuple[str, ...]
    kind: Kind
    year: int
    origin: Origin = Origin.AUTO
    note: str = ""

    @property
    def figure(self) -> str:
        return self.block.text[self.start : self.end]

    @property
    def sentence_text(self) -> str:
        return self.block.text[self.sentence[0] : self.sentence[1]]

    @property
    def value_text(self) -> str:
        text = format_number(self.value)
        if self.value_high is not None:
            text += "–" + format_number(self.value_high)
        return text

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.block.span.start + self.start, self.start)


def _section_kinds(plan: Plan) -> dict[str, Section]:
    out: dict[str, Section] = {}
    for node in plan.walk():
        if isinstance(node, Section):
            out[node.key] = node
    return out


BASELINE_MARK = re.compile(r"截至|截止|年底|已达到|已达|已建成|已建设|已经建成")
BASELINE_YEAR = re.compile(r"(?:截至|截止)(\d{4})年|(\d{4})年底|(?:^|，)(\d{4})年(?:，|实现)|\d{4}[-—–](\d{4})年")
RANGE_YEAR = re.compile(r"(\d{4})[-—–](\d{4})年")
TARGET_YEAR = re.compile(r"到(\d{4})年|(\d{4})年(?:底)?前")


def _is_background(plan: Plan, place: Place, sections: dict[str, Section], task_sections: dict[str, str]) -> bool:
    key = place.key if place.kind == PlaceKind.SECTION else task_sections.get(place.key)
    section = sections.get(key) if key else None
    return section is not None and section.context == ContextKind.BACKGROUND


def kind_and_year(plan: Plan, before: str, background: bool) -> tuple[Kind, int]:
    """Baseline or target, and its year, from the sentence up to the figure and its place."""
    target = [int(next(g for g in m.groups() if g)) for m in TARGET_YEAR.finditer(before)]
    if BASELINE_MARK.search(before) or (background and not target):
        years = [int(next(g for g in m.groups() if g)) for m in BASELINE_YEAR.finditer(before)]
        period = RANGE_YEAR.findall(before)
        if period and before.endswith("由"):  # 2005—2010年，……由797亿元增加到1635亿元
            return Kind.BASELINE, int(period[-1][0])
        return Kind.BASELINE, (years[-1] if years else plan.meta.start_year - 1)
    return Kind.TARGET, (target[-1] if target else plan.meta.end_year)


def extract_plan(plan: Plan) -> list[Statement]:
    """Every figure of one plan as a statement, in document order (no curation)."""
    sections = _section_kinds(plan)
    task_sections = {task.id: task.section_keys[-1] for task in plan.tasks if task.section_keys}
    out: list[Statement] = []
    for block, place in block_places(plan):
        if block.kind in SKIPPED:
            continue
        figures = find_figures(block.text)
        if not figures:
            continue
        background = _is_background(plan, place, sections, task_sections)
        spans = sentence_spans(block.text)
        for a, b in spans:
            sentence = block.text[a:b]
            previous: Figure | None = None
            previous_name = ""
            for f in (f for f in figures if a <= f.start and f.end <= b):
                local = replace(f, start=f.start - a, end=f.end - a)
                name = indicator_name(sentence, local, previous, previous_name)
                kind, year = kind_and_year(plan, sentence[: local.start], background)
                out.append(
                    Statement(
                        plan.id,
                        place,
                        block,
                        f.start,
                        f.end,
                        (a, b),
                        name,
                        f.value,
                        f.value_high,
                        f.unit,
                        f.qualifiers,
                        kind,
                        year,
                    )
                )
                previous, previous_name = local, name
    return out


def extract(corpus: Corpus) -> list[Statement]:
    """Every figure of every plan (no curation), plans in corpus order."""
    return [s for plan in corpus.plans for s in extract_plan(plan)]


__all__ = [
    "BASELINE_MARK",
    "BASELINE_YEAR",
    "QUALIFIER_WORDS",
    "RANGE_YEAR",
    "REACHED",
    "SKIPPED",
    "TARGET_YEAR",
    "Kind",
    "Origin",
    "Statement",
    "extract",
    "extract_plan",
    "kind_and_year",
    "qualifier_words",
]
