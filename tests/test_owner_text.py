"""Every string the owner writes reaches a page as text, and only the templates' code runs.

A corpus of hostile and ordinary text is fed into every field the owner
writes: a page's heading, its front matter title and description, its nav
label, site_name, site_description and the comments' category. The project
is built with each, served as on Pages, and every page is opened in
Chromium: no dialog opens, no request leaves the site, the DOM holds no
<script>, <meta http-equiv> or event handler beyond what the templates
write, and the text is shown as it was written.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
import rcssmin
import rjsmin
import yaml
from playwright.sync_api import Error as PlaywrightError

import giscus
from project import PROJECT, build, build_error, config, configure, copy_project, csp_hash, directives, policy_of
from server import PagesServer

# What the owner might write, by mistake or on purpose: breakouts from text,
# attributes, <title>, JSON and scripts; markup spelt in entities; addresses
# that run code; template syntax; bidirectional and zero-width characters;
# and the ordinary quotes, ampersands and brackets of prose.
PAYLOADS = [
    'Shared intelligence"><script>alert(document.domain)</script>',
    "x'><script>alert(1)</script>",
    "Sharing</title><script>alert(4)</script>",
    "&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;",
    'x"><meta http-equiv="refresh" content="0;url=https://example.org/">',
    "<img src=x onerror=alert(5)>",
    '" onmouseover="alert(6)" x="',
    "' onfocus='alert(7)' autofocus x='",
    "</script><script>alert(8)</script>",
    "<!--<script>alert(9)</script>-->",
    "]]><script>alert(10)</script>",
    "<svg onload=alert(11)>",
    '<iframe src="javascript:alert(12)">',
    "javascript:alert(13)",
    '<a href="javascript:alert(14)">click</a>',
    "{{ config.site_name }} {% if true %}x{% endif %}",
    "${alert(15)} `${alert(16)}`",
    "\u202eevil\u202c and \u2066isolated\u2069",
    "zero\u200bwidth\u200djoin",
    "Tom & Jerry",
    "AT&amp;T &copy; &#169;",
    "5 < 6 > 4",
    "\"quoted\" and 'single'",
    "It\u2019s \u201ccurly\u201d \u2013 \u2026",
    'back\\slash \\" quote',
    "</style><script>alert(17)</script>",
    "<style>*{display:none}</style>",
    '<base href="https://example.org/">',
    '<form action="https://example.org/"><button>go</button></form>',
    '<object data="javascript:alert(18)">',
    '<math><mi href="javascript:alert(19)">x</mi></math>',
    '<noscript><p title="</noscript><img src=x onerror=alert(20)>">',
    '<textarea><p title="</textarea><img src=x onerror=alert(21)>">',
    "\\u003cscript\\u003ealert(22)\\u003c/script\\u003e",
    '"}</script><script>alert(23)</script>',
    "<x onclick=alert(24)>click",
    "&#60;script&#62;alert(25)&#60;/script&#62;",
    "%3Cscript%3Ealert(26)%3C/script%3E",
    "<<script>alert(27)//<</script>",
    "<scr<script>ipt>alert(28)</script>",
    "\"-alert(29)-\" ';alert(30)//",
    "<details open ontoggle=alert(31)>",
    "<video><source onerror=alert(32)></video>",
    'How the "war on terror" changed <cooperation> & why',
]
# The table of the issue: each defect, the payload and the field that once ran it.
ROWS = {
    "description-script": PAYLOADS[0],
    "description-meta-refresh": PAYLOADS[4],
    "heading-entities": PAYLOADS[3],
    "front-matter-title": PAYLOADS[2],
    "nav-label-script": PAYLOADS[1],
    "description-with-quotes": PAYLOADS[-1],
}


def one_line(text: str) -> str:
    """A title as it is shown: on one line, spaces single."""
    return " ".join(text.split())


def as_heading(text: str) -> str:
    """Markdown for a heading that reads as text: every character but letters, digits and spaces as an entity,
    so that neither Markdown nor its typography touches it."""
    return "".join(c if c.isalnum() and c.isascii() or c == " " else f"&#{ord(c)};" for c in one_line(text))


def warm_copy(destination: Path) -> Path:
    """A copy of the project with its build cache (compiled templates), as a second build has it."""
    project = copy_project(destination)
    if (PROJECT / ".cache" / "templates").is_dir():
        shutil.copytree(PROJECT / ".cache" / "templates", project / ".cache" / "templates")
    return project


# -----------------------------------------------------------------------------
# The corpus, fed into every page-level field of one build
# -----------------------------------------------------------------------------

# Group h: a heading that becomes the title, and a description. Group t: a
# front matter title and a description, listed in nav under a label.
N = len(PAYLOADS)


def expected_pages() -> dict[str, dict]:
    """What each page of the corpus must show, by its address."""
    pages = {}
    for i, text in enumerate(PAYLOADS):
        pages[f"h{i:02}/"] = {"title": one_line(text), "h1": one_line(text), "description": text}
        pages[f"t{i:02}/"] = {
            "title": one_line(text),
            "h1": f"Heading t{i:02}",
            "description": PAYLOADS[(i + 1) % N],
            "label": one_line(PAYLOADS[(i + 2) % N]),
        }
    return pages


def corpus_project(destination: Path) -> Path:
    project = warm_copy(destination)
    docs = project / "docs"
    for page in docs.glob("*.md"):
        if page.name != "index.md":
            page.unlink()
    nav = [{"Introduction": "index.md"}]
    for i, text in enumerate(PAYLOADS):
        front = yaml.safe_dump({"description": text}, allow_unicode=True)
        (docs / f"h{i:02}.md").write_text(f"---\n{front}---\n\n# {as_heading(text)}\n\nText.\n", encoding="utf-8")
        nav.append(f"h{i:02}.md")
    for i, text in enumerate(PAYLOADS):
        front = yaml.safe_dump({"title": text, "description": PAYLOADS[(i + 1) % N]}, allow_unicode=True)
        (docs / f"t{i:02}.md").write_text(f"---\n{front}---\n\n# Heading t{i:02}\n\nText.\n", encoding="utf-8")
        nav.append({PAYLOADS[(i + 2) % N]: f"t{i:02}.md"})
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text[: text.index("\nnav:")] + "\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True), encoding="utf-8"
    )
    return project


# What a page holds that a reader could be harmed by, and what it shows.
INSPECT = r"""() => {
  const meta = name => document.querySelector(`meta[name="${name}"], meta[property="${name}"]`)?.content ?? null
  const text = element => element ? element.textContent.replace(/\s+/g, " ").trim() : null
  const data = document.querySelector('script[type="application/ld+json"]')
  return {
    scripts: [...document.querySelectorAll("script")].map(s => s.type || "js"),
    httpEquiv: [...document.querySelectorAll("meta[http-equiv]")].map(m => m.httpEquiv),
    handlers: [...document.querySelectorAll("*")].flatMap(e =>
      [...e.attributes].filter(a => a.name.startsWith("on")).map(a => `${e.tagName}[${a.name}]`)),
    others: [...document.querySelectorAll("base, form, iframe, object, embed, textarea, svg:not(.md-header svg, .md-nav svg, .md-footer svg, .md-icon svg, label svg, button svg, a svg, .md-search svg)")].length,
    title: document.title,
    h1: text(document.querySelector("article h1")),
    header: text(document.querySelector(".md-header__topic[data-md-component=header-topic] .md-ellipsis")),
    description: meta("description"),
    ogDescription: meta("og:description"),
    ogTitle: meta("og:title"),
    ogSiteName: meta("og:site_name"),
    data: data ? JSON.parse(data.textContent) : null,
    labels: [...document.querySelectorAll("nav.md-nav--primary .md-nav__link")].map(text),
    logo: document.querySelector(".md-header .md-logo")?.getAttribute("aria-label"),
    siteName: text(document.querySelector(".md-header__topic:not([data-md-component]) .md-ellipsis")),
    category: document.querySelector(".giscus")?.dataset.category ?? null,
  }
}"""


class Visit:
    """What a tab saw on a page: its report, and any dialog or request that left the site."""

    def __init__(self, report: dict, dialogs: list[str], elsewhere: list[str]):
        self.report, self.dialogs, self.elsewhere = report, dialogs, elsewhere


def visit_all(browser, base: str, paths: list[str]) -> dict[str, Visit]:
    """Open each page, recording dialogs and every request to another origin (a listener, not a route:
    interception would double the time of each page; the machine reaches no other site anyway)."""
    context = browser.new_context()
    dialogs: list[str] = []
    elsewhere: list[str] = []
    origin = "/".join(base.split("/", 3)[:3])
    context.on("request", lambda request: request.url.startswith(origin + "/") or elsewhere.append(request.url))
    # A few tabs side by side: each page is parsed and laid out while the next loads.
    tabs = [context.new_page() for _ in range(TABS)]
    for tab in tabs:
        tab.on("dialog", lambda dialog, tab=tab: (dialogs.append((tab.url, dialog.message)), dialog.dismiss()))
    visits = {}
    try:
        for start in range(0, len(paths), TABS):
            batch = list(zip(tabs, paths[start : start + TABS]))
            for tab, path in batch:
                tab.goto(base + path, wait_until="commit")
            for tab, path in batch:
                try:
                    tab.wait_for_load_state("load")
                    visits[path] = tab.evaluate(INSPECT)
                except PlaywrightError as error:  # a refresh or a script took the reader away
                    visits[path] = {"away": f"{tab.url} ({str(error).splitlines()[0]})"}
        for tab in tabs:
            tab.wait_for_timeout(50)  # a refresh of 0 s, a handler on load: their moment
            tab.goto("about:blank")
    finally:
        context.close()
    return {
        path: Visit(
            report,
            [message for url, message in dialogs if url == base + path],
            [url for url in elsewhere],
        )
        for path, report in visits.items()
    }


TABS = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, browser):
    """The corpus site, built and served, and what Chromium saw on each of its pages."""
    project = corpus_project(tmp_path_factory.mktemp("corpus") / "project")
    server = PagesServer("/essay/")
    result = build(project, project / "site", server.url)
    assert result.returncode == 0, result.stderr
    server.start(project / "site")
    try:
        yield visit_all(browser, server.url, ["", *expected_pages()])
    finally:
        server.stop()


def harmless(visit: Visit, reference: Visit) -> list[str]:
    """What on a visited page a reader could be harmed by: each found, said."""
    found = [f"dialog {message!r}" for message in visit.dialogs]
    found += [f"request to {url}" for url in visit.elsewhere]
    report = visit.report
    if "away" in report:
        return [*found, f"the reader was sent elsewhere: {report['away']}"]
    if report["scripts"] != reference.report["scripts"]:
        found.append(f"scripts {report['scripts']} where the templates write {reference.report['scripts']}")
    if report["httpEquiv"] != ["Content-Security-Policy"]:
        found.append(f"<meta http-equiv> {report['httpEquiv']}")
    found += [f"event handler {handler}" for handler in report["handlers"]]
    if report["others"] != reference.report["others"]:
        found.append("markup the templates do not write (base, form, iframe, object, embed, textarea, svg)")
    return found


def test_every_page_of_the_corpus_runs_nothing_and_goes_nowhere(corpus):
    reference = corpus["h19/"]  # "Tom & Jerry": ordinary text
    problems = {path: harmless(visit, reference) for path, visit in corpus.items() if path}
    assert {path: found for path, found in problems.items() if found} == {}
    assert len(problems) == 2 * N >= 80


def test_every_title_heading_label_and_description_of_the_corpus_is_shown_as_written(corpus):
    name = config()["site_name"]
    wrong = []
    for path, expected in expected_pages().items():
        report = corpus[path].report
        if "away" in report:
            wrong.append(f"{path}: the reader was sent elsewhere")
            continue
        shown = {
            "<title>": report["title"],
            "heading": report["h1"],
            "header": report["header"],
            "description": report["description"],
            "og:description": report["ogDescription"],
            "og:title": report["ogTitle"],
            "JSON-LD headline": report["data"]["headline"],
            "JSON-LD description": report["data"]["description"],
        }
        wanted = {
            "<title>": f"{expected['title']} - {name}",
            "heading": expected["h1"],
            "header": expected["title"],
            "description": expected["description"],
            "og:description": expected["description"],
            "og:title": expected["title"],
            "JSON-LD headline": expected["title"],
            "JSON-LD description": one_line(expected["description"]),
        }
        wrong += [f"{path} {where}: {shown[where]!r} != {wanted[where]!r}" for where in wanted if shown[where] != wanted[where]]
    assert wrong == []


def test_every_nav_label_of_the_corpus_is_shown_as_written_in_the_navigation(corpus):
    labels = corpus["h00/"].report["labels"]
    for path, expected in expected_pages().items():
        assert expected.get("label", expected["title"]) in labels, path


@pytest.mark.parametrize("row", ROWS, ids=ROWS)
def test_each_defect_of_the_table_is_text_on_its_page(corpus, row):
    # The table, row by row: what once ran or cut, now text.
    text = ROWS[row]
    index = PAYLOADS.index(text)
    path = {"nav-label-script": f"t{(index - 2) % N:02}/", "front-matter-title": f"t{index:02}/"}.get(
        row, f"h{index:02}/"
    )
    assert harmless(corpus[path], corpus["h19/"]) == []
    assert harmless(corpus[""], corpus[""]) == []  # the home page lists every title too
    report = corpus[path].report
    if row == "nav-label-script":
        assert one_line(text) in report["labels"]
    else:
        assert report["title"] == f"{one_line(text)} - {config()['site_name']}"
    if row.startswith("description"):
        assert report["description"] == text


# -----------------------------------------------------------------------------
# The corpus, fed into the site's settings: a small build for each few
# -----------------------------------------------------------------------------


def site_settings() -> list[tuple[str, str, str]]:
    """(site_name, site_description, comments category) for each build: every payload in each, a few together
    where they fit on the home page's social card, whose title is the site's name."""
    names, current = [], ""
    for text in PAYLOADS:
        if current and len(current) + len(text) > 150:
            names.append(current)
            current = ""
        current = f"{current} {text}".strip() if current else text
    names.append(current)
    rest = [" ".join(PAYLOADS[i::len(names)]) for i in range(len(names))]
    return [(name, rest[i], rest[-1 - i]) for i, name in enumerate(names)]


@pytest.fixture(scope="module")
def small_sites(tmp_path_factory, browser):
    """For each setting of site_settings(): the home page as Chromium saw it, with its settings."""
    root = tmp_path_factory.mktemp("settings")
    server = PagesServer("/essay/")
    server.start(root)
    project = warm_copy(root / "project")
    for page in (project / "docs").glob("*.md"):
        if page.name != "index.md":
            page.unlink()
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text[: text.index("\nnav:")] + "\nnav:\n  - index.md\n"
    seen = []
    try:
        for number, (name, description, category) in enumerate(site_settings()):
            (project / "mkdocs.yml").write_text(
                text + yaml.safe_dump({"site_name": name, "site_description": description}, allow_unicode=True),
                encoding="utf-8",
            )
            configure(project, {"comments": {"giscus": {**giscus.SETTINGS, "category": category}}})
            result = build(project, root / str(number), f"{server.url}{number}/")
            assert result.returncode == 0, result.stderr
            seen.append(((name, description, category), f"{number}/"))
        visits = visit_all(browser, server.url, [path for _, path in seen] + [f"{path}404.html" for _, path in seen])
    finally:
        server.stop()
    return [(settings, visits[path], visits[f"{path}404.html"]) for settings, path in seen]


def test_every_site_name_description_and_category_is_text_wherever_it_lands(small_sites):
    assert sum(len(name) for (name, _, _), _, _ in small_sites) >= sum(map(len, PAYLOADS))
    wrong = []
    for (name, description, category), home, missing in small_sites:
        for visit in (home, missing):
            wrong += [f"{name!r}: {found}" for found in harmless(visit, visit) if "scripts" not in found]
            wrong += [f"{name!r}: dialog" for _ in visit.dialogs]
        report = home.report
        shown = {
            "<title>": report["title"],
            "header": report["siteName"],
            "logo": report["logo"],
            "og:site_name": report["ogSiteName"],
            "JSON-LD headline": report["data"]["headline"],
            "category": report["category"],
            "404 <title>": missing.report["title"],
            "404 description": missing.report["description"],
        }
        wanted = {
            "<title>": one_line(name),
            "header": one_line(name),
            "logo": name,
            "og:site_name": one_line(name),
            "JSON-LD headline": one_line(name),
            "category": category,
            "404 <title>": f"Page not found - {one_line(name)}",
            "404 description": description,
        }
        wrong += [f"{where}: {shown[where]!r} != {wanted[where]!r}" for where in wanted if shown[where] != wanted[where]]
    assert wrong == []


# -----------------------------------------------------------------------------
# What cannot be text stops the build, naming the file or the key
# -----------------------------------------------------------------------------


def add_page(project: Path, name: str, text: str) -> None:
    (project / "docs" / name).write_text(text, encoding="utf-8")
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").rstrip("\n") + f"\n  - {name}\n", encoding="utf-8")


def test_an_empty_heading_fails_the_build_naming_the_file(project, tmp_path):
    add_page(project, "empty.md", "---\ndescription: A page.\n---\n\n# \n\nText.\n")
    assert "docs/empty.md: its heading is empty" in build_error(project, tmp_path / "site")
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_nav_link_that_runs_code_fails_the_build_naming_it(project, tmp_path):
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text().rstrip("\n") + "\n  - Elsewhere: ' JaVa\tscript:alert(1)'\n")
    log = build_error(project, tmp_path / "site")
    assert "mkdocs.yml: the nav link 'Elsewhere' goes to" in log
    assert "is not an http:, https:, mailto:, relative or #fragment address" in log


@pytest.mark.parametrize(
    "setting, message",
    [
        ({"extra": {"scope": '"),alert(1),("'}}, "mkdocs.yml: extra.scope is not a setting of this site"),
        ({"extra": {"analytics": {"provider": "google"}}}, "mkdocs.yml: extra.analytics is not a setting"),
        ({"site_name": "Essay\x07"}, "mkdocs.yml: site_name holds the control character U+0007"),
        ({"site_url": 'https://example.org/"><script>'}, "mkdocs.yml: site_url 'https://example.org/\"><script>/' must"),
    ],
    ids=["extra-scope", "extra-analytics", "control-character", "site-url"],
)
def test_a_setting_that_cannot_be_text_fails_the_build_naming_the_key(project, tmp_path, setting, message):
    settings = project / "mkdocs.yml"
    text = settings.read_text()
    for key in setting:
        text = re.sub(rf"^{key}:.*\n(  .*\n)*", "", text, flags=re.MULTILINE)
    settings.write_text(text + yaml.safe_dump(setting))
    assert message in build_error(project, tmp_path / "site")


def test_a_description_with_a_control_character_fails_the_build_naming_the_file(project, tmp_path):
    add_page(project, "bell.md", '---\ndescription: "Ring\\u0007"\n---\n\n# Bell\n\nText.\n')
    log = build_error(project, tmp_path / "site")
    assert "docs/bell.md: front matter 'description' holds the control character U+0007" in log


# -----------------------------------------------------------------------------
# Files from docs/ cannot run
# -----------------------------------------------------------------------------

RUNNABLE_FILES = {
    "svg-script": ("figure.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a <script>"),
    "svg-handler": ("figure.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "an event handler onload="),
    "svg-foreign-object": (
        "figure.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
        "a <foreignobject>",
    ),
    "svg-javascript-link": (
        "figure.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<a xlink:href=" javascript:alert(1)"><text>x</text></a></svg>',
        "a javascript: address",
    ),
    "svg-animated-link": (
        "figure.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="#elsewhere"/></a></svg>',
        "a <set> that changes an address",
    ),
    "svg-entities": (
        "figure.svg",
        '<!DOCTYPE svg [<!ENTITY s "&#60;script&#62;">]><svg xmlns="http://www.w3.org/2000/svg">&s;</svg>',
        "a document type with entities of its own",
    ),
    "svg-from-elsewhere": (
        "figure.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/track.png"/></svg>',
        "href= on <image> loads from another site",
    ),
    "script-file": ("extra.js", "alert(document.domain)", "a .js file runs as code"),
    "module-file": ("nested/extra.mjs", "alert(document.domain)", "a .mjs file runs as code"),
    "html-loading-a-script": (
        "demo.html",
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Demo</title>'
        '<script src="extra.txt"></script></head><body></body></html>',
        "a <script> that loads code",
    ),
}


@pytest.mark.parametrize("name, content, problem", RUNNABLE_FILES.values(), ids=RUNNABLE_FILES)
def test_a_file_in_docs_that_could_run_fails_the_build_naming_it(project, tmp_path, name, content, problem):
    path = project / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    assert f"docs/{name}: {problem}" in build_error(project, tmp_path / "site")
    assert not (tmp_path / "site" / "index.html").exists()  # nothing half-written


def test_a_plain_svg_figure_is_published(project, tmp_path):
    figure = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><a href="#x"><rect width="10" height="10"/></a></svg>'
    (project / "docs" / "figure.svg").write_text(figure)
    assert build(project, tmp_path / "site").returncode == 0
    assert (tmp_path / "site" / "figure.svg").read_text() == figure


# -----------------------------------------------------------------------------
# The policy admits code by where it was written
# -----------------------------------------------------------------------------


def test_a_template_that_writes_an_owners_value_into_a_script_fails_the_build_naming_the_page(project, tmp_path):
    # Escaped or not, a value is not code a template wrote: the policy never admits it.
    (project / "overrides" / "partials" / "comments.html").write_text(
        "{% if page.file.src_uri == 'legal-frameworks.md' %}"
        "<script>window.description = '{{ page.meta.description }}'</script>{% endif %}"
    )
    path = project / "docs" / "legal-frameworks.md"
    path.write_text(path.read_text().replace("description: ", "description: x'; alert(1); '", 1))
    log = build_error(project, tmp_path / "site")
    assert "docs/legal-frameworks.md: an inline <script> that no template in overrides/ or the theme writes" in log


def template_blocks() -> list[re.Pattern]:
    """The inline scripts and styles of the theme's templates (overrides/, then Material's), compacted as the
    site ships them, each `{{ ... }}` standing for a plain value, each `{% include %}` in place."""
    theme = config()["theme"]
    folders = [Path(folder) for folder in theme.dirs]

    def resolve(name: str) -> str:
        return next((f / name).read_text() for f in folders if (f / name).is_file())

    blocks = []
    for folder in folders:
        for path in folder.rglob("*.html"):
            for tag, attributes, body in re.findall(r"<(script|style)([^>]*)>(.*?)</\1>", path.read_text(), re.S):
                body = re.sub(r"\{%-?\s*include\s+\"([^\"]+)\"\s*-?%\}", lambda m: resolve(m.group(1)), body)
                body = re.sub(r"\{#.*?#\}", "", body, flags=re.S)
                if "src=" in attributes or "{%" in body:
                    continue
                values = re.findall(r"\{\{.*?\}\}", body, re.S)
                for number, value in enumerate(values):
                    body = body.replace(value, f"JINJA{number}VALUE", 1)
                small = rcssmin.cssmin(body) if tag == "style" else rjsmin.jsmin(body)
                if "speculationrules" in attributes:
                    small = json.dumps(json.loads(body), separators=(",", ":"))
                blocks.append(re.compile(re.sub(r"JINJA\d+VALUE", "[A-Za-z0-9 ./_-]*", re.escape(small))))
    return blocks


def test_every_hash_in_the_policy_is_of_a_script_or_style_written_in_a_template(site):
    # The property, over the site as built: not one admitted hash of code whose text came from elsewhere.
    blocks = template_blocks()
    policy = directives(policy_of(site.page("index.md")))
    admitted = {s for name in ("script-src", "style-src") for s in policy[name] if s.startswith("'sha256-")}
    found = {}
    for relative in site.html_paths():
        page = site.soup(relative)
        for node in page.find_all(["script", "style"]):
            if node.name == "style" or (node.get("type") or "") in ("", "speculationrules") and not node.get("src"):
                found[csp_hash(node.string or "")] = node.string or ""
        for fragment in page.find_all("template"):
            for node in fragment.find_all("script"):
                found[csp_hash(node.string or "")] = node.string or ""
    assert admitted <= found.keys()
    # Beside them, a few styles: the first view's rules, taken from Material's stylesheets by
    # hooks/critical_css.py (test_first_view.py checks each of its rules against Material's own).
    first_view = {
        node.find_previous_sibling("style").string
        for relative in site.html_paths()
        for node in site.soup(relative).find_all("noscript", id="essay-later-styles")
    }
    assert 1 <= len(first_view) <= 3
    unmatched = [
        found[h][:80] for h in admitted if found[h] not in first_view and not any(b.fullmatch(found[h]) for b in blocks)
    ]
    assert unmatched == []


def test_a_script_file_from_elsewhere_on_the_origin_does_not_run(site, reader):
    # Every project site of one owner shares the origin: only the theme's folder under this site's address runs.
    tab = reader.tab
    other = urljoin(site.url, "/another-project/script.js")
    tab.route(other, lambda route: route.fulfill(body="window.__ran = true", content_type="application/javascript"))
    tab.route(
        site.url,
        lambda route: route.fulfill(
            body=(site.root / "index.html").read_text().replace("</body>", f'<script src="{other}"></script></body>'),
            content_type="text/html",
        ),
    )
    tab.goto(site.url)
    assert tab.evaluate("window.__ran") is None
