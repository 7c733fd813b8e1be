"""The benchmark's parts that must be right whatever the machine: the synthetic corpora
parse, the lineage cache hits and misses when it should, the report has its sections.
Nothing here times anything (the benchmark itself is ``python -m benchmarks``)."""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest

from benchmarks.report import targets, write_report
from benchmarks.run import reader_cost
from benchmarks.synth import make_corpus
from build_scripts.core.paths import DATA
from build_scripts.ingest.corpus import load_corpus
from build_scripts.lineage import cache as lineage_cache
from build_scripts.lineage.build import build_lineage
from build_scripts.lineage.inputs import linker_inputs
from build_scripts.website.perf_page import (
    growth_exponent,
    growth_markdown,
    load_report,
    page_fragment,
    report_markdown,
)


@pytest.fixture(scope="module")
def real():
    return load_corpus(DATA)


@pytest.fixture(scope="module")
def auto_links(real) -> set[tuple[str, str]]:
    """(successor, predecessor) of every link the linker makes on the real plans without review."""
    return {(l.successor, l.predecessor) for l in build_lineage(real, linker_inputs(DATA), curation=False)[0].links}


def test_synthetic_corpus_parses_and_scales(tmp_path, real):
    summary = make_corpus(tmp_path / "data", 3, seed=1)
    corpus = load_corpus(tmp_path / "data")  # raises DataError on any problem
    assert summary["plans"] == len(corpus.plans) == 3 * len(real.plans)
    assert len(corpus.tasks) == 3 * len(real.tasks)
    ids = [p.id for p in corpus.plans]
    assert len(set(ids)) == len(ids)
    # chronological: every synthetic generation comes after the real plans
    assert [p.id for p in corpus.plans[: len(real.plans)]] == [p.id for p in real.plans]
    # recombined, not copied: the synthetic plan's tasks differ from the real ones
    copy = corpus.plan("s01p12")
    assert [t.id.removeprefix("s01") for t in copy.tasks] == [t.id for t in real.plan("p12").tasks]
    assert (
        sum(a.text != b.text for a, b in zip(copy.tasks, real.plan("p12").tasks, strict=False)) > len(copy.tasks) // 2
    )


def test_synthetic_corpus_is_reproducible(tmp_path):
    make_corpus(tmp_path / "a", 2, seed=7)
    make_corpus(tmp_path / "b", 2, seed=7)
    for path in (tmp_path / "a" / "sources").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / "sources" / path.name).read_bytes()


# ---------------------------------------------------------------- the lineage cache


