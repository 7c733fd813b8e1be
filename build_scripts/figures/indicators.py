"""Targets and indicators — the numbers each plan promised (or reports as achieved).

Pipeline place: after ``parse`` (and ``terms``, whose variants help to match indicator
names); ``site.load.load_site`` runs :func:`extract` once per build and applies the curated
corrections of ``data/indicators.yaml`` (:func:`load_curation`). The result is data in
memory (``Site.indicators``): ``site/pages/indicators.py`` renders the per-plan tables and the
per-indicator series, ``termmarks`` marks each figure in task text, and
:func:`indicators_json` is written as ``site/data/indicators.json``.

**What a figure is.** In every block of a plan (table-of-contents lines, titles, notices,
document numbers, dates and signatures skipped) a *figure* is a number followed by a
unit of measure:

* Arabic numbers (``1070``, ``2129.8``, ``10-20`` / ``5—10`` ranges kept as ranges), an
  optional multiplier (万, 亿, 万亿, 千), an optional 多/余 (``12万多个``) and a unit: ``%``
  ``％``, counts (户 人 个 家 项 张 件 次 页 路 小时), 沟公里/公里, money (元 美元 after a
  multiplier), bandwidth (``兆(M)``, ``吉比特(G)``, ``太比特(T)``, and ``兆``/``千兆`` only
  when no Chinese word follows: ``800兆无线政务专网`` is the NAME of a network, not a value),
  or a bare 万 at the end of a clause (``用户突破2000万``);
* Chinese numerals only in three forms: ``百分之九十`` (→ 90 %), ``三成`` (→ 30 %, a share
  of ten) and ``千兆`` after 达到/达 (→ 1 千兆). Other Chinese counts are rhetoric or names
  (三大计划, 六项示范工程, 五个倍增, 近百个) and are not extracted; the few that state a real
  baseline are added in ``data/indicators.yaml``.
* NOT figures: years and periods (``2008年``, ``2005—2010年``, 连续5年), plan names (十一五),
  section numbers, document numbers (〔2016〕57号), ordinals and generations (第三代, 8.5代,
  3G/4G/5G, 65纳米), names with numbers (12345 热线, 祥云30工程, 221信息平台, 60周年), and
  changes rather than levels (增长1.5倍, 翻了两番, 十个百分点): a figure's number may not
  follow a Latin letter, a digit or 第, and 个百分点 / 倍 / 番 are not units.

**Value.** The number as a float; a range keeps both ends (``value``, ``value_high``).
``万亿`` is rewritten to 亿 (1.5万亿美元 → 15000 亿美元) so money compares in one unit;
other units stay as printed (万户, 万人). Qualifiers are kept as printed: before the
number 超过 突破 达到 达 约 近 最低 最高 普及 不低于 不少于, after it 以上 以下 左右 多 余.

**Indicator.** What is counted: the noun phrase of the figure's clause (clauses end at
，；：。), without leading time phrases (到2010年, 截至2005年底, “十一五”期间), filler
(本市, 我市, 全市, 其中, 此外, 共, 累计, 所有) and building verbs (建设运行, 建设, 建成, 培育,
新增, 支持, 带动, 实现 …), and without the trailing verb (达到, 达, 为, 超过, 突破 …). When
nothing is left, the noun after the figure is used (``1000家益农信息社`` → 益农信息社,
``80%以上的行政许可事项能够实现网上办理`` → 行政许可事项网上办理), else the subject of the
previous clause (``网民数增长了近2倍，达1218万人`` → 网民数).

**Kind and year.** A figure in a background section (or after 截至, 年底, 已达到) is a
*baseline*: its year is the year stated before it in the sentence (截至2010年, 2005年底,
``2010年，``, the end of ``2005—2010年``), else the year before the plan starts. Any other
figure (goals, tasks, safeguards) is a *target*: its year is 到YYYY年 / YYYY年前 in the
sentence, else the plan's last year (2009 for the work points). 累计 alone decides
nothing: 累计建设基站2000个 is a target of the 12th plan.

**Matching across plans.** The *key* of an indicator is its name with width and case
folded, each term of ``data/terms.yaml`` written in its main form (so 3G = 第三代移动通信),
an abbreviation in brackets dropped ((3G)), filler (本市, 我市, 全市, 所有, 的) removed and a trailing 数/数量 dropped (网民数, 网民数量 →
网民). Keys listed together under ``aliases:`` in ``data/indicators.yaml`` are one
indicator. An indicator stated at least twice (in one plan or several) gets a series page.

**Curation.** ``data/indicators.yaml`` corrects the extraction: each entry names a plan and
an exact quote of its text that contains exactly one extracted figure (``correct`` its
indicator, kind, year or unit; ``drop`` it) or contains the figure to ``add``. Every
problem is reported at once with its line; a quote that matches no figure or several is
an error.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import DataError, Problem, display_path
from ..core.model import Block, BlockKind, ContextKind, Corpus, Plan, Section
from ..core.schema import SLUG, Checker, Field, compose
from ..language.annotate import Place, PlaceKind, block_places, sentence_spans
from ..language.terms import Term, TermMatcher, fold

INDICATORS_JSON = "indicators.json"


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

# ---------------------------------------------------------------- numbers and units

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
MULTIPLIERS = ("万亿", "亿", "万", "千")
BANDWIDTH = ("兆(M)", "兆（M）", "吉比特(G)", "吉比特（G）", "太比特(T)", "太比特（T）")
COUNTS = ("个小时", "小时", "沟公里", "公里", "户", "人", "个", "家", "项", "张", "件", "次", "页", "路")
MONEY = ("美元", "元")
PREFIX_QUALIFIERS = ("不低于", "不少于", "超过", "突破", "达到", "最低", "最高", "普及", "达", "约", "近", "逾")
SUFFIX_QUALIFIERS = ("以上", "以下", "左右")
CJK = re.compile(r"[\u4e00-\u9fff]")

NUMBER = r"\d+(?:\.\d+)?"
FIGURE = re.compile(
    rf"(?<![A-Za-z0-9.．第])(?P<num>{NUMBER})(?:\s*[-—–～~至]\s*(?P<num2>{NUMBER}))?"
    rf"(?P<mult>万亿|亿|万|千)?(?P<more>多|余)?"
    rf"(?P<unit>%|％|{'|'.join(re.escape(u) for u in BANDWIDTH)}|兆|{'|'.join(COUNTS)}|{'|'.join(MONEY)})?"
    rf"(?P<suffix>以上|以下|左右)?"
)
CN_NUMBER = "[零〇○一二两三四五六七八九十百千]+"
CN_PERCENT = re.compile(rf"百分之(?P<cn>{CN_NUMBER})(?P<suffix>以上|以下|左右)?")
CN_SHARE = re.compile(
    r"(?<![一二两三四五六七八九十百千])(?P<cn>[一二两三四五六七八九]|十)成(?P<suffix>以上|以下|左右)?"
)
CN_GIGA = re.compile(r"(?:(?<=达到)|(?<=达))千兆(?![\u4e00-\u9fff])")


def chinese_number(text: str) -> int:
    """A Chinese numeral up to the thousands: 九十 → 90, 十五 → 15, 一百二十 → 120, 三 → 3."""
    if not text or any(ch not in CN_DIGITS and ch not in CN_UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None:  # 二〇一〇-style digit strings are years, not values
                raise ValueError(f"not a Chinese numeral: {text!r}")
            digit = CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


def format_number(value: float) -> str:
    """A value as people write it: no trailing zeros, no exponent (1070, 2129.8, 0.5)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


