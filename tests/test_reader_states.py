"""Reader features that hold at a phone's, a tablet's and a desktop's width, with storage that works or
throws, by keyboard, and in text browsers.

Continue reading, the reading settings, the palette at first paint, the focus ring, search after
punctuation, ids after the scripts ran, and the EPUB's bytes from two local builds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from browser import keeping, wake
from essay import original
from project import PROJECT, addresses, build, copy_project, nav_pages, page_url
from server import PagesServer

PAGES = nav_pages()
SECTIONS = original().sections
OFFER = ".essay-continue a"
WIDTHS = {"phone": 375, "tablet": 800, "desktop": 1280}

# The top of an element, against the bottom of the header that covers the page's top.
BELOW_HEADER = """element => element.getBoundingClientRect().top - document.querySelector(".md-header").getBoundingClientRect().bottom"""

# Storage that throws, as in a browser that blocks site data.
BLOCKED_STORAGE = """
for (const name of ["localStorage", "sessionStorage"])
  Object.defineProperty(window, name, { get() { throw new DOMException("blocked", "SecurityError") } })
"""


def at(open_tab, width: int, viewport_height: int = 800, **options):
    phone = width < 600
    return open_tab(viewport={"width": width, "height": viewport_height}, is_mobile=phone, has_touch=phone, **options)


def leave_at(tab, index: int) -> None:
    """Scroll a paragraph of the page to the header's edge, and stay long enough for it to be kept."""
    keeping(tab)
    paragraph = tab.locator("article > p:not([class])").nth(index)
    paragraph.evaluate(
        "p => scrollTo(0, p.getBoundingClientRect().top + scrollY"
        " - document.querySelector('.md-header').getBoundingClientRect().bottom)"
    )
    tab.wait_for_function("() => true")  # a frame
    tab.evaluate("() => new Promise(resolve => setTimeout(resolve, 400))")  # the page keeps the place 300 ms after a scroll


def site_path(site) -> str:
    return "/" + site.url.split("/", 3)[3]


def key(site, name: str) -> str:
    """The key the site keeps a value under: scoped to its path, as Material scopes its own."""
    return f"{site_path(site)}.essay.{name}"


def keep(tab, key: str, value) -> None:
    """Have a value kept under a key before the page's own scripts run."""
    tab.add_init_script(f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(value))})")


def unscoped(key: str) -> str:
    """The key as the site once kept it, for every site of the origin alike: a stale value lies there too."""
    return key.split(".", 1)[1]


# -----------------------------------------------------------------------------
# Continue reading
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS)
def test_a_part_read_to_its_end_offers_the_next_on_every_later_home_visit(site, open_tab, width):
    # A desktop shows a whole part, and the whole opening: the opening once overwrote the place.
    tab = at(open_tab, width).tab
    tab.goto(site.url + page_url(PAGES[4]))
    keeping(tab)
    tab.keyboard.press("End")
    tab.evaluate("() => new Promise(resolve => setTimeout(resolve, 400))")
    for _ in range(3):
        tab.goto(site.url)
        expect(tab.locator(OFFER)).to_have_text(f"Continue reading: Part 6 – {SECTIONS[5].heading}")
        tab.keyboard.press("End")  # the opening's end in view, then left
        tab.evaluate("() => new Promise(resolve => setTimeout(resolve, 400))")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS)
def test_a_place_left_in_a_part_is_offered_on_every_home_visit_and_resumes_below_the_header(site, open_tab, width):
    tab = at(open_tab, width, viewport_height=320).tab  # a part taller than the screen, at every width
    tab.goto(site.url)  # the opening first: it keeps nothing
    tab.goto(site.url + page_url(PAGES[2]))
    leave_at(tab, 0)
    for _ in range(2):  # the second home visit too: the opening never overwrites the place
        tab.goto(site.url)
        offer = tab.locator(OFFER)
        expect(offer).to_have_text(f"Continue reading: Part 3 – {SECTIONS[2].heading}")
        tab.evaluate("() => new Promise(resolve => setTimeout(resolve, 400))")
    tab.locator(OFFER).click()
    tab.wait_for_url(site.url + page_url(PAGES[2]))
    first = tab.locator("article > p:not([class])").nth(0)
    expect(first).to_be_in_viewport()
    assert tab.evaluate("scrollY") > 0
    assert -1 < first.evaluate(BELOW_HEADER) < 24  # its first line just below the header (to a pixel), not under it


def test_a_reader_who_finished_is_offered_nothing_on_later_home_visits(site, open_tab):
    tab = at(open_tab, WIDTHS["desktop"]).tab
    tab.goto(site.url + page_url(PAGES[-1]))
    keeping(tab)
    tab.keyboard.press("End")
    tab.evaluate("() => new Promise(resolve => setTimeout(resolve, 400))")
    for _ in range(3):
        tab.goto(site.url)
        tab.evaluate("() => new Promise(resolve => setTimeout(resolve, 400))")
        expect(tab.locator(OFFER)).to_have_count(0)