def test_lineage_cache_hit_returns_an_equal_lineage(tmp_path, real, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.build_scripts.lineage")
    first, _ = lineage_cache.cached_lineage(real, DATA, lambda: linker_inputs(DATA), cache_dir=tmp_path)
    assert "lineage: computed" in caplog.text
    caplog.clear()
    again, _ = lineage_cache.cached_lineage(real, DATA, lambda: linker_inputs(DATA), cache_dir=tmp_path)
    assert "lineage: cache hit" in caplog.text
    assert again == first  # first was computed, as build_lineage computes it


def test_lineage_cache_keeps_the_review_queue(tmp_path, real):
    """With p12's decisions gone its pairs are open: the review queue (candidates, scores,
    strengths, evidence) comes back from the cache as it was computed."""
    data = _data_copy(tmp_path)
    links = data / "links.yaml"
    head, body = links.read_text(encoding="utf-8").split("\nlinks:\n", 1)
    kept = [e for e in re.split(r"(?m)^(?=  - successor: )", body) if not e.startswith("  - successor: p12-")]
    links.write_text(head + "\nlinks:\n" + "".join(kept), encoding="utf-8")
    first, _ = lineage_cache.cached_lineage(real, data, lambda: linker_inputs(data), cache_dir=tmp_path / "cache")
    again, _ = lineage_cache.cached_lineage(real, data, lambda: linker_inputs(data), cache_dir=tmp_path / "cache")
    p12 = real.plan("p12")
    opened = {
        (o.successor, o.plan) for o in first.open if o.successor.startswith("p12-")
    }  # a newer plan's are open too
    assert opened == {(t.id, e) for t in p12.tasks for e in ("p11", "wp2009")}
    assert any(p.evidence for o in first.open for p in o.proposals)
    assert again.open == first.open and again == first


def test_lineage_cache_keeps_the_curations_notes(tmp_path, real, auto_links):
    """A decision that no longer matches the linker is noted; a build with one must cache the
    note and give it back on a hit (it once could not be stored at all)."""
    data = _data_copy(tmp_path)
    made = auto_links
    reviewed = (data / "links.yaml").read_text(encoding="utf-8")
    later, earlier = real.plans[-1].tasks, real.plans[0].tasks
    successor, predecessor = next(
        (s.id, p.id)
        for s in later
        for p in earlier
        if (s.id, p.id) not in made and f"successor: {s.id}\n    predecessor: {p.id}\n" not in reviewed
    )
    with (data / "links.yaml").open("a", encoding="utf-8") as out:  # reject a link nobody makes
        out.write(f"  - successor: {successor}\n    predecessor: {predecessor}\n    decision: reject\n")
        out.write("    note: 两者无关。\n")
    cache = tmp_path / "cache"
    _, computed = lineage_cache.cached_lineage(real, data, lambda: linker_inputs(data), cache_dir=cache)
    _, hit = lineage_cache.cached_lineage(real, data, lambda: linker_inputs(data), cache_dir=cache)
    assert [str(w) for w in computed] == [str(w) for w in hit]
    assert any("does not make this link" in str(w) for w in hit)
    assert hit == computed


def _data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return data


@pytest.mark.parametrize("name", ["lineage.yaml", "concepts.yaml", "terms.yaml", "links.yaml"])
def test_lineage_cache_key_changes_with_every_data_file(tmp_path, real, name):
    data = _data_copy(tmp_path)
    before = lineage_cache.cache_key(real, data)
    assert lineage_cache.cache_key(real, data) == before  # stable
    with (data / name).open("a", encoding="utf-8") as out:
        out.write("\n# changed\n")
    assert lineage_cache.cache_key(real, data) != before


def test_lineage_cache_key_changes_with_tasks_curation_and_code(tmp_path, real, monkeypatch):
    before = lineage_cache.cache_key(real, DATA)
    assert lineage_cache.cache_key(real, DATA, curation=False) != before
    fewer = type(real)(plans=real.plans[1:], excerpts=())
    assert lineage_cache.cache_key(fewer, DATA) != before
    code = tmp_path / "code"
    shutil.copytree(lineage_cache.PACKAGE_DIR, code, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    monkeypatch.setattr(lineage_cache, "PACKAGE_DIR", code)
    assert lineage_cache.cache_key(real, DATA) == before
    selection = code / "lineage" / "selection.py"
    selection.write_text(selection.read_text(encoding="utf-8") + "\n# tuned\n", encoding="utf-8")
    assert lineage_cache.cache_key(real, DATA) != before


def test_lineage_cache_key_covers_every_module_the_linker_imports(tmp_path, real, monkeypatch):
    # terms.fold is reached from the linker only through segment.py → terms.py
    assert {
        "lineage/settings.py",
        "lineage/index.py",
        "lineage/selection.py",
        "lineage/graph.py",
        "lineage/build.py",
        "lineage/curation.py",
        "lineage/evidence.py",
        "language/segment.py",
        "language/terms.py",
        "core/schema.py",
    } <= set(lineage_cache.code_files())
    assert not any(name.startswith("site/") for name in lineage_cache.code_files())  # pages are not the linker's input
    before = lineage_cache.cache_key(real, DATA)
    code = tmp_path / "code"
    shutil.copytree(lineage_cache.PACKAGE_DIR, code, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    monkeypatch.setattr(lineage_cache, "PACKAGE_DIR", code)
    terms = code / "language" / "terms.py"
    terms.write_text(terms.read_text(encoding="utf-8").replace("def fold(", "def fold(  "), encoding="utf-8")
    assert lineage_cache.cache_key(real, DATA) != before


def test_load_site_links_with_the_data_folder_it_is_given(tmp_path, real_site, auto_links):
    from build_scripts.website import load

    data = _data_copy(tmp_path)
    (data / "links.yaml").write_text("links: []\n", encoding="utf-8")  # no review in this copy
    other = load.load_site(data, with_terms=False, with_indicators=False).lineage
    assert {(l.successor, l.predecessor) for l in other.links} == auto_links
    assert not any(l.reviewed for l in other.links)
    assert other.links != real_site.lineage.links


def test_lineage_cache_miss_on_changed_task_text(real):
    from types import SimpleNamespace as NS

    def corpus(edit: bool):
        plans = []
        for plan in real.plans:
            tasks = [
                NS(
                    id=t.id,
                    plan_id=t.plan_id,
                    title=t.title,
                    headings=t.headings,
                    text=t.text + ("新增一句。" if edit and t is real.tasks[-1] else ""),
                )
                for t in plan.tasks
            ]
            plans.append(NS(id=plan.id, meta=plan.meta, tasks=tasks))
        return NS(plans=plans)

    assert lineage_cache.cache_key(corpus(False), DATA) == lineage_cache.cache_key(real, DATA)
    assert lineage_cache.cache_key(corpus(True), DATA) != lineage_cache.cache_key(real, DATA)


@pytest.mark.parametrize("change", [{"start_year": 2005}, {"series": "区"}])
def test_lineage_cache_key_changes_with_a_plans_period_or_series(real, change):
    """Which earlier plans the linker reads follows from each plan's start and series."""
    import dataclasses

    moved = dataclasses.replace(real.plans[1], meta=dataclasses.replace(real.plans[1].meta, **change))
    other = type(real)(plans=(real.plans[0], moved, *real.plans[2:]), excerpts=real.excerpts)
    assert lineage_cache.cache_key(other, DATA) != lineage_cache.cache_key(real, DATA)


# ---------------------------------------------------------------- the report


def _tiny_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "plans" / "p1" / "1").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "search").mkdir()
    (site / "assets" / "a.css").write_text("body{color:red}" * 50)
    (site / "assets" / "a.js").write_text("console.log(1);" * 50)
    page = (
        '<html><head><link rel="stylesheet" href="{0}assets/a.css"><script src="{0}assets/a.js"></script>'
        "</head><body>{1}</body></html>"
    )
    (site / "index.html").write_text(page.format("", "首页" * 100), encoding="utf-8")
    (site / "plans" / "p1" / "1" / "index.html").write_text(page.format("../../../", "任务" * 300), encoding="utf-8")
    (site / "search" / "search_index.json").write_text(
        json.dumps({"docs": ["数据" * 1000]}, ensure_ascii=False), encoding="utf-8"
    )
    return site


def _report(reader: dict) -> dict:
    build = {
        "runs": 1,
        "seconds": 10.0,
        "peak_mb": 180.0,
        "stages": {"parse": 0.1, "link": 1.2, "mkdocs": 6.0},
        "rebuild": {"seconds": 7.0, "lineage_cache_hit": True, "link_s": 0.0},
    }
    report = {
        "command": "python -m benchmarks --quick",
        "generated": "2020-01-01 00:00 UTC",
        "machine": {"python": "3.11", "cpus": 2, "platform": "test"},
        "build": build,
        "overhead": {
            "plain": {"runs": 1, "seconds": 8.0, "peak_mb": 120.0, "pages": 10},
            "ratio": 1.25,
            "ratio_rebuild": 0.875,
        },
        "reader": reader,
        "scale": [
            {
                "factor": f,
                "plans": 4 * f,
                "tasks": 165 * f,
                "links": 200 * f,
                "source_bytes": 1,
                "parse_s": 0.1 * f,
                "link_s": 1.0 * f,
                "parse_link_peak_mb": 100.0,
                "build_s": 5.0 * f,
                "build_peak_mb": 200.0,
            }
            for f in (1, 40)
        ],
        "quality": {"skipped": "--quick"},
    }
    report["targets"] = targets(report)
    return report


def test_growth_exponent_of_square_and_missing_values():
    small, large = {"tasks": 100, "t": 2.0, "none": None}, {"tasks": 400, "t": 32.0, "none": 5.0}
    assert growth_exponent(small, large, "t") == pytest.approx(2.0)
    assert growth_exponent(small, large, "none") is None
    assert growth_exponent(large, small, "t") is None


def test_reader_cost_counts_the_page_with_its_css_and_js(tmp_path):
    site = _tiny_site(tmp_path)
    cost = reader_cost(site, source_bytes=50_000)
    assert cost["chapter"]["files"] == 3 and cost["home"]["files"] == 3
    assert cost["chapter"]["total_bytes"] == sum(
        p.stat().st_size for p in (site / "plans/p1/1/index.html", site / "assets/a.css", site / "assets/a.js")
    )
    assert 0 < cost["chapter"]["total_gzip"] < cost["chapter"]["total_bytes"]
    assert cost["search_gzip_per_100kb_source"] == pytest.approx(cost["search_index_gzip"] * 2)


def test_report_has_every_section_and_every_target(tmp_path):
    report = _report(reader_cost(_tiny_site(tmp_path), source_bytes=50_000))
    write_report(report, tmp_path / "r.json", tmp_path / "r.md")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    for heading in (
        "## 目标",
        "## 完整构建",
        "## 相对于原样 MkDocs 的额外开销",
        "## 读者实际传输量",
        "## 页面文件大小",
        "## 规模",
        "## 脉络链接质量",
    ):
        assert heading in text
    assert [t["met"] for t in report["targets"]] == [True, True, True, True, True, True]
    assert "40 倍语料的链接少于 60 秒" in text and "| 40 倍 | 160 | 6600 |" in text
    # the made-up rows grow linearly in time (k = 1) and not at all in memory (k = 0)
    assert "链接 ×40.0（k = 1.00）" in text and "构建内存 ×1.0（k = 0.00）" in text
    # without a browser measurement the page says so, and the target says it is an estimate
    assert "未测量" in text and "静态估算" in report["targets"][4]["target"]
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == report
    assert page_fragment(load_report(tmp_path / "r.json")) == report_markdown(report)
    assert "python -m benchmarks" in page_fragment(load_report(tmp_path / "absent.json"))


def test_report_shows_the_browser_measurement_and_judges_the_target_by_it(tmp_path):
    report = _report(reader_cost(_tiny_site(tmp_path), source_bytes=50_000))
    files = [
        {"path": "plans/p1/1/", "status": 200, "cached": False, "bytes": 300_000, "gzip": 160 * 1024},
        {"path": "search/head.json", "status": 200, "cached": False, "bytes": 9, "gzip": 5},
    ]
    visit = {
        "page": "plans/p1/1/",
        "requests": 1,
        "transferred": 1,
        "bytes": 300_000,
        "gzip": 160 * 1024,
        "search_index_loaded": False,
        "files": files[:1],
    }
    report["transfer"] = {
        "first": visit,
        "repeat": {**visit, "gzip": 1024},
        "first_search": {**visit, "search_index_loaded": True, "search_files": 1, "search_gzip": 5, "files": files},
        "gzip_level": 6,
        "query": "物联网",
        "command": "python -m benchmarks.transfer site",
        "generated": "2020-01-01 00:00 UTC",
    }
    report["targets"] = targets(report)
    first = report["targets"][4]
    assert "浏览器实测" in first["target"] and first["value"] == "160.0 千字节" and not first["met"]
    text = report_markdown(report)
    assert "**160.0 千字节**" in text and "`gzip -6`" in text and "只在读者打开搜索时才下载" in text


# ---------------------------------------------------------------- the growth series (scale.py)


def test_dense_generations_cover_the_same_years_and_shifted_ones_follow(tmp_path, real):
    from benchmarks.synth import GENERATION_YEARS

    for overlap, years in (("dense", 1), ("shifted", GENERATION_YEARS)):
        make_corpus(tmp_path / overlap, 3, seed=1, overlap=overlap)
        corpus = load_corpus(tmp_path / overlap)
        for plan in real.plans:
            starts = [corpus.plan(f"{prefix}{plan.id}").meta.start_year for prefix in ("", "s01", "s02")]
            assert starts == [plan.meta.start_year + years * g for g in range(3)], (overlap, plan.id)
    with pytest.raises(ValueError, match="overlap"):
        make_corpus(tmp_path / "x", 2, overlap="sideways")


def test_growth_exponents_are_slopes_of_log_cost_over_log_factor():
    from benchmarks.scale import exponents

    points = [
        {"factor": 2, "cpu_s": 10.0, "peak_mb": 100.0, "output_bytes": 4_000},
        {"factor": 4, "cpu_s": 20.0, "peak_mb": 100.0, "output_bytes": 16_000},
        {"factor": 8, "timed_out": 60},
    ]
    assert exponents(points) == [{"from": 2, "to": 4, "cpu_s": 1.0, "peak_mb": 0.0, "output_bytes": 2.0}]


def test_site_figures_count_bytes_pages_and_the_largest_page(tmp_path):
    from benchmarks.scale import site_figures

    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text("x" * 10, encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text("y" * 30, encoding="utf-8")
    (tmp_path / "a" / "data.json").write_text("z" * 5, encoding="utf-8")
    figures = site_figures(tmp_path)
    assert figures["output_bytes"] == 45 and figures["pages"] == 2 and figures["files"] == 3
    assert (figures["largest_page"], figures["largest_page_bytes"]) == ("a/index.html", 30)
    assert figures["bytes_by_part"] == {"a": 35, "/": 10}


def _point(factor: int, overlap: str, cpu: float, mb: float, out: float) -> dict:
    return {
        "factor": factor,
        "overlap": overlap,
        "plans": 4 * factor,
        "cpu_s": cpu,
        "peak_mb": mb,
        "output_bytes": out,
        "pages": 480 * factor,
        "largest_page": "plans/p12/full-text/index.html",
        "largest_page_bytes": 124_000,
    }


def test_a_new_point_replaces_the_old_one_of_its_factor_and_the_exponents_follow():
    from benchmarks.scale import merged

    old = merged({}, [_point(5, "dense", 50, 500, 1e8), _point(20, "dense", 400, 500, 4e8)])
    assert old["exponents"][0]["cpu_s"] == 1.5
    new = merged(old, [_point(20, "dense", 200, 500, 4e8), _point(10, "dense", 100, 500, 2e8)])
    assert [p["factor"] for p in new["points"]] == [5, 10, 20]
    assert [e["cpu_s"] for e in new["exponents"]] == [1.0, 1.0]


def test_growth_targets_say_met_missed_or_not_measured():
    from benchmarks.scale import growth_targets, merged

    growth = {
        "dense": merged({}, [_point(5, "dense", 50, 500, 1e8), _point(10, "dense", 100, 5000, 2e8)]),
        "shifted": merged({}, [_point(5, "shifted", 50, 500, 1e8), _point(20, "shifted", 400, 2000, 4e8)]),
    }
    rows = {t["target"]: (t["value"], t["met"]) for t in growth_targets(growth)}
    assert rows["重叠语料 10×：内存峰值不超过 4 吉字节"] == ("5000 兆字节", False)
    assert rows["错开语料 5×→20×：处理器时间的增长指数不超过 1.15"] == ("1.50", False)
    assert rows["错开语料 5×→20×：输出的增长指数不超过 1.15"] == ("1.00", True)
    assert rows["重叠语料 5×→20×：输出的增长指数不超过 1.15"] == (None, None)  # no 20× point
    assert rows["错开语料 40×：处理器时间不超过 180 秒"] == (None, None)


def test_the_performance_page_shows_both_growth_series_and_their_targets():
    from benchmarks.scale import growth_targets, merged

    growth = {
        "dense": merged({}, [_point(5, "dense", 50, 500, 1e8), _point(20, "dense", 200, 2000, 4e8)]),
        "shifted": merged({}, [_point(5, "shifted", 50, 500, 1e8)]),
        "commands": ["python -m benchmarks scale --factor 5 20 --overlap dense shifted --report"],
        "generated": "2026-12-06 19:00 UTC",
    }
    growth["targets"] = growth_targets(growth)
    text = "\n".join(growth_markdown(growth))
    assert "## 增长" in text and growth["commands"][0] in text
    assert text.count("| 重叠（") == 3 and text.count("| 错开（") == 1  # two points and one exponent; one point
    assert "| 重叠语料 5×→20×：处理器时间的增长指数不超过 1.15 | 1.00 | 达到 |" in text
    assert "未测量" in text
    assert growth_markdown({}) == []
