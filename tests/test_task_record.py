"""A deleted or inserted task paragraph is reported as such (issue 21): which plan, which ids
moved, and which decisions of links.yaml name a moved task — by ``check``, the build and
``manifest``; the committed record of task ids is what ``manifest`` writes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from datadir import SMALL_PLAN, copy_real_data, entry, make_data

from build_scripts.core.errors import DataError
from build_scripts.core.paths import DATA, ROOT
from build_scripts.ingest.corpus import load_corpus
from build_scripts.ingest.task_record import RECORD, MovedTasks, compare, record_content
from build_scripts.website.load import load_site

P13 = "sources/003_70c5cfdcaffc58bd.txt"
DELETED = "完善智能运行感知设施。"  # p13-2-2-1; p13-2-2-2 follows it in its section


def small(tmp_path, text: str):
    data = make_data(tmp_path, {"a.txt": SMALL_PLAN}, [entry("t1", "a.txt")])
    (data / RECORD).write_text(record_content(load_corpus(data).plans), encoding="utf-8")
    (data / "sources" / "a.txt").write_text(text, encoding="utf-8")
    return data


def moves_of(data):
    with pytest.raises(MovedTasks) as caught:
        load_corpus(data)
    (moves,) = caught.value.moves
    return moves, caught.value


def test_a_deleted_paragraph_is_one_deletion_and_the_later_ids_move(tmp_path):
    data = small(tmp_path, SMALL_PLAN.replace("加快宽带网络建设。建设覆盖城乡的光纤网络，推进三网融合。\n", ""))
    moves, error = moves_of(data)
    assert moves.deleted == {"t1-2-1-1": "加快宽带网络建设"}
    assert moves.moved == {"t1-2-1-2": "t1-2-1-1"} and moves.inserted == {} and moves.retitled == {}
    assert moves.gone == {"t1-2-1-1": None, "t1-2-1-2": "t1-2-1-1"}
    (problem,) = [p for p in error.problems if "differ from" in p.message]
    assert problem.file.endswith("a.txt") and problem.line == 6  # the task that took the deleted one's place


def test_an_inserted_paragraph_and_a_retitled_task_are_named(tmp_path):
    text = SMALL_PLAN.replace("推进物联网应用。", "推进云计算应用。部署政务云。\n推进物联网应用。")
    moves, _ = moves_of(small(tmp_path, text))
    assert moves.inserted == {"t1-2-1-2": "推进云计算应用"} and moves.moved == {"t1-2-1-2": "t1-2-1-3"}
    retitled = small(tmp_path / "b", SMALL_PLAN.replace("推进物联网应用。", "推进车联网应用。"))
    moves, _ = moves_of(retitled)
    assert moves.retitled == {"t1-2-1-2": "推进车联网应用"} and not moves.moved and not moves.deleted


def test_an_unchanged_plan_matches_its_record():
    corpus = load_corpus(DATA)
    assert all(compare(p, [(t.id, t.title) for t in p.tasks]) is None for p in corpus.plans)


def test_the_committed_record_is_what_manifest_writes():
    """data/task_ids.yaml is generated: `python -m build_scripts manifest` regenerates it."""
    assert (DATA / RECORD).read_text(encoding="utf-8") == record_content(load_corpus(DATA).plans)


def delete_p13_task(data) -> int:
    path = data / P13
    lines = path.read_text(encoding="utf-8").split("\n")
    (number,) = [i + 1 for i, line in enumerate(lines) if line.startswith(DELETED)]
    path.write_text("\n".join(lines[: number - 1] + lines[number:]), encoding="utf-8")
    return number


def test_check_names_the_plan_the_moved_ids_and_the_decisions_that_name_them(tmp_path):
    data = copy_real_data(tmp_path)
    line = delete_p13_task(data)
    with pytest.raises(DataError) as caught:
        load_site(data)
    text = str(caught.value)
    assert f"003_70c5cfdcaffc58bd.txt:{line}: p13: the tasks differ" in text
    assert "deleted p13-2-2-1 「完善智能运行感知设施」" in text and "p13-2-2-2 → p13-2-2-1" in text
    links = (data / "links.yaml").read_text(encoding="utf-8").split("\n")
    naming = [
        i + 1
        for i, row in enumerate(links)
        if row.strip().removeprefix("- ") in ("successor: p13-2-2-2", "predecessor: p13-2-2-2")
    ]
    assert naming
    for number in naming:
        assert f"links.yaml:{number}: successor p13-2-2-2 names a task that moved (now p13-2-2-1)" in text


def test_manifest_reports_the_moves_and_records_the_new_ids(tmp_path):
    data = copy_real_data(tmp_path)
    delete_p13_task(data)
    done = subprocess.run(
        [sys.executable, "-m", "build_scripts", "manifest", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "p13: deleted p13-2-2-1" in done.stderr and "names a task that moved (now p13-2-2-1)" in done.stderr
    assert "p13-2-2-1: 建设智慧生活感知设施" in (data / RECORD).read_text(encoding="utf-8")
    with pytest.raises(DataError) as caught:  # recorded: what is left are the stale decisions
        load_site(data)
    assert "tasks differ" not in str(caught.value)
