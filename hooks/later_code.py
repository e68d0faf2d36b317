"""Publish the code the first view does not need as one cached file.

Every page's HTML carries the code a reader may need before the first input
(the first paint, the settings, search in the gesture, the theme's wait),
inline, so that it costs no request before the largest paint. The rest, the
place kept as the reader reads and the next part made ready (LATER, from
overrides/.code/), is compacted with rjsmin, as the inline code is, into
assets/javascripts/essay.HASH.min.js: the folder the Content-Security-Policy
runs script files from, named by its content as Material names its own, so
that GitHub Pages' ten minutes of caching never serve a stale one. A page
asks for it a while after it has loaded, or at the reader's first scroll
(partials/site-scripts.html, and essayLater in .code/later-styles.js), and then from the cache: seven parts
read in a row carry it once instead of seven times.

Templates find its address as config.extra.later_code. A build without hooks
(Zensical) has none, and its pages carry the code inline.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

LATER = (".code/keep-place.js", ".code/next-part.js")  # in the theme's custom_dir, in order
FOLDER = "assets/javascripts"

code = ""  # the file's text, for this build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global code
    folder = Path(config.theme.custom_dir or "")
    sources = []
    for name in LATER:
        if not (folder / name).is_file():
            raise PluginError(f"hooks/later_code.py: {folder / name} is missing")
        sources.append(rjsmin.jsmin((folder / name).read_text(encoding="utf-8")))
    code = "\n".join(sources) + "\n"
    digest = hashlib.sha256(code.encode("utf-8")).hexdigest()[:8]
    config.extra["later_code"] = f"{FOLDER}/essay.{digest}.min.js"
    return config


def on_post_build(*, config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / config.extra["later_code"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code, encoding="utf-8")
