"""The essay on the site is the author's, word for word, one section a page."""

from __future__ import annotations

from datetime import datetime

import pytest

from essay import original, plain
from project import article, config, essay_paragraphs, nav_pages

PAGES = nav_pages()
SECTIONS = original().sections


def test_one_page_per_section():
    # Both counts come from their sources: nav, and the original text.
    assert len(PAGES) == len(SECTIONS)


@pytest.mark.parametrize("src, section", list(zip(PAGES, SECTIONS, strict=True)), ids=PAGES)
def test_page_shows_its_section_verbatim_and_in_order(site, src, section):
    page = site.page(src)
    assert essay_paragraphs(page) == section.paragraphs


@pytest.mark.parametrize("src, section", list(zip(PAGES, SECTIONS, strict=True)), ids=PAGES)
def test_page_heading_is_the_section_heading(site, src, section):
    headings = [plain(h.get_text()) for h in article(site.page(src)).find_all("h1")]
    # The untitled opening is the home page: its heading is the essay's title.
    assert headings == [section.heading or config()["site_name"]]


@pytest.mark.parametrize("src", PAGES)
def test_page_holds_no_text_of_another_section(site, src):
    text = plain(article(site.page(src)).get_text())
    own = SECTIONS[PAGES.index(src)]
    for other in SECTIONS:
        if other is own:
            continue
        for block in [other.heading, *other.paragraphs]:
            if block:
                assert block not in text


def test_home_page_shows_the_date_line_as_a_date(site):
    time = article(site.page(PAGES[0])).find("time")
    date = original().date
    assert time.get_text() == date
    # No year is known: the machine-readable date is a yearless one (MM-DD),
    # in the form the W3C checker accepts (tests/test_conformance.py).
    parsed = datetime.strptime(date, "%d %b")
    assert time["datetime"] == f"{parsed.month:02d}-{parsed.day:02d}"


def test_site_builders_footer_appears_nowhere(site):
    footer = original().footer.lower()
    for path in site.root.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js"}:
            assert footer not in path.read_text(encoding="utf-8").lower(), path
