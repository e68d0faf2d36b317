"""Text that follows the reader: larger text on a phone grows in full and nothing is cut."""

from __future__ import annotations

import json

import pytest

from browser import CHROMIUM_ARGS, chromium, wake
from project import addresses

# The browser's default font size, as a reader who asked for larger text has
# it (Chromium's "Font size" setting, a profile preference); 16 px is normal.
NORMAL_PX = 16
PHONE_320 = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
# Each kind of page the templates make: the home page, a section, the whole essay, 404.
PAGES = [addresses()[0], addresses()[1], addresses()[-1], "404.html"]

# What sticks out of the screen's width and is not hidden: cut off, since
# Material's <html> hides what overflows sideways. The drawer, the closed
# search's results and Material's snackbar wait off screen by design.
CUT = """() => [...document.querySelectorAll("body *")]
  .filter(element => {
    const box = element.getBoundingClientRect()
    return box.width && (box.right > innerWidth + 0.5 || box.left < -0.5) && getComputedStyle(element).visibility !== "hidden"
      && !element.closest("[data-md-component=sidebar], [data-md-component=dialog], .md-search__output, [hidden]")
  })
  .map(element => element.outerHTML.slice(0, 120))"""

# Header items that are on screen and overlap each other.
OVERLAPS = """() => {
  const shown = [...document.querySelector(".md-header__inner").children].filter(element => {
    const box = element.getBoundingClientRect()
    return box.width > 0 && getComputedStyle(element).visibility !== "hidden"
  })
  const found = []
  for (const [index, a] of shown.entries())
    for (const b of shown.slice(index + 1)) {
      const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()]
      if (p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5)
        found.push(`${a.className} / ${b.className}`)
    }
  return found
}"""


@pytest.fixture
def scaled(browser, tmp_path):
    """Open a phone tab in a profile whose default font size is factor times the normal."""
    contexts = []

    def scaled(factor: int):
        profile = tmp_path / f"profile-{factor}"
        (profile / "Default").mkdir(parents=True)
        preferences = {"webkit": {"webprefs": {"default_font_size": NORMAL_PX * factor}}}
        (profile / "Default" / "Preferences").write_text(json.dumps(preferences))
        context = browser.browser_type.launch_persistent_context(
            profile, executable_path=chromium(), args=CHROMIUM_ARGS, color_scheme="light", **PHONE_320
        )
        contexts.append(context)
        return context.pages[0] if context.pages else context.new_page()

    yield scaled
    for context in contexts:
        context.close()


def test_every_page_opts_in_to_the_systems_text_scale(site):
    for address in PAGES:
        meta = site.soup(address + ("index.html" if address.endswith("/") or not address else "")).find(
            "meta", attrs={"name": "text-scale"}
        )
        assert meta and meta["content"] == "scale", address


@pytest.mark.parametrize("factor", [2, 3])
def test_larger_text_grows_in_proportion_and_nothing_is_cut_or_overlaps_at_320px(site, scaled, factor):
    normal, large = scaled(1), scaled(factor)
    for address in PAGES:
        sizes = []
        for tab in (normal, large):
            tab.goto(site.url + address)
            wake(tab)  # the palette toggle joins the header then
            sizes.append(tab.evaluate("parseFloat(getComputedStyle(document.querySelector('article p:not([class])')).fontSize)"))
        assert sizes[1] == pytest.approx(sizes[0] * factor, rel=0.02), (address, sizes)
        for scheme in ("light", "dark"):
            large.emulate_media(color_scheme=scheme)
            assert large.evaluate(CUT) == [], (address, scheme)
            assert large.evaluate(OVERLAPS) == [], (address, scheme)
            assert large.evaluate("document.scrollingElement.scrollWidth") <= 320, (address, scheme)
