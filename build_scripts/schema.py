"""Schema checks for the hand-edited YAML files (registry, terms, curated links).

The YAML is *composed* (not just loaded) so every node keeps its line; a checker walks
it, collects every problem as ``file:line: field: expected …, found …`` and the caller
raises one :class:`~build_scripts.errors.DataError` with all of them.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from .errors import DataError, Problem, display_path


@dataclass(frozen=True)
class Field:
    """One field of a schema: its name, expected type and whether it is required."""

    name: str
    kind: str  # a key of CHECKS
    required: bool = True
    nullable: bool = False
    choices: tuple[str, ...] = ()


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # ids used in URLs: lowercase ASCII words and hyphens


class Checker:
    """Walks the composed YAML (which keeps line numbers) and collects problems."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self._loader = yaml.SafeLoader("")

    def problem(self, node: yaml.Node | None, where: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.file, line, f"{where}: {message}"))

    def value(self, node: yaml.Node) -> Any:
        return self._loader.construct_object(node, deep=True)

    def mapping(self, node: yaml.Node | None, where: str) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, f"expected a mapping, found {describe(node, self)}")
            return None
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.value(key_node)
            if key in out:
                self.problem(key_node, where, f"duplicate key {key!r}")
            out[str(key)] = value_node
        return out

    def fields(self, node: yaml.Node, where: str, schema: tuple[Field, ...]) -> dict[str, Any]:
        """Check a mapping against a schema; return the values of the fields that are valid."""
        nodes = self.mapping(node, where)
        if nodes is None:
            return {}
        known = {f.name for f in schema}
        for key, value_node in nodes.items():
            if key not in known:
                self.problem(value_node, f"{where}.{key}", f"unknown field; expected one of {', '.join(sorted(known))}")
        values: dict[str, Any] = {}
        for spec in schema:
            if spec.name not in nodes:
                if spec.required:
                    self.problem(node, where, f"missing required field {spec.name!r} ({spec.kind})")
                continue
            ok, value = self.field(nodes[spec.name], f"{where}.{spec.name}", spec)
            if ok:
                values[spec.name] = value
        return values

    def entries(self, node: yaml.Node | None, root: yaml.Node | None, name: str,
                schema: tuple[Field, ...]) -> list[tuple[yaml.Node, dict[str, Any]]]:
        """The entries of a list of mappings with their valid values; an entry whose ``id``
        is not a slug is reported and left out."""
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node or root, name, f"expected a list of {name} entries")
            return []
        out = []
        for index, entry in enumerate(node.value):
            where = f"{name}[{index}]"
            values = self.fields(entry, where, schema)
            if "id" in values and not SLUG.match(values["id"]):
                self.problem(entry, f"{where}.id", f"expected lowercase ASCII words joined by hyphens, "
                             f"found {values['id']!r}")
                continue
            out.append((entry, values))
        return out

    def field(self, node: yaml.Node, where: str, spec: Field) -> tuple[bool, Any]:
        value = self.value(node)
        if value is None and spec.nullable:
            return True, None
        check = CHECKS[spec.kind]
        message = check(value, spec)
        if message:
            self.problem(node, where, f"{message}, found {describe(node, self)}")
            return False, None
        return True, value


def describe(node: yaml.Node | None, checker: Checker) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = checker.value(node)
    return f"{type(value).__name__} {value!r}" if value is not None else "null"


def _check_str(value: Any, spec: Field) -> str:
    return "" if isinstance(value, str) and value.strip() else "expected a non-empty string"


def _check_int(value: Any, spec: Field) -> str:
    return "" if isinstance(value, int) and not isinstance(value, bool) else "expected an integer"


def _check_count(value: Any, spec: Field) -> str:
    return "" if isinstance(value, int) and not isinstance(value, bool) and value > 0 else "expected a positive integer"


def _check_number(value: Any, spec: Field) -> str:
    return "" if isinstance(value, (int, float)) and not isinstance(value, bool) else "expected a number"


def _check_date(value: Any, spec: Field) -> str:
    return "" if isinstance(value, datetime.date) else "expected a date (YYYY-MM-DD)"


def _check_enum(value: Any, spec: Field) -> str:
    return "" if value in spec.choices else f"expected one of {', '.join(spec.choices)}"


def _check_list_enum(value: Any, spec: Field) -> str:
    ok = isinstance(value, list) and value and all(v in spec.choices for v in value)
    return "" if ok and len(set(value)) == len(value) else (
        f"expected a non-empty list of distinct values from {', '.join(spec.choices)}")


def _check_list_int(value: Any, spec: Field) -> str:
    ok = isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
    return "" if ok and len(set(value)) == len(value) else "expected a list of distinct positive integers"


def _check_period(value: Any, spec: Field) -> str:
    ok = (isinstance(value, dict) and set(value) == {"start", "end"}
          and all(isinstance(value[k], int) and not isinstance(value[k], bool) for k in ("start", "end")))
    if not ok:
        return "expected {start: YEAR, end: YEAR}"
    return "" if value["start"] <= value["end"] else "expected start <= end"


def _check_bool(value: Any, spec: Field) -> str:
    return "" if isinstance(value, bool) else "expected true or false"


def _check_list_str(value: Any, spec: Field) -> str:
    ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    return "" if ok and len(set(value)) == len(value) else "expected a list of distinct non-empty strings"


CHECKS: dict[str, Callable[[Any, Field], str]] = {
    "bool": _check_bool,
    "list[str]": _check_list_str,
    "str": _check_str,
    "int": _check_int,
    "count": _check_count,
    "number": _check_number,
    "date": _check_date,
    "enum": _check_enum,
    "list[enum]": _check_list_enum,
    "list[int]": _check_list_int,
    "period": _check_period,
}




# LibYAML's parser where PyYAML was built with it (the wheels are): the same nodes, lines
# and errors, several times faster on the 200-term dictionary than the pure-Python one.
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(path: Path) -> yaml.Node | None:
    """Compose a YAML file (nodes keep their lines), a syntax error as a located problem."""
    if not path.exists():
        raise DataError([Problem(display_path(path), None, "the file is missing")])
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=FastLoader)
    except yaml.YAMLError as exc:
        raise _syntax_error(path, exc) from None


class LineLoader(FastLoader):
    """A YAML loader that records the 1-based line of every mapping as ``__line__``."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> object:
    """Plain YAML values with ``__line__`` in every mapping (for the linker's settings and
    curated links, which check their values by hand); a syntax error is a located problem."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)
    except yaml.YAMLError as exc:
        raise _syntax_error(path, exc) from None


def _syntax_error(path: Path, exc: yaml.YAMLError) -> DataError:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark else None
    return DataError([Problem(display_path(path), line, f"not valid YAML: {getattr(exc, 'problem', None) or exc}")])
