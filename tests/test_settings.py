"""data/lineage.yaml goes through schema.Checker: every problem at once, at its node's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.core.errors import DataError
from build_scripts.core.schema import Checker, Field, compose
from build_scripts.lineage.settings import SETTINGS_SCHEMA, load_settings

# A complete, valid settings file; the comments give the line numbers the tests rely on.
VALID = """\
weights:
  title: 3.0
  body: 1
  headings: 0.5
  policy_term: 1.5
  boilerplate: 0.0
  title_share: 0.2
  title_headings: 1.0
thresholds:
  floor: 0.18
  ratio: 0.7
  per_plan: 3
  min_shared: 1
  distinctive_df: 0.12
  terms_shown: 5
  reverse_ratio: 0.0
  min_z: 1.75
  extra_rank: 2
evidence:
  floor: 0.1
  rescue: 0.1
  rescue_z: 2.5
  rescue_score: 0.1
  strong_cover: 0.3
  strong_programme: 0.1
concepts:
  weight: 0.2
  title: 3.0
  body: 0.5
  headings: 1.5
  gate: 0.0
  retrieve: false
  shown: 2
subwords: false
min_word_length: 2
lookback_years: 20
boilerplate: [加强, 推进]
stopwords:
  - 的
  - 和
queue:
  line_support: 0.2
