"""Readers find every page, in essay order, with a title and a description."""

from __future__ import annotations

import pytest

from essay import original
from project import config, front_matter, nav_pages, page_url

PAGES = nav_pages()


@pytest.mark.parametrize("src", PAGES)
def test_navigation_lists_all_pages_in_essay_order(site, src):
    links = site.page(src).select("nav.md-nav--primary a.md-nav__link[href]")
    targets = [site.path(a["href"], src) for a in links]
    assert targets == [page_url(p) for p in PAGES]


@pytest.mark.parametrize("index", range(len(PAGES)), ids=PAGES)
def test_page_has_its_sections_title_and_its_meta_description(site, index):
    # The opening bears the essay's title; a section, its heading, then the essay's.
    src, name = PAGES[index], config()["site_name"]
    heading = original().sections[index].heading
    page = site.page(src)
    assert page.title.get_text().strip() == (f"{heading} - {name}" if heading else name)
    description = page.find("meta", attrs={"name": "description"})
    assert description["content"] == front_matter(src)["description"]


@pytest.mark.parametrize("index", range(len(PAGES)), ids=PAGES)
def test_page_links_to_its_neighbours_in_the_essay(site, index):
    src = PAGES[index]
    page = site.page(src)
    for selector, neighbour in (
        ("a.md-footer__link--prev", index - 1),
        ("a.md-footer__link--next", index + 1),
    ):
        link = page.select_one(selector)
        if 0 <= neighbour < len(PAGES):
            assert site.path(link["href"], src) == page_url(PAGES[neighbour])
        else:
            assert link is None