@dataclass(frozen=True)
class Figure:
    """A figure found in a text: ``text[start:end]`` (number, unit and qualifier after it)."""

    start: int
    end: int
    value: float
    value_high: float | None
    unit: str
    qualifiers: tuple[str, ...]  # as printed, the one before the number first


def _is_value_unit(text: str, match: re.Match[str]) -> str | None:
    """The unit of a figure match as printed (multiplier + unit), or None if it is no figure."""
    mult, unit = match.group("mult") or "", match.group("unit") or ""
    after = text[match.end() :]
    if unit in MONEY and not mult:
        return None  # "元" alone does not occur; amounts are in 万元/亿元
    if unit == "兆" and (mult not in ("", "千") or CJK.match(after or " ")):
        return None  # 800兆无线政务专网: the name of a network
    if unit == "个" and after.startswith("百分点"):
        return None  # a difference, not a level
    if not unit:
        if mult == "万" and not CJK.match(after or " "):
            return "万"  # 用户突破2000万
        return None
    return mult + unit


def find_figures(text: str) -> list[Figure]:
    """Every figure in a text, in order (see the module docstring for what counts)."""
    found: list[Figure] = []
    for match in FIGURE.finditer(text):
        unit = _is_value_unit(text, match)
        if unit is None:
            continue
        value = float(match.group("num"))
        high = float(match.group("num2")) if match.group("num2") else None
        if unit.startswith("万亿"):
            value, high, unit = value * 10000, (high * 10000 if high is not None else None), unit[1:]
        qualifiers = [q for q in (match.group("more"), match.group("suffix")) if q]
        before = text[: match.start()]
        prefix = next((q for q in PREFIX_QUALIFIERS if before.endswith(q)), None)
        if prefix:
            qualifiers.insert(0, prefix)
        unit = unit.replace("％", "%").replace("（", "(").replace("）", ")")
        found.append(Figure(match.start(), match.end(), value, high, unit, tuple(qualifiers)))
    for pattern, unit in ((CN_PERCENT, "%"), (CN_SHARE, "%"), (CN_GIGA, "千兆")):
        for match in pattern.finditer(text):
            if pattern is CN_GIGA:
                value = 1.0
            else:
                value = float(chinese_number(match.group("cn")) * (10 if pattern is CN_SHARE else 1))
            suffix = match.groupdict().get("suffix")
            before = text[: match.start()]
            prefix = next((q for q in PREFIX_QUALIFIERS if before.endswith(q)), None)
            found.append(Figure(match.start(), match.end(), value, None, unit, tuple(q for q in (prefix, suffix) if q)))
    found.sort(key=lambda f: f.start)
    return [f for i, f in enumerate(found) if not any(o.start < f.end and f.start < o.end for o in found[:i])]


