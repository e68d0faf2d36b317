"""CONTRIBUTING.md's map of the build says what the hooks do: no event missing, none invented."""

from __future__ import annotations

import ast
import re

from project import PROJECT, config


def events_in_code() -> set[tuple[str, str]]:
    """(event, hook) for every event function of every hook that mkdocs.yml runs."""
    found = set()
    for entry in config()["hooks"]:
        path = PROJECT / entry
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("on_"):
                found.add((node.name, path.stem))
    return found


def events_in_map() -> set[tuple[str, str]]:
    """(event, hook) for every hook named in the rows of "How a page is built"."""
    text = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## How a page is built", 1)[1].split("\n## ", 1)[0]
    found = set()
    for event, cell in re.findall(r"^\| `(on_\w+)`\s*\|(.*)\|\s*$", section, flags=re.MULTILINE):
        for hook in re.findall(r"`(\w+)`:", cell):
            found.add((event, hook))
    return found


def test_the_map_of_the_build_names_every_hook_at_every_event_it_runs_at_and_no_other():
    assert events_in_map() == events_in_code()


def test_contributing_starts_with_the_map_and_every_path_it_names_exists():
    text = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) <= 220
    headings = [line for line in lines[:40] if line.startswith("## ")]
    assert headings[:2] == ["## Where a change goes", "## How a page is built"]
    named = set(re.findall(r"`((?:docs|hooks|overrides|tests|\.github)/[\w./-]*)`", text))
    named |= {f"overrides/{path}" for path in re.findall(r"`((?:main|404)\.html|partials/[\w.-]+\.html)`", text)}
    named = {path for path in named if "<" not in path}
    assert len(named) >= 15
    assert sorted(path for path in named if not (PROJECT / path).exists()) == []
