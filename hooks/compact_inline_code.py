"""Compact the code the templates write inline, before the policy hashes it.

The site's styles and scripts stand inline in every page (a phone's first
paint waits for no file), and instant navigation fetches every page's HTML
again. Their comments and indentation are for maintainers: each page drops
them here, with rjsmin and rcssmin (small, long-maintained minifiers that
only remove comments and white space, and never rename or reorder code), and
JSON blocks (JSON-LD, Speculation Rules) lose their white space. This hook
runs before hooks/content_security_policy.py, which hashes what is left.
A build without hooks (Zensical) ships the code as written; it works the same.
"""

from __future__ import annotations

import json
from functools import cache

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

# The types of a script that is JavaScript, and of one that is JSON.
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
JSON_TYPES = {"application/ld+json", "application/json", "speculationrules"}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return compact(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return compact(output_content) if template_name.endswith(".html") else output_content


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def compact(html: str) -> str:
    """The page with its inline scripts, styles and JSON blocks compacted."""
    for node in LexborHTMLParser(html).css("script:not([src]), style"):
        code = node.text(deep=True)
        small = compacted(node.tag, (node.attributes.get("type") or "").strip().lower(), code)
        if code.strip() and small != code:
            html = html.replace(f">{code}</{node.tag}>", f">{small}</{node.tag}>", 1)
    return html


@cache  # the templates write the same code on every page
def compacted(tag: str, kind: str, code: str) -> str:
    if tag == "style":
        return rcssmin.cssmin(code)
    if kind in JAVASCRIPT_TYPES:
        return rjsmin.jsmin(code)
    if kind in JSON_TYPES:
        return json.dumps(json.loads(code), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return code
