"""Put the first view's share of Material's stylesheets in every page, so that
nothing blocks the first paint.

Material's main.css (23 KB gzipped) and palette.css are render-blocking: on
Lighthouse's simulated phone they cost about two round trips before anything
is drawn. When this hook runs, main.html's styles block writes an empty
`<style data-essay-critical>`, then Material's stylesheet links in a
`<noscript id="essay-later-styles">`: a browser without scripts applies them
as they are, and .code/later-styles.js asks for them when the reader does
more than read (a key, a click, a tap, the mouse) or Material starts: a
reader who only scrolls is never sent them. A build without hooks
(Zensical) keeps Material's block as it is.

This hook fills that `<style>` with the rules of those stylesheets that can
apply to the first view of some page of the site, in their order, each with
its declarations as written and those of its selectors that matched:

- a rule is kept when one of its selectors matches an element of a built
  page, as Lexbor (selectolax, already the build's HTML parser) matches it;
  each page is matched as it is parsed and as its first-paint script leaves
  it: a `<script type="text/html">` block's markup in place of the block,
  the body in each palette of mkdocs.yml;
- a pseudo-element is matched on its element; a pseudo-class that holds as
  the page is parsed (:first-child, :checked, :not(), :is() and the like,
  STRUCTURAL) is matched as it is; one that needs the reader's pointer or
  focus (NEVER) holds for nothing, and its :not() for everything; any other
  (:target, :placeholder-shown, vendor ones) is taken to hold;
- rules for print are kept (a phone reader who only scrolled can print).
  Every element of a page keeps its rules, shown or not: leaving out those
  of search's results grew the desktop header, those of Material's dialog
  showed a dark bar as it faded out, those of the comments moved the home
  page's footer (the tests compare every page, top to bottom, with and
  without the stylesheets);
- a custom property that no kept declaration and no part of a page uses is
  left out (Material's icons are data: URLs in custom properties), and so is
  a @keyframes that no kept declaration names.

The stylesheets come from where the pages link them, in site/: a theme
update changes them, and the rules derived from them, in the same build.
One block for each kind of page (match()), the union over its pages, or the
block of another kind that covers it: the Content-Security-Policy admits the
few blocks by their hashes (hooks/content_security_policy.py reads them from
config.extra.critical_css), and its one pass over the built pages writes each
page's block in (config.extra.critical_css_pages): that hook comes after this
one in mkdocs.yml, or the build stops.

CSS is parsed with tinycss2 (maintained by the WeasyPrint project, a CSS
Syntax Level 3 tokenizer and parser): rules and declarations are read as the
browser reads them, never with regular expressions over CSS.

First, each page loses the indentation between its tags (untabbed()): with
the first view's rules in it, a part must still fit in the first round trip
of its connection (14,600 bytes gzipped).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib.metadata import version
from typing import NamedTuple
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

CACHE = ".cache/critical-css"  # the parsed stylesheets, beside mkdocs.yml
PLACE = "<style data-essay-critical></style>"  # what main.html writes, and this hook fills
WRITER = "content_security_policy.py"  # the hook whose pass over every built page writes the blocks in
LATER = "#essay-later-styles link[rel=stylesheet]"  # the stylesheets main.html defers
STRUCTURAL = {
    "root", "empty", "checked", "disabled", "link", "any-link",
    "first-child", "last-child", "only-child", "first-of-type", "last-of-type", "only-of-type",
    "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type",
    "is", "where", "has", "not",
}  # fmt: skip
NEVER = {"hover", "focus", "focus-visible", "focus-within", "active"}  # no pointer, no focus at load
# Each starts with a literal, which re finds fast: one pattern with alternatives is 10 times slower.
MARKUP_NAMES = tuple(map(re.compile, (r"<[A-Za-z][\w-]*", r'class="[^"]*', r'id="[^"]*', r'data-md-component="[^"]*')))
VARIABLE = re.compile(r"var\(\s*(--[\w-]+)")
# Where an element whose text is kept as it is starts, and where each ends: found by two literal
# searches, not one lazy pattern tried at every character (a page untabs in a third of the time).
KEPT_AS_IS = re.compile(r"<(pre|textarea|script|style)\b", re.IGNORECASE)
KEPT_END = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in ("pre", "textarea", "script", "style")}
# A line break and the white space after it: starts with a literal, which re finds fast.
INDENTATION = re.compile(r"\n[ \t\r\n]*")


class Rule(NamedTuple):
    at: tuple[str, str] | None  # ("media" or "supports", its condition), ("keyframes", name), or none
    selectors: tuple[str, ...]  # as written
    loosened: tuple[str | None, ...]  # each as the page at load can match it (loosened())
    block: str  # its declarations, as written
    declarations: tuple[tuple[str, str], ...]  # each (name, "value" or "value!important"), as written


sheets: list[Path] = []  # the deferred stylesheets, in site/, in the order the pages link them
rules: list[Rule] = []  # their rules, as tinycss2 read them
matched: dict[frozenset[str], set[tuple[int, int]]] = {}  # each kind of page: (rule, selector) that match one
kinds: dict[str, frozenset[str]] = {}  # each page in site/: its kind (match())
signatures: dict[frozenset[str], frozenset[str]] = {}  # the names a page's markup uses: its kind
named_ids: set[str] = set()  # the ids the stylesheets' selectors name, as markup writes them
rules_key = [""]  # what the stylesheets' rules are kept by (key_of())
theme_key = [""]  # what else a page's remembered matches are kept by (shaping())
used_variables: set[str] = set()  # custom properties that the pages themselves use


# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The blocks reach the pages in the policy's pass over every built page (on_post_build): that
    # hook must come after this one, or the pages would keep an empty block and no first-view rules.
    names = [Path(name).name for name in config.hooks]
    if WRITER not in names[names.index(Path(__file__).name) + 1 :]:
        raise PluginError(f"mkdocs.yml: hooks/{WRITER} must come after hooks/{Path(__file__).name}, "
                          "which leaves the first view's rules to it to write into each page")
    config.extra["critical_css"] = ""  # defined: main.html defers the stylesheets
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    sheets.clear()
    rules.clear()
    matched.clear()
    kinds.clear()
    signatures.clear()
    named_ids.clear()
    rules_key[0] = ""
    theme_key[0] = shaping(config)
    used_variables.clear()


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # Untabbed first: every later pass (this hook's, the policy's) reads a page a quarter smaller.
    if PLACE in output:
        output = untabbed(output)
        match(output, f"docs/{page.file.src_uri}", page.file.abs_dest_path, config)
    return output


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html") and PLACE in output_content:
        output_content = untabbed(output_content)
        match(output_content, template_name, str(Path(config.site_dir) / template_name), config)
    return output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    # A block for each kind whose rules no other kind's hold; every other kind (the home page,
    # the 404 page) shares the smallest of those that holds its rules: the policy lists few hashes.
    order = sorted(matched, key=lambda kind: (len(matched[kind]), sorted(kind)))
    widest = [kind for index, kind in enumerate(order) if not any(matched[kind] <= matched[other] for other in order[index + 1 :])]
    blocks = {kind: next(other for other in widest if matched[kind] <= matched[other]) for kind in matched}
    styles = {kind: critical(matched[kind]) for kind in set(blocks.values())}
    for css in styles.values():
        if "</style" in css.lower():
            raise PluginError(f"{', '.join(map(str, sheets))}: a rule holds '</style', which would end a <style>")
    config.extra["critical_css"] = sorted(set(styles.values()))
    # Each page's block, as (what main.html wrote, what replaces it): the policy's hook, which reads
    # and writes every page after this one, writes it in (a pass of this hook's own over a hundred
    # pages cost a build 0.05 s).
    config.extra["critical_css_pages"] = {
        path: (PLACE, f"<style>{styles[blocks[kind]]}</style>") for path, kind in kinds.items()
    }


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def untabbed(html: str) -> str:
    """The page without its indentation, outside <pre>, <textarea>, <script> and <style>.

    The templates' nesting writes it, between tags and around the text in
    them (Material's navigation labels), and the first flight pays for it
    (about 500 bytes gzipped a page); a browser shows a run of white space
    as one space, which a line break still is. A data block of markup
    (<script type="text/html">) loses it too.
    """
    pieces, position = [], 0
    while start := KEPT_AS_IS.search(html, position):
        pieces.append(unindented(html[position : start.start()]))
        end = KEPT_END[start.group(1).lower()].search(html, start.end())
        position = end.end() if end else len(html)  # unclosed: kept to the end, as a browser reads it
        kept = html[start.start() : position]
        pieces.append(unindented(kept) if kept.startswith('<script type="text/html"') else kept)
    pieces.append(unindented(html[position:]))
    return "".join(pieces)


def unindented(markup: str) -> str:
    """Markup whose line breaks have no white space after them."""
    return INDENTATION.sub("\n", markup)


def match(html: str, name: str, path: str, config: MkDocsConfig) -> None:
    """Add the rules that apply to this page (one that writes PLACE, as the callers check) to
    those matched for its kind of page.

    A kind is the set of elements and Material components a page holds: the parts
    are one, the whole essay with its contents and sections another. Each kind gets
    the rules its pages use, not every page those of all (the whole essay's alone
    weigh about 800 bytes gzipped, a part's margin in its first flight)."""
    project = Path(config.config_file_path).parent
    if not rules:
        load(LexborHTMLParser(html), name, config)
    # Pages built from the same templates with the same elements (the parts of a long essay)
    # match alike: a page whose markup names the tags, classes, components and the ids that
    # selectors name of one matched before takes its kind and its rules unparsed, in this
    # build or, from .cache/critical-css/, in an earlier one with the same stylesheets,
    # templates and palettes (shaping()).
    signature = names(html)
    if signature in signatures:
        kinds[path] = signatures[signature]
        return
    kind = frozenset(name for name in signature if name.startswith(("<", "data-md-component=")))
    kinds[path] = signatures[signature] = kind
    used_variables.update(VARIABLE.findall(html))
    found = matched.setdefault(kind, set())
    key = "\n".join([rules_key[0], theme_key[0], *sorted(signature)])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    remembered = project / CACHE / f"page-{digest}.json"
    try:
        found.update(map(tuple, json.loads(remembered.read_text(encoding="utf-8"))))
        return
    except (OSError, ValueError, TypeError):
        pass
    own = matches(LexborHTMLParser(html), config)
    found |= own
    remembered.parent.mkdir(parents=True, exist_ok=True)  # .cache/ deleted while `mkdocs serve` runs
    remembered.write_text(json.dumps(sorted(own)), encoding="utf-8")


def matches(document: LexborHTMLParser, config: MkDocsConfig) -> set[tuple[int, int]]:
    """The (rule, selector) pairs that match the page as parsed and as its first-paint script
    leaves it (a data block's markup in place of the block), the body in each palette, with
    search and the drawer closed and open: a reader who opens them before Material's
    stylesheets have come (a key or a tap asks for them) sees them as they will be."""
    for block in document.css('script[type="text/html"]'):
        for node in LexborHTMLParser(f"<body>{block.text()}</body>").body.iter():
            block.insert_before(node)
        block.decompose()
    present = set()
    for node in document.root.traverse():
        present.update("." + word for word in (node.attributes.get("class") or "").split())
        if node.id:
            present.add("#" + node.id)
    found = set()
    body = document.body
    palettes = config.theme.get("palette") or [{}]
    toggles = document.css("input[data-md-toggle]")  # search and the drawer, opened by the header's buttons
    for opened in (False, True):
        for toggle in toggles if opened else []:
            toggle.attrs["checked"] = ""
        for palette in palettes if isinstance(palettes, list) else [palettes]:
            for key in ("scheme", "primary", "accent"):
                if palette.get(key):
                    body.attrs[f"data-md-color-{key}"] = str(palette[key]).replace(" ", "-")
            for index, rule in enumerate(rules):
                for number, selector in enumerate(rule.loosened):
                    if selector is None or (index, number) in found:
                        continue
                    if needs(selector) <= present and document.css_first(selector) is not None:
                        found.add((index, number))
    return found


def names(html: str) -> frozenset[str]:
    """The tags, classes, components and selector-named ids a page's markup writes."""
    tags, classes, ids, components = (set(pattern.findall(html)) for pattern in MARKUP_NAMES)
    return frozenset(tags | classes | components | (ids & named_ids))


@cache
def needs(selector: str) -> frozenset[str]:
    """The classes and ids an element of the page must have for the selector to match anywhere."""
    outside = re.sub(r"\[[^\]]*\]", "", selector)
    while "(" in outside:  # what :is(), :where(), :has() and :not() hold need not be there
        outside = re.sub(r"\([^()]*\)", "", outside)
    return frozenset(re.findall(r"[.#][\w-]+", outside))


def load(document: LexborHTMLParser, name: str, config: MkDocsConfig) -> None:
    """Read the stylesheets this page defers, from site/."""
    keys = []
    base = urlsplit(config.site_url or "/").path
    for link in document.css(LATER):
        address = urlsplit(urljoin(base + "x", link.attributes.get("href") or "")).path
        path = Path(config.site_dir) / address.removeprefix(base.rstrip("/") + "/").removeprefix("/")
        if not path.is_file():
            raise PluginError(f"{name}: its stylesheet {link.attributes.get('href')} is not in {config.site_dir}")
        sheets.append(path)
        css = path.read_text(encoding="utf-8")
        keys.append(key_of(css))
        rules.extend(cached(css, path.name, str(Path(config.config_file_path).parent)))
    if not sheets:
        raise PluginError(f"{name}: writes {PLACE} but defers no stylesheet ({LATER})")
    rules_key[0] = hashlib.sha256("".join(keys).encode("utf-8")).hexdigest()
    named_ids.update(f'id="{id[1:]}' for rule in rules for one in rule.loosened for id in needs(one or "") if id[0] == "#")


def shaping(config: MkDocsConfig) -> str:
    """What shapes the pages' markup beyond the names it writes, which a page's remembered matches
    must follow too: the templates (every file in the theme's custom_dir, Material's version) can
    move an element out of .md-typeset and keep every name; the palettes set the body's attributes."""
    digest = hashlib.sha256(version("mkdocs-material").encode("utf-8"))
    digest.update(json.dumps([config.theme.get("palette"), config.theme.get("features")], default=str).encode("utf-8"))
    if custom := config.theme.custom_dir:
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(custom).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


@cache  # load() and cached() ask for each stylesheet's key
def key_of(css: str) -> str:
    """What a stylesheet's cached rules, and the pages' matches, are kept by: it and this file."""
    return hashlib.sha256(css.encode("utf-8") + Path(__file__).read_bytes()).hexdigest()[:20]


@cache  # a served site rebuilds with the same theme
def cached(css: str, name: str, project: str) -> tuple[Rule, ...]:
    """parsed(), kept in .cache/critical-css/ (git ignores .cache/) by the stylesheet's and this
    file's content: parsing Material's 140 KB takes a tenth of a second, reading the JSON a hundredth."""
    path = Path(project) / CACHE / f"{key_of(css)}.json"
    try:
        return tuple(Rule(tuple(at) if at else None, tuple(s), tuple(l), b, tuple(map(tuple, d)))
                     for at, s, l, b, d in json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        found = parsed(css, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(found), encoding="utf-8")
        return found


def parsed(css: str, name: str) -> tuple[Rule, ...]:
    """A stylesheet's rules: each with its @media or @supports, its selectors and its block."""
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "error":
            raise PluginError(f"{name}: {rule.message}")
        if rule.type == "qualified-rule":
            found.append((None, rule))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
            condition = tinycss2.serialize(rule.prelude).strip()
            for inner in tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True):
                if inner.type == "qualified-rule":
                    found.append(((rule.lower_at_keyword, condition), inner))
        elif rule.type == "at-rule" and rule.lower_at_keyword == "keyframes":
            found.append((("keyframes", tinycss2.serialize(rule.prelude).strip()), rule))
    return tuple(
        Rule(
            at,
            () if at and at[0] == "keyframes" else tuple(tinycss2.serialize(part).strip() for part in comma_split(rule.prelude)),
            () if at and at[0] == "keyframes" else tuple(map(loosened, comma_split(rule.prelude))),
            tinycss2.serialize(rule.content).strip(),
            () if at and at[0] == "keyframes" else tuple(
                (item.name, tinycss2.serialize(item.value).strip() + ("!important" if item.important else ""))
                for item in tinycss2.parse_blocks_contents(rule.content)
                if item.type == "declaration"
            ),
        )
        for at, rule in found
    )


def comma_split(tokens: list) -> list[list]:
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def loosened(tokens: list) -> str | None:
    """A selector as the page at load can match it (see the module's docstring); None if it cannot."""
    out, index = [], 0
    while index < len(tokens):
        token = tokens[index]
        if not (token.type == "literal" and token.value == ":"):
            out.append(tinycss2.serialize([token]))
            index += 1
            continue
        element = index + 1 < len(tokens) and tokens[index + 1].type == "literal" and tokens[index + 1].value == ":"
        index += 2 if element else 1
        pseudo = tokens[index]
        index += 1
        name = pseudo.lower_name if pseudo.type == "function" else getattr(pseudo, "lower_value", "")
        if element:
            continue
        if name in NEVER:
            return None
        if name not in STRUCTURAL:
            continue
        if pseudo.type != "function":
            out.append(":" + name)
        elif name in ("is", "where", "has", "not"):
            inner = [loosened(part) for part in comma_split(pseudo.arguments)]
            if name == "not":
                if None in inner or any(part != tinycss2.serialize(raw).strip() for part, raw in
                                        zip(inner, comma_split(pseudo.arguments), strict=True)):
                    continue  # it holds for some state at least: taken to hold
                out.append(f":not({','.join(inner)})")
            elif any(inner):
                out.append(f":{name}({','.join(part for part in inner if part)})")
            else:
                return None
        else:
            out.append(":" + tinycss2.serialize([pseudo]))
    selector = "".join(out).strip()
    # A compound left empty (`::selection`, `:hover` gone from `a :hover`) is any element.
    return re.sub(r"(^|[\s>+~(,])(?=[\s>+~),]|$)", r"\1*", selector) if selector else "*"


def critical(matched: set[tuple[int, int]]) -> str:
    """The matched rules, with the selectors that matched, in their stylesheets' order, without the
    custom properties and keyframes nobody uses."""
    chosen: dict[int, list[str]] = {}
    for index, number in sorted(matched):
        chosen.setdefault(index, []).append(rules[index].selectors[number])
    declarations = {index: rules[index].declarations for index in chosen}
    needed = set(used_variables)
    defined: dict[str, list[str]] = {}
    for items in declarations.values():
        for name, value in items:
            if name.startswith("--"):
                defined.setdefault(name, []).append(value)
            else:
                needed.update(VARIABLE.findall(value))
    waiting = list(needed)
    while waiting:
        for value in defined.get(waiting.pop(), []):
            for name in VARIABLE.findall(value):
                if name not in needed:
                    needed.add(name)
                    waiting.append(name)
    animations = " ".join(
        value for items in declarations.values() for name, value in items if name in ("animation", "animation-name")
    )
    out, open_at = [], None
    for index, rule in enumerate(rules):
        at = rule.at
        if at and at[0] == "keyframes":
            if not re.search(rf"(?<![\w-]){re.escape(at[1])}(?![\w-])", animations):
                continue
            text, at = f"@keyframes {at[1]}{{{rule.block}}}", None
        elif index in chosen:
            items = [(name, value) for name, value in declarations[index] if not name.startswith("--") or name in needed]
            if not items:
                continue
            body = ";".join(f"{name}:{value}" for name, value in items)
            text = ",".join(chosen[index]) + "{" + body + "}"
        else:
            continue
        if at != open_at:
            if open_at:
                out.append("}")
            if at:
                out.append(f"@{at[0]} {at[1]}{{")
            open_at = at
        out.append(text)
    if open_at:
        out.append("}")
    return "".join(out)
