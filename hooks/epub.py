"""The essay as an EPUB 3 book, made at every build from the rendered sections.

An e-reader gives a reader what a website cannot: reading offline,
highlights, notes and progress kept on their own device. The book holds
every page of nav in order, one XHTML document each, from the same HTML
the site shows (page.content, after every extension and check), with:

- its title (site_name), language (theme.language) and description;
- as its creator, site_author if mkdocs.yml sets one, else the site's name:
  the source names no author, and a book without a creator shows as by
  "Unknown" on e-readers; no dc:date, since the source dates the essay by
  day and month only ("01 Oct") and EPUB's date needs a year: the date
  stands in the text, as the source gives it;
- dcterms:modified from SOURCE_DATE_EPOCH (the last commit's time, as the
  deployment and the Makefile set it), else the build's clock, as MkDocs
  dates its sitemap;
- the home page's social card as its cover, when the build drew one;
- a table of contents from nav's titles.

Links between sections point into the book; links to the site's other
files point to the published site (site_url); images of the site are
carried in the book. Two builds with one SOURCE_DATE_EPOCH give the same
bytes: entries in a fixed order with a fixed time, mimetype first and
stored. Python's zipfile writes it: EPUB is a zip with three rules, and the
EPUB libraries on PyPI either are unmaintained or carry a licence (AGPL)
this project does not take on. Debian's epubcheck validates it in the
tests. It is made once every section is rendered (on_env), so that every
page's reading line can link to it with its size: `config.extra.epub`, its
file name, and `config.extra.epub_size`, which only this hook sets: a build
without hooks (Zensical) has neither the book nor links to it.
"""

from __future__ import annotations

import io
import mimetypes
import os
import posixpath
import re
import time
import uuid
import zipfile
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from html_text import plain
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser, LexborNode

# The element without content that XHTML writes as <x/>.
VOID = {"area", "br", "col", "hr", "img", "wbr"}
# The image types every EPUB 3 reading system shows (core media types).
IMAGE_TYPES = {"image/gif", "image/jpeg", "image/png", "image/svg+xml", "image/webp"}
STYLE = """\
body { line-height: 1.5; }
h1 { font-size: 1.6em; line-height: 1.25; }
.essay-date { font-style: italic; }
"""
# A fixed time for every entry (the earliest a zip can hold): the bytes
# depend on the content alone.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

sections: list[Page] = []  # the pages of nav, in reading order, once rendered
book = b""  # the EPUB's bytes, made in on_env, written in on_post_build

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["epub"] = slug(plain(config.site_name)) + ".epub"
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files) -> Navigation:
    sections[:] = list(nav.pages)
    return nav


def on_env(env, *, config: MkDocsConfig, files: Files):
    """Every section is rendered and every card drawn (hooks/social_cards.py runs before, in mkdocs.yml's
    order): make the book now, so that every page's link can say its size."""
    global book
    made = Book(config, files)
    for number, page in enumerate(sections, start=1):
        made.add(number, page)
    book = made.zip()
    config.extra["epub_size"] = f"{max(1, round(len(book) / 1024))} KB"
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    (Path(config.site_dir) / config.extra["epub"]).write_bytes(book)


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


