"""Around the essay: its part and reading time, link previews, and a clean print."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser import wake
from essay import original
from project import (
    addresses,
    article,
    built,
    config,
    front_matter,
    meta_line,
    meta_tags,
    nav_pages,
    page_url,
    reading_minutes,
)

PAGES = nav_pages()
SECTIONS = original().sections


# -----------------------------------------------------------------------------
# Part and reading time
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(PAGES)), ids=PAGES)
def test_every_page_shows_its_part_and_reading_time(site, index):
    page = site.page(PAGES[index])
    assert meta_line(page).startswith(
        f"Part {index + 1} of {len(PAGES)} · {reading_minutes(page)} min read · The whole essay on one page"
    )


def test_reading_time_grows_with_the_text(project, tmp_path):
    # Computed from the page, not written down: five times the text, longer read.
    path = project / "docs" / PAGES[-1]
    text = "\n\n".join(SECTIONS[-1].paragraphs)
    path.write_text(path.read_text() + ("\n\n" + text) * 4)
    page = built(project, tmp_path / "site").page(PAGES[-1])
    minutes = reading_minutes(page)
    assert minutes >= 4
    assert f"{minutes} min read" in meta_line(page)


def test_the_reading_time_is_counted_at_265_words_a_minute(project, tmp_path):
    # Pinned from both sides: 265 words are a minute's read, 266 are two (at 240 or 250 a minute,
    # 265 words would be two; at 280, 266 would be one).
    settings = project / "mkdocs.yml"
    for words in (265, 266):
        body = " ".join(["word"] * (words - 2))  # the heading's two words count too
        (project / "docs" / f"rate-{words}.md").write_text(f"---\ndescription: A test.\n---\n\n# Rate test\n\n{body}\n")
        settings.write_text(settings.read_text().rstrip("\n") + f"\n  - rate-{words}.md\n")
    site = built(project, tmp_path / "site")
    for words, minutes in ((265, 1), (266, 2)):
        page = site.page(f"rate-{words}.md")
        assert len(article(page).find("h1").get_text().split() + article(page).find("p", class_=False).get_text().split()) == words
        assert f"· {minutes} min read ·" in meta_line(page), words


# -----------------------------------------------------------------------------
# Link previews
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("address", addresses())
def test_every_page_previews_well_when_shared(site, address):
    page = site.soup(address + "index.html")
    tags = meta_tags(page)
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == site.url + address
    assert tags["og:url"] == canonical
    assert tags["og:type"] == "article"
    assert tags["og:site_name"] == config()["site_name"]
    assert tags["og:description"] == tags["description"]
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


@pytest.mark.parametrize("woken", [True, False], ids=["theme running", "only read"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printing_gives_the_text_alone_in_dark_ink(site, open_tab, scheme, woken):
    tab = open_tab(color_scheme=scheme).tab
    tab.goto(site.url + page_url(PAGES[1]))
    if woken:
        wake(tab)  # the search field and the palette toggle, shown by Material, must not print
    else:  # a reader who only scrolled has no Material stylesheet: the page's own rules print it
        tab.wait_for_timeout(1500)
        assert tab.evaluate("document.querySelectorAll('link[rel=stylesheet]').length") == 0
    tab.emulate_media(media="print")
    hidden = (
        ".md-header",  # with search and the palette toggle
        ".md-search",
        "form.md-header__option",
        "nav.md-nav--primary",
        ".essay-comments",
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