# ---------------------------------------------------------------- indicator names

CLAUSE_ENDS = "，,；;：:。！？"
LIST_SEPARATORS = "、和及与"
TIME_PHRASE = re.compile(
    r"^(?:到|至|截至|截止)?(?:\d{4}(?:[-—–]\d{4})?年(?:底|末|前)?|“十[一二三四五]五”(?:期间|末期|末|时期)?)"
    r"(?:以来|前)?"
)
LEADING = (
    "建设运行",
    "集约化建设",
    "统一建设",
    "累计建设",
    "建设",
    "建成",
    "培育",
    "新增",
    "支持",
    "带动",
    "实现",
    "具备",
    "本市",
    "我市",
    "全市",
    "其中",
    "此外",
    "共",
    "累计",
    "所有",
    "各类",
    "主动",
    "已经",
    "已",
    "能够",
    "进一步",
    "增加到",
    "提高到",
    "增长到",
)
TRAILING = (
    "已达到",
    "达到",
    "超过",
    "突破",
    "最低",
    "最高",
    "达",
    "为",
    "约",
    "近",
    "逾",
    "了",
    "的",
    "共",
    "已",
    "由",
    "普及",
)
AFTER_STOPS = ("实现", "开展", "推进", "接入", "属于", "成为", "进一步", "做强", "具备", "的能力", "的服务")
SUBJECT_END = re.compile(r"增长|翻了|从无到有|实现|达到|达|为|超过|突破|以每年")


