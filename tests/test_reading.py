"""What a reader sees in a real Chromium, on the site served as on Pages."""

from __future__ import annotations

import html
import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import expect

from browser import before_the_rest, quiet, wake
from essay import original
from project import nav_pages, page_url, whole_essay_url

PAGES = nav_pages()
SECTIONS = original().sections


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("src", PAGES)
def test_page_loads_without_errors_or_requests_elsewhere(site, reader, src):
    reader.tab.goto(site.url + page_url(src), wait_until="networkidle")
    assert reader.errors == []
    assert {origin(url) for url in reader.requests} == {origin(site.url)}


def test_next_links_walk_the_essay_in_order_and_previous_walks_back(site, reader):
    tab = reader.tab
    tab.goto(site.url)
    for src in PAGES[1:]:
        tab.locator("a.md-footer__link--next").click()
        tab.wait_for_url(site.url + page_url(src))
        expect(tab.locator("article h1")).to_have_text(SECTIONS[PAGES.index(src)].heading)
    expect(tab.locator("a.md-footer__link--next")).to_have_count(0)
    for src in reversed(PAGES[:-1]):
        tab.locator("a.md-footer__link--prev").click()
        tab.wait_for_url(site.url + page_url(src))
    expect(tab.locator("a.md-footer__link--prev")).to_have_count(0)
    assert reader.errors == []


