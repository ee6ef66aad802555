"""Where every generated page, picture and download sits in a language's docs folder.

One place for the shape of the built site (see CONTRACT.md, "The built site"), so that pages
link to each other, to session rows and to downloads without spelling paths twice.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import lru_cache

PROGRAMME_PAGE = "programme/index.md"
HANDBOOK_PAGE = "handbook/index.md"
TAGS_PAGE = "tags/index.md"
EXPORT_FILE = "curriculum.json"
PREREQUISITES_PICTURE = "programme/prerequisites.svg"


def module_page(module_id: str) -> str:
    return f"modules/{module_id}/index.md"


def rubric_page(rubric_id: str) -> str:
    return f"rubrics/{rubric_id}/index.md"


def scoring_sheet_page(rubric_id: str) -> str:
    return f"rubrics/{rubric_id}/sheet.md"


def rubric_csv(rubric_id: str) -> str:
    return f"rubrics/{rubric_id}/{rubric_id}.csv"


def schedule_page(schedule_id: str) -> str:
    return f"schedules/{schedule_id}/index.md"


def schedule_ics(schedule_id: str) -> str:
    return f"schedules/{schedule_id}/{schedule_id}.ics"


def phases_picture(schedule_id: str) -> str:
    return f"schedules/{schedule_id}/phases.svg"


def session_anchor(session_id: str, prefix: str = "") -> str:
    """The id of a session's row in a module's session plan."""
    return f"{prefix}session-{session_id}"


def day_anchor(day: dt.date) -> str:
    return f"day-{day.isoformat()}"


def tag_anchor(tag: str) -> str:
    return f"tag-{tag}"


def outcome_anchor(outcome_id: str) -> str:
    return f"outcome-{outcome_id}"


@lru_cache(maxsize=65536)  # pages link to the same few pages again and again
def href(from_page: str, to_page: str) -> str:
    """The relative link from one docs page to another file (MkDocs resolves `.md` links)."""
    return relative(to_page, posixpath.dirname(from_page) or ".")


def relative(path: str, start: str) -> str:
    """`posixpath.relpath(path, start)`, without its cost where the answer needs no working folder.

    relpath makes both paths absolute (a system call each) before it compares them: 0.3 s of a
    1,000-module render. Two relative paths that stay inside their common root (no leading '..'
    once normalized) give the same answer whatever the working folder, so it is computed here;
    anything else is left to relpath.
    """
    target, base = posixpath.normpath(path), posixpath.normpath(start)
    if not path or not start or target[:1] == "/" or base[:1] == "/" or target.split("/", 1)[0] == ".." or \
            base.split("/", 1)[0] == "..":
        return posixpath.relpath(path, start)
    target_parts = [] if target == "." else target.split("/")
    base_parts = [] if base == "." else base.split("/")
    common = 0
    for a, b in zip(target_parts, base_parts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."
