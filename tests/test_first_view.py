"""The first view: what a reader's browser fetches and shows before the reader does anything.

Material's scripts wait for the reader's first gesture
(overrides/main.html, block scripts): a reader who only reads is sent the page and its
styles, and then the next part, made ready, and sees the page as Material
styles it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from browser import wake
from project import nav_pages, page_url

PAGES = nav_pages()


def kinds(requests: list[str]) -> set[str]:
    """What was fetched, by file type (a folder's address is its page)."""
    return {urlsplit(url).path.rsplit("/", 1)[-1].rpartition(".")[2] or "html" for url in requests}


def test_a_reader_who_only_reads_is_sent_the_page_and_its_styles(site, reader):
    with reader.tab.expect_request(site.url + page_url(PAGES[2])):  # the next part, made ready
        reader.tab.goto(site.url + page_url(PAGES[1]))
    reader.tab.wait_for_timeout(1000)  # and a moment of reading
    # Not Material's scripts, its search index or its worker.
    assert kinds(reader.requests) == {"html", "css"}
    # Pages: this one, and, once it has loaded, the next part, for prerendering.
    pages = [url for url in reader.requests if url.endswith("/")]
    assert pages == [site.url + page_url(PAGES[1]), site.url + page_url(PAGES[2])]
    assert reader.errors == []


@pytest.mark.parametrize("move", ["pointer", "keyboard", "scroll", "touch"])
def test_the_readers_first_move_wakes_the_theme(site, open_tab, move):
    reader = open_tab(has_touch=move == "touch")
    tab = reader.tab
    tab.goto(site.url + page_url(PAGES[1]), wait_until="networkidle")
    {
        "pointer": lambda: tab.mouse.move(20, 20),
        "keyboard": lambda: tab.keyboard.press("Tab"),
        "scroll": lambda: tab.mouse.wheel(0, 200),
        "touch": lambda: tab.locator("article p").last.tap(),
    }[move]()
    tab.evaluate("window.essayTheme")
    # Material runs: its palette toggle shows, and search has its index.
    expect(tab.get_by_title("Switch to dark mode")).to_be_visible()
    expect(tab.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    tab.wait_for_load_state("networkidle")
    assert {"js", "json"} <= kinds(reader.requests)
    assert reader.errors == []


@pytest.mark.parametrize("scheme, palette, dark", [("light", "default", False), ("dark", "slate", True)])
def test_the_first_view_follows_the_system_scheme_before_the_theme_runs(site, open_tab, scheme, palette, dark):
    tab = open_tab(color_scheme=scheme).tab
    tab.goto(site.url + page_url(PAGES[1]), wait_until="networkidle")
    expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", palette)
    background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    brightest = max(int(value) for value in re.findall(r"\d+", background)[:3])
    assert (brightest < 80) is dark, background
    assert tab.evaluate("typeof window.document$") == "undefined"  # Material has not run


# Records how far the layout shifts, as the browser scores it (CLS).
RECORD_SHIFTS = """
window.__shift = 0
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__shift += entry.value
}).observe({ type: "layout-shift", buffered: true })
"""


@pytest.mark.parametrize("width", [375, 1280])
def test_waking_the_theme_moves_nothing_on_screen(site, open_tab, width):
    # What Material adds once it runs (search, the palette toggle) takes no
    # place from the text: nothing already on screen shifts.
    tab = open_tab(viewport={"width": width, "height": 800}).tab
    tab.add_init_script(RECORD_SHIFTS)
    tab.goto(site.url + page_url(PAGES[1]), wait_until="networkidle")
    wake(tab)
    assert tab.evaluate("window.__shift") < 0.01


def test_instant_navigation_works_once_the_theme_runs(site, reader):
    tab = reader.tab
    tab.goto(site.url)
    wake(tab)
    tab.evaluate("window.__same_document = true")
    tab.locator(f"nav.md-nav--primary a.md-nav__link[href$='{page_url(PAGES[3])}']").click()
    tab.wait_for_url(site.url + page_url(PAGES[3]))
    assert tab.evaluate("window.__same_document") is True
    assert reader.errors == []
