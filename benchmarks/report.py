"""The performance report: its two files, its targets and how it is written.

``benchmarks/report.json`` is what the site's 性能 page (``docs/performance.md``) shows;
``report.md`` is the same as Markdown. ``python -m benchmarks`` (``run.py``) writes the whole
report; ``search.py``, ``transfer.py``, ``scale.py`` and ``search_candidates/run.py`` update
their parts of it. Every one of them reads and writes it through this module, which imports
none of them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT_JSON = ROOT / "benchmarks" / "report.json"
REPORT_MD = ROOT / "benchmarks" / "report.md"
TARGETS = {
    "overhead_ratio": 1.25,  # our scripts add at most 25 % to a plain mkdocs build
    "link_40x_s": 60.0,
    "link_40x_mb": 2048.0,
    "build_40x_s": 300.0,
    "chapter_gzip_kb": 150.0,
    "warm_ratio": 0.5,  # a rebuild with unchanged inputs: at most half a cold build's CPU (issue 22)
}


def targets(report: dict) -> list[dict]:
    rows = []
    ratio = report["overhead"]["ratio"]
    rows.append(
        {
            "target": "本站脚本使原样 MkDocs 构建的时间增加不超过 25%",
            "value": f"×{ratio:.2f}",
            "met": ratio <= TARGETS["overhead_ratio"],
        }
    )
    big = next((r for r in report["scale"] if r["factor"] == 40), None)
    if big:
        rows.append(
            {
                "target": "40 倍语料的链接少于 60 秒",
                "value": f"{big['link_s']:.1f} 秒",
                "met": big["link_s"] < TARGETS["link_40x_s"],
            }
        )
        rows.append(
            {
                "target": "40 倍语料的链接内存少于 2 吉字节",
                "value": f"{big['parse_link_peak_mb']:.0f} 兆字节",
                "met": big["parse_link_peak_mb"] < TARGETS["link_40x_mb"],
            }
        )
        built = big["build_s"] is not None
        rows.append(
            {
                "target": "40 倍语料的完整构建少于 5 分钟",
                "value": f"{big['build_s']:.0f} 秒" if built else f"超过 {big['build_timed_out']:.0f} 秒（已中止）",
                "met": built and big["build_s"] < TARGETS["build_40x_s"],
            }
        )
    transfer = report.get("transfer") or {}
    if "first" in transfer:  # measured in a browser (benchmarks/transfer.py)
        first = transfer["first"]["gzip"] / 1024
        rows.append(
            {
                "target": "首次访问章节页的实际传输量（浏览器实测，压缩后）不超过 150 千字节",
                "value": f"{first:.1f} 千字节",
                "met": first <= TARGETS["chapter_gzip_kb"],
            }
        )
    else:
        chapter = report["reader"]["chapter"]["total_gzip"] / 1024
        rows.append(
            {
                "target": "章节页（网页、样式表、脚本，压缩后；静态估算，未在浏览器中实测）不超过 150 千字节",
                "value": f"{chapter:.1f} 千字节",
                "met": chapter <= TARGETS["chapter_gzip_kb"],
            }
        )
    rows += (report.get("search") or {}).get("targets", [])  # benchmarks/search.py
    rebuild = report["build"]["rebuild"]
    rows.append(
        {
            "target": "数据未变时再次构建不重新运行链接程序",
            # the site build's cache skips loading altogether, the lineage cache the linker
            "value": (
                "站点缓存命中（不再读取数据）"
                if rebuild.get("site_cache_hit")
                else "脉络缓存命中"
                if rebuild["lineage_cache_hit"]
                else "链接程序重新运行"
            ),
            "met": bool(rebuild["lineage_cache_hit"] or rebuild.get("site_cache_hit")),
        }
    )
    if rebuild.get("ratio_cpu") is not None:
        rows.append(
            {
                "target": "数据未变时再次构建的处理器时间不超过干净构建的一半",
                "value": f"{rebuild['cpu_s']:.1f} 秒 / {rebuild['cold_cpu_s']:.1f} 秒（{rebuild['ratio_cpu'] * 100:.0f}%）",
                "met": rebuild["ratio_cpu"] <= TARGETS["warm_ratio"],
            }
        )
    return rows


def write_report(report: dict, json_path: Path = REPORT_JSON, md_path: Path = REPORT_MD) -> None:
    sys.path.insert(0, str(ROOT))
    from build_scripts.website.perf_page import report_markdown

    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    md_path.write_text("# 性能：测量报告\n\n" + report_markdown(report) + "\n", encoding="utf-8")
