"""The strict build passes clean, and bad input stops it with a clear error."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from project import PLACEHOLDER, PROJECT, append, build, build_error, hook, nav_pages

PAGE = nav_pages()[1]  # any essay page will do


def test_strict_build_succeeds_without_warnings(site):
    assert not re.search(r"\b(WARNING|ERROR)\b", site.log), site.log


def test_link_to_a_missing_page_fails_the_build_naming_the_file(project):
    append(project / "docs" / PAGE, "\n[elsewhere](no-such-page.md)\n")
    log = build_error(project)
    assert PAGE in log and "no-such-page.md" in log


def test_link_to_a_missing_anchor_fails_the_build_naming_the_file(project):
    append(project / "docs" / PAGE, "\n[elsewhere](index.md#no-such-anchor)\n")
    log = build_error(project)
    assert PAGE in log and "no-such-anchor" in log


def test_page_left_out_of_nav_fails_the_build_naming_the_file(project):
    (project / "docs" / "stray-page.md").write_text("---\ndescription: Stray.\n---\n\n# Stray\n")
    log = build_error(project)
    assert "stray-page.md" in log


def test_malformed_front_matter_fails_the_build_naming_the_file(project):
    path = project / "docs" / PAGE
    path.write_text(path.read_text().replace("description:", "description: [unclosed", 1))
    log = build_error(project)
    assert f"docs/{PAGE}: malformed front matter" in log


def test_misspelt_setting_fails_the_build_naming_it(project):
    path = project / "mkdocs.yml"
    config = path.read_text()
    assert config.startswith("# Project information\nsite_name:")
    path.write_text(config.replace("\nsite_name:", "\nsite_nmae:", 1))
    log = build_error(project)
    assert "site_nmae" in log


def test_the_policys_hook_before_the_first_views_rules_fails_the_build(project):
    # hooks/critical_css.py leaves its rules to the policy's pass over every page: that hook must run after it.
    config = project / "mkdocs.yml"
    lines = config.read_text().split("\n")
    critical, policy = (next(i for i, line in enumerate(lines) if f"- hooks/{name}.py" in line)
                        for name in ("critical_css", "content_security_policy"))
    assert critical < policy
    lines[critical], lines[policy] = lines[policy], lines[critical]
    config.write_text("\n".join(lines))
    log = build_error(project)
    assert "mkdocs.yml: hooks/content_security_policy.py must come after hooks/critical_css.py" in log


def test_a_nav_that_does_not_start_at_the_home_page_fails_the_build(project):
    config = project / "mkdocs.yml"
    settings, nav = config.read_text().split("\nnav:\n")
    first, second, rest = nav.split("\n", 2)
    config.write_text(f"{settings}\nnav:\n{second}\n{first}\n{rest}")
    log = build_error(project)
    assert f"mkdocs.yml: nav must start with index.md, the site's home page; it starts with '{PAGE}'" in log


def test_a_site_without_a_home_page_fails_the_build(project):
    # The owner removes the opening and its nav entry: the address would answer 404.
    (project / "docs" / nav_pages()[0]).unlink()
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"^  - .*index\.md.*\n", "", config.read_text(), count=1, flags=re.MULTILINE))
    log = build_error(project)
    assert "docs/index.md is missing: it is the essay's opening and the site's home page" in log


def test_make_build_stops_on_a_warning(project):
    # The owner's and the deployment's command: `make build`, strict.
    for part in ("Makefile", "requirements.txt"):
        (project / part).write_bytes((PROJECT / part).read_bytes())
    append(project / "docs" / PAGE, "\n[elsewhere](index.md#no-such-anchor)\n")
    venv = Path(sys.executable).parents[1]  # the one running the tests, installed already
    result = subprocess.run(
        ["make", "build", f"VENV={venv}", f"--assume-old={venv}/.site"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "no-such-anchor" in result.stderr and PAGE in result.stderr


def test_project_copy_builds_as_is(project):
    # The failures above come from what each test breaks, not from the copy.
    assert build(project, project / "site").returncode == 0
    assert (PROJECT / "mkdocs.yml").read_text() == (project / "mkdocs.yml").read_text()


def test_an_edited_template_shows_on_the_next_build_although_compiled_templates_are_kept(project):
    # hooks/template_cache.py keeps compiled templates between builds: it must never serve a stale one.
    assert build(project, project / "site").returncode == 0
    kept = sorted((project / hook("template_cache").CACHE).iterdir())
    assert len(kept) > 10, "the build should have kept its compiled templates"
    partial = project / "overrides" / "partials" / "comments.html"
    partial.write_text(partial.read_text(encoding="utf-8").replace(PLACEHOLDER, "Edited since the last build."))
    assert build(project, project / "site").returncode == 0
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Edited since the last build." in home and PLACEHOLDER not in home
