"""Give every page one Content-Security-Policy, in a <meta> tag.

GitHub Pages cannot send headers, so the policy travels in each page's head,
right after <meta charset>, before anything it governs. It admits the site's
own origin and, for inline scripts and styles, exactly the ones the build
wrote, by their SHA-256 hashes: no 'unsafe-inline' for scripts, no 'eval'.
Giscus (https://giscus.app) is admitted only when comments are configured.

Every page carries the same policy, made from the inline code of all pages:
Material's instant navigation runs the next page's scripts under the policy
of the page the reader opened first, and keeps a head <meta> only when the
next page has the very same one.

`mkdocs serve` gets no policy: it injects its own inline live-reload script
into every page it serves, which no build-time hash can cover.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# The origin Giscus serves its script, stylesheet and comment frame from.
GISCUS = "https://giscus.app"

# Inline code: a <script> without src (and not a JSON data block) or a <style>.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.DOTALL
)
INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)

# Where the policy goes: right after the charset, first in the head.
CHARSET = '<meta charset="utf-8">'

serving = False

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    global serving
    serving = command == "serve"


def on_post_build(*, config: MkDocsConfig) -> None:
    if serving:
        return
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(Path(config.site_dir).rglob("*.html"))}
    giscus = "giscus" in (config.extra.get("comments") or {})
    tag = meta(policy(pages.values(), comments=giscus))
    for path, html in pages.items():
        if 'http-equiv="Content-Security-Policy"' in html:
            raise PluginError(f"{path}: already has a Content-Security-Policy; the build adds its own")
        if CHARSET not in html:
            raise PluginError(f"{path}: no {CHARSET} to put the Content-Security-Policy after")
        path.write_text(html.replace(CHARSET, CHARSET + tag, 1), encoding="utf-8")


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def policy(pages, *, comments: bool) -> str:
    """The policy for a site made of these pages' HTML."""
    pages = list(pages)
    scripts = sorted({digest(code) for html in pages for code in INLINE_SCRIPT.findall(html)})
    styles = sorted({digest(code) for html in pages for code in INLINE_STYLE.findall(html)})
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
        "script-src": ["'self'", *scripts, *giscus],
        "style-src": ["'self'", *styles, *giscus],
        "worker-src": ["'self'"],  # the search worker
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def digest(code: str) -> str:
    """A CSP source for inline code: its SHA-256, as the browser computes it."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def meta(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
