"""Served under a project path, as on Pages, the site has no broken link or asset."""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

from project import addresses
from server import PagesServer

# Where pages point to what they need or link to.
REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url) as response:  # follows redirects, as browsers do
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def crawl(start: str) -> dict[str, int]:
    """Every address of the site reachable from start, with its status."""
    seen: dict[str, int] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        status, kind, body = fetch(url)
        seen[url] = status
        if status != 200:
            continue
        if kind == "text/html":
            soup = BeautifulSoup(body, "html.parser")
            found = [tag.get(attribute) for tag, attribute in REFERENCES.items() for tag in soup.find_all(tag)]
            # Material's scripts, held until the reader does something.
            found += [script["data-src"] for script in soup.find_all("script", attrs={"data-src": True})]
        elif kind == "text/css":
            found = CSS_URL.findall(body.decode())
        else:
            found = []
        for reference in filter(None, found):
            target = urldefrag(urljoin(url, reference)).url
            # Same origin, not only under the project path: a root-absolute
            # link (/assets/...) is the classic break on project pages.
            if urlsplit(target)[:2] == urlsplit(start)[:2]:
                queue.append(target)
    return seen


def test_every_link_and_asset_under_the_project_path_answers(site):
    statuses = crawl(site.url)
    assert [url for url, status in statuses.items() if status != 200] == []
    # The crawl reached the pages, their stylesheets and scripts, not just home.
    kinds = {urlsplit(url).path.rsplit(".", 1)[-1] for url in statuses}
    assert {"css", "js"} <= kinds
    assert {site.url + address for address in addresses()} <= statuses.keys()


def test_sitemap_lists_only_addresses_that_answer(site):
    status, _, body = fetch(site.url + "sitemap.xml")
    assert status == 200
    locations = re.findall(r"<loc>(.*?)</loc>", body.decode())
    assert locations and all(location.startswith(site.url) for location in locations)
    assert [location for location in locations if fetch(location)[0] != 200] == []


def test_crawl_reports_a_link_that_leaves_the_project_path(site, tmp_path):
    # The crawl is worth something only if it sees what Pages would break:
    # a root-absolute link, which drops the /REPO/ path.
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    page = copy / "legal-frameworks" / "index.html"
    page.write_text(page.read_text().replace("</article>", '<a href="/legal-frameworks/">x</a></article>', 1))
    server = PagesServer(urlsplit(site.url).path)
    server.start(copy)
    try:
        statuses = crawl(server.url)
    finally:
        server.stop()
    origin = server.url[: -len(urlsplit(server.url).path)]
    assert statuses[origin + "/legal-frameworks/"] == 404


def test_every_link_a_page_is_served_with_has_an_address_search_engines_can_follow(site):
    # Lighthouse's crawlable-anchors: an <a> without href (or with a javascript: one) is no link to a crawler.
    for path in site.html_files():
        anchors = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("a")
        uncrawlable = [str(a)[:80] for a in anchors if not a.get("href") or a["href"].startswith("javascript:")]
        assert uncrawlable == [], path
