"""Give every page one Content-Security-Policy, in a <meta> tag, that admits
only the code the site's templates and theme write.

GitHub Pages cannot send headers, so the policy travels in each page's head,
right after <meta charset>, before anything it governs. It admits the site's
own origin and, for inline scripts and styles, exactly those the templates
wrote, by their SHA-256 hashes: no 'unsafe-inline' for scripts, no 'eval'.
Giscus (https://giscus.app) is admitted only when comments are configured.

Code never arrives through content: a page whose Markdown holds a <script>,
a <style>, an event handler (onclick=...), a style attribute or a
javascript: link stops the build, naming its file. The essay is prose, and
the policy would block such code anyway, silently; the build says so instead.

Every page carries the same policy, made from the template code of all
pages: Material's instant navigation runs the next page's scripts under the
policy of the page the reader opened first, and keeps a head <meta> only
when the next page has the very same one.

`mkdocs serve` gets no policy: it injects its own inline live-reload script
into every page it serves, which no build-time hash can cover.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# The origin Giscus serves its script, stylesheet and comment frame from.
GISCUS = "https://giscus.app"

# A <script> element, and its attributes; a <style> element's code.
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)
ATTRIBUTE = re.compile(r"""([\w-]+)(?:=("[^"]*"|'[^']*'|[^\s"'>]+))?""")
INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
# The types of a script the browser runs; any other makes it a data block.
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

# Where the policy goes: right after the charset, first in the head.
CHARSET = '<meta charset="utf-8">'

# Attributes whose value a browser follows as an address.
URL_ATTRIBUTES = {"action", "background", "cite", "data", "formaction", "href", "poster", "src", "xlink:href"}

serving = False
contents: dict[str, str] = {}  # each built page's file, and the content in it

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    global serving
    serving = command == "serve"


def on_pre_build(*, config: MkDocsConfig) -> None:
    contents.clear()


def on_page_content(html: str, *, page: Page, **kwargs) -> str:
    """Refuse code in a page's own content, naming the file it came from."""
    if page.file.generated_by is None:  # a generated page's content is checked at its source
        problems = code_in(html)
        if problems:
            raise PluginError(
                f"docs/{page.file.src_uri}: {'; '.join(problems)}. The Markdown of a page holds text, "
                "not code: the Content-Security-Policy admits only what the templates in overrides/ write"
            )
    return html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    contents[page.file.abs_dest_path] = page.content or ""
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    if serving:
        return
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(Path(config.site_dir).rglob("*.html"))}
    # What the templates wrote: every page but its content (all of 404.html).
    scripts, styles = set(), set()
    for path, html in pages.items():
        written = html.replace(contents.get(str(path), ""), "", 1)
        scripts |= set(inline_scripts(written))
        styles |= set(INLINE_STYLE.findall(written))
    giscus = "giscus" in (config.extra.get("comments") or {})
    tag = meta(policy(scripts, styles, comments=giscus))
    for path, html in pages.items():
        if re.search(r"<meta[^>]*http-equiv=[\"']?Content-Security-Policy", html, re.IGNORECASE):
            raise PluginError(f"{path}: already has a Content-Security-Policy; the build adds its own")
        if CHARSET not in html:
            raise PluginError(f"{path}: no {CHARSET} to put the Content-Security-Policy after")
        path.write_text(html.replace(CHARSET, CHARSET + tag, 1), encoding="utf-8")


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def inline_scripts(html: str) -> list[str]:
    """The code of every inline script the browser would run: no src, a JavaScript type."""
    found = []
    for attributes, code in SCRIPT.findall(html):
        names = {name.lower(): (value or "").strip("\"'") for name, value in ATTRIBUTE.findall(attributes)}
        if "src" not in names and names.get("type", "").lower() in JAVASCRIPT_TYPES:
            found.append(code)
    return found


def policy(scripts, styles, *, comments: bool) -> str:
    """The policy for a site whose templates write these inline scripts and styles."""
    giscus = [GISCUS] if comments else []
    directives = {
        "default-src": ["'self'"],
        "base-uri": ["'self'"],
        "connect-src": ["'self'"],  # search index, sitemap for instant navigation
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-src": giscus or ["'none'"],
        "img-src": ["'self'", "data:"],  # Material's icons are data: URLs in its CSS
        "object-src": ["'none'"],
        "script-src": ["'self'", *sorted(map(digest, scripts)), *giscus],
        "style-src": ["'self'", *sorted(map(digest, styles)), *giscus],
        "worker-src": ["'self'"],  # the search worker
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def digest(code: str) -> str:
    """A CSP source for inline code: its SHA-256, as the browser computes it."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def meta(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def code_in(html: str) -> list[str]:
    """What in a piece of HTML would run as code or style: each as a short description."""
    finder = _CodeFinder()
    finder.feed(html)
    finder.close()
    return finder.found


class _CodeFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.found.append(f"an inline <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"an event handler {name}= on <{tag}>")
            elif name == "style":
                self.found.append(f"a style attribute on <{tag}>")
            elif name in URL_ATTRIBUTES and re.sub(r"[\x00-\x20]", "", value or "").lower().startswith("javascript:"):
                self.found.append(f"a javascript: address in {name}= on <{tag}>")

    handle_startendtag = handle_starttag
