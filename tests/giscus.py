"""A stand-in for giscus.app: the tests neither depend on its service nor send it anything.

Playwright answers the browser's requests to https://giscus.app with it, so
that the tests see what the site does around Giscus: when it asks for the
client, with which settings, and what it tells the frame. It keeps the
contract of the real client.js (giscus/giscus client.ts): it reads the
script's data-* settings, links giscus.app's default.css, fills the page's
.giscus container with an <iframe title="Comments" class="giscus-frame">
whose address carries the settings, and the frame posts {giscus: {...}}
messages to the page. The frame keeps what the page tells it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, expect

ORIGIN = "https://giscus.app"
PATTERN = ORIGIN + "/**"

CLIENT = """
(() => {
  const script = document.currentScript
  const params = new URLSearchParams({ ...script.dataset, term: location.pathname, origin: location.href })
  const style = document.createElement("link")
  style.rel = "stylesheet"
  style.href = "https://giscus.app/default.css"
  document.head.prepend(style)
  const frame = document.createElement("iframe")
  frame.className = "giscus-frame"
  frame.title = "Comments"
  frame.src = "https://giscus.app/widget?" + params
  const container = document.querySelector(".giscus")
  container.replaceChildren(frame)
})()
"""

WIDGET = """<!doctype html>
<html lang="en"><title>Giscus stand-in</title>
<script src="https://giscus.app/widget.js"></script>
</html>"""

WIDGET_SCRIPT = """
window.received = []
window.addEventListener("message", event => window.received.push(event.data))
parent.postMessage({ giscus: { resizeHeight: 200 } }, "*")
"""

BODIES = {
    "/client.js": ("text/javascript", CLIENT),
    "/widget": ("text/html", WIDGET),
    "/widget.js": ("text/javascript", WIDGET_SCRIPT),
    "/default.css": ("text/css", ".giscus-frame { width: 100%; border: 0; }"),
}


def answer(route: Route) -> None:
    """Answer a request to giscus.app as the stand-in does."""
    kind, body = BODIES[urlsplit(route.request.url).path]
    route.fulfill(status=200, content_type=kind, body=body)


def load_comments(tab: Page) -> None:
    """Press "Load comments", as a reader does, and wait until the thread is in."""
    tab.get_by_role("button", name="Load comments").click()
    expect(tab.get_by_role("status")).to_have_text("Comments loaded.")


# The settings a test build gives Giscus: any values of the right shape.
SETTINGS = {"repo": "owner/essay", "repo_id": "R_kgDOexample", "category": "Comments", "category_id": "DIC_kwDOexample"}
