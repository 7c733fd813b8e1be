"""The structured model: typed, frozen records that every later stage reads.

Pipeline place: ``sources`` and ``registry`` read the inputs, ``parse`` builds these
records, ``excerpts`` recognises partial copies; ``annotate``, ``lineage``, ``site`` and
``export`` only read them.

Every character of a source text that is not whitespace lies in exactly one
:class:`Block`, and each block keeps its span (character offsets and line) in the
source, so nothing can be lost or altered without a test noticing
(``tests/test_conservation.py``).

What a *task* is (the rule applied to every plan alike, see ``parse.extract_tasks``):
inside the sections the registry marks as task or safeguard sections, a task is the
smallest titled unit of work —

* a **numbered work item**: a numbered paragraph that carries its own lead and body,
  e.g. ``（一）推动信息产业做大做强，深化北京产业结构调整。积极发展……``;
* a **lead paragraph**: a paragraph that opens with a short lead sentence
  (no comma or semicolon, at most ``LEAD_MAX_CHARS`` characters, followed by more
  text), e.g. ``加快智能交通建设步伐。以提高……``;
* a **section task**: a leaf section none of whose paragraphs has a lead; the
  section heading is the title and its paragraphs the text;
* a **clause paragraph**: a paragraph without a lead in a leaf section whose other
  paragraphs have leads; it is titled by its first clause.

The title is the lead or heading without the numbering label and the closing 。.
Paragraphs of a section that also has subsections are its introduction, not tasks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class BlockKind(StrEnum):
    """What a block of source text is."""

    TITLE = "title"  # the document's title line (also when repeated)
    NOTICE_TITLE = "notice_title"  # 关于印发……的通知
    DOC_NUMBER = "doc_number"  # 京政发〔2016〕57号
    ADDRESSEES = "addressees"  # 各区人民政府，……：
    SIGNATURE = "signature"  # issuing body above the date
    DATE = "date"  # 2016年12月1日 / 二○○九年二月十六日
    HEADING = "heading"  # heading of a section
    TOC_ENTRY = "toc_entry"  # a line of a 目录 (table of contents)
    CAPTION = "caption"  # 表1…… — a table caption (the table itself is absent)
    PARAGRAPH = "paragraph"
    ITEM = "item"  # numbered paragraph with its own lead and body
    CLOSING = "closing"  # closing paragraph before the signature/date


class Numbering(StrEnum):
    """Numbering styles of headings, outermost first."""

    PART = "part"  # 第一部分
    CHAPTER = "chapter"  # 一、
    SECTION = "section"  # （一） or (一)
    POINT = "point"  # 1、


class SectionRole(StrEnum):
    """What a top-level section is for."""

    PREAMBLE = "preamble"  # 序言
    TOC = "toc"  # 目录
    CONTEXT = "context"  # background, guiding ideas, principles, goals
    TASKS = "tasks"
    SAFEGUARDS = "safeguards"


class ContextKind(StrEnum):
    """Finer label of context material, derived from headings (for display)."""

    PREAMBLE = "preamble"
    BACKGROUND = "background"
    GUIDING_IDEAS = "guiding_ideas"
    PRINCIPLES = "principles"
    GOALS = "goals"
    GENERAL = "general"


class TaskForm(StrEnum):
    """How a task was recognised (see the module docstring)."""

    ITEM = "item"
    LEAD = "lead"
    SECTION = "section"
    CLAUSE = "clause"


class PlanKind(StrEnum):
    FIVE_YEAR = "five-year-plan"
    WORK_POINTS = "work-points"


class ParagraphBreak(StrEnum):
    """How a profile separates paragraphs."""

    NEWLINE = "newline"  # one paragraph per physical line
    WHITESPACE_RUN = "whitespace-run"  # also runs of two or more spaces/NBSP in a line


@dataclass(frozen=True)
class Span:
    """Where a block lies in its source: ``text[start:end]``; ``line`` is 1-based."""

    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Block:
    """A verbatim piece of a source text."""

    kind: BlockKind
    text: str
    span: Span


@dataclass(frozen=True)
class SourceFile:
    """A received text, decoded, with its checksum."""

    name: str
    path: Path
    sha256: str
    text: str

    @property
    def size(self) -> int:
        return len(self.text.encode("utf-8"))


@dataclass(frozen=True)
class Profile:
    """A parsing profile: the shape of a family of documents."""

    name: str
    paragraph_break: ParagraphBreak
    levels: tuple[Numbering, ...]  # numbering styles in nesting order
    page_level: Numbering  # sections at this level (and above) get their own page


@dataclass(frozen=True)
class RecordedFact:
    """A fact about a plan that its text does not state, recorded by a maintainer in
    ``data/plans.yaml`` (``recorded:``) with where it comes from; never guessed."""

    field: str  # issuer, doc_number, issue_date or official_url
    value: str
    source: str  # where the fact comes from (a maintainer's note: a publication, an address)
    retrieved: str | None = None  # ISO date the source was read, if recorded


@dataclass(frozen=True)
class PlanMeta:
    """One entry of ``data/plans.yaml``."""

    id: str
    title: str
    short_name: str
    kind: PlanKind
    start_year: int
    end_year: int
    issuer: str | None
    doc_number: str | None
    issue_date: str | None  # ISO date, as stated in the text
    source: str  # file name in data/sources/
    profile: Profile
    task_sections: tuple[int, ...]  # numbers of the top-level sections holding tasks
    safeguard_sections: tuple[int, ...]
    line: int  # line of the entry in plans.yaml, for messages
    tasks: int | None = None  # the task count a maintainer verified (``tasks:``); parsing must find it
    registry: str = "data/plans.yaml"  # the registry file as messages name it
    recorded: tuple[RecordedFact, ...] = ()  # facts from outside the text (``recorded:``)
    # The succession of plans this one belongs to (``series:``; "" the registry's main one, the
    # city's plans). Predecessors are looked for in the same series only: plans that run side
    # by side (a district's, another city's) continue their own earlier plans, not each other.
    series: str = ""
    field_lines: tuple[tuple[str, int], ...] = ()  # (field, its line in plans.yaml), for messages

    def line_of(self, field: str) -> int:
        """The line of one field of the entry (a problem with it is reported there), else the entry's."""
        return next((line for name, line in self.field_lines if name == field), self.line)


