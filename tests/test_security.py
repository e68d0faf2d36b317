"""One strict Content-Security-Policy on every page, and the site works under it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import RECORD_VIOLATIONS, wake
from essay import original
from project import build, csp_hash, directives, nav_pages, page_url, policy_of

PAGES = nav_pages()


def section_heading(src: str) -> str:
    return original().sections[PAGES.index(src)].heading


# The types of a script the browser runs; any other makes it a data block.
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_code(page) -> list[str]:
    """The code of a page's inline scripts that the browser runs."""
    return [
        script.string or ""
        for script in page.find_all("script")
        if not script.get("src") and script.get("type", "").lower() in JAVASCRIPT_TYPES
    ]


def test_every_page_carries_the_same_policy_first_in_its_head(site):
    policies = set()
    for path in site.html_files():
        page = site.soup(path.relative_to(site.root).as_posix())
        head = [tag for tag in page.head.find_all(recursive=False)]
        assert head[0].get("charset") == "utf-8", path
        assert head[1].get("http-equiv") == "Content-Security-Policy", path
        policies.add(policy_of(page))
    assert len(policies) == 1


def test_policy_admits_only_the_sites_own_code(site):
    policy = directives(policy_of(site.page(PAGES[0])))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        self_, *hashes = policy[directive]
        assert self_ == "'self'"
        assert hashes and all(source.startswith("'sha256-") for source in hashes), policy[directive]


def test_every_inline_script_and_style_is_admitted_by_its_hash(site):
    policy = directives(policy_of(site.page(PAGES[0])))
    for path in site.html_files():
        page = site.soup(path.relative_to(site.root).as_posix())
        scripts = inline_code(page)
        assert scripts, path
        for code in scripts:
            assert csp_hash(code) in policy["script-src"], (path, code[:80])
        for style in page.find_all("style"):
            assert csp_hash(style.string or "") in policy["style-src"], (path, style.string[:80])


def test_searching_reading_on_and_switching_palettes_break_no_policy(site, reader):
    tab = reader.tab
    tab.add_init_script(RECORD_VIOLATIONS)
    tab.goto(site.url)
    wake(tab)
    violations = tab.evaluate("window.__violations")
    tab.evaluate("window.__same_document = true")
    # Search (its worker and index), then open the result: instant navigation.
    box = tab.get_by_role("textbox", name="Search")
    box.click()
    box.press_sequentially("extradition")
    (src,) = [p for p in PAGES if "extradition" in (site.root / page_url(p) / "index.html").read_text()]
    tab.locator(".md-search-result__item > a").first.click()
    expect(tab.locator("article.md-content__inner > h1")).to_have_text(section_heading(src))
    # Read on to the next page, then switch palettes.
    tab.locator("a.md-footer__link--next").click()
    expect(tab.locator("article.md-content__inner > h1")).to_have_text(section_heading(PAGES[PAGES.index(src) + 1]))
    tab.get_by_title("Switch to dark mode").click()
    expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert tab.evaluate("window.__same_document") is True  # no full reload on the way
    violations += tab.evaluate("window.__violations")
    assert violations == []
    assert reader.errors == []


def test_script_injected_into_a_page_does_not_run(site, reader):
    # Without this, a policy the browser ignored would pass every test above.
    tab = reader.tab
    tab.add_init_script(RECORD_VIOLATIONS)
    tab.goto(site.url)
    ran = tab.evaluate(
        """() => {
          const script = document.createElement("script")
          script.textContent = "window.__injected = true"
          document.body.append(script)
          return window.__injected === true
        }"""
    )
    assert ran is False
    assert any(v.startswith("script-src") for v in tab.evaluate("window.__violations"))


@pytest.mark.parametrize(
    "markdown, problem",
    [
        ("<script>alert(1)</script>", "an inline <script>"),
        ('<img src="x.png" alt="" onerror="alert(1)">', "an event handler onerror= on <img>"),
        ("[a link](javascript:alert(1))", "a javascript: address in href= on <a>"),
        ("<style>p { color: red }</style>", "an inline <style>"),
        ('A paragraph.\n{: style="color: red" }', "a style attribute on <p>"),
    ],
    ids=["script", "event-handler", "javascript-link", "style", "style-attribute"],
)
def test_code_in_a_pages_markdown_fails_the_build_naming_the_file(project, tmp_path, markdown, problem):
    # The policy admits what the templates write, never what content brings.
    path = project / "docs" / PAGES[2]
    path.write_text(path.read_text() + "\n" + markdown + "\n")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/{PAGES[2]}: {problem}" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()  # nothing half-written


def test_every_hash_in_the_policy_is_of_code_the_templates_write(site):
    # No hash for code that no page runs, so none that content could match later.
    written = set()
    for path in site.html_files():
        page = site.soup(path.relative_to(site.root).as_posix())
        written |= {csp_hash(code) for code in inline_code(page)}
        written |= {csp_hash(s.string or "") for s in page.find_all("style")}
    policy = directives(policy_of(site.page(PAGES[0])))
    hashes = {source for name in ("script-src", "style-src") for source in policy[name] if "sha256-" in source}
    assert hashes == written


def test_a_page_with_a_policy_of_its_own_fails_the_build_naming_it(project, tmp_path):
    # Two policies would both apply; the build refuses rather than guess.
    path = project / "docs" / PAGES[2]
    path.write_text(
        path.read_text() + '\n<meta http-equiv="Content-Security-Policy" content="default-src *">\n'
        "\nA page may still speak of the Content-Security-Policy.\n"
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"{page_url(PAGES[2])}index.html: already has a Content-Security-Policy" in result.stderr


def test_a_page_may_speak_of_the_policy_and_of_code(project, tmp_path):
    path = project / "docs" / PAGES[2]
    path.write_text(
        path.read_text() + "\nA page may speak of the Content-Security-Policy, of `<script>` tags, "
        "of `onclick=` and of javascript: links.\n"
    )
    assert build(project, tmp_path / "site").returncode == 0
