"""Issue 11's bad inputs stop the real ``mkdocs build`` with a message naming file, line and what
was expected — and write no site at all (no partial output)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import payload_site as ps
import pytest

from build_scripts.core.paths import DATA
from build_scripts.ingest.sources import write_manifest

pytestmark = pytest.mark.slow  # builds sites of its own

P12 = "sources/002_99c0caddeb1bc252.txt"


def edit(data, file: str, old: str, new: str) -> int:
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def cut_p12(data) -> int:
    path = data / P12
    text = path.read_text(encoding="utf-8")
    cut = text[: int(len(text) * 0.97)].rstrip()
    path.write_text(cut, encoding="utf-8")
    write_manifest(data / "sources", data / "manifest.yaml")
    return cut.count("\n") + 1


TWICE = "    tasks: 20\n    tasks: 21"
NONE_IN_P11 = '  - successor: wp2009-1-1\n    decision: none\n    plan: p11\n    note: "无。"\n'


def append(data, file: str, text: str) -> int:
    """Add ``text`` at the end of a data file; the line it starts at."""
    path = data / file
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


QUOTED_YEAR = 'start: "2006",'
CASES = {
    "source outside data/sources": lambda d: (
        f"data/plans.yaml:{edit(d, 'plans.yaml', 'source: 003_70c5cfdcaffc58bd.txt', 'source: /etc/passwd')}: "
        'plans[3].source: expected the name of a .txt file directly inside data/sources/ (no directory, no "..", '
        'not absolute), found "/etc/passwd"'
    ),
    "source climbing out": lambda d: (
        f"data/plans.yaml:{edit(d, 'plans.yaml', 'source: 001_62965044a4af93b8.txt', 'source: ../../..')}: "
        "plans[1].source: expected the name of a .txt file"
    ),
    "source cut in mid-sentence": lambda d: f"data/{P12}:{cut_p12(d)}: the text ends in mid-sentence",
    "task count": lambda d: (
        f"data/plans.yaml:{edit(d, 'plans.yaml', 'tasks: 34', 'tasks: 35')}: p12: parsing data/{P12} found 34 "
        "tasks, but the registry says tasks: 35"
    ),
    "python tag": lambda d: (
        f"data/terms.yaml:{edit(d, 'terms.yaml', 'term: 数字北京', 'term: !!python/name:os.system')}: "
        "the tag !!python/name:os.system is not allowed"
    ),
    "duplicate key": lambda d: (
        f'data/plans.yaml:{edit(d, "plans.yaml", "    tasks: 20", TWICE) + 1}: duplicate key "tasks"'
    ),
    "year as a string": lambda d: (
        f"data/plans.yaml:{edit(d, 'plans.yaml', 'start: 2006,', QUOTED_YEAR)}: plans[0].period.start: "
        'expected a year (integer), found the string "2006"'
    ),
    "a none beside a confirm of the same plan": lambda d: (
        f"data/links.yaml:{append(d, 'links.yaml', NONE_IN_P11)}: none: no predecessor of wp2009-1-1 in p11, "
        "but line 33 is a confirm of wp2009-1-1 ← p11-3-3-4-1, a task of p11; keep one of the two"
    ),
}


@pytest.fixture(scope="module")
def code(tmp_path_factory):
    return ps.make_project(tmp_path_factory.mktemp("bad-build") / "code")


@pytest.mark.parametrize("case", CASES)
def test_bad_input_stops_the_build_and_writes_nothing(code, tmp_path, case):
    project = tmp_path / "project"
    shutil.copytree(code, project)
    shutil.copytree(DATA, project / "data")
    expected = CASES[case](project / "data")
    site = tmp_path / "site"
    result = ps.build(project, site)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert expected in output, output[-2000:]
    assert "Traceback" not in output
    assert not site.exists()


def test_a_hand_written_title_with_markup_is_refused(code, tmp_path):
    """Front matter titles reach <title>, header and search as they are, so they are held to
    the escaping rule too: markup in one stops the build, naming the page."""
    project = tmp_path / "project"
    shutil.copytree(code, project)
    shutil.copytree(DATA, project / "data")
    about = project / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8").replace("title: 关于与方法", "title: 关于<b>与</b>方法", 1), encoding="utf-8"
    )
    site = tmp_path / "site"
    result = ps.build(project, site)
    assert result.returncode != 0
    assert (
        "about.md (front matter): title '关于<b>与</b>方法' is not escaped HTML text ('<' at offset 2)"
        in result.stdout + result.stderr
    )
    assert not site.exists()


def problem_lines(output: str) -> set[str]:
    return {line.strip() for line in output.splitlines() if line.strip().startswith("data/")}


def test_check_and_the_build_name_the_same_problems_in_two_files(code, tmp_path):
    """Issue 21: for one tree, check reported only terms.yaml and the build only links.yaml.
    Both are now one load (site.load.load_site) that reports every input's problems."""
    project = tmp_path / "project"
    shutil.copytree(code, project)
    shutil.copytree(DATA, project / "data")
    data = project / "data"
    terms_line = edit(data, "terms.yaml", "term: 数字北京", "term: 数字北京\n    bogus: 1")
    links_line = append(data, "links.yaml", NONE_IN_P11)
    build = ps.build(project, tmp_path / "site")
    checked = subprocess.run(
        [sys.executable, "-m", "build_scripts", "check"],
        cwd=project,
        env=dict(os.environ, PYTHONPATH=str(project)),
        capture_output=True,
        text=True,
    )
    assert build.returncode != 0 and checked.returncode != 0
    built, said = problem_lines(build.stdout + build.stderr), problem_lines(checked.stdout + checked.stderr)
    assert built == said and len(built) >= 3, (built, said)
    assert any(line.startswith(f"data/links.yaml:{links_line}:") for line in built)
    assert any(line.startswith("data/terms.yaml:") for line in built), built
    assert terms_line
