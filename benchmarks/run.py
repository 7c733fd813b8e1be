"""What the build and the pages cost, and how that grows: ``python -m benchmarks [--quick]``.

One run measures, on this machine, and writes ``benchmarks/report.json`` and
``benchmarks/report.md`` (the site's 性能 page, ``docs/performance.md``, shows the JSON):

1. **Full build** from a clean checkout state: the project (code, docs, data — no
   ``site/``, no ``.cache/``) is copied to a temporary directory and ``mkdocs build
   --strict`` runs there; wall time, peak memory (``ru_maxrss`` of the build process, via a wrapper) and
   the stage times the build itself records (``BUILD_TIMINGS``, ``build_scripts/core/timing.py``).
   Then one **rebuild** with the caches in place (the lineage cache: the linker must not run;
   the site build and each page's HTML: a warm build at most half a cold one, in CPU seconds).
2. **Overhead**: the same pages (hand-written ones with their markers filled) dumped by a
   hook (``dump_hook.py``), then built by plain MkDocs — same theme and Markdown extensions,
   explicit nav, without the project's plugin. Ratio = full build / plain build (medians).
   Full and plain builds alternate, so a slow spell of a shared machine hits both. The plain
   build has no search (the site's search index is a file of the site build).
3. **Reader cost** of the built site: what Chromium really transfers on a first visit to
   a typical chapter page, on a first visit with one search, and on a repeat visit
   (``transfer.py``: every response, gzip size of each file, cache hits as nothing); and
   a static estimate — home and chapter pages with every stylesheet and script their HTML
   names, raw and gzip; the search index (its files, raw and each gzipped), and gzip per
   100 KB of source text.
6. **Search** (``search.py``): a first search's transfer and a query's time in Chromium, at
   the real corpus and at 40× (``--quick``: 2×); the candidate libraries' figures of the
   last ``python -m benchmarks.search candidates`` are carried over.
4. **Scale**: synthetic corpora (``synth.py``) of 10× and 40× the real one; for each,
   parse and link times and peak memory (a process that only parses and links, no
   cache) and the full build.
5. **Lineage quality** on the dev set, curation off (``python -m build_scripts lineage
   --no-curation --score``); skipped with a note without ``../shared/eval``.

Times are medians of ``--runs`` runs (default 3), the synthetic corpora's of
``--scale-runs`` (default 3); the report records the exact command. ``--quick``: one run, scale 2× only,
no quality — for tests. Nothing here is asserted; the targets are reported against.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

from benchmarks.report import REPORT_JSON, REPORT_MD, targets, write_report

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
PROJECT_PARTS = ("mkdocs.yml", "pyproject.toml", "build_scripts", "docs", "overrides", "benchmarks", "data")
PROBE = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from build_scripts.ingest.corpus import load_corpus
from build_scripts.lineage.build import build_lineage
from build_scripts.lineage.inputs import linker_inputs
t1 = time.perf_counter()
corpus = load_corpus(Path("data"))
t2 = time.perf_counter()
lineage, _ = build_lineage(corpus, linker_inputs(Path("data")))
t3 = time.perf_counter()
print(json.dumps({"plans": len(corpus.plans), "tasks": len(corpus.tasks), "links": len(lineage.links),
                  "parse_s": t2 - t1, "link_s": t3 - t2}))
"""


# ---------------------------------------------------------------- running things


def measured(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float | None = None) -> dict:
    """Run ``cmd``; its wall seconds and output (an error if it fails). Past ``timeout``
    the process group is killed and ``timed_out`` is set (seconds: None)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)  # the group of this one process and its child, nothing else
        proc.communicate()
        return {"seconds": None, "timed_out": timeout, "stdout": "", "stderr": "", "peak_mb": None}
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}) in {cwd}:\n{stderr[-3000:]}")
    return {"seconds": seconds, "stdout": stdout, "stderr": stderr}


def measured_peak(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float | None = None) -> dict:
    """Like :func:`measured`, and the peak memory and CPU seconds of ``cmd`` alone: it runs
    under a small Python wrapper that reports ``RUSAGE_CHILDREN`` of its single child."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "code = subprocess.call(sys.argv[1:])\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print('PEAK_KB', usage.ru_maxrss, 'CPU_S', usage.ru_utime + usage.ru_stime, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    result = measured([sys.executable, "-c", wrapper, *cmd], cwd, env, timeout)
    match = re.search(r"PEAK_KB (\d+) CPU_S ([\d.]+)", result["stderr"])
    result["peak_mb"] = int(match.group(1)) / 1024 if match else None
    result["cpu_s"] = float(match.group(2)) if match else None
    return result


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """The project as a clean checkout would have it (no site/, .cache/, build/), in ``dest``."""
    ignore = shutil.ignore_patterns("__pycache__", "report.json", "report.md", "*.egg-info")
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = data if part == "data" and data is not None else ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest


def mkdocs_build(
    project: Path,
    site: Path,
    timings: Path | None = None,
    clean: bool = True,
    config: str = "mkdocs.yml",
    strict: bool = True,
    env: dict | None = None,
    timeout: float | None = None,
) -> dict:
    if clean:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    extra = {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project), **(env or {})}
    if timings is not None:
        extra["BUILD_TIMINGS"] = str(timings)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(site)] + (["--strict"] if strict else [])
    result = measured_peak(cmd, project, extra, timeout)
    if timings is not None and timings.exists():
        result["timings"] = json.loads(timings.read_text(encoding="utf-8"))
    return result


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---------------------------------------------------------------- 1 + 2: build and overhead


