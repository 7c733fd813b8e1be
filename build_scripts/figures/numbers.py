"""The figures of a text: numbers with a unit of measure, and their values.

Pipeline place: the first step of the figures layer (``statements`` finds them in each block).

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


__all__ = [
    "BANDWIDTH",
    "BANDWIDTH_FACTORS",
    "CJK",
    "CN_DIGITS",
    "CN_GIGA",
    "CN_NUMBER",
    "CN_PERCENT",
    "CN_SHARE",
    "CN_UNITS",
    "COUNTS",
    "FIGURE",
    "MONEY",
    "MULTIPLIERS",
    "MULTIPLIER_FACTORS",
    "NUMBER",
    "PREFIX_QUALIFIERS",
    "SUFFIX_QUALIFIERS",
    "Figure",
    "chinese_number",
    "find_figures",
    "format_number",
    "unit_scale",
]
