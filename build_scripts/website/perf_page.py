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
    "render markdown": "生成页面",
    "fill markers": "填充页面标记",
    "export": "导出开放数据",
    "mkdocs": "MkDocs 本身（页面、主题）",
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
        "（页面、样式表、脚本、图标，以及读者打开搜索后才下载的索引文件），"
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
    out += [""]
    if "search_gzip" in t["first_search"]:
        out.append(
            f"搜索时下载的索引文件共 {t['first_search']['search_files']} 个，压缩后 "
            f"{_kb(t['first_search']['search_gzip'])} 千字节，只在读者打开搜索时才下载"
            + ("；首次访问而不搜索时没有下载。" if not first["search_index_loaded"] else "。")
        )
        out.append("")
    out += ["首次访问各文件（压缩后）：", "", "| 文件 | 压缩后 | 未压缩 |", "|---|---|---|"]
    out += [
        f"| `{f['path']}` | {_kb(f['gzip'])} 千字节 | {_kb(f['bytes'])} 千字节 |" for f in first["files"] if f["bytes"]
    ]
    return out + [""]


SEARCH_KINDS = {
    "title": "任务标题",
    "numbered title": "带序号的任务标题",
    "id": "任务编号",
    "substring": "原文片段",
    "variant": "同义写法",
    "family": "改称",
    "typo": "错字",
    "plan": "规划名称",
}


CANDIDATE_NAMES = {
    "minisearch": "MiniSearch",
    "flexsearch": "FlexSearch",
    "lunr": "Lunr",
}  # as their authors write them


def search_markdown(s: dict) -> list[str]:
    """The search benchmark (``benchmarks/search.py``) and the candidate libraries, as a section."""
    out = ["## 搜索", ""]
    rows = s.get("rows") or []
    if rows:
        out += [
            f"{_when(s['generated'])} 由 `{s['command']}` 在无界面 Chromium 中测得。每个查询各用一个新的浏览器打开页面、"
            "打开搜索并输入查询，记录为这次查询下载的索引文件（压缩后）；查询时间由对话框所用的查询程序"
            "在同一页面中逐个计时：首次（索引文件从本地服务器取得）与再次（文件已载入，取三次的中位数）。",
            "",
            "| 语料 | 规划 | 任务 | 索引文件 | 索引压缩后 | 查询数 | 首次搜索下载（中位数 / 最多） | 查询时间，已载入（中位数 / 最多） | 查询时间，首次（中位数 / 最多） |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in rows:
            i, f, q = row["index"], row["first_search_gzip"], row["query_ms"]
            out.append(
                f"| {row['factor']} 倍 | {row['plans']} | {row['tasks']} | {i['files']} | {_kb(i['gzip'])} 千字节 "
                f"| {row['queries']} | {_kb(f['median'])} / **{_kb(f['max'])}** 千字节 "
                f"| {q['warm_median']:.1f} / **{q['warm_max']:.1f}** 毫秒 | {q['cold_median']:.1f} / {q['cold_max']:.1f} 毫秒 |"
            )
        out += [""]
    c = s.get("candidates")
    if c:
        out += [
            "### 检索库的比较",
            "",
            f"{_when(c['generated'])} 由 `{c['command']}` 在 Node 中测得：同样的 {c['docs']} 个检索文档和 {c['queries']} 个查询"
            "（任务标题、编号、原文片段、同义写法、改称、错字、规划名称），各库都使用本站的切分规则（二字组与政策词），"
            "比较的是库本身的索引、匹配与排序、大小和速度。“首次查询前须下载”指浏览器在回答第一个查询之前必须取得的索引（压缩后）。",
            "",
            "| 检索程序 | 首次查询前须下载 | 程序（压缩后） | 查询时间（中位数 / 最多） | "
            + " | ".join(SEARCH_KINDS.values())
            + " |",
            "|---|---|---|---|" + "---|" * len(SEARCH_KINDS),
        ]
        for row in c["rows"]:
            whole = "site's own" not in row["name"]
            need = f"{_kb(row['index_gzip'])} 千字节（整个索引）" if whole else "只下载查询所需的文件（见上表）"
            kinds = [row["by_kind"].get(k) for k in SEARCH_KINDS]
            cells = [f"{k['passed']}/{k['queries']}" if k else "—" for k in kinds]
            library, _, version = row["name"].partition(" ")
            name = f"{CANDIDATE_NAMES.get(library, library)} {version}" if whole else "本站自有的检索程序"
            out.append(
                f"| {name} | {need} | {_kb(row['code_gzip'])} 千字节 | {row['query_ms_median']} / {row['query_ms_max']} 毫秒 | "
                + " | ".join(cells)
                + " |"
            )
        out += [""]
    if not rows and not c:
        out += ["尚未测量：运行 `python -m benchmarks.search`。", ""]
    return out


def _rebuild_caches(rebuild: dict) -> str:
    """Which caches the rebuild used: the site build's (nothing read or linked again, with
    the share of a cold build's CPU time), else the linker's."""
    if rebuild.get("site_cache_hit"):
        share = rebuild.get("ratio_cpu")
        tail = f"，处理器时间为干净构建的 {share * 100:.0f}%" if share is not None else ""
        return f"（站点与页面缓存命中：不再读取数据、链接和生成页面{tail}）"
    return f"（脉络缓存{'命中' if rebuild['lineage_cache_hit'] else '未命中'}）"


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
        f"保留 `.cache/` 再次构建：{b['rebuild']['seconds']:.1f} 秒" + _rebuild_caches(b["rebuild"]) + "。",
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
        f"{p['seconds']:.1f} 秒，内存峰值 {_mb(p['peak_mb'])} 兆字节"
        + (f"（再次构建 {p['warm_seconds']:.1f} 秒）" if p.get("warm_seconds") else "")
        + "。"
        f"完整构建 / 原样构建 = **×{o['ratio']:.2f}**（干净状态），×{o['ratio_rebuild']:.2f}"
        "（再次构建，对比缓存已热的原样构建）。两者用同一套主题模板（导航以外的页面只画导航顶层，"
        "`overrides/partials/nav.html`），比值即本站脚本的开销。",
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
        f"搜索索引共 {reader.get('search_index_files', 1)} 个文件，{_kb(reader['search_index_bytes'])} 千字节，"
        f"各自压缩后合计 {_kb(reader['search_index_gzip'])} 千字节"
        f"——每 100 千字节原文对应压缩后 {_kb(reader['search_gzip_per_100kb_source'])} 千字节"
        f"（原文共 {_kb(reader['source_bytes'])} 千字节）；一次查询只下载其中几十个小文件（见“搜索”一节）。"
        f"章节页共 {reader['chapter_pages']} 个。",
        "",
    ]
    out += search_markdown(r.get("search") or {})
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
    out += growth_markdown(r.get("growth") or {})
    q = r["quality"]
    out += ["", "## 脉络链接质量（开发集，不含人工审定）", ""]
    if "skipped" in q:
        out.append(f"未测量：`{q['skipped']}`。")
    else:
        out += [f"`{q['command']}`：", "", "```text", q["summary"], q["score"] or "（没有输出分数）", "```"]
    return "\n".join(out)


