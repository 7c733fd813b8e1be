"""A cache of the linker's result, so a rebuild with unchanged inputs does not link again.

Pipeline place: ``website.load.load_site`` calls :func:`cached_lineage` instead of
``build.build_lineage``. Linking is the most expensive stage of the pipeline (jieba's
dictionary, every task segmented and scored), and its result depends only on:

* the tasks — plan order, and each task's id, plan, title, text and headings;
* ``data/lineage.yaml``, ``data/concepts.yaml``, ``data/terms.yaml`` (the segmenter's
  policy dictionary) and ``data/links.yaml`` (curation), byte for byte;
* the code: the source of ``build.py`` (which runs ``settings``, ``index``, ``selection``
  and ``curation``), this module and every module of the package they import, directly or not (:func:`code_files`), and the jieba version.

The SHA-256 of all of these is the key; the links, the review queue (and the curation's notes) are stored as
JSON in ``.cache/lineage/<key>.json`` (gitignored). Any change to any input is a new key,
so a stale result is never used; old entries are simply never read again (delete
``.cache/`` to reclaim them). The build log says which happened: ``lineage: cache hit
(…)`` or ``lineage: computed …``.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import Problem
from ..core.model import Corpus
from ..core.paths import ROOT

if TYPE_CHECKING:  # imported where used, so the module walk of the cache key starts small
    from .evidence import Evidence
    from .graph import Lineage, Link
    from .inputs import LinkerInputs

CACHE_DIR = ROOT / ".cache" / "lineage"
FORMAT = 6  # bump when the stored JSON changes shape (4: Link.origin took Link.review's values; 5: the review queue;
# 6: the curation's notes, once warnings)
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # build_scripts/
ROOTS = ("lineage/build.py", "lineage/cache.py")  # what build_lineage runs; their imports follow


def _imported(path: Path, directory: Path, node: ast.ImportFrom) -> list[Path]:
    """The files of this package a relative ``from … import …`` in ``path`` may name: the
    module itself, or, for ``from . import a, b``, the modules ``a`` and ``b``."""
    base = path.parent
    for _ in range(node.level - 1):
        base = base.parent
    if node.module:
        target = base.joinpath(*node.module.split("."))
        candidates = [target.with_suffix(".py"), target / "__init__.py"]
        candidates += [target / f"{alias.name}.py" for alias in node.names]  # from .pkg import module
    else:
        candidates = [base / f"{alias.name}.py" for alias in node.names] + [base / "__init__.py"]
    return [c for c in candidates if c.is_file() and directory in c.parents]


def code_files(roots: tuple[str, ...] = ROOTS, directory: Path | None = None) -> tuple[str, ...]:
    """The project modules the linker runs: ``roots`` and every module of this package they
    import, directly or not, at any depth of relative import (read from the source), as paths
    relative to the package, sorted. A change to any of them (say ``language/terms.py``, whose
    ``fold`` the linker calls) is a new cache key."""
    directory = (directory or PACKAGE_DIR).resolve()
    seen: set[Path] = set()
    todo = [directory / name for name in roots]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                todo.extend(_imported(path, directory, node))
    return tuple(sorted(p.relative_to(directory).as_posix() for p in seen))


log = logging.getLogger("mkdocs.build_scripts.lineage")


def cache_key(corpus: Corpus, data: Path, *, curation: bool = True) -> str:
    """The SHA-256 of every input of ``build_lineage`` (see the module docstring)."""
    import jieba

    digest = hashlib.sha256()

    def add(label: str, value: str | bytes) -> None:
        raw = value.encode("utf-8") if isinstance(value, str) else value
        digest.update(f"{label}:{len(raw)}:".encode())
        digest.update(raw)

    add("format", str(FORMAT))
    add("curation", str(curation))
    add("jieba", getattr(jieba, "__version__", ""))
    for name in code_files(directory=PACKAGE_DIR):
        add(name, (PACKAGE_DIR / name).read_bytes())
    for name in ("lineage.yaml", "concepts.yaml", "terms.yaml", "links.yaml"):
        path = data / name
        add(name, path.read_bytes() if path.exists() else b"\0absent")
    for plan in corpus.plans:  # its period and series decide which plans the linker reads
        add("plan", json.dumps([plan.id, plan.meta.start_year, plan.meta.end_year, plan.meta.series]))
        for task in plan.tasks:
            add(
                "task",
                json.dumps([task.id, task.plan_id, task.title, task.text, list(task.headings)], ensure_ascii=False),
            )
    return digest.hexdigest()


def cached_lineage(
    corpus: Corpus,
    data: Path,
    inputs: Callable[[], LinkerInputs],
    *,
    curation: bool = True,
    cache_dir: Path = CACHE_DIR,
) -> tuple[Lineage, list[Problem]]:
    """``build.build_lineage`` on the files of ``data``, from the cache when they are
    unchanged (``inputs`` is called only on a miss: it is what the linker reads, parsed
    once by the caller). Returns ``(lineage, notes)`` like ``build_lineage``."""
    from .build import build_lineage
    from .graph import Lineage, NoPredecessor, OpenPair, Proposal

    started = time.perf_counter()
    key = cache_key(corpus, data, curation=curation)
    path = Path(cache_dir) / f"{key}.json"
    stored = _read(path)
    if stored is not None:
        links = tuple(_link(l) for l in stored["links"])
        log.info("lineage: cache hit (%s…, %d links, %.2f s)", key[:12], len(links), time.perf_counter() - started)
        none = tuple(NoPredecessor(**n) for n in stored["none"])
        related = tuple(_link(l) for l in stored["related"])
        rejected = tuple(_link(l) for l in stored["rejected"])
        queue = tuple(
            OpenPair(
                o["successor"], o["plan"], tuple(Proposal(**{**p, "evidence": _evidence(p)}) for p in o["proposals"])
            )
            for o in stored["open"]
        )
        lineage = Lineage.of(corpus, links, none, related, rejected, queue)
        return lineage, [Problem(**n) for n in stored["notes"]]
    lineage, notes = build_lineage(corpus, inputs(), curation=curation)
    _write(
        path,
        {
            "format": FORMAT,
            "notes": [dataclasses.asdict(n) for n in notes],
            "links": [dataclasses.asdict(l) for l in lineage.links],
            "none": [dataclasses.asdict(n) for n in lineage.none],
            "related": [dataclasses.asdict(l) for l in lineage.related],
            "rejected": [dataclasses.asdict(l) for l in lineage.rejected],
            "open": [dataclasses.asdict(o) for o in lineage.open],
        },
    )
    log.info(
        "lineage: computed %d links in %.2f s (cache miss, key %s…)",
        len(lineage.links),
        time.perf_counter() - started,
        key[:12],
    )
    return lineage, notes


def _link(stored: dict[str, Any]) -> Link:
    """A link from its stored form (``dataclasses.asdict``): tuples came back as lists."""
    from .graph import Link

    return Link(**{**stored, "terms": tuple(stored["terms"]), "evidence": _evidence(stored)})


def _evidence(stored: dict[str, Any]) -> tuple[Evidence, ...]:
    """The ``evidence`` of a stored link or proposal."""
    from .evidence import Evidence, TextSpan

    return tuple(
        Evidence(TextSpan(**e["successor"]), TextSpan(**e["predecessor"]), tuple(e["words"]))
        for e in stored["evidence"]
    )


def _read(path: Path) -> dict[str, Any] | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stored if isinstance(stored, dict) and stored.get("format") == FORMAT else None


def _write(path: Path, value: dict[str, Any]) -> None:
    """Write atomically (temporary file + rename), so parallel builds never read half a file;
    a cache that cannot be written is only a missed speed-up."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(value, out, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError as error:
        log.info("lineage: cache not written (%s)", error)


__all__ = ["CACHE_DIR", "cache_key", "cached_lineage", "code_files"]
