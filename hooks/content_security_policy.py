"""Give every page one Content-Security-Policy, in a <meta> tag, that admits
only the code the site's templates and theme write.

The rule: inline code is admitted by where it was written, not by where it
was found. A script or style on a built page is admitted only if a template
wrote it as it is: it is the text of a <script> or <style> block of a
template in the theme's folders (overrides/, then Material's), with its
`{% include %}`s in place and each `{{ ... }}` in it standing for a plain
value (letters, digits, spaces, '.', '/', '_', '-': a path or a name, never
code). Code whose text came from docs/ or from a mkdocs.yml value matches no
such block, whatever page it is found in, and stops the build, naming the
page and the code's first words. Admitted code is hashed (SHA-256). Script
files are admitted from one place, the theme's scripts under the site's
own address (site_url + assets/javascripts/), not from the whole origin,
which every project site of one owner shares (OWNER.github.io): a script
from another of them, or one a page's HTML names by any other path, does
not run. Chromium and Firefox match a source with a path by its path
(CSP Level 2, since Chromium 40 and Firefox 23). 'strict-dynamic' was
weighed and left out: it admits any script that a script creates, and
Material's instant navigation creates the next page's scripts anew, so
an inline script there would run unhashed.

Files copied from docs/ must not run either, since GitHub Pages sends no
header and a file opened by its address runs under no policy but its own:
a .js, .mjs, .cjs, .wasm, .xsl or .xslt file, an SVG or XML file with a
script, an event handler, a foreignObject, an embedded frame, an address
that runs code or loads from elsewhere, its own entities or a stylesheet
instruction, and an HTML file with any <script>, stop the build, naming
the file, before anything is written.

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

After the build, one pass reads and writes each page: the policy goes in,
and so do the first view's rules that hooks/critical_css.py left to it
(config.extra.critical_css_pages), which `mkdocs serve` gets too.

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
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

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

# Where the theme's script files are, under the site's address: the only ones that run.
THEME_SCRIPTS = "assets/javascripts/"

# Where the policy goes: right after the charset, first in the head.
CHARSET = '<meta charset="utf-8">'

# An address the browser runs as code: javascript:, once the C0 controls and
# spaces before it and every tab and newline in it are dropped, as it drops them.
JAVASCRIPT_ADDRESS = re.compile(r"[\x00-\x20]*" + r"[\t\n\r]*".join("javascript:"), re.IGNORECASE)

# A <script> or <style> block of a template, and Jinja's tags in one.
TEMPLATE_BLOCK = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
INCLUDE = re.compile(r"""\{%-?\s*include\s+["']([^"']+)["']\s*-?%\}""")
# What a `{{ ... }}` inside a template's code may stand for: a plain value.
PLAIN_VALUE = r"[A-Za-z0-9 ./_-]*"

# Files a browser runs as code, or as a document that can hold code, when
# opened by their address; and what may not stand in an SVG or XML file.
RUNNABLE = {".js", ".mjs", ".cjs", ".wasm", ".xsl", ".xslt"}
HTML_DOCUMENTS = {".html", ".htm", ".xhtml", ".xht"}
XML_DOCUMENTS = {".svg", ".xml"}
XML_CODE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
XML_ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform"}

serving = False
written: dict[str, Code] = {}  # each rendered file in site/: its inline code
copied: dict[str, str] = {}  # each HTML file copied from docs/, in site/: its docs/ name
templates: list[Written] = []  # the inline code the theme's templates write (template_code())
vouched: dict[str, bool] = {}  # each piece of inline code seen in this build: whether a template wrote it

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    global serving
    serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Material's head script names the scope of what it stores (extra.scope, else each page's
    # address of the site's root: "." on the home page, ".." a level down, "/" on 404.html): three
    # scripts, three hashes in every page's policy. The site's path is that same scope, written
    # alike on every page: one script, one hash (about 90 bytes gzipped off every page). The owner
    # cannot set it (hooks/owner_text.py refuses extra.scope); site_url is checked there too.
    config.extra["scope"] = urlsplit(config.site_url or "/").path or "/"
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    written.clear()
    copied.clear()
    vouched.clear()
    templates[:] = template_code(config.theme.dirs)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Files copied from docs/ as they are: nothing that runs, no policy of their own."""
    docs = Path(config.docs_dir).resolve()
    for file in files:
        if file.is_documentation_page() or file.generated_by or Path(file.src_dir or "").resolve() != docs:
            continue  # a page (checked as it renders), or the theme's own file
        suffix = Path(file.src_uri).suffix.lower()
        if suffix in RUNNABLE:
            problems = [f"a {suffix} file runs as code when opened by its address"]
        elif suffix in HTML_DOCUMENTS:
            problems = code_in(file.content_string)
        elif suffix in XML_DOCUMENTS:
            problems = xml_code_in(file.content_string)
        else:
            continue
        if problems:
            raise PluginError(
                f"docs/{file.src_uri}: {'; '.join(problems)}. The site runs only the code the templates in "
                "overrides/ write, and GitHub Pages serves a file from docs/ with no policy: remove the code"
            )
        if suffix in HTML_DOCUMENTS:
            copied[file.abs_dest_path] = f"docs/{file.src_uri}"
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    name = f"docs/{page.file.src_uri}"
    output, written[page.file.abs_dest_path] = compact(output, page.content or "", name=name)
    if written[page.file.abs_dest_path].policy:
        raise PluginError(f"{name}: its template writes a Content-Security-Policy; the build adds its own")
    return output


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        output_content, written[str(Path(config.site_dir) / template_name)] = compact(
            output_content, name=template_name
        )
        if written[str(Path(config.site_dir) / template_name)].policy:
            raise PluginError(f"{template_name}: writes a Content-Security-Policy; the build adds its own")
    return output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    """The last pass over the built pages, which reads and writes each once: the policy goes in
    (not when serving), and the first view's rules that hooks/critical_css.py left to it."""
    fills = config.extra.get("critical_css_pages") or {}
    if serving:
        for path, (place, block) in fills.items():
            Path(path).write_text(Path(path).read_text(encoding="utf-8").replace(place, block, 1), "utf-8")
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
    # The first view's rules, which hooks/critical_css.py took from the theme's stylesheets as they are.
    styles |= set(config.extra.get("critical_css") or [])
    theme = urljoin(config.site_url, THEME_SCRIPTS) if config.site_url else None
    tag = meta(policy(scripts, styles, comments=config.extra.get("comments_origins") or [], theme=theme))
    for path in paths:
        html = path.read_text(encoding="utf-8")
        name = copied.get(str(path), str(path))
        if CHARSET not in html:
            raise PluginError(f"{name}: no {CHARSET} to put the Content-Security-Policy after")
        if str(path) in fills:
            html = html.replace(*fills[str(path)], 1)
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


