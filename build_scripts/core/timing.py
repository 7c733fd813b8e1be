"""Stage timings of one build: how long reading, parsing, linking, rendering … took.

Pipeline place: any stage wraps its work in ``with timing.stage("parse"):``; repeated
entries of one name add up (``fill markers`` runs once per page). The MkDocs plugin logs the
totals at INFO at the end of a build and, when the environment variable
``BUILD_TIMINGS`` names a file, writes them there as JSON (``benchmarks/`` reads it).
The record lives in this module; the plugin calls :func:`reset` as each build starts, so
``mkdocs serve`` starts each rebuild from zero.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "BUILD_TIMINGS"
_totals: dict[str, float] = {}  # stage → seconds, in the order the stages first ran


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the ``with`` block and add it to ``name``'s total."""
    started = time.perf_counter()
    try:
        yield
    finally:
        _totals[name] = _totals.get(name, 0.0) + time.perf_counter() - started


def totals() -> dict[str, float]:
    """Seconds per stage so far (a copy)."""
    return dict(_totals)


def reset() -> None:
    _totals.clear()


def summary() -> str:
    """One line: ``parse 0.41 s, link 2.10 s, …``."""
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in _totals.items())


def dump(extra: dict[str, object] | None = None, path: str | os.PathLike[str] | None = None) -> Path | None:
    """Write the totals (and ``extra``) as JSON to ``path`` or ``$BUILD_TIMINGS``; None if neither."""
    target = path or os.environ.get(ENV)
    if not target:
        return None
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {"stages": {name: round(seconds, 4) for name, seconds in _totals.items()}, **(extra or {})}
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target
