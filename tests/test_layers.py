"""The pipeline's layers hold: imports go one way, down the layers, and no module imports
itself back through others (``importgraph``: the graph read from the source)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from importgraph import LAYERS, cycles, read_graph, report, violations

PACKAGE = Path(__file__).resolve().parent.parent / "build_scripts"


@pytest.fixture(scope="module")
def graph():
    return read_graph(PACKAGE)


def test_every_module_is_in_a_layer_and_imports_only_downwards(graph):
    assert violations(graph) == [], report(graph)
    assert {m.split(".")[0] for m in graph.modules if m and m != "__main__"} == set(LAYERS)


def test_no_import_cycles(graph):
    assert cycles(graph) == [], report(graph)


def test_every_module_says_what_it_is_and_packages_run_no_code(graph):
    """A docstring on each module; a package's ``__init__`` is its docstring only, so importing
    a package has no effects (and the lineage cache key, which follows module files, misses nothing)."""
    for module, path in graph.files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path}: no module docstring"
        if path.name == "__init__.py" and module and not module.startswith("website.pages"):
            assert len(tree.body) == 1, f"{path}: a layer package's __init__ holds its docstring only"


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_an_upward_sideways_or_lazy_import_is_reported(tmp_path):
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/model.py": "def f():\n    from ..website import views\n",  # lazy, upwards
            "lineage/__init__.py": "",
            "lineage/link.py": "from ..figures.indicators import X\n",  # sideways
            "figures/__init__.py": "",
            "figures/indicators.py": "X = 1\n",
            "website/__init__.py": "",
            "website/views.py": "from ..core.model import f\n",  # downwards: fine
            "loose.py": "",
        },
    )
    found = violations(read_graph(root))
    assert "core.model imports website.views: website is above core" in found
    assert "lineage.link imports figures.indicators: lineage and figures are sibling layers" in found
    assert "loose: not in a layer package (core, ingest, language, lineage, figures, website, publish)" in found
    assert not any(line.startswith("website.views") for line in found)


def test_a_cycle_within_a_layer_is_reported(tmp_path):
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "website/__init__.py": "",
            "website/a.py": "from . import b\n",
            "website/b.py": "import importlib\nc = importlib.import_module('pkg.website.c')\n",
            "website/c.py": "from .a import thing\n",
        },
    )
    graph = read_graph(root)
    assert graph.imports["website.b"] == frozenset({"website.c"})  # importlib with a literal name counts
    assert cycles(graph) == [["website.a", "website.b", "website.c"]]
