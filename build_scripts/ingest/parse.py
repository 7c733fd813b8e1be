"""Parse a source text into the model (plan → sections → tasks, plus context).

The parse runs in small steps, each a function of the previous one's output:

1. ``split_paragraphs`` cuts the text into paragraphs (by line, or also by runs of
   spaces for texts received as one physical line) and keeps each one's span;
2. ``classify`` tells what each paragraph is: a numbered heading (第一部分 / 一、 /
   （一）/ 1、), a numbered work item (numbered, with a lead and a body), a table
   caption, the notice's parts (文号, addressees, signature, date), or a paragraph;
3. ``mark_toc`` recognises a 目录: the headings after it up to the point where the
   first of them starts again in the body are table-of-contents entries;
4. ``mark_back_matter`` recognises a closing paragraph, signature and date at the end;
5. ``check_*`` report numbering out of order, headings without a body, unbalanced
   brackets or quotes and a text that ends in mid-sentence — every problem with its line;
6. ``build_plan`` nests the paragraphs into sections and, in the task and safeguard
   sections named by the registry, extracts tasks by the rule in ``model``.

Task ids are the plan id followed by the *printed* numbers of the enclosing sections
and, for paragraph tasks, the paragraph's position inside its own leaf section:
``p12-8-1-2`` is the 2nd paragraph of section （一） of chapter 八 of plan ``p12``;
``wp2009-4-11`` is work item （十一） of chapter 四. Because the numbers come from the
document's own numbering, editing a paragraph elsewhere never changes an id.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace

from ..core.errors import LINE_BREAK, DataError, Problem, column_of, display_path, line_of
from ..core.model import (
    Block,
    BlockKind,
    ContextKind,
    Numbering,
    ParagraphBreak,
    Plan,
    PlanMeta,
    Profile,
    Section,
    SectionRole,
    SourceFile,
    Span,
    Task,
    TaskForm,
)

CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "[一二三四五六七八九十]+"
NUMBERING_PATTERNS = {
    Numbering.PART: re.compile(rf"^第({CN_NUMERAL})部分(.*)$", re.S),
    Numbering.CHAPTER: re.compile(rf"^({CN_NUMERAL})、(.*)$", re.S),
    Numbering.SECTION: re.compile(rf"^[（(]({CN_NUMERAL})[）)](.*)$", re.S),
    Numbering.POINT: re.compile(r"^(\d{1,2})、(.*)$", re.S),
}
# Unnumbered headings that open a top-level section of their own.
SPECIAL_HEADINGS = {"序言": SectionRole.PREAMBLE, "前言": SectionRole.PREAMBLE, "目录": SectionRole.TOC}
DATE_PATTERN = re.compile(
    r"^([0-9]{4}|[〇○零一二三四五六七八九]{4})年([0-9]{1,2}|[一二三四五六七八九十]{1,3})月"
    r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})日$"
)
DOC_NUMBER_PATTERN = re.compile(r"^\S{1,6}〔\d{4}〕\d+号$")
CAPTION_PATTERN = re.compile(r"^表\d+")
SENTENCE_END = "。"
CLAUSE_ENDS = "，；。：,;:"
PUNCTUATION = set("，。；：、！？,.;:!?“”《》（）()")
# A lead sentence is short and has no internal clause breaks (see model's docstring).
LEAD_MAX_CHARS = 30
SIGNATURE_MAX_CHARS = 20
NOTICE_TITLE_MAX_CHARS = 60
BRACKET_PAIRS = {
    "（": "）",
    "(": ")",
    "《": "》",
    "〈": "〉",
    "“": "”",
    "‘": "’",
    "〔": "〕",
    "【": "】",
    "「": "」",
    "[": "]",
}
CONTEXT_KEYWORDS = (
    (ContextKind.GUIDING_IDEAS, ("指导思想",)),
    (ContextKind.PRINCIPLES, ("原则",)),
    (ContextKind.GOALS, ("目标",)),
    (ContextKind.BACKGROUND, ("背景", "基础", "机遇", "挑战", "过去", "战略选择", "回顾")),
)


@dataclass(frozen=True)
class Para:
    """A paragraph with what ``classify`` found out about it."""

    kind: BlockKind
    text: str
    span: Span
    numbering: Numbering | None = None
    number: int | None = None
    label: str = ""
    title: str = ""

    @property
    def block(self) -> Block:
        return Block(self.kind, self.text, self.span)


# ---------------------------------------------------------------- small text helpers


def cn_number(numeral: str) -> int:
    """一 → 1, 十 → 10, 十一 → 11, 二十 → 20, 二十三 → 23."""
    if numeral.isdigit():
        return int(numeral)
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    return CN_DIGITS[numeral]


def cn_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十 (inverse of :func:`cn_number`)."""
    names = "〇一二三四五六七八九"
    if number < 10:
        return names[number]
    tens, ones = divmod(number, 10)
    return (names[tens] if tens > 1 else "") + "十" + (names[ones] if ones else "")


