"""axe-core finds no WCAG 2.2 A/AA violation, in either palette."""

from __future__ import annotations

import pytest

import giscus
from browser import accessibility_violations, settle, wake
from project import addresses, nav_pages, page_url

ADDRESSES = addresses() + ["no-such-page/"]  # the last is the 404 page
SCHEMES = ["light", "dark"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("address", ADDRESSES, ids=lambda a: a or "home")
def test_no_accessibility_violations(site, open_tab, scheme, address):
    # Once the reader has moved: Material runs, with its search and palette toggle.
    tab = open_tab(color_scheme=scheme).tab
    tab.goto(site.url + address)
    wake(tab)
    count, report = accessibility_violations(tab)
    assert count == 0, report


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_accessibility_violations_before_the_reader_moves(site, open_tab, scheme):
    # The page as first painted, before Material's scripts load.
    tab = open_tab(color_scheme=scheme).tab
    tab.goto(site.url + page_url(nav_pages()[1]), wait_until="networkidle")
    count, report = accessibility_violations(tab)
    assert count == 0, report


@pytest.mark.parametrize("scheme", SCHEMES)
def test_comments_are_accessible_before_and_after_loading(giscus_site, open_tab, scheme):
    tab = open_tab(color_scheme=scheme).tab
    tab.context.route(giscus.PATTERN, giscus.answer)
    tab.goto(giscus_site.url + page_url(nav_pages()[1]))
    wake(tab)
    before = accessibility_violations(tab)
    giscus.load_comments(tab)  # which scrolls, and the header shows the page's title
    settle(tab)
    after = accessibility_violations(tab)
    assert before[0] == 0, before[1]
    assert after[0] == 0, after[1]