def compact(html: str, content: str = "", *, name: str) -> tuple[str, Code]:
    """The page with the templates' inline code compacted, and that code: all in one parse of the page.

    PluginError, naming the page, for inline code that no template wrote."""
    document = LexborHTMLParser(html.replace(content, "", 1) if content else html)
    scripts, styles = set(), set()
    # A script in a <template> runs once a script adds it to the page.
    for tree in (document, *document.template_fragments()):
        for node in tree.css("script:not([src]), style"):
            code, kind = node.text(deep=True), (node.attributes.get("type") or "").strip().lower()
            runs = node.tag == "style" or kind in JAVASCRIPT_TYPES
            if runs and not written_by_a_template(code):
                raise PluginError(
                    f"{name}: an inline <{node.tag}> that no template in overrides/ or the theme writes as it is "
                    f"(it starts {' '.join(code.split())[:80]!r}). Code whose text came from docs/ or from a "
                    "mkdocs.yml value is never admitted: look for markup in the page's title, description or "
                    "nav label, or in mkdocs.yml"
                )
            small = compacted(node.tag, kind, code)
            if small != code:
                html = html.replace(f">{code}</{node.tag}>", f">{small}</{node.tag}>", 1)
            if not small.strip():
                continue  # an empty block runs nothing: no hash to admit it (hooks/critical_css.py fills one)
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
        # No <, > or & as such: no "</script" or "<!--" can end or bend the block around it.
        text = json.dumps(json.loads(code), ensure_ascii=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return code


# A template's block of code: its text between its `{{ ... }}`s, each piece as the words
# (runs of anything but white space) it is made of, and where it has white space ('').
Written = tuple[tuple[str, ...], ...]


def template_code(folders) -> list[Written]:
    """Every inline script and style the templates in these folders write, as the pieces its rendering holds.

    A block's `{% include %}`s are put in place; its Jinja comments write
    nothing; each `{{ ... }}` stands for a plain value; a run of white space
    for any (Jinja's `-` trims it). A block with any other Jinja tag (an if,
    a loop) could write more than its text says: it vouches for nothing.
    """
    folders = [Path(folder) for folder in folders]

    def source(name: str) -> str | None:
        for folder in folders:
            if (folder / name).is_file():
                return (folder / name).read_text(encoding="utf-8")
        return None

    def expanded(body: str, depth: int = 0) -> str | None:
        def include(match: re.Match) -> str:
            text = source(match.group(1))
            if text is None or depth > 8:
                raise LookupError(match.group(1))
            return expanded(text, depth + 1) or ""

        try:
            return INCLUDE.sub(include, re.sub(r"\{#.*?#\}", "", body, flags=re.DOTALL))
        except LookupError:
            return None

    patterns = []
    for folder in folders:
        for path in sorted(templates_in(folder)):
            template = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)  # notes write nothing
            for tag, attributes, body in TEMPLATE_BLOCK.findall(template):
                kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]*)""", attributes)
                if re.search(r"\bsrc\s*=", attributes) or (
                    tag.lower() == "script" and (kind.group(1).lower() if kind else "") not in JAVASCRIPT_TYPES
                ):
                    continue
                body = expanded(body)
                if body is None or re.search(r"\{%", body):
                    continue
                patterns.append(tuple(tuple(re.split(r"\s+", piece)) for piece in JINJA.split(body)))
    return patterns


def templates_in(folder: Path) -> list[Path]:
    """The .html templates under folder, but in dot folders: Material's .icons/ holds thousands of
    SVG files (a walk through them costs a build a twentieth of a second), overrides/.code/ sources."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(root) / name for name in files if name.endswith(".html")]
    return found


