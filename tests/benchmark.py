"""`make bench`: this site against a default Material build of the same pages.

Prints, from one run, the strict build time of each (the
median of BUILDS builds) and, for every page, its first-view transfer size,
FCP, LCP and TBT as Lighthouse's default mobile run measures them (the median
of LIGHTHOUSE_RUNS runs), side by side with the default build's same page and
the ratio. Targets: every page weighs no more than the default's, paints no
later, its largest paint within 100 ms of its first and at most 1 s, its TBT
at most 50 ms, and the build takes at most 1.5 times as long. Exits 1 when a
target is missed. A benchmark, not a test: its numbers depend on the machine.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from browser import LCP_AFTER_FCP_MS, LCP_MS, TBT_MS, lighthouse
from project import PROJECT, addresses, build, nav_pages
from server import PagesServer

BUILDS = 5
LIGHTHOUSE_RUNS = 3
BASE_PATH = "/essay/"
# Material's defaults, with the one setting a project page needs: its address.
DEFAULT_CONFIG = (
    "site_name: International Cooperation in Combating Terrorism\nsite_url: !ENV SITE_URL\ntheme:\n  name: material\n"
)
AUDITS = {
    "KiB": ("total-byte-weight", 1 / 1024),
    "FCP": ("first-contentful-paint", 1),
    "LCP": ("largest-contentful-paint", 1),
    "TBT": ("total-blocking-time", 1),
}


def default_project(destination: Path) -> Path:
    """The same Markdown pages with Material's defaults: only site_name, site_url and theme."""
    for src in nav_pages():
        target = destination / "docs" / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((PROJECT / "docs" / src).read_bytes())
    (destination / "mkdocs.yml").write_text(DEFAULT_CONFIG)
    return destination


def build_time(project: Path, site_dir: Path, site_url: str) -> float:
    times = []
    for _ in range(BUILDS):
        start = time.perf_counter()
        result = build(project, site_dir, site_url)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"build of {project} failed:\n{result.stderr}")
    return statistics.median(times)


def measure(url: str) -> dict[str, float]:
    """A page's figures, each the median of its runs."""
    runs = [lighthouse(url)["audits"] for _ in range(LIGHTHOUSE_RUNS)]
    return {
        name: statistics.median(run[audit]["numericValue"] * scale for run in runs)
        for name, (audit, scale) in AUDITS.items()
    }


def missed_targets(page: str, ours: dict, default: dict | None) -> list[str]:
    missed = []
    if default and ours["KiB"] > default["KiB"]:
        missed.append(f"{page}: weighs more than the default build's")
    if default and ours["FCP"] > default["FCP"]:
        missed.append(f"{page}: paints later than the default build's")
    if ours["LCP"] > LCP_MS or ours["LCP"] - ours["FCP"] > LCP_AFTER_FCP_MS:
        missed.append(f"{page}: largest paint")
    if ours["TBT"] > TBT_MS:
        missed.append(f"{page}: blocking time")
    return missed


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        ours, default = PagesServer(BASE_PATH), PagesServer(BASE_PATH)
        ours_time = build_time(PROJECT, scratch / "ours", ours.url)
        default_time = build_time(default_project(scratch / "default"), scratch / "default-site", default.url)
        ours.start(scratch / "ours")
        default.start(scratch / "default-site")
        default_pages = set(addresses()[: len(nav_pages())]) | {"404.html"}

        ratio = ours_time / default_time
        missed = ["build time"] if ratio > 1.5 else []
        print(f"Strict build: {ours_time:.2f} s, default Material build: {default_time:.2f} s, ratio {ratio:.2f}")
        print()
        print(f"{'page':<26}" + "".join(f"{name:>8} {'dflt':>7} {'ratio':>5} " for name in AUDITS))
        for address in addresses() + ["404.html"]:
            mine = measure(ours.url + address)
            theirs = measure(default.url + address) if address in default_pages else None
            cells = []
            for name in AUDITS:
                if theirs is None:
                    cells.append(f"{mine[name]:>8.1f} {'-':>7} {'-':>5} ")
                elif theirs[name]:
                    cells.append(f"{mine[name]:>8.1f} {theirs[name]:>7.1f} {mine[name] / theirs[name]:>5.2f} ")
                else:
                    cells.append(f"{mine[name]:>8.1f} {theirs[name]:>7.1f} {'-':>5} ")
            print(f"{address or '(home)':<26}" + "".join(cells), flush=True)
            missed += missed_targets(address or "(home)", mine, theirs)
        ours.stop()
        default.stop()

    print()
    print("Targets missed: " + ", ".join(missed) if missed else "All targets met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
