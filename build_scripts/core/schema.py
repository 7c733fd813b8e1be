"""Schema checks for the hand-edited YAML files (registry, terms, concepts, indicators,
curated links, the linker's settings).

The YAML is *composed* (not just loaded) so every node keeps its line; a checker walks
it, collects every problem as ``file:line: field: expected …, found …`` and the caller
raises one :class:`~build_scripts.core.errors.DataError` with all of them.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

from .errors import DataError, Problem, display_path


@dataclass(frozen=True)
class Field:
    """One field of a schema: its name, expected type and whether it is required.

    ``low``/``high`` bound a number or integer (inclusive); ``fields`` is the schema of a
    nested mapping (kind ``mapping``), checked field by field at the nested lines. A field
    with ``by`` belongs to some variants of an entry only, chosen by the value of the field
    ``by`` names (an entry's ``decision``): it is required where that value is in
    ``needed_for``, allowed where it is in ``allowed_for`` and not a field elsewhere.
    """

    name: str
    kind: str  # a key of CHECKS
    required: bool = True
    nullable: bool = False
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    fields: tuple[Field, ...] = ()
    by: str = ""
    needed_for: tuple[str, ...] = ()
    allowed_for: tuple[str, ...] = ()


def _expected(spec: Field) -> str:
    """What a missing field should hold, as a maintainer reads it (not the checker's kind)."""
    if spec.kind == "enum":
        return "one of " + ", ".join(spec.choices)
    return spec.kind


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # ids used in URLs: lowercase ASCII words and hyphens


def field_node(entry: yaml.Node, name: str) -> yaml.Node:
    """The value node of field ``name`` of a mapping node (the entry itself if absent): a
    problem with one field is reported at that field's line, as the checker's own are."""
    for key, value in getattr(entry, "value", ()):
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return cast(yaml.Node, value)  # a mapping node's values are nodes
    return entry


class Checker:
    """Walks the composed YAML (which keeps line numbers) and collects problems."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self._loader = yaml.SafeLoader("")

    def problem(self, node: yaml.Node | None, where: str, message: str) -> None:
        """A problem at the line of ``node``; ``where`` is the field's path ("" for the file's
        top level, where the message stands alone)."""
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.file, line, f"{where}: {message}" if where else message))

    def value(self, node: yaml.Node) -> Any:
        return self._loader.construct_object(node, deep=True)

    def mapping(self, node: yaml.Node | None, where: str) -> dict[str, yaml.Node] | None:
        """The fields of a mapping node by key (:func:`compose` has refused duplicate keys)."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, f"expected a mapping, found {describe(node, self)}")
            return None
        return {str(self.value(key_node)): value_node for key_node, value_node in node.value}

    def root(self, node: yaml.Node | None, name: str) -> dict[str, yaml.Node]:
        """The top-level mapping of a file. Anything else is the one problem reported (nothing
        under it can be read, so every further message would follow from it)."""
        top = self.mapping(node, name)
        if top is None:
            raise DataError(self.problems[-1:])
        return top

    def fields(self, node: yaml.Node, where: str, schema: tuple[Field, ...]) -> dict[str, Any]:
        """Check a mapping against a schema; return the values of the fields that are valid.

        ``where`` is the mapping's path ("" for a file's top level). Fields that depend on
        another field's value (:attr:`Field.by`) are checked once that value is known valid;
        a field that is not one of that variant's is reported, not checked further."""
        nodes = self.mapping(node, where)
        if nodes is None:
            return {}
        known = {f.name for f in schema}
        for key, value_node in nodes.items():
            if key not in known:
                self.problem(
                    value_node, _path(where, key), f"unknown field; expected one of {', '.join(sorted(known))}"
                )
        values: dict[str, Any] = {}
        for spec in sorted(schema, key=lambda f: bool(f.by)):  # the fields that choose a variant first
            if spec.by:
                tag = values.get(spec.by)
                if tag is None:
                    continue  # no valid value to choose by: reported where it is
                if spec.name in nodes and tag not in spec.needed_for + spec.allowed_for:
                    fits = sorted(f.name for f in schema if not f.by or tag in f.needed_for + f.allowed_for)
                    self.problem(
                        nodes[spec.name],
                        _path(where, spec.name),
                        f"not a field of {spec.by} {tag}; expected one of {', '.join(fits)}",
                    )
                    continue
                if spec.name not in nodes:
                    if tag in spec.needed_for:
                        self.problem(
                            node, where, f"missing required field {spec.name!r} ({_expected(spec)}) for {spec.by} {tag}"
                        )
                    continue
            elif spec.name not in nodes:
                if spec.required:
                    self.problem(node, where, f"missing required field {spec.name!r} ({_expected(spec)})")
                continue
            ok, value = self.field(nodes[spec.name], _path(where, spec.name), spec)
            if ok:
                values[spec.name] = value
        return values

    def entries(
        self, node: yaml.Node | None, root: yaml.Node | None, name: str, schema: tuple[Field, ...]
    ) -> list[tuple[yaml.Node, dict[str, Any]]]:
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
                self.problem(
                    entry, f"{where}.id", f"expected lowercase ASCII words joined by hyphens, found {values['id']!r}"
                )
                continue
            out.append((entry, values))
        return out

    def field(self, node: yaml.Node, where: str, spec: Field) -> tuple[bool, Any]:
        if spec.kind == "period":
            return self.period(node, where)
        if spec.kind == "mapping" and spec.fields:
            problems = len(self.problems)
            values = self.fields(node, where, spec.fields)
            return len(self.problems) == problems, values
        if spec.kind == "list[str]":
            return self.strings(node, where)
        value = self.value(node)
        if value is None and spec.nullable:
            return True, None
        check = CHECKS[spec.kind]
        message = check(value, spec)
        if message:
            self.problem(node, where, f"{message}, found {describe(node, self)}")
            return False, None
        return True, value

    def strings(self, node: yaml.Node, where: str) -> tuple[bool, Any]:
        """A list of distinct non-empty strings; a bad or repeated item is reported at its line."""
        expected = "expected a list of distinct non-empty strings"
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, where, f"{expected}, found {describe(node, self)}")
            return False, None
        problems = len(self.problems)
        first: dict[str, int] = {}
        out = []
        for index, item in enumerate(node.value):
            value = self.value(item)
            if _check_str(value, Field("", "str")):
                self.problem(item, f"{where}[{index}]", f"expected a non-empty string, found {describe(item, self)}")
            elif value in first:
                self.problem(
                    item, where, f"{expected}, found {describe(item, self)} twice (first at line {first[value]})"
                )
            else:
                first[value] = item.start_mark.line + 1
                out.append(value)
        return len(self.problems) == problems, out

    def period(self, node: yaml.Node, where: str) -> tuple[bool, Any]:
        """``{start: YEAR, end: YEAR}``, each year checked on its own line and path."""
        problems = len(self.problems)
        values = self.fields(node, where, PERIOD_SCHEMA)
        if len(self.problems) > problems or len(values) != 2:
            return False, None
        if values["start"] > values["end"]:
            self.problem(node, where, f"expected start <= end, found start {values['start']} and end {values['end']}")
            return False, None
        return True, values


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def describe(node: yaml.Node | None, checker: Checker) -> str:
    """A value as messages show it, with its type: the string "2006", the integer 5, a list."""
    if node is None:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return describe_value(checker.value(node))


