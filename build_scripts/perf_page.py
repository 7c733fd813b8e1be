"""The 性能 page: the latest benchmark figures (``benchmarks/report.json``) as Markdown.

Pipeline place: ``render.fill_markers`` replaces the ``<!-- benchmark-report -->`` marker
of ``docs/performance.md`` with :func:`page_fragment`; ``benchmarks/run.py`` writes
``benchmarks/report.md`` with :func:`report_markdown` — one renderer for both. The
figures are regenerated only by running ``python -m benchmarks``; the build never
measures anything itself.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .paths import ROOT

REPORT = ROOT / "benchmarks" / "report.json"


def page_fragment(path: Path = REPORT) -> str:
    if not path.exists():
        return (
            "*No benchmark report yet.* Run `python -m benchmarks` (about 15 minutes) to "
            "write `benchmarks/report.json`; this page then shows it."
        )
    return report_markdown(json.loads(path.read_text(encoding="utf-8")))


def _mb(value) -> str:
    return "—" if value is None else f"{value:.0f}"


def _build_s(row: dict) -> str:
    if row.get("build_s") is None:
        return f"> {row.get('build_timed_out') or 0:.0f} (stopped)"
    return f"{row['build_s']:.0f}"


GROWTH = (
    ("parse", "parse_s"),
    ("link", "link_s"),
    ("parse + link memory", "parse_link_peak_mb"),
    ("full build", "build_s"),
    ("build memory", "build_peak_mb"),
)


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
            parts.append(f"{label} ×{large[key] / small[key]:.1f} (k = {k:.2f})")
    return (
        f"From {small['factor']}× to {large['factor']}× (×{large['tasks'] / small['tasks']:.0f} tasks): "
        + "; ".join(parts)
        + ". k is the exponent of value ∝ tasks^k: 1 is linear growth."
    )


def _kb(value: int) -> str:
    return f"{value / 1024:.1f}"


def report_markdown(r: dict) -> str:
    """The report as Markdown sections (headings at level 2)."""
    b, o, reader = r["build"], r["overhead"], r["reader"]
    m = r["machine"]
    out = [
        f"Measured {r['generated']} by `{r['command']}` on {m['cpus']} CPUs, Python {m['python']} "
        f"({m['platform']}). Times are medians of {b['runs']} run(s).",
        "",
    ]
    out += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    out += [f"| {t['target']} | {t['value']} | {'yes' if t['met'] else '**no**'} |" for t in r["targets"]]
    out += [
        "",
        "## Full build (clean state: no site/, no .cache/)",
        "",
        f"`mkdocs build --strict`: **{b['seconds']:.1f} s**, peak {_mb(b['peak_mb'])} MB. "
        f"Rebuild with `.cache/` in place: {b['rebuild']['seconds']:.1f} s "
        f"(lineage cache {'hit' if b['rebuild']['lineage_cache_hit'] else 'missed'}).",
        "",
        "| stage | seconds |",
        "|---|---|",
    ]
    out += [f"| {name} | {seconds:.2f} |" for name, seconds in b["stages"].items() if seconds is not None]
    p = o["plain"]
    out += [
        "",
        "## Overhead over plain MkDocs",
        "",
        f"The same {p['pages']} pages built by MkDocs without our hooks (same theme, plugins, "
        f"extensions, explicit nav): {p['seconds']:.1f} s, peak {_mb(p['peak_mb'])} MB, with a cold "
        f"jieba dictionary cache as in a clean build"
        + (f" ({p['warm_seconds']:.1f} s warm)" if p.get("warm_seconds") else "")
        + ". "
        f"Full build / plain build = **×{o['ratio']:.2f}** (clean), ×{o['ratio_rebuild']:.2f} "
        "(rebuild, against the warm plain build). Without our hooks MkDocs also draws the whole "
        "navigation into the pages outside it, where our build draws only its top level "
        "(build_scripts/sidebar.py): a ratio below 1 means that saving outweighs what our scripts cost.",
        "",
    ]
    out += [
        "## Reader cost",
        "",
        "| page | files | HTML | HTML gzip | with CSS + JS | gzip |",
        "|---|---|---|---|---|---|",
    ]
    for label, key in (("home", "home"), ("typical chapter", "chapter"), ("largest chapter", "largest_chapter")):
        c = reader[key]
        out.append(
            f"| {label} `{c['page']}` | {c['files']} | {_kb(c['html_bytes'])} KB | {_kb(c['html_gzip'])} KB "
            f"| {_kb(c['total_bytes'])} KB | **{_kb(c['total_gzip'])} KB** |"
        )
    out += [
        "",
        f"Search index: {_kb(reader['search_index_bytes'])} KB, {_kb(reader['search_index_gzip'])} KB gzip "
        f"— {_kb(reader['search_gzip_per_100kb_source'])} KB gzip per 100 KB of source text "
        f"({_kb(reader['source_bytes'])} KB of sources). Chapter pages: {reader['chapter_pages']}.",
        "",
    ]
    out += [
        "## Scale (synthetic corpora, benchmarks/synth.py)",
        "",
        "| corpus | plans | tasks | links | parse s | link s | parse + link peak MB | build s | build peak MB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    out += [
        f"| {s['factor']}× | {s['plans']} | {s['tasks']} | {s['links']} | {s['parse_s']:.2f} | {s['link_s']:.1f} "
        f"| {_mb(s['parse_link_peak_mb'])} | {_build_s(s)} | {_mb(s['build_peak_mb'])} |"
        for s in r["scale"]
    ]
    out += ["", growth_sentence(r["scale"])] if growth_sentence(r["scale"]) else []
    q = r["quality"]
    out += ["", "## Lineage quality (dev set, curation off)", ""]
    if "skipped" in q:
        out.append(f"Skipped: {q['skipped']}.")
    else:
        out += [f"`{q['command']}`: {q['summary']}", "", "```text", q["score"] or "(no score printed)", "```"]
    return "\n".join(out)


__all__ = ["REPORT", "growth_exponent", "growth_sentence", "page_fragment", "report_markdown"]
