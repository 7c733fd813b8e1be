"""Search, measured: ``python -m benchmarks.search [--factors 1 40]``.

For the real corpus and for synthetic corpora N times its size (``benchmarks.synth``), the
search index is made as the site build makes it (``website.search.index.site_index``) and
served with the site's search scripts on a page of their own (the index and the scripts
are the whole of search: no page of the site is needed to measure it). In headless
Chromium (``benchmarks.transfer``'s browser):

* **index**: its files, raw and gzip bytes, the number of shards;
* **first search**: for each query of a set (policy terms, task titles and ids, runs of the
  texts, variants, typing errors: ``benchmarks.search_queries``), a fresh browser opens the
  page, opens search and types the query; what the server sent under ``search/`` (gzip -6,
  as ``benchmarks.transfer`` counts) is that query's first search. Median and maximum;
* **query time**: in one page, each query is answered by the engine the dialog uses
  (``search-engine.js``), first with its files still to fetch (cold: from the local
  server), then three more times (warm); median and maximum over the queries.

The figures go into ``benchmarks/report.json`` (key ``search``) and ``report.md``, and the
性能 page shows them. ``python -m benchmarks.search candidates`` measures the libraries
considered for search on the same documents and queries (``benchmarks/search_candidates``).
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.report import REPORT_JSON, REPORT_MD
from benchmarks.search_queries import TERMS, Query, all_queries
from benchmarks.transfer import CHROMIUM, CHROMIUM_ARGS, Recorder, search, serve
from build_scripts.core.paths import DATA, DOCS

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ("javascripts/search-engine.js", "javascripts/search-ui.js", "stylesheets/search.css")
PAGE = """<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>搜索</title>
<link rel="stylesheet" href="stylesheets/search.css"></head>
<body><script src="javascripts/search-engine.js"></script><script src="javascripts/search-ui.js"></script></body></html>
"""
SAMPLE = 25  # queries per class (titles, ids, runs, typing errors) in the timed and first-search sets
BUDGET_1X = 60 * 1024  # first search, gzip, at the real corpus (issue 19)
BUDGET_40X = 250 * 1024  # … at 40×
QUERY_MS = 50  # a query's answer, warm


def search_site(data: Path, dest: Path):
    """The search index of the site made from ``data``, its scripts and a page, in ``dest``;
    returns the loaded site (for the query sets) and the index files."""
    from build_scripts.website.load import load_site
    from build_scripts.website.search.index import site_index

    site = load_site(data)
    files = site_index(site)
    if dest.exists():
        shutil.rmtree(dest)
    for path, content in files.items():
        (dest / path).parent.mkdir(parents=True, exist_ok=True)
        (dest / path).write_bytes(content)
    for script in SCRIPTS:
        (dest / script).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DOCS / script, dest / script)
    (dest / "index.html").write_text(PAGE, encoding="utf-8")
    return site, files


def query_set(site) -> list[Query]:
    """Policy terms, and a seeded sample of each class of ``search_queries``."""
    from build_scripts.website.search.documents import documents

    rng = random.Random(19)
    by_kind: dict[str, list[Query]] = {}
    for query in all_queries(site, documents(site)):
        by_kind.setdefault(query.kind, []).append(query)
    out = [Query("term", term) for term in TERMS]
    for queries in by_kind.values():
        out += rng.sample(queries, min(SAMPLE, len(queries)))
    return out


def index_figures(files: dict[str, bytes]) -> dict:
    from benchmarks.transfer import gzip_size

    return {
        "files": len(files),
        "bytes": sum(len(c) for c in files.values()),
        "gzip": sum(gzip_size(c) for c in files.values()),
        "shards": sum(1 for p in files if p.startswith("search/s/")),
        "head_gzip": gzip_size(files["search/head.json"]),
    }


def first_searches(dest: Path, queries: list[Query], browser) -> list[dict]:
    """What each query's first search fetched under ``search/`` (a fresh browser each)."""
    out = []
    with serve(dest) as (base, served):
        recorder = Recorder(dest, served)
        for query in queries:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            try:
                page = context.new_page()
                page.goto(base)
                page.wait_for_load_state("networkidle")
                recorder.take()
                search(page, query.text)
                files = [f for f in recorder.take() if f["path"].startswith("search/") and f["bytes"]]
                out.append(
                    {
                        "query": query.text,
                        "kind": query.kind,
                        "files": len(files),
                        "gzip": sum(f["gzip"] for f in files),
                    }
                )
            finally:
                context.close()
    return out