def _strip(text: str) -> str:
    text = text.strip()
    changed = True
    while changed and text:
        changed = False
        match = TIME_PHRASE.match(text)
        if match and match.end():
            text, changed = text[match.end() :].lstrip("，, "), True
        for word in LEADING:
            if text.startswith(word):
                text, changed = text[len(word) :], True
                break
        for word in TRAILING:
            if text.endswith(word):
                text, changed = text[: -len(word)], True
                break
    return text.replace("了", "").replace("实现", "").strip()


def _after(text: str, percent: bool) -> str:
    """The noun after a figure, up to the end of its clause or list item."""
    end = len(text)
    for index, ch in enumerate(text):
        if ch in CLAUSE_ENDS or ch in "、和及与":
            end = index
            break
    phrase = text[:end]
    if percent:
        phrase = re.sub(r"能够|实现|了", "", phrase)
        return phrase.lstrip("的")
    for stop in AFTER_STOPS:
        cut = phrase.find(stop)
        if cut > 0:
            phrase = phrase[:cut]
    return phrase.rsplit("的", 1)[-1]


def _clause_start(text: str, position: int) -> int:
    return max((text.rfind(ch, 0, position) for ch in CLAUSE_ENDS), default=-1) + 1


def _subject(clause: str) -> str:
    match = SUBJECT_END.search(clause)
    return _strip(clause[: match.start()] if match else "")


def indicator_name(sentence: str, figure: Figure, previous: Figure | None, previous_name: str) -> str:
    """The indicator a figure counts (module docstring: Indicator)."""
    start = _clause_start(sentence, figure.start)
    if previous is not None and previous.end > start:
        gap = sentence[previous.end : figure.start]
        cut = max(gap.rfind(ch) for ch in LIST_SEPARATORS)
        start = previous.end + cut + 1
    prefix = _strip(sentence[start : figure.start])
    if prefix.startswith("在"):
        prefix = ""  # 在化工、服装等10-20个现有优势行业: a place, not what is counted
    after = _after(sentence[figure.end :], figure.unit == "%")
    name = prefix + after if figure.unit == "%" else (prefix or after)
    if not name and previous is not None and previous.end > _clause_start(sentence, figure.start):
        name = previous_name
    if name.startswith("占") and previous_name:
        name = previous_name + name  # 销售收入2570亿元，占全市工业销售收入的比例达17.5%
    if not name:
        clause_start = _clause_start(sentence, figure.start)
        earlier = sentence[: max(clause_start - 1, 0)]
        name = _subject(earlier[_clause_start(earlier, len(earlier)) :])
    return name


def normalise(name: str, matcher: TermMatcher | None, terms: dict[str, Term]) -> str:
    """The matching key of an indicator name (module docstring: Matching across plans)."""
    folded = "".join(fold(ch) for ch in unicodedata.normalize("NFC", name))
    folded = re.sub(r"\([a-z0-9/\-.\s]+\)", "", folded)  # 第三代移动通信(3g) = 第三代移动通信
    if matcher is not None:
        out, position = [], 0
        for hit in matcher.find(folded):
            out += [folded[position : hit.start], "".join(fold(ch) for ch in terms[hit.term_id].term)]
            position = hit.end
        folded = "".join(out) + folded[position:]
    for word in ("本市", "我市", "全市", "所有", "的"):
        folded = folded.replace(word, "")
    for tail in ("数量", "数"):
        if folded.endswith(tail) and len(folded) > len(tail) + 1:
            folded = folded[: -len(tail)]
            break
    return folded


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


# ---------------------------------------------------------------- curation (data/indicators.yaml)

