"""Read the plan registry ``data/plans.yaml`` and validate it against its schema.

The registry says which documents exist, what they are (title, kind, period, issuer,
document number, date) and which parsing profile reads each. Validation reports every
problem at once with its line and field, like a compiler, before anything is parsed.
Adding a plan of a known shape is a text file plus an entry here; no code changes.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import yaml

from ..core.errors import DataError, display_path
from ..core.model import Numbering, ParagraphBreak, PlanKind, PlanMeta, Profile, RecordedFact
from ..core.schema import Checker, Field, compose, field_node
from .sources import SOURCE_SUFFIX

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*$")

PROFILE_SCHEMA = (
    Field("paragraph_break", "enum", choices=tuple(ParagraphBreak)),
    Field("levels", "list[enum]", choices=tuple(Numbering)),
    Field("page_level", "enum", choices=tuple(Numbering)),
)

# A fact the text does not state, from outside it: its value and where it comes from.
FACT_SCHEMA = (Field("value", "str"), Field("source", "str"), Field("retrieved", "date", required=False))
FACT_FIELDS = ("issuer", "doc_number", "issue_date", "official_url")
RECORDED_SCHEMA = tuple(Field(name, "mapping", required=False, fields=FACT_SCHEMA) for name in FACT_FIELDS)

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
    Field("tasks", "count"),
    Field("recorded", "mapping", required=False, fields=RECORDED_SCHEMA),
    Field("series", "str", required=False),
)


def load_registry(path: Path) -> tuple[PlanMeta, ...]:
    """Load and validate the registry; raise :class:`DataError` listing every problem."""
    root = compose(path)
    checker = Checker(display_path(path))
    top = checker.root(root, "plans.yaml")
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


def _profiles(checker: Checker, node: yaml.Node | None) -> dict[str, Profile]:
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
            checker.problem(
                profile_node, f"profiles.{name}.levels", f"expected levels in nesting order ({', '.join(order)})"
            )
            continue
        profiles[name] = Profile(
            name, ParagraphBreak(values["paragraph_break"]), levels, Numbering(values["page_level"])
        )
    return profiles


def _plans(checker: Checker, node: yaml.Node | None, profiles: dict[str, Profile]) -> list[PlanMeta]:
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
                checker.problem(
                    field_node(entry, "id"),
                    f"{where}.id",
                    f"duplicate id {plan_id!r} (first at line {seen_ids[plan_id]})",
                )
            seen_ids.setdefault(plan_id, line)
        source = values.get("source")
        if source is not None and not is_bare_name(source):
            checker.problem(
                field_node(entry, "source"),
                f"{where}.source",
                f"expected the name of a .txt file directly inside data/sources/ (no directory, "
                f'no "..", not absolute), found {quoted(source)}',
            )
            values.pop("source")
            source = None
        if source is not None:
            if source in seen_sources:
                checker.problem(
                    field_node(entry, "source"),
                    f"{where}.source",
                    f"{source} is already used by the entry at line {seen_sources[source]}",
                )
            seen_sources.setdefault(source, line)
        if "profile" in values and values["profile"] not in profiles:
            checker.problem(
                field_node(entry, "profile"),
                f"{where}.profile",
                f"unknown profile {values['profile']!r}; expected one of {', '.join(sorted(profiles))}",
            )
            values.pop("profile")
        _check_recorded(checker, entry, where, values)
        overlap = set(values.get("task_sections") or ()) & set(values.get("safeguard_sections") or ())
        if overlap:
            checker.problem(
                field_node(entry, "safeguard_sections"),
                where,
                f"sections {sorted(overlap)} are both task and safeguard sections",
            )
        required = {f.name for f in PLAN_SCHEMA if f.required}
        if required <= values.keys():
            plans.append(_meta(values, profiles, line, _field_lines(entry), checker.file))
    return plans


def _check_recorded(checker: Checker, entry: yaml.Node, where: str, values: dict[str, Any]) -> None:
    """A recorded fact is for what the text does not state: not beside the same field stated
    from the text; a date is a date and an address a web address."""
    recorded = values.get("recorded") or {}
    node = field_node(entry, "recorded")
    for name, fact in list(recorded.items()):
        here = field_node(node, name)
        if values.get(name) is not None:
            checker.problem(
                here,
                f"{where}.recorded.{name}",
                f"the text states {name} ({values[name]}); record only what it does not",
            )
            recorded.pop(name)
        elif name == "issue_date" and not _is_date(fact["value"]):
            checker.problem(
                here, f"{where}.recorded.issue_date", f"expected a date YYYY-MM-DD, found {quoted(fact['value'])}"
            )
            recorded.pop(name)
        elif name == "official_url" and not re.match(r"^https?://\S+$", fact["value"]):
            checker.problem(
                here, f"{where}.recorded.official_url", f"expected an http(s) address, found {quoted(fact['value'])}"
            )
            recorded.pop(name)


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_bare_name(name: str) -> bool:
    """A file name directly inside ``data/sources/``: no separator, not ``.``/``..``, a ``.txt`` suffix
    (only those are read as sources), and nothing a file system would read as a path or drive."""
    return (
        name == name.strip()
        and name.endswith(SOURCE_SUFFIX)
        and len(name) > len(SOURCE_SUFFIX)
        and not any(ch in name for ch in "/\\\0:")
        and name not in (".", "..")
        and PurePosixPath(name).name == name
        and PureWindowsPath(name).name == name
    )


def quoted(value: str) -> str:
    """A value as a message shows it: in double quotes, special characters escaped."""
    return json.dumps(value, ensure_ascii=False)


def _field_lines(entry: yaml.Node) -> tuple[tuple[str, int], ...]:
    """Each field of a registry entry and the line of its name (a list's items follow it)."""
    return tuple(
        (key.value, key.start_mark.line + 1)
        for key, _ in getattr(entry, "value", ())
        if isinstance(key, yaml.ScalarNode)
    )


def _meta(
    values: dict[str, Any], profiles: dict[str, Profile], line: int, lines: tuple[tuple[str, int], ...], registry: str
) -> PlanMeta:
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
        tasks=values["tasks"],
        registry=registry,
        series=values.get("series") or "",
        field_lines=lines,
        recorded=tuple(
            RecordedFact(
                name, fact["value"], fact["source"], fact["retrieved"].isoformat() if fact.get("retrieved") else None
            )
            for name, fact in (values.get("recorded") or {}).items()
        ),
    )
