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
import re
import shutil
import sys
import tempfile
from pathlib import Path

from .run import copy_project, mkdocs_build
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
        # The synthetic plans change every word's idf, so a few of the editors' decisions no
        # longer match what the linker makes: warnings (a strict build's errors), expected here.
        config = "mkdocs.lenient.yml"
        text = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / config).write_text(re.sub(r"(?m)^strict: .*$", "strict: false", text), encoding="utf-8")
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


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=int, nargs="+", required=True, help="corpus size(s), × the real one")
    parser.add_argument("--overlap", choices=sorted(OVERLAP_YEARS), default="shifted")
    parser.add_argument("--json", action="store_true", help="print JSON (default: a line per point)")
    parser.add_argument("--timeout", type=float, default=None, help="stop a build after this many seconds")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        points = [point(factor, args.overlap, work, args.timeout) for factor in sorted(set(args.factor))]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result: dict | list = points[0] if len(points) == 1 else {"points": points, "exponents": exponents(points)}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        for p in points:
            print(" ".join(f"{k}={v}" for k, v in p.items()))
        for e in exponents(points):
            print("exponent", " ".join(f"{k}={v}" for k, v in e.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
