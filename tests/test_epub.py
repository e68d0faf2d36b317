"""The essay as an EPUB 3 book: valid, verbatim, linked, and honest about what the source says."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from essay import original, plain
from project import append, build, build_error, config, nav_pages, page_url, whole_essay_url

PAGES = nav_pages()
SECTIONS = original().sections
EPUB_TYPE = "application/epub+zip"
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
}


def epub_link(site, address: str):
    """The page's link to the EPUB, if it has one."""
    page = site.soup(address + "index.html")
    return page.select_one(f'article a[type="{EPUB_TYPE}"]')


@pytest.fixture(scope="module")
def book(site) -> Path:
    """The EPUB, found as a reader finds it: from the home page's link."""
    link = epub_link(site, "")
    assert link is not None
    return site.root / link["href"]


def test_the_link_to_the_epub_says_its_format_and_its_size(site, book):
    # The oracle is the file itself: its size, in whole kilobytes.
    size = max(1, round(book.stat().st_size / 1024))
    assert epub_link(site, "").get_text() == f"The essay as an EPUB ({size} KB)"


def package(archive: zipfile.ZipFile) -> tuple[str, ElementTree.Element]:
    container = ElementTree.fromstring(archive.read("META-INF/container.xml"))
    path = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
    return path, ElementTree.fromstring(archive.read(path))


def chapters(archive: zipfile.ZipFile) -> list[ElementTree.Element]:
    """The book's documents in reading order (its spine), parsed as XML."""
    path, opf = package(archive)
    folder = os.path.dirname(path)
    items = {item.get("id"): item.get("href") for item in opf.iterfind("opf:manifest/opf:item", NS)}
    return [
        ElementTree.fromstring(archive.read(f"{folder}/{items[ref.get('idref')]}"))
        for ref in opf.iterfind("opf:spine/opf:itemref", NS)
    ]


def text(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.mark.slow  # slow tier: epubcheck runs on Java
def test_the_epub_is_valid_by_epubcheck(book, tmp_path):
    jar = os.environ.get("EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar")
    if not Path(jar).is_file():
        raise RuntimeError(f"no epubcheck at {jar}: run `make test`, which installs Debian's epubcheck")
    report = tmp_path / "epubcheck.json"
    result = subprocess.run(["java", "-jar", jar, str(book), "--json", str(report)], capture_output=True, text=True)
    found = json.loads(report.read_text())
    assert result.returncode == 0, result.stdout + result.stderr
    assert found["messages"] == []  # no fatal error, error or warning


def test_the_epub_holds_the_essay_verbatim_in_reading_order(book):
    with zipfile.ZipFile(book) as archive:
        assert archive.namelist()[0] == "mimetype" and archive.read("mimetype") == EPUB_TYPE.encode()
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        documents = chapters(archive)
    assert len(documents) == len(SECTIONS)
    for document, section in zip(documents, SECTIONS, strict=True):
        body = document.find("x:body", NS)
        headings = [text(h) for h in body.iterfind("x:h1", NS)]
        assert headings == [section.heading or config()["site_name"]]
        paragraphs = [plain(text(p)) for p in body.iterfind("x:p", NS) if not p.get("class")]
        assert paragraphs == section.paragraphs
    dates = [text(p) for p in documents[0].iterfind(".//x:p[@class='essay-date']", NS)]
    assert dates == [original().date]


def test_the_epub_says_the_essays_title_language_and_creator_and_has_the_home_card_as_cover(site, book):
    with zipfile.ZipFile(book) as archive:
        path, opf = package(archive)
        metadata = opf.find("opf:metadata", NS)
        assert metadata.findtext("dc:title", namespaces=NS) == config()["site_name"]
        assert metadata.findtext("dc:language", namespaces=NS) == config()["theme"]["language"]
        # The source names no author: the site is the book's creator, so that e-readers show no "Unknown".
        assert metadata.findtext("dc:creator", namespaces=NS) == config()["site_name"]
        assert metadata.find("dc:date", NS) is None  # the source's "01 Oct" has no year; it stands in the text
        (cover,) = [item for item in opf.iterfind("opf:manifest/opf:item", NS) if item.get("properties") == "cover-image"]
        cover_bytes = archive.read(f"{os.path.dirname(path)}/{cover.get('href')}")
    card = site.page(PAGES[0]).find("meta", property="og:image")["content"]
    assert cover_bytes == (site.root / card.removeprefix(site.url)).read_bytes()


def test_every_page_links_to_the_epub_from_its_reading_line(site, book):
    addresses = [page_url(src) for src in PAGES] + [whole_essay_url()]
    for address in addresses:
        link = epub_link(site, address)
        assert link is not None and link.find_parent("p", class_="essay-meta") is not None, address
        assert (site.root / address / link["href"]).resolve() == book.resolve()


def test_an_image_is_carried_in_the_epub_and_one_it_cannot_carry_fails_the_build_naming_the_file(project):
    page = PAGES[2]
    (project / "docs" / "square.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    )
    append(project / "docs" / page, "\n![A square](square.png)\n")
    assert build(project, project / "site").returncode == 0
    (book,) = (project / "site").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        path, opf = package(archive)
        images = [item for item in opf.iterfind("opf:manifest/opf:item", NS) if item.get("media-type") == "image/png"]
        carried = [archive.read(f"{os.path.dirname(path)}/{item.get('href')}") for item in images]
    assert (project / "docs" / "square.png").read_bytes() in carried
    (project / "docs" / "square.tiff").write_bytes(b"II*\x00")
    append(project / "docs" / page, "\n![Another](square.tiff)\n")
    log = build_error(project)
    assert f"docs/{page}" in log and "square.tiff" in log and "EPUB" in log
