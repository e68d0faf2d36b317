"""Search answers the reader's own gesture, before Material's scripts run as after, at every width.

Material's scripts wait for the reader (overrides/main.html, block scripts); search must
not: a tap shows the field with the caret in it, the keys /, s and f open it,
and no key typed meanwhile is lost, from the first paint on, before the rest of the page
has arrived (partials/head-scripts.html).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import STOPS, before_the_rest, wake
from essay import original
from project import nav_pages, page_url

PAGES = nav_pages()
WIDTHS = [375, 800, 1280]
# Below this width the header has a search button; above it, the field itself.
NARROW = 960
WORD = "extradition"  # a word of the essay, in one section


def reader_of(open_tab, width: int):
    """A reader at a screen of width: below NARROW, a phone's, touch."""
    phone = width < NARROW
    return open_tab(viewport={"width": width, "height": 800}, is_mobile=phone, has_touch=phone)


def reader_at(open_tab, site, width: int, woken: bool):
    reader = reader_of(open_tab, width)
    reader.tab.goto(site.url + page_url(PAGES[1]))
    if woken:
        wake(reader.tab)
    return reader


def field(tab):
    return tab.get_by_role("textbox", name="Search")


@pytest.mark.parametrize("woken", [False, True], ids=["before-material", "after-material"])
@pytest.mark.parametrize("width", WIDTHS)
def test_a_tap_on_search_shows_the_field_with_the_caret_in_it(site, open_tab, width, woken):
    tab = reader_at(open_tab, site, width, woken).tab
    if width < NARROW:
        tab.get_by_role("button", name="Search").tap()
    else:
        field(tab).click()
    # In the tap itself, not once something loads: a phone opens its keyboard only then.
    assert tab.evaluate("document.activeElement === document.querySelector('.md-search__input')")
    expect(field(tab)).to_be_visible()


@pytest.mark.parametrize("woken", [False, True], ids=["before-material", "after-material"])
@pytest.mark.parametrize("width", WIDTHS)
def test_each_search_key_opens_search_and_no_key_typed_after_it_is_lost(site, open_tab, width, woken):
    reader = reader_at(open_tab, site, width, woken)
    tab = reader.tab
    (src,) = [p for p, s in zip(PAGES, original().sections, strict=True) if any(WORD in t for t in s.paragraphs)]
    for opener in ("/", "s", "f"):
        tab.keyboard.type(opener + WORD, delay=80)  # a reader's pace
        expect(field(tab)).to_be_visible()
        expect(field(tab)).to_be_focused()
        expect(field(tab)).to_have_value(WORD)
        # Once Material runs (the keys woke it), the word typed early has its results.
        expect(tab.locator(".md-search-result__item > a").first).to_have_attribute(
            "href", f"{site.url}{page_url(src)}?h={WORD}"
        )
        # Leave the search as a reader does, emptied and closed, for the next key.
        field(tab).fill("")
        tab.keyboard.press("Escape")
        expect(tab.locator("#__search")).not_to_be_checked()
        tab.evaluate("document.activeElement.blur()")
    assert reader.errors == []


@pytest.mark.parametrize("stop", STOPS)
@pytest.mark.parametrize("width", WIDTHS)
def test_search_keys_typed_as_soon_as_the_page_shows_are_kept(site, open_tab, width, stop):
    # On a slow connection the page shows before the rest of it has arrived, its header alone
    # at first; a reader who types then loses no key, and once the rest has come, the word typed
    # has its results.
    reader = reader_of(open_tab, width)
    tab = reader.tab
    with before_the_rest(site, tab, page_url(PAGES[1]), stop):
        tab.keyboard.type("/" + WORD, delay=80)
        expect(field(tab)).to_be_focused()
    expect(field(tab)).to_have_value(WORD)
    expect(tab.locator(".md-search-result__item > a").first).to_be_visible()
    assert reader.errors == []


@pytest.mark.parametrize("width", [width for width in WIDTHS if width < NARROW])
def test_a_tap_on_search_as_soon_as_the_page_shows_puts_the_caret_in_the_field(site, open_tab, width):
    reader = reader_of(open_tab, width)
    tab = reader.tab
    with before_the_rest(site, tab, page_url(PAGES[1])):
        tab.get_by_role("button", name="Search").tap()
        expect(field(tab)).to_be_focused()
        expect(field(tab)).to_be_visible()
    assert reader.errors == []


def test_search_says_it_is_loading_until_its_index_answers(site, open_tab):
    # The index loads with Material; until it answers, the results say so.
    tab = reader_of(open_tab, 375).tab
    tab.route("**/search/search_index.json", lambda route: None)  # an index that never answers
    tab.goto(site.url + page_url(PAGES[1]))
    tab.get_by_role("button", name="Search").tap()
    expect(tab.locator(".md-search-result__meta")).to_have_text("Initializing search")
    expect(tab.locator(".md-search-result__meta")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_search_key_opens_the_search_before_material_runs(site, open_tab, width):
    # On wide screens the caret comes first and the search opens a frame later
    # (search.js): it must still open, with nothing of Material's running.
    reader = reader_at(open_tab, site, width, woken=False)
    tab = reader.tab
    tab.route("**/assets/javascripts/bundle.*.js", lambda route: None)  # Material never runs
    tab.keyboard.press("/")
    expect(field(tab)).to_be_focused()
    expect(tab.locator("#__search")).to_be_checked()
    expect(tab.locator(".md-search-result__meta")).to_have_text("Initializing search")
    expect(tab.locator(".md-search-result__meta")).to_be_visible()
    assert tab.evaluate("typeof document$") == "undefined"  # what opened it is the site's own code
    assert reader.errors == []


def test_enter_and_escape_before_material_runs_keep_the_reader_on_the_page(site, open_tab):
    tab = open_tab().tab
    tab.goto(site.url + page_url(PAGES[1]))
    tab.evaluate("window.__same_document = true")
    tab.keyboard.press("/")  # the key itself starts loading Material: hold its bundle back
    tab.route("**/assets/javascripts/bundle.*.js", lambda route: None)
    tab.keyboard.type(WORD)
    tab.keyboard.press("Enter")
    assert tab.evaluate("window.__same_document") is True
    expect(field(tab)).to_have_value(WORD)
    tab.keyboard.press("Escape")
    expect(tab.locator("#__search")).not_to_be_checked()
    assert tab.evaluate("window.__same_document") is True