def describe_value(value: Any) -> str:
    """:func:`describe` for a value already built."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"the date {value.isoformat()}"
    return f"{type(value).__name__} {value!r}"


def _check_str(value: Any, spec: Field) -> str:
    return "" if isinstance(value, str) and value.strip() else "expected a non-empty string"


def _bounds(spec: Field) -> str:
    """`` from 0 to 1``, `` of at least 0``, `` of at most 5`` or nothing: a field's bounds as
    messages say them."""
    if spec.low is not None and spec.high is not None:
        return f" from {spec.low:g} to {spec.high:g}"
    if spec.low is not None:
        return f" of at least {spec.low:g}"
    if spec.high is not None:
        return f" of at most {spec.high:g}"
    return ""


def _in_bounds(value: float, spec: Field) -> bool:
    return (spec.low is None or value >= spec.low) and (spec.high is None or value <= spec.high)


def _check_int(value: Any, spec: Field) -> str:
    ok = isinstance(value, int) and not isinstance(value, bool) and _in_bounds(value, spec)
    return "" if ok else f"expected an integer{_bounds(spec)}"


def _check_count(value: Any, spec: Field) -> str:
    return "" if isinstance(value, int) and not isinstance(value, bool) and value > 0 else "expected a positive integer"


def _check_number(value: Any, spec: Field) -> str:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and _in_bounds(value, spec)
    return "" if ok else f"expected a number{_bounds(spec)}"


def _check_date(value: Any, spec: Field) -> str:
    return "" if isinstance(value, datetime.date) else "expected a date (YYYY-MM-DD)"


def _check_enum(value: Any, spec: Field) -> str:
    return "" if value in spec.choices else f"expected one of {', '.join(spec.choices)}"


def _check_list_enum(value: Any, spec: Field) -> str:
    ok = isinstance(value, list) and value and all(v in spec.choices for v in value)
    return (
        ""
        if ok and len(set(value)) == len(value)
        else (f"expected a non-empty list of distinct values from {', '.join(spec.choices)}")
    )


def _check_list_int(value: Any, spec: Field) -> str:
    ok = isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
    return "" if ok and len(set(value)) == len(value) else "expected a list of distinct positive integers"


def _check_year(value: Any, spec: Field) -> str:
    ok = isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999
    return "" if ok else "expected a year (integer)"


PERIOD_SCHEMA = (Field("start", "year"), Field("end", "year"))


def _check_bool(value: Any, spec: Field) -> str:
    return "" if isinstance(value, bool) else "expected true or false"


def _check_mapping(value: Any, spec: Field) -> str:
    return "" if isinstance(value, dict) else "expected a mapping"


CHECKS: dict[str, Callable[[Any, Field], str]] = {
    "bool": _check_bool,
    "list[str]": lambda value, spec: "",  # Checker.strings checks each item at its line
    "str": _check_str,
    "int": _check_int,
    "count": _check_count,
    "number": _check_number,
    "date": _check_date,
    "enum": _check_enum,
    "list[enum]": _check_list_enum,
    "list[int]": _check_list_int,
    "year": _check_year,
    "mapping": _check_mapping,  # with Field.fields, checked field by field (Checker.fields)
    "list": lambda value, spec: "" if isinstance(value, list) else "expected a list",  # entries checked apart
}


# LibYAML's parser where PyYAML was built with it (the wheels are): the same nodes, lines
# and errors, several times faster on the 200-term dictionary than the pure-Python one.
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The one way every data file is read (plans, terms, concepts, indicators, links, lineage
# settings, the manifest): composed into nodes that keep their lines, then held to plain
# YAML — the tags below only, no duplicate key in any mapping — before any value is built.
# A syntax error, a tag such as !!python/object or a duplicate key is a problem at
# file:line, never a traceback, and never runs or silently drops anything.
CORE = "tag:yaml.org,2002:"
PLAIN_TAGS = {CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
MERGE_TAG = CORE + "merge"


def compose(path: Path) -> yaml.Node | None:
    """Compose a YAML file (nodes keep their lines); raise :class:`DataError` listing every
    syntax error, disallowed tag and duplicate key with its line."""
    shown = display_path(path)
    if not path.exists():
        raise DataError([Problem(shown, None, "the file is missing")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            [
                Problem(
                    shown,
                    raw.count(b"\n", 0, exc.start) + 1,
                    f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); expected a UTF-8 YAML file",
                )
            ]
        ) from None
    try:
        root = yaml.compose(text, Loader=FastLoader)
    except yaml.YAMLError as exc:
        raise _syntax_error(path, exc) from None
    problems = plain_yaml_problems(root, shown)
    if problems:
        raise DataError(problems)
    return root


def plain_yaml_problems(root: yaml.Node | None, file: str) -> list[Problem]:
    """Every node whose tag is not plain YAML, every duplicate key, in line order."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: the node was checked where its anchor is
            continue
        seen.add(id(node))
        line = node.start_mark.line + 1
        if node.tag not in PLAIN_TAGS:
            problems.append(
                Problem(
                    file,
                    line,
                    f"the tag {_shown_tag(node.tag)} is not allowed; expected plain "
                    "YAML values (strings, numbers, dates, true/false, lists, mappings)",
                )
            )
            continue
        if isinstance(node, yaml.MappingNode):
            keys: dict[tuple[str, str], int] = {}
            for key, value in node.value:
                if key.tag == MERGE_TAG:
                    problems.append(
                        Problem(
                            file,
                            key.start_mark.line + 1,
                            "the merge key << is not allowed; expected every field written out",
                        )
                    )
                    continue
                if isinstance(key, yaml.ScalarNode):
                    ident = (key.tag, key.value)
                    if ident in keys:
                        problems.append(
                            Problem(
                                file,
                                key.start_mark.line + 1,
                                f"duplicate key {json.dumps(key.value, ensure_ascii=False)} "
                                f"(first at line {keys[ident]}); expected each key once per mapping",
                            )
                        )
                    else:
                        keys[ident] = key.start_mark.line + 1
                elif key.tag in PLAIN_TAGS:
                    problems.append(
                        Problem(
                            file,
                            key.start_mark.line + 1,
                            "a list or mapping as a key is not allowed; expected a plain key",
                        )
                    )
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return sorted(problems, key=lambda p: p.line or 0)


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag


class LineLoader(yaml.SafeLoader):
    """Builds the values of composed nodes and records the 1-based line of every mapping as
    ``__line__``."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict[object, object]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> object:
    """Plain YAML values with ``__line__`` in every mapping (the site's table of the linker's
    settings, in file order), read through :func:`compose`."""
    return with_lines(compose(path))


def with_lines(root: yaml.Node | None) -> object:
    """:func:`load_yaml` of a file already composed (a build composes each file once)."""
    return None if root is None else LineLoader("").construct_document(root)


def load_plain(path: Path) -> object:
    """Plain YAML values (no ``__line__``), read through :func:`compose` (the manifest)."""
    root = compose(path)
    return None if root is None else yaml.SafeLoader("").construct_document(root)


def _syntax_error(path: Path, exc: yaml.YAMLError) -> DataError:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark else None
    return DataError([Problem(display_path(path), line, f"not valid YAML: {getattr(exc, 'problem', None) or exc}")])
