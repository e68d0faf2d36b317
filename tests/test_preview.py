"""`make serve`: the owner's live preview answers on http://127.0.0.1:8000/."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

from project import PROJECT, config


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_serve_answers_with_the_home_page_its_first_views_rules_and_live_reload(site):
    # The owner's own command, on a free port so that a running preview does
    # not get in the way, with the virtual environment running the tests.
    port = free_port()
    venv = Path(sys.executable).parents[1]
    server = subprocess.Popen(
        ["make", "serve", f"DEV_ADDR=127.0.0.1:{port}", f"VENV={venv}", f"--assume-old={venv}/.site"],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # make and mkdocs, stopped together below
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
                    page = response.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "the preview did not answer within 60 s"
                time.sleep(0.2)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert f"<title>{config()['site_name']}</title>" in page
    assert "livereload" in page
    # The preview's live-reload script is inline: a policy would block it.
    assert "Content-Security-Policy" not in page
    # The first view's rules, which the build writes in its last pass over the pages, are the build's.
    first_rules = BeautifulSoup(page, "html.parser").style.string
    assert first_rules and first_rules == site.soup("index.html").style.string