def format_label(style: Numbering, number: int) -> str:
    """How a number is printed in a numbering style (used in messages)."""
    return {
        Numbering.PART: f"第{cn_numeral(number)}部分",
        Numbering.CHAPTER: f"{cn_numeral(number)}、",
        Numbering.SECTION: f"（{cn_numeral(number)}）",
        Numbering.POINT: f"{number}、",
    }[style]


def parse_date(text: str) -> datetime.date | None:
    """Parse a date line as printed: 2016年12月1日 or 二○○九年二月十六日."""
    match = DATE_PATTERN.match(text)
    if not match:
        return None
    year_text, month_text, day_text = match.groups()
    year = int(year_text) if year_text.isdigit() else int("".join(str(CN_DIGITS[c]) for c in year_text))
    try:
        return datetime.date(year, cn_number(month_text), cn_number(day_text))
    except ValueError:
        return None


def lead_of(text: str) -> str | None:
    """The lead sentence of a paragraph (without 。), or None if it has none."""
    end = text.find(SENTENCE_END)
    if end <= 0 or end == len(text) - 1:
        return None
    lead = text[:end]
    if len(lead) > LEAD_MAX_CHARS or any(ch in lead for ch in CLAUSE_ENDS):
        return None
    return lead


def first_clause(text: str) -> str:
    for index, ch in enumerate(text):
        if ch in CLAUSE_ENDS:
            return text[:index]
    return text


def has_punctuation(text: str) -> bool:
    return any(ch in PUNCTUATION for ch in text)


# ---------------------------------------------------------------- 1. paragraphs


def split_paragraphs(text: str, paragraph_break: ParagraphBreak) -> list[tuple[str, Span]]:
    """Cut a text into stripped paragraphs with their spans; whitespace is the only separator."""
    if paragraph_break == ParagraphBreak.WHITESPACE_RUN:
        separator = re.compile(r"\s*[\r\n]\s*|\s{2,}")
    else:
        separator = LINE_BREAK  # LF, CR LF or a lone CR (errors.LINE_BREAK)
    out: list[tuple[str, Span]] = []
    position = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[position:end]
        stripped = piece.strip()
        if stripped:
            start = position + (len(piece) - len(piece.lstrip()))
            out.append((stripped, Span(start, start + len(stripped), line_of(text, start))))
        if match:
            position = match.end()
    return out


# ---------------------------------------------------------------- 2. classify


def classify_numbered(text: str, span: Span, profile: Profile) -> Para | None:
    """A numbered heading or work item, if the paragraph starts with a numbering label."""
    for style in profile.levels:
        match = NUMBERING_PATTERNS[style].match(text)
        if not match:
            continue
        numeral, rest = match.groups()
        label = text[: len(text) - len(rest)]
        end = rest.find(SENTENCE_END)
        if 0 < end < len(rest) - 1:  # a sentence and more text: a work item
            return Para(BlockKind.ITEM, text, span, style, cn_number(numeral), label, rest[:end].strip())
        return Para(BlockKind.HEADING, text, span, style, cn_number(numeral), label, rest.strip().rstrip(SENTENCE_END))
    return None