ACTIONS = ("correct", "drop", "add")
ENTRY_SCHEMA = (
    Field("plan", "str"),
    Field("quote", "str"),
    Field("action", "enum", choices=ACTIONS),
    Field("figure", "str", required=False),
    Field("indicator", "str", required=False),
    Field("kind", "enum", required=False, choices=tuple(Kind)),
    Field("year", "int", required=False),
    Field("value", "number", required=False),
    Field("value_high", "number", required=False),
    Field("unit", "str", required=False),
    Field("qualifiers", "list[str]", required=False),
    Field("note", "str", required=False),
)
ALIAS_SCHEMA = (Field("id", "str"), Field("name", "str"), Field("forms", "list[str]"))
CORRECTABLE = ("indicator", "kind", "year", "unit")
ADD_REQUIRED = ("figure", "indicator", "value", "unit", "kind", "year")


@dataclass(frozen=True)
class Alias:
    """Indicator names (keys or printed names) that are one indicator; ``id`` is its URL slug."""

    id: str
    name: str
    forms: tuple[str, ...]
    line: int


@dataclass
class Curation:
    entries: list[tuple[dict[str, Any], int]] = field(default_factory=list)  # (values, line)
    aliases: tuple[Alias, ...] = ()


def load_curation(path: Path) -> tuple[Curation, list[Problem]]:
    """Read ``data/indicators.yaml`` (schema only; quotes are checked against the plans later)."""
    if not path.exists():
        return Curation(), []
    root = compose(path)
    checker = Checker(display_path(path))
    if root is None:
        return Curation(), []
    top = checker.root(root, "indicators.yaml")
    for key in sorted(set(top) - {"statements", "aliases"}):
        checker.problem(top[key], key, "unknown section; expected statements, aliases")
    curation = Curation()
    for name, schema in (("statements", ENTRY_SCHEMA), ("aliases", ALIAS_SCHEMA)):
        node = top.get(name)
        if node is None or (isinstance(node, yaml.ScalarNode) and checker.value(node) is None):
            continue
        if isinstance(node, yaml.SequenceNode) and not node.value:
            continue
        for entry, values in checker.entries(node, root, name, schema):
            line = entry.start_mark.line + 1
            if name == "aliases":
                if {"id", "name", "forms"} <= values.keys():
                    curation.aliases += (Alias(values["id"], values["name"], tuple(values["forms"]), line),)
            else:
                curation.entries.append((values, line))
    return curation, checker.problems


def _suggest(quote: str, texts: list[str]) -> str:
    """The closest sentence of the plan, to help fix a quote that matches nothing."""
    best = difflib.get_close_matches(quote, texts, n=1, cutoff=0.4)
    return f" (closest sentence: {best[0][:60]!r})" if best else ""