def builds(project: Path, work: Path, runs: int) -> tuple[dict, dict]:
    """Our full builds and plain builds of the same pages, taken in turns (full, plain,
    full, plain …) so that a slow spell of the machine falls on both alike; then one
    rebuild of each with warm caches."""
    plain_config = prepare_plain(project, work)
    results, plains = [], []
    for index in range(runs):
        results.append(mkdocs_build(project, work / "site", work / f"timings-{index}.json"))
        # clean=False: a plain build uses no .cache/, and must leave ours for the rebuild
        plains.append(mkdocs_build(project, work / "site-plain", config=plain_config, strict=False, clean=False))
    rebuild = mkdocs_build(project, work / "site", work / "timings-rebuild.json", clean=False)
    warm = mkdocs_build(project, work / "site-plain", config=plain_config, strict=False, clean=False)
    return full_summary(results, rebuild), plain_summary(plains, warm, work)


def full_summary(results: list[dict], rebuild: dict) -> dict:
    stages = {
        name: median([r["timings"]["stages"].get(name) for r in results]) for name in results[0]["timings"]["stages"]
    }
    hit = "lineage: cache hit" in rebuild["stderr"]
    cold_cpu = median([r.get("cpu_s") for r in results])
    return {
        "runs": len(results),
        "seconds": median([r["seconds"] for r in results]),
        "peak_mb": median([r["peak_mb"] for r in results]),
        "stages": {**stages, "mkdocs": median([r["timings"]["mkdocs"] for r in results])},
        "rebuild": {
            "seconds": rebuild["seconds"],
            "lineage_cache_hit": hit,
            "link_s": rebuild["timings"]["stages"].get("link"),
            # the site build and each page's HTML reused (build_scripts/publish/build_cache.py)
            "site_cache_hit": "site build: cache hit" in rebuild["stderr"],
            "cpu_s": rebuild.get("cpu_s"),
            "cold_cpu_s": cold_cpu,
            "ratio_cpu": round(rebuild["cpu_s"] / cold_cpu, 3) if cold_cpu and rebuild.get("cpu_s") else None,
        },
    }


def plain_summary(results: list[dict], warm: dict, work: Path) -> dict:
    pages = sum(1 for _ in (work / "plain" / "docs").rglob("*.md"))
    return {
        "runs": len(results),
        "seconds": median([r["seconds"] for r in results]),
        "peak_mb": median([r["peak_mb"] for r in results]),
        "pages": pages,
        "warm_seconds": warm["seconds"],
    }


def prepare_plain(project: Path, work: Path) -> str:
    """Dump the final Markdown of every page (one build with ``dump_hook``) and write a
    plugin-free ``mkdocs.plain.yml`` that builds it with the same nav; return its name."""
    dump = work / "plain" / "docs"
    shutil.rmtree(work / "plain", ignore_errors=True)
    original = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = "plugins:\n  - beijing-plans\n"
    if plugin not in original:
        raise ValueError("mkdocs.yml: expected `plugins:` naming beijing-plans")
    with_dump = original.replace(plugin, plugin + "hooks:\n  - benchmarks/dump_hook.py\n")  # hooks run after plugins
    (project / "mkdocs.dump.yml").write_text(with_dump, encoding="utf-8")
    mkdocs_build(project, work / "site-dump", config="mkdocs.dump.yml", env={"BENCH_DUMP": str(dump)})
    for path in (project / "docs").rglob("*"):  # static files (CSS, JS) next to the pages
        if path.is_file() and path.suffix != ".md":
            target = dump / path.relative_to(project / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    nav = (work / "plain" / "nav.json").read_text(encoding="utf-8")
    plain = original.replace(plugin, "plugins: []\n")
    plain = re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {json.dumps(str(dump))}", plain)
    plain = re.sub(r"(?m)^strict: .*$", "strict: false", plain)
    plain = re.sub(r"(?m)^watch:\n(  - .*\n)+", "", plain)
    plain += f"\nnav: {nav}\n"
    (project / "mkdocs.plain.yml").write_text(plain, encoding="utf-8")
    return "mkdocs.plain.yml"


# ---------------------------------------------------------------- 3: reader cost


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "") == "stylesheet" and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])


