"""The project, its configuration and its real build, and the built site as a reader gets it."""

from __future__ import annotations

import base64
import copy
import hashlib
import importlib.util
import io
import logging
import math
import os
import re
import shutil
import subprocess
import sys
import traceback
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from unittest.mock import patch
from urllib.parse import urljoin

import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

from essay import plain

PROJECT = Path(__file__).resolve().parents[1]

# What a project copy needs to build: everything the build reads.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides")

# What every page says where comments would be, until they are switched on.
PLACEHOLDER = "Comments are not open yet."

# -----------------------------------------------------------------------------
# The configuration and the pages
# -----------------------------------------------------------------------------


@cache
def config():
    return load_config(str(PROJECT / "mkdocs.yml"))


@cache
def hook(name: str):
    """One of the project's build hooks, as a module: for the names it defines."""
    spec = importlib.util.spec_from_file_location(f"hooks.{name}", PROJECT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    # As MkDocs loads a hook: with its folder on the path, for the helpers it imports (hooks/html_text.py).
    with patch.object(sys, "path", [str(PROJECT / "hooks"), *sys.path]):
        spec.loader.exec_module(module)
    return module


def nav_pages() -> list[str]:
    """The Markdown files of nav, in reading order, walked as the build walks them."""
    return hook("whole_essay").nav_sources(config()["nav"])


def page_url(src: str) -> str:
    """The path of a page from the site's root, as MkDocs makes it ("" for home)."""
    cfg = config()
    return File(src, cfg["docs_dir"], cfg["site_dir"], cfg["use_directory_urls"]).url.removeprefix("./")


def whole_essay_url() -> str:
    """The path of the page that holds the whole essay, which a hook makes."""
    return page_url(hook("whole_essay").SRC)


def addresses() -> list[str]:
    """Every page of the site a reader can open: the essay's, then the whole essay."""
    return [page_url(src) for src in nav_pages()] + [whole_essay_url()]


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
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def append(path: Path, text: str) -> None:
    """Add text at the end of a file of a project copy."""
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def configure(project: Path, extra: dict) -> None:
    """Add settings under `extra:` to a project copy's mkdocs.yml."""
    config = project / "mkdocs.yml"
    assert "\nextra:" not in config.read_text(), "the project's extra block would need merging"
    with config.open("a", encoding="utf-8") as file:
        file.write("\n" + yaml.safe_dump({"extra": extra}, sort_keys=False))


def build_environment(site_url: str | None, env: dict | None) -> dict[str, str]:
    """What a test's build adds to the environment: env, if given, and site_url as SITE_URL."""
    return {"NO_MKDOCS_2_WARNING": "1", **(env or {}), **({"SITE_URL": site_url} if site_url else {})}


def build_with_cli(
    project: Path, site_dir: Path, site_url: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run the command `mkdocs build --strict`, as `make build` does (in env, if given, added)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, **build_environment(site_url, env)},
        capture_output=True,
        text=True,
    )


def build(
    project: Path, site_dir: Path, site_url: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """The real MkDocs build of a project, in strict mode, run in this process.

    It is what `mkdocs build --strict` runs (the session's site is built by
    that command, build_with_cli), less the second or so that a new Python
    spends importing MkDocs, Material and the extensions: most tests build
    a project copy they have broken on purpose. MkDocs' log is kept as its
    command prints it, and an exception that would stop the command is
    reported as the command reports it, with a non-zero return code.
    """
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    level = mkdocs_log.level
    mkdocs_log.setLevel(logging.INFO)
    returncode = 0
    try:
        with patch.dict(os.environ, build_environment(site_url, env)):
            configuration = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
            configuration.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(configuration)
            finally:
                configuration.plugins.on_shutdown()
    except Abort as error:  # as the command prints it
        log.write(f"{error}\n")
        returncode = 1
    except Exception:  # noqa: BLE001 - as the command would end: with the traceback
        log.write(traceback.format_exc())
        returncode = 1
    finally:
        mkdocs_log.removeHandler(handler)
        mkdocs_log.setLevel(level)
    return subprocess.CompletedProcess(["mkdocs", "build", "--strict"], returncode, "", log.getvalue())


# -----------------------------------------------------------------------------
# The built site
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    root: Path  # the built files
    url: str  # the site_url it was built for
    log: str  # what the build printed
    served: list = field(default_factory=list)  # what the stand-in for Pages answered, in order (server.Served)
    server: object = None  # the stand-in for Pages that serves it at its address (server.PagesServer)

    def soup(self, relative: str) -> BeautifulSoup:
        """A built HTML file, parsed."""
        return BeautifulSoup((self.root / relative).read_text(encoding="utf-8"), "html.parser")

    def page(self, src: str) -> BeautifulSoup:
        """The built page of a Markdown file, parsed."""
        return self.soup(page_url(src) + "index.html")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def html_paths(self) -> list[str]:
        """Every built HTML file, as its path from the site's root: what soup() takes."""
        return [path.relative_to(self.root).as_posix() for path in self.html_files()]

    def path(self, href: str, src: str) -> str:
        """A link's target as a path from the site's root, resolved from page src."""
        absolute = urljoin(self.url + page_url(src), href)
        assert absolute.startswith(self.url), href
        return absolute[len(self.url) :]


def build_error(project: Path, site_dir: Path | None = None, env: dict | None = None, cli: bool = False) -> str:
    """What a build that must fail printed (into site_dir, or the project's site/), once it has failed;
    by the command itself where the test changes what a new Python finds (cli)."""
    result = (build_with_cli if cli else build)(project, site_dir or project / "site", env=env)
    assert result.returncode != 0, "the build should have failed"
    return result.stdout + result.stderr


def built(project: Path, site_dir: Path) -> Site:
    """A project copy, built, which must build."""
    result = build(project, site_dir)
    assert result.returncode == 0, result.stderr
    return Site(site_dir, "", result.stderr)


def article(page: BeautifulSoup):
    """The page's content column, where the essay's text stands."""
    return page.select_one("article.md-content__inner")


def essay_paragraphs(page: BeautifulSoup) -> list[str]:
    """The paragraphs of the essay on a page: the content's unclassed <p>s."""
    return [plain(p.get_text()) for p in article(page).find_all("p", recursive=False) if not p.get("class")]


WORDS_A_MINUTE = 265  # as Material counts for its blog


def meta_line(page: BeautifulSoup) -> str:
    """The line over a page's title: its part, reading time, the whole essay."""
    return re.sub(r"\s+", " ", article(page).select_one("p.essay-meta").get_text()).strip()


def reading_minutes(page: BeautifulSoup) -> int:
    """Minutes to read a page's text: its words at 265 a minute, rounded up."""
    content = copy.copy(article(page))  # a copy: the page itself stays whole
    for aside in content.select("p.essay-meta, section.essay-comments"):
        aside.decompose()
    return math.ceil(len(content.get_text(" ").split()) / WORDS_A_MINUTE)


def policy_of(page: BeautifulSoup) -> str:
    """A page's Content-Security-Policy."""
    return page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def csp_hash(code: str) -> str:
    """The policy source that admits a piece of inline code: its SHA-256, as the browser computes it."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def meta_tags(page: BeautifulSoup) -> dict[str, str]:
    """A page's <meta> tags, by property (Open Graph) or name."""
    found = {meta["property"]: meta["content"] for meta in page.find_all("meta", property=True)}
    return found | {meta["name"]: meta["content"] for meta in page.find_all("meta", attrs={"name": True})}


def directives(policy: str) -> dict[str, list[str]]:
    """A policy's directives, each with its sources."""
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}
