"""Fail the build on front matter the site does not understand.

MkDocs drops front matter it cannot parse without a word, and the theme
ignores keys it does not know, so a typo such as `coments: false` would
quietly do nothing. This hook checks every page against SCHEMA and stops the
build with the file's name and the problem.
"""

from __future__ import annotations

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE

# -----------------------------------------------------------------------------
# Schema
# -----------------------------------------------------------------------------

# Every key a page may set: its type, and whether the page must set it.
SCHEMA: dict[str, tuple[type, bool]] = {
    "comments": (bool, False),  # false hides the comments placeholder
    "description": (str, True),  # the page's meta description
    "search": (dict, False),  # {exclude: true} keeps a page out of search (Material)
    "title": (str, False),  # the page's title, where its heading will not do
}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_page_markdown(markdown: str, *, page: Page, **kwargs) -> str:
    """Check the page's front matter before its Markdown is rendered."""
    check(f"docs/{page.file.src_uri}", page.file.content_string, page.meta)
    return markdown


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def check(name: str, source: str, parsed: dict | None = None) -> None:
    """Raise a PluginError naming the file when its front matter is wrong.

    parsed is what MkDocs made of it: a mapping when the YAML was sound (then
    it is not parsed again), empty when it was missing or malformed.
    """
    if parsed:
        meta = parsed
    else:
        match = YAML_RE.match(source)
        if not match:
            raise PluginError(f"{name}: no front matter; every page needs a '---' block with a description")
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError as error:
            raise PluginError(f"{name}: malformed front matter: {error}") from None
    if not isinstance(meta, dict):
        raise PluginError(f"{name}: front matter must be a mapping of keys to values")

    unknown = sorted(map(str, meta.keys() - SCHEMA.keys()))
    if unknown:
        raise PluginError(
            f"{name}: unknown front matter key {', '.join(map(repr, unknown))}; known keys: {', '.join(sorted(SCHEMA))}"
        )
    for key, (kind, required) in SCHEMA.items():
        if key not in meta:
            if required:
                raise PluginError(f"{name}: front matter is missing '{key}'")
        elif not isinstance(meta[key], kind):
            raise PluginError(f"{name}: front matter '{key}' must be a {kind.__name__}, got {meta[key]!r}")
        elif kind is str and not meta[key].strip():
            raise PluginError(f"{name}: front matter '{key}' is empty")
