"""A local stand-in for GitHub Pages: the built site under a project path.

Like Pages, it serves a folder's index.html for the folder, redirects a
folder's address without its trailing slash, compresses text with gzip,
keeps connections open, and answers unknown addresses with the site's own
404.html and status 404. It keeps a log of what it sent.

For a test that must drive a browser without DevTools attached (Chromium
prerenders nothing while a DevTools client is), it can add a probe to given
pages: a script in the theme's script folder, which the policy admits as it
admits the theme's own files, and which reports back with a POST to
__report (kept in `reports`).

For a test of a page on a slow connection, it can hold a page back: send
it up to given markup, then the rest once the test sets `release`.
"""

from __future__ import annotations

import gzip
import json
import mimetypes
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache, partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Where probes are served: in the theme's script folder, the one place the
# site's policy runs script files from (hooks/content_security_policy.py).
PROBES = "assets/javascripts/__probe/"

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


@lru_cache(maxsize=256)
def gzipped(content: bytes) -> bytes:
    """A text file compressed, as Pages sends it: once per content, since every page load asks for the theme's files."""
    return gzip.compress(content, mtime=0)


@dataclass(frozen=True)
class Served:
    """One answer the stand-in gave: to which path, for what purpose, with how many bytes."""

    path: str
    purpose: str  # the request's Sec-Purpose: "prefetch" or "prefetch;prerender" for a speculation
    size: int  # the body's bytes, as sent (compressed where it was)


class PagesServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, base_path: str = "/", probes: dict[str, str] | None = None):
        # The port is known before the site is built, so the build can be
        # given its final address (site_url).
        self.base_path = base_path
        self.root: Path | None = None
        self.served: list[Served] = []  # every answer, in order
        self.probes = probes or {}  # a page's path from the base, and the script to add to it (tests only)
        self.reports: list = []  # what probes reported, in order
        self.held: dict[str, bytes] = {}  # a page's path from the base, and the markup its sending stops before (tests only)
        self.release = threading.Event()  # set: the held pages' rest is sent
        super().__init__(("127.0.0.1", 0), partial(_Handler, server_base=base_path))

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{self.base_path}"

    def start(self, root: Path) -> None:
        self.root = root
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def handle_error(self, request, client_address) -> None:
        # A browser that drops a kept-alive connection is no error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: PagesServer
    # Keep-alive, as Pages serves: every response says its Content-Length.
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, server_base: str, **kwargs):
        self.base = server_base
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def do_HEAD(self):
        self.do_GET(body=False)

    def do_POST(self):
        if urlsplit(self.path).path != self.base + "__report":
            return self._not_found(True)
        self.server.reports.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(HTTPStatus.NO_CONTENT)
        self.end_headers()

    def do_GET(self, body: bool = True):
        path = unquote(urlsplit(self.path).path)
        probe = path.removeprefix(self.base + PROBES).removesuffix(".js")
        if path.startswith(self.base + PROBES) and probe in self.server.probes:
            return self._send_bytes(HTTPStatus.OK, self.server.probes[probe].encode(), "application/javascript", body)
        if path + "/" == self.base:
            return self._redirect(self.base)
        if not path.startswith(self.base):
            return self._not_found(body)
        root = self.server.root
        target = (root / path[len(self.base) :]).resolve()
        if not target.is_relative_to(root):
            return self._not_found(body)
        if target.is_dir():
            if not path.endswith("/"):
                return self._redirect(path + "/")
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(body)
        self._send(HTTPStatus.OK, target, body)

    def _redirect(self, location: str):
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self, body: bool):
        self._send(HTTPStatus.NOT_FOUND, self.server.root / "404.html", body)

    def _send(self, status: HTTPStatus, file: Path, body: bool):
        content = file.read_bytes()
        kind, encoding = mimetypes.guess_type(file.name)
        if encoding or not kind:  # sitemap.xml.gz is sent as it is
            kind = "application/octet-stream"
        page = file.relative_to(self.server.root).as_posix().removesuffix("index.html")
        if page in self.server.probes:
            probe = f'<script src="{self.base}{PROBES}{page}.js" defer></script></body>'.encode()
            content = content.replace(b"</body>", probe, 1)
        held = self.server.held.get(page)
        pause = content.find(held) if held else None
        if pause == -1:
            raise ValueError(f"{page} holds no {held!r} to stop before")
        self._send_bytes(status, content, kind, body, pause)

    def _send_bytes(self, status: HTTPStatus, content: bytes, kind: str, body: bool, pause: int | None = None):
        self.send_response(status)
        if kind.startswith(COMPRESSIBLE):
            kind += "; charset=utf-8"
            if "gzip" in self.headers.get("Accept-Encoding", "") and pause is None:  # held: sent as it is
                content = gzipped(content)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages
        self.end_headers()
        if body and pause is not None:
            self.wfile.write(content[:pause])
            self.wfile.flush()
            self.server.release.wait(timeout=60)
        if body:
            self.wfile.write(content[pause or 0 :])
        path = unquote(urlsplit(self.path).path)
        self.server.served.append(Served(path, self.headers.get("Sec-Purpose", ""), len(content) if body else 0))