class Book:
    """The EPUB's parts, gathered page by page."""

    def __init__(self, config: MkDocsConfig, files: Files):
        self.config, self.site_files = config, files
        self.chapters: list[tuple[str, str, str]] = []  # file name, title, XHTML
        self.images: dict[str, tuple[str, bytes]] = {}  # file name in the book: media type, bytes
        self.files = {page.url: chapter_name(number) for number, page in enumerate(sections, start=1)}

    def add(self, number: int, page: Page) -> None:
        title = plain(page.title or self.config.site_name)
        body = LexborHTMLParser(f"<body>{page.content or ''}</body>").body
        for node in body.css("a[href]"):
            node.attrs["href"] = self.link(page, node.attributes["href"])
        for node in body.css("img[src]"):
            node.attrs["src"] = self.image(page, node.attributes["src"])
        self.chapters.append((chapter_name(number), title, xhtml(title, self.language, children(body))))

    @property
    def language(self) -> str:
        return self.config.theme.get("language") or "en"

    def link(self, page: Page, href: str) -> str:
        """An address of the site, as the book reaches it: a chapter of the book, or the website."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return href
        target = urlsplit(urljoin("/" + page.url, href))
        path = target.path.lstrip("/")
        fragment = f"#{target.fragment}" if target.fragment else ""
        if path in self.files:
            return (self.files[path] if path != page.url or not fragment else "") + fragment
        return urljoin(self.config.site_url or "/", path) + fragment

    def image(self, page: Page, src: str) -> str:
        """An image of the site, carried in the book; its name there."""
        if urlsplit(src).scheme or urlsplit(src).netloc:
            return src  # the allow-list admits only the site's own (hooks/allowed_html.py)
        path = urlsplit(urljoin("/" + page.url, src)).path.lstrip("/")
        kind = mimetypes.guess_type(path)[0]
        if kind not in IMAGE_TYPES:
            raise PluginError(
                f"docs/{page.file.src_uri}: the image {src} is {kind or 'a file of unknown type'}, "
                f"which an EPUB cannot carry: use PNG, JPEG, GIF, SVG or WebP"
            )
        name = f"images/{len(self.images) + 1}{posixpath.splitext(path)[1]}"
        self.images[name] = (kind, Path(self.site_files.get_file_from_path(path).abs_src_path).read_bytes())
        return name

    def cover(self) -> bytes | None:
        """The home page's social card, which hooks/social_cards.py drew (config.extra.social_cards)."""
        card = (self.config.extra.get("social_cards") or {}).get(sections[0].file.src_uri if sections else "")
        return Path(card).read_bytes() if card else None

    def zip(self) -> bytes:
        cover = self.cover()
        entries = [
            ("META-INF/container.xml", CONTAINER),
            ("EPUB/package.opf", self.package(cover is not None)),
            ("EPUB/nav.xhtml", self.nav()),
            ("EPUB/style.css", STYLE),
            *((f"EPUB/{name}", text) for name, _, text in self.chapters),
            *((f"EPUB/{name}", data) for name, (_, data) in sorted(self.images.items())),
            *([("EPUB/cover.png", cover)] if cover else []),
        ]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as book:
            # The first entry, stored, without extra fields: how a reader knows an EPUB.
            book.writestr(entry("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
            for name, content in entries:
                book.writestr(entry(name), content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        return out.getvalue()

    def package(self, cover: bool) -> str:
        config = self.config
        identifier = uuid.uuid5(uuid.NAMESPACE_URL, config.site_url or plain(config.site_name))
        items = [
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
            '<item id="style" href="style.css" media-type="text/css"/>',
            *(
                f'<item id="{Path(name).stem}" href="{name}" media-type="application/xhtml+xml"/>'
                for name, _, _ in self.chapters
            ),
            *(
                f'<item id="image-{index}" href="{name}" media-type="{kind}"/>'
                for index, (name, (kind, _)) in enumerate(sorted(self.images.items()), start=1)
            ),
            *(['<item id="cover" href="cover.png" media-type="image/png" properties="cover-image"/>'] if cover else []),
        ]
        description = (
            f"\n    <dc:description>{escape(plain(config.site_description))}</dc:description>"
            if config.site_description
            else ""
        )
        manifest = "\n    ".join(items)
        spine = "\n    ".join(f'<itemref idref="{Path(name).stem}"/>' for name, _, _ in self.chapters)
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="{self.language}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:{identifier}</dc:identifier>
    <dc:title>{escape(plain(config.site_name))}</dc:title>
    <dc:creator>{escape(plain(config.site_author or config.site_name))}</dc:creator>
    <dc:language>{self.language}</dc:language>{description}
    <meta property="dcterms:modified">{modified()}</meta>
  </metadata>
  <manifest>
    {manifest}
  </manifest>
  <spine>
    {spine}
  </spine>
</package>
"""

    def nav(self) -> str:
        entries = "\n".join(
            f'        <li><a href="{name}">{escape(title)}</a></li>' for name, title, _ in self.chapters
        )
        body = f"""<nav epub:type="toc" id="toc">
      <h1>Contents</h1>
      <ol>
{entries}
      </ol>
    </nav>"""
        return xhtml("Contents", self.language, body)


CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, whatever system builds it
    return info


def chapter_name(number: int) -> str:
    return f"part-{number}.xhtml"


def modified() -> str:
    """When the book was last changed, as EPUB writes it: the commit's time if the build knows it."""
    seconds = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "essay"


def xhtml(title: str, language: str, body: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{language}" xml:lang="{language}">
  <head>
    <meta charset="UTF-8"/>
    <title>{escape(title)}</title>
    <link rel="stylesheet" href="style.css"/>
  </head>
  <body>
    {body}
  </body>
</html>
"""


def children(node: LexborNode) -> str:
    """A node's content as XHTML: every element closed, every text and value escaped."""
    out = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            out.append(escape(child.text_content or "", quote=False))
        elif child.tag.startswith("-"):  # comments, doctypes
            continue
        else:
            attributes = "".join(f' {name}="{escape(value or "")}"' for name, value in child.attributes.items())
            if child.tag in VOID:
                out.append(f"<{child.tag}{attributes}/>")
            else:
                out.append(f"<{child.tag}{attributes}>{children(child)}</{child.tag}>")
    return "".join(out)
