"""In CI every skip is a failure (conftest.py), so a missing tool or input cannot pass quietly;
only a test marked ``beside_shared`` may skip there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import pytest

def test_without_its_tool():
    pytest.skip("no tool")

@pytest.mark.beside_shared
def test_comparing_with_shared():
    pytest.skip("no ../shared")
"""


def run(tmp_path: Path, ci: bool) -> str:
    (tmp_path / "conftest.py").write_text(
        "from conftest_under_test import pytest_configure, pytest_runtest_makereport  # noqa: F401\n", encoding="utf-8"
    )
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    env["PYTHONPATH"] = str(tmp_path)
    tests = Path(__file__).parent
    (tmp_path / "conftest_under_test.py").write_text(
        (tests / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "browser_support.py").write_text(
        (tests / "browser_support.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfs", "test_probe.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout


def test_a_skip_fails_in_ci_unless_the_test_only_compares_with_shared(tmp_path):
    out = run(tmp_path, ci=True)
    assert "1 failed, 1 skipped" in out, out
    assert "skipped in CI, where every test must run: Skipped: no tool" in out


def test_outside_ci_a_skip_stays_a_skip(tmp_path):
    out = run(tmp_path, ci=False)
    assert "2 skipped" in out, out
