"""Fixtures: the site built once per session, as a reader would get it."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

import giscus
from helpers import CHROMIUM_ARGS, PROJECT, Reader, Site, build, chromium, configure, copy_project
from server import PagesServer

# The path GitHub project pages serve a site under: /REPO/.
BASE_PATH = "/essay/"


def served(project, root):
    """Build a project with `mkdocs build --strict` and serve it as on Pages."""
    server = PagesServer(BASE_PATH)
    result = build(project, root, server.url)
    assert result.returncode == 0, result.stderr
    server.start(root)
    yield Site(root, server.url, result.stderr + result.stdout)
    server.stop()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The project as it is."""
    yield from served(PROJECT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def giscus_site(tmp_path_factory):
    """The project with comments configured: extra.comments.giscus in mkdocs.yml."""
    project = copy_project(tmp_path_factory.mktemp("giscus") / "project")
    configure(project, {"comments": {"giscus": giscus.SETTINGS}})
    yield from served(project, tmp_path_factory.mktemp("giscus-site"))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile: light scheme, desktop size, JavaScript on."""
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def reader(context) -> Reader:
    return Reader.on(context.new_page())


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
