"""The owner edits the essay as the README says, and the content checks stay green; the guard on the words stays.

Each test follows the README's steps ("Editing the essay") on a copy of the
project and its tests, then runs the copy's own content checks, as `make
test` would run them there.
"""

from __future__ import annotations

import pytest

import re
import shutil
import subprocess
import sys

from essay import original
from project import PROJECT, copy_project, nav_pages

# Slow tier: each test runs the project's own checks in a second pytest.
pytestmark = pytest.mark.slow


def owner_copy(tmp_path):
    """The project as an owner's clone has it: what the build reads, and the tests."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(
        PROJECT / "tests",
        project / "tests",
        ignore=shutil.ignore_patterns("node_modules", "__pycache__", ".pytest_cache"),
    )
    return project


def content_checks(project) -> subprocess.CompletedProcess:
    """The copy's tests of the essay's words, run in the copy."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_content.py", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
    )


def passed(result: subprocess.CompletedProcess) -> int:
    return int(re.search(r"(\d+) passed", result.stdout).group(1))


def test_adding_a_section_as_the_readme_says_keeps_the_checks_green(tmp_path):
    project = owner_copy(tmp_path)
    heading, paragraphs = "A Closing Word", ["The first paragraph of it.", "And the second, to end."]
    # 1. A page in docs/, named for its section, with front matter.
    (project / "docs" / "a-closing-word.md").write_text(
        "---\ndescription: A closing word.\n---\n\n" + f"# {heading}\n\n" + "\n\n".join(paragraphs) + "\n"
    )
    # 2. Listed under nav in mkdocs.yml, where it falls in the reading order: last.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().rstrip("\n") + "\n  - a-closing-word.md\n")
    # 3. Its heading and paragraphs in the original text, at the same place: before "Comments".
    fixture = project / "tests" / "fixtures" / "essay.txt"
    text = fixture.read_text()
    fixture.write_text(text.replace("\nComments\n", "\n" + "\n\n".join([heading, *paragraphs]) + "\n\nComments\n", 1))

    before, after = content_checks(owner_copy(tmp_path / "unchanged")), content_checks(project)
    assert after.returncode == 0, after.stdout[-3000:]
    # The new section has checks of its own: every per-section test runs once more.
    assert passed(after) > passed(before)


def test_changing_the_authors_words_needs_both_the_page_and_the_original(tmp_path):
    project = owner_copy(tmp_path)
    src = nav_pages()[2]
    old = original().sections[2].paragraphs[0]
    new = old.rstrip(".") + ", as the author now writes."
    page = project / "docs" / src
    page.write_text(page.read_text().replace(old, new, 1))

    # The guard on the author's words: the page alone changed fails, naming the page.
    guarded = content_checks(project)
    assert guarded.returncode != 0
    assert f"test_page_shows_its_section_verbatim_and_in_order[{src}]" in guarded.stdout

    # The README's step: the same change in tests/fixtures/essay.txt.
    fixture = project / "tests" / "fixtures" / "essay.txt"
    fixture.write_text(fixture.read_text().replace(old, new, 1))
    assert content_checks(project).returncode == 0