def written_by_a_template(code: str) -> bool:
    """Whether a template of the theme's folders writes this code as it is (template_code)."""
    if code not in vouched:
        vouched[code] = any(writes(written, code) for written in templates)
    return vouched[code]


def writes(written: Written, code: str) -> bool:
    """Whether code is the block's words in order, with any white space (or none) where the block
    has some and none elsewhere, each `{{ ... }}` standing for a plain value.

    A block without values is walked word by word: compiling a pattern for
    each of the templates' blocks cost every build four hundredths of a second."""
    if len(written) > 1:
        return pattern(written).fullmatch(code) is not None
    at = 0
    for index, word in enumerate(written[0]):
        while index and at < len(code) and code[at].isspace():
            at += 1
        if not code.startswith(word, at):
            return False
        at += len(word)
    return at == len(code)


@cache
def pattern(written: Written) -> re.Pattern:
    """The block as a pattern: white space where it has some, a plain value for each `{{ ... }}`."""
    return re.compile(PLAIN_VALUE.join(r"\s*".join(map(re.escape, words)) for words in written), re.DOTALL)


def policy(scripts, styles, *, comments: list[str], theme: str | None = None) -> str:
    """The policy for a site whose templates write these inline scripts and styles, whose theme's
    scripts are under the address theme (else the site's origin), and whose comments come from
    these origins (their script, stylesheet and frame)."""
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
        "script-src": [theme or "'self'", *sorted(map(digest, scripts)), *origins],
        "style-src": ["'self'", *sorted(map(digest, styles)), *origins],
        "worker-src": [theme or "'self'"],  # the search worker, one of the theme's scripts
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
        if tag == "script":
            found.append("a <script> that loads code" if "src" in attributes else "an inline <script>")
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


def xml_code_in(source: str) -> list[str]:
    """What in an SVG or XML document would run as code, or load from elsewhere, when it is opened: each said once."""
    if re.search(r"<!ENTITY|<!DOCTYPE[^>]*\[", source, re.IGNORECASE):
        return ["a document type with entities of its own, which could spell out anything"]
    if re.search(r"<\?xml-stylesheet", source, re.IGNORECASE):
        return ["a stylesheet instruction (<?xml-stylesheet?>), which can run a transform"]
    try:
        root = ElementTree.fromstring(source)
    except ElementTree.ParseError as error:
        return [f"it is not well-formed XML ({error})"]
    found = []
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in XML_CODE:
            found.append(f"a <{tag}>")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            address = IGNORED.sub("", value).lower()
            if local.startswith("on"):
                found.append(f"an event handler {local}= on <{tag}>")
            elif tag in XML_ANIMATIONS and local == "attributename" and value.strip().endswith("href"):
                found.append(f"a <{tag}> that changes an address")
            elif local == "href" or JAVASCRIPT_ADDRESS.match(value):
                if re.match(r"(javascript|vbscript|data):", address):
                    found.append(f"a {address.split(':')[0]}: address in {local}= on <{tag}>")
                elif tag != "a" and (re.match(r"[a-z][a-z0-9+.-]*:", address) or address.startswith("//")):
                    found.append(f"{local}= on <{tag}> loads from another site")
    return list(dict.fromkeys(found))


# What a browser drops from an address before reading its scheme: controls, spaces, tabs, newlines.
IGNORED = re.compile(r"[\x00-\x20]")
