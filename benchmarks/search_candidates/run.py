"""``python -m benchmarks.search candidates``: MiniSearch, FlexSearch and lunr (locked in
``package-lock.json``; ``npm ci --prefix benchmarks/search_candidates`` installs them) against
the site's own engine, on the site's documents and query sets (``benchmarks.search_queries``),
each library given the site's analyzer as its tokenizer. ``compare.mjs`` does the measuring
in Node; this writes its inputs and puts its figures into ``benchmarks/report.json``
(``search.candidates``) and ``report.md``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.report import REPORT_JSON, REPORT_MD, targets, write_report

HERE = Path(__file__).resolve().parent


def inputs(work: Path) -> None:
    """``docs.json``, ``queries.json`` and the site's index (``site/search/``) in ``work``."""
    from benchmarks.search_queries import all_queries
    from build_scripts.core.paths import DATA
    from build_scripts.website.load import load_site
    from build_scripts.website.search.documents import documents
    from build_scripts.website.search.index import site_index

    site = load_site(DATA)
    docs = documents(site)
    (work / "docs.json").write_text(
        json.dumps([{"title": d.title, "text": d.text, "url": d.url} for d in docs], ensure_ascii=False), "utf-8"
    )
    queries = all_queries(site, docs)
    (work / "queries.json").write_text(
        json.dumps(
            [{"kind": q.kind, "text": q.text, "expect": list(q.expect), "form": q.form} for q in queries],
            ensure_ascii=False,
        ),
        "utf-8",
    )
    for path, content in site_index(site).items():
        (work / "site" / path).parent.mkdir(parents=True, exist_ok=True)
        (work / "site" / path).write_bytes(content)


def main() -> int:
    if not (HERE / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--silent", "--prefix", str(HERE)], check=True)
    with tempfile.TemporaryDirectory(prefix="search-candidates-") as tmp:
        work = Path(tmp)
        inputs(work)
        node = shutil.which("node") or "node"
        result = subprocess.run(
            [node, str(HERE / "compare.mjs"), str(work)], capture_output=True, text=True, check=True
        )
    figures = json.loads(result.stdout)
    figures["command"] = "python -m benchmarks.search candidates"
    figures["generated"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = json.loads(REPORT_JSON.read_text(encoding="utf-8")) if REPORT_JSON.exists() else {}
    report.setdefault("search", {})["candidates"] = figures
    if "build" in report:
        report["targets"] = targets(report)
    write_report(report, REPORT_JSON, REPORT_MD)
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
