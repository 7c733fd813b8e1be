"""The import graph of ``build_scripts``, read from the source: for the layer test, and for
maintainers (``python tests/importgraph.py`` prints modules per layer, their imports and any
cycle).

Every import counts, at any depth of the module (a function's lazy import too), relative or
absolute, and ``importlib.import_module("build_scripts.…")`` with a literal name; ``from pkg
import name`` counts as an import of ``pkg.name`` when that is a module, else of ``pkg``.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "build_scripts"
# The pipeline, bottom to top. A module may import its own layer and the layers below it;
# lineage and figures are siblings (neither imports the other).
LAYERS = ("core", "ingest", "language", "lineage", "figures", "website", "publish")
SIBLINGS = {frozenset({"lineage", "figures"})}
TOP = "__main__"  # the command line: above every layer


@dataclass(frozen=True)
class Graph:
    modules: tuple[str, ...]  # dotted names, without the package prefix ("site.pages.plans")
    imports: dict[str, frozenset[str]]  # module → the package's modules it imports
    files: dict[str, Path]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def read_graph(root: Path) -> Graph:
    """The graph of the package whose folder is ``root`` (its name need not be build_scripts)."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    imports: dict[str, frozenset[str]] = {}
    for name, path in files.items():
        found: set[str] = set()
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        if name == "":
            here = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(node, here, root.name):
                while target and target not in files:  # from pkg.mod import Symbol → pkg.mod
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.add(target)
        imports[name] = frozenset(found)
    return Graph(tuple(files), imports, files)


def _targets(node: ast.AST, here: list[str], package: str) -> list[str]:
    """Dotted names (without the package prefix) an import statement may name."""
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = here[: len(here) - (node.level - 1)]
            module = ".".join(base + ([node.module] if node.module else []))
        elif node.module and (node.module == package or node.module.startswith(package + ".")):
            module = node.module[len(package) + 1 :]
        else:
            return []
        return [f"{module}.{alias.name}".strip(".") for alias in node.names]
    if isinstance(node, ast.Import):
        return [a.name[len(package) + 1 :] for a in node.names if a.name.startswith(package + ".")]
    if (  # importlib.import_module("build_scripts.x"): a module imported by name
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "import_module"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and node.args[0].value.startswith(package + ".")
    ):
        return [node.args[0].value[len(package) + 1 :]]
    return []


def layer_of(module: str) -> str:
    return module.split(".")[0] if module else ""


def violations(graph: Graph) -> list[str]:
    """Every import that goes up or sideways between layers, and every module outside a layer."""
    found = []
    for module in graph.modules:
        layer = layer_of(module)
        if module in ("", TOP):
            continue
        if layer not in LAYERS:
            found.append(f"{module}: not in a layer package ({', '.join(LAYERS)})")
            continue
        for target in sorted(graph.imports[module]):
            other = layer_of(target)
            if other == TOP or other == "":
                found.append(
                    f"{module} imports {target or 'the package'}: nothing imports the command line or the package root"
                )
            elif other not in LAYERS:
                continue  # reported as not in a layer
            elif frozenset({layer, other}) in SIBLINGS:
                found.append(f"{module} imports {target}: {layer} and {other} are sibling layers")
            elif LAYERS.index(other) > LAYERS.index(layer):
                found.append(f"{module} imports {target}: {other} is above {layer}")
    return found


def cycles(graph: Graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.imports[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph.modules:
        if v not in index:
            visit(v)
    return found


def report(graph: Graph) -> str:
    """Modules per layer with what each imports, then cycles and violations."""
    by_layer: dict[str, list[str]] = defaultdict(list)
    for module in graph.modules:
        by_layer[layer_of(module) if layer_of(module) in LAYERS else "(package)"].append(module)
    lines = []
    for layer in (*LAYERS, "(package)"):
        lines.append(f"{layer}: {len(by_layer[layer])} modules")
        for module in by_layer[layer]:
            lines.append(f"  {module or PACKAGE} -> {', '.join(sorted(graph.imports[module])) or '-'}")
    lines.append(f"cycles: {cycles(graph) or 'none'}")
    lines.append(f"layer violations: {violations(graph) or 'none'}")
    return "\n".join(lines)


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / PACKAGE
    print(report(read_graph(root)))