def classify(paragraphs: list[tuple[str, Span]], profile: Profile) -> list[Para]:
    """Tell what each paragraph is; front matter is recognised before the first heading."""
    paras: list[Para] = []
    in_front = True
    for index, (text, span) in enumerate(paragraphs):
        following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else ""
        para = classify_numbered(text, span, profile)
        if para is None and text in SPECIAL_HEADINGS:
            para = Para(BlockKind.HEADING, text, span, title=text)
        if para is not None:
            in_front = False
        elif CAPTION_PATTERN.match(text):
            para = Para(BlockKind.CAPTION, text, span)
        elif DATE_PATTERN.match(text):
            para = Para(BlockKind.DATE, text, span)
        elif DOC_NUMBER_PATTERN.match(text):
            para = Para(BlockKind.DOC_NUMBER, text, span)
        elif len(text) <= SIGNATURE_MAX_CHARS and not has_punctuation(text) and DATE_PATTERN.match(following):
            para = Para(BlockKind.SIGNATURE, text, span)
        elif in_front:
            para = Para(classify_front(text, index, paras), text, span)
        else:
            para = Para(BlockKind.PARAGRAPH, text, span)
        paras.append(para)
    return paras


def classify_front(text: str, index: int, before: list[Para]) -> BlockKind:
    """Front matter: title lines, the notice's title and addressees, or a preamble paragraph."""
    previous = before[-1].kind if before else None
    if len(text) <= NOTICE_TITLE_MAX_CHARS and SENTENCE_END not in text and text.endswith("通知"):
        return BlockKind.NOTICE_TITLE
    if index == 0 or text in {p.text for p in before if p.kind == BlockKind.TITLE}:
        return BlockKind.TITLE
    if text.endswith("：") and previous in (BlockKind.DOC_NUMBER, BlockKind.NOTICE_TITLE):
        return BlockKind.ADDRESSEES
    return BlockKind.PARAGRAPH


# ---------------------------------------------------------------- 3–4. toc, back matter


def mark_toc(paras: list[Para], file: str) -> tuple[list[Para], list[Problem]]:
    """Headings after a 目录 heading are TOC entries until the first entry recurs."""
    out = list(paras)
    for index, para in enumerate(out):
        if para.kind == BlockKind.HEADING and SPECIAL_HEADINGS.get(para.text) == SectionRole.TOC:
            first = index + 1
            if first >= len(out) or out[first].kind != BlockKind.HEADING:
                return out, [Problem(file, para.span.line, "目录 must be followed by the headings it lists")]
            repeat = next((j for j in range(first + 1, len(out)) if out[j].text == out[first].text), None)
            if repeat is None:
                return out, [
                    Problem(
                        file,
                        para.span.line,
                        f"目录 lists 「{out[first].text}」 but that heading never starts "
                        "in the body; expected the body to repeat the listed headings",
                    )
                ]
            for j in range(first, repeat):
                out[j] = replace(out[j], kind=BlockKind.TOC_ENTRY)
            break
    return out, []


def mark_back_matter(paras: list[Para]) -> list[Para]:
    """A trailing date (with signature) and the lead-less paragraphs just before it close the text."""
    out = list(paras)
    end = len(out)
    while end and out[end - 1].kind in (BlockKind.DATE, BlockKind.SIGNATURE):
        end -= 1
    if end == len(out) or not any(p.kind in (BlockKind.HEADING, BlockKind.ITEM) for p in out[:end]):
        return out
    while end and out[end - 1].kind == BlockKind.PARAGRAPH and lead_of(out[end - 1].text) is None:
        end -= 1
        out[end] = replace(out[end], kind=BlockKind.CLOSING)
    return out


