"""Zensical, Material's successor, builds the site from the same mkdocs.yml.

Zensical renders Material overrides with MiniJinja and runs no MkDocs hooks,
so its build lacks what the hooks add (the Content-Security-Policy, the
front matter check, the whole essay on one page, the cards, the EPUB).
Everything the templates do must still be there: the essay, the navigation,
the comments placeholder, each page's part and reading time, and the
theme's scripts waiting for the reader.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser import wake
from essay import original, plain
from project import PLACEHOLDER, Site, article, config, copy_project, essay_paragraphs, nav_pages, page_url
from server import PagesServer

# Slow tier: a Zensical build, in a program of its own.
pytestmark = pytest.mark.slow

PAGES = nav_pages()
SECTIONS = original().sections


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    """A Zensical build of the project: the pinned Zensical's, or the one ZENSICAL_SITE names (CI's job
    "Build with the newest Zensical" builds with the newest release, then runs these checks on it)."""
    if os.environ.get("ZENSICAL_SITE"):
        return Site(Path(os.environ["ZENSICAL_SITE"]).resolve(), config()["site_url"], "")
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run([str(zensical), "build"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(project / "site", config()["site_url"], result.stdout + result.stderr)


def test_what_a_zensical_build_keeps_and_loses_is_reported(zensical_site, capsys):
    # Reported, not asserted: the hooks' features are lost by design (CONTRIBUTING.md, "Zensical").
    home = (zensical_site.root / "index.html").read_text(encoding="utf-8")
    features = {
        "Content-Security-Policy": 'http-equiv="Content-Security-Policy"' in home,
        "the whole essay on one page": (zensical_site.root / "whole-essay" / "index.html").is_file(),
        "the EPUB": bool(list(zensical_site.root.glob("*.epub"))),
        "social cards": (zensical_site.root / "assets" / "images" / "social").is_dir(),
        "reading settings": "essay-settings-markup" in home,
        "continue reading": "essay-continue" in home,
    }
    with capsys.disabled():
        print("\nZensical build: " + "; ".join(f"{name} {'kept' if kept else 'lost'}" for name, kept in features.items()))
    assert features["reading settings"] and features["continue reading"]  # templates: kept


@pytest.mark.parametrize("src, section", list(zip(PAGES, SECTIONS, strict=True)), ids=PAGES)
def test_zensical_shows_each_section_verbatim(zensical_site, src, section):
    page = zensical_site.page(src)
    assert essay_paragraphs(page) == section.paragraphs
    title = section.heading or config()["site_name"]  # the untitled opening bears the essay's title
    assert plain(article(page).find("h1").get_text()) == title
    assert page.title.get_text().strip().startswith(title)


@pytest.mark.parametrize("src", PAGES)
def test_zensical_lists_the_pages_in_essay_order(zensical_site, src):
    links = zensical_site.page(src).select("nav.md-nav--primary a.md-nav__link[href]")
    assert [zensical_site.path(a["href"], src) for a in links] == [page_url(p) for p in PAGES]


@pytest.mark.parametrize("index", range(len(PAGES)), ids=PAGES)
def test_zensical_keeps_the_comments_placeholder_and_the_part(zensical_site, index):
    page = zensical_site.page(PAGES[index])
    section = article(page).select_one("section:has(> h2#__comments)")
    assert section is not None
    assert PLACEHOLDER in section.get_text()
    assert f"Part {index + 1} of {len(PAGES)}" in article(page).select_one("p.essay-meta").get_text()


def test_zensical_publishes_no_build_code(zensical_site):
    # Zensical copies everything under custom_dir into the site: the hooks
    # live outside it.
    assert sorted(path.name for path in zensical_site.root.rglob("*.py")) == []


@pytest.mark.parametrize("src", PAGES)
def test_zensical_holds_the_themes_scripts_for_the_reader(zensical_site, src):
    page = zensical_site.page(src)
    held = page.select('script[type="text/x-theme-script"][data-src]')
    assert any("bundle" in script["data-src"] for script in held)
    assert page.select("script[src]") == []


def test_in_a_zensical_build_the_theme_starts_once_the_reader_moves(zensical_site, reader):
    server = PagesServer("/")
    server.start(zensical_site.root)
    try:
        tab = reader.tab
        tab.goto(server.url + page_url(PAGES[1]), wait_until="networkidle")
        tab.wait_for_timeout(500)  # and a moment of reading
        assert not [url for url in reader.requests if url.endswith(".js")]
        wake(tab)
        assert [url for url in reader.requests if "/bundle." in url]
        assert "js" in tab.evaluate("document.documentElement.className").split()
    finally:
        server.stop()


@pytest.mark.parametrize("src", PAGES)
def test_zensical_links_to_nothing_its_build_lacks(zensical_site, src):
    # The whole essay and the EPUB are made by hooks, which Zensical does not run.
    page = zensical_site.page(src)
    assert page.select('a[href*="whole-essay"], a[type="application/epub+zip"]') == []
    assert not (zensical_site.root / "whole-essay").exists()
    assert list(zensical_site.root.glob("*.epub")) == []
