"""Draw a social card for every page: the picture a shared link shows.

Each card is a 1200×630 PNG in the site's primary colour: a small line over
a large title, and the page's place in the essay ("Part 3 of 7"). A section's
card says the essay's title, then its own; the home page's card, the one
shared most, leads with the essay's title in large type. It is drawn at
every build from the page and nav, with Pillow and the Lato font of the
pinned font-lato package (SIL Open Font License 1.1): nothing is fetched, so
the build works offline and two builds give the same bytes. Material's
social plugin was not used: it downloads its fonts from Google Fonts at
build time unless a cache holds them, and needs the Cairo library.

Titles are drawn as plain text, as <title> and the link-preview tags give
them: the heading's tags stripped and its entities decoded (smarty writes
&rsquo; for an apostrophe). A title wraps onto as many lines as the card
holds, in a smaller size if it must. The build stops, naming the page, on a
title that fits in no size, a font that cannot be loaded, or a character the
font has no glyph for (Lato draws Latin text; CJK or an emoji would be an
empty box). A fallback font for every script would add megabytes to the
toolchain and still miss some; a clear error lets the owner choose a title
in front matter (`title:`). Templates find the card in the page's context
as `social_card`; a build without hooks (Zensical) has none, and its link
previews go without a picture.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

# Pillow's package alone (its version is part of a card's design, design()): its drawing
# modules and fontTools load when a card is drawn, not on a build that finds every card in
# the cache (a fiftieth of a second each build).
import PIL
from html_text import plain
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from PIL import Image, ImageFont

SIZE = (1200, 630)
MARGIN = 80
PRIMARY = (0x40, 0x51, 0xB5)  # Material's indigo, the palette's primary colour
FONT_PACKAGE = "font_lato"
TITLE_SIZES = (72, 64, 56, 48)  # the title's sizes, tried in turn until it fits
TITLE_TOP, TITLE_BOTTOM = 190, 500  # the band the title's lines must stay in
FOLDER = "assets/images/social"

# The card is drawn in shades of one ink: 0 is the background, 255 white,
# and the palette maps each shade onto the line from the primary to white.
PALETTE = [round(shade / 255 * 255 + (1 - shade / 255) * channel) for shade in range(256) for channel in PRIMARY]
MUTED = 200  # the essay's title and the part: white at about 78%

cards: dict[str, Path] = {}  # each page's card, a PNG file in the cache, by its source

# Where cards drawn by earlier builds are kept, beside mkdocs.yml, each by
# its text and design(): a change to either draws the card anew.
CACHE = ".cache/social-cards"

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Every page is read and none is written yet: draw every card now, or stop the build naming the page.

    A card whose text, design and font are unchanged since an earlier build
    is taken from the cache (.cache/social-cards/); the others are drawn in
    parallel. Pillow draws and compresses without holding Python's lock.
    """
    global cards
    pages = {file.src_uri: card_text(file.page, config) for file in files.documentation_pages()}
    cache = Path(config.config_file_path).parent / CACHE
    for src, text in pages.items():
        try:
            if kept(text, cache).is_file():
                continue  # drawn before, so it can be drawn
            layout(*text)
        except (OSError, ImportError) as error:
            raise PluginError(f"docs/{src}: its social card cannot be drawn: {error}") from None
        except ValueError as error:
            raise PluginError(f"docs/{src}: {error}") from None
    with ThreadPoolExecutor() as pool:
        cards = dict(zip(pages, pool.map(lambda text: png(text, cache), pages.values())))
    config.extra["social_cards"] = {src: str(path) for src, path in cards.items()}  # the EPUB's cover (hooks/epub.py)
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    over, title, part = card_text(page, config)
    path = f"{FOLDER}/{Path(page.file.src_uri).with_suffix('.png').as_posix()}"
    target = Path(config.site_dir) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(cards[page.file.src_uri], target)  # the cache's file itself: nothing to copy
    except OSError:  # another file system, or one without links
        shutil.copyfile(cards[page.file.src_uri], target)
    context["social_card"] = {
        "url": (config.site_url or "") + path,
        "width": SIZE[0],
        "height": SIZE[1],
        "alt": f"{over}: {title}. {part}.",
    }
    return context


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def card_text(page: Page, config: MkDocsConfig) -> tuple[str, str, str]:
    """What a page's card says, in plain text: the line over the title, the title, the part."""
    parts = config.extra["essay_parts"]  # each page's place in the essay (hooks/whole_essay.py)
    count = len(parts)
    name = plain(config.site_name, drawn=True)  # escaped text (hooks/owner_text.py), as all the owner's words
    if page.is_homepage or not page.url:  # the essay's opening: its title is the essay's
        return f"An essay in {count} parts", name, f"Part 1 of {count}"
    title = plain(page.meta.get("title") or page.title or config.site_name, drawn=True)
    if page.url in parts:
        return name, title, f"Part {parts[page.url]} of {count}"
    return name, title, f"All {count} parts on one page"


