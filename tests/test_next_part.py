"""The next part is ready before the reader asks for it, and "Next" shows it.

Where the browser supports Speculation Rules, it prerenders the next part
(partials/site-scripts.html). Chromium prerenders nothing while a DevTools
client is attached, as Playwright is ("PrerenderingDisabledByDevTools"), so
these tests see what stays observable: the request the browser makes for the
prerender, its use when the reader follows "Next", and the fallback where
Speculation Rules are not supported.
"""

from __future__ import annotations

from playwright.sync_api import expect

from browser import RECORD_VIOLATIONS, wake
from essay import original
from project import nav_pages, page_url

PAGES = nav_pages()
HEADING = "article.md-content__inner > h1"


def purposes(reader) -> dict[str, list[str]]:
    """Every page address the tab asks for, with the Sec-Purpose of each request (empty for a plain one)."""
    asked: dict[str, list[str]] = {}
    reader.tab.on("request", lambda request: asked.setdefault(request.url, []).append(
        request.headers.get("sec-purpose", "")
    ))
    return asked


def test_the_next_part_is_fetched_for_prerendering_before_the_reader_asks(site, reader):
    asked = purposes(reader)
    reader.tab.add_init_script(RECORD_VIOLATIONS)
    reader.tab.goto(site.url + page_url(PAGES[2]))
    following, before = site.url + page_url(PAGES[3]), site.url + page_url(PAGES[1])
    reader.tab.wait_for_timeout(500)  # a moment of reading
    assert asked.get(following) == ["prefetch;prerender"]
    assert before not in asked  # the previous part only when the reader reaches for its link
    assert reader.tab.evaluate("window.__violations") == []  # the policy admits the rules


def test_following_next_shows_the_part_made_ready_without_fetching_it_again(site, reader):
    tab, start = reader.tab, len(site.served)
    tab.goto(site.url + page_url(PAGES[2]))
    following = page_url(PAGES[3])
    tab.wait_for_timeout(500)  # a moment of reading
    fetched = lambda: [s.purpose for s in site.served[start:] if s.path.endswith("/" + following)]  # noqa: E731
    assert fetched() == ["prefetch;prerender"]
    tab.locator("a.md-footer__link--next").click()
    expect(tab.locator(HEADING)).to_have_text(original().sections[3].heading)
    assert tab.url == site.url + following
    assert fetched() == ["prefetch;prerender"]  # what the server sent for it, once
    assert reader.errors == []


def test_without_speculation_rules_the_next_part_is_prefetched_and_next_goes_by_instant_navigation(site, reader):
    # As in Firefox: the site's script finds no support, and prefetches the next part instead.
    tab = reader.tab
    tab.add_init_script("HTMLScriptElement.supports = () => false")
    tab.goto(site.url + page_url(PAGES[2]))
    following = site.url + page_url(PAGES[3])
    expect(tab.locator(f"link[rel=prefetch][href='{following}']")).to_have_count(1)
    wake(tab)
    tab.evaluate("window.__same_document = true")
    tab.locator("a.md-footer__link--next").click()
    expect(tab.locator(HEADING)).to_have_text(original().sections[3].heading)
    assert tab.evaluate("window.__same_document") is True
    assert reader.errors == []
