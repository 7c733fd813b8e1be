"""One point of the growth benchmark: ``python -m benchmarks scale --factor N --overlap {shifted,dense}``.

Makes a synthetic corpus ``N`` × the real one (``synth.make_corpus``: generations 15 years
apart, or 1 year apart so that they cover the same years), copies the project onto it and
runs one cold ``mkdocs build`` (no ``.cache/``; not strict: see :func:`point`). Prints, for that build: CPU seconds
(user + system of the build process), peak memory, output bytes, page count and the largest
page. Given several factors (``--factor 2 6``) it prints each point and, between consecutive
points, the growth exponent of each cost: the slope of log(cost) over log(factor), 1.0 for
a cost that grows linearly with the corpus, 2.0 for one that grows with its square.

CPU seconds rather than wall time, because the machine may be shared.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import shutil
import sys
import tempfile
from pathlib import Path

from .run import copy_project, lenient_config, mkdocs_build
from .synth import OVERLAP_YEARS, make_corpus

COSTS = ("cpu_s", "peak_mb", "output_bytes")


def site_figures(site: Path) -> dict:
    """Output bytes, page count and the largest page of a built site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    by_part: dict[str, int] = {}
    for path in files:  # which part of the site the bytes are in: lineage/, plans/, search/ …
        part = path.relative_to(site).parts[0] if len(path.relative_to(site).parts) > 1 else "/"
        by_part[part] = by_part.get(part, 0) + path.stat().st_size
    return {
        "output_bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "pages": len(pages),
        "largest_page": largest.relative_to(site).as_posix(),
        "largest_page_bytes": largest.stat().st_size,
        "bytes_by_part": dict(sorted(by_part.items(), key=lambda kv: -kv[1])),
    }


def point(factor: int, overlap: str, work: Path, timeout: float | None = None) -> dict:
    """Build the corpus of one factor and overlap; its figures (see the module docstring)."""
    data = work / f"data-{overlap}-{factor}x"
    corpus = make_corpus(data, factor, overlap=overlap)
    project = copy_project(work / f"project-{overlap}-{factor}x", data)
    site = work / f"site-{overlap}-{factor}x"
    try:
        config = lenient_config(project)  # stale decisions are expected on synthetic plans
        timings = work / f"timings-{overlap}-{factor}x.json"
        build = mkdocs_build(project, site, timings, config=config, strict=False, timeout=timeout)
        if build.get("timed_out"):
            return {"factor": factor, "overlap": overlap, "timed_out": timeout}
        return {
            "factor": factor,
            "overlap": overlap,
            "plans": corpus["plans"],
            "source_bytes": corpus["source_bytes"],
            "cpu_s": round(build["cpu_s"], 2),
            "wall_s": round(build["seconds"], 2),
            "peak_mb": round(build["peak_mb"], 1),
            **site_figures(site),
            "stages_s": build.get("timings", {}),  # the build's own stage times (wall seconds)
        }
    finally:
        for path in (data, project, site):
            shutil.rmtree(path, ignore_errors=True)


def exponents(points: list[dict]) -> list[dict]:
    """The growth exponent of each cost between consecutive points."""
    out = []
    for a, b in itertools.pairwise(points):
        if a.get("timed_out") or b.get("timed_out"):
            continue
        ratio = math.log(b["factor"] / a["factor"])
        out.append(
            {"from": a["factor"], "to": b["factor"]}
            | {cost: round(math.log(b[cost] / a[cost]) / ratio, 3) for cost in COSTS}
        )
    return out


# Issue 22's targets for the growth series (benchmark figures, not timed tests)
GROWTH_TARGETS = {
    "dense_10x_peak_mb": 4096,
    "exponent": 1.15,
    "shifted_40x_cpu_s": 180,
    "shifted_40x_mb": 400,
    "dense_20x_largest_kb": 300,
}


def merged(series: dict, points: list[dict]) -> dict:
    """``series`` (points and exponents) with ``points`` added, a new point replacing an old
    one of the same factor; the exponents recomputed over all of them."""
    by_factor = {p["factor"]: p for p in series.get("points", [])} | {p["factor"]: p for p in points}
    ordered = [by_factor[f] for f in sorted(by_factor)]
    return {"points": ordered, "exponents": exponents(ordered)}


