"""axe-core finds no WCAG 2.2 A/AA violation, in either palette."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

import giscus
from browser import settle, wake
from project import addresses, nav_pages, page_url

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ADDRESSES = addresses() + ["no-such-page/"]  # the last is the 404 page
SCHEMES = ["light", "dark"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


def violations(axe, tab):
    results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    return results.violations_count, results.generate_report()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("address", ADDRESSES, ids=lambda a: a or "home")
def test_no_accessibility_violations(site, open_tab, axe, scheme, address):
    # Once the reader has moved: Material runs, with its search and palette toggle.
    tab = open_tab(color_scheme=scheme).tab
    tab.goto(site.url + address)
    wake(tab)
    count, report = violations(axe, tab)
    assert count == 0, report


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_accessibility_violations_before_the_reader_moves(site, open_tab, axe, scheme):
    # The page as first painted, before Material's scripts load.
    tab = open_tab(color_scheme=scheme).tab
    tab.goto(site.url + page_url(nav_pages()[1]), wait_until="networkidle")
    count, report = violations(axe, tab)
    assert count == 0, report


@pytest.mark.parametrize("scheme", SCHEMES)
def test_comments_are_accessible_before_and_after_loading(giscus_site, open_tab, axe, scheme):
    tab = open_tab(color_scheme=scheme).tab
    tab.context.route(giscus.PATTERN, giscus.answer)
    tab.goto(giscus_site.url + page_url(nav_pages()[1]))
    wake(tab)
    before = violations(axe, tab)
    giscus.load_comments(tab)  # which scrolls, and the header shows the page's title
    settle(tab)
    after = violations(axe, tab)
    assert before[0] == 0, before[1]
    assert after[0] == 0, after[1]
