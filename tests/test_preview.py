"""`make serve`: the owner's live preview answers on http://127.0.0.1:8000/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from helpers import PROJECT, config


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_preview_serves_the_home_page_with_live_reload():
    # The Makefile's own command, on a free port so that a running preview
    # does not get in the way.
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"]
    assert "mkdocs serve --strict --dev-addr 127.0.0.1:8000" in (PROJECT / "Makefile").read_text()
    server = subprocess.Popen(
        command,
        cwd=PROJECT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
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
        server.terminate()
        server.wait(timeout=30)
    assert f"<title>{config()['site_name']}</title>" in page
    assert "livereload" in page
    # The preview's live-reload script is inline: a policy would block it.
    assert "Content-Security-Policy" not in page