def growth_targets(growth: dict) -> list[dict]:
    """Each target of :data:`GROWTH_TARGETS` with its measured value, or None if not measured."""
    t = GROWTH_TARGETS
    point = lambda overlap, factor: next(
        (p for p in growth.get(overlap, {}).get("points", []) if p["factor"] == factor and "cpu_s" in p), None
    )
    rows = []
    dense10 = point("dense", 10)
    rows.append(
        (
            "重叠语料 10×：内存峰值不超过 4 吉字节",
            dense10 and f"{dense10['peak_mb']:.0f} 兆字节",
            dense10 and dense10["peak_mb"] <= t["dense_10x_peak_mb"],
        )
    )
    for overlap, name in (("shifted", "错开"), ("dense", "重叠")):
        for cost, label in (("cpu_s", "处理器时间"), ("peak_mb", "内存峰值"), ("output_bytes", "输出")):
            a, b = point(overlap, 5), point(overlap, 20)
            value = math.log(b[cost] / a[cost]) / math.log(4) if a and b else None
            rows.append(
                (
                    f"{name}语料 5×→20×：{label}的增长指数不超过 1.15",
                    value and f"{value:.2f}",
                    value is not None and value <= t["exponent"],
                )
            )
    big = point("shifted", 40)
    rows.append(
        (
            "错开语料 40×：处理器时间不超过 180 秒",
            big and f"{big['cpu_s']:.0f} 秒",
            big and big["cpu_s"] <= t["shifted_40x_cpu_s"],
        )
    )
    rows.append(
        (
            "错开语料 40×：输出不超过 400 兆字节",
            big and f"{big['output_bytes'] / 1e6:.0f} 兆字节",
            big and big["output_bytes"] / 1e6 <= t["shifted_40x_mb"],
        )
    )
    dense20 = point("dense", 20)
    rows.append(
        (
            "重叠语料 20×：最大的页面不超过 300 千字节",
            dense20 and f"{dense20['largest_page_bytes'] / 1e3:.0f} 千字节（`{dense20['largest_page']}`）",
            dense20 and dense20["largest_page_bytes"] / 1e3 <= t["dense_20x_largest_kb"],
        )
    )
    return [{"target": name, "value": value, "met": bool(met) if value else None} for name, value, met in rows]


def write_growth(series: dict[str, list[dict]], command: str, path: Path) -> dict:
    """Merge the new points into ``report.json``'s ``growth`` and regenerate the report."""
    from datetime import UTC, datetime

    from .report import write_report

    report = json.loads(path.read_text(encoding="utf-8"))
    growth = report.get("growth", {})
    for overlap, points in series.items():
        growth[overlap] = merged(growth.get(overlap, {}), points)
    commands = [c for c in growth.get("commands", []) if c != command]
    growth["commands"], growth["generated"] = [*commands, command], datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    growth["targets"] = growth_targets(growth)
    report["growth"] = growth
    write_report(report, path, path.with_suffix(".md"))
    return growth


def main(argv: list[str]) -> int:
    from .report import REPORT_JSON

    parser = argparse.ArgumentParser(prog="python -m benchmarks scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=int, nargs="+", required=True, help="corpus size(s), × the real one")
    parser.add_argument("--overlap", choices=sorted(OVERLAP_YEARS), nargs="+", default=["shifted"])
    parser.add_argument("--json", action="store_true", help="print JSON (default: a line per point)")
    parser.add_argument("--timeout", type=float, default=None, help="stop a build after this many seconds")
    parser.add_argument(
        "--report", action="store_true", help="merge the points into benchmarks/report.json (growth) and report.md"
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        series = {
            overlap: [point(factor, overlap, work, args.timeout) for factor in sorted(set(args.factor))]
            for overlap in args.overlap
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.report:
        command = " ".join(["python -m benchmarks scale", *argv])
        write_growth(series, command, REPORT_JSON)
    result: dict = {overlap: {"points": pts, "exponents": exponents(pts)} for overlap, pts in series.items()}
    if len(series) == 1:
        (points,) = series.values()
        result = points[0] if len(points) == 1 else result[args.overlap[0]]
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        for overlap, pts in series.items():
            for p in pts:
                print(" ".join(f"{k}={v}" for k, v in p.items() if k not in ("bytes_by_part", "stages_s")))
            for e in exponents(pts):
                print("exponent", overlap, " ".join(f"{k}={v}" for k, v in e.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
