"""The linker's tunables: ``data/lineage.yaml`` read into a :class:`Settings` record.

Pipeline place: the first step of the lineage layer. :func:`load_settings` checks the file
against :data:`SETTINGS_SCHEMA` through :class:`~build_scripts.core.schema.Checker` (every
problem at once, at its line); ``index`` and ``selection`` read the record, ``build`` and
``website.load`` load it, and ``cache`` keys its result on the file's bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.errors import DataError, display_path
from ..core.schema import Checker, Field, compose


@dataclass(frozen=True)
class Settings:
    """The tunables of ``data/lineage.yaml`` (see the comments there)."""

    title: float = 3.0
    body: float = 1.0
    headings: float = 0.5
    policy_term: float = 1.5
    boilerplate_weight: float = 0.0
    title_share: float = 0.2
    title_headings: float = 1.0
    floor: float = 0.08
    ratio: float = 0.7
    per_plan: int = 3
    min_shared: int = 1
    distinctive_df: float = 0.12
    terms_shown: int = 5
    reverse_ratio: float = 0.0
    min_z: float = 0.0
    extra_rank: int = 0
    min_word_length: int = 2
    subwords: bool = False
    lookback_years: int = 0  # only plans that started at most this long before (0: all earlier plans)
    concept_weight: float = 0.0
    concept_title: float = 3.0
    concept_body: float = 1.0
    concept_headings: float = 0.5
    concept_gate: float = 0.0
    concept_retrieve: bool = False
    concepts_shown: int = 2
    concepts_file: Path | None = None  # data/concepts.yaml next to the settings file (None: no vocabulary)
    evidence_floor: float = 0.0  # a kept link's best clause pair must reach this cosine
    rescue: float = 1.0  # a candidate not kept by the task scores is linked if its clause cosine reaches this
    rescue_z: float = 0.0  # … and it is the best of its plan and stands this far above its rivals
    rescue_score: float = 0.0  # … and its task score reaches this
    strong_cover: float = 1.0  # strong: the evidence words carry this share of the earlier task's main clause
    strong_programme: float = 1.0  # strong: a shared dictionary term carries this share of the later task's words
    line_support: float = 0.0  # review queue: share of a decided line's support added to a candidate's score
    boilerplate: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()

    @property
    def uses_concepts(self) -> bool:
        return self.concept_weight > 0 or self.concept_gate > 0 or self.concept_retrieve


def _number(name: str, low: float, high: float | None = None) -> Field:
    return Field(name, "number", low=low, high=high)


def _int(name: str, low: int) -> Field:
    return Field(name, "int", low=low)


# The file's schema: sections of bounded numbers, the vocabulary lists and three switches.
SETTINGS_SCHEMA = (
    Field(
        "weights",
        "mapping",
        fields=(
            _number("title", 0),
            _number("body", 0),
            _number("headings", 0),
            _number("policy_term", 0),
            _number("boilerplate", 0, 1),
            _number("title_share", 0, 1),
            _number("title_headings", 0),
        ),
    ),
    Field(
        "thresholds",
        "mapping",
        fields=(
            _number("floor", 0, 1),
            _number("ratio", 0, 1),
            _int("per_plan", 1),
            _int("min_shared", 1),
            _number("distinctive_df", 0, 1),
            _int("terms_shown", 1),
            _number("reverse_ratio", 0, 1),
            _number("min_z", 0),
            _int("extra_rank", 0),
        ),
    ),
    Field(
        "evidence",
        "mapping",
        fields=(
            _number("floor", 0, 1),
            _number("rescue", 0, 1),
            _number("rescue_z", 0),
            _number("rescue_score", 0, 1),
            _number("strong_cover", 0, 1),
            _number("strong_programme", 0, 1),
        ),
    ),
    Field(
        "concepts",
        "mapping",
        fields=(
            _number("weight", 0, 1),
            _number("title", 0),
            _number("body", 0),
            _number("headings", 0),
            _number("gate", 0, 1),
            Field("retrieve", "bool"),
            _int("shown", 0),
        ),
    ),
    Field("queue", "mapping", fields=(_number("line_support", 0),)),
    Field("boilerplate", "list[str]"),
    Field("stopwords", "list[str]"),
    Field("min_word_length", "int", required=False, low=1),
    Field("subwords", "bool", required=False),
    Field("lookback_years", "int", required=False, low=0),  # 0: every earlier plan
)
# (section, key) → the Settings attribute, where the key alone would be ambiguous
_ATTRIBUTE = {
    ("weights", "boilerplate"): "boilerplate_weight",
    ("evidence", "floor"): "evidence_floor",
    ("concepts", "weight"): "concept_weight",
    ("concepts", "title"): "concept_title",
    ("concepts", "body"): "concept_body",
    ("concepts", "headings"): "concept_headings",
    ("concepts", "gate"): "concept_gate",
    ("concepts", "retrieve"): "concept_retrieve",
    ("concepts", "shown"): "concepts_shown",
}


def load_settings(path: Path) -> Settings:
    """Read and validate ``data/lineage.yaml`` against :data:`SETTINGS_SCHEMA`; every
    problem is reported at once, at the line of the node it concerns."""
    return settings_from(compose(path), path)


def settings_from(root: yaml.Node | None, path: Path) -> Settings:
    """:func:`load_settings` on the file already composed (a build parses it once)."""
    checker = Checker(display_path(path))
    checker.root(root, "lineage.yaml")
    values = checker.fields(root, "", SETTINGS_SCHEMA)  # type: ignore[arg-type]  # root() made sure
    if checker.problems:
        raise DataError(checker.problems)
    settings: dict[str, object] = {}
    for spec in SETTINGS_SCHEMA:
        if spec.fields:
            for inner in spec.fields:
                value = values[spec.name][inner.name]
                settings[_ATTRIBUTE.get((spec.name, inner.name), inner.name)] = (
                    float(value) if inner.kind == "number" else value
                )
        elif spec.name in values:
            value = values[spec.name]
            settings[spec.name] = frozenset(value) if spec.kind == "list[str]" else value
    return Settings(**settings, concepts_file=path.parent / "concepts.yaml")  # type: ignore[arg-type]


__all__ = [
    "SETTINGS_SCHEMA",
    "Settings",
    "load_settings",
]
