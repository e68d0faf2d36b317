"""Hold each page's content to an allow-list: the HTML that prose needs.

The essay is prose. What its Markdown renders to may hold paragraphs,
headings, lists, quotes, tables, footnotes, images and links, and nothing
else: a <script>, an event handler, a <meta http-equiv="refresh"> that sends
readers elsewhere, a <base> that bends every link, an <iframe>, <object> or
<form>, an address that is not http:, https:, mailto:, relative or a
#fragment. Anything outside the list stops the build, naming the file, the
element and the attribute, before anything is written. Ordinary prose that
speaks of code in `code spans` renders as text, and passes.

The content is parsed as the browser will parse it, by Lexbor, a WHATWG HTML
parser, through selectolax (maintained, fast, with wheels; it parses a
fragment in the context of the <article> it lands in, with scripting on and
off, as readers' browsers do). A deny-list on Python's own HTMLParser read
some markup differently from a browser (`<!-->`, markup inside <textarea> or
<noscript>), so what the build checked was not what readers ran.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from html_text import address_problem
from selectolax.lexbor import LexborHTMLParser

# -----------------------------------------------------------------------------
# The allow-list
# -----------------------------------------------------------------------------

# Every element content may hold, and the attributes each may carry beside
# GLOBAL. Python-Markdown, its footnotes and attr_list write within these.
ELEMENTS: dict[str, set[str]] = {
    # Prose, headings and the text inside them.
    **{name: set() for name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "div", "span")},
    **{name: set() for name in ("b", "code", "dfn", "em", "i", "kbd", "mark", "pre", "s", "samp", "small")},
    **{name: set() for name in ("strong", "sub", "sup", "u", "var", "cite", "figure", "figcaption")},
    "abbr": set(),
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    # Lists.
    "ul": set(),
    "ol": {"reversed", "start", "type"},
    "li": {"value"},
    "dl": set(),
    "dt": set(),
    "dd": set(),
    # Tables.
    **{name: set() for name in ("table", "caption", "thead", "tbody", "tfoot", "tr")},
    "colgroup": {"span"},
    "col": {"span"},
    "th": {"abbr", "colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    # Links and images.
    "a": {"href", "hreflang", "rel"},
    "img": {"alt", "decoding", "height", "loading", "src", "width"},
}
GLOBAL = {"class", "dir", "id", "lang", "title"}
# A heading names what follows it: one without words is refused (screen
# readers announce it as an empty heading; as a page's first, it is its title).
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# Attributes whose value the browser follows as an address (hooks/html_text.py
# says which may be followed). An image must come from the site itself: the
# Content-Security-Policy would block any other, silently.
ADDRESSES = {"cite", "href", "src"}
OWN_FILES_ONLY = {("img", "src")}

# Where content stands on a page: the elements Material's main.html puts
# around it. A page whose end tags close one of them escapes its article.
AROUND = '<div class="md-container"><main><div><div class="md-content"><article>{}<i data-end></i></article>'

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_page_content(html: str, *, page: Page, **kwargs) -> str:
    if page.file.generated_by is None:  # a generated page's content is checked at its sources
        problems = refused(html)
        if problems:
            raise PluginError(
                f"docs/{page.file.src_uri}: {'; '.join(problems)}. A page's content holds prose, headings, lists, "
                "quotes, tables, footnotes, images and links (hooks/allowed_html.py lists what is allowed)"
            )
    return html


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def refused(html: str) -> list[str]:
    """What in a page's rendered content the allow-list refuses, each said once, in order."""
    problems: list[str] = []
    # Readers with JavaScript, and without: the parser reads <noscript> by
    # whether scripts run, and nothing else.
    for scripting in (True, False) if "noscript" in html.lower() else (True,):
        fragment = LexborHTMLParser(html, is_fragment=True, fragment_tag="article", scripting=scripting)
        for node in fragment.root.traverse() if fragment.root else []:
            problems += element_problems(node.tag, node.attributes)
            if node.tag in HEADINGS and not node.text(deep=True).strip():
                problems.append(f"an empty <{node.tag}> (a `#` with no words after it) is not allowed")
    problems += escapes(html)
    return list(dict.fromkeys(problems))


def element_problems(tag: str, attributes: dict[str, str | None]) -> list[str]:
    if tag.startswith("-"):  # text, comments: nothing runs
        return []
    if tag not in ELEMENTS:
        return [f"<{tag}> is not allowed"]
    problems = []
    for name, value in attributes.items():
        if name not in GLOBAL | ELEMENTS[tag]:
            problems.append(f"the attribute {name}= on <{tag}> is not allowed")
        elif name in ADDRESSES and (problem := address_problem(value or "", own=(tag, name) in OWN_FILES_ONLY)):
            problems.append(f"{name}={value!r} on <{tag}> {problem}")
    return problems


def escapes(html: str) -> list[str]:
    """Whether the content, on its page, would close the article it stands in or touch the page's body."""
    page = LexborHTMLParser(AROUND.format(html), scripting=True)
    problems = []
    if page.body.attributes or page.css_first("html").attributes:
        problems.append("a <body> or <html> tag is not allowed: its attributes would land on the page's own")
    end = page.css_first("i[data-end]")
    ancestors, node = [], end.parent if end is not None else None
    while node is not None:
        ancestors.append(node.tag)
        node = node.parent
    if "article" not in ancestors:
        problems.append("an end tag closes an element that the page, not the content, opened")
    elif ancestors[0] != "article":
        problems.append(f"<{ancestors[0]}> is left open at the end of the page's content")
    return problems