"""
# lines: weights 1, thresholds 9, evidence 19, concepts 26, subwords 34, min_word_length 35,
# lookback_years 36, boilerplate 37, stopwords 38 (items 39, 40), queue 41


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lineage.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_settings(path)
    return [f"{p.line}: {p.message}" for p in caught.value.problems]


def test_the_valid_file_loads_with_floats_for_numbers(tmp_path):
    s = load_settings(write(tmp_path, VALID))
    assert s.body == 1.0 and isinstance(s.body, float)  # written as the integer 1
    assert s.per_plan == 3 and isinstance(s.per_plan, int)
    assert s.boilerplate_weight == 0.0 and s.evidence_floor == 0.1 and s.concepts_shown == 2
    assert s.boilerplate == frozenset({"加强", "推进"}) and s.stopwords == frozenset({"的", "和"})
    assert s.lookback_years == 20 and s.subwords is False and s.concept_retrieve is False
    assert s.concepts_file == tmp_path / "concepts.yaml"


def test_the_optional_switches_take_their_defaults(tmp_path):
    text = (
        VALID.replace("subwords: false\n", "").replace("min_word_length: 2\n", "").replace("lookback_years: 20\n", "")
    )
    s = load_settings(write(tmp_path, text))
    assert (s.subwords, s.min_word_length, s.lookback_years) == (False, 2, 0)


def test_a_number_out_of_bounds_fails(tmp_path):
    assert problems(write(tmp_path, VALID.replace("  ratio: 0.7", "  ratio: 1.2"))) == [
        "11: thresholds.ratio: expected a number from 0 to 1, found the number 1.2"
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "  title: 3.0\n  body",
            "  title: -3.0\n  body",
            "2: weights.title: expected a number of at least 0, found the number -3.0",
        ),
        (
            "  per_plan: 3",
            "  per_plan: 0",
            "12: thresholds.per_plan: expected an integer of at least 1, found the integer 0",
        ),
        (
            "  per_plan: 3",
            "  per_plan: 2.5",
            "12: thresholds.per_plan: expected an integer of at least 1, found the number 2.5",
        ),
        (
            "  floor: 0.18",
            '  floor: "0.18"',
            '10: thresholds.floor: expected a number from 0 to 1, found the string "0.18"',
        ),
        (
            "  floor: 0.18",
            "  floor: true",
            "10: thresholds.floor: expected a number from 0 to 1, found the boolean true",
        ),
        ("  retrieve: false", "  retrieve: 0", "32: concepts.retrieve: expected true or false, found the integer 0"),
        (
            "lookback_years: 20",
            "lookback_years: -1",
            "36: lookback_years: expected an integer of at least 0, found the integer -1",
        ),
        (
            "min_word_length: 2",
            "min_word_length: 0",
            "35: min_word_length: expected an integer of at least 1, found the integer 0",
        ),
        ("subwords: false", "subwords: no way", 'subwords: expected true or false, found the string "no way"'),
    ],
)
def test_each_kind_of_bad_value_names_field_bounds_and_value(tmp_path, old, new, expected):
    assert old in VALID
    found = problems(write(tmp_path, VALID.replace(old, new, 1)))
    assert len(found) == 1 and found[0].endswith(expected), found


def test_lists_of_words(tmp_path):
    assert problems(write(tmp_path, VALID.replace("[加强, 推进]", "加强"))) == [
        '37: boilerplate: expected a list of distinct non-empty strings, found the string "加强"'
    ]
    # a bad or repeated item is reported at its own line
    text = VALID.replace("  - 和\n", "  - 7\n  - 的\n")
    assert problems(write(tmp_path, text)) == [
        "40: stopwords[1]: expected a non-empty string, found the integer 7",
        '41: stopwords: expected a list of distinct non-empty strings, found the string "的" twice (first at line 39)',
    ]


def test_unknown_and_missing_keys_at_the_line_of_their_node(tmp_path):
    text = VALID.replace("  gate: 0.0\n", "").replace("  min_z: 1.75\n", "  min_z: 1.75\n  max_z: 3\n") + "extra: 1\n"
    assert problems(write(tmp_path, text)) == [
        "18: thresholds.max_z: unknown field; expected one of distinctive_df, extra_rank, floor, min_shared, "
        "min_z, per_plan, ratio, reverse_ratio, terms_shown",
        "28: concepts: missing required field 'gate' (number)",
        "43: extra: unknown field; expected one of boilerplate, concepts, evidence, lookback_years, "
        "min_word_length, queue, stopwords, subwords, thresholds, weights",
    ]


def test_a_section_that_is_not_a_mapping_or_is_missing(tmp_path):
    start = VALID.index("evidence:")
    text = VALID[:start] + "evidence: 0.1\n" + VALID[VALID.index("concepts:") :]
    text = text.replace("stopwords:\n  - 的\n  - 和\n", "")
    assert problems(write(tmp_path, text)) == [
        "1: missing required field 'stopwords' (list[str])",
        "19: evidence: expected a mapping, found the number 0.1",
    ]


def test_several_problems_are_reported_together_in_line_order(tmp_path):
    text = (
        VALID.replace("  body: 1\n", "  body: x\n")
        .replace("  ratio: 0.7", "  ratio: 7")
        .replace("  rescue_z: 2.5", "  rescue_z: -2.5")
        .replace("  shown: 2", "  shown: 2.0")
        .replace("[加强, 推进]", "[加强, 加强]")
    )
    assert problems(write(tmp_path, text)) == [
        '3: weights.body: expected a number of at least 0, found the string "x"',
        "11: thresholds.ratio: expected a number from 0 to 1, found the integer 7",
        "22: evidence.rescue_z: expected a number of at least 0, found the number -2.5",
        "33: concepts.shown: expected an integer of at least 0, found the number 2.0",
        '37: boilerplate: expected a list of distinct non-empty strings, found the string "加强" twice (first at line 37)',
    ]


def test_not_a_mapping_at_all(tmp_path):
    assert problems(write(tmp_path, "- weights\n")) == ["1: lineage.yaml: expected a mapping, found a list"]


def test_the_schema_covers_every_section_of_the_project_file():
    root = compose(Path(__file__).resolve().parents[1] / "data" / "lineage.yaml")
    checker = Checker("lineage.yaml")
    checker.fields(root, "", SETTINGS_SCHEMA)
    assert checker.problems == []


# --- the Checker's kinds on their own -----------------------------------------------------


def check(tmp_path: Path, text: str, schema: tuple[Field, ...]) -> tuple[dict, list[str]]:
    path = tmp_path / "some.yaml"
    path.write_text(text, encoding="utf-8")
    checker = Checker("some.yaml")
    values = checker.fields(compose(path), "", schema)
    return values, [str(p) for p in checker.problems]


def test_bounded_numbers_and_integers(tmp_path):
    schema = (
        Field("share", "number", low=0, high=1),
        Field("count", "int", low=1),
        Field("limit", "number", high=10),
        Field("free", "number"),
    )
    values, found = check(tmp_path, "share: 0\ncount: 1\nlimit: -5\nfree: -1.0e+3\n", schema)
    assert found == [] and values == {"share": 0, "count": 1, "limit": -5, "free": -1000.0}
    _, found = check(tmp_path, "share: 1.01\ncount: 0\nlimit: 10.5\nfree: no\n", schema)
    assert found == [
        "some.yaml:1: share: expected a number from 0 to 1, found the number 1.01",
        "some.yaml:2: count: expected an integer of at least 1, found the integer 0",
        "some.yaml:3: limit: expected a number of at most 10, found the number 10.5",
        "some.yaml:4: free: expected a number, found the boolean false",
    ]
    _, found = check(tmp_path, "share: .nan\ncount: 1\nlimit: 1\nfree: 1\n", schema)
    assert found == ["some.yaml:1: share: expected a number from 0 to 1, found the number nan"]


def test_nested_mappings_report_their_own_lines(tmp_path):
    schema = (Field("outer", "mapping", fields=(Field("inner", "mapping", fields=(Field("x", "int", low=0),)),)),)
    values, found = check(tmp_path, "outer:\n  inner:\n    x: 1\n", schema)
    assert values == {"outer": {"inner": {"x": 1}}} and found == []
    values, found = check(tmp_path, "outer:\n  inner:\n    x: -1\n    y: 2\n", schema)
    assert "outer" not in values
    assert found == [
        "some.yaml:4: outer.inner.y: unknown field; expected one of x",
        "some.yaml:3: outer.inner.x: expected an integer of at least 0, found the integer -1",
    ]


def test_fields_chosen_by_another_fields_value(tmp_path):
    schema = (
        Field("kind", "enum", choices=("a", "b")),
        Field("size", "int", by="kind", needed_for=("a",)),
        Field("label", "str", by="kind", allowed_for=("a", "b")),
        Field("extra", "str", by="kind", allowed_for=("b",)),
    )
    assert check(tmp_path, "kind: a\nsize: 3\n", schema) == ({"kind": "a", "size": 3}, [])
    assert check(tmp_path, "kind: b\nlabel: x\nextra: y\n", schema)[1] == []
    _, found = check(tmp_path, "kind: b\nsize: 3\n", schema)
    assert found == ["some.yaml:2: size: not a field of kind b; expected one of extra, kind, label"]
    _, found = check(tmp_path, "label: x\nkind: a\nextra: 1\n", schema)
    assert found == [
        "some.yaml:1: missing required field 'size' (int) for kind a",
        "some.yaml:3: extra: not a field of kind a; expected one of kind, label, size",
    ]
    # with no valid value to choose by, only that value is reported
    _, found = check(tmp_path, "kind: c\nsize: x\n", schema)
    assert found == ['some.yaml:1: kind: expected one of a, b, found the string "c"']
