"""`make bench`: this site against a default Material build of the same pages and nav.

The default build is Material with `font: false` and `navigation.footer`,
as this site has them, and nothing else. Prints, from one run:

- the strict build of the essay, and of the essay grown to 100 and 400
  pages, each the median of BUILDS builds, alternating with the default's
  (this site's first build draws the cards, the others take them from the
  cache: the cold build is shown too), and the lowest and highest ratio
  of a warm build to the default's built right after it;
- for every page, its first-view transfer size, FCP, LCP and TBT as
  Lighthouse's default mobile run measures them (the median of
  LIGHTHOUSE_RUNS runs);
- the reader's journeys after the first view (tests/journeys.py and
  tests/flow.mjs), each the median of JOURNEY_RUNS runs (search's,
  SEARCH_RUNS), alternating; search is measured pressed at the load
  event, and at a reader's reaction after the first paint (the load event
  comes at a different moment of each site's first view); / is measured
  too at the same instant on both sites, the moment each site's page had
  loaded above; beside each median, where the middle half of its runs
  fell.

Targets: the first view as before (no heavier and no later than the
default's, the largest paint within 100 ms of the first and at most 0.8 s
on every page, the whole essay's too, TBT at most 50 ms), no
render-blocking request and CLS at most 0.01 in every run (the first
flight, a document of at most 14,600 bytes with its headers, is printed);
every build at most 1.5 times the default's; every key kept in every run;
no journey slower than the default's (search after a tap, / at both
widths, at load and paced, / at each site's load instant on both, the
user flow's INP, "Next", search in a new tab; the flow's TBT is printed:
Material's scripts load within it here, before it for the default); the
reading session at most 1.1 times the default's bytes.
Exits 1 when a target is missed. A benchmark, not a test: its numbers
depend on the machine.
"""

from __future__ import annotations

import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

import journeys
from browser import CHROMIUM_ARGS, CLS, LCP_AFTER_FCP_MS, LCP_MS, TBT_MS, chromium, lighthouse, node
from essay import original
from project import addresses, build_with_cli, config, copy_project, nav_pages, page_url
from server import PagesServer

BUILDS = 5
LIGHTHOUSE_RUNS = 3
JOURNEY_RUNS = 5
# Search answers in the first frame after the gesture, on either site; where the gesture
# falls in a frame (16.7 ms) varies from run to run: more runs of these short journeys.
SEARCH_RUNS = 15
SIZES = (7, 100, 400)  # pages of the essay, grown by repeating its sections
BASE_PATH = "/essay/"
FLOW = Path(__file__).parent / "flow.mjs"
AUDITS = {
    "KiB": ("total-byte-weight", 1 / 1024),
    "FCP": ("first-contentful-paint", 1),
    "LCP": ("largest-contentful-paint", 1),
    "TBT": ("total-blocking-time", 1),
    "CLS": ("cumulative-layout-shift", 1),
}
FIRST_FLIGHT = 14_600  # bytes a new connection's first round trip carries (RFC 6928), headers included


