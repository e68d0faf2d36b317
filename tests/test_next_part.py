"""The next part is ready before the reader asks for it, and "Next" shows it.

Where the browser supports Speculation Rules, it prerenders the next part
(partials/site-scripts.html). Chromium prerenders nothing while a DevTools
client is attached, as Playwright is ("PrerenderingDisabledByDevTools"):
Playwright's tests see the request the browser makes for the prerender, its
use when the reader follows "Next", and the fallback where Speculation Rules
are not supported; one test runs Chromium without DevTools, with a probe
script of the site's origin that follows "Next" and reports back, to see the
prerendered page shown.
"""

from __future__ import annotations

import subprocess
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from browser import CHROMIUM_ARGS, RECORD_VIOLATIONS, chromium, wake
from essay import original
from project import nav_pages, page_url

PAGES = nav_pages()
HEADING = "article.md-content__inner > h1"
NEXT_PART_WITHIN_MS = 5000  # the page asks for the next part within this of its start (a second after load)


# When each largest-paint candidate was shown, and when the rules that ask
# for the next part joined the page (ms since the page's start).
PAINTS_AND_RULES = """
window.__order = { paints: [], rules: null }
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__order.paints.push(entry.startTime)
}).observe({ type: "largest-contentful-paint", buffered: true })
new MutationObserver((_, observer) => {
  if (!document.querySelector("script[type=speculationrules]")) return
  window.__order.rules = performance.now()
  observer.disconnect()
}).observe(document, { childList: true, subtree: true })
"""
WHEN_RULES_JOIN = """ms => new Promise((resolve, reject) => {
  const deadline = performance.now() + ms
  const check = () => {
    if (window.__order.rules !== null) resolve(window.__order)
    else if (performance.now() > deadline) reject(new Error("the rules never joined the page"))
    else setTimeout(check, 50)
  }
  check()
})"""
CLEAR_OF_PAINT_MS = 100  # at least, between the largest paint's display and the request for the next part


def test_the_next_part_is_requested_only_well_after_the_largest_paint_is_shown(site, phone):
    # A request that starts before the largest paint reaches the screen is
    # one Lighthouse counts before that paint. A frame is shown a little
    # after the page's scripts have drawn it, and they cannot see when: the
    # request must come well clear of it, on every part, on a phone, with
    # the parts loading side by side.
    tabs = []
    for src in PAGES[:-1]:  # the last part has no next part
        tab = phone.tab.context.new_page()
        tab.add_init_script(PAINTS_AND_RULES)
        tab.goto(site.url + page_url(src), wait_until="commit")
        tabs.append((src, tab))
    for src, tab in tabs:
        order = tab.evaluate(WHEN_RULES_JOIN, NEXT_PART_WITHIN_MS)
        assert order["paints"], f"{src}: no largest paint"
        clear = order["rules"] - max(order["paints"])
        assert clear >= CLEAR_OF_PAINT_MS, f"{src}: the next part asked for {clear:.0f} ms after the largest paint"


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
    following, before = site.url + page_url(PAGES[3]), site.url + page_url(PAGES[1])
    with reader.tab.expect_request(following, timeout=NEXT_PART_WITHIN_MS):
        reader.tab.goto(site.url + page_url(PAGES[2]))
    assert asked.get(following) == ["prefetch;prerender"]
    assert before not in asked  # the previous part only when the reader reaches for its link
    assert reader.tab.evaluate("window.__violations") == []  # the policy admits the rules


def test_following_next_shows_the_part_made_ready_without_fetching_it_again(site, reader):
    tab, start = reader.tab, len(site.served)
    following = page_url(PAGES[3])
    with tab.expect_event("requestfinished", lambda request: request.url == site.url + following, timeout=NEXT_PART_WITHIN_MS):
        tab.goto(site.url + page_url(PAGES[2]))
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


# The reader's browser, as no test can drive it: without DevTools attached.
# The probe on the first part waits a moment of reading (and, for a reader
# who woke Material, sends the pointer's first move), then follows "Next";
# the probe on the next part reports how it was shown.
GO = """
addEventListener("load", async () => {
  if (%(woken)s) {
    dispatchEvent(new PointerEvent("pointermove"))
    await window.essayTheme
  }
  setTimeout(() => document.querySelector("a.md-footer__link--next").click(), 3000)
})
"""
REPORT = """
const report = () => requestAnimationFrame(() => fetch("%(base)s__report", {
  method: "POST",
  body: JSON.stringify({
    heading: document.querySelector("article.md-content__inner > h1")?.textContent,
    activationStart: performance.getEntriesByType("navigation")[0].activationStart,
    material: typeof window.document$ !== "undefined",
  }),
}))
if (document.prerendering) document.addEventListener("prerenderingchange", report, { once: true })
else report()
"""


@pytest.mark.slow  # a plain Chromium, started for each reader
@pytest.mark.parametrize("woken", [False, True], ids=["material-asleep", "material-woken"])
def test_in_a_browser_without_devtools_next_shows_the_prerendered_part(site, tmp_path, woken):
    # The site's own server, at the address the site was built for: its policy runs script files
    # only from there.
    first, following = page_url(PAGES[2]), page_url(PAGES[3])
    server = site.server
    server.probes.update(
        {first: GO % {"woken": str(woken).lower()}, following: REPORT % {"base": urlsplit(site.url).path}}
    )
    server.reports.clear()
    browser = subprocess.Popen(
        [chromium(), "--headless", *CHROMIUM_ARGS, f"--user-data-dir={tmp_path / 'profile'}", server.url + first],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not server.reports and time.monotonic() < deadline and browser.poll() is None:
            time.sleep(0.1)
    finally:
        browser.kill()
        browser.wait()
        server.probes.clear()
    (report,) = server.reports
    assert report["heading"] == original().sections[3].heading
    assert report["activationStart"] > 0  # shown from the prerender, not loaded anew
    # Material was started in the prerender only for a reader who had it running.
    assert report["material"] is woken
