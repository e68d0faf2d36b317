"""Check the comment system's settings in mkdocs.yml before anything is built.

Comments stay a placeholder unless mkdocs.yml has `extra.comments.giscus`.
Giscus then needs the four values its set-up page (https://giscus.app)
gives. A half-filled block would publish a button that loads a frame with
an error in it, so a missing or empty value, or a key Giscus does not take
here, stops the build and names it.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# What giscus.app gives for a repository's discussion category.
REQUIRED = ("repo", "repo_id", "category", "category_id")
REPOSITORY = re.compile(r"[\w.-]+/[\w.-]+")

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> None:
    comments = config.extra.get("comments")
    if comments is None:
        return
    if not isinstance(comments, dict) or set(comments) != {"giscus"}:
        raise PluginError(f"mkdocs.yml: extra.comments takes one key, giscus; got {comments!r}")
    giscus = comments["giscus"]
    if not isinstance(giscus, dict):
        raise PluginError(f"mkdocs.yml: extra.comments.giscus must hold {', '.join(REQUIRED)}; got {giscus!r}")
    unknown = sorted(map(str, giscus.keys() - set(REQUIRED)))
    if unknown:
        raise PluginError(
            f"mkdocs.yml: extra.comments.giscus has unknown key {', '.join(map(repr, unknown))}; "
            f"it takes {', '.join(REQUIRED)}"
        )
    for key in REQUIRED:
        value = giscus.get(key)
        if not isinstance(value, str) or not value.strip():
            raise PluginError(
                f"mkdocs.yml: extra.comments.giscus is missing '{key}' "
                "(copy it from the set-up page at https://giscus.app)"
            )
    if not REPOSITORY.fullmatch(giscus["repo"]):
        raise PluginError(f"mkdocs.yml: extra.comments.giscus 'repo' must be owner/name, got {giscus['repo']!r}")