# ---------------------------------------------------------------- 5. checks


def level_of(para: Para, profile: Profile) -> int:
    """Nesting depth of a heading or item: 1 for the outermost style and special headings."""
    return 1 if para.numbering is None else profile.levels.index(para.numbering) + 1


def check_numbering(paras: list[Para], profile: Profile, file: str) -> list[Problem]:
    """Numbers at each level run 1, 2, 3 … under their parent, or continue the previous parent's run."""
    problems: list[Problem] = []
    last_in_parent: dict[int, int | None] = {}  # level → last number under the current parent
    last_anywhere: dict[int, int] = {}  # level → last number seen at that level
    since: dict[int, int] = {}  # level → index of its last numbered heading or item
    for index, para in enumerate(paras):
        if para.kind not in (BlockKind.HEADING, BlockKind.ITEM):
            continue
        level = level_of(para, profile)
        for deeper in [lv for lv in last_in_parent if lv > level]:
            last_in_parent[deeper] = None
        if para.numbering is None:
            last_in_parent.clear()
            continue
        previous = last_in_parent.get(level)
        number = para.number or 0
        if previous is None:
            allowed = {1, last_anywhere.get(level, 0) + 1}
            expected = format_label(para.numbering, 1)
        else:
            allowed = {previous + 1}
            expected = format_label(para.numbering, previous + 1)
        if number not in allowed:
            what = "duplicated" if previous is not None and number <= previous else "out of order"
            after = f" after {format_label(para.numbering, previous)}" if previous else ""
            hint = _lost_mark(paras[since.get(level, -1) + 1 : index], expected) if number > min(allowed) else ""
            problems.append(
                Problem(file, para.span.line, f"numbering {what}: expected {expected}{after}, found {para.label}{hint}")
            )
        last_in_parent[level] = number
        last_anywhere[level] = number
        since[level] = index
    return problems


def _lost_mark(between: list[Para], expected: str) -> str:
    """Where a number is missing, the paragraph that may be its heading with the mark lost
    (二 without 、, (二 without its closing bracket): a hint naming its line, or ""."""
    core = expected.strip("、.．()（） ")
    for para in between:
        if para.kind == BlockKind.PARAGRAPH and (para.text.startswith(expected[:-1]) or para.text.startswith(core)):
            return f" (line {para.span.line} begins {para.text[: len(expected)]!r}: the heading {expected} without its mark?)"
    return ""


def check_heading_bodies(paras: list[Para], profile: Profile, file: str) -> list[Problem]:
    """Every heading is followed by text or by a deeper heading before the next sibling."""
    problems: list[Problem] = []
    for index, para in enumerate(paras):
        if para.kind != BlockKind.HEADING:
            continue
        following = paras[index + 1] if index + 1 < len(paras) else None
        empty = (
            following is None
            or following.kind in (BlockKind.DATE, BlockKind.SIGNATURE, BlockKind.CLOSING)
            or (
                following.kind in (BlockKind.HEADING, BlockKind.ITEM)
                and level_of(following, profile) <= level_of(para, profile)
            )
        )
        if empty:
            problems.append(
                Problem(
                    file, para.span.line, f"heading 「{para.text}」 has no body; expected text or subsections after it"
                )
            )
    return problems


