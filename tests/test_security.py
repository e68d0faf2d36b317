"""One strict Content-Security-Policy on every page, and the site works under it."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from browser import RECORD_VIOLATIONS, wake
from essay import original
from markdown import Markdown

from project import build, build_error, built, config, csp_hash, directives, hook, nav_pages, page_url, policy_of

PAGES = nav_pages()


def section_heading(src: str) -> str:
    return original().sections[PAGES.index(src)].heading


# The types of a script the browser runs, and Speculation Rules, which the
# policy governs as a script; any other type makes it a data block.
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "speculationrules"}


def inline_code(page) -> list[str]:
    """The code of a page's inline scripts that the browser runs."""
    return [
        script.string or ""
        for script in page.find_all("script")
        if not script.get("src") and script.get("type", "").lower() in JAVASCRIPT_TYPES
    ]


def test_every_page_carries_the_same_policy_first_in_its_head(site):
    policies = set()
    for relative in site.html_paths():
        page = site.soup(relative)
        head = [tag for tag in page.head.find_all(recursive=False)]
        assert head[0].get("charset") == "utf-8", relative
        assert head[1].get("http-equiv") == "Content-Security-Policy", relative
        policies.add(policy_of(page))
    assert len(policies) == 1


def test_policy_admits_only_the_sites_own_code(site):
    page = site.page(PAGES[0])
    policy = directives(policy_of(page))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    # Script files only from the folder the theme's own scripts are in, under the site's address:
    # not the whole origin, which every project site of one owner shares.
    bundle = urljoin(site.url, page.select_one('script[type="text/x-theme-script"]')["data-src"])
    folder = bundle[: bundle.rindex("/") + 1]
    assert folder == site.url + "assets/javascripts/"
    files, *hashes = policy["script-src"]
    assert files == folder and policy["worker-src"] == [folder]
    assert hashes and all(source.startswith("'sha256-") for source in hashes), policy["script-src"]
    self_, *hashes = policy["style-src"]
    assert self_ == "'self'"
    assert hashes and all(source.startswith("'sha256-") for source in hashes), policy["style-src"]


def test_every_inline_script_and_style_is_admitted_by_its_hash(site):
    policy = directives(policy_of(site.page(PAGES[0])))
    for relative in site.html_paths():
        page = site.soup(relative)
        scripts = inline_code(page)
        assert scripts, relative
        for code in scripts:
            assert csp_hash(code) in policy["script-src"], (relative, code[:80])
        for style in page.find_all("style"):
            assert csp_hash(style.string or "") in policy["style-src"], (relative, style.string[:80])


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
    assert tab.evaluate("window.__same_document") is True  # no full reload on the way
    violations += tab.evaluate("window.__violations")
    # Read on to the next part (the page its Speculation Rules made ready), then switch palettes.
    tab.locator("a.md-footer__link--next").click()
    expect(tab.locator("article.md-content__inner > h1")).to_have_text(section_heading(PAGES[PAGES.index(src) + 1]))
    wake(tab)
    tab.get_by_title("Switch to dark mode").click()
    expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
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


# What a page's Markdown may bring, and what the allow-list says of it: the
# code the last deny-list caught, and what it let through because Python's
# HTMLParser read it otherwise than a browser, or because it was not code.
REFUSED = {
    "script": ("<script>alert(1)</script>", "<script> is not allowed"),
    "event-handler": ('<img src="x.png" alt="" onerror="alert(1)">', "the attribute onerror= on <img> is not allowed"),
    "javascript-link": ("[a link](javascript:alert(1))", "href='javascript:alert(1)' on <a> is not an http:"),
    "style": ("<style>p { color: red }</style>", "<style> is not allowed"),
    "style-attribute": ('A paragraph.\n{: style="color: red" }', "the attribute style= on <p> is not allowed"),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://example.org/">', "<meta> is not allowed"),
    "own-policy": ('<meta http-equiv="Content-Security-Policy" content="default-src *">', "<meta> is not allowed"),
    "base": ('<base href="/elsewhere/">', "<base> is not allowed"),
    "abrupt-comment": ("<!--><img src=x onerror=alert(1)>-->", "the attribute onerror= on <img> is not allowed"),
    "in-textarea": (
        '<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>',
        "the attribute onerror= on <img> is not allowed",
    ),
    "in-noscript": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "the attribute onerror= on <img> is not allowed",
    ),
    "srcdoc": ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "<iframe> is not allowed"),
    "object": ('<object data="x.svg"></object>', "<object> is not allowed"),
    "embed": ('<embed src="x.svg">', "<embed> is not allowed"),
    "data-link": ("[a link](data:text/html,hello)", "href='data:text/html,hello' on <a> is not an http:"),
    "srcset": ('<img src="a.png" srcset="javascript:alert(1) 1x" alt="">', "the attribute srcset= on <img>"),
    "hidden-javascript": ('<a href=" java\nscript:alert(1)">x</a>', "on <a> is not an http:, https:, mailto:"),
    "image-from-elsewhere": ('<img src="https://example.org/a.png" alt="">', "is not one of the site's own files"),
    "body-attributes": ('<p>a</p>\n\n<body onload="alert(1)">', "a <body> or <html> tag is not allowed"),
    "closes-the-article": ("</article></div>\n\n<p>outside</p>", "an end tag closes an element that the page"),
    "left-open": ("<div>\n\n<p>inside</p>", "<div> is left open at the end"),
}


