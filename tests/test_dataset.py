"""The open data as a dataset: every export validates against the schema published next to
it, the version changes when the data changes, and releases are recorded with their reports."""

from __future__ import annotations

import csv
import datetime
import json
import re
import shutil

import jsonschema
import pytest

from build_scripts.core.errors import DataError
from build_scripts.core.paths import DATA
from build_scripts.publish import release
from build_scripts.website import dataset


@pytest.fixture(scope="module")
def site_data(built_site):
    return built_site / "data"


def _schema(site_data, name):
    schema = json.loads((site_data / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    "data_file, schema_file", [("tasks.json", "tasks.schema.json"), ("indicators.json", "indicators.schema.json")]
)
def test_every_json_export_validates_against_its_published_schema(site_data, data_file, schema_file):
    validator = _schema(site_data, schema_file)
    data = json.loads((site_data / data_file).read_text(encoding="utf-8"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    assert data["dataset"]["version"] == dataset.load_dataset(DATA / "dataset.yaml").version


def test_the_schemas_reject_what_they_should(site_data):
    validator = _schema(site_data, "tasks.schema.json")
    data = json.loads((site_data / "tasks.json").read_text(encoding="utf-8"))
    link = next(t for t in data["tasks"] if t["predecessors"])["predecessors"][0]
    link["strength"] = "medium"
    assert not validator.is_valid(data)
    link["strength"] = "strong"
    link["colour"] = "red"
    assert not validator.is_valid(data)


def test_links_csv_follows_its_table_schema(site_data):
    schema = json.loads((site_data / "links.schema.json").read_text(encoding="utf-8"))
    with open(site_data / "links.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [field["name"] for field in schema["fields"]]
    keys = set()
    for row in rows[1:]:
        for value, field in zip(row, schema["fields"], strict=True):
            rules = field.get("constraints", {})
            if rules.get("required"):
                assert value, field["name"]
            if field["type"] == "number":
                assert rules["minimum"] <= float(value) <= rules["maximum"]
            if "enum" in rules:
                assert value in rules["enum"], (field["name"], value)
            if "pattern" in rules:
                assert re.fullmatch(rules["pattern"], value), (field["name"], value)
        key = tuple(row[[f["name"] for f in schema["fields"]].index(k)] for k in schema["primaryKey"])
        assert key not in keys
        keys.add(key)
    assert len(keys) == len(rows) - 1 > 0


def test_the_version_changes_when_the_data_changes(real_site):
    site = real_site
    latest = site.dataset.releases[-1]
    assert release.site_digest(site) == latest.digest, (
        f"the open data changed since release {latest.version}: record a release with "
        "`python -m build_scripts release VERSION --base REV --summary …`"
    )


def test_a_release_is_appended_with_its_report(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    current = dataset.load_dataset(data / "dataset.yaml").version
    major, minor, _ = map(int, current.split("."))
    newer = f"{major}.{minor + 1}.0"
    path = release.release(data, newer, "测试版本。", "# 数据变更报告\n", "b" * 64, datetime.date(2027, 1, 2))
    after = dataset.load_dataset(data / "dataset.yaml")
    assert after.version == newer and after.releases[-1].report == "# 数据变更报告\n"
    assert after.releases[-1].date == datetime.date(2027, 1, 2) and path.name == f"{newer}.md"
    with pytest.raises(DataError, match=r"expected MAJOR\.MINOR\.PATCH after"):
        release.release(data, current, "旧版本。", "", "c" * 64, datetime.date(2027, 1, 3))


def test_dataset_file_problems_are_located(tmp_path):
    path = tmp_path / "dataset.yaml"
    path.write_text(
        "name: x\ntitle: 标题\nlicence: CC BY 4.0\nreleases:\n"
        '  - {version: 1.0, date: 2026-12-01, digest: "abc", summary: 一}\n'
        '  - {version: "2.0.0", date: 2026-12-02, digest: "' + "d" * 64 + '", summary: 二}\n'
        '  - {version: "1.5.0", date: 2026-12-03, digest: "' + "e" * 64 + '", summary: 三}\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        dataset.load_dataset(path)
    text = str(caught.value)
    assert "dataset.yaml:5: releases[0].version: expected a non-empty string, found the number 1.0" in text
    assert "dataset.yaml:7: releases[1].version: 1.5.0 does not come after 2.0.0" in text


def test_changelog_page_lists_the_releases(built_site):
    text = (built_site / "changelog" / "index.html").read_text(encoding="utf-8")
    for entry in dataset.load_dataset(DATA / "dataset.yaml").releases:
        assert entry.version in text and entry.summary in text


def test_citation_and_licences_name_the_current_version():
    from build_scripts.core.paths import ROOT

    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    current = dataset.load_dataset(DATA / "dataset.yaml")
    assert f'version: "{current.version}"' in citation
    assert f'date-released: "{current.releases[-1].date.isoformat()}"' in citation
    assert "license: CC-BY-4.0" in citation and current.licence == "CC BY 4.0"
    assert "CC BY 4.0" in (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
