"""Continue where you left off: offered on the home page only to a reader who left in the middle."""

from __future__ import annotations

from playwright.sync_api import expect

from browser import keeping
from essay import original
from project import nav_pages, page_url

PAGES = nav_pages()
SECTIONS = original().sections
OFFER = ".essay-continue a"

# The top of a paragraph, against the bottom of the header that covers the page's top.
BELOW_HEADER = """element => element.getBoundingClientRect().top - document.querySelector(".md-header").getBoundingClientRect().bottom"""


def paragraphs(tab):
    return tab.locator("article > p:not([class])")


def leave_at(tab, index: int) -> None:
    """Scroll a paragraph of the page to the top of the screen, and stay long enough for it to be kept."""
    keeping(tab)
    paragraphs(tab).nth(index).evaluate("element => element.scrollIntoView()")
    tab.wait_for_timeout(600)


def test_a_first_time_reader_is_offered_nothing(site, phone):
    phone.tab.goto(site.url)
    expect(phone.tab.locator(OFFER)).to_be_hidden()


def test_a_reader_who_left_a_part_in_the_middle_is_offered_it_and_returns_to_the_paragraph(site, phone):
    tab = phone.tab
    part = 3
    tab.goto(site.url + page_url(PAGES[part - 1]))
    leave_at(tab, 0)  # the first paragraph at the top: the rest of the part below
    tab.goto(site.url)
    offer = tab.locator(OFFER)
    expect(offer).to_have_text(f"Continue reading: Part {part} – {SECTIONS[part - 1].heading}")
    offer.click()
    tab.wait_for_url(site.url + page_url(PAGES[part - 1]))
    first = paragraphs(tab).nth(0)
    expect(first).to_be_in_viewport()
    assert tab.evaluate("scrollY") > 0
    assert abs(first.evaluate(BELOW_HEADER)) < 80


def test_a_reader_at_the_end_of_a_part_is_offered_the_next(site, phone):
    tab = phone.tab
    tab.goto(site.url + page_url(PAGES[2]))
    keeping(tab)
    tab.keyboard.press("End")
    tab.wait_for_timeout(600)
    tab.goto(site.url)
    expect(tab.locator(OFFER)).to_have_text(f"Continue reading: Part 4 – {SECTIONS[3].heading}")


def test_a_reader_who_finished_the_essay_is_offered_nothing(site, phone):
    tab = phone.tab
    tab.goto(site.url + page_url(PAGES[2]))
    leave_at(tab, 0)
    tab.goto(site.url + page_url(PAGES[-1]))
    keeping(tab)
    tab.keyboard.press("End")
    tab.wait_for_timeout(600)
    tab.goto(site.url)
    expect(tab.locator(".essay-continue")).to_be_hidden()
