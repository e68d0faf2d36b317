"""Draw a social card for every page: the picture a shared link shows.

Each card is a 1200×630 PNG in the site's primary colour: the essay's title,
the page's own title, large, and its place in the essay ("Part 3 of 7"). It
is drawn at every build from the page and nav, with Pillow and the Lato font
of the pinned font-lato package (SIL Open Font License 1.1): nothing is
fetched, so the build works offline and two builds give the same bytes.
Material's social plugin was not used: it downloads its fonts from Google
Fonts at build time unless a cache holds them, and needs the Cairo library.

A title wraps onto as many lines as the card holds, in a smaller size if it
must; a title that fits in no size, or a font that cannot be loaded, stops
the build with the page named. Templates find the card in the page's
context as `social_card`; a build without hooks (Zensical) has none, and its
link previews go without a picture.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from PIL import Image, ImageDraw, ImageFont

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

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    title, part = page_title(page, config), place(page, nav)
    path = f"{FOLDER}/{Path(page.file.src_uri).with_suffix('.png').as_posix()}"
    try:
        image = draw(config.site_name, title, part)
    except (OSError, ImportError) as error:
        raise PluginError(f"docs/{page.file.src_uri}: its social card cannot be drawn: {error}") from None
    except ValueError as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error}") from None
    target = Path(config.site_dir) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "PNG", compress_level=3)  # a third of level 6's time, a fifth more bytes
    context["social_card"] = {
        "url": (config.site_url or "") + path,
        "width": SIZE[0],
        "height": SIZE[1],
        "alt": f"{config.site_name}: {title}. {part}.",
    }
    return context


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def page_title(page: Page, config: MkDocsConfig) -> str:
    """The page's own title: its navigation title, or its heading."""
    return page.meta.get("title") or page.title or config.site_name


def place(page: Page, nav: Navigation) -> str:
    """Where the page stands in the essay."""
    pages = nav.pages
    if page in pages:
        return f"Part {pages.index(page) + 1} of {len(pages)}"
    return f"All {len(pages)} parts on one page"


@cache
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(files(FONT_PACKAGE) / "files" / f"Lato-{weight}.ttf"), size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The words of text in lines no wider than width, greedily; ValueError if a word is wider."""
    lines: list[str] = []
    for word in text.split():
        if face.getlength(word) > width:
            raise ValueError(f"the word {word!r} is wider than its social card")
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
        try:
            lines = wrap(title, face, width)
        except ValueError:
            continue
        if len(lines) * leading <= TITLE_BOTTOM - TITLE_TOP:
            return face, lines, leading
    raise ValueError(
        f"its title {title!r} does not fit on its social card, even at {TITLE_SIZES[-1]} px; a shorter title fits"
    )


def draw(essay: str, title: str, part: str) -> Image.Image:
    face, lines, leading = title_lines(title)
    if font("Bold", 36).getlength(essay) > SIZE[0] - 2 * MARGIN:
        raise ValueError(f"the essay's title, site_name {essay!r}, is wider than its social card")
    card = Image.new("L", SIZE, 0)
    ink = ImageDraw.Draw(card)
    ink.text((MARGIN, 72), essay, font=font("Bold", 36), fill=MUTED)
    ink.rectangle((MARGIN, 140, MARGIN + 120, 146), fill=MUTED)
    for number, line in enumerate(lines):
        ink.text((MARGIN, TITLE_TOP + number * leading), line, font=face, fill=255)
    ink.text((MARGIN, 520), part, font=font("Regular", 36), fill=MUTED)
    card.putpalette(PALETTE)  # the shades become colours: the image is now a palette image
    return card
