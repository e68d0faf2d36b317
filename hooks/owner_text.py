"""Every string the owner writes reaches a page as text.

MkDocs' Jinja does not autoescape, and Material's templates write the
owner's words raw: a page's description into <meta content="...">, its
title into <title>, the header and every page's navigation, site_name into
the header, nav labels into the navigation. A quote in a description cut
it short; a `</title>` or a `"><script>` in any of them ran as code on
every page. So each value is made HTML text at its source, before any
template sees it: escaped, and marked as markupsafe.Markup, so that a
template's own `| e` (Material's aria-labels, ours) leaves it as it is
instead of escaping it twice, and a template that needs the plain text
(JSON-LD) takes `| striptags`. Material's templates stay as they are.

Per value, what the build does (a value that cannot mean anything as text
stops the build, naming the file or the key; nothing is dropped silently):

- site_name, site_description, site_author, copyright (mkdocs.yml), a page's
  `title` and `description` (front matter), every nav label: escaped text.
  Material treats copyright as HTML; here, as everywhere, it is text.
- A page's title from its heading: MkDocs gives it as HTML (entities, tags
  stripped); it becomes its plain text, escaped, as the browser would show
  it. (Material writes it through `striptags`, which decodes `&lt;` back
  into `<`: main.html writes <title> itself.)
- C0 and C1 control characters (but tab and newline) in any of them: refused,
  since HTML has no text for them. Bidirectional and other format
  characters are text, and pass.
- A title or label that is empty, or only spaces: refused (the page's
  empty `# ` heading: hooks/allowed_html.py).
- A nav link: its label is text; its address must be one a page's links
  may have (hooks/html_text.py).
- site_url: an http: or https: address with nothing an attribute could
  break on (quotes, angle brackets, spaces).
- extra: only `comments` (hooks/comments.py checks it). Material's other
  extra settings (analytics, consent, social, alternate, scope, ...)
  load from other sites or write the value into an inline script; they
  are refused, naming the key, rather than ignored.

Listed first under `hooks:` in mkdocs.yml, so that its on_config sees
mkdocs.yml's values before other hooks add to `extra`, and the other
hooks see only escaped values (to draw or write them as plain text, they
decode them with hooks/html_text.py's `plain()`).
"""

from __future__ import annotations

import re

from html_text import address_problem, plain
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

# The settings of mkdocs.yml that templates write as text.
SITE_TEXT = ("site_name", "site_description", "site_author", "copyright")

# What extra may hold: the comments (hooks/comments.py reads them).
EXTRA_KEYS = {"comments"}

# Characters that HTML has no text for: C0 and C1 controls, but tab and newline.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# What a site_url may not hold: it is written raw into href="...".
URL_BREAKS = re.compile(r"[\s\"'<>`\\]")

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    unknown = sorted(map(str, set(config.extra) - EXTRA_KEYS))
    if unknown:
        raise PluginError(
            f"mkdocs.yml: extra.{unknown[0]} is not a setting of this site; extra takes only "
            f"{', '.join(sorted(EXTRA_KEYS))}. Material's other extra settings load from other sites "
            "or write their value into an inline script"
        )
    for key in SITE_TEXT:
        value = config[key]
        if value is not None:
            config[key] = text(value, f"mkdocs.yml: {key}", required=key == "site_name")
    site_url = config.site_url or ""
    if site_url and (not re.match(r"https?://", site_url) or URL_BREAKS.search(site_url)):
        raise PluginError(
            f"mkdocs.yml: site_url {site_url!r} must be an http: or https: address without spaces, quotes or <>"
        )
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Every nav label as text, every nav link to an address a browser may follow."""

    def walk(items) -> None:
        for item in items:
            if isinstance(item, Page):
                if "title" in vars(item):  # a label in nav, which MkDocs gives the page
                    item.title = text(item.title, f"mkdocs.yml: the nav label of {item.file.src_uri}", title=True)
                continue
            where = f"mkdocs.yml: the nav label {item.title!r}"
            item.title = text(item.title, where, title=True)
            if isinstance(item, Section):
                walk(item.children)
            elif isinstance(item, Link) and (problem := address_problem(item.url)):
                raise PluginError(f"mkdocs.yml: the nav link {str(item.title)!r} goes to {item.url!r}, which {problem}")

    walk(nav.items)
    return nav


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's title and description as text, once its Markdown is rendered (and its heading known)."""
    name = f"docs/{page.file.src_uri}"
    meta = page.meta
    if "description" in meta:  # its type is checked by hooks/front_matter.py
        meta["description"] = text(meta["description"], f"{name}: front matter 'description'")
    if "title" in meta:
        meta["title"] = text(meta["title"], f"{name}: front matter 'title'", title=True)
    elif "title" not in vars(page) and page._title_from_render is not None:
        # The heading's HTML, as MkDocs extracts it: its plain text, as a reader sees it.
        heading = plain(page._title_from_render)
        page.title = text(heading, f"{name}: its heading", title=True)
    return html


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def text(value, where: str, *, title: bool = False, required: bool = True) -> Markup:
    """A value the owner wrote, as HTML text; PluginError naming where it was written if it cannot be text."""
    if isinstance(value, Markup):  # already made text (a nav label MkDocs gives to a page, seen twice)
        return value
    if not isinstance(value, str):
        raise PluginError(f"{where} must be text, got {value!r}")
    if match := CONTROLS.search(value):
        raise PluginError(
            f"{where} holds the control character U+{ord(match.group()):04X}, which HTML has no text for: {value!r}"
        )
    if title:
        value = " ".join(value.split())  # a title is one line
    if required and not value.strip():
        raise PluginError(f"{where} is empty")
    return Markup.escape(value)
