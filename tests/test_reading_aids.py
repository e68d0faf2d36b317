"""Around the essay: its part and reading time, link previews, and a clean print."""

from __future__ import annotations

import copy
import math
import re

import pytest
from playwright.sync_api import expect

from helpers import (
    Site,
    addresses,
    article,
    build,
    config,
    copy_project,
    essay_paragraphs,
    front_matter,
    nav_pages,
    original,
    page_url,
    plain,
    whole_essay_url,
)

PAGES = nav_pages()
SECTIONS = original().sections
WORDS_A_MINUTE = 265  # as Material counts for its blog


def meta_line(page) -> str:
    return re.sub(r"\s+", " ", article(page).select_one("p.essay-meta").get_text()).strip()


def reading_minutes(page) -> int:
    """Minutes to read a page's text: its words at 265 a minute, rounded up."""
    content = copy.copy(article(page))  # a copy: the page itself stays whole
    for aside in content.select("p.essay-meta, section.md-comments"):
        aside.decompose()
    return math.ceil(len(content.get_text(" ").split()) / WORDS_A_MINUTE)


# -----------------------------------------------------------------------------
# Part and reading time
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(PAGES)), ids=PAGES)
def test_every_page_shows_its_part_and_reading_time(site, index):
    page = site.page(PAGES[index])
    assert meta_line(page).startswith(
        f"Part {index + 1} of {len(PAGES)} · {reading_minutes(page)} min read · The whole essay on one page"
    )


def test_reading_time_grows_with_the_text(tmp_path):
    # Computed from the page, not written down: five times the text, longer read.
    project = copy_project(tmp_path / "project")
    path = project / "docs" / PAGES[-1]
    text = "\n\n".join(SECTIONS[-1].paragraphs)
    path.write_text(path.read_text() + ("\n\n" + text) * 4)
    assert build(project, tmp_path / "site").returncode == 0
    page = Site(tmp_path / "site", "", "").page(PAGES[-1])
    minutes = reading_minutes(page)
    assert minutes >= 4
    assert f"{minutes} min read" in meta_line(page)


# -----------------------------------------------------------------------------
# Link previews
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("address", addresses())
def test_every_page_previews_well_when_shared(site, address):
    page = site.soup(address + "index.html")
    tags = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == site.url + address
    assert tags["og:url"] == canonical
    assert tags["og:type"] == "article"
    assert tags["og:site_name"] == config()["site_name"]
    assert tags["og:description"] == page.find("meta", attrs={"name": "description"})["content"]
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    heading = article(page).find("h1").get_text()
    expected = config()["site_name"] if address == "" else page.title.get_text().split(" - ")[0]
    assert tags["og:title"] == expected
    if address in {page_url(src) for src in PAGES}:
        src = PAGES[[page_url(s) for s in PAGES].index(address)]
        assert tags["og:description"] == front_matter(src)["description"]
        assert address == "" or tags["og:title"] == heading


# -----------------------------------------------------------------------------
# Print
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printing_gives_the_text_alone_in_dark_ink(site, browser, scheme):
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    tab.goto(site.url + page_url(PAGES[1]))
    tab.emulate_media(media="print")
    hidden = (
        ".md-header",  # with search and the palette toggle
        ".md-search",
        "form.md-header__option",
        "nav.md-nav--primary",
        ".md-comments",
        ".essay-meta",
        ".md-footer",
    )
    for selector in hidden:
        expect(tab.locator(selector).first).to_be_hidden()
    for paragraph in SECTIONS[1].paragraphs:
        expect(tab.locator("article p", has_text=paragraph[:60])).to_be_visible()
    ink = tab.locator("article p").last.evaluate("p => getComputedStyle(p).color")
    red, green, blue, *alpha = map(float, re.findall(r"[\d.]+", ink))
    assert max(red, green, blue) <= 60, ink  # near-black, whichever palette is on screen
    context.close()
