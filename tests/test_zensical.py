"""Zensical, Material's successor, builds the site from the same mkdocs.yml.

Zensical renders Material overrides with MiniJinja and runs no MkDocs hooks,
so its build lacks what the hooks add (the Content-Security-Policy, deferred
scripts, the front matter check, the whole essay on one page). Everything
the templates do must still be there: the essay, the navigation, the
comments placeholder, each page's part and reading time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from essay import original, plain
from project import PLACEHOLDER, Site, article, config, copy_project, essay_paragraphs, nav_pages, page_url

PAGES = nav_pages()
SECTIONS = original().sections


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run([str(zensical), "build"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(project / "site", config()["site_url"], result.stdout + result.stderr)


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
