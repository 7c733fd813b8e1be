"""``check`` time against the size of a source: ``python -m benchmarks.input_size [--sizes MB …]``.

A copy of ``data/`` in a temporary directory has its 13th-plan source grown to each size by
repeating the sentences of one body paragraph inside it (the plan keeps its structure and
task count, so the whole check runs: parse, excerpts, terms); the manifest is recorded
again and ``python -m build_scripts check --data COPY`` is timed in its own process (CPU
seconds of the child: the machine is shared). A source over the limit
(``ingest.sources.MAX_SOURCE_BYTES``) must be refused, and at once. Prints one row per size;
not written to the report (a measurement, not a timed test: ``tests/test_bad_input.py``
holds the limit and the linear line numbering).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from build_scripts.core.paths import DATA, ROOT
from build_scripts.ingest.sources import MAX_SOURCE_BYTES, manifest_content

SIZES_MB = (0.06, 0.5, 1.0, 2.0, 3.9, 8.0)


def p13_source(data: Path) -> Path:
    plans = yaml.safe_load((data / "plans.yaml").read_text(encoding="utf-8"))["plans"]
    entry = next(p for p in plans if p["id"] == "p13")
    return data / "sources" / entry["source"]


def grow(path: Path, size: int) -> int:
    """Repeat the last long body paragraph (a line ending in 。 with no numbering) within its
    own line until the file is about ``size`` bytes; returns the new size."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = max(
        i
        for i, line in enumerate(lines)
        if line.endswith("。") and len(line) > 40 and line[0] not in "（(一二三四五六七八九十0123456789"
    )
    filler = lines[at]
    need = max(0, size - path.stat().st_size) // len(filler.encode())
    lines[at] = filler * (need + 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path.stat().st_size


def check(data: Path) -> tuple[float, float, int, str]:
    """(CPU seconds, wall seconds, exit code, last line) of ``check --data data``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "check", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    last = (result.stdout + result.stderr).strip().splitlines()[-1] if (result.stdout + result.stderr).strip() else ""
    return cpu, wall, result.returncode, last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=SIZES_MB, help="sizes in MB (10^6 bytes)")
    args = parser.parse_args(argv)
    print(f"limit: {MAX_SOURCE_BYTES:,} bytes")
    print("| source | check CPU s | wall s | result |")
    print("|---:|---:|---:|---|")
    for mb in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            shutil.copytree(DATA, data)
            size = grow(p13_source(data), int(mb * 1_000_000))
            (data / "manifest.yaml").write_text(manifest_content(data / "sources"), encoding="utf-8")
            cpu, wall, code, last = check(data)
            outcome = "ok" if code == 0 else f"refused: {last[-90:]}"
            print(f"| {size / 1e6:.2f} MB | {cpu:.2f} | {wall:.2f} | {outcome} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
