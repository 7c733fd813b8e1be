"""changes: the change report lists exactly what an edit of data/ changes, and nothing otherwise."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import registered_tasks

from build_scripts.core.paths import DATA, ROOT
from build_scripts.publish import changes

pytestmark = pytest.mark.slow  # builds sites of its own


@pytest.fixture(scope="module")
def real_snapshot(tmp_path_factory):
    directory = tmp_path_factory.mktemp("snapshot") / "real"
    changes.write_snapshot(DATA, directory)
    return directory


def edited_snapshot(tmp_path, edit) -> changes.Snapshot:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    edit(data)
    changes.write_snapshot(data, tmp_path / "edited")
    return changes.read_snapshot(tmp_path / "edited")


def test_a_snapshot_holds_every_kind_of_content(real_snapshot):
    snap = changes.read_snapshot(real_snapshot)
    assert len(snap.tasks) == registered_tasks() and snap.links and snap.terms and snap.indicators
    assert "plans/p13/2.md" in snap.pages and "about.md" not in snap.pages  # generated pages only


def test_an_unchanged_snapshot_gives_an_empty_report(real_snapshot):
    snap = changes.read_snapshot(real_snapshot)
    report = changes.compare(snap, snap)
    assert report.empty and changes.render(report, "HEAD") == ""


def test_a_curation_edit_reports_exactly_that_link(tmp_path, real_snapshot):
    def reject_first_confirmed(data):
        raw = yaml.safe_load((data / "links.yaml").read_text(encoding="utf-8"))
        entry = next(e for e in raw["links"] if e["decision"] == "confirm")
        entry.update(decision="reject", note="测试：否决。")
        entry.pop("strength"), entry.pop("evidence", None)
        (data / "links.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
        reject_first_confirmed.pair = (entry["predecessor"], entry["successor"])

    new = edited_snapshot(tmp_path, reject_first_confirmed)
    report = changes.compare(changes.read_snapshot(real_snapshot), new)
    ((_, found),) = report.links
    (change,) = found
    assert (change.predecessor, change.successor, change.kind) == (*reject_first_confirmed.pair, "removed")
    assert not (report.tasks_changed or report.terms_changed or report.indicators_changed or report.pages_added)
    text = changes.render(report, "HEAD")
    assert text.startswith("# 数据变更报告") and f"`{change.successor}`" in text and "删除：" in text
    assert text.count("\n- ") == 1  # one line: that link
    # its policy-line page may go with it when it was the task's only link; nothing else
    assert set(report.pages_removed) <= {f"lineage/{change.successor}.md", f"lineage/{change.predecessor}.md"}


def test_a_term_edit_is_reported(tmp_path, real_snapshot):
    def explain(data):
        text = (data / "terms.yaml").read_text(encoding="utf-8")
        (data / "terms.yaml").write_text(
            text.replace("explanation: 北京自1999年起", "explanation: 北京自一九九九年起", 1), encoding="utf-8"
        )

    report = changes.compare(changes.read_snapshot(real_snapshot), edited_snapshot(tmp_path, explain))
    assert report.terms_changed == ("digital-beijing",) and not report.links and not report.terms_added
    assert "- 有变化：数字北京（`digital-beijing`）" in changes.render(report, "HEAD")  # named as readers know it


def _clean_data() -> bool:
    status = subprocess.run(["git", "status", "--porcelain", "--", "data"], cwd=ROOT, capture_output=True, text=True)
    return status.returncode == 0 and status.stdout == ""


@pytest.mark.skipif(not _clean_data(), reason="data/ has uncommitted edits (or no git checkout)")
def test_changes_head_prints_nothing_on_an_unchanged_tree():
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "changes", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
