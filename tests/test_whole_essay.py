"""The whole essay on one page: every section in order, robust to what the owner does."""

from __future__ import annotations

import json
import re

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from browser import wake
from essay import original, plain
from project import (
    append,
    article,
    build_error,
    built,
    config,
    essay_paragraphs,
    meta_line,
    nav_pages,
    page_url,
    reading_minutes,
    whole_essay_url,
)

PAGES = nav_pages()
SECTIONS = original().sections


def test_whole_essay_holds_every_section_in_order_under_its_heading(site):
    page = site.soup(whole_essay_url() + "index.html")
    content = article(page)
    assert [plain(h.get_text()) for h in content.find_all("h1")] == [config()["site_name"]]
    assert [plain(h.get_text()) for h in content.find_all("h2", id=True) if h["id"] != "__comments"] == [
        section.heading for section in SECTIONS[1:]
    ]
    assert essay_paragraphs(page) == [paragraph for section in SECTIONS for paragraph in section.paragraphs]
    assert content.find("time").get_text() == original().date
    assert content.select("section.essay-comments") == []


@pytest.mark.parametrize("src", PAGES)
def test_every_essay_page_links_to_the_whole_essay(site, src):
    link = article(site.page(src)).select_one("p.essay-meta a")
    assert link.get_text() == "The whole essay on one page"
    assert (site.root / page_url(src) / link["href"] / "index.html").resolve() == (
        site.root / whole_essay_url() / "index.html"
    ).resolve()


def test_whole_essay_is_neither_in_the_navigation_nor_in_search(site):
    links = site.page(PAGES[0]).select("nav.md-nav--primary a.md-nav__link[href]")
    assert len(links) == len(PAGES)
    assert all("whole-essay" not in a["href"] for a in links)
    index = (site.root / "search" / "search_index.json").read_text()
    assert whole_essay_url() not in index


def test_whole_essay_shows_its_reading_time(site):
    page = site.soup(whole_essay_url() + "index.html")
    assert re.fullmatch(rf"{reading_minutes(page)} min read · The essay as an EPUB \(\d+ KB\)", meta_line(page))



def test_on_a_phone_the_whole_essays_sections_are_reached_from_its_contents_by_keyboard(site, phone):
    # Below 960 px Material hides the table of contents beside the text.
    tab = phone.tab
    tab.goto(site.url + whole_essay_url())
    expect(tab.locator(".md-sidebar--secondary")).to_be_hidden()
    contents = tab.get_by_role("navigation", name="Contents")
    summary = contents.locator("summary", has_text="Contents")
    links = contents.get_by_role("link")
    expect(summary).to_be_visible()
    expect(links).to_have_count(0)  # closed: its links are hidden
    summary.tap()  # what a finger finds there is the summary itself
    expect(links).to_have_count(len(SECTIONS) - 1)
    summary.tap()
    expect(links).to_have_count(0)
    summary.focus()
    tab.keyboard.press("Enter")
    expect(links).to_have_text([section.heading for section in SECTIONS[1:]])
    for _ in range(len(SECTIONS) - 1):  # Tab to the last section's link
        tab.keyboard.press("Tab")
    expect(links.last).to_be_focused()
    tab.keyboard.press("Enter")
    heading = tab.get_by_role("heading", name=SECTIONS[-1].heading)
    expect(heading).to_be_in_viewport()
    assert urlsplit(tab.url).fragment == heading.get_attribute("id")


def test_on_a_wide_screen_the_whole_essays_contents_stand_beside_it_once(site, reader):
    tab = reader.tab
    tab.goto(site.url + whole_essay_url())
    expect(tab.locator(".md-sidebar--secondary")).to_be_visible()
    expect(tab.locator("summary", has_text="Contents")).to_be_hidden()


def test_only_the_whole_essay_goes_without_search_and_instant_navigation(site):
    # Its words are all on it, for the browser's find; every other page, and the index, as configured.
    for relative in site.html_paths():
        address = relative.removesuffix("index.html")
        page = site.soup(relative)
        features = json.loads(page.find("script", id="__config").string)["features"]
        whole = address == whole_essay_url()
        assert bool(page.select(".md-search, label[for=__search]")) is not whole, address
        assert ("navigation.instant" in features) is not whole, address
        assert page.select("input#__search"), address  # Material's scripts look its toggle up on every page
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {page_url(src) for src in PAGES} <= {doc["location"].split("#")[0] for doc in index["docs"]}