def grown(destination: Path, size: int) -> tuple[Path, Path]:
    """This project, and the default build's, with the essay grown to size pages (the sections repeated)."""
    ours = copy_project(destination / "ours")
    pages = nav_pages()
    while len(pages) < size:
        source = pages[1 + len(pages) % (len(nav_pages()) - 1)]
        copy = source.replace(".md", f"-{len(pages)}.md")
        text = (ours / "docs" / source).read_text(encoding="utf-8")
        # A heading of its own, so that no two pages share a title.
        text = re.sub(r"^# (.*)$", lambda m: f"# {m.group(1)} {len(pages)}", text, count=1, flags=re.MULTILINE)
        (ours / "docs" / copy).write_text(text, encoding="utf-8")
        pages.append(copy)
    settings, _ = (ours / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n")
    nav = config()["nav"] + pages[len(nav_pages()) :]
    (ours / "mkdocs.yml").write_text(settings + "\n" + yaml.safe_dump({"nav": nav}), encoding="utf-8")
    default = destination / "default"
    for src in pages:
        (default / "docs").mkdir(parents=True, exist_ok=True)
        shutil.copy2(ours / "docs" / src, default / "docs" / src)
    (default / "mkdocs.yml").write_text(default_config(nav), encoding="utf-8")
    return ours, default


def default_config(nav: list) -> str:
    """Material's defaults, with what this site shares with them: its name, address, nav, no web font, a footer."""
    return yaml.safe_dump(
        {
            "site_name": config()["site_name"],
            "theme": {"name": "material", "font": False, "features": ["navigation.footer"]},
            "nav": nav,
        },
        sort_keys=False,
    ) + "site_url: !ENV SITE_URL\n"


def build_times(ours: Path, default: Path, site_dir: Path) -> tuple[list[float], list[float]]:
    """This project's builds (the first one cold) and the default's, built alternately."""
    mine, theirs = [], []
    for _ in range(BUILDS):
        for project, times in ((ours, mine), (default, theirs)):
            start = time.perf_counter()
            result = build_with_cli(project, site_dir, "http://127.0.0.1:8000/")
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                sys.exit(f"build of {project} failed:\n{result.stderr}")
    return mine, theirs


def measure(url: str) -> dict[str, float]:
    """A page's figures, each the median of its runs; CLS the worst run's; its render-blocking
    requests and the page's own transfer (headers included) as Lighthouse saw them."""
    runs = [lighthouse(url)["audits"] for _ in range(LIGHTHOUSE_RUNS)]
    figures = {
        name: statistics.median(run[audit]["numericValue"] * scale for run in runs)
        for name, (audit, scale) in AUDITS.items()
    }
    figures["CLS"] = max(run["cumulative-layout-shift"]["numericValue"] for run in runs)
    figures["block"] = max(len((run["render-blocking-insight"].get("details") or {}).get("items") or []) for run in runs)
    figures["flight"] = max(
        item["transferSize"]
        for run in runs
        for item in run["network-requests"]["details"]["items"]
        if item.get("resourceType") == "Document"
    )
    return figures


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
    if ours["CLS"] > CLS:
        missed.append(f"{page}: layout shift")
    if ours["block"]:
        missed.append(f"{page}: a render-blocking request")
    return missed


def flow(url: str) -> dict:
    """The Lighthouse user flow on a page: the timespan's INP and TBT (tests/flow.mjs)."""
    result = subprocess.run([node(), str(FLOW), chromium(), url], capture_output=True, text=True, cwd=FLOW.parent)
    if result.returncode != 0:
        sys.exit(f"the user flow failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def journeys_of(servers: dict[str, PagesServer]) -> dict[str, dict[str, list]]:
    """Every journey, alternating between the sites: search SEARCH_RUNS times, the rest JOURNEY_RUNS times."""
    pages = [page_url(src) for src in nav_pages()]
    headings = [config()["site_name"]] + [section.heading for section in original().sections[1:]]
    section = pages[2]
    found: dict[str, dict[str, list]] = {name: {} for name in servers}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for run in range(SEARCH_RUNS):
            for name, server in servers.items():
                runs = found[name]
                for paced, when in ((False, ""), (True, " paced")):
                    runs.setdefault(f"tap{when}", []).append(journeys.tap_search(browser, server.url + section, paced))
                    for width in (1350, 800):
                        typed = journeys.type_search(browser, server.url + section, width, paced)
                        runs.setdefault(f"keys {width}{when}", []).append(typed.kept)
                        runs.setdefault(f"slash {width}{when}", []).append(typed.ready_ms)
                        runs.setdefault(f"load {width}{when}", []).append(typed.load_ms)
                if run >= JOURNEY_RUNS:
                    continue
                session = journeys.reading_session(browser, server, pages, headings)
                runs.setdefault("next", []).append(statistics.median(session.next_ms))
                runs.setdefault("kib", []).append(session.kib)
                runs.setdefault("second tab", []).append(session.second_tab_search_ms)
                result = flow(server.url + section)
                runs.setdefault("inp", []).append(result["inp"])
                runs.setdefault("flow tbt", []).append(result["tbt"])
        # The same instant on both sites: /sanctions typed as each site's page, pressed at its
        # load event above, had loaded (the median of its runs at 1350 px), whether the other's has or not.
        instants = {name: median(runs["load 1350"]) for name, runs in found.items()}
        for _ in range(SEARCH_RUNS):
            for name, server in servers.items():
                for whose, at in instants.items():
                    typed = journeys.type_search(browser, server.url + section, 1350, at_ms=at)
                    found[name].setdefault(f"keys at {whose}", []).append(typed.kept)
                    found[name].setdefault(f"slash at {whose}", []).append(typed.ready_ms)
        browser.close()
    return found


def measured(values: list) -> list[float]:
    return [value for value in values if value is not None and not math.isnan(value)]


def median(values: list) -> float:
    numbers = measured(values)
    return statistics.median(numbers) if numbers else float("nan")


def middle_half(values: list) -> str:
    """Where the middle half of the runs fell (25th to 75th percentile): how far one median can be trusted."""
    numbers = measured(values)
    if len(numbers) < 2:
        return "-"
    low, _, high = statistics.quantiles(numbers, n=4)
    return f"{low:.1f}-{high:.1f}"


def main() -> int:
    missed: list[str] = []
    # When and where: figures from one machine compare only with that machine's.
    chrome = subprocess.run([chromium(), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.platform()}, {os.cpu_count()} cores, {chrome}\n")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)

        # The ratio of each warm build to the default's built right after it: how far apart two
        # builds of one bench can land, beside the ratio of the medians that decides.
        print("Build (s): this site cold, this site, default Material, ratio (warm pairs: lowest-highest)")
        for size in SIZES:
            ours, default = grown(scratch / f"grown-{size}", size)
            builds, defaults = build_times(ours, default, scratch / f"grown-{size}-site")
            mine, theirs = statistics.median(builds), statistics.median(defaults)
            pairs = [one / other for one, other in zip(builds[1:], defaults[1:], strict=True)]
            print(f"  {size:>3} pages   {builds[0]:6.2f} {mine:6.2f} {theirs:6.2f} {mine / theirs:6.2f}"
                  f"   ({min(pairs):.2f}-{max(pairs):.2f})", flush=True)
            if mine / theirs > 1.5:
                missed.append(f"build at {size} pages")
        print()

        servers = {"ours": PagesServer(BASE_PATH), "default": PagesServer(BASE_PATH)}
        ours, default = grown(scratch / "essay", len(nav_pages()))
        for (name, server), project in zip(servers.items(), (ours, default), strict=True):
            result = build_with_cli(project, scratch / f"{name}-site", server.url)
            if result.returncode != 0:
                sys.exit(f"build of {project} failed:\n{result.stderr}")
            server.start(scratch / f"{name}-site")
        default_pages = set(addresses()[: len(nav_pages())]) | {"404.html"}

        print("First view, Lighthouse mobile, median of", LIGHTHOUSE_RUNS, "(CLS: the worst run)")
        print(f"{'page':<26}" + "".join(f"{name:>8} {'dflt':>7} {'ratio':>5} " for name in AUDITS)
              + f"{'blocking':>9} {'dflt':>5} {'1st flight':>11} {'dflt':>6}")
        for address in addresses() + ["404.html"]:
            mine = measure(servers["ours"].url + address)
            theirs = measure(servers["default"].url + address) if address in default_pages else None
            cells = []
            for name in AUDITS:
                digits = 3 if name == "CLS" else 1  # a layout shift is a fraction, the rest KiB or ms
                dflt = f"{theirs[name]:>7.{digits}f}" if theirs else f"{'-':>7}"
                ratio = f"{mine[name] / theirs[name]:>5.2f}" if theirs and theirs[name] else f"{'-':>5}"
                cells.append(f"{mine[name]:>8.{digits}f} {dflt} {ratio} ")
            blocking = f"{mine['block']:>9} {theirs['block'] if theirs else '-':>5} "
            flight = f"{mine['flight']:>8} {'ok' if mine['flight'] <= FIRST_FLIGHT else 'over':>2} "
            flight += f"{theirs['flight'] if theirs else '-':>6}"
            print(f"{address or '(home)':<26}" + "".join(cells) + blocking + flight, flush=True)
            missed += missed_targets(address or "(home)", mine, theirs)
        print()

        print(f"Journeys, slow phone and keyboard screen, median of {JOURNEY_RUNS} alternating runs "
              f"(search: {SEARCH_RUNS})")
        found = journeys_of(servers)
        for server in servers.values():
            server.stop()
    mine, theirs = found["ours"], found["default"]
    reaction = journeys.REACTION_MS
    at = {name: f"at {median(found[name]['load 1350']):.0f} ms" for name in found}  # after the link
    rows = [
        ("tap search -> field shown, caret in (ms)", "tap", "ms"),
        ("/sanctions at 1350 px: / -> field shown, caret in (ms)", "slash 1350", "ms"),
        ("/sanctions at 1350 px: every key kept", "keys 1350", "runs"),
        ("/sanctions at 800 px: / -> field shown, caret in (ms)", "slash 800", "ms"),
        ("/sanctions at 800 px: every key kept", "keys 800", "runs"),
        (f"tap search, {reaction} ms after the first paint (ms)", "tap paced", "ms"),
        (f"/ at 1350 px, {reaction} ms after the first paint (ms)", "slash 1350 paced", "ms"),
        (f"/sanctions at 1350 px, {reaction} ms after: every key kept", "keys 1350 paced", "runs"),
        (f"/ at 800 px, {reaction} ms after the first paint (ms)", "slash 800 paced", "ms"),
        (f"/sanctions at 800 px, {reaction} ms after: every key kept", "keys 800 paced", "runs"),
        (f"/ at 1350 px, {at['ours']}, this site's load (ms)", "slash at ours", "ms"),
        (f"/sanctions at 1350 px, {at['ours']}: every key kept", "keys at ours", "runs"),
        (f"/ at 1350 px, {at['default']}, the default's load (ms)", "slash at default", "ms"),
        (f"/sanctions at 1350 px, {at['default']}: every key kept", "keys at default", "runs"),
        ("user flow tap + type: INP (ms)", "inp", "ms"),
        ("user flow tap + type: TBT (ms)", "flow tbt", "ms"),
        ("7 parts by Next, scrolled: tap -> title (ms)", "next", "ms"),
        ("7 parts by Next, scrolled: KiB served", "kib", "KiB"),
        ("second part in a new tab: tap search (ms)", "second tab", "ms"),
    ]
    print(f"  {'journey':<56}{'this site':>11}{'middle half':>14}{'default':>11}{'middle half':>14}")
    for label, key, unit in rows:
        if unit == "runs":
            print(f"  {label:<56}{sum(mine[key]):>9}/{len(mine[key])}{'':>14}{sum(theirs[key]):>9}/{len(theirs[key])}")
        else:
            print(f"  {label:<56}{median(mine[key]):>11.1f}{middle_half(mine[key]):>14}"
                  f"{median(theirs[key]):>11.1f}{middle_half(theirs[key]):>14}")
    if not all(kept for key in mine if key.startswith("keys ") for kept in mine[key]):
        missed.append("keys lost")
    for label, key, unit in rows:  # no journey slower than the default's
        if unit == "ms" and key != "flow tbt" and median(mine[key]) > median(theirs[key]):
            missed.append(label)
    if median(mine["kib"]) > 1.1 * median(theirs["kib"]):
        missed.append("bytes over the session")

    print()
    print("Targets missed: " + ", ".join(missed) if missed else "All targets met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
