"""The open data as a dataset: every export validates against the schema published next to
it, the version changes when the data changes, and releases are recorded with their reports."""

from __future__ import annotations

import csv
import datetime
import hashlib
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
    "data_file, schema_file",
    [
        ("tasks.json", "tasks.schema.json"),
        ("indicators.json", "indicators.schema.json"),
        ("terms.json", "terms.schema.json"),
        ("topics.json", "topics.schema.json"),
    ],
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
    # Data unchanged (the open data moved with the code): the report still says so, never blank.
    path = release.release(data, f"{major}.{minor + 1}.1", "更正。", "", "d" * 64, datetime.date(2027, 1, 4))
    assert path.read_text(encoding="utf-8").startswith(
        f"# 数据变更报告\n\n与 {newer} 版的数据相比，任务、链接、术语、指标和页面都没有变化"
    )


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
    releases = dataset.load_dataset(DATA / "dataset.yaml").releases
    for entry in releases:
        assert entry.version in text and entry.summary in text
    # one page title, each release a section of its own in the contents (a report's own # title
    # made the page three titles long and its contents listed the newest release only)
    assert text.count("<h1") == 1 and text.count("<h2 ") == len(releases)
    contents = text[text.index('class="md-nav md-nav--secondary"') :]
    assert all(f'href="#v{entry.version.replace(".", "-")}"' in contents for entry in releases)