@pytest.mark.parametrize(
    "place",
    [
        {"url": "PATH/no-such-part/", "part": 3, "block": 2},
        {"url": "PATH/legal-frameworks/", "part": 12, "block": 2},
        {"url": "https://example.org/essay/legal-frameworks/", "part": 3, "block": 2},
        ["x"],
        "abc",
        5,
    ],
    ids=["removed-part", "part-12", "other-origin", "a-list", "a-string", "a-number"],
)
def test_a_place_that_names_no_part_of_this_build_is_not_offered(site, open_tab, place):
    tab = at(open_tab, WIDTHS["desktop"]).tab
    if isinstance(place, dict):
        place = {**place, "url": place["url"].replace("PATH/", site_path(site))}
    keep(tab, key(site, "place"), place)
    keep(tab, unscoped(key(site, "place")), place)
    tab.goto(site.url)
    expect(tab.locator(".essay-continue")).to_be_hidden()
    expect(tab.locator(OFFER)).to_have_count(0)


def test_another_project_sites_place_on_the_same_origin_is_not_offered(site, open_tab):
    # OWNER.github.io/other/ and OWNER.github.io/essay/ share one localStorage.
    tab = at(open_tab, WIDTHS["desktop"]).tab
    place = {"url": site_path(site) + page_url(PAGES[2]), "part": 3, "block": 1}
    for other in ("essay.place", "/other/.essay.place"):  # unscoped, as it once was; another site's
        keep(tab, other, place)
    tab.goto(site.url)
    expect(tab.locator(OFFER)).to_have_count(0)


# -----------------------------------------------------------------------------
# Nothing depends on storage working
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS)
def test_with_storage_blocked_the_settings_work_and_a_dark_system_gets_the_dark_page(site, open_tab, width):
    reader = at(open_tab, width, color_scheme="dark")
    tab = reader.tab
    tab.add_init_script(BLOCKED_STORAGE)
    tab.goto(site.url + page_url(PAGES[1]))
    expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    tab.get_by_role("button", name="Reading settings").click()
    tab.get_by_role("radio", name="150%").check()
    assert tab.evaluate("document.documentElement.dataset.essaySize") == "xxl"


@pytest.mark.parametrize("stored", ['"abc"', '["x"]', "5", "{"], ids=["a-string", "a-list", "a-number", "not-json"])
def test_a_foreign_value_kept_for_the_settings_counts_as_nothing_and_a_choice_still_holds(site, open_tab, stored):
    tab = at(open_tab, WIDTHS["desktop"]).tab
    tab.goto(site.url + page_url(PAGES[1]))
    for name in (key(site, "reading"), unscoped(key(site, "reading"))):
        tab.evaluate("([key, value]) => localStorage.setItem(key, value)", [name, stored])
    tab.reload()
    expect(tab.get_by_role("radio", name="100%", include_hidden=True)).to_be_checked()
    tab.get_by_role("button", name="Reading settings").click()
    tab.get_by_role("radio", name="130%").check()
    tab.reload()
    assert tab.evaluate("document.documentElement.dataset.essaySize") == "xl"


def test_a_corrupt_palette_key_still_gives_a_dark_system_the_dark_page(site, open_tab):
    tab = at(open_tab, WIDTHS["desktop"], color_scheme="dark").tab
    tab.add_init_script(f"localStorage.setItem({json.dumps(site_path(site) + '.__palette')}, '{{not json')")
    tab.goto(site.url + page_url(PAGES[1]))
    expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(tab.get_by_role("button", name="Reading settings")).to_be_visible()


# -----------------------------------------------------------------------------
# Visible focus from the first key
# -----------------------------------------------------------------------------