def apply_curation(
    corpus: Corpus, statements: list[Statement], curation: Curation, file: str
) -> tuple[list[Statement], list[Problem]]:
    """The statements with the entries applied; every problem (unknown plan, a quote that
    matches no figure or several, missing or misplaced fields) reported with its line."""
    problems: list[Problem] = []
    by_plan: dict[str, list[Statement]] = {}
    for s in statements:
        by_plan.setdefault(s.plan_id, []).append(s)
    plans = {plan.id: plan for plan in corpus.plans}
    dropped: set[int] = set()
    changed: dict[int, Statement] = {}
    added: list[Statement] = []
    claimed: dict[int, int] = {}
    for values, line in curation.entries:
        plan_id, quote, action = values.get("plan"), values.get("quote"), values.get("action")
        if plan_id is None or quote is None or action is None:
            continue  # already reported by the schema
        if plan_id not in plans:
            problems.append(Problem(file, line, f"plan {plan_id!r}: no such plan (expected one of {', '.join(plans)})"))
            continue
        extra = sorted(
            k
            for k in values
            if k not in ("plan", "quote", "action", "note")
            and k
            not in (
                CORRECTABLE
                if action == "correct"
                else ADD_REQUIRED + ("value_high", "qualifiers")
                if action == "add"
                else ()
            )
        )
        if extra:
            problems.append(Problem(file, line, f"{action}: field(s) {', '.join(extra)} do not apply to this action"))
            continue
        if action == "correct" and not any(k in values for k in CORRECTABLE):
            problems.append(Problem(file, line, f"correct: give at least one of {', '.join(CORRECTABLE)}"))
            continue
        if action == "add":
            missing = [k for k in ADD_REQUIRED if k not in values]
            if missing:
                problems.append(Problem(file, line, f"add: missing field(s) {', '.join(missing)}"))
                continue
            statement, problem = _added(plans[plan_id], values, file, line)
            if problem:
                problems.append(problem)
            elif statement is not None:
                added.append(statement)
            continue
        places = [
            (i, s)
            for i, s in enumerate(statements)
            if s.plan_id == plan_id
            and any(q <= s.start and s.end <= q + len(quote) for q in _occurrences(s.block.text, quote))
        ]
        if len(places) != 1:
            sentences = [s.sentence_text for s in by_plan.get(plan_id, [])]
            if not places:
                problems.append(
                    Problem(
                        file,
                        line,
                        f"quote {quote!r} contains no extracted figure of {plan_id}{_suggest(quote, sentences)}",
                    )
                )
            else:
                figures = "、".join(s.figure for _, s in places)
                problems.append(
                    Problem(
                        file,
                        line,
                        f"quote {quote!r} is ambiguous: it contains {len(places)} "
                        f"figures ({figures}); quote just the clause of one",
                    )
                )
            continue
        index, statement = places[0]
        if index in claimed:
            problems.append(
                Problem(file, line, f"figure {statement.figure!r} is already curated at line {claimed[index]}")
            )
            continue
        claimed[index] = line
        if action == "drop":
            dropped.add(index)
        else:
            update = {k: values[k] for k in CORRECTABLE if k in values}
            if "kind" in update:
                update["kind"] = Kind(update["kind"])
            changed[index] = replace(statement, origin=Origin.CORRECTED, note=values.get("note", ""), **update)
    out = [changed.get(i, s) for i, s in enumerate(statements) if i not in dropped] + added
    order = {plan.id: i for i, plan in enumerate(corpus.plans)}
    out.sort(key=lambda s: (order[s.plan_id],) + s.sort_key)
    return out, problems


def _occurrences(text: str, quote: str) -> list[int]:
    out, position = [], text.find(quote)
    while position >= 0:
        out.append(position)
        position = text.find(quote, position + 1)
    return out


def _added(plan: Plan, values: dict[str, Any], file: str, line: int) -> tuple[Statement | None, Problem | None]:
    quote, figure = values["quote"], values["figure"]
    hits = [
        (block, place, q)
        for block, place in block_places(plan)
        if block.kind not in SKIPPED
        for q in _occurrences(block.text, quote)
    ]
    if len(hits) != 1:
        what = "does not occur" if not hits else f"occurs {len(hits)} times"
        return None, Problem(file, line, f"add: quote {quote!r} {what} in {plan.id}; quote text that occurs once")
    block, place, q = hits[0]
    inside = _occurrences(quote, figure)
    if len(inside) != 1:
        return None, Problem(file, line, f"add: figure {figure!r} must occur exactly once in the quote")
    start = q + inside[0]
    sentence = next(((a, b) for a, b in sentence_spans(block.text) if a <= start < b), (q, q + len(quote)))
    return Statement(
        plan.id,
        place,
        block,
        start,
        start + len(figure),
        sentence,
        values["indicator"],
        float(values["value"]),
        float(values["value_high"]) if "value_high" in values else None,
        values["unit"],
        tuple(values.get("qualifiers") or ()),
        Kind(values["kind"]),
        values["year"],
        Origin.ADDED,
        values.get("note", ""),
    ), None


# ---------------------------------------------------------------- indicators and series


@dataclass(frozen=True)
class Indicator:
    """Statements that count the same thing; ``id`` is a URL slug (from ``aliases:`` or the key)."""

    id: str
    name: str
    keys: tuple[str, ...]
    statements: tuple[Statement, ...]  # in time order (year, baseline before target, plan order)

    @property
    def plan_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.plan_id for s in self.statements))

    @property
    def is_series(self) -> bool:
        return len(self.statements) >= 2


