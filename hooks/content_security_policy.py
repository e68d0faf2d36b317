"""Give every page one Content-Security-Policy, in a <meta> tag, that admits
only the code the site's templates and theme write.

GitHub Pages cannot send headers, so the policy travels in each page's head,
right after <meta charset>, before anything it governs. It admits the site's
own origin and, for inline scripts and styles, exactly those the templates
wrote, by their SHA-256 hashes: no 'unsafe-inline' for scripts, no 'eval'.
The comment system's origin is admitted only when comments are configured:
hooks/comments.py, the one reader of extra.comments, publishes it as
config.extra.comments_origins.

The policy is told, not guessed: as MkDocs renders each page and each of
the theme's templates (404.html), this hook records the inline code in what
it rendered, less the page's content, which hooks/allowed_html.py has held
to prose. It first compacts that code: comments and indentation are for
maintainers, and instant navigation fetches every page's HTML again, so
scripts lose them with rjsmin, styles with rcssmin (small, long-maintained
minifiers that only remove comments and white space, never rename or
reorder), and JSON blocks (JSON-LD, Speculation Rules) their white space.
The hash is of what is left. A build without hooks (Zensical) ships the
code as written; it works the same. Nothing else in site/ is admitted. An HTML file copied as it is
from docs/ may carry no inline code and no policy of its own: the build
stops, naming it, before anything is written (admitting its code would
admit it on every page; publishing it with its code blocked would publish
a page that does not work). An HTML file in site/ that the build neither
rendered nor copied from docs/ stops the build too.

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
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

# The types of a script the browser runs, and Speculation Rules, which the
# policy governs as a script; any other type makes it a data block. Of
# these, the types whose code is JSON.
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "speculationrules"}
JSON_TYPES = {"application/ld+json", "application/json", "speculationrules"}

# Where the policy goes: right after the charset, first in the head.
CHARSET = '<meta charset="utf-8">'

# An address the browser runs as code: javascript:, once the C0 controls and
# spaces before it and every tab and newline in it are dropped, as it drops them.
JAVASCRIPT_ADDRESS = re.compile(r"[\x00-\x20]*" + r"[\t\n\r]*".join("javascript:"), re.IGNORECASE)

serving = False
written: dict[str, Code] = {}  # each rendered file in site/: its inline code
copied: dict[str, str] = {}  # each HTML file copied from docs/, in site/: its docs/ name

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    global serving
    serving = command == "serve"


def on_pre_build(*, config: MkDocsConfig) -> None:
    written.clear()
    copied.clear()


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """HTML copied from docs/ as it is: no inline code, no policy of its own."""
    for file in files:
        if file.is_documentation_page() or not file.src_uri.endswith(".html") or file.generated_by:
            continue
        problems = code_in(file.content_string)
        if problems:
            raise PluginError(
                f"docs/{file.src_uri}: {'; '.join(problems)}. The Content-Security-Policy admits only the code "
                "the templates in overrides/ write: move the code there, or remove it"
            )
        copied[file.abs_dest_path] = f"docs/{file.src_uri}"
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    output, written[page.file.abs_dest_path] = compact(output, page.content or "")
    if written[page.file.abs_dest_path].policy:
        raise PluginError(
            f"docs/{page.file.src_uri}: its template writes a Content-Security-Policy; the build adds its own"
        )
    return output


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        output_content, written[str(Path(config.site_dir) / template_name)] = compact(output_content)
        if written[str(Path(config.site_dir) / template_name)].policy:
            raise PluginError(f"{template_name}: writes a Content-Security-Policy; the build adds its own")
    return output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    if serving:
        return
    paths = sorted(Path(config.site_dir).rglob("*.html"))
    for path in paths:
        if str(path) not in written and str(path) not in copied:
            raise PluginError(
                f"{path}: the build neither rendered this file nor copied it from docs/, "
                "so the Content-Security-Policy cannot vouch for it"
            )
    scripts = {code for found in written.values() for code in found.scripts}
    styles = {code for found in written.values() for code in found.styles}
    tag = meta(policy(scripts, styles, comments=config.extra.get("comments_origins") or []))
    for path in paths:
        html = path.read_text(encoding="utf-8")
        name = copied.get(str(path), str(path))
        if CHARSET not in html:
            raise PluginError(f"{name}: no {CHARSET} to put the Content-Security-Policy after")
        path.write_text(html.replace(CHARSET, CHARSET + tag, 1), encoding="utf-8")


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Code:
    """The inline code of a rendered page or template."""

    scripts: frozenset[str]  # every inline script the browser runs (no src, a type it runs)
    styles: frozenset[str]  # every <style>
    policy: bool  # whether it sets a Content-Security-Policy of its own


def compact(html: str, content: str = "") -> tuple[str, Code]:
    """The page with the templates' inline code compacted, and that code: all in one parse of the page."""
    document = LexborHTMLParser(html.replace(content, "", 1) if content else html)
    scripts, styles = set(), set()
    # A script in a <template> runs once a script adds it to the page.
    for tree in (document, *document.template_fragments()):
        for node in tree.css("script:not([src]), style"):
            code, kind = node.text(deep=True), (node.attributes.get("type") or "").strip().lower()
            small = compacted(node.tag, kind, code)
            if small != code:
                html = html.replace(f">{code}</{node.tag}>", f">{small}</{node.tag}>", 1)
            if node.tag == "style":
                styles.add(small)
            elif kind in JAVASCRIPT_TYPES:
                scripts.add(small)
    own = any(
        (node.attributes.get("http-equiv") or "").strip().lower() == "content-security-policy"
        for node in document.css("meta[http-equiv]")
    )
    return html, Code(frozenset(scripts), frozenset(styles), own)


