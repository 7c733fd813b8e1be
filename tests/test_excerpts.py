"""The partial copy of the 12th plan is recognised by content; so is any other excerpt."""

from __future__ import annotations

import pytest
from datadir import copy_real_data

from build_scripts.core.errors import DataError
from build_scripts.core.model import DifferenceKind
from build_scripts.core.paths import DATA
from build_scripts.ingest.corpus import load_corpus
from build_scripts.ingest.sources import write_manifest

HALF_WIDTH = str.maketrans({"，": ",", "；": ";", "（": "(", "）": ")", "：": ":"})


def test_received_excerpt_is_the_end_of_the_12th_plan():
    corpus = load_corpus(DATA)
    assert [p.source.name for p in corpus.plans].count("004_874790fe7b601db2.txt") == 0
    (excerpt,) = corpus.excerpts
    assert excerpt.source.name == "004_874790fe7b601db2.txt"
    assert excerpt.plan_id == "p12"
    assert (excerpt.plan_span.line, excerpt.plan_end_line) == (174, 189)
    assert excerpt.task_ids[0] == "p12-8-5" and excerpt.task_ids[-1] == "p12-9-7"
    assert excerpt.count(DifferenceKind.WORDING) == 0
    assert excerpt.count(DifferenceKind.LINE_BREAK) == 1  # the break inside 《…》
    dash = [d for d in excerpt.differences if d.kind == DifferenceKind.DASH]
    assert [(d.plan_text, d.excerpt_text) for d in dash] == [("—", "-")]  # 2010—2020 → 2010-2020
    assert excerpt.count(DifferenceKind.WIDTH) > 50


def test_any_other_excerpt_is_recognised_with_its_wording_change(tmp_path):
    data = copy_real_data(tmp_path)
    p11 = (data / "sources" / "000_a998b006313680e3.txt").read_text(encoding="utf-8")
    start = p11.index("加快智能交通建设步伐")
    piece = p11[start : start + 900].translate(HALF_WIDTH).replace("。", "。\n")
    piece = piece.replace("国际先进水平", "国际领先水平", 1)
    (data / "sources" / "zz_copy.txt").write_text(piece, encoding="utf-8")
    write_manifest(data / "sources", data / "manifest.yaml")
    corpus = load_corpus(data)
    excerpt = next(e for e in corpus.excerpts if e.source.name == "zz_copy.txt")
    assert excerpt.plan_id == "p11"
    assert excerpt.task_ids[0] == "p11-3-2-2-4"
    wording = [d for d in excerpt.differences if d.kind == DifferenceKind.WORDING]
    assert [(d.plan_text, d.excerpt_text) for d in wording] == [("先进", "领先")]
    assert excerpt.count(DifferenceKind.LINE_BREAK) > 3


def test_an_unregistered_file_that_is_not_an_excerpt_is_an_error(tmp_path):
    data = copy_real_data(tmp_path)
    (data / "sources" / "zz_other.txt").write_text(
        "这是一份与任何规划都无关的文字，讲的是天气和饮食。\n" * 3, encoding="utf-8"
    )
    write_manifest(data / "sources", data / "manifest.yaml")
    with pytest.raises(DataError) as caught:
        load_corpus(data)
    (problem,) = caught.value.problems
    assert problem.file.endswith("zz_other.txt") and problem.line == 1
    assert "no plans.yaml entry names this file" in problem.message
    assert "not an excerpt of a registered plan" in problem.message
