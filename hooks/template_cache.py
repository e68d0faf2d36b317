"""Keep the theme's compiled templates between builds.

Jinja compiles every template it loads into Python code: Material's ~40 and
this site's overrides. That is a quarter of a second, about a sixth of a
build of a hundred pages, spent again at every `mkdocs build` and at every
rebuild of `make serve`.
Jinja's own bytecode cache keeps the compiled code in .cache/templates/,
beside mkdocs.yml (git ignores it), and reuses it only while the template's
source is unchanged: each entry is keyed by the template's name and path and
checked against a checksum of its source, and Jinja drops it for another
version of Jinja or Python. An edited override is compiled anew; a build
without the folder (a fresh clone, CI) compiles as MkDocs always does.

The environment exists from `on_env` on, and MkDocs loads no template before
it: every template of the build goes through the cache.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

# Beside the social cards' cache, under the folder git ignores.
CACHE = ".cache/templates"


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    folder = Path(config.config_file_path).parent / CACHE
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
