"""Add the whole essay as one more page, whole-essay/, made from the pages of nav.

Readers who want to read straight through, print or save a PDF get every
section in order on one page: the first page of nav as it is (its heading
is the essay's title), then each other page with its headings one level
down, so that sections are <h2>s under that title. The page is made from
the same Markdown on every build, so it can never drift from the sections;
it is not in the navigation and not in search, where it would repeat every
result. Templates link to it through `config.extra.whole_essay`, its URL,
which only this hook sets: a build without hooks (Zensical) has neither
the page nor links to it.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

SRC = "whole-essay.md"
FRONT_MATTER = """\
---
title: The whole essay
description: The whole essay on one page, to read straight through or to print.
comments: false
search:
  exclude: true
---
"""

# An ATX heading: one to five hashes, then a space (a sixth level has no
# level below it).
HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if files.get_file_from_path(SRC):
        raise PluginError(f"docs/{SRC}: this name is kept for the whole essay, which the build makes")
    sections = []
    for index, src in enumerate(nav_sources(config.nav or [])):
        file = files.get_file_from_path(src)
        if file is None:
            raise PluginError(f"mkdocs.yml: nav lists '{src}', which is not in docs/")
        markdown = get_data(file.content_string)[0].strip()
        sections.append(markdown if index == 0 else HEADING.sub(r"#\1 ", markdown))
    if not sections:
        raise PluginError("mkdocs.yml: nav lists no pages to make the whole essay from")
    page = File.generated(config, SRC, content=FRONT_MATTER + "\n" + "\n\n".join(sections) + "\n")
    page.inclusion = InclusionLevel.NOT_IN_NAV
    files.append(page)
    config.extra["whole_essay"] = page.url
    return files


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def nav_sources(items) -> list[str]:
    """The Markdown files of nav, in order, through any nested sections."""
    found = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += nav_sources(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found
