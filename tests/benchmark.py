"""`make bench`: this site against a default Material build of the same pages.

Prints, from one run on this machine, the strict build time of each and, for
every page, its first-view transfer size, FCP and LCP as Lighthouse's
default mobile run measures them (the median of LIGHTHOUSE_RUNS runs, as
Lighthouse CI takes it), with the ratios and the targets:
every page paints no later than the default build's and weighs at most 10%
more, and the build takes at most 1.5 times as long. Exits 1 when a target
is missed. A benchmark, not a test: its numbers depend on the machine.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from helpers import PROJECT, build, lighthouse, nav_pages, page_url
from server import PagesServer

BUILDS = 5  # build times are the median of this many builds
LIGHTHOUSE_RUNS = 3  # page figures are the median of this many Lighthouse runs
BASE_PATH = "/essay/"
DEFAULT_CONFIG = "site_name: International Cooperation in Combating Terrorism\ntheme:\n  name: material\n"


def default_project(destination: Path) -> Path:
    """The same Markdown pages with Material's defaults: only site_name and theme."""
    for src in nav_pages():
        target = destination / "docs" / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((PROJECT / "docs" / src).read_bytes())
    (destination / "mkdocs.yml").write_text(DEFAULT_CONFIG)
    return destination


def build_time(project: Path, site_dir: Path, site_url: str | None) -> float:
    times = []
    for _ in range(BUILDS):
        start = time.perf_counter()
        result = build(project, site_dir, site_url)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"build of {project} failed:\n{result.stderr}")
    return statistics.median(times)


def measure(url: str) -> tuple[float, ...]:
    """First-view transfer size (KiB), FCP and LCP (ms) of a page, each the median of its runs."""
    runs = []
    for _ in range(LIGHTHOUSE_RUNS):
        audits = lighthouse(url)["audits"]
        runs.append(
            (
                audits["total-byte-weight"]["numericValue"] / 1024,
                audits["first-contentful-paint"]["numericValue"],
                audits["largest-contentful-paint"]["numericValue"],
            )
        )
    return tuple(statistics.median(values) for values in zip(*runs, strict=True))


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        ours, default = PagesServer(BASE_PATH), PagesServer(BASE_PATH)
        ours_time = build_time(PROJECT, scratch / "ours", ours.url)
        default_time = build_time(default_project(scratch / "default"), scratch / "default-site", None)
        ours.start(scratch / "ours")
        default.start(scratch / "default-site")

        missed = []
        ratio = ours_time / default_time
        print(f"Strict build: {ours_time:.2f} s, default Material build: {default_time:.2f} s, ratio {ratio:.2f}")
        if ratio > 1.5:
            missed.append("build time")
        print()
        header = f"{'page':<28} {'KiB':>6} {'dflt':>6} {'ratio':>5}  {'FCP ms':>6} {'dflt':>6} {'ratio':>5}"
        print(header + f"  {'LCP ms':>6} {'dflt':>6} {'ratio':>5}")
        for src in nav_pages():
            mine = measure(ours.url + page_url(src))
            theirs = measure(default.url + page_url(src))
            ratios = [a / b for a, b in zip(mine, theirs, strict=True)]
            print(
                f"{src:<28} "
                + "  ".join(f"{a:>6.1f} {b:>6.1f} {r:>5.2f}" for a, b, r in zip(mine, theirs, ratios, strict=True))
            )
            if ratios[0] > 1.10:
                missed.append(f"{src} weight")
            if ratios[1] > 1 or ratios[2] > 1:
                missed.append(f"{src} paint")
        ours.stop()
        default.stop()

    print()
    print("Targets missed: " + ", ".join(missed) if missed else "All targets met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
