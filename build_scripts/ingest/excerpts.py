"""Recognise a source file that is a partial copy of a registered plan.

A file that no registry entry names is compared, by content, with every parsed plan.
Both texts are normalised first — punctuation width (NFKC: ``，`` → ``,``), dashes
(``—`` → ``-``) and all whitespace — so a copy typed with half-width punctuation or
re-wrapped lines is still recognised. If most of the file's 8-character shingles occur in
one plan, it is an excerpt of that plan: the model records which part of the plan it
covers (lines, sections, tasks) and every way its wording differs, and it is not
published as a plan of its own. A file that is not an excerpt is an error.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..core.errors import Problem, display_path, line_of
from ..core.model import (
    Block,
    BlockKind,
    Difference,
    DifferenceKind,
    Excerpt,
    ParagraphBreak,
    Plan,
    Section,
    SourceFile,
    Span,
)
from .parse import split_paragraphs

SHINGLE = 8
# Share of an excerpt's shingles that must occur in one plan for it to count as a copy.
MIN_SHARED = 0.6
MERGE_GAP = 2
DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "‐": "-", "―": "-"})


@dataclass(frozen=True)
class Normalised:
    """A text without whitespace, width and dash differences, mapped back to the original."""

    text: str
    origin: tuple[int, ...]  # origin[i] = offset in the original of text[i]


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(DASHES)


def normalise(text: str) -> Normalised:
    chars: list[str] = []
    origin: list[int] = []
    for offset, ch in enumerate(text):
        if ch.isspace():
            continue
        for folded in fold(ch):
            if not folded.isspace():
                chars.append(folded)
                origin.append(offset)
    return Normalised("".join(chars), tuple(origin))


def shingles(text: str) -> dict[str, int]:
    """Each shingle of the text with the position of its first occurrence."""
    out: dict[str, int] = {}
    for i in range(len(text) - SHINGLE + 1):
        out.setdefault(text[i : i + SHINGLE], i)
    return out


def shared_share(excerpt: Normalised, plan: Normalised) -> float:
    mine = shingles(excerpt.text)
    theirs = shingles(plan.text)
    return sum(1 for s in mine if s in theirs) / len(mine) if mine else 0.0


def covered_region(excerpt: Normalised, plan: Normalised) -> tuple[int, int]:
    """Offsets in the plan's original text of the part the excerpt copies.

    Every shared shingle votes for an alignment (plan position − excerpt position); the
    winning alignment at the start and at the end of the excerpt places it, so a line the
    plan also has elsewhere (its 目录, say) cannot pull the region away."""
    positions: dict[str, list[int]] = {}
    for i in range(len(plan.text) - SHINGLE + 1):
        positions.setdefault(plan.text[i : i + SHINGLE], []).append(i)
    half = len(excerpt.text) // 2
    votes_start: Counter[int] = Counter()
    votes_end: Counter[int] = Counter()
    for i in range(len(excerpt.text) - SHINGLE + 1):
        for j in positions.get(excerpt.text[i : i + SHINGLE], ()):
            (votes_start if i < half else votes_end)[j - i] += 1
    shift_start = votes_start.most_common(1)[0][0] if votes_start else votes_end.most_common(1)[0][0]
    shift_end = votes_end.most_common(1)[0][0] if votes_end else shift_start
    start = min(max(0, shift_start), len(plan.text) - 1)
    end = min(len(plan.text), max(start + 1, len(excerpt.text) + shift_end))
    return plan.origin[start], plan.origin[end - 1] + 1


def difference_kind(plan_part: str, excerpt_part: str) -> DifferenceKind:
    def strip(text: str) -> str:
        return "".join(ch for ch in text if not ch.isspace())

    if strip(plan_part) == strip(excerpt_part):
        return DifferenceKind.LINE_BREAK
    if unicodedata.normalize("NFKC", strip(plan_part)) == unicodedata.normalize("NFKC", strip(excerpt_part)):
        return DifferenceKind.WIDTH
    if fold(strip(plan_part)) == fold(strip(excerpt_part)):
        return DifferenceKind.DASH
    return DifferenceKind.WORDING


def changed_spans(region: str, excerpt_text: str) -> list[tuple[int, int, int, int]]:
    """Spans that differ, with changes at most ``MERGE_GAP`` equal characters apart merged,
    so that 先进 → 领先 reads as one change rather than an insertion and a deletion."""
    matcher = difflib.SequenceMatcher(None, region, excerpt_text, autojunk=False)
    spans: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if (
            spans
            and i1 - spans[-1][1] <= MERGE_GAP
            and j1 - spans[-1][3] <= MERGE_GAP
            and not region[spans[-1][1] : i1].isspace()
        ):
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return [(a, b, c, d) for a, b, c, d in spans]


def differences(plan_text: str, start: int, end: int, excerpt_text: str) -> tuple[Difference, ...]:
    region = plan_text[start:end]
    out = []
    for i1, i2, j1, j2 in changed_spans(region, excerpt_text):
        kind = difference_kind(region[i1:i2], excerpt_text[j1:j2])
        out.append(
            Difference(
                kind, excerpt_text[j1:j2], region[i1:i2], line_of(excerpt_text, j1), line_of(plan_text, start + i1)
            )
        )
    return tuple(out)


def section_extents(plan: Plan) -> list[tuple[Section, int, int]]:
    """Each section with the offsets of its first and last character."""
    out = []
    for node in plan.walk():
        if isinstance(node, Section):
            spans = [node.heading.span] + [b.span for b in node_blocks(node)]
            out.append((node, min(s.start for s in spans), max(s.end for s in spans)))
    return out


def node_blocks(section: Section) -> list[Block]:
    from ..core.model import Task

    blocks = []
    for node in section.walk():
        if isinstance(node, Block):
            blocks.append(node)
        elif isinstance(node, Section):
            blocks.append(node.heading)
        elif isinstance(node, Task):
            blocks.extend(node.blocks)
    return blocks


def innermost_section(plan: Plan, offset: int) -> str:
    best = ""
    for section, start, end in section_extents(plan):
        if start <= offset < end:
            best = section.key  # walk order is outer before inner
    return best


def find_excerpt(source: SourceFile, plans: tuple[Plan, ...]) -> tuple[Excerpt | None, Problem | None]:
    """Recognise ``source`` as an excerpt of one of ``plans``, or explain why not."""
    mine = normalise(source.text)
    scored = sorted(((shared_share(mine, normalise(p.source.text)), p.id, p) for p in plans), reverse=True)
    if not scored or scored[0][0] < MIN_SHARED:
        best = f" (closest: {scored[0][1]}, {scored[0][0]:.0%} shared)" if scored else ""
        return None, Problem(
            display_path(source.path),
            1,
            "no plans.yaml entry names this file, and it is not an excerpt of a registered "
            f"plan{best}; expected a registry entry for it",
        )
    share, _, plan = scored[0]
    start, end = covered_region(mine, normalise(plan.source.text))
    blocks = tuple(
        Block(BlockKind.PARAGRAPH, text, span) for text, span in split_paragraphs(source.text, ParagraphBreak.NEWLINE)
    )
    tasks = tuple(t.id for t in plan.tasks if any(b.span.start < end and b.span.end > start for b in t.blocks))
    excerpt = Excerpt(
        source=source,
        plan_id=plan.id,
        blocks=blocks,
        shared=share,
        plan_span=Span(start, end, line_of(plan.source.text, start)),
        plan_end_line=line_of(plan.source.text, end - 1),
        first_section=innermost_section(plan, start),
        last_section=innermost_section(plan, end - 1),
        task_ids=tasks,
        differences=differences(plan.source.text, start, end, source.text),
    )
    return excerpt, None
