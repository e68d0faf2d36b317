"""Check the comment system's settings in mkdocs.yml before anything is built.

Comments stay a placeholder unless mkdocs.yml has `extra.comments.giscus`.
Giscus then needs the four values its set-up page (https://giscus.app)
gives. A half-filled block would publish a button that loads a frame with
an error in it, so a missing or empty value, a key Giscus does not take
here, a value left as in the example of mkdocs.yml or giscus.app, or one
that cannot be what giscus.app gives, stops the build and names the key.

This hook is the one reader of extra.comments among the hooks: it publishes
the origins the comments load from as config.extra.comments_origins, which
the Content-Security-Policy admits (none without comments). The templates
read extra.comments themselves, so that a build without hooks has them.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# The origin Giscus serves its script, stylesheet and comment frame from.
GISCUS = "https://giscus.app"

# What giscus.app gives for a repository's discussion category.
REQUIRED = ("repo", "repo_id", "category", "category_id")

# The shape of each value. A repository is owner/name as GitHub defines them:
# an owner of at most 39 letters, digits and single hyphens, neither first
# nor last; a name of at most 100 letters, digits, '.', '-' and '_', but not
# '.' or '..'. The ids are the GraphQL node ids of the repository and of the
# discussion category (giscus services/github/getDiscussionCategories.ts), in
# GitHub's new format (R_..., DIC_...) or its legacy base64 one
# (docs.github.com/graphql/guides/migrating-graphql-global-node-ids).
OWNER = r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}"
NAME = r"(?!\.\.?$)[A-Za-z0-9._-]{1,100}"
SHAPES = {
    "repo": (re.compile(rf"(?=.{{1,39}}/){OWNER}/{NAME}"), "owner/name"),
    "repo_id": (re.compile(r"R_[A-Za-z0-9_-]{4,}|MDEwOlJlcG9zaXRvcnk[A-Za-z0-9+/]+=*"), "an id such as R_kgDO..."),
    "category": (re.compile(r".+"), "the category's name"),
    "category_id": (
        re.compile(r"DIC_[A-Za-z0-9_-]{4,}|MDE4OkRpc2N1c3Npb25DYXRlZ29yeT[A-Za-z0-9+/]+=*"),
        "an id such as DIC_kwDO...",
    ),
}

# The example values of mkdocs.yml (OWNER/REPO, R_..., DIC_...) and the
# placeholders of giscus.app's snippet ([ENTER REPO ID HERE]), each matched
# as a whole value (or a whole part of owner/name), never inside a real name
# such as acme/REPO-notes.
SAMPLE = re.compile(r".*(?:\.\.\.|…)")
PLACEHOLDER = re.compile(r"\[.*\]")
SAMPLE_PARTS = {"OWNER", "REPO"}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> None:
    comments = config.extra.get("comments")
    config.extra["comments_origins"] = []
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
    for key in REQUIRED:
        value = giscus[key]
        if value != value.strip():
            raise PluginError(
                f"mkdocs.yml: extra.comments.giscus '{key}' has spaces around it ({value!r}); "
                "copy the value alone from https://giscus.app"
            )
        if (
            PLACEHOLDER.fullmatch(value)
            or (key != "category" and SAMPLE.fullmatch(value))  # a category's name may end in "..."
            or (key == "repo" and SAMPLE_PARTS & set(value.split("/")))
        ):
            raise PluginError(
                f"mkdocs.yml: extra.comments.giscus '{key}' is still the example value {value!r}; "
                "copy the real one from the set-up page at https://giscus.app"
            )
        shape, description = SHAPES[key]
        if not shape.fullmatch(value):
            raise PluginError(
                f"mkdocs.yml: extra.comments.giscus '{key}' must be {description} as https://giscus.app gives it, "
                f"got {value!r}"
            )
    config.extra["comments_origins"] = [GISCUS]
