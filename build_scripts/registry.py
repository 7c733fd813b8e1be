"""Stage 0: read the plan registry ``data/plans.yaml`` and validate it against its schema.

The registry says which documents exist, what they are (title, kind, period, issuer,
document number, date) and which parsing profile reads each. Validation reports every
problem at once with its line and field, like a compiler, before anything is parsed.
Adding a plan of a known shape is a text file plus an entry here; no code changes.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from .errors import DataError, Problem, display_path
from .model import Numbering, ParagraphBreak, PlanKind, PlanMeta, Profile

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*$")


@dataclass(frozen=True)
class Field:
    """One field of a schema: its name, expected type and whether it is required."""

    name: str
    kind: str  # "str", "int", "date", "list[int]", "list[str]", "period", "enum"
    required: bool = True
    nullable: bool = False
    choices: tuple[str, ...] = ()


PROFILE_SCHEMA = (
    Field("paragraph_break", "enum", choices=tuple(ParagraphBreak)),
    Field("levels", "list[enum]", choices=tuple(Numbering)),
    Field("page_level", "enum", choices=tuple(Numbering)),
)

PLAN_SCHEMA = (
    Field("id", "str"),
    Field("title", "str"),
    Field("short_name", "str"),
    Field("kind", "enum", choices=tuple(PlanKind)),
    Field("period", "period"),
    Field("issuer", "str", required=False, nullable=True),
    Field("doc_number", "str", required=False, nullable=True),
    Field("issue_date", "date", required=False, nullable=True),
    Field("source", "str"),
    Field("profile", "str"),
    Field("task_sections", "list[int]"),
    Field("safeguard_sections", "list[int]", required=False),
)


class _Checker:
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


def describe(node: yaml.Node | None, checker: _Checker) -> str:
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


CHECKS: dict[str, Callable[[Any, Field], str]] = {
    "str": _check_str,
    "int": _check_int,
    "date": _check_date,
    "enum": _check_enum,
    "list[enum]": _check_list_enum,
    "list[int]": _check_list_int,
    "period": _check_period,
}


def load_registry(path: Path) -> tuple[PlanMeta, ...]:
    """Load and validate the registry; raise :class:`DataError` listing every problem."""
    shown = display_path(path)
    if not path.exists():
        raise DataError([Problem(shown, None, "the plan registry is missing")])
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise DataError([Problem(shown, line, f"not valid YAML: {getattr(exc, 'problem', exc)}")]) from None
    checker = _Checker(shown)
    top = checker.mapping(root, "plans.yaml") or {}
    for key in top:
        if key not in ("profiles", "plans"):
            checker.problem(top[key], key, "unknown top-level key; expected `profiles` and `plans`")
    profiles = _profiles(checker, top.get("profiles"))
    plans = _plans(checker, top.get("plans"), profiles)
    if checker.problems:
        raise DataError(sorted(checker.problems, key=lambda p: p.line or 0))
    return tuple(sorted(plans, key=chronological_key))


def chronological_key(meta: PlanMeta) -> tuple[int, int, str]:
    """Plans in order of their periods: an annual document inside a five-year period
    sorts after the plan whose period started earlier and before the next one."""
    return (meta.start_year, meta.end_year, meta.id)


def _profiles(checker: _Checker, node: yaml.Node | None) -> dict[str, Profile]:
    if node is None:
        checker.problem(None, "profiles", "missing; expected a mapping of parsing profiles")
        return {}
    nodes = checker.mapping(node, "profiles") or {}
    profiles: dict[str, Profile] = {}
    for name, profile_node in nodes.items():
        values = checker.fields(profile_node, f"profiles.{name}", PROFILE_SCHEMA)
        if len(values) != len(PROFILE_SCHEMA):
            continue
        levels = tuple(Numbering(v) for v in values["levels"])
        if values["page_level"] not in levels:
            checker.problem(profile_node, f"profiles.{name}.page_level", "expected one of the profile's levels")
            continue
        order = list(Numbering)
        if [order.index(level) for level in levels] != sorted(order.index(level) for level in levels):
            checker.problem(profile_node, f"profiles.{name}.levels",
                            f"expected levels in nesting order ({', '.join(order)})")
            continue
        profiles[name] = Profile(name, ParagraphBreak(values["paragraph_break"]), levels,
                                 Numbering(values["page_level"]))
    return profiles


def _plans(checker: _Checker, node: yaml.Node | None, profiles: dict[str, Profile]) -> list[PlanMeta]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        checker.problem(node, "plans", "expected a non-empty list of plan entries")
        return []
    plans: list[PlanMeta] = []
    seen_ids: dict[str, int] = {}
    seen_sources: dict[str, int] = {}
    for index, entry in enumerate(node.value):
        where = f"plans[{index}]"
        values = checker.fields(entry, where, PLAN_SCHEMA)
        line = entry.start_mark.line + 1
        plan_id = values.get("id")
        if plan_id is not None:
            if not ID_PATTERN.match(plan_id):
                checker.problem(entry, f"{where}.id", f"expected lowercase letters and digits, found {plan_id!r}")
                values.pop("id")
            elif plan_id in seen_ids:
                checker.problem(entry, f"{where}.id", f"duplicate id {plan_id!r} (first at line {seen_ids[plan_id]})")
            seen_ids.setdefault(plan_id, line)
        source = values.get("source")
        if source is not None:
            if source in seen_sources:
                checker.problem(entry, f"{where}.source",
                                f"{source} is already used by the entry at line {seen_sources[source]}")
            seen_sources.setdefault(source, line)
        if "profile" in values and values["profile"] not in profiles:
            checker.problem(entry, f"{where}.profile",
                            f"unknown profile {values['profile']!r}; expected one of {', '.join(sorted(profiles))}")
            values.pop("profile")
        overlap = set(values.get("task_sections") or ()) & set(values.get("safeguard_sections") or ())
        if overlap:
            checker.problem(entry, where, f"sections {sorted(overlap)} are both task and safeguard sections")
        required = {f.name for f in PLAN_SCHEMA if f.required}
        if required <= values.keys():
            plans.append(_meta(values, profiles, line))
    return plans


def _meta(values: dict[str, Any], profiles: dict[str, Profile], line: int) -> PlanMeta:
    issue_date = values.get("issue_date")
    return PlanMeta(
        id=values["id"],
        title=values["title"],
        short_name=values["short_name"],
        kind=PlanKind(values["kind"]),
        start_year=values["period"]["start"],
        end_year=values["period"]["end"],
        issuer=values.get("issuer"),
        doc_number=values.get("doc_number"),
        issue_date=issue_date.isoformat() if issue_date else None,
        source=values["source"],
        profile=profiles[values["profile"]],
        task_sections=tuple(values["task_sections"]),
        safeguard_sections=tuple(values.get("safeguard_sections") or ()),
        line=line,
    )
