"""Front matter follows the schema in hooks/front_matter.py."""

from __future__ import annotations

import pytest

from project import build_error, front_matter, nav_pages

PAGES = nav_pages()
PAGE = PAGES[2]


@pytest.mark.parametrize("src", PAGES)
def test_every_page_has_a_plain_description(src):
    description = front_matter(src).get("description")
    assert isinstance(description, str) and 20 <= len(description) <= 160


@pytest.mark.parametrize(
    "front, message",
    [
        ("description: A page.\ncoments: false", "unknown front matter key 'coments'"),
        ("description: A page.\ncomments: 'no'", "front matter 'comments' must be a bool"),
        ("comments: false", "front matter is missing 'description'"),
        ("description: ''", "front matter 'description' is empty"),
        ("- description\n- comments", "front matter must be a mapping"),
    ],
    ids=["unknown-key", "comments-not-boolean", "no-description", "empty-description", "not-a-mapping"],
)
def test_front_matter_outside_the_schema_fails_the_build(project, tmp_path, front, message):
    path = project / "docs" / PAGE
    body = path.read_text().split("---\n", 2)[2]
    path.write_text(f"---\n{front}\n---\n{body}")
    assert f"{PAGE}: {message}" in build_error(project)


def test_page_without_front_matter_fails_the_build(project, tmp_path):
    path = project / "docs" / PAGE
    path.write_text(path.read_text().split("---\n", 2)[2])
    assert f"{PAGE}: no front matter" in build_error(project)