def _gz(raw: bytes) -> int:
    return len(gzip.compress(raw, compresslevel=9, mtime=0))


def page_cost(site: Path, page: Path) -> dict:
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    files = [page]
    for url in parser.urls:
        if re.match(r"^[a-z]+:|^//", url):
            continue  # external (there should be none)
        target = (page.parent / url.split("?")[0].split("#")[0]).resolve()
        if target.is_file():
            files.append(target)
    raw = sum(f.stat().st_size for f in files)
    gz = sum(_gz(f.read_bytes()) for f in files)
    return {
        "page": str(page.relative_to(site).parent) + "/",
        "files": len(files),
        "html_bytes": len(html),
        "html_gzip": _gz(html),
        "total_bytes": raw,
        "total_gzip": gz,
    }


def reader_cost(site: Path, source_bytes: int) -> dict:
    chapters = sorted(
        (p for p in site.glob("plans/*/*/index.html") if p.parent.name.isdigit()),
        key=lambda p: (p.stat().st_size, str(p)),
    )
    typical = chapters[len(chapters) // 2]
    largest = chapters[-1]
    index = [p.read_bytes() for p in sorted((site / "search").rglob("*.json"))]
    raw = b"".join(index)
    gz = sum(_gz(part) for part in index)  # each file is sent (and compressed) on its own
    return {
        "home": page_cost(site, site / "index.html"),
        "chapter": page_cost(site, typical),
        "largest_chapter": page_cost(site, largest),
        "chapter_pages": len(chapters),
        "search_index_files": len(index),
        "search_index_bytes": len(raw),
        "search_index_gzip": gz,
        "source_bytes": source_bytes,
        "search_gzip_per_100kb_source": gz / (source_bytes / 100_000),
    }


# ---------------------------------------------------------------- 4: scale


def scale(
    work: Path, factors: list[int], runs: int, real_build: dict | None = None, limit: float | None = None
) -> list[dict]:
    """Parse + link (a process of its own, no cache) and full build per corpus size; the
    1× row takes its build figures from ``real_build`` (the full builds above) if given."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.synth import make_corpus

    rows = []
    for factor in factors:
        data = work / f"data-{factor}x"
        summary = make_corpus(data, factor) if factor > 1 else None
        project = copy_project(work / f"project-{factor}x", data if factor > 1 else None)
        probes = [
            measured_peak([sys.executable, "-c", PROBE], project, {"PYTHONPATH": str(project)}) for _ in range(runs)
        ]
        figures = [json.loads(p["stdout"].strip().splitlines()[-1]) for p in probes]
        if factor == 1 and real_build is not None:
            builds = [real_build]
        else:
            config = lenient_config(project)
            builds = [
                mkdocs_build(
                    project,
                    work / f"site-{factor}x",
                    work / f"timings-{factor}x.json",
                    config=config,
                    strict=False,
                    timeout=limit,
                )
                for _ in range(runs)
            ]
        rows.append(
            {
                "factor": factor,
                "plans": figures[0]["plans"],
                "tasks": figures[0]["tasks"],
                "links": figures[0]["links"],
                "source_bytes": summary["source_bytes"] if summary else _source_bytes(ROOT / "data"),
                "parse_s": median([f["parse_s"] for f in figures]),
                "link_s": median([f["link_s"] for f in figures]),
                "parse_link_peak_mb": median([p["peak_mb"] for p in probes]),
                "build_s": median([b["seconds"] for b in builds]),
                "build_peak_mb": median([b["peak_mb"] for b in builds]),
                "build_timed_out": builds[0].get("timed_out"),
            }
        )
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(work / f"site-{factor}x", ignore_errors=True)
    return rows


def lenient_config(project: Path) -> str:
    """A copy of the project's ``mkdocs.yml`` that is not strict, for synthetic corpora: their
    plans change every word's idf, so a few of the editors' decisions no longer match what the
    linker makes — warnings, which a strict build (the project's) turns into errors."""
    name = "mkdocs.lenient.yml"
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / name).write_text(re.sub(r"(?m)^strict: .*$", "strict: false", text), encoding="utf-8")
    return name


def _source_bytes(data: Path) -> int:
    return sum(p.stat().st_size for p in (data / "sources").glob("*.txt"))


# ---------------------------------------------------------------- 5: quality


def quality(work: Path) -> dict:
    scorer = ROOT.parent / "shared" / "eval" / "score_lineage.py"
    if not scorer.exists():
        return {"skipped": f"{scorer} not found"}
    result = measured(
        [
            sys.executable,
            "-m",
            "build_scripts",
            "lineage",
            "--no-curation",
            "--score",
            "--export",
            str(work / "lineage"),
        ],
        ROOT,
        {"PYTHONPATH": str(ROOT)},
    )
    lines = result["stdout"].splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("score:")), None)
    score = (
        "\n".join(line.strip().removeprefix("score:").strip() for line in lines[start:]) if start is not None else ""
    )
    return {
        "command": "python -m build_scripts lineage --no-curation --score",
        "summary": lines[0] if lines else "",
        "score": score,
    }


