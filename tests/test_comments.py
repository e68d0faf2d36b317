"""Every essay page ends with the comments placeholder, unless it opts out."""

from __future__ import annotations

import pytest

import giscus
from essay import original
from project import PLACEHOLDER, article, built, configure, nav_pages

PAGES = nav_pages()


def placeholder(page):
    return article(page).select_one("section:has(> h2#__comments)")


@pytest.mark.parametrize("src", PAGES)
def test_comments_placeholder_follows_the_essay_text(site, src):
    page = site.page(src)
    section = placeholder(page)
    assert section is not None
    # A labelled region with a real heading, after the last of the essay.
    heading = section.find("h2", id="__comments")
    assert section["aria-labelledby"] == heading["id"]
    assert heading.get_text(strip=True) == original().comment_form[0]
    blocks = article(page).find_all(recursive=False)
    last_paragraph = [b for b in blocks if b.name == "p" and not b.get("class")][-1]
    assert blocks.index(section) > blocks.index(last_paragraph)


@pytest.mark.parametrize("src", PAGES)
def test_comments_placeholder_says_they_are_not_open_and_asks_for_nothing(site, src):
    section = placeholder(site.page(src))
    assert [p.get_text(strip=True) for p in section.find_all("p")] == [PLACEHOLDER]
    # The old form's note about an email field would speak of a field that is not there.
    assert original().comment_form[1].lstrip("* ") not in section.get_text()
    assert section.find(["form", "input", "textarea"]) is None


def test_a_page_with_comments_false_has_no_comments_at_all(project, tmp_path):
    # Comments configured, so that the opt-out hides the button as well as the heading.
    configure(project, {"comments": {"giscus": giscus.SETTINGS}})
    opted_out, other = PAGES[3], PAGES[4]
    path = project / "docs" / opted_out
    path.write_text(path.read_text().replace("---\n", "---\ncomments: false\n", 1))
    copy = built(project, tmp_path / "site")
    assert placeholder(copy.page(opted_out)) is None
    assert copy.page(opted_out).find(id="__comments") is None
    assert copy.page(opted_out).select("button.essay-comments__load") == []
    assert len(placeholder(copy.page(other)).select("button.essay-comments__load")) == 1
