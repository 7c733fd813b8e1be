"""The command line prints readable summaries and exits non-zero on bad input."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import KNOWN_PLANS, registered_tasks

from build_scripts.core.paths import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_scripts", *args], cwd=ROOT, capture_output=True, text=True)


def test_check_prints_counts_per_plan_and_the_excerpt():
    result = run("check")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line[:1] in "pwt"}
    assert rows["p11"][3] == "69" and rows["wp2009"][3] == "20" and rows["p12"][3] == "34" and rows["p13"][3] == "42"
    assert rows["total"][1] == str(registered_tasks())  # 165 for the four plans
    assert "excerpt 004_874790fe7b601db2.txt: copy of p12 lines 174–189" in result.stdout
    assert "note: 003_70c5cfdcaffc58bd.txt:67:173: U+E010" in result.stdout
    assert result.stdout.rstrip().endswith("ok: all inputs valid")


def test_dump_writes_the_model_as_json(tmp_path):
    out = tmp_path / "model.json"
    result = run("dump", "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [p["meta"]["id"] for p in data["plans"] if p["meta"]["id"] in KNOWN_PLANS] == KNOWN_PLANS
    assert data["plans"][[p["meta"]["id"] for p in data["plans"]].index("p13")]["tasks"][0] == {
        "id": "p13-2-1-1",
        "title": "提升公共网络服务水平",
        "form": "lead",
        "text": data["plans"][3]["tasks"][0]["text"],
    }
    assert data["excerpts"][0]["plan_id"] == "p12"


def test_each_command_has_its_own_help_and_refuses_what_it_does_not_take():
    """``COMMAND --help`` describes that command and its options only; an argument a command
    does not take is an error (``check extra`` and ``check --out x.json`` were ignored)."""
    from build_scripts.__main__ import COMMANDS

    for name, (summary, _, options) in COMMANDS.items():
        result = run(name, "--help")
        assert result.returncode == 0 and summary.split(",")[0][:30] in " ".join(result.stdout.split()), name
        assert all(flags[0] in result.stdout for flags, _ in options), name
    assert "--no-curation" not in run("check", "--help").stdout
    for stray in (
        ("check", "extra"),
        ("check", "--out", "x.json"),
        ("dump", "--export", "x"),
        ("lineage", "--out", "z"),
    ):
        result = run(*stray)
        assert result.returncode == 2 and "unrecognized arguments" in result.stderr, stray