# ---------------------------------------------------------------- report


def browser_transfer(site: Path) -> dict:
    """What a browser transfers (``benchmarks/transfer.py``); skipped, with the reason,
    without Playwright or Chromium."""
    from benchmarks import transfer

    if not Path(transfer.CHROMIUM).exists():
        return {"skipped": f"{transfer.CHROMIUM} 不存在"}
    try:
        visits = transfer.measure(site)
    except ImportError:
        return {"skipped": "没有安装 playwright"}
    visits["command"] = "python -m benchmarks"
    visits["generated"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return visits


def search_figures(factors: list[int], work: Path) -> dict:
    """The search benchmark (``benchmarks/search.py``) at these corpus sizes, with the candidate
    libraries' figures of the last ``python -m benchmarks.search candidates`` carried over."""
    from benchmarks import search, transfer

    previous = (json.loads(REPORT_JSON.read_text(encoding="utf-8")) if REPORT_JSON.exists() else {}).get("search", {})
    if not Path(transfer.CHROMIUM).exists():
        return {"skipped": f"{transfer.CHROMIUM} 不存在", "candidates": previous.get("candidates")}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=transfer.CHROMIUM, args=transfer.CHROMIUM_ARGS)
        try:
            rows = search.measure(factors, work / "search", browser)
        finally:
            browser.close()
    figures = {
        "command": "python -m benchmarks",
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "rows": rows,
        "targets": search.targets(rows),
    }
    if previous.get("candidates"):
        figures["candidates"] = previous["candidates"]
    return figures


def run(args) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        project = copy_project(work / "project")
        build, plain = builds(project, work, args.runs)
        reader = reader_cost(work / "site", _source_bytes(ROOT / "data"))
        transferred = browser_transfer(work / "site")
        factors = [1, 2] if args.quick else [1, 10, 40]
        rows = scale(work, factors, args.scale_runs, build, args.build_limit)
        searched = search_figures([1, 2] if args.quick else [1, 40], work)
        report = {
            "command": args.command,
            "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
            "build": build,
            "overhead": {
                "plain": plain,
                "ratio": build["seconds"] / plain["seconds"],
                "ratio_rebuild": build["rebuild"]["seconds"] / plain["warm_seconds"],
            },
            "reader": reader,
            "transfer": transferred,
            "scale": rows,
            "search": searched,
            "quality": {"skipped": "--quick"} if args.quick else quality(work),
        }
        report["targets"] = targets(report)
        growth = (json.loads(REPORT_JSON.read_text(encoding="utf-8")) if REPORT_JSON.exists() else {}).get("growth")
        if growth:  # the growth series (python -m benchmarks scale --report) is carried over
            report["growth"] = growth
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="1 run, scale 2× only, no quality (for tests)")
    parser.add_argument("--runs", type=int, default=None, help="runs per timing, median reported (default 3)")
    parser.add_argument(
        "--scale-runs",
        type=int,
        default=None,
        help="runs per synthetic corpus, median reported (default 3; --quick: 1)",
    )
    parser.add_argument(
        "--build-limit",
        type=float,
        default=900,
        help="seconds after which a synthetic corpus's full build is stopped (default 900)",
    )
    parser.add_argument("--json", type=Path, default=REPORT_JSON, help="report JSON (default benchmarks/report.json)")
    parser.add_argument("--md", type=Path, default=REPORT_MD, help="report Markdown (default benchmarks/report.md)")
    args = parser.parse_args(argv)
    args.command = " ".join(["python -m benchmarks", *map(shlex.quote, sys.argv[1:] if argv is None else argv)])
    if args.runs is None:
        args.runs = 1 if args.quick else 3
    if args.scale_runs is None:
        args.scale_runs = 1 if args.quick else 3
    report = run(args)
    write_report(report, args.json, args.md)
    print(args.md.read_text(encoding="utf-8"))
    return 0