BANDWIDTH_FACTORS = {"兆(M)": 1, "兆": 1, "千兆": 1000, "吉比特(G)": 1000, "太比特(T)": 1_000_000}
MULTIPLIER_FACTORS = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3}


def unit_scale(unit: str) -> tuple[str, float]:
    """A unit as (base, factor): 万户 → (户, 10000), 千兆 → (兆, 1000), 吉比特(G) → (兆, 1000), % → (%, 1)."""
    if unit in BANDWIDTH_FACTORS:
        return "兆", float(BANDWIDTH_FACTORS[unit])
    for mult in MULTIPLIERS:
        if unit.startswith(mult):
            return unit[len(mult) :], float(MULTIPLIER_FACTORS[mult])
    return unit, 1.0


def auto_id(key: str) -> str:
    """A stable ASCII slug for an indicator without an alias entry: its key's code points."""
    import hashlib

    return "i-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


@dataclass
class Indicators:
    """The curated statements of every plan, grouped into indicators."""

    statements: tuple[Statement, ...]
    indicators: tuple[Indicator, ...]
    plan_ids: tuple[str, ...]

    def __post_init__(self) -> None:
        self.of: dict[int, Indicator] = {}
        for indicator in self.indicators:
            for s in indicator.statements:
                self.of[id(s)] = indicator
        self.by_block: dict[Block, list[Statement]] = {}
        for s in self.statements:  # equal blocks (same text and span) share their figures once
            found = self.by_block.setdefault(s.block, [])
            if not any(o.start == s.start and o.end == s.end for o in found):
                found.append(s)
        self.numbers: dict[int, str] = {}
        counters: dict[str, int] = {}
        for s in self.statements:
            counters[s.plan_id] = counters.get(s.plan_id, 0) + 1
            self.numbers[id(s)] = f"{s.plan_id}-n{counters[s.plan_id]}"

    def indicator(self, statement: Statement) -> Indicator:
        return self.of[id(statement)]

    def anchor(self, statement: Statement) -> str:
        """The statement's row anchor in its plan's table (``p12-n7``), in document order."""
        return self.numbers[id(statement)]

    def of_plan(self, plan_id: str) -> list[Statement]:
        return [s for s in self.statements if s.plan_id == plan_id]

    def in_block(self, block: Block) -> list[Statement]:
        return self.by_block.get(block, [])

    @property
    def series(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.is_series)

    def by_id(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)


def group(
    corpus: Corpus, statements: list[Statement], aliases: tuple[Alias, ...], terms: tuple[Term, ...], file: str
) -> tuple[tuple[Indicator, ...], list[Problem]]:
    """Group statements by key; keys listed in one alias are one indicator."""
    matcher = TermMatcher(terms) if terms else None
    by_term = {t.id: t for t in terms}
    keys = {id(s): normalise(s.indicator, matcher, by_term) for s in statements}
    known = sorted(set(keys.values()))
    problems: list[Problem] = []
    owner: dict[str, Alias] = {}
    ids: dict[str, Alias] = {}
    for alias in aliases:
        if alias.id in ids:
            problems.append(
                Problem(file, alias.line, f"aliases: duplicate id {alias.id!r} (first at line {ids[alias.id].line})")
            )
        ids.setdefault(alias.id, alias)
        for form in alias.forms:
            key = normalise(form, matcher, by_term)
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
                hint = f" (closest extracted indicator: {close[0]!r})" if close else ""
                problems.append(
                    Problem(file, alias.line, f"aliases {alias.id}: form {form!r} names no extracted indicator{hint}")
                )
            elif key in owner and owner[key] is not alias:
                problems.append(
                    Problem(
                        file,
                        alias.line,
                        f"aliases {alias.id}: form {form!r} already belongs to "
                        f"{owner[key].id!r} (line {owner[key].line})",
                    )
                )
            else:
                owner[key] = alias
    groups: dict[str, list[Statement]] = {}
    names: dict[str, str] = {}
    group_keys: dict[str, list[str]] = {}
    plan_rank = {plan.id: i for i, plan in enumerate(corpus.plans)}
    for s in statements:
        key = keys[id(s)]
        owned = owner.get(key)
        gid = owned.id if owned else auto_id(key)
        groups.setdefault(gid, []).append(s)
        names.setdefault(gid, owned.name if owned else s.indicator)
        if key not in group_keys.setdefault(gid, []):
            group_keys[gid].append(key)
    out = []
    for gid, found in groups.items():
        found.sort(key=lambda s: (s.year, plan_rank[s.plan_id], s.kind != Kind.BASELINE) + s.sort_key)
        if gid not in ids:  # the latest plan's wording names an indicator without an alias
            names[gid] = found[-1].indicator
        out.append(Indicator(gid, names[gid], tuple(group_keys[gid]), tuple(found)))
    out.sort(key=lambda i: (-len(i.plan_ids), -len(i.statements), i.name))
    return tuple(out), problems