@cache  # the templates write the same code on every page
def compacted(tag: str, kind: str, code: str) -> str:
    """Code without its comments and indentation: what the page ships, and the policy hashes."""
    if not code.strip():
        return code
    if tag == "style":
        return rcssmin.cssmin(code)
    if kind in JAVASCRIPT_TYPES - {"speculationrules"}:
        return rjsmin.jsmin(code)
    if kind in JSON_TYPES:
        return json.dumps(json.loads(code), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return code


def policy(scripts, styles, *, comments: list[str]) -> str:
    """The policy for a site whose templates write these inline scripts and styles, and whose
    comments come from these origins (their script, stylesheet and frame)."""
    origins = sorted(comments)
    directives = {
        "default-src": ["'self'"],
        "base-uri": ["'self'"],
        "connect-src": ["'self'"],  # search index, sitemap for instant navigation
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-src": origins or ["'none'"],
        "img-src": ["'self'", "data:"],  # Material's icons are data: URLs in its CSS
        "object-src": ["'none'"],
        "script-src": ["'self'", *sorted(map(digest, scripts)), *origins],
        "style-src": ["'self'", *sorted(map(digest, styles)), *origins],
        "worker-src": ["'self'"],  # the search worker
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def digest(code: str) -> str:
    """A CSP source for inline code: its SHA-256, as the browser computes it."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def meta(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def code_in(html: str) -> list[str]:
    """What in an HTML document would run as code or style, or set its own policy: each said once."""
    found = []
    for node in LexborHTMLParser(html, scripting=True).root.traverse():
        tag, attributes = node.tag, node.attributes
        if tag == "script" and "src" not in attributes:
            found.append("an inline <script>")
        elif tag == "style":
            found.append("an inline <style>")
        elif tag == "meta" and (attributes.get("http-equiv") or "").strip().lower() == "content-security-policy":
            found.append("a Content-Security-Policy of its own")
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"an event handler {name}= on <{tag}>")
            elif name == "style":
                found.append(f"a style attribute on <{tag}>")
            elif JAVASCRIPT_ADDRESS.match(value or ""):
                found.append(f"a javascript: address in {name}= on <{tag}>")
    return list(dict.fromkeys(found))
