"""Load the theme's scripts with `defer`, so that they never hold up the first paint.

Material ends every page with plain `<script src>` tags. Chromium fetches them
at high priority beside the stylesheets, so on a slow phone connection the
first paint waits for 35 KB of JavaScript that it does not need. With `defer`
they still run in the same order, after the page is parsed and before
DOMContentLoaded, as they did at the end of the body.

The scripts block cannot take the attribute without a copy of the theme's
block, which would fork on every theme release; hence a hook. Builds that do
not run hooks (Zensical) keep the theme's tags, which work, only slower.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# A classic external script that blocks the parser: it has a src and neither
# async, defer nor a type of its own.
BLOCKING_SCRIPT = re.compile(r"<script(?![^>]*\b(?:async|defer|type)\b)(?=[^>]*\bsrc=)")

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return defer(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages, such as 404.html, are templates, not pages."""
    return defer(output_content) if template_name.endswith(".html") else output_content


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def defer(html: str) -> str:
    return BLOCKING_SCRIPT.sub("<script defer", html)
