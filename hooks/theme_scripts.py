"""Hold the theme's scripts back until the reader does something.

Material ends every page with plain `<script src>` tags: its bundle (35 KB
gzipped, and on a mid-range phone the longest task of the page), which in
turn fetches the search index, the search worker and the sitemap. None of it
is needed to read the essay: Material's pages read, and navigate, without
JavaScript. This hook turns each such tag into an inert data block,
`<script type="text/x-theme-script" data-src=...>`, and the loader in
partials/site-scripts.html loads them, in order, once the reader's first
gesture (a key, a touch, a scroll, the pointer moving, focus) is over, then
starts Material on the page as its DOMContentLoaded would have. A reader
who only reads is sent the essay and its styles, and the next part.

The scripts block cannot be changed without a copy of the theme's block,
which would fork on every theme release; hence a hook. Builds that do not
run hooks (Zensical) keep the theme's tags, which work as Material ships them.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# A classic external script that runs while the page loads: it has a src
# and neither async, defer nor a type of its own.
CLASSIC_SCRIPT = re.compile(r"<script(?![^>]*\b(?:async|defer|type)\b)([^>]*?)\ssrc=(\"[^\"]*\")([^>]*)>")
HELD = "text/x-theme-script"

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return hold(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages, such as 404.html, are templates, not pages."""
    return hold(output_content) if template_name.endswith(".html") else output_content


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def hold(html: str) -> str:
    return CLASSIC_SCRIPT.sub(rf'<script\1 type="{HELD}" data-src=\2\3>', html)
