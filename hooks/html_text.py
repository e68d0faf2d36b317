"""What several hooks read alike: an HTML text's plain words, and whether a browser may follow an address.

Not a hook (mkdocs.yml does not list it): the hooks import it, since MkDocs
puts their folder on Python's path while it loads them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from selectolax.lexbor import LexborHTMLParser

# The schemes an address from the owner may have; an address that names no
# scheme is relative (or a #fragment). A scheme, as the WHATWG URL parser
# reads one: a letter, then letters, digits, +, - or ., then a colon; what a
# browser ignores in an address: leading and trailing C0 controls and spaces,
# and every tab and newline.
SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
IGNORED_AROUND, IGNORED_WITHIN = "".join(map(chr, range(0x21))), re.compile(r"[\t\n\r]")


@cache  # the cards, the EPUB and the pages ask for the same titles and the site name, page after page
def plain(html: str, *, drawn: bool = False) -> str:
    """HTML text as a reader reads it: tags stripped, entities decoded, spaces single. Drawn (on a card):
    without format characters (bidirectional controls, zero-width joiners), which have no glyph to draw."""
    text = LexborHTMLParser(f"<body>{html}</body>").body.text(deep=True)
    if drawn:
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split())


def address_problem(value: str, *, own: bool = False) -> str | None:
    """Why a browser must not follow this address (own: it must be one of the site's files), or None."""
    address = IGNORED_WITHIN.sub("", value.strip(IGNORED_AROUND))
    scheme = SCHEME.match(address)
    if own and (scheme or address.startswith("//")):
        return "is not one of the site's own files: the site loads nothing from elsewhere"
    if scheme and scheme.group(1).lower() not in SCHEMES:
        return "is not an http:, https:, mailto:, relative or #fragment address"
    return None