def check_brackets(text: str, file: str) -> list[Problem]:
    """Brackets and quotes pair up across the whole text (a pair may span lines)."""
    closers = {close: open_ for open_, close in BRACKET_PAIRS.items()}
    stack: list[tuple[str, int]] = []
    problems: list[Problem] = []
    for offset, ch in enumerate(text):
        if ch in BRACKET_PAIRS:
            stack.append((ch, offset))
        elif ch in closers:
            if stack and stack[-1][0] == closers[ch]:
                stack.pop()
            else:
                if stack:
                    opener, at = stack[-1]
                    expected = f"expected {BRACKET_PAIRS[opener]} to close {opener} from line {line_of(text, at)}"
                else:
                    expected = "expected no closing mark here"
                problems.append(
                    Problem(file, line_of(text, offset), f"unbalanced {ch}: {expected}", column=column_of(text, offset))
                )
    for opener, at in stack:
        problems.append(
            Problem(
                file,
                line_of(text, at),
                f"unbalanced {opener}: never closed; expected {BRACKET_PAIRS[opener]}",
                column=column_of(text, at),
            )
        )
    return problems


SENTENCE_FINAL = "。！？!?…"
# Closing quotes and brackets that may follow the sentence-final mark: 。” 。） ？」
TRAILING_CLOSERS = "”’）)》」』】〕"
TAIL_CHARS = 20  # how much of an unfinished last paragraph a message shows


def check_ending(paras: list[Para], file: str, meta: PlanMeta) -> list[Problem]:
    """The text is complete: its last paragraph ends a sentence (。！？, a closing quote or
    bracket may follow) or is a closing element the parser recognised (a date line, a
    signature before it). A text cut off in mid-sentence would silently lose what followed.
    A heading at the end is reported by :func:`check_heading_bodies` already."""
    if not paras:
        return []
    last = paras[-1]
    if last.kind in (BlockKind.DATE, BlockKind.SIGNATURE, BlockKind.HEADING):
        return []
    if last.text.rstrip(TRAILING_CLOSERS)[-1:] in SENTENCE_FINAL:
        return []
    tail = last.text if len(last.text) <= TAIL_CHARS else "…" + last.text[-TAIL_CHARS:]
    return [
        Problem(
            file,
            last.span.line,
            f"the text ends in mid-sentence: its last paragraph ends 「{tail}」; expected "
            "sentence-final punctuation (。！？) or a closing date line — is the file cut short? "
            f"(registered as {meta.id} at {meta.registry}:{meta.line}; sources are never edited: "
            "restore the complete text)",
        )
    ]


# ---------------------------------------------------------------- 6. tree and tasks


@dataclass
class _Open:
    """A section being built: its heading and content so far."""

    heading: Para
    level: int
    content: list[Para | _Open] = field(default_factory=list)


def nest(paras: list[Para], profile: Profile) -> list[Para | _Open]:
    """Nest paragraphs under their headings; back matter goes to the top level."""
    top: list[Para | _Open] = []
    stack: list[_Open] = []
    for para in paras:
        if para.kind == BlockKind.HEADING:
            level = level_of(para, profile)
            while stack and stack[-1].level >= level:
                stack.pop()
            node = _Open(para, level)
            (stack[-1].content if stack else top).append(node)
            stack.append(node)
        elif para.kind == BlockKind.ITEM:
            level = level_of(para, profile)
            while stack and stack[-1].level >= level:
                stack.pop()
            (stack[-1].content if stack else top).append(para)
        elif para.kind in (BlockKind.CLOSING, BlockKind.DATE, BlockKind.SIGNATURE) and stack:
            stack.clear()
            top.append(para)
        else:
            (stack[-1].content if stack else top).append(para)
    return top


def context_kind(title: str, inherited: ContextKind | None) -> ContextKind:
    for kind, words in CONTEXT_KEYWORDS:
        if any(word in title for word in words):
            return kind
    return inherited or ContextKind.GENERAL


def top_role(heading: Para, meta: PlanMeta) -> SectionRole:
    if heading.numbering is None:
        return SPECIAL_HEADINGS[heading.text]
    if heading.number in meta.task_sections:
        return SectionRole.TASKS
    if heading.number in meta.safeguard_sections:
        return SectionRole.SAFEGUARDS
    return SectionRole.CONTEXT