def build(corpus: Corpus, terms: tuple[Term, ...], path: Path) -> Indicators:
    """Extract, curate and group; raises :class:`DataError` with every problem of the file."""
    curation, problems = load_curation(path)
    file = display_path(path)
    statements, more = apply_curation(corpus, extract(corpus), curation, file)
    problems += more
    indicators, more = group(corpus, statements, curation.aliases, terms, file)
    problems += more
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    return Indicators(tuple(statements), indicators, tuple(plan.id for plan in corpus.plans))


# ---------------------------------------------------------------- open data


UrlOf = Callable[[Statement], str]  # a statement → the site URL of where it is stated


def export_data(data: Indicators, url_of: UrlOf, stamp: dict[str, str] | None = None) -> dict[str, Any]:
    """The content of indicators.json; ``url_of(statement)`` is the site URL of its place."""
    indicators = []
    for indicator in sorted(data.indicators, key=lambda i: i.id):
        indicators.append(
            {
                "id": indicator.id,
                "name": indicator.name,
                "keys": list(indicator.keys),
                "plans": list(indicator.plan_ids),
                "series": indicator.is_series,
                "statements": [data.anchor(s) for s in indicator.statements],
            }
        )
    statements = []
    for s in data.statements:
        statements.append(
            {
                "id": data.anchor(s),
                "plan": s.plan_id,
                "indicator": data.indicator(s).id,
                "name": s.indicator,
                "value": s.value,
                "value_high": s.value_high,
                "unit": s.unit,
                "qualifiers": list(s.qualifiers),
                "kind": s.kind.value,
                "year": s.year,
                "figure": s.figure,
                "sentence": s.sentence_text,
                "place": {"kind": s.place.kind.value, "key": s.place.key},
                "line": s.block.span.line,
                "url": url_of(s),
                "origin": s.origin.value,
                **({"note": s.note} if s.note else {}),
            }
        )
    return {
        **({"dataset": stamp} if stamp else {}),
        "statements": statements,
        "indicators": indicators,
        "kinds": {
            Kind.BASELINE.value: "achieved, at the date `year`",
            Kind.TARGET.value: "promised for the year `year`",
        },
    }


def indicators_json(data: Indicators, url_of: UrlOf, stamp: dict[str, str] | None = None) -> str:
    return json.dumps(export_data(data, url_of, stamp), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


__all__ = [
    "INDICATORS_JSON",
    "SLUG",
    "Figure",
    "Indicator",
    "Indicators",
    "Kind",
    "Statement",
    "apply_curation",
    "build",
    "chinese_number",
    "export_data",
    "extract",
    "extract_plan",
    "find_figures",
    "format_number",
    "indicators_json",
    "load_curation",
    "normalise",
]
