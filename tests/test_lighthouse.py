"""Lighthouse, in its default mobile mode, on every page: 100 in every run, with margin.

Each page is measured RUNS times, one run after another so that runs do not
compete for the CPU, and only when one of its tests is selected
(`-k whole-essay`). Every run must score 100 in every category; the medians
of the runs must keep the largest paint at the first and the main thread free.
"""

from __future__ import annotations

import statistics

import pytest

from browser import CLS, LCP_AFTER_FCP_MS, LCP_MS, TBT_MS, lighthouse
from project import addresses

pytestmark = pytest.mark.lighthouse

ADDRESSES = addresses() + ["404.html"]  # the 404 page, opened at its own address
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
RUNS = 5


@pytest.fixture(scope="module")
def measured() -> dict[str, list[dict]]:
    """Every page's runs so far: a page is measured once, for all its tests."""
    return {}


@pytest.fixture(params=ADDRESSES, ids=lambda address: address or "home")
def runs(request, site, measured) -> list[dict]:
    address = request.param
    if address not in measured:
        measured[address] = [lighthouse(site.url + address) for _ in range(RUNS)]
    return measured[address]


def score(report: dict, category: str) -> int:
    """A category's score as Lighthouse shows it: a whole number."""
    assert not report.get("runtimeError"), report["runtimeError"]
    value = report["categories"][category]["score"]
    assert value is not None, f"{category}: no score"
    return round(value * 100)


def failing_audits(report: dict, category: str) -> list[str]:
    audits = report["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']].get('displayValue') or audits[ref['id']]['title']}"
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 1
    ]


def median(runs: list[dict], audit: str) -> float:
    return statistics.median(report["audits"][audit]["numericValue"] for report in runs)


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_run_scores_100(runs, category):
    for report in runs:
        assert score(report, category) == 100, failing_audits(report, category)


def test_the_largest_paint_is_the_first_paint(runs):
    # Every page arrives in the first flight (tests/test_first_view.py): the whole essay too.
    lcp = median(runs, "largest-contentful-paint")
    gap = statistics.median(
        report["audits"]["largest-contentful-paint"]["numericValue"]
        - report["audits"]["first-contentful-paint"]["numericValue"]
        for report in runs
    )
    assert lcp <= LCP_MS, f"median LCP {lcp:.0f} ms"
    assert gap <= LCP_AFTER_FCP_MS, f"median LCP - FCP {gap:.0f} ms"


def test_the_main_thread_is_never_blocked_long(runs):
    tbt = median(runs, "total-blocking-time")
    assert tbt <= TBT_MS, f"median TBT {tbt:.0f} ms"


def test_no_request_holds_up_the_first_paint(runs):
    for report in runs:
        audit = report["audits"]["render-blocking-insight"]
        assert not (audit.get("details") or {}).get("items"), audit["details"]["items"]


def test_nothing_moves_in_any_run(runs):
    for report in runs:
        shift = report["audits"]["cumulative-layout-shift"]["numericValue"]
        assert shift <= CLS, f"CLS {shift:.4f}"
