"""axe-core finds no WCAG 2.2 A/AA violation, in either palette."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from helpers import nav_pages, page_url

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ADDRESSES = [page_url(src) for src in nav_pages()] + ["no-such-page/"]  # the last is the 404 page


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", ADDRESSES, ids=lambda a: a or "home")
def test_no_accessibility_violations(site, browser, axe, scheme, address):
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    tab.goto(site.url + address)
    tab.wait_for_load_state("networkidle")
    results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    context.close()
    assert results.violations_count == 0, results.generate_report()
