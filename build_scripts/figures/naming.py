"""What a figure counts: the indicator name of its clause, and the key that matches it
across plans.

Pipeline place: ``statements`` names each figure; ``indicators`` groups by :func:`normalise`.

**Indicator.** What is counted: the noun phrase of the figure's clause (clauses end at
，；：。), without leading time phrases (到2010年, 截至2005年底, “十一五”期间), filler
(本市, 我市, 全市, 其中, 此外, 共, 累计, 所有) and building verbs (建设运行, 建设, 建成, 培育,
新增, 支持, 带动, 实现 …), and without the trailing verb (达到, 达, 为, 超过, 突破 …). When
nothing is left, the noun after the figure is used (``1000家益农信息社`` → 益农信息社,
``80%以上的行政许可事项能够实现网上办理`` → 行政许可事项网上办理), else the subject of the
previous clause (``网民数增长了近2倍，达1218万人`` → 网民数).

**Matching across plans.** The *key* of an indicator is its name with width and case
folded, each term of ``data/terms.yaml`` written in its main form (so 3G = 第三代移动通信),
an abbreviation in brackets dropped ((3G)), filler (本市, 我市, 全市, 所有, 的) removed and a trailing 数/数量 dropped (网民数, 网民数量 →
网民). Keys listed together under ``aliases:`` in ``data/indicators.yaml`` are one
indicator. An indicator stated at least twice (in one plan or several) gets a series page.
"""

from __future__ import annotations

import re
import unicodedata

from ..language.terms import Term, TermMatcher, fold
from .numbers import Figure

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


__all__ = [
    "AFTER_STOPS",
    "CLAUSE_ENDS",
    "LEADING",
    "LIST_SEPARATORS",
    "SUBJECT_END",
    "TIME_PHRASE",
    "TRAILING",
    "indicator_name",
    "normalise",
]
