"""The 性能 page: the latest benchmark figures (``benchmarks/report.json``) as Markdown.

Pipeline place: ``load.load_site`` reads the report (:func:`load_report`, before anything
renders); ``pages.fragments.fill_markers`` replaces the ``<!-- benchmark-report -->`` marker
of ``docs/performance.md`` with :func:`page_fragment` of it; ``benchmarks/run.py`` writes
``benchmarks/report.md`` with :func:`report_markdown` — one renderer for both. The
figures are regenerated only by running ``python -m benchmarks``; the build never
measures anything itself.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from ..core.paths import ROOT

REPORT = ROOT / "benchmarks" / "report.json"


def load_report(path: Path = REPORT) -> dict | None:
    """The latest ``benchmarks/report.json``, or None when the benchmarks have not run."""
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def page_fragment(report: dict | None) -> str:
    """The 性能 page's figures (:func:`report_markdown`), or how to produce them."""
    if report is None:
        return (
            "*尚无测量报告。* 运行 `python -m benchmarks`（约 25 分钟）即写出 "
            "`benchmarks/report.json`，本页随后显示其内容。"
        )
    return report_markdown(report)


def _mb(value) -> str:
    return "—" if value is None else f"{value:.0f}"


def _build_s(row: dict) -> str:
    if row.get("build_s") is None:
        return f"> {row.get('build_timed_out') or 0:.0f}（已中止）"
    return f"{row['build_s']:.0f}"


GROWTH = (
    ("解析", "parse_s"),
    ("链接", "link_s"),
    ("解析与链接内存", "parse_link_peak_mb"),
    ("完整构建", "build_s"),
    ("构建内存", "build_peak_mb"),
)

#: The build's stage names (``timing.stage``) as the page shows them.
STAGES = {
    "read sources": "读取原文",
    "parse": "解析",
    "link": "跨规划链接",
    "annotate": "术语标注",
    "search dictionary": "搜索词典",
    "render markdown": "生成页面",
    "fill markers": "填充页面标记",
    "export": "导出开放数据",
    "search index": "搜索索引",
    "mkdocs": "MkDocs 本身（页面、主题、搜索插件）",
}


def growth_exponent(small: dict, large: dict, key: str) -> float | None:
    """How ``key`` grows with the tasks between two scale rows, as the exponent k of
    value ∝ tasks^k (1: linear; below 1: fixed costs still weigh; above 1: faster)."""
    a, b = small.get(key), large.get(key)
    if not a or not b or large["tasks"] <= small["tasks"]:
        return None
    return math.log(b / a) / math.log(large["tasks"] / small["tasks"])


def growth_sentence(rows: list[dict]) -> str:
    if len(rows) < 2:
        return ""
    small, large = rows[0], rows[-1]
    parts = []
    for label, key in GROWTH:
        k = growth_exponent(small, large, key)
        if k is not None:
            parts.append(f"{label} ×{large[key] / small[key]:.1f}（k = {k:.2f}）")
    return (
        f"从 {small['factor']} 倍到 {large['factor']} 倍（任务数 ×{large['tasks'] / small['tasks']:.0f}）："
        + "；".join(parts)
        + "。k 是“数值 ∝ 任务数^k”中的指数：1 为线性增长，小于 1 说明固定开销仍占较大比重。"
    )


def _kb(value: int) -> str:
    return f"{value / 1024:.1f}"


def _when(generated: str) -> str:
    """``2026-12-01 17:40 UTC`` → ``2026-12-01 17:40（协调世界时）``."""
    return generated.replace(" UTC", "（协调世界时）")


def _stage(name: str) -> str:
    return STAGES.get(name, f"`{name}`")


VISITS = (
    ("first", "首次访问章节页（不搜索）"),
    ("first_search", "首次访问章节页，并搜索一次"),
    ("repeat", "再访问另一章节页（浏览器缓存已有公共文件）"),
)


def transfer_markdown(t: dict) -> list[str]:
    """The browser measurement (``benchmarks/transfer.py``) as a section."""
    out = ["## 读者实际传输量（浏览器实测）", ""]
    if not t or "skipped" in t:
        return out + [
            f"未测量：{t.get('skipped', '报告中没有浏览器实测数据') if t else '报告中没有浏览器实测数据'}。",
            "",
        ]
    out += [
        f"{_when(t['generated'])} 由 `{t['command']}` 在无界面 Chromium 中测得：逐一记录浏览器收到的每个响应"
        "（页面、样式表、脚本、搜索程序、图标，以及读者打开搜索后才加载的搜索索引），"
        "从浏览器缓存取得的不计。本地测试服务器不压缩，因此每个传输的文件按其 "
        f"`gzip -{t['gzip_level']}` 压缩后的大小计算（一般网站服务器的做法），另列未压缩大小。"
        f"搜索时输入的词是“{t['query']}”。",
        "",
        "| 访问 | 页面 | 传输文件数 | 压缩后 | 未压缩 |",
        "|---|---|---|---|---|",
    ]
    for key, label in VISITS:
        v = t[key]
        out.append(
            f"| {label} | `{v['page']}` | {v['transferred']} | **{_kb(v['gzip'])} 千字节** | {_kb(v['bytes'])} 千字节 |"
        )
    first = t["first"]
    index = next((f for f in t["first_search"]["files"] if f["path"].endswith("search/search_index.json")), None)
    out += [""]
    if index is not None:
        out.append(
            f"搜索索引压缩后 {_kb(index['gzip'])} 千字节（未压缩 {_kb(index['bytes'])} 千字节），"
            "只在读者打开搜索框时才加载"
            + ("；首次访问而不搜索时没有加载。" if not first["search_index_loaded"] else "。")
        )
        out.append("")
    out += ["首次访问各文件（压缩后）：", "", "| 文件 | 压缩后 | 未压缩 |", "|---|---|---|"]
    out += [
        f"| `{f['path']}` | {_kb(f['gzip'])} 千字节 | {_kb(f['bytes'])} 千字节 |" for f in first["files"] if f["bytes"]
    ]
    return out + [""]


