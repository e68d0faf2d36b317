"""The first view: what a reader's browser fetches and shows before the reader does anything.

Material's scripts and stylesheets wait for the reader's first gesture
(overrides/main.html, blocks scripts and styles): a reader who only reads is sent the page,
the site's later code and the next part, made ready, and sees the page as Material
styles it, from the rules the page holds.
"""

from __future__ import annotations

import re
import shutil
import socket
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
import tinycss2
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from browser import settle, swipe, wake
from project import addresses, built, copy_project, nav_pages, page_url

PAGES = nav_pages()
# What the first round trip of a new connection carries: ten TCP segments of
# 1,460 bytes (RFC 6928), as Lighthouse's simulated phone counts it.
FIRST_FLIGHT = 14_600
# Material's stylesheets as the installed theme ships them, not as the build copied them.
MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def kinds(requests: list[str]) -> set[str]:
    """What was fetched, by file type (a folder's address is its page)."""
    return {urlsplit(url).path.rsplit("/", 1)[-1].rpartition(".")[2] or "html" for url in requests}


def test_a_reader_who_only_reads_is_sent_the_page_its_later_code_and_the_next_part(site, reader):
    with reader.tab.expect_request(site.url + page_url(PAGES[2])):  # the next part, made ready
        reader.tab.goto(site.url + page_url(PAGES[1]))
    reader.tab.wait_for_timeout(2000)  # and a while of reading
    # The site's later code (hooks/later_code.py); not Material's stylesheets,
    # whose rules the page holds, nor its scripts, its search index or its worker.
    assert kinds(reader.requests) == {"html", "js"}
    scripts = [url for url in reader.requests if url.endswith(".js")]
    assert len(scripts) == 1 and re.search(r"/assets/javascripts/essay\.[0-9a-f]{8}\.min\.js$", scripts[0]), scripts
    # Pages: this one, and, once it has loaded, the next part, for prerendering.
    pages = [url for url in reader.requests if url.endswith("/")]
    assert pages == [site.url + page_url(PAGES[1]), site.url + page_url(PAGES[2])]
    assert reader.errors == []


