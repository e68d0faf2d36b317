"""Reading settings: text size, line spacing and column width, the reader's own, from the first paint."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import accessibility_violations, wake
from project import nav_pages, page_url

PAGES = nav_pages()
SECTION = page_url(PAGES[1])
NEXT = page_url(PAGES[2])

# The first paragraph's text size, line height and width, as the reader sees them.
TYPE = """() => {
  const style = getComputedStyle(document.querySelector("article p:not([class])"))
  return { size: parseFloat(style.fontSize), leading: parseFloat(style.lineHeight), measure: parseFloat(style.maxWidth) }
}"""

# Recorded as the first paragraph joins the page, before anything of it can
# have been painted: its text size then.
FIRST_PARAGRAPH = """
new MutationObserver((_, observer) => {
  const paragraph = document.querySelector("article p:not([class])")
  if (!paragraph) return
  window.__firstSize = parseFloat(getComputedStyle(paragraph).fontSize)
  observer.disconnect()
}).observe(document, { childList: true, subtree: true })
"""


def choose(tab, legend: str, label: str) -> None:
    tab.get_by_role("group", name=legend).get_by_role("radio", name=label).check()


def test_reading_settings_open_from_the_header_by_keyboard_and_close_with_escape(site, reader):
    tab = reader.tab
    tab.goto(site.url + SECTION)
    button = tab.get_by_role("button", name="Reading settings")
    panel = tab.get_by_role("dialog", name="Reading settings")
    expect(panel).to_be_hidden()
    button.focus()
    tab.keyboard.press("Enter")
    expect(panel).to_be_visible()
    tab.keyboard.press("Tab")
    expect(panel.get_by_role("radio", name="100%")).to_be_focused()
    tab.keyboard.press("ArrowRight")  # radios move by arrow keys, and the choice applies at once
    expect(panel.get_by_role("radio", name="115%")).to_be_checked()
    tab.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(button).to_be_focused()


def test_each_setting_changes_the_text_as_chosen_and_reset_restores_it(site, reader):
    tab = reader.tab
    tab.goto(site.url + SECTION)
    before = tab.evaluate(TYPE)
    tab.get_by_role("button", name="Reading settings").click()
    choose(tab, "Text size", "130%")
    choose(tab, "Line spacing", "Loose")
    choose(tab, "Column width", "Wide")
    after = tab.evaluate(TYPE)
    assert after["size"] == pytest.approx(before["size"] * 1.3, rel=0.01)
    assert after["leading"] == pytest.approx(after["size"] * 2, rel=0.01)
    assert after["measure"] / after["size"] == pytest.approx(46, rel=0.01)
    assert before["measure"] / before["size"] == pytest.approx(38, rel=0.01)
    tab.get_by_role("button", name="Reset").click()
    assert tab.evaluate(TYPE) == before
    expect(tab.get_by_role("radio", name="100%")).to_be_checked()
    assert tab.evaluate("localStorage.getItem('essay.reading')") is None


def test_a_chosen_text_size_is_there_from_the_first_paint_of_the_next_page_and_nothing_is_sent(site, reader):
    tab = reader.tab
    with tab.expect_request(site.url + NEXT):  # the next part, made ready: in before counting
        tab.goto(site.url + SECTION)
    normal = tab.evaluate(TYPE)["size"]
    tab.get_by_role("button", name="Reading settings").click()
    wake(tab)  # the click wakes Material, which loads its scripts: all in before counting
    tab.wait_for_load_state("networkidle")
    asked = len(reader.requests)
    choose(tab, "Text size", "150%")
    tab.wait_for_timeout(300)
    assert reader.requests[asked:] == []  # kept in the browser, sent nowhere
    later = tab.context.new_page()  # the next part, in a new tab, as a page load
    later.add_init_script(FIRST_PARAGRAPH)
    later.goto(site.url + NEXT)
    assert later.evaluate("window.__firstSize") == pytest.approx(normal * 1.5, rel=0.01)
    expect(later.get_by_role("radio", name="150%", include_hidden=True)).to_be_checked()


def test_reading_settings_leave_print_and_the_page_without_javascript_as_they_were(site, open_tab):
    plain = open_tab(java_script_enabled=False).tab
    plain.goto(site.url + SECTION)
    expect(plain.get_by_role("button", name="Reading settings")).to_have_count(0)
    tab = open_tab().tab
    tab.goto(site.url + SECTION)
    tab.emulate_media(media="print")
    printed = tab.evaluate(TYPE)
    tab.emulate_media(media="screen")
    tab.get_by_role("button", name="Reading settings").click()
    choose(tab, "Text size", "150%")
    choose(tab, "Column width", "Narrow")
    tab.emulate_media(media="print")
    assert tab.evaluate(TYPE) == printed


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_reading_settings_are_accessible(site, open_tab, scheme):
    tab = open_tab(color_scheme=scheme).tab
    tab.goto(site.url + SECTION)
    tab.get_by_role("button", name="Reading settings").click()
    expect(tab.get_by_role("dialog", name="Reading settings")).to_be_visible()
    count, report = accessibility_violations(tab)
    assert count == 0, report