def test_search_for_a_phrase_lists_its_section(site, reader):
    phrase = "Financial Action Task Force"
    (src,) = [p for p, s in zip(PAGES, SECTIONS, strict=True) if any(phrase in text for text in s.paragraphs)]
    tab = reader.tab
    tab.goto(site.url)
    wake(tab)
    # Typed key by key, as a reader does: Material searches on keystrokes.
    box = tab.get_by_role("textbox", name="Search")
    box.click()
    box.press_sequentially(phrase)
    results = tab.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    quiet(tab, ".md-search-result")  # every keystroke's results are in
    hrefs = [urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")]
    assert urlsplit(site.url + page_url(src)).path in hrefs


def test_palette_toggle_switches_and_the_choice_holds_on_the_next_page(site, reader):
    tab = reader.tab
    body = tab.locator("body")
    tab.goto(site.url)
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    wake(tab)
    tab.get_by_title("Switch to dark mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    tab.locator("a.md-footer__link--next").click()
    tab.wait_for_url(site.url + page_url(PAGES[1]))
    tab.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    wake(tab)
    tab.get_by_title("Switch to light mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


@pytest.mark.parametrize("src", PAGES)
def test_phone_screen_never_scrolls_sideways(site, phone, src):
    phone.tab.goto(site.url + page_url(src))
    wake(phone.tab)
    overflow = phone.tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_phone_menu_button_opens_the_navigation(site, phone):
    tab = phone.tab
    tab.goto(site.url)
    last = tab.locator("nav.md-nav--primary a.md-nav__link").last
    expect(last).not_to_be_in_viewport()
    tab.get_by_role("button", name="Navigation").click()
    expect(last).to_be_in_viewport()
    last.click()
    tab.wait_for_url(site.url + page_url(PAGES[-1]))


@pytest.mark.parametrize("width", [375, 800])
def test_the_menu_button_opens_the_navigation_as_soon_as_the_page_shows(site, open_tab, width):
    # On a slow connection the page shows before the rest of it (the footer, the scripts after it).
    reader = open_tab(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    tab = reader.tab
    with before_the_rest(site, tab, page_url(PAGES[2])):
        menu = tab.get_by_role("button", name="Navigation")
        menu.tap()
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(tab.locator("nav.md-nav--primary a.md-nav__link").last).to_be_in_viewport()
    assert reader.errors == []


@pytest.mark.parametrize("src, section", list(zip(PAGES, SECTIONS, strict=True)), ids=PAGES)
def test_without_javascript_the_page_shows_its_text_and_all_sections(site, open_tab, src, section):
    tab = open_tab(java_script_enabled=False).tab
    tab.goto(site.url + page_url(src))
    for paragraph in section.paragraphs:
        expect(tab.locator("article p", has_text=paragraph[:60])).to_be_visible()
    links = tab.locator("nav.md-nav--primary a.md-nav__link")
    expect(links).to_have_count(len(PAGES))
    for index in range(len(PAGES)):
        expect(links.nth(index)).to_be_visible()


def test_unknown_address_answers_404_with_a_way_home(site, reader):
    tab = reader.tab
    response = tab.goto(site.url + "no-such-page/")
    assert response.status == 404
    assert "not found" in tab.title().lower()
    expect(tab.locator("article h1")).to_contain_text("404")
    tab.get_by_role("link", name="Go to the beginning of the essay").click()
    tab.wait_for_url(site.url)
    assert reader.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]


# How far a pixel of the tab's icon may stray from the header's icon in the header's colour (of
# 255, colour weighted by opacity), both drawn by Chromium at the size of a tab's icon on a sharp
# screen: an edge drawn another way. A changed icon or colour strays by more than 100.
ICON_SIZE = 32
ICON_TOLERANCE = 24


def test_the_tab_shows_the_headers_icon_in_the_headers_colour(site, open_tab):
    tab = open_tab().tab
    tab.goto(site.url)
    icon = urljoin(site.url, tab.locator('link[rel="icon"]').get_attribute("href"))
    # What the header shows: its logo's icon, filled with the header's own colour.
    svg = tab.locator(".md-header__button.md-logo svg").evaluate("svg => svg.outerHTML")
    colour = tab.locator(".md-header").evaluate("header => getComputedStyle(header).backgroundColor")
    drawing = open_tab(viewport={"width": ICON_SIZE, "height": ICON_SIZE}).tab
    style = "html, body { margin: 0 } img, svg { display: block; width: 100vw; height: 100vh }"
    drawing.set_content(f'<style>{style}</style><img alt="" src="{html.escape(icon)}">')
    expect(drawing.locator("img")).to_have_js_property("complete", True)
    assert drawing.locator("img").evaluate("img => img.naturalWidth") > 0, f"{icon[:80]}: no picture"
    shown = Image.open(io.BytesIO(drawing.screenshot(omit_background=True)))
    drawing.set_content(f"<style>{style} svg {{ fill: {colour} }}</style>{svg}")
    header = Image.open(io.BytesIO(drawing.screenshot(omit_background=True)))
    difference = ImageChops.difference(shown.convert("RGBa"), header.convert("RGBa"))
    stray = max(high for _, high in difference.getextrema())
    assert stray <= ICON_TOLERANCE, (
        f"theme.favicon strays by {stray} from the header's icon in {colour}: draw that icon in that colour"
    )


@pytest.mark.parametrize("src", PAGES)
def test_comments_placeholder_is_visible_at_the_end_of_the_page(site, reader, src):
    tab = reader.tab
    tab.goto(site.url + page_url(src))
    heading = tab.locator("#__comments")
    heading.scroll_into_view_if_needed()
    expect(heading).to_be_visible()
    expect(heading).to_have_text("Comments")
    below = heading.evaluate(
        "h => [...document.querySelectorAll('article > p')].every("
        "p => p.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    assert below


# -----------------------------------------------------------------------------
# The reading layout on wider screens
# -----------------------------------------------------------------------------

LAYOUT = """() => {
  const box = element => element.getBoundingClientRect()
  const shown = element => box(element).width > 0 && getComputedStyle(element).visibility !== "hidden"
  const sidebars = [...document.querySelectorAll(".md-sidebar")].filter(shown)
  const navigation = document.querySelector(".md-sidebar--primary")
  return {
    emptySidebars: sidebars.filter(sidebar => !sidebar.innerText.trim()).length,
    tableOfContents: shown(document.querySelector(".md-sidebar--secondary")),
    navigationRight: shown(navigation) ? box(navigation).right : box(document.querySelector(".md-main__inner")).left,
    mainRight: box(document.querySelector(".md-main__inner")).right,
    text: [box(document.querySelector("article")).left, box(document.querySelector("article")).right],
  }
}"""


@pytest.mark.parametrize("width", [768, 1280, 1600])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_section_stands_in_the_middle_with_no_empty_column_beside_it(site, open_tab, width, scheme):
    tab = open_tab(viewport={"width": width, "height": 900}, color_scheme=scheme).tab
    tab.goto(site.url + page_url(PAGES[2]))
    wake(tab)
    layout = tab.evaluate(LAYOUT)
    assert layout["emptySidebars"] == 0
    assert not layout["tableOfContents"]
    left_gap = layout["text"][0] - layout["navigationRight"]
    right_gap = layout["mainRight"] - layout["text"][1]
    assert abs(left_gap - right_gap) <= 24, layout
    assert layout["text"][1] - layout["text"][0] <= 720  # the measure, not the screen, sets the width


def test_the_whole_essay_keeps_its_table_of_contents(site, reader):
    reader.tab.goto(site.url + whole_essay_url())
    wake(reader.tab)
    layout = reader.tab.evaluate(LAYOUT)
    assert layout["tableOfContents"] and layout["emptySidebars"] == 0
    entries = reader.tab.locator(".md-sidebar--secondary a.md-nav__link")
    expect(entries).to_have_count(len(PAGES) - 1)


# -----------------------------------------------------------------------------
# The keyboard on a phone screen
# -----------------------------------------------------------------------------

# Where the focus is, and whether a sighted reader can see it there: an
# element with a size, inside the viewport, not hidden. The palette toggle's
# radio button has no size of its own; its form shows the toggle.
FOCUS = r"""() => {
  const element = document.activeElement
  const shown = e => {
    const box = e.getBoundingClientRect()
    return box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
      && box.left < innerWidth && box.top < innerHeight && getComputedStyle(e).visibility === "visible"
  }
  const input = element.matches("input[type=radio]") && element.closest("form")
  return {
    name: element.getAttribute("aria-label") || element.textContent.replace(/\s+/g, " ").trim() || element.tagName,
    href: element.href || null,
    visible: shown(element) || Boolean(input && shown(input)),
    inContent: Boolean(element.closest(".md-content")),
  }
}"""


def test_on_a_phone_tabbing_meets_only_visible_controls_before_the_text(site, phone):
    tab = phone.tab
    tab.goto(site.url + page_url(PAGES[1]))
    stops = []
    while True:
        tab.keyboard.press("Tab")
        focus = tab.evaluate(FOCUS)
        if focus["inContent"]:
            break
        stops.append(focus)
        assert len(stops) < 20, stops
    assert [stop["name"] for stop in stops if not stop["visible"]] == []
    assert "Navigation" in [stop["name"] for stop in stops]


def test_on_a_phone_the_menu_opens_by_keyboard_and_its_links_take_focus(site, phone):
    tab = phone.tab
    tab.goto(site.url)
    menu = tab.get_by_role("button", name="Navigation")
    menu.focus()
    expect(menu).to_have_attribute("aria-expanded", "false")
    tab.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    last = tab.locator("nav.md-nav--primary a.md-nav__link").last
    expect(last).to_be_in_viewport()
    for _ in range(20):
        tab.keyboard.press("Tab")
        focus = tab.evaluate(FOCUS)
        if focus["name"] == SECTIONS[1].heading:
            break
    assert focus["name"] == SECTIONS[1].heading and focus["visible"]
    tab.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()



def test_on_a_phone_the_open_menu_takes_the_focus_and_what_lies_under_it_takes_none(site, phone):
    tab = phone.tab
    tab.goto(site.url + page_url(PAGES[1]))
    menu = tab.get_by_role("button", name="Navigation")
    menu.focus()
    tab.keyboard.press("Enter")
    inside = "() => Boolean(document.activeElement.closest('.md-sidebar--primary'))"
    assert tab.evaluate(inside), tab.evaluate(FOCUS)
    # Round the whole drawer and past its end: the focus never lands under the overlay.
    links = tab.locator(".md-sidebar--primary a[href]").count()
    for _ in range(links + 3):
        tab.keyboard.press("Tab")
        assert tab.evaluate(inside) or tab.evaluate("document.activeElement === document.body"), tab.evaluate(FOCUS)
    # Screen readers do not find the page under it either: it is inert.
    under = "element => element.closest('[inert]') !== null"
    for part in ("article h1", ".essay-toggle--search", ".md-footer"):
        assert tab.locator(part).evaluate(under), part
    tab.keyboard.press("Escape")
    expect(menu).to_be_focused()
    for part in ("article h1", ".essay-toggle--search", ".md-footer"):
        assert not tab.locator(part).evaluate(under), part


def test_on_a_phone_a_part_chosen_in_the_menu_opens_with_nothing_left_inert(site, phone):
    tab = phone.tab
    tab.goto(site.url)
    wake(tab)  # Material's instant navigation then opens the part and closes the drawer
    tab.get_by_role("button", name="Navigation").click()
    tab.locator(".md-sidebar--primary a.md-nav__link").last.click()
    tab.wait_for_url(site.url + page_url(PAGES[-1]))
    expect(tab.locator("article h1")).to_have_text(SECTIONS[-1].heading)
    expect(tab.get_by_role("button", name="Navigation")).to_have_attribute("aria-expanded", "false")
    expect(tab.locator("[inert]")).to_have_count(0)
    expect(tab.get_by_role("button", name="Navigation")).to_be_focused()
    # The drawer works as before on the page it opened.
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => Boolean(document.activeElement.closest('.md-sidebar--primary'))")
    assert tab.locator("article h1").evaluate("element => element.closest('[inert]') !== null")

def test_on_a_phone_search_opens_by_keyboard_and_its_results_take_focus(site, phone):
    tab = phone.tab
    phrase = "Financial Action Task Force"
    (src,) = [p for p, s in zip(PAGES, SECTIONS, strict=True) if any(phrase in text for text in s.paragraphs)]
    tab.goto(site.url)
    tab.get_by_role("button", name="Search").focus()
    tab.keyboard.press(" ")
    box = tab.get_by_role("textbox", name="Search")
    expect(box).to_be_focused()
    box.press_sequentially(phrase)
    best = tab.locator(".md-search-result__item > a").first
    expect(best).to_have_attribute("href", re.compile(re.escape(page_url(src)) + r"\?"))
    quiet(tab, ".md-search-result")  # every keystroke's results are in
    tab.keyboard.press("ArrowDown")  # Material's way from the query to its results
    focus = tab.evaluate(FOCUS)
    assert urlsplit(focus["href"]).path == urlsplit(site.url + page_url(src)).path
    assert focus["visible"]
