"""What the tests share: the original essay, the project's config, the build."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import yaml
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data
from playwright.sync_api import Page

PROJECT = Path(__file__).resolve().parents[1]
SOURCE = PROJECT / "tests" / "fixtures" / "essay.txt"

# What a project copy needs to build: everything the build reads.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides")
LIGHTHOUSE = PROJECT / "tests" / "node_modules" / "lighthouse" / "cli" / "index.js"

# What every page says where comments would be, until they are switched on.
PLACEHOLDER = "Comments are not open yet."


# -----------------------------------------------------------------------------
# The original page
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    heading: str | None  # None for the untitled opening
    paragraphs: list[str]


@dataclass(frozen=True)
class Essay:
    date: str  # the page's date line
    sections: list[Section]
    comment_form: list[str]  # the old page's comment form, heading first
    footer: str  # the old site builder's footer


@cache
def original() -> Essay:
    """The seed as it stood on its website, split into its parts.

    The page is a date line, an untitled opening, headed sections, a comment
    form headed "Comments", and the builder's footer on the last line. A line
    is a heading when it does not end a sentence.
    """
    date, *body = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    form_start = body.index("Comments")
    body, form, footer = body[:form_start], body[form_start:-1], body[-1]
    sections = [Section(None, [])]
    for block in body:
        if block.rstrip().endswith((".", "?", "!", '"')):
            sections[-1].paragraphs.append(block)
        else:
            sections.append(Section(block, []))
    return Essay(date, sections, form, footer)


def plain(text: str) -> str:
    """Undo typographic quotes, which the smarty extension is allowed to add."""
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))


# -----------------------------------------------------------------------------
# The project
# -----------------------------------------------------------------------------


@cache
def config():
    return load_config(str(PROJECT / "mkdocs.yml"))


def nav_pages() -> list[str]:
    """The Markdown files of the navigation, in order (the one source)."""

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            else:
                yield value

    return list(walk(config()["nav"]))


@cache
def hook(name: str):
    """One of the project's build hooks, as a module: for the names it defines."""
    spec = importlib.util.spec_from_file_location(f"hooks.{name}", PROJECT / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def whole_essay_url() -> str:
    """The path of the page that holds the whole essay, which a hook makes."""
    return page_url(hook("whole_essay").SRC)


def addresses() -> list[str]:
    """Every page of the site a reader can open: the essay's, then the whole essay."""
    return [page_url(src) for src in nav_pages()] + [whole_essay_url()]


def page_url(src: str) -> str:
    """The path of a page from the site's root, as MkDocs makes it ("" for home)."""
    cfg = config()
    return File(src, cfg["docs_dir"], cfg["site_dir"], cfg["use_directory_urls"]).url.removeprefix("./")


def site_path(site: Site, href: str, src: str) -> str:
    """A link's target as a path from the site's root, resolved from page src."""
    absolute = urljoin(site.url + page_url(src), href)
    assert absolute.startswith(site.url), href
    return absolute[len(site.url) :]


def policy_of(page: BeautifulSoup) -> str:
    """A page's Content-Security-Policy."""
    return page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def directives(policy: str) -> dict[str, list[str]]:
    """A policy's directives, each with its sources."""
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def front_matter(src: str) -> dict:
    return get_data((PROJECT / "docs" / src).read_text(encoding="utf-8"))[1]


# -----------------------------------------------------------------------------
# Builds
# -----------------------------------------------------------------------------


def copy_project(destination: Path) -> Path:
    """A copy of what the build reads, to change without touching the project."""
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


def configure(project: Path, extra: dict) -> None:
    """Add settings under `extra:` to a project copy's mkdocs.yml."""
    config = project / "mkdocs.yml"
    assert "\nextra:" not in config.read_text(), "the project's extra block would need merging"
    with config.open("a", encoding="utf-8") as file:
        file.write("\n" + yaml.safe_dump({"extra": extra}, sort_keys=False))


def build(project: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict`, as `make build` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


@dataclass(frozen=True)
class Site:
    root: Path  # the built files
    url: str  # the site_url it was built for
    log: str  # what the build printed

    def soup(self, relative: str) -> BeautifulSoup:
        """A built HTML file, parsed."""
        return BeautifulSoup((self.root / relative).read_text(encoding="utf-8"), "html.parser")

    def page(self, src: str) -> BeautifulSoup:
        """The built page of a Markdown file, parsed."""
        return self.soup(page_url(src) + "index.html")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def article(page: BeautifulSoup):
    """The page's content column, where the essay's text stands."""
    return page.select_one("article.md-content__inner")


def essay_paragraphs(page: BeautifulSoup) -> list[str]:
    """The paragraphs of the essay on a page: the content's unclassed <p>s."""
    return [plain(p.get_text()) for p in article(page).find_all("p", recursive=False) if not p.get("class")]


# -----------------------------------------------------------------------------
# The browser
# -----------------------------------------------------------------------------

# As root, Chromium runs only without its sandbox; the rest keeps it from
# calling Google's services, which this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str:
    """The system Chromium (or $CHROMIUM): Playwright cannot download one here."""
    name = os.environ.get("CHROMIUM") or "chromium"
    path = shutil.which(name)
    if not path:
        raise RuntimeError(
            f"no Chromium found as '{name}': run `make test`, which installs Debian's chromium, "
            "or set CHROMIUM to a Chromium or Chrome binary"
        )
    return path


@dataclass
class Reader:
    """A browser tab, with what it asked for and what went wrong in it."""

    tab: Page
    requests: list[str]
    errors: list[str]

    @classmethod
    def on(cls, tab: Page) -> Reader:
        reader = cls(tab, [], [])
        tab.on("request", lambda request: reader.requests.append(request.url))
        tab.on("console", lambda message: message.type == "error" and reader.errors.append(message.text))
        tab.on("pageerror", lambda error: reader.errors.append(str(error)))
        return reader


# Records every violation of the page's policy, from before the page's own code runs.
RECORD_VIOLATIONS = """
window.__violations = []
document.addEventListener("securitypolicyviolation", event =>
  window.__violations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample}`))
"""


def wake(tab: Page) -> None:
    """Do what a reader does first, move the pointer, and wait until Material runs and settles.

    Material's scripts load on the reader's first sign of life
    (hooks/theme_scripts.py); its palette toggle and search appear then.
    """
    tab.mouse.move(5, 5)
    tab.evaluate("window.essayTheme")
    tab.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")


def lighthouse(url: str) -> dict:
    """Lighthouse's report on a page: its default mobile run, in the system Chromium."""
    if not LIGHTHOUSE.is_file():
        raise RuntimeError(f"no Lighthouse at {LIGHTHOUSE}: run `make test`, which installs it with npm ci")
    result = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--only-categories=performance,accessibility,best-practices,seo",
            f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
        ],
        env={**os.environ, "CHROME_PATH": chromium()},
        capture_output=True,
        text=True,
        timeout=180,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}: {result.stderr[-2000:]}")
    return json.loads(result.stdout)