@dataclass(frozen=True)
class Task:
    """The smallest titled unit of work; ``id`` is stable and used as URL anchor."""

    id: str
    plan_id: str
    title: str
    form: TaskForm
    heading: Block | None  # the section heading, for section tasks
    body: tuple[Block, ...]  # the verbatim paragraphs
    headings: tuple[str, ...]  # titles of the enclosing sections, outermost first
    section_keys: tuple[str, ...]  # keys of the enclosing sections, outermost first
    role: SectionRole  # TASKS or SAFEGUARDS

    @property
    def text(self) -> str:
        """The verbatim text (paragraphs joined by line breaks)."""
        return "\n".join(block.text for block in self.body)

    @property
    def blocks(self) -> tuple[Block, ...]:
        return ((self.heading,) if self.heading else ()) + self.body

    @property
    def line(self) -> int:
        return self.blocks[0].span.line


@dataclass(frozen=True)
class Section:
    """A headed part of a plan; ``content`` keeps document order."""

    key: str  # e.g. "p12-8-1": plan id + printed numbers; also the heading anchor
    level: int  # 0 for unnumbered top-level sections (序言, 目录)
    numbering: Numbering | None
    number: int | None  # the printed number (一 → 1)
    label: str  # the numbering label as printed, e.g. "（一）", "" if none
    title: str
    heading: Block
    role: SectionRole
    context: ContextKind | None  # for context material
    content: tuple[Node, ...]

    def walk(self) -> Iterator[Node]:
        for node in self.content:
            yield node
            if isinstance(node, Section):
                yield from node.walk()

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(node for node in self.walk() if isinstance(node, Task))

    @property
    def subsections(self) -> tuple[Section, ...]:
        return tuple(node for node in self.content if isinstance(node, Section))

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Context blocks directly in this section (not in tasks or subsections)."""
        return tuple(node for node in self.content if isinstance(node, Block))


Node = Block | Section | Task


@dataclass(frozen=True)
class Plan:
    """A parsed plan: front matter, sections and back matter in document order."""

    meta: PlanMeta
    source: SourceFile
    content: tuple[Node, ...]

    @property
    def id(self) -> str:
        return self.meta.id

    def walk(self) -> Iterator[Node]:
        for node in self.content:
            yield node
            if isinstance(node, Section):
                yield from node.walk()

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(node for node in self.content if isinstance(node, Section))

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(node for node in self.walk() if isinstance(node, Task))

    @property
    def front(self) -> tuple[Block, ...]:
        """Blocks before the first section (title, notice)."""
        out: list[Block] = []
        for node in self.content:
            if not isinstance(node, Block):
                break
            out.append(node)
        return tuple(out)

    @property
    def back(self) -> tuple[Block, ...]:
        """Blocks after the last section (closing, signature, date)."""
        out: list[Block] = []
        for node in reversed(self.content):
            if not isinstance(node, Block):
                break
            out.append(node)
        return tuple(reversed(out)) if any(isinstance(n, Section) for n in self.content) else ()

    def all_blocks(self) -> Iterator[Block]:
        """Every block of the plan, in document order."""
        for node in self.walk():
            if isinstance(node, Block):
                yield node
            elif isinstance(node, Section):
                yield node.heading
            elif isinstance(node, Task):
                yield from node.blocks


class DifferenceKind(StrEnum):
    """How an excerpt's wording differs from the plan it copies."""

    WIDTH = "width"  # full-width vs half-width punctuation, e.g. ， vs ,
    DASH = "dash"  # — vs -
    LINE_BREAK = "line_break"  # a line break (or other whitespace) inserted or removed
    WORDING = "wording"  # anything else


@dataclass(frozen=True)
class Difference:
    kind: DifferenceKind
    excerpt_text: str
    plan_text: str
    excerpt_line: int
    plan_line: int


@dataclass(frozen=True)
class Excerpt:
    """A source file recognised as a partial copy of a registered plan."""

    source: SourceFile
    plan_id: str
    blocks: tuple[Block, ...]  # the excerpt's own lines, verbatim
    shared: float  # share of the excerpt's normalised text found in the plan
    plan_span: Span  # the part of the plan's source it covers
    plan_end_line: int
    first_section: str  # key of the section where the covered part begins
    last_section: str  # key of the section where it ends
    task_ids: tuple[str, ...]  # tasks whose text lies (partly) in the covered part
    differences: tuple[Difference, ...]

    def count(self, kind: DifferenceKind) -> int:
        return sum(1 for d in self.differences if d.kind == kind)


@dataclass(frozen=True)
class Corpus:
    """Everything parsed from ``data/``: plans in chronological order, and excerpts."""

    plans: tuple[Plan, ...]
    excerpts: tuple[Excerpt, ...] = field(default=())

    def plan(self, plan_id: str) -> Plan:
        for plan in self.plans:
            if plan.id == plan_id:
                return plan
        raise KeyError(plan_id)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(task for plan in self.plans for task in plan.tasks)
