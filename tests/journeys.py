"""What readers do after the first view, measured in Chromium for `make bench` (never in a test).

Each journey runs on a phone on a slow connection (412×823, CPU 4× slower,
150 ms round trips, 1.6 Mbps down, as Lighthouse's mobile run simulates it)
or at a keyboard screen under the same throttling, in a fresh browser
profile, and returns what it measured. benchmark.py runs them for this site
and for a default Material build of the same pages, alternately.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from browser import AFTER_FIRST_PAINT, swipe
from server import PagesServer

PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}
CPU_SLOWDOWN = 4
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
WORD = "sanctions"
KEY_DELAY_MS = 80
READING_MS = 2000  # how long a reader stays on a part before "Next"
# The header's search control: Material's label, or the site's own button.
SEARCH = '.md-header__button[for="__search"], .essay-toggle--search'
HEADING = "article.md-content__inner > h1"

# In the page: when the reader's gesture began, and the first frame in which
# the search field was both on screen and focused. On screen: the point at the
# middle of the field's box is the field's, inside the window. Focus and
# checkVisibility() alone are not enough: on a narrow screen Material puts
# the caret in the field of a closed search, which it folds to a box of no
# size (the field half outside the window), and opens the search a task
# later. Material's fade as the search opens is the same on both sites, and
# not waited for.
RECORD_SEARCH_READY = """
window.__gesture = null
window.__ready = null
for (const type of ["pointerdown", "touchstart", "keydown"])
  addEventListener(type, event => { window.__gesture ??= event.timeStamp }, { capture: true })
const onScreen = input => {
  const box = input.getBoundingClientRect()
  return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === input
}
const watch = () => {
  const input = document.querySelector(".md-search__input")
  if (window.__gesture !== null && input && document.activeElement === input && onScreen(input))
    window.__ready = performance.now()
  else requestAnimationFrame(watch)
}
requestAnimationFrame(watch)
"""


# A reader acts on what shows: REACTION_MS after the page's first contentful
# paint (a quick reaction to a sight), as opposed to the load event, which no
# reader sees.
REACTION_MS = 250


# A reader who follows a link and types at once waits for neither site's load
# event: the same instant on both, in the page's clock, which starts as the
# link is followed (performance.now()).
AT_INSTANT = "at => new Promise(resolve => { const tick = () => performance.now() >= at ? resolve() : setTimeout(tick, 5); tick() })"


def opened(tab: Page, url: str, paced: bool, at_ms: float | None = None) -> None:
    """Open url for a journey: until its load event; or, paced, until a reader's reaction after its first
    paint; or, given at_ms, until that many ms after the link was followed, loaded or not."""
    if at_ms is not None:
        tab.goto(url, wait_until="commit")
        tab.evaluate(AT_INSTANT, at_ms)
    elif paced:
        tab.goto(url, wait_until="commit")
        tab.evaluate(AFTER_FIRST_PAINT, REACTION_MS)
    else:
        tab.goto(url, wait_until="load")


def throttled(browser: Browser, **options) -> Page:
    """A tab in a fresh profile, on the slow phone's connection and CPU."""
    return slowed(browser.new_context(**options).new_page())


def slowed(tab: Page) -> Page:
    """tab, on the slow phone's connection and CPU."""
    session = tab.context.new_cdp_session(tab)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", NETWORK)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    tab.cdp = session  # for touch gestures (read_to_the_end)
    return tab


def closed(*tabs: Page) -> None:
    """Close the tabs' profile, each tab's CPU at full speed first: Chromium 156 hung for good (its renderer
    spinning) closing a throttled tab whose page was being replaced, as when Material's n, typed while /
    was lost, went to the next part during an evaluate (at the 7th and the 8th close of two probes; in
    none of 120 closes with this)."""
    for tab in tabs:
        tab.cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    tabs[0].context.close()


def read_to_the_end(tab: Page, link: str) -> None:
    """Read down a part as a phone reader does: a finger's swipe at a time, a pause between, until link shows."""
    for _ in range(40):
        if tab.locator(link).evaluate("element => element.getBoundingClientRect().top < innerHeight"):
            return
        swipe(tab.cdp, 500, y=650)
        tab.wait_for_timeout(READING_MS / 8)


def search_ready_ms(tab: Page) -> float:
    tab.wait_for_function("window.__ready !== null", polling="raf", timeout=30_000)
    return tab.evaluate("window.__ready - window.__gesture")


def tap_search(browser: Browser, url: str, paced: bool = False) -> float:
    """A phone reader opens a page and taps search: ms from the tap to the field on screen with the caret in it."""
    tab = throttled(browser, **PHONE)
    tab.add_init_script(RECORD_SEARCH_READY)
    opened(tab, url, paced)
    tab.locator(SEARCH).tap()
    ready = search_ready_ms(tab)
    closed(tab)
    return ready


@dataclass
class Typed:
    kept: bool  # every key of /sanctions in the search field
    ready_ms: float  # from the first key the page saw to the field on screen, caret in it (nan: never)
    load_ms: float  # when the page's load event ended, ms after the link was followed


def type_search(browser: Browser, url: str, width: int, paced: bool = False, at_ms: float | None = None) -> Typed:
    """A keyboard reader types /sanctions on a fresh page (opened as opened() says): were all keys kept,
    how soon the field was on screen with the caret in it, and when the page had loaded."""
    tab = throttled(browser, viewport={"width": width, "height": 900})
    tab.add_init_script(RECORD_SEARCH_READY)
    opened(tab, url, paced, at_ms)
    tab.keyboard.type("/" + WORD, delay=KEY_DELAY_MS)
    try:
        tab.wait_for_load_state("load")
        ready = search_ready_ms(tab) if tab.evaluate("window.__ready !== null") else float("nan")
        kept = tab.evaluate("document.querySelector('.md-search__input')?.value") == WORD
        load = tab.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    except PlaywrightError:  # the keys left the page: with / lost, Material's n and p go to the next or previous page
        kept, ready, load = False, float("nan"), float("nan")
    closed(tab)
    return Typed(kept, ready, load)


@dataclass
class Session:
    next_ms: list[float]  # from each tap on "Next" to the next part's title
    kib: float  # everything the server sent, compressed as sent
    second_tab_search_ms: float  # a part opened in a new tab: from the tap on search to the field on screen, caret in it


def reading_session(browser: Browser, server: PagesServer, pages: list[str], headings: list[str]) -> Session:
    """A phone reader opens the home page, reads down each part with a finger and follows "Next" to the last
    part, then opens a part in a new tab."""
    start = len(server.served)
    tab = throttled(browser, **PHONE)
    tab.goto(server.url, wait_until="load")
    times = []
    for heading in headings[1:]:
        tab.wait_for_timeout(READING_MS)
        read_to_the_end(tab, "a.md-footer__link--next")
        link = tab.locator("a.md-footer__link--next")
        link.scroll_into_view_if_needed()
        began = time.perf_counter()
        link.tap()
        tab.wait_for_function(
            "([selector, text]) => document.querySelector(selector)?.textContent.trim() === text",
            arg=[HEADING, heading],
            polling="raf",
            timeout=30_000,
        )
        times.append((time.perf_counter() - began) * 1000)
    tab.wait_for_timeout(READING_MS)
    kib = sum(answer.size for answer in server.served[start:]) / 1024
    second = slowed(tab.context.new_page())
    second.add_init_script(RECORD_SEARCH_READY)
    second.goto(server.url + pages[len(pages) // 2], wait_until="load")
    second.locator(SEARCH).tap()
    ready = search_ready_ms(second)
    closed(tab, second)
    return Session(times, kib, ready)
