"""The strict build passes clean, and bad input stops it with a clear error."""

from __future__ import annotations

import re

import pytest

from helpers import PROJECT, build, copy_project, nav_pages

PAGE = nav_pages()[1]  # any essay page will do


def test_strict_build_succeeds_without_warnings(site):
    assert not re.search(r"\b(WARNING|ERROR)\b", site.log), site.log


@pytest.fixture
def project(tmp_path):
    """A throwaway copy of the project, to break on purpose."""
    return copy_project(tmp_path / "project")


def failed_build(project) -> str:
    result = build(project, project / "site")
    assert result.returncode != 0, "the build should have failed"
    return result.stdout + result.stderr


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_link_to_a_missing_page_fails_the_build_naming_the_file(project):
    append(project / "docs" / PAGE, "\n[elsewhere](no-such-page.md)\n")
    log = failed_build(project)
    assert PAGE in log and "no-such-page.md" in log


def test_link_to_a_missing_anchor_fails_the_build_naming_the_file(project):
    append(project / "docs" / PAGE, "\n[elsewhere](index.md#no-such-anchor)\n")
    log = failed_build(project)
    assert PAGE in log and "no-such-anchor" in log


def test_page_left_out_of_nav_fails_the_build_naming_the_file(project):
    (project / "docs" / "stray-page.md").write_text("---\ndescription: Stray.\n---\n\n# Stray\n")
    log = failed_build(project)
    assert "stray-page.md" in log


def test_malformed_front_matter_fails_the_build_naming_the_file(project):
    path = project / "docs" / PAGE
    path.write_text(path.read_text().replace("description:", "description: [unclosed", 1))
    log = failed_build(project)
    assert f"{PAGE}: malformed front matter" in log


def test_misspelt_setting_fails_the_build_naming_it(project):
    path = project / "mkdocs.yml"
    config = path.read_text()
    assert config.startswith("# Project information\nsite_name:")
    path.write_text(config.replace("\nsite_name:", "\nsite_nmae:", 1))
    log = failed_build(project)
    assert "site_nmae" in log


def test_project_copy_builds_as_is(project):
    # The failures above come from what each test breaks, not from the copy.
    assert build(project, project / "site").returncode == 0
    assert (PROJECT / "mkdocs.yml").read_text() == (project / "mkdocs.yml").read_text()