RING = """() => {
  const element = document.activeElement
  const style = getComputedStyle(element)
  return { name: element.getAttribute("aria-label") || element.title || element.tagName,
           width: parseFloat(style.outlineWidth), style: style.outlineStyle, header: Boolean(element.closest(".md-header")) }
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS)
def test_every_header_control_shows_a_focus_ring_before_and_after_the_theme_runs(site, open_tab, width, scheme):
    tab = at(open_tab, width, color_scheme=scheme).tab
    tab.goto(site.url + page_url(PAGES[1]))
    for woken in (False, True):
        if woken:
            wake(tab)
            tab.evaluate("document.activeElement.blur()")
        rings = []
        for _ in range(16):  # past the skip link, through the header
            tab.keyboard.press("Tab")
            ring = tab.evaluate(RING)
            if ring["header"]:
                rings.append(ring)
            elif rings:
                break
        assert rings, "no header control takes the focus"
        assert [r["name"] for r in rings if r["style"] == "none" or r["width"] < 1] == [], (woken, rings)


# -----------------------------------------------------------------------------
# Search after punctuation
# -----------------------------------------------------------------------------


def search(tab, word: str) -> list[str]:
    field = tab.get_by_role("textbox", name="Search")
    field.click()
    field.fill("")
    expect(tab.locator(".md-search-result__meta")).to_have_text("Type to start searching")  # the index is in
    field.press_sequentially(word)
    results = tab.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    return results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")


def test_search_finds_a_word_written_in_brackets(site, open_tab):
    tab = at(open_tab, WIDTHS["desktop"]).tab
    (src,) = [p for p, s in zip(PAGES, SECTIONS, strict=True) if any("(FATF)" in t for t in s.paragraphs)]
    tab.goto(site.url)
    wake(tab)
    assert "/" + (site.url + page_url(src)).split("/", 3)[3] in search(tab, "FATF")


def test_search_finds_a_word_written_in_quotes(open_tab, tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs" / PAGES[2]
    path.write_text(path.read_text() + "\nA word such as \u201cmoonbeam\u201d, or \u2018starlight\u2019, stands in quotes.\n")
    server = PagesServer("/essay/")
    assert build(project, tmp_path / "site", server.url).returncode == 0
    server.start(tmp_path / "site")
    try:
        tab = at(open_tab, WIDTHS["desktop"]).tab
        tab.goto(server.url)
        wake(tab)
        for word in ("moonbeam", "starlight"):
            assert f"/essay/{page_url(PAGES[2])}" in search(tab, word), word
    finally:
        server.stop()


# -----------------------------------------------------------------------------
# The reading line, on screen
# -----------------------------------------------------------------------------

# Whether a reader sees an element: in the viewport, opaque and visible all the way up, and what
# stands at its centre is the element itself (not clipped away, not covered).
SEEN = """element => {
  const box = element.getBoundingClientRect()
  let opacity = 1
  for (let node = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity)
  const first = element.getClientRects()[0]  // a link that wraps has a box per line
  const atCentre = first && document.elementFromPoint(first.left + first.width / 2, first.top + first.height / 2)
  return box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight && box.left >= 0
    && box.right <= innerWidth && opacity > 0.5 && getComputedStyle(element).visibility === "visible"
    && Boolean(atCentre && (element === atCentre || element.contains(atCentre)))
}"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS)
def test_every_pages_reading_line_is_seen_at_the_top_of_the_page(site, open_tab, width):
    tab = at(open_tab, width).tab
    for index, address in enumerate(addresses()):
        tab.goto(site.url + address)
        parts = [tab.get_by_text("min read", exact=False)]
        if index < len(PAGES):
            parts.append(tab.get_by_text(f"Part {index + 1} of {len(PAGES)}", exact=True))
            parts.append(tab.get_by_role("link", name="The whole essay on one page"))
        parts.append(tab.get_by_role("link", name=re.compile(r"^The essay as an EPUB \(\d+ KB\)$")))
        for part in parts:
            part.scroll_into_view_if_needed()
            assert part.evaluate(SEEN), (address, part)


# -----------------------------------------------------------------------------
# Text browsers, ids, the EPUB's bytes
# -----------------------------------------------------------------------------


def test_a_text_browser_meets_no_reading_settings_control(site):
    # w3m and lynx print a <template>'s content, and skip a data block's.
    for address in addresses():
        page = BeautifulSoup((site.root / address / "index.html").read_text(), "html.parser")
        for block in page.find_all("script"):
            block.decompose()
        assert page.select('input[name^="essay-"], .essay-settings, .essay-settings__reset') == [], address
        assert [t for t in page.find_all("template") if t.find(["input", "button"])] == [], address


def test_no_id_is_used_twice_once_the_scripts_ran(site, open_tab):
    tab = at(open_tab, WIDTHS["desktop"]).tab
    for address in addresses():
        tab.goto(site.url + address)
        wake(tab)
        repeated = tab.evaluate(
            "() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
            " return ids.filter((id, i) => ids.indexOf(id) !== i) }"
        )
        assert repeated == [], address


@pytest.mark.slow  # make build, twice, in a second Python
def test_two_local_make_builds_of_one_commit_give_the_same_epub(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(PROJECT / "Makefile", project / "Makefile")
    git = ["git", "-c", "user.name=Owner", "-c", "user.email=owner@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "The essay"], cwd=project, check=True)
    books = []
    venv = Path(sys.executable).parents[1]
    for _ in range(2):
        result = subprocess.run(
            ["make", "build", f"VENV={venv}", f"--assume-old={venv / '.site'}"],
            cwd=project,
            capture_output=True,
            text=True,
            env={key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"},
        )
        assert result.returncode == 0, result.stderr
        (book,) = (project / "site").glob("*.epub")
        books.append(book.read_bytes())
        time.sleep(1.1)  # so that a clock in the book would show
    assert books[0] == books[1]