OVERLAPS = {"shifted": "错开（每代晚 15 年，如本市以后的规划）", "dense": "重叠（每代晚 1 年、自成系列，如各区的规划）"}


def growth_markdown(g: dict) -> list[str]:
    """The growth series (``python -m benchmarks scale … --report``): both overlaps, their
    exponents and the targets; nothing if they were not measured."""
    if not g:
        return []
    out = [
        "",
        "## 增长：错开与重叠的合成语料",
        "",
        f"{_when(g['generated'])} 前由 {'、'.join(f'`{c}`' for c in g['commands'])} 测得"
        "（每点一次冷构建；处理器时间为构建进程的用户与系统时间之和）。"
        "增长指数是成本对数与语料倍数对数之比：1 为线性增长，2 为平方增长。",
        "",
        "| 语料 | 倍数 | 规划 | 处理器时间（秒） | 内存峰值（兆字节） | 输出（兆字节） | 页面 | 最大的页面 |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for overlap, label in OVERLAPS.items():
        for p in g.get(overlap, {}).get("points", []):
            if "cpu_s" not in p:
                out.append(f"| {label} | {p['factor']} | | 超过 {p.get('timed_out', 0):.0f} 秒（已中止） | | | | |")
                continue
            out.append(
                f"| {label} | {p['factor']} | {p['plans']} | {p['cpu_s']:.1f} | {_mb(p['peak_mb'])} "
                f"| {p['output_bytes'] / 1e6:.1f} | {p['pages']} | `{p['largest_page']}` {_kb(p['largest_page_bytes'])} 千字节 |"
            )
    out += ["", "| 语料 | 区间 | 处理器时间 | 内存峰值 | 输出 |", "|---|---|---:|---:|---:|"]
    for overlap, label in OVERLAPS.items():
        for e in g.get(overlap, {}).get("exponents", []):
            out.append(
                f"| {label} | {e['from']}→{e['to']} | {e['cpu_s']:.2f} | {e['peak_mb']:.2f} | {e['output_bytes']:.2f} |"
            )
    out += ["", "| 目标 | 实测 | 是否达到 |", "|---|---|---|"]
    for t in g.get("targets", []):
        met = "未测量" if t["met"] is None else ("达到" if t["met"] else "**未达到**")
        out.append(f"| {t['target']} | {t['value'] or '—'} | {met} |")
    return out


__all__ = [
    "REPORT",
    "growth_exponent",
    "growth_markdown",
    "growth_sentence",
    "load_report",
    "page_fragment",
    "report_markdown",
    "search_markdown",
    "transfer_markdown",
]