def test_on_the_whole_essay_the_search_keys_reach_the_browsers_find(site, open_tab):
    for width in (375, 1280):
        reader = open_tab(viewport={"width": width, "height": 800})
        tab = reader.tab
        tab.goto(site.url + whole_essay_url())
        tab.evaluate("addEventListener('keydown', event => (window.__kept = !event.defaultPrevented))")
        for key in ("/", "s", "f"):
            tab.keyboard.press(key)
            assert tab.evaluate("window.__kept") is True, (width, key)
        wake(tab)
        for key in ("/", "s", "f"):
            tab.keyboard.press(key)
            assert tab.evaluate("window.__kept") is True, (width, key)
        expect(tab.get_by_role("textbox", name="Search")).to_have_count(0)
        assert reader.errors == []


def test_a_part_opened_from_the_whole_essay_has_its_search(site, reader):
    # Without instant navigation there, the part loads whole, its header with it.
    tab = reader.tab
    tab.goto(site.url + whole_essay_url())
    wake(tab)
    tab.evaluate("window.__same_document = true")
    tab.locator(f"nav.md-nav--primary a.md-nav__link[href$='{page_url(PAGES[2])}']").click()
    tab.wait_for_url(site.url + page_url(PAGES[2]))
    assert tab.evaluate("window.__same_document") is None
    tab.keyboard.press("/")
    expect(tab.get_by_role("textbox", name="Search")).to_be_focused()
    assert reader.errors == []


# -----------------------------------------------------------------------------
# What the owner may do to the sections
# -----------------------------------------------------------------------------


def move_into(project, src: str, folder: str) -> str:
    """Move a page into a subfolder of docs/, and its nav entry with it."""
    moved = f"{folder}/{src}"
    (project / "docs" / folder).mkdir()
    (project / "docs" / src).rename(project / "docs" / moved)
    config = project / "mkdocs.yml"
    assert f"  - {src}\n" in config.read_text()
    config.write_text(config.read_text().replace(f"  - {src}\n", f"  - {moved}\n"))
    return moved


def test_a_broken_link_is_reported_once_against_its_own_file(project):
    append(project / "docs" / PAGES[2], "\n[elsewhere](index.md#no-such-anchor)\n")
    log = build_error(project)
    warnings = [line for line in log.splitlines() if "no-such-anchor" in line]
    assert len(warnings) == 1, warnings
    assert PAGES[2] in warnings[0]
    assert "whole-essay" not in log


def test_a_section_in_a_subfolder_keeps_its_links_and_images_on_the_whole_essay(project, tmp_path):
    moved = move_into(project, PAGES[3], "part2")
    (project / "docs" / "part2" / "figure.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    )
    append(project / "docs" / moved, f"\nSee [the last part](../{PAGES[2]}).\n\n![A square](figure.svg)\n")
    site = built(project, tmp_path / "site")
    whole = article(site.soup(whole_essay_url() + "index.html"))
    section = article(site.page(moved))
    for selector, attribute in (("p a[href*='legal']", "href"), ("img", "src")):
        on_section = urljoin("/" + page_url(moved), section.select_one(selector)[attribute])
        on_whole = urljoin("/" + whole_essay_url(), whole.select_one(selector)[attribute])
        assert on_whole == on_section
        path = urlsplit(on_whole).path.lstrip("/")
        assert (site.root / path).is_file() or (site.root / path / "index.html").is_file(), path


def test_sections_that_share_a_heading_keep_their_own_anchors_on_the_whole_essay(project, tmp_path):
    # Two sections with the same subheading and each a footnote: the same ids.
    shared = "\nA claim.[^1]\n\n## Notes\n\nSee [the notes](#notes) above.\n\n[^1]: A source.\n"
    for src in PAGES[2:4]:
        append(project / "docs" / src, shared)
    site = built(project, tmp_path / "site")
    whole = article(site.soup(whole_essay_url() + "index.html"))
    ids = [element["id"] for element in whole.find_all(id=True)]
    assert len(ids) == len(set(ids))
    # Every in-page link, footnotes' included, reaches an element of the page.
    targets = [a["href"][1:] for a in whole.select("a[href^='#']")]
    assert targets and set(targets) <= set(ids)
    sections = whole.find_all("h2")  # the sections' titles, one level down
    headings = [plain(h.get_text()) for h in sections]
    for src in PAGES[2:4]:
        title = sections[headings.index(SECTIONS[PAGES.index(src)].heading)]
        notes = title.find_next("h3", string="Notes")
        link = notes.find_next("a", string="the notes")
        # The link points to the Notes of its own section, after its own title.
        assert link["href"] == "#" + notes["id"]
        assert notes.find_previous("h2") is title