def report_markdown(r: dict) -> str:
    """The report as Markdown sections (headings at level 2)."""
    b, o, reader = r["build"], r["overhead"], r["reader"]
    m = r["machine"]
    out = [
        f"{_when(r['generated'])} 由 `{r['command']}` 测得；机器有 {m['cpus']} 个处理器核心，"
        f"`Python {m['python']}`，`{m['platform']}`。时间取 {b['runs']} 次运行的中位数。",
        "",
    ]
    out += ["## 目标", "", "| 目标 | 实测 | 是否达到 |", "|---|---|---|"]
    out += [f"| {t['target']} | {t['value']} | {'达到' if t['met'] else '**未达到**'} |" for t in r["targets"]]
    out += [
        "",
        "## 完整构建（干净状态）",
        "",
        f"在没有 `site/` 和 `.cache/` 的项目副本中运行 `mkdocs build --strict`：**{b['seconds']:.1f} 秒**，内存峰值 {_mb(b['peak_mb'])} 兆字节。"
        f"保留 `.cache/` 再次构建：{b['rebuild']['seconds']:.1f} 秒"
        f"（脉络缓存{'命中' if b['rebuild']['lineage_cache_hit'] else '未命中'}）。",
        "",
        "| 阶段 | 秒 |",
        "|---|---|",
    ]
    out += [f"| {_stage(name)} | {seconds:.2f} |" for name, seconds in b["stages"].items() if seconds is not None]
    p = o["plain"]
    out += [
        "",
        "## 相对于原样 MkDocs 的额外开销",
        "",
        f"同样的 {p['pages']} 个页面，由不带本站钩子的 MkDocs 构建（主题、插件、扩展相同，导航显式给出）："
        f"{p['seconds']:.1f} 秒，内存峰值 {_mb(p['peak_mb'])} 兆字节，分词词典缓存与干净构建一样是冷的"
        + (f"（缓存已热时 {p['warm_seconds']:.1f} 秒）" if p.get("warm_seconds") else "")
        + "。"
        f"完整构建 / 原样构建 = **×{o['ratio']:.2f}**（干净状态），×{o['ratio_rebuild']:.2f}"
        "（再次构建，对比缓存已热的原样构建）。不带钩子时，MkDocs 会把整个导航画进导航以外的每个页面，"
        "而本站只画顶层（`build_scripts/publish/sidebar.py`）：比值小于 1，说明这项节省超过了本站脚本的开销。",
        "",
    ]
    out += transfer_markdown(r.get("transfer") or {})
    out += [
        "## 页面文件大小（按页面引用的文件静态估算）",
        "",
        "页面本身加上它直接引用的样式表和脚本；不含搜索程序、图标和搜索索引，"
        "实际传输量见上一节。本节与构建各节一起测得（时间见页首）。",
        "",
        "| 页面 | 文件数 | 网页 | 网页压缩后 | 含样式表和脚本 | 压缩后 |",
        "|---|---|---|---|---|---|",
    ]
    for label, key in (("首页", "home"), ("典型章节页", "chapter"), ("最大的章节页", "largest_chapter")):
        c = reader[key]
        out.append(
            f"| {label} `{c['page']}` | {c['files']} | {_kb(c['html_bytes'])} 千字节 "
            f"| {_kb(c['html_gzip'])} 千字节 | {_kb(c['total_bytes'])} 千字节 | **{_kb(c['total_gzip'])} 千字节** |"
        )
    out += [
        "",
        f"搜索索引：{_kb(reader['search_index_bytes'])} 千字节，压缩后 {_kb(reader['search_index_gzip'])} 千字节"
        f"——每 100 千字节原文对应压缩后 {_kb(reader['search_gzip_per_100kb_source'])} 千字节"
        f"（原文共 {_kb(reader['source_bytes'])} 千字节）。章节页共 {reader['chapter_pages']} 个。",
        "",
    ]
    out += [
        "## 规模（合成语料）",
        "",
        "合成语料由 `benchmarks/synth.py` 从四份规划重新组合而成。",
        "",
        "| 语料 | 规划 | 任务 | 链接 | 解析（秒） | 链接（秒） | 解析与链接内存峰值（兆字节） | 构建（秒） | 构建内存峰值（兆字节） |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    out += [
        f"| {s['factor']} 倍 | {s['plans']} | {s['tasks']} | {s['links']} | {s['parse_s']:.2f} | {s['link_s']:.1f} "
        f"| {_mb(s['parse_link_peak_mb'])} | {_build_s(s)} | {_mb(s['build_peak_mb'])} |"
        for s in r["scale"]
    ]
    out += ["", growth_sentence(r["scale"])] if growth_sentence(r["scale"]) else []
    q = r["quality"]
    out += ["", "## 脉络链接质量（开发集，不含人工审定）", ""]
    if "skipped" in q:
        out.append(f"未测量：`{q['skipped']}`。")
    else:
        out += [f"`{q['command']}`：", "", "```text", q["summary"], q["score"] or "（没有输出分数）", "```"]
    return "\n".join(out)


__all__ = [
    "REPORT",
    "growth_exponent",
    "growth_sentence",
    "load_report",
    "page_fragment",
    "report_markdown",
    "transfer_markdown",
]