@pytest.mark.parametrize("move", ["pointer", "keyboard", "scroll", "touch"])
def test_the_readers_first_move_wakes_the_theme(site, open_tab, move):
    reader = open_tab(has_touch=move == "touch")
    tab = reader.tab
    tab.goto(site.url + page_url(PAGES[1]), wait_until="networkidle")
    {
        "pointer": lambda: tab.mouse.move(20, 20),
        "keyboard": lambda: tab.keyboard.press("Tab"),
        "scroll": lambda: tab.mouse.wheel(0, 200),
        "touch": lambda: tab.locator("article p").last.tap(),
    }[move]()
    tab.evaluate("window.essayTheme")
    # Material runs: its palette toggle shows, and search has its index.
    expect(tab.get_by_title("Switch to dark mode")).to_be_visible()
    expect(tab.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    tab.wait_for_load_state("networkidle")
    assert {"js", "json"} <= kinds(reader.requests)
    # The scripts that came (Material's, the site's later code) joined the head: one added
    # among the body's children restyles the whole page (Material's `~ .md-header` rules).
    added = tab.evaluate("[...document.querySelectorAll('script[src]')].map(s => s.parentElement.localName)")
    assert added and set(added) == {"head"}, added
    assert reader.errors == []


@pytest.mark.parametrize("scheme, palette, dark", [("light", "default", False), ("dark", "slate", True)])
def test_the_first_view_follows_the_system_scheme_before_the_theme_runs(site, open_tab, scheme, palette, dark):
    tab = open_tab(color_scheme=scheme).tab
    tab.goto(site.url + page_url(PAGES[1]), wait_until="networkidle")
    expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", palette)
    background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    brightest = max(int(value) for value in re.findall(r"\d+", background)[:3])
    assert (brightest < 80) is dark, background
    assert tab.evaluate("typeof window.document$") == "undefined"  # Material has not run


# Records how far the layout shifts, as the browser scores it (CLS).
RECORD_SHIFTS = """
window.__shift = 0
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__shift += entry.value
}).observe({ type: "layout-shift", buffered: true })
"""


@pytest.mark.parametrize("width", [375, 1280])
def test_waking_the_theme_moves_nothing_on_screen(site, open_tab, width):
    # What Material adds once it runs (search, the palette toggle) takes no
    # place from the text: nothing already on screen shifts.
    tab = open_tab(viewport={"width": width, "height": 800}).tab
    tab.add_init_script(RECORD_SHIFTS)
    tab.goto(site.url + page_url(PAGES[1]), wait_until="networkidle")
    wake(tab)
    assert tab.evaluate("window.__shift") < 0.01


def test_instant_navigation_works_once_the_theme_runs(site, reader):
    tab = reader.tab
    tab.goto(site.url)
    wake(tab)
    tab.evaluate("window.__same_document = true")
    tab.locator(f"nav.md-nav--primary a.md-nav__link[href$='{page_url(PAGES[3])}']").click()
    tab.wait_for_url(site.url + page_url(PAGES[3]))
    assert tab.evaluate("window.__same_document") is True
    assert reader.errors == []


# -----------------------------------------------------------------------------
# The first view's styles: in the page, derived from Material's (hooks/critical_css.py)
# -----------------------------------------------------------------------------


def first_view_style(page: BeautifulSoup) -> str:
    """The <style> that stands before Material's held-back stylesheets."""
    held = page.find("noscript", id="essay-later-styles")
    assert held, "no <noscript id=essay-later-styles> holding Material's stylesheets"
    style = held.find_previous_sibling("style")
    assert style and style.string, "no style before Material's stylesheets"
    return style.string


def declarations(block: list) -> set[tuple[str, str, bool]]:
    return {
        (item.name, " ".join(tinycss2.serialize(item.value).split()), item.important)
        for item in tinycss2.parse_blocks_contents(block)
        if item.type == "declaration"
    }


def rules_of(css: str, at: str = "") -> dict[tuple[str, str], set]:
    """Each (at-rule condition, selector) of a stylesheet and the declarations it holds there."""
    found: dict[tuple[str, str], set] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            for selector in tinycss2.serialize(rule.prelude).split(","):
                found.setdefault((at, selector.strip()), set()).update(declarations(rule.content))
        elif rule.type == "at-rule" and rule.lower_at_keyword == "keyframes":
            found[(at, "@keyframes " + tinycss2.serialize(rule.prelude).strip())] = {tinycss2.serialize(rule.content)}
        elif rule.type == "at-rule" and rule.content is not None:
            condition = f"@{rule.lower_at_keyword} {tinycss2.serialize(rule.prelude).strip()}"
            for key, value in rules_of(tinycss2.serialize(rule.content), condition).items():
                found.setdefault(key, set()).update(value)
    return found


def test_no_stylesheet_holds_up_the_first_paint(site):
    for path in site.html_files():
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        blocking = [
            link["href"]
            for link in page.find_all("link", rel="stylesheet")
            if not link.find_parent("noscript") and link.get("media", "all") != "print"
        ]
        assert blocking == [], f"{path}: {blocking}"
        first_view_style(page)


def test_every_rule_of_the_first_views_style_is_materials_own(site):
    """The inline rules agree with the stylesheets of the Material that is installed: a theme
    update that changes a rule makes the build's copy differ from what a stale copy would hold."""
    material_rules: dict[tuple[str, str], set] = {}
    for name in ("main", "palette"):
        (sheet,) = MATERIAL_STYLESHEETS.glob(f"{name}.*.min.css")
        for key, value in rules_of(sheet.read_text(encoding="utf-8")).items():
            material_rules.setdefault(key, set()).update(value)
    styles = {first_view_style(site.soup(relative)) for relative in site.html_paths()}
    assert 1 <= len(styles) <= 3, "a few blocks, each admitted by one hash of the policy"
    for style in styles:
        inline = rules_of(style)
        assert len(inline) > 100
        for key, held in inline.items():
            assert key in material_rules, f"{key}: not a rule of Material's stylesheets"
            assert held <= material_rules[key], f"{key}: {sorted(held - material_rules[key])[:3]} not Material's"


def test_the_first_views_rules_are_the_same_whether_the_build_parsed_or_remembered_them(tmp_path):
    # hooks/critical_css.py keeps parsed stylesheets and each kind of page's matches in
    # .cache/critical-css/: a build that reads them writes what a build that made them wrote.
    project = copy_project(tmp_path / "project")
    cache = project / ".cache" / "critical-css"
    assert not cache.exists()
    cold = built(project, tmp_path / "cold")
    assert sorted(path.name.split("-")[0] for path in cache.iterdir()).count("page") >= 2
    warm = built(project, tmp_path / "warm")
    assert first_view_styles(cold) == first_view_styles(warm)


def first_view_styles(site) -> dict[str, str]:
    """Each built page's first-view style, by its path in the site."""
    return {relative: first_view_style(site.soup(relative)) for relative in site.html_paths()}


def test_after_an_edit_of_the_theme_a_build_that_remembers_writes_what_a_build_from_nothing_writes(tmp_path):
    # The remembered matches are kept by the names a page's markup writes. An edit can keep every
    # name and still change what matches: a template that moves an element out of .md-typeset,
    # a palette of another colour (the body's attributes).
    project = copy_project(tmp_path / "project")
    before = first_view_styles(built(project, tmp_path / "before"))
    main = project / "overrides" / "main.html"
    contents = '{% include "partials/essay-contents.html" %}'
    meta = '{% include "partials/essay-meta.html" %}'
    text = main.read_text(encoding="utf-8")
    assert text.count(contents) == 1 and text.count(meta) == 1
    main.write_text(text.replace(contents, "").replace(meta, meta + contents), encoding="utf-8")  # into .md-typeset
    mkdocs_yml = project / "mkdocs.yml"
    for edit in (None, lambda text: text.replace("primary: indigo", "primary: deep orange")):
        if edit:
            assert "primary: indigo" in mkdocs_yml.read_text(encoding="utf-8")
            mkdocs_yml.write_text(edit(mkdocs_yml.read_text(encoding="utf-8")), encoding="utf-8")
        remembered = first_view_styles(built(project, tmp_path / "remembered"))
        shutil.rmtree(project / ".cache" / "critical-css")
        fresh = first_view_styles(built(project, tmp_path / "fresh"))
        assert remembered != before
        assert remembered == fresh
        before = fresh


def sent(url: str) -> bytes:
    """Every byte the stand-in for Pages (tests/server.py) sends for an address, gzipped as a browser
    asks: status line, headers and body, as Lighthouse counts a page's transfer."""
    address = urlsplit(url)
    with socket.create_connection((address.hostname, address.port)) as connection:
        connection.sendall(
            f"GET {address.path} HTTP/1.1\r\nHost: {address.netloc}\r\nAccept-Encoding: gzip, deflate, br\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        return b"".join(iter(lambda: connection.recv(65536), b""))


@pytest.mark.parametrize("address", [*addresses(), "404.html"], ids=lambda address: address.strip("/") or "home")
def test_every_page_reaches_the_reader_in_the_first_flight(site, address):
    # Gzipped at Python's default level, with the stand-in's headers (GitHub Pages sends more).
    response = sent(site.url + address)
    assert response.startswith(b"HTTP/1.1 200 ") and b"\r\nContent-Encoding: gzip\r\n" in response
    assert len(response) <= FIRST_FLIGHT, f"{len(response)} bytes, over the {FIRST_FLIGHT} of a connection's first round trip"


# Every element's box on the page, the styles a reader sees, whether it shows, and whether
# it is on the first screen. The page with Material's stylesheets blocked must look, top to bottom,
# as the page once they have arrived: a reader who only reads is never sent them
# (.code/later-styles.js), so every element has its rules in the page (hooks/critical_css.py).
LOOKS = """() => [...document.querySelectorAll("body *")].map(element => {
  const box = element.getBoundingClientRect(), style = getComputedStyle(element)
  const visible = box.width * box.height > 0 && element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
  const seen = visible && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth
  return [seen, visible, element.tagName, element.className, ...[box.x, box.y + scrollY, box.width, box.height].map(Math.round),
          style.display, style.visibility, style.fontSize, style.lineHeight, style.color, style.backgroundColor]
})"""


def unlike(before: list, after: list) -> list:
    """The elements (LOOKS) that differ between two looks at a page, where either shows them."""
    return [(old, new) for old, new in zip(before, after, strict=True) if (old[1] or new[1]) and old != new]


STYLESHEETS_APPLIED = """() => {
  const links = [...document.querySelectorAll("link[rel=stylesheet]")]
  return links.length >= 2 && links.every(link => link.media === "all" && link.sheet)
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 800, 1280])
def test_every_page_looks_the_same_top_to_bottom_without_materials_stylesheets(site, open_tab, width, scheme):
    options = {"viewport": {"width": width, "height": 800}, "color_scheme": scheme}
    blocked, full = open_tab(**options).tab, open_tab(**options).tab
    blocked.route("**/assets/stylesheets/*.css", lambda route: route.abort())
    for address in addresses() + ["404.html"]:
        blocked.goto(site.url + address, wait_until="load")
        before = blocked.evaluate(LOOKS)
        full.goto(site.url + address, wait_until="load")
        full.evaluate("dispatchEvent(new Event('essay:theme'))")  # asks for them now, as Material's start would
        full.wait_for_function(STYLESHEETS_APPLIED)
        after = full.evaluate(LOOKS)
        changed = unlike(before, after)
        assert sum(seen for seen, *_ in after) > 20, "the first screen holds the header, the nav, the title, text"
        assert changed == [], f"{address or 'home'}: {changed[:3]}"


@pytest.mark.parametrize("width", [375, 800, 1280])
def test_search_and_the_drawer_open_as_they_will_look_before_materials_stylesheets_arrive(site, open_tab, width):
    options = {"viewport": {"width": width, "height": 800}}
    blocked, full = open_tab(**options).tab, open_tab(**options).tab
    blocked.route("**/assets/stylesheets/*.css", lambda route: route.abort())
    # Before Material runs, in both: the gesture would wake it (theme-wait.js), racing the looks.
    for tab in (blocked, full):
        tab.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    opens = [("search", lambda tab: tab.keyboard.press("/"))]
    if width < 1220:  # the drawer's button shows below Material's widest layout
        opens.append(("drawer", lambda tab: tab.locator(".essay-toggle--drawer").click()))
    for name, open_it in opens:
        blocked.goto(site.url + page_url(PAGES[1]), wait_until="load")
        full.goto(site.url + page_url(PAGES[1]), wait_until="load")
        full.evaluate("dispatchEvent(new Event('essay:theme'))")
        full.wait_for_function(STYLESHEETS_APPLIED)
        for tab in (blocked, full):
            open_it(tab)
            settle(tab)
        changed = unlike(blocked.evaluate(LOOKS), full.evaluate(LOOKS))
        assert changed == [], f"{name}: {changed[:3]}"


def test_a_phone_reader_who_only_scrolls_is_sent_none_of_materials_scripts(site, phone):
    tab = phone.tab
    tab.goto(site.url + page_url(PAGES[1]), wait_until="load")
    fingers = tab.context.new_cdp_session(tab)
    for _ in range(4):
        swipe(fingers)
        tab.wait_for_timeout(400)  # longer than the theme's wait after a sign (theme-wait.js)
    tab.wait_for_timeout(1000)
    assert tab.evaluate("scrollY") > 300  # read down the part
    theirs = [url for url in phone.requests if re.search(r"/bundle\.|/workers/|search_index", url)]
    assert theirs == []
    assert tab.evaluate("typeof window.document$") == "undefined"
    # What the reader may need next came with the first swipe: the later code. Not
    # Material's stylesheets: every rule the page uses is in it, and no finger hovers.
    assert kinds(phone.requests) == {"html", "js"}


@pytest.mark.parametrize("move", ["pointer", "keyboard", "tap", "wheel"])
def test_materials_stylesheets_come_with_the_readers_first_move_besides_reading(site, open_tab, move):
    tab = open_tab(has_touch=move == "tap").tab
    tab.goto(site.url + page_url(PAGES[1]), wait_until="load")
    tab.wait_for_timeout(1500)
    css = "performance.getEntriesByType('resource').filter(e => e.name.endsWith('.css')).map(e => e.startTime)"
    assert tab.evaluate(css) == []  # not while the reader only reads
    {
        "pointer": lambda: tab.mouse.move(20, 20),
        "keyboard": lambda: tab.keyboard.press("Tab"),
        "tap": lambda: tab.locator("article p").last.tap(),
        "wheel": lambda: tab.mouse.wheel(0, 200),
    }[move]()
    tab.wait_for_function(STYLESHEETS_APPLIED)
    assert len(tab.evaluate(css)) == 2


def test_a_reader_without_javascript_gets_materials_stylesheets(site, open_tab):
    reader = open_tab(java_script_enabled=False)
    reader.tab.goto(site.url + page_url(PAGES[1]), wait_until="networkidle")
    assert kinds(reader.requests) == {"html", "css"}
    # The <noscript> links apply as they are: both stylesheets are the page's.
    assert reader.tab.evaluate(STYLESHEETS_APPLIED.replace('link.media === "all" && ', ""))