def test_citation_and_licences_name_the_current_version():
    from build_scripts.core.paths import ROOT

    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    current = dataset.load_dataset(DATA / "dataset.yaml")
    assert f'version: "{current.version}"' in citation
    assert f'  - name: "{current.author}"' in citation  # the author the site's citations name
    assert f'date-released: "{current.releases[-1].date.isoformat()}"' in citation
    assert "license: CC-BY-4.0" in citation and current.licence == "CC BY 4.0"
    assert "CC BY 4.0" in (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


# --- The data package (issue 24) ----------------------------------------------------------------


def test_the_data_package_validates_and_names_every_published_file(site_data):
    """``frictionless validate`` on the published package: every resource's size and SHA-256,
    every CSV row against its Table Schema. The package names every data file published under
    data/, and every schema it points to is published beside it."""
    import frictionless

    report = frictionless.validate(str(site_data / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:10]
    package = json.loads((site_data / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == dataset.load_dataset(DATA / "dataset.yaml").version
    named = {r["path"] for r in package["resources"]}
    schemas = {r.get("schema") or r.get("jsonSchema") for r in package["resources"]}
    published = {p.name for p in site_data.iterdir()} - {"datapackage.json"}
    assert named | schemas == published
    assert None not in schemas and {"tasks.csv", "indicators.csv", "terms.csv", "terms.json", "topics.json"} <= named


def test_a_changed_file_fails_the_package(site_data, tmp_path):
    import frictionless

    copy = tmp_path / "data"
    shutil.copytree(site_data, copy)
    rows = (copy / "terms.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (copy / "terms.csv").write_text("".join(rows[:1] + rows[2:]), encoding="utf-8")  # one term less
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert {e.type for task in report.tasks for e in task.errors} >= {"hash-count"}


def test_a_link_to_no_task_fails_the_package(site_data, tmp_path):
    """links.csv's two ids are foreign keys into tasks.csv: a dangling one fails validation
    (sizes and hashes made to match, so nothing else can)."""
    import frictionless

    copy = tmp_path / "data"
    shutil.copytree(site_data, copy)
    lines = (copy / "links.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = "p11-9-9-9" + lines[1][lines[1].index(",") :]
    data = "".join(lines).encode("utf-8")
    (copy / "links.csv").write_bytes(data)
    package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    links = next(r for r in package["resources"] if r["path"] == "links.csv")
    links["bytes"], links["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    (copy / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert {e.type for task in report.tasks for e in task.errors} == {"foreign-key"}


def _rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_each_csv_holds_the_rows_of_its_json_twin(site_data):
    tasks = json.loads((site_data / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    rows = _rows(site_data / "tasks.csv")
    assert [r["id"] for r in rows] == [t["id"] for t in tasks]
    for row, task in zip(rows, tasks, strict=True):
        assert row["text"] == task["text"] and row["title"] == task["title"]
        assert row["predecessors"] == "|".join(link["id"] for link in task["predecessors"])
    statements = json.loads((site_data / "indicators.json").read_text(encoding="utf-8"))["statements"]
    assert [(r["id"], float(r["value"])) for r in _rows(site_data / "indicators.csv")] == [
        (s["id"], s["value"]) for s in statements
    ]
    terms = json.loads((site_data / "terms.json").read_text(encoding="utf-8"))["terms"]
    rows = _rows(site_data / "terms.csv")
    assert [(r["id"], int(r["total"])) for r in rows] == [(t["id"], t["total"]) for t in terms]


def test_the_glossary_export_holds_variants_families_and_first_and_last_plans(site_data, real_site):
    terms = {t["id"]: t for t in json.loads((site_data / "terms.json").read_text(encoding="utf-8"))["terms"]}
    hits = real_site.hits
    assert set(terms) == {t.id for t in hits.terms}
    renamed = [t for t in hits.terms if t.renamed_as]
    assert renamed, "the glossary has rename families"
    for term in renamed:
        later = terms[term.id]["later_names"]
        assert later and all(term.id in terms[other]["earlier_names"] for other in later)
        assert terms[term.id]["family"]
    for term in hits.terms:
        exported = terms[term.id]
        assert exported["variants"] == list(term.variants)
        assert (exported["first_plan"], exported["last_plan"]) == (hits.first_plan(term.id), hits.last_plan(term.id))
        assert sum(exported["counts"].values()) == exported["total"] == hits.total(term.id)


# --- The feed ---------------------------------------------------------------------------------------


def test_the_feed_is_atom_with_one_entry_per_release(built_site):
    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.parse(built_site / "feed.xml").getroot()
    assert root.tag == f"{atom}feed"
    for child in ("id", "title", "updated", "author"):
        assert root.find(f"{atom}{child}") is not None, child
    releases = dataset.load_dataset(DATA / "dataset.yaml").releases
    entries = root.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}title").split("：")[0] for e in entries] == [r.version for r in reversed(releases)]
    assert len({e.findtext(f"{atom}id") for e in entries}) == len(entries)
    changelog = (built_site / "changelog" / "index.html").read_text(encoding="utf-8")
    for entry, release_ in zip(entries, reversed(releases), strict=True):
        assert entry.findtext(f"{atom}updated") == f"{release_.date.isoformat()}T00:00:00Z"
        assert release_.summary in entry.findtext(f"{atom}content")
        href = entry.find(f"{atom}link").get("href")
        assert href.startswith("changelog/#") and f'id="{href.split("#")[1]}"' in changelog


def test_every_page_links_the_feed_in_its_head(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert 'type="application/atom+xml"' in head and "feed.xml" in head, page.relative_to(built_site)


def test_the_about_page_names_every_top_level_key_of_the_json_files(built_site, site_data):
    """关于与方法 describes tasks.json in a table of its keys and indicators.json in a sentence;
    both name each key the files hold, and say how many there are."""
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    count = {3: "三", 4: "四", 5: "五"}
    for name in ("tasks.json", "indicators.json"):
        keys = json.loads((site_data / name).read_text(encoding="utf-8")).keys()
        said = re.search(rf"{re.escape(name)}</code>[^。]{{0,80}}?含(.)个键", about)
        assert said and said.group(1) == count[len(keys)], name
        described = about[said.end() : said.end() + 4000]
        assert all(f"<code>{key}</code>" in described for key in keys), name


def test_the_about_page_says_what_a_related_entry_holds(built_site, site_data):
    """A related entry has a link's keys; its origin and strength are what the page says."""
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    tasks = json.loads((site_data / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    related = [r for t in tasks for r in t["related"]["earlier"] + t["related"]["later"]]
    assert related and {(r["origin"], r["strength"]) for r in related} == {("related", "weak")}
    assert (
        "<code>origin</code> 为 <code>related</code>" in about
        and "<code>strength</code> 总是 <code>weak</code>" in about
    )


def test_the_about_page_describes_every_links_csv_column_whole(built_site):
    """Each column of links.csv has its row on 关于与方法 with the whole meaning, the values
    it names in <code> included — a value such as | must not end the table cell."""
    from html import unescape

    from build_scripts.website.labels import CSV_MEANINGS

    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    for column, (meaning, values) in CSV_MEANINGS.items():
        rows = re.findall(rf"<td><code>{re.escape(column)}</code></td>\s*<td>(.*?)</td>", about, re.S)
        shown = {unescape(re.sub(r"<[^>]+>", "", row)) for row in rows}
        assert meaning.format(*values) in shown, column
