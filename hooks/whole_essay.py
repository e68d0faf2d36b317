"""The essay's pages in the order of nav, and the whole essay on one page.

nav is the essay's reading order, and its first page is the site's home: a
nav that does not start with index.md, or a docs/ without it, would publish
a site whose address answers 404, so the build stops and says so.

The whole essay, at whole-essay/, is for reading straight through, printing
or saving a PDF: every page of nav in order, the first as it is (its heading
is the essay's title), the others with their headings one level down, so
that sections are <h2>s under that title. It is assembled from the sections'
rendered HTML at every build, so it can never drift from them, and any
warning about a section's Markdown is reported once, against that section's
file. On the one page, relative links and images are rewritten to resolve
from whole-essay/, and ids are made unique (a repeated one gets _1, _2...,
as Python-Markdown's toc does), with each section's in-page links following
its own ids. The page is neither in the navigation nor in search, where it
would repeat every section. Nor has it Material's search: every word of the
essay is on it, where the browser's own find (Ctrl+F, "Find in page")
reaches it without leaving the page. That search's markup and first-view
rules (1.4 KB gzipped) would push the page past the first round trip of
its connection (LCP 850 ms instead of 700 on Lighthouse's phone): Material
reads whether search is on from its plugin's config as it renders a page,
so the config says off while this page renders, and so do the templates
that read the same flag (head-scripts.html). So does instant navigation:
it keeps the header as it is, and would carry one without search to the
parts. Templates link to it through
`config.extra.whole_essay`, its URL, which only this hook sets: a build
without hooks (Zensical) has neither the page nor links to it. This hook
also counts each page's place in the essay once per build, for the
templates (partials/essay.html) and the cards: `config.extra.essay_parts`,
each page's URL and its number, from 1.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

HOME = "index.md"
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

# A start tag, and in it an attribute that names an id or points to an address.
START_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
ATTRIBUTE = re.compile(r"""(\s)(id|href|src)=("[^"]*"|'[^']*')""")
# A heading's tags, opening or closing, of a level that has one below it.
HEADING = re.compile(r"<(/?)h([1-5])\b")

# What the whole essay's rendering switches off, as (config, key, value as it was).
switched_off: list[tuple[MutableMapping, str, object]] = []

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if files.get_file_from_path(SRC):
        raise PluginError(f"docs/{SRC}: this name is kept for the whole essay, which the build makes")
    sources = nav_sources(config.nav or [])
    if not files.get_file_from_path(HOME):
        raise PluginError(f"docs/{HOME} is missing: it is the essay's opening and the site's home page")
    if not sources or sources[0] != HOME:
        first = repr(sources[0]) if sources else "nothing"
        raise PluginError(f"mkdocs.yml: nav must start with {HOME}, the site's home page; it starts with {first}")
    for src in sources:
        if files.get_file_from_path(src) is None:
            raise PluginError(f"mkdocs.yml: nav lists '{src}', which is not in docs/")
    page = File.generated(config, SRC, content=FRONT_MATTER)
    page.inclusion = InclusionLevel.NOT_IN_NAV
    files.append(page)
    config.extra["whole_essay"] = page.url
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Each page's place in the essay, counted once per build, for the templates and the cards."""
    config.extra["essay_parts"] = {page.url: number for number, page in enumerate(nav.pages, start=1)}
    return nav


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Every page is rendered by now: assemble the whole essay from the sections."""
    whole = files.get_file_from_path(SRC).page
    parts, tocs, taken = [], [], set()
    for index, src in enumerate(nav_sources(config.nav)):
        section = files.get_file_from_path(src).page
        ids = unique_ids(section.content, taken)
        parts.append(rewrite(section, whole.url, ids, shift=index > 0))
        tocs.append([moved(item, ids, shift=index > 0) for item in section.toc])
    whole.content = "\n".join(parts)
    opening, *sections = tocs
    rest = [item for toc in sections for item in toc]
    if len(opening) == 1:  # the essay's title: the sections' headings go under it
        opening[0].children += rest
        rest = []
    whole.toc = TableOfContents(opening + rest)
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """The whole essay renders without Material's search and instant navigation."""
    if page.file.src_uri == SRC:
        search = config.plugins.get("material/search")
        if search is not None:
            switched_off.append((search.config, "enabled", search.config.enabled))
            search.config["enabled"] = False
        features = config.theme.get("features") or []
        switched_off.append((config.theme, "features", features))
        config.theme["features"] = [feature for feature in features if feature != "navigation.instant"]
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Every other page, and the search index, find the config as mkdocs.yml gave it."""
    while switched_off:
        holder, key, value = switched_off.pop()
        holder[key] = value
    return output


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


def unique_ids(html: str, taken: set[str]) -> dict[str, str]:
    """Each id of a section, and the id it takes on the one page: itself, or itself_N."""
    ids = {}
    for tag in START_TAG.findall(html):
        for _, name, value in ATTRIBUTE.findall(tag):
            if name == "id":
                old = value[1:-1]
                new, number = old, 0
                while new in taken:
                    number += 1
                    new = f"{old}_{number}"
                taken.add(new)
                ids[old] = new
    return ids


def rewrite(section: Page, whole_url: str, ids: dict[str, str], *, shift: bool) -> str:
    """A section's HTML as it stands on the whole essay's page."""
    base = "/" + section.url

    def address(value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("/"):
            return value  # elsewhere, or from the root: the same from any page
        target = urlsplit(urljoin(base, value))
        if target.path == base and target.fragment:
            return "#" + ids.get(target.fragment, target.fragment)  # a place in this very section
        query = f"?{target.query}" if target.query else ""
        fragment = f"#{target.fragment}" if target.fragment else ""
        return get_relative_url(target.path, whole_url) + query + fragment

    def attribute(match: re.Match) -> str:
        space, name, quoted = match.groups()
        quote, value = quoted[0], quoted[1:-1]
        value = ids.get(value, value) if name == "id" else address(value)
        return f"{space}{name}={quote}{value}{quote}"

    html = START_TAG.sub(lambda tag: ATTRIBUTE.sub(attribute, tag.group()), section.content)
    if shift:
        html = HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
    return html


def moved(item: AnchorLink, ids: dict[str, str], *, shift: bool) -> AnchorLink:
    """A section's table of contents entry, with its id on the one page."""
    copy = AnchorLink(item.title, ids.get(item.id, item.id), item.level + shift)
    copy.children = [moved(child, ids, shift=shift) for child in item.children]
    return copy
