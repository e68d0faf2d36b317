"""Lighthouse, in its default mobile mode, scores every page 100 in every category."""

from __future__ import annotations

import pytest

from helpers import lighthouse, nav_pages, page_url

PAGES = nav_pages()
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


@pytest.fixture(scope="module")
def reports(site) -> dict[str, dict]:
    """One Lighthouse run a page, one after another, so that runs don't compete for the CPU."""
    return {src: lighthouse(site.url + page_url(src)) for src in PAGES}


def failing_audits(report: dict, category: str) -> list[str]:
    audits = report["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']].get('displayValue') or audits[ref['id']]['title']}"
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 1
    ]


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("src", PAGES)
def test_lighthouse_scores_100(reports, src, category):
    report = reports[src]
    assert not report.get("runtimeError"), report["runtimeError"]
    score = report["categories"][category]["score"]
    # Lighthouse shows a score as a whole number: 100 is what it shows.
    assert score is not None and round(score * 100) == 100, failing_audits(report, category)
