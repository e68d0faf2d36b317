"""Real comments on request: Giscus loads only when the reader asks for it.

The browser's requests to giscus.app are answered by the stand-in in
giscus.py: the tests neither depend on its service nor send it anything.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

import giscus
from browser import RECORD_VIOLATIONS, wake
from mkdocs.exceptions import PluginError

from project import build_error, directives, hook, nav_pages, page_url, policy_of

PAGES = nav_pages()
THREAD = "#__comments-thread"


def open_comments(giscus_site, open_tab, **options):
    """A reader at a section of the comments-enabled site; giscus.app answers with the stand-in."""
    reader = open_tab(**options)
    reader.tab.context.route(giscus.PATTERN, giscus.answer)
    reader.tab.goto(giscus_site.url + page_url(PAGES[1]))
    return reader


@pytest.fixture
def giscus_reader(giscus_site, open_tab):
    return open_comments(giscus_site, open_tab)


def frame_settings(tab) -> dict[str, str]:
    frame = tab.locator(f"{THREAD} iframe")
    expect(frame).to_have_attribute("title", "Comments")
    query = parse_qs(urlsplit(frame.get_attribute("src")).query)
    return {key: values[0] for key, values in query.items()}


def test_giscus_not_requested_before_click(giscus_reader):
    tab = giscus_reader.tab
    wake(tab)
    tab.locator("#__comments").scroll_into_view_if_needed()
    tab.wait_for_load_state("networkidle")
    assert [url for url in giscus_reader.requests if url.startswith(giscus.ORIGIN)] == []
    expect(tab.locator(f"{THREAD} iframe")).to_have_count(0)


def test_load_comments_is_a_button_that_controls_the_thread(giscus_reader):
    tab = giscus_reader.tab
    button = tab.get_by_role("button", name="Load comments")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", THREAD[1:])
    expect(tab.locator(THREAD)).to_have_count(1)
    expect(tab.get_by_role("status")).to_have_text("")


def test_pressing_load_comments_brings_the_thread_and_announces_it(giscus_reader):
    tab = giscus_reader.tab
    button = tab.get_by_role("button", name="Load comments")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(tab.get_by_role("status")).to_have_text("Comments loaded.")
    # Its work done, the button goes, and focus is on the thread it opened.
    expect(button).to_be_hidden()
    expect(tab.locator(THREAD)).to_be_focused()
    assert giscus.ORIGIN + "/client.js" in giscus_reader.requests
    settings = frame_settings(tab)
    expected = {"repo": "repo", "repoId": "repo_id", "category": "category", "categoryId": "category_id"}
    assert {key: settings[key] for key in expected} == {key: giscus.SETTINGS[name] for key, name in expected.items()}
    assert settings["mapping"] == "pathname" and settings["theme"] == "light"


def test_comments_open_in_the_dark_theme_on_a_dark_screen(giscus_site, open_tab):
    tab = open_comments(giscus_site, open_tab, color_scheme="dark").tab
    giscus.load_comments(tab)
    assert frame_settings(tab)["theme"] == "dark"


def test_loading_comments_breaks_no_policy(giscus_site, open_tab):
    # Giscus's script, stylesheet and frame come from the one origin the
    # policy admits when comments are configured.
    tab = open_tab().tab
    tab.add_init_script(RECORD_VIOLATIONS)
    tab.context.route(giscus.PATTERN, giscus.answer)
    tab.goto(giscus_site.url + page_url(PAGES[1]))
    wake(tab)
    giscus.load_comments(tab)
    tab.get_by_title("Switch to dark mode").click()
    expect(tab.locator(f"{THREAD} iframe")).to_have_count(1)
    assert tab.evaluate("window.__violations") == []


def test_comments_follow_the_palette_when_the_reader_switches_it(giscus_reader):
    tab = giscus_reader.tab
    wake(tab)
    giscus.load_comments(tab)
    frame = tab.locator(f"{THREAD} iframe").element_handle().content_frame()
    tab.get_by_title("Switch to dark mode").click()
    frame.wait_for_function("() => window.received.at(-1)?.giscus?.setConfig?.theme === 'dark'")
    tab.get_by_title("Switch to light mode").click()
    frame.wait_for_function("() => window.received.at(-1)?.giscus?.setConfig?.theme === 'light'")


@pytest.mark.parametrize("way", ["instant-navigation", "next-link"])
def test_comments_load_on_the_next_page_after_any_navigation(giscus_reader, giscus_site, way):
    # The navigation's links go by instant navigation; "Next" to the page made ready for it.
    tab = giscus_reader.tab
    wake(tab)
    giscus.load_comments(tab)
    link = {
        "instant-navigation": f"nav.md-nav--primary a.md-nav__link[href$='{page_url(PAGES[2])}']",
        "next-link": "a.md-footer__link--next",
    }[way]
    tab.locator(link).click()
    tab.wait_for_url(giscus_site.url + page_url(PAGES[2]))
    button = tab.get_by_role("button", name="Load comments")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(tab.locator(f"{THREAD} iframe")).to_have_count(0)
    giscus.load_comments(tab)
    assert frame_settings(tab)["term"] == urlsplit(giscus_site.url + page_url(PAGES[2])).path


def test_comments_that_cannot_load_say_so_and_can_be_tried_again(giscus_site, reader):
    tab, context = reader.tab, reader.tab.context
    context.route(giscus.PATTERN, lambda route: route.abort())
    tab.goto(giscus_site.url)
    button = tab.get_by_role("button", name="Load comments")
    button.click()
    expect(tab.get_by_role("status")).to_have_text("Comments could not be loaded. Please try again later.")
    expect(button).to_have_attribute("aria-expanded", "false")
    context.unroute(giscus.PATTERN)
    context.route(giscus.PATTERN, giscus.answer)
    giscus.load_comments(tab)


def test_without_javascript_comments_offer_a_link_to_the_discussions(giscus_site, open_tab):
    tab = open_tab(java_script_enabled=False).tab
    tab.goto(giscus_site.url)
    expect(tab.get_by_role("button", name="Load comments")).to_be_hidden()
    link = tab.get_by_role("link", name="GitHub Discussions")
    expect(link).to_have_attribute("href", f"https://github.com/{giscus.SETTINGS['repo']}/discussions")


def test_policy_admits_giscus_only_when_comments_are_configured(site, giscus_site):
    with_comments = directives(policy_of(giscus_site.page(PAGES[0])))
    for directive in ("script-src", "style-src", "frame-src"):
        assert giscus.ORIGIN in with_comments[directive]
    assert giscus.ORIGIN not in policy_of(site.page(PAGES[0]))


def refusal(settings) -> str | None:
    """What hooks/comments.py says of these comments settings (extra.comments.giscus), or None if it takes them."""
    try:
        hook("comments").on_config(SimpleNamespace(extra={"comments": {"giscus": settings}}))
    except PluginError as error:
        return str(error)
    return None


@pytest.mark.parametrize("key", list(giscus.SETTINGS))
@pytest.mark.parametrize("broken", ["missing", "empty"])
def test_incomplete_giscus_settings_are_refused_naming_the_key(key, broken):
    settings = {name: value for name, value in giscus.SETTINGS.items() if name != key or broken == "empty"}
    if broken == "empty":
        settings[key] = ""
    assert refusal(settings).startswith(f"mkdocs.yml: extra.comments.giscus is missing '{key}'")


def test_a_misspelt_giscus_setting_is_refused_naming_it():
    assert "unknown key 'categry'" in refusal({**giscus.SETTINGS, "categry": "Comments"})


def uncommented_example(config: str) -> str:
    """mkdocs.yml with its commented Giscus example switched on, unchanged."""
    lines = config.splitlines()
    start = lines.index("# extra:")
    end = start + 1
    while end < len(lines) and lines[end].startswith("#   "):
        end += 1
    return "\n".join(lines[:start] + [line[2:] for line in lines[start:end]] + lines[end:]) + "\n"


def test_the_example_comments_settings_fail_the_build_until_filled_in(project, tmp_path):
    # The owner's likely first step: uncomment the example in mkdocs.yml as it is.
    config = project / "mkdocs.yml"
    config.write_text(uncommented_example(config.read_text()))
    assert "repo_id: R_..." in config.read_text()
    assert "mkdocs.yml: extra.comments.giscus 'repo' is still the example value 'OWNER/REPO'" in build_error(project)


@pytest.mark.parametrize(
    "key, value, problem",
    [
        ("repo", "OWNER/REPO", "is still the example value"),
        ("repo", "OWNER/essay", "is still the example value"),
        ("repo_id", "R_...", "is still the example value"),
        ("category_id", "DIC_…", "is still the example value"),
        ("repo_id", "[ENTER REPO ID HERE]", "is still the example value"),
        ("repo", "essay", "must be owner/name"),
        ("repo", "some-user/..", "must be owner/name"),
        ("repo", "some-user/.", "must be owner/name"),
        ("repo", "-acme/essay", "must be owner/name"),
        ("repo", "ac--me/essay", "must be owner/name"),
        ("repo", "a" * 40 + "/essay", "must be owner/name"),
        ("repo", "acme/" + "e" * 101, "must be owner/name"),
        ("repo_id", "123456", "must be an id such as R_kgDO..."),
        ("category_id", "R_kgDOexample", "must be an id such as DIC_kwDO..."),
        ("repo_id", " R_kgDOexample ", "has spaces around it"),
        ("category", "Comments ", "has spaces around it"),
    ],
    ids=[
        "sample-repo",
        "sample-owner",
        "sample-repo-id",
        "sample-category-id",
        "giscus-placeholder",
        "repo-without-owner",
        "dot-dot-name",
        "dot-name",
        "owner-starting-with-a-hyphen",
        "owner-with-two-hyphens",
        "owner-too-long",
        "name-too-long",
        "repo-id-a-number",
        "category-id-of-a-repo",
        "id-with-spaces",
        "category-with-a-space",
    ],
)
def test_giscus_settings_that_cannot_be_real_are_refused_naming_the_key(key, value, problem):
    assert refusal({**giscus.SETTINGS, key: value}).startswith(f"mkdocs.yml: extra.comments.giscus '{key}' {problem}")


@pytest.mark.parametrize(
    "key, value",
    [
        ("repo", "acme/REPO-notes"),  # a placeholder's word inside a real name
        ("repo", "a" * 39 + "/essay"),
        ("repo", "acme/.github"),
        ("repo", "acme-corp/essay_2.0"),
        ("category", "Show and tell"),
        ("repo_id", "MDEwOlJlcG9zaXRvcnkxMjM0NTY3ODk="),  # GitHub's legacy id formats
        ("category_id", "MDE4OkRpc2N1c3Npb25DYXRlZ29yeTMyMTA5ODc2"),
    ],
)
def test_real_giscus_settings_are_accepted(key, value):
    assert refusal({**giscus.SETTINGS, key: value}) is None