def png(text: tuple[str, str, str], cache: Path) -> Path:
    """A card's PNG file in the cache: kept there since an earlier build, or drawn now."""
    path = kept(text, cache)
    if path.is_file():
        return path
    out = io.BytesIO()
    draw(*text).save(out, "PNG", compress_level=3)  # a third of level 6's time, a fifth more bytes
    cache.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}")
    partial.write_bytes(out.getvalue())
    partial.replace(path)  # whole or not at all, should two builds race
    return path


def kept(text: tuple[str, str, str], cache: Path) -> Path:
    """Where the cache keeps the card with this text, in this design."""
    return cache / f"{hashlib.sha256(repr((text, design())).encode()).hexdigest()}.png"


def font_file(weight: str) -> str:
    return str(files(FONT_PACKAGE) / "files" / f"Lato-{weight}.ttf")


@cache
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(font_file(weight), size)


@cache
def glyphs(weight: str) -> frozenset[int]:
    """The characters a weight of the font can draw."""
    from fontTools.ttLib import TTFont

    with TTFont(font_file(weight), lazy=True) as face:
        return frozenset(face.getBestCmap())


def undrawable(text: str, weight: str) -> list[str]:
    """The characters of text that the font has no glyph for, each once, as 'x' (U+0078)."""
    missing = dict.fromkeys(c for c in text if not c.isspace() and ord(c) not in glyphs(weight))
    return [f"{c!r} (U+{ord(c):04X})" for c in missing]


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The words of text in lines no wider than width, greedily; a word wider than a line (an
    address, say) is broken where the line ends."""
    lines: list[str] = []
    for word in text.split():
        while face.getlength(word) > width:
            cut = max(1, next(n for n in range(len(word), 0, -1) if face.getlength(word[:n]) <= width))
            lines.append(word[:cut])
            word = word[cut:]
        if lines and face.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def title_lines(title: str) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The title's font, lines and line height: the largest size at which it fits."""
    width = SIZE[0] - 2 * MARGIN
    for size in TITLE_SIZES:
        face, leading = font("Black", size), round(size * 1.17)
        lines = wrap(title, face, width)
        if len(lines) * leading <= TITLE_BOTTOM - TITLE_TOP:
            return face, lines, leading
    raise ValueError(
        f"its title {title!r} does not fit on its social card, even at {TITLE_SIZES[-1]} px; a shorter title fits"
    )


def layout(over: str, title: str, part: str) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The title's font, lines and line height on a card; ValueError if the card cannot say it all."""
    for text, weight in ((over, "Bold"), (title, "Black"), (part, "Regular")):
        if missing := undrawable(text, weight):
            raise ValueError(
                f"{text!r} has characters its social card's font (Lato) cannot draw: {', '.join(missing)}; "
                "give the page a title it can draw in front matter (title:)"
            )
    return title_lines(title)


def over_line(over: str) -> str:
    """The line over the title as the card draws it: whole if it fits, else cut short with an ellipsis
    (the alt text says it whole)."""
    width, face = SIZE[0] - 2 * MARGIN, font("Bold", 36)
    if face.getlength(over) <= width:
        return over
    cut = next(n for n in range(len(over), 0, -1) if face.getlength(over[:n].rstrip() + "…") <= width)
    return over[:cut].rstrip() + "…"


def draw(over: str, title: str, part: str) -> Image.Image:
    from PIL import Image, ImageDraw

    face, lines, leading = layout(over, title, part)
    card = Image.new("L", SIZE, 0)
    ink = ImageDraw.Draw(card)
    ink.text((MARGIN, 72), over_line(over), font=font("Bold", 36), fill=MUTED)
    ink.rectangle((MARGIN, 140, MARGIN + 120, 146), fill=MUTED)
    for number, line in enumerate(lines):
        ink.text((MARGIN, TITLE_TOP + number * leading), line, font=face, fill=255)
    ink.text((MARGIN, 520), part, font=font("Regular", 36), fill=MUTED)
    card.putpalette(PALETTE)  # the shades become colours: the image is now a palette image
    return card


@cache
def design() -> str:
    """What besides its text makes a card what it is: this file's code, the font's files, Pillow's version."""
    fonts = b"".join(Path(font_file(weight)).read_bytes() for weight in ("Black", "Bold", "Regular"))
    return hashlib.sha256(Path(__file__).read_bytes() + fonts + PIL.__version__.encode()).hexdigest()
