"""The built site loads nothing from another origin."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit


# Attributes through which a page loads something.
LOADS = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "audio": ["src"],
    "video": ["src", "poster"],
    "embed": ["src"],
    "object": ["data"],
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def foreign(base: str, reference: str) -> bool:
    """Whether a reference from a page at base points to another origin."""
    target = urljoin(base, reference.strip())
    if urlsplit(target).scheme in {"data", "blob"}:
        return False
    return origin(target) != origin(base)


def test_pages_load_nothing_from_another_origin(site):
    found = []
    for relative in site.html_paths():
        base = urljoin(site.url, relative)
        soup = site.soup(relative)
        for tag, attributes in LOADS.items():
            for element in soup.find_all(tag):
                for attribute in attributes:
                    for value in (element.get(attribute) or "").split(","):
                        reference = value.strip().split(" ")[0]
                        if reference and foreign(base, reference):
                            found.append(f"{relative}: <{tag} {attribute}={reference}>")
        for style in soup.find_all("style"):
            found += [f"{relative}: {m}" for m in CSS_URL.findall(style.get_text()) if foreign(base, m[0] or m[1])]
    assert not found


def test_stylesheets_load_nothing_from_another_origin(site):
    found = []
    for path in site.root.rglob("*.css"):
        base = urljoin(site.url, path.relative_to(site.root).as_posix())
        for match in CSS_URL.finditer(path.read_text(encoding="utf-8")):
            reference = match.group(1) or match.group(2)
            if foreign(base, reference):
                found.append(f"{path.name}: {reference}")
    assert not found


def test_origin_check_catches_a_font_from_google(site):
    # The check above is only worth something if it can see a real leak.
    assert foreign(site.url, "https://fonts.googleapis.com/css?family=Roboto")
    assert foreign(site.url, "//cdn.example.com/x.js")
    assert not foreign(site.url, "assets/javascripts/bundle.js")
    assert not foreign(site.url, "data:image/svg+xml;base64,AAAA")
