"""The original essay, as it stood on its website: the text the site must publish verbatim."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

SOURCE = Path(__file__).parent / "fixtures" / "essay.txt"


@dataclass(frozen=True)
class Section:
    heading: str | None  # None for the untitled opening
    paragraphs: list[str]


@dataclass(frozen=True)
class Essay:
    date: str  # the page's date line
    sections: list[Section]
    comment_form: list[str]  # the old page's comment form, heading first
    footer: str  # the old site builder's footer


@cache
def original() -> Essay:
    """The seed as it stood on its website, split into its parts.

    The page is a date line, an untitled opening, headed sections, a comment
    form headed "Comments", and the builder's footer on the last line. A line
    is a heading when it does not end a sentence.
    """
    date, *body = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    form_start = body.index("Comments")
    body, form, footer = body[:form_start], body[form_start:-1], body[-1]
    sections = [Section(None, [])]
    for block in body:
        if block.rstrip().endswith((".", "?", "!", '"')):
            sections[-1].paragraphs.append(block)
        else:
            sections.append(Section(block, []))
    return Essay(date, sections, form, footer)


def plain(text: str) -> str:
    """Undo typographic quotes, which the smarty extension is allowed to add."""
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