def rendered(markdown: str) -> str:
    """Markdown as the site's build renders it: with the extensions of mkdocs.yml."""
    settings = config()
    return Markdown(extensions=settings["markdown_extensions"], extension_configs=settings["mdx_configs"]).convert(
        markdown
    )


@pytest.mark.parametrize("markdown, problem", REFUSED.values(), ids=REFUSED)
def test_the_allow_list_refuses_what_prose_does_not_need_naming_element_and_attribute(markdown, problem):
    problems = hook("allowed_html").refused(rendered(markdown))
    assert any(problem in found for found in problems), problems


def test_the_allow_list_admits_what_prose_needs():
    prose = rendered(
        "# A heading\n\n## A section {: #section }\n\nA *paragraph* with **strong** words, `<script>` in code, "
        "[a link](legal-frameworks.md#top), [mail](mailto:editor@example.org), [a site](https://example.org/) "
        "and a note.[^1]\n\n> A quotation.\n\n- a list\n- of items\n\n1. and\n2. numbers\n\n"
        '![An image](images/map.png "A map")\n\n<time datetime="10-01">01 Oct</time>\n{: .essay-date }\n\n'
        "<table><caption>Figures</caption><tr><th scope=\"col\">Year</th></tr><tr><td>2024</td></tr></table>\n\n"
        "[^1]: The note, with a way back.\n"
    )
    assert hook("allowed_html").refused(prose) == []


def test_code_in_a_pages_markdown_fails_the_build_naming_the_file(project, tmp_path):
    # End to end: the hook stops the real build, names the file, writes nothing.
    path = project / "docs" / PAGES[2]
    path.write_text(path.read_text() + "\n" + REFUSED["meta-refresh"][0] + "\n")
    assert f"docs/{PAGES[2]}: <meta> is not allowed" in build_error(project, tmp_path / "site")
    assert not (tmp_path / "site" / "index.html").exists()  # nothing half-written


def test_html_copied_from_docs_with_inline_code_fails_the_build_naming_it(project, tmp_path):
    # Its script would otherwise be admitted by hash on every page.
    (project / "docs" / "demo.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Demo</title></head>'
        "<body><script>document.title = 'ran'</script></body></html>"
    )
    assert "docs/demo.html: an inline <script>" in build_error(project, tmp_path / "site")
    assert not (tmp_path / "site" / "index.html").exists()  # nothing half-written


def test_html_copied_from_docs_without_code_is_published_under_the_policy(project, tmp_path):
    (project / "docs" / "plain.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Plain</title></head>'
        "<body><p>Plain.</p></body></html>"
    )
    site = built(project, tmp_path / "site")
    assert policy_of(site.soup("plain.html")) == policy_of(site.page(PAGES[0]))


def test_every_hash_in_the_policy_is_of_code_the_templates_write(site):
    # No hash for code that no page runs, so none that content could match later.
    written = set()
    for relative in site.html_paths():
        page = site.soup(relative)
        written |= {csp_hash(code) for code in inline_code(page)}
        written |= {csp_hash(s.string or "") for s in page.find_all("style")}
    policy = directives(policy_of(site.page(PAGES[0])))
    hashes = {source for name in ("script-src", "style-src") for source in policy[name] if "sha256-" in source}
    assert hashes == written


def test_every_page_scopes_what_readers_store_to_the_site_in_one_script(site):
    # Material keeps a reader's settings under __md_scope, the site's root as the page names it.
    # Every page names it alike, so the policy holds one hash for it, not one for each depth.
    scripts = set()
    for relative in site.html_paths():
        # Pages answers any missing address, however deep, with 404.html.
        address = site.url + ("no/such/part/" if relative == "404.html" else relative.removesuffix("index.html"))
        (code,) = [code for code in inline_code(site.soup(relative)) if code.startswith("__md_scope=")]
        scope = re.match(r'__md_scope=new URL\("([^"]*)",location\)', code)
        assert scope and urljoin(address, scope.group(1)) == site.url, relative
        scripts.add(code)
    assert len(scripts) == 1


def test_a_page_may_speak_of_the_policy_and_of_code(project, tmp_path):
    path = project / "docs" / PAGES[2]
    path.write_text(
        path.read_text() + "\nA page may speak of the Content-Security-Policy, of `<script>` tags, "
        "of `onclick=` and of javascript: links.\n"
    )
    assert build(project, tmp_path / "site").returncode == 0
