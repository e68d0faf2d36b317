"""Two builds of one commit are byte for byte the same, given SOURCE_DATE_EPOCH."""

from __future__ import annotations

import pytest

import gzip
import time
from datetime import UTC, datetime

from project import PROJECT, build, build_with_cli, copy_project

# Slow tier: two builds by the command, in two Pythons.
pytestmark = pytest.mark.slow

EPOCH = 1727740800  # 2024-10-01 00:00:00 UTC: any fixed commit time will do


def files(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_two_cold_builds_with_one_source_date_are_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    # By the command, in two copies with no cache between them (every card drawn anew, the EPUB's
    # cover with them), in two Pythons with two hash seeds, so that an order taken from a set or
    # a dict of strings would show.
    first, second = tmp_path / "first", tmp_path / "second"
    for seed, site in (("1", first), ("2", second)):
        project = copy_project(tmp_path / f"project-{seed}")
        assert not (project / ".cache").exists()
        result = build_with_cli(project, site, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        time.sleep(1.1)  # so that a clock in the output would show
    a, b = files(first), files(second)
    assert any(name.endswith(".epub") for name in a) and any(name.endswith(".png") for name in a)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


def test_the_source_date_is_the_date_the_site_shows(tmp_path, monkeypatch):
    # The builds above match because they use the commit's time, not the clock.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert build(PROJECT, tmp_path / "site").returncode == 0
    day = datetime.fromtimestamp(EPOCH, UTC).date().isoformat()
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text()
    assert f"<lastmod>{day}</lastmod>" in sitemap
    with gzip.open(tmp_path / "site" / "sitemap.xml.gz") as compressed:
        assert compressed.read().decode() == sitemap
    header_time = int.from_bytes((tmp_path / "site" / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert header_time == EPOCH
