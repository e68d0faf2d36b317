"""What the Markdown extensions in mkdocs.yml do for an author, each shown on a temporary page.

The essay's own pages stay verbatim (tests/test_content.py); these show why
each extension is there.
"""

from __future__ import annotations

import pytest

from project import append, article, built, copy_project, nav_pages

PAGE = nav_pages()[2]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A page of the project with an author's paragraphs added, built: its content's HTML."""
    project = copy_project(tmp_path_factory.mktemp("markdown") / "project")
    append(
        project / "docs" / PAGE,
        "\n"
        "Symbols: (c) 2024, 1/2 of it, --> onwards, +/- ten.\n\n"
        "Sums: 2*3*4 and snake_case_name stay as typed, while *this* is emphasis.\n\n"
        "#hashtag starts this line.\n\n"
        "Quotes: \"double\" and 'single', and an ellipsis...\n\n"
        "A claim.[^source]\n\n"
        "[^source]: Where it comes from.\n\n"
        "<pre><b>Lines</b>\n    <i>indented</i>\n</pre>\n",
    )
    return article(built(project, project / "site").page(PAGE))


def paragraph(content, start: str):
    (found,) = [p for p in content.find_all("p") if p.get_text().startswith(start)]
    return found


def test_smartsymbols_sets_symbols_as_typeset(written):
    assert paragraph(written, "Symbols:").get_text() == "Symbols: © 2024, ½ of it, → onwards, ± ten."


def test_betterem_leaves_stars_and_underscores_inside_words_as_typed(written):
    sums = paragraph(written, "Sums:")
    assert "2*3*4" in sums.get_text() and "snake_case_name" in sums.get_text()
    assert [em.get_text() for em in sums.find_all("em")] == ["this"]


def test_saneheaders_needs_a_space_to_start_a_heading(written):
    assert paragraph(written, "#hashtag").get_text() == "#hashtag starts this line."
    assert written.find(["h1", "h2", "h3"], string=lambda text: text and "hashtag" in text) is None


def test_smarty_sets_quotes_and_ellipses(written):
    quotes = paragraph(written, "Quotes:").get_text()
    assert quotes == "Quotes: \u201cdouble\u201d and \u2018single\u2019, and an ellipsis\u2026"


def test_footnotes_are_numbered_and_linked_both_ways(written):
    reference = written.select_one("sup[id^='fnref'] a")
    note = written.select_one(reference["href"].replace(":", "\\:"))
    assert note.get_text(strip=True).startswith("Where it comes from.")
    assert note.select_one("a.footnote-backref")["href"] == "#" + reference.parent["id"]


def test_preformatted_text_keeps_its_line_breaks_and_indentation(written):
    # The build drops the indentation between tags elsewhere (hooks/critical_css.py, untabbed()).
    (pre,) = written.find_all("pre")
    assert pre.get_text() == "Lines\n    indented\n"