@dataclass(frozen=True)
class _Place:
    """Where a section sits: its key, its role, and the headings and keys above it."""

    plan_id: str
    key: str
    role: SectionRole
    context: ContextKind | None
    headings: tuple[str, ...]
    keys: tuple[str, ...]


def section_key(plan_id: str, parent_key: str | None, heading: Para) -> str:
    if heading.numbering is None:
        return f"{plan_id}-{SPECIAL_HEADINGS[heading.text].value}"
    return f"{parent_key or plan_id}-{heading.number}"


def build_section(node: _Open, place: _Place, is_top: bool) -> Section | Task:
    heading = node.heading
    inner = _Place(
        place.plan_id,
        place.key,
        place.role,
        place.context,
        place.headings + (heading.title,),
        place.keys + (place.key,),
    )
    if place.role in (SectionRole.TASKS, SectionRole.SAFEGUARDS):
        content = task_content(node, inner, place, is_top)
        if isinstance(content, Task):
            return content
    else:
        content = tuple(child_node(child, inner) for child in node.content)
    return Section(
        key=place.key,
        level=node.level,
        numbering=heading.numbering,
        number=heading.number,
        label=heading.label,
        title=heading.title,
        heading=heading.block,
        role=place.role,
        context=place.context,
        content=content,
    )


def child_node(child: Para | _Open, inner: _Place) -> Block | Section | Task:
    if isinstance(child, _Open):
        key = section_key(inner.plan_id, inner.key, child.heading)
        context = context_kind(child.heading.title, inner.context) if inner.context else None
        place = replace(inner, key=key, context=context)
        return build_section(child, place, is_top=False)
    return child.block


def task_content(node: _Open, inner: _Place, place: _Place, is_top: bool) -> tuple[Block | Section | Task, ...] | Task:
    """The content of a section in a task chapter: subsections, items, or paragraph tasks."""
    children = node.content
    if any(isinstance(c, _Open) or c.kind == BlockKind.ITEM for c in children):
        return tuple(
            item_task(c, inner) if isinstance(c, Para) and c.kind == BlockKind.ITEM else child_node(c, inner)
            for c in children
        )
    paragraphs = [c for c in children if isinstance(c, Para) and c.kind == BlockKind.PARAGRAPH]
    if paragraphs and not any(lead_of(p.text) for p in paragraphs):
        if is_top:  # a page-level section stays a section; its text is one task
            return (
                Task(
                    f"{place.key}-1",
                    place.plan_id,
                    node.heading.title,
                    TaskForm.SECTION,
                    None,
                    tuple(p.block for p in paragraphs),
                    inner.headings,
                    inner.keys,
                    place.role,
                ),
            )
        return Task(
            place.key,
            place.plan_id,
            node.heading.title,
            TaskForm.SECTION,
            node.heading.block,
            tuple(c.block for c in children if isinstance(c, Para)),  # no subsections on this path
            place.headings,
            place.keys,
            place.role,
        )
    content: list[Block | Section | Task] = []
    ordinal = 0
    for child in children:
        if isinstance(child, Para) and child.kind == BlockKind.PARAGRAPH:
            ordinal += 1
            lead = lead_of(child.text)
            form = TaskForm.LEAD if lead else TaskForm.CLAUSE
            title = lead if lead else first_clause(child.text)
            content.append(
                Task(
                    f"{place.key}-{ordinal}",
                    place.plan_id,
                    title,
                    form,
                    None,
                    (child.block,),
                    inner.headings,
                    inner.keys,
                    place.role,
                )
            )
        else:
            content.append(child_node(child, inner))
    return tuple(content)


def item_task(para: Para, inner: _Place) -> Task:
    return Task(
        f"{inner.key}-{para.number}",
        inner.plan_id,
        para.title,
        TaskForm.ITEM,
        None,
        (para.block,),
        inner.headings,
        inner.keys,
        inner.role,
    )


