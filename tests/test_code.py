"""The site's JavaScript and CSS are code: source files by concern (overrides/.code/), linted,
formatted and unit-tested, included inline at build time and never published as files of their own."""

from __future__ import annotations

import re
import shutil
import subprocess

from browser import node
from project import PROJECT

CODE = PROJECT / "overrides" / ".code"
BIOME = PROJECT / "tests" / "node_modules" / ".bin" / "biome"


def biome(*paths) -> subprocess.CompletedProcess:
    """Biome's lint and format check of the given sources, with the project's settings (tests/biome.jsonc)."""
    return subprocess.run(
        [str(BIOME), "check", "--config-path=.", "--colors=off", *map(str, paths)],
        cwd=PROJECT / "tests",
        capture_output=True,
        text=True,
    )


def test_the_sites_code_passes_biomes_lint_and_format_check():
    sources = sorted(CODE.glob("*.js")) + sorted(CODE.glob("*.css"))
    assert len(sources) >= 8
    result = biome(CODE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checked {len(sources)} files" in result.stdout + result.stderr


def test_biome_fails_on_a_fault_planted_in_each_kind_of_source(tmp_path):
    # Without this, a linter that read nothing would pass the test above.
    shutil.copytree(CODE, tmp_path / "code")
    script, style = tmp_path / "code" / "offer.js", tmp_path / "code" / "site.css"
    script.write_text(script.read_text() + "if (window.essayOffer == 0) debugger\n")
    style.write_text(style.read_text() + "\n.md-typeset {\n  colr: red;\n}\n")
    result = biome(tmp_path / "code")
    report = result.stdout + result.stderr
    assert result.returncode != 0
    assert "offer.js" in report and "noDebugger" in report and "noDoubleEquals" in report
    assert "site.css" in report and "noUnknownProperty" in report


def test_the_pure_logic_passes_its_unit_tests_in_node():
    result = subprocess.run(
        [node(), "--test", "tests/code.test.mjs"], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    passed = int(re.search(r"^ℹ pass (\d+)$", result.stdout, re.MULTILINE).group(1))
    assert passed >= 7 and "ℹ fail 0" in result.stdout


def test_no_inline_block_in_a_template_holds_more_than_40_lines_of_code():
    blocks = []
    for template in (PROJECT / "overrides").rglob("*.html"):
        for tag, body in re.findall(r"<(script|style)\b[^>]*>(.*?)</\1>", template.read_text(), re.DOTALL):
            code = [line for line in body.splitlines() if line.strip()]
            blocks.append((template.name, tag, len(code)))
    assert blocks
    assert [block for block in blocks if block[2] > 40] == []


def test_the_sources_hold_no_template_syntax(site):
    # The templates include them as templates: `{{`, `{%` or `{#` would be read as Jinja.
    for path in CODE.iterdir():
        assert not re.search(r"\{[{%#]", path.read_text()), path.name


def test_the_sources_are_not_published_as_files_of_their_own(site):
    published = {path.read_bytes() for path in site.root.rglob("*") if path.is_file()}
    assert not any(".code" in path.parts for path in site.root.rglob("*"))
    assert [path.name for path in CODE.iterdir() if path.read_bytes() in published] == []


def test_every_inline_script_the_site_ships_is_valid_javascript(site, tmp_path):
    # The sources are checked one by one; this checks them as the templates put them together.
    checked = set()
    for path in site.html_files():
        for code in re.findall(r"<script>(.*?)</script>", path.read_text(encoding="utf-8"), re.DOTALL):
            if code in checked:
                continue
            checked.add(code)
            script = tmp_path / f"{len(checked)}.js"
            script.write_text(code, encoding="utf-8")
            result = subprocess.run([node(), "--check", str(script)], capture_output=True, text=True)
            assert result.returncode == 0, (path.name, result.stderr[-800:])
    assert len(checked) >= 3
