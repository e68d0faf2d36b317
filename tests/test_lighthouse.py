"""Lighthouse, in its default mobile mode, scores every page 100 in every category."""

from __future__ import annotations

import pytest

from helpers import addresses, lighthouse

ADDRESSES = addresses()
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


@pytest.fixture(scope="module")
def reports(site) -> dict[str, dict]:
    """One Lighthouse run a page, one after another, so that runs don't compete for the CPU."""
    return {address: lighthouse(site.url + address) for address in ADDRESSES}


def failing_audits(report: dict, category: str) -> list[str]:
    audits = report["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']].get('displayValue') or audits[ref['id']]['title']}"
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 1
    ]


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("address", ADDRESSES, ids=lambda a: a or "home")
def test_lighthouse_scores_100(reports, address, category):
    report = reports[address]
    assert not report.get("runtimeError"), report["runtimeError"]
    score = report["categories"][category]["score"]
    # Lighthouse shows a score as a whole number: 100 is what it shows.
    assert score is not None and round(score * 100) == 100, failing_audits(report, category)