def build_plan(meta: PlanMeta, source: SourceFile, paras: list[Para]) -> Plan:
    content: list[Block | Section | Task] = []
    for node in nest(paras, meta.profile):
        if isinstance(node, _Open):
            role = top_role(node.heading, meta)
            context = (
                context_kind(node.heading.title, None)
                if role == SectionRole.CONTEXT
                else (ContextKind.PREAMBLE if role == SectionRole.PREAMBLE else None)
            )
            key = section_key(meta.id, None, node.heading)
            place = _Place(meta.id, key, role, context, (), ())
            content.append(build_section(node, place, is_top=True))
        else:
            content.append(node.block)
    return Plan(meta=meta, source=source, content=tuple(content))


# ---------------------------------------------------------------- registry consistency


def check_against_registry(plan: Plan, paras: list[Para], file: str) -> list[Problem]:
    """What the registry states must match the text: document number, date, task sections."""
    meta = plan.meta
    problems: list[Problem] = []
    registry = meta.registry
    if meta.doc_number and not any(p.kind == BlockKind.DOC_NUMBER and p.text == meta.doc_number for p in paras):
        problems.append(
            Problem(registry, meta.line, f"{meta.id}: doc_number {meta.doc_number} is not a line of {file}")
        )
    if meta.issue_date:
        dates = [parse_date(p.text) for p in paras if p.kind == BlockKind.DATE]
        if datetime.date.fromisoformat(meta.issue_date) not in dates:
            stated = ", ".join(p.text for p in paras if p.kind == BlockKind.DATE) or "none"
            problems.append(
                Problem(
                    registry,
                    meta.line,
                    f"{meta.id}: issue_date {meta.issue_date} is not the date the text states "
                    f"(date lines found: {stated})",
                )
            )
    numbered = {s.number: s for s in plan.sections if s.number is not None}
    for number in meta.task_sections + meta.safeguard_sections:
        section = numbered.get(number)
        if section is None:
            field = "task_sections" if number in meta.task_sections else "safeguard_sections"
            problems.append(
                Problem(
                    registry,
                    meta.line_of(field),
                    f"{meta.id}: task/safeguard section {number} does not exist in {file}; "
                    f"top-level sections are {sorted(numbered)}",
                )
            )
        elif not section.tasks:
            problems.append(
                Problem(
                    file,
                    section.heading.span.line,
                    f"section 「{section.heading.text}」 is a task section but holds no task",
                )
            )
    if meta.tasks is not None and len(plan.tasks) != meta.tasks:
        problems.append(
            Problem(
                registry,
                meta.line_of("tasks"),
                f"{meta.id}: parsing {file} found {len(plan.tasks)} tasks, but the registry "
                f"says tasks: {meta.tasks}; expected the count a maintainer verified — check "
                "the text for damage, or record the new count after checking the tasks",
            )
        )
    return problems


# ---------------------------------------------------------------- entry point


def parse_plan(meta: PlanMeta, source: SourceFile) -> Plan:
    """Parse one source by its registry entry; raise :class:`DataError` with every problem."""
    file = display_path(source.path)
    paras = classify(split_paragraphs(source.text, meta.profile.paragraph_break), meta.profile)
    paras, problems = mark_toc(paras, file)
    paras = mark_back_matter(paras)
    problems += check_brackets(source.text, file)
    problems += check_numbering(paras, meta.profile, file)
    problems += check_heading_bodies(paras, meta.profile, file)
    problems += check_ending(paras, file, meta)
    if problems:
        raise DataError(problems)
    plan = build_plan(meta, source, paras)
    problems = check_against_registry(plan, paras, file)
    if problems:
        raise RegistryMismatch(problems, plan)
    return plan


class RegistryMismatch(DataError):
    """The text parsed, but not as its registry entry says (the verified task count): the
    plan comes along, so that the corpus can still say which tasks moved (task_record.py)."""

    def __init__(self, problems: list[Problem], plan: Plan):
        super().__init__(problems)
        self.plan = plan
