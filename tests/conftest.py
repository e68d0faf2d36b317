"""Fixtures: the site built once per session, as a reader would get it."""

from __future__ import annotations

import pytest

from helpers import PROJECT, Site, build

# The path GitHub project pages serve a site under: /REPO/.
BASE_PATH = "/essay/"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The project built with `mkdocs build --strict` for a project-pages URL."""
    root = tmp_path_factory.mktemp("site")
    url = f"http://127.0.0.1:8000{BASE_PATH}"
    result = build(PROJECT, root, url)
    assert result.returncode == 0, result.stderr
    return Site(root, url, result.stderr + result.stdout)


# -----------------------------------------------------------------------------
# A skipped test is a test that did not run: the suite fails on any skip.
# -----------------------------------------------------------------------------

_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_line(
            f"FAILED: {len(_skipped)} test(s) skipped; a test that cannot run here is a missing install step",
            red=True,
        )