TIME_JS = """
async ([base, queries, runs]) => {
  const out = []
  const idx = new SiteSearchEngine.Index(base + "search/")
  await idx.open()
  for (const q of queries) {
    let started = performance.now()
    await idx.search(q, {})
    const cold = performance.now() - started
    const warm = []
    for (let i = 0; i < runs; i++) {
      started = performance.now()
      await idx.search(q, {})
      warm.push(performance.now() - started)
    }
    warm.sort((a, b) => a - b)
    out.push([cold, warm[Math.floor(runs / 2)]])
  }
  return out
}
"""


def query_times(dest: Path, queries: list[Query], browser, runs: int = 3) -> list[dict]:
    with serve(dest) as (base, _):
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(base)
            times = page.evaluate(TIME_JS, [base, [q.text for q in queries], runs])
        finally:
            context.close()
    return [
        {"query": q.text, "kind": q.kind, "cold_ms": c, "warm_ms": w} for q, (c, w) in zip(queries, times, strict=True)
    ]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def summarise(factor: int, site, files: dict[str, bytes], first: list[dict], times: list[dict]) -> dict:
    worst = max(first, key=lambda f: f["gzip"])
    slowest = max(times, key=lambda t: t["warm_ms"])
    return {
        "factor": factor,
        "plans": len(site.corpus.plans),
        "tasks": len(site.corpus.tasks),
        "index": index_figures(files),
        "queries": len(first),
        "first_search_gzip": {
            "median": _median([f["gzip"] for f in first]),
            "max": worst["gzip"],
            "max_query": worst["query"],
        },
        "first_search_files": {"median": _median([f["files"] for f in first]), "max": max(f["files"] for f in first)},
        "policy_terms_gzip_max": max(f["gzip"] for f in first if f["kind"] == "term"),
        "query_ms": {
            "warm_median": round(_median([t["warm_ms"] for t in times]), 1),
            "warm_max": round(slowest["warm_ms"], 1),
            "warm_max_query": slowest["query"],
            "cold_median": round(_median([t["cold_ms"] for t in times]), 1),
            "cold_max": round(max(t["cold_ms"] for t in times), 1),
        },
    }


def measure(factors: list[int], work: Path, browser) -> list[dict]:
    from benchmarks.synth import make_corpus

    rows = []
    for factor in factors:
        data = DATA if factor == 1 else work / f"data-{factor}x"
        if factor > 1:
            make_corpus(data, factor)
        started = time.process_time()
        site, files = search_site(data, work / f"search-{factor}x")
        print(f"{factor}×: site and index in {time.process_time() - started:.0f} CPU s", file=sys.stderr)
        queries = query_set(site)
        first = first_searches(work / f"search-{factor}x", queries, browser)
        times = query_times(work / f"search-{factor}x", queries, browser)
        rows.append(summarise(factor, site, files, first, times))
    return rows


def targets(rows: list[dict]) -> list[dict]:
    out = []
    for row in rows:
        budget = BUDGET_1X if row["factor"] == 1 else BUDGET_40X if row["factor"] == 40 else None
        if budget is not None:
            out.append(
                {
                    "target": f"{row['factor']} 倍语料首次搜索的传输量（压缩后）不超过 {budget // 1024} 千字节",
                    "value": f"最多 {row['first_search_gzip']['max'] / 1024:.1f} 千字节",
                    "met": row["first_search_gzip"]["max"] <= budget,
                }
            )
        if row["factor"] == 40:
            out.append(
                {
                    "target": f"40 倍语料一次查询在 {QUERY_MS} 毫秒内得到结果（Chromium，文件已载入）",
                    "value": f"最多 {row['query_ms']['warm_max']:.1f} 毫秒",
                    "met": row["query_ms"]["warm_max"] <= QUERY_MS,
                }
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.search", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", nargs="?", choices=["index", "candidates"], default="index")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 40])
    parser.add_argument("--json", type=Path, default=REPORT_JSON)
    parser.add_argument("--md", type=Path, default=REPORT_MD)
    args = parser.parse_args(argv)
    if args.what == "candidates":
        from benchmarks.search_candidates import run as candidates

        return candidates.main()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            rows = measure(args.factors, Path(tmp), browser)
        finally:
            browser.close()
    result = {
        "command": " ".join(["python -m benchmarks.search", *map(shlex.quote, sys.argv[1:] if argv is None else argv)]),
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "rows": rows,
        "targets": targets(rows),
    }
    report = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
    previous = report.get("search", {}).get("candidates")
    if previous:
        result["candidates"] = previous
    report["search"] = result
    from benchmarks.report import targets as all_targets
    from benchmarks.report import write_report

    if "build" in report:
        report["targets"] = all_targets(report)
        write_report(report, args.json, args.md)
    else:  # a report of search alone (a --json of its own): the Markdown report needs them all
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.json} (search only; {args.md} is written with the whole report)", file=sys.stderr)
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
