"""What the rules of `check_*.py` share: the type of a rule and how to name what is known."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from generator.problems import Problem
from generator.source.load import Curriculum
from generator.source.shape import closest
from generator.source.yamlsource import Doc

Rule = Callable[[Curriculum], Iterator[Problem]]
"""A rule: every problem of one kind in the curriculum, each at the value it concerns."""


def hint(value: str, ids: Iterable[str], noun: str, limit: int = 12) -> str:
    """What to write instead of the unknown `value`: the closest known id, or the known ids."""
    names = sorted(set(ids))
    close = closest(value, names)
    if close is not None:
        return f"did you mean '{close}'?"
    if not names:
        return f"there are no {noun}"
    shown = ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
    return f"known {noun}: {shown}"


def existing(cur: Curriculum, kind: str, loaded: Iterable[str]) -> set[str]:
    """Ids of `kind` that exist as files: loaded, or broken (whose own problems are reported already)."""
    return set(loaded) | cur.unloaded[kind]


def similar_path(path: str, files: Iterable[str]) -> str | None:
    """The file that `path` most likely misspells: a close name in its folder, or its name in a close folder.

    Names are compared without their extension and folders by their last part, so that `m09` never
    suggests `m02` just because the rest of the path is the same.
    """
    folder, name = posixpath.split(path)
    stem = posixpath.splitext(name)[0]
    by_folder: dict[str, dict[str, str]] = {}
    for f in files:
        f_folder, f_name = posixpath.split(f)
        by_folder.setdefault(f_folder, {})[posixpath.splitext(f_name)[0]] = f_name
    if folder in by_folder:
        close = difflib.get_close_matches(stem, list(by_folder[folder]), n=1, cutoff=0.75)
        return posixpath.join(folder, by_folder[folder][close[0]]) if close else None
    parent, last = posixpath.split(folder)
    siblings = {posixpath.basename(f): f for f in by_folder if posixpath.dirname(f) == parent}
    close = difflib.get_close_matches(last, list(siblings), n=1, cutoff=0.75)
    if close and name in by_folder[siblings[close[0]]].values():
        return posixpath.join(siblings[close[0]], name)
    return None


def duplicates(doc: Doc, items: Sequence[Any], field: str, what: str) -> Iterator[Problem]:
    """An error for each item of `doc[field]` whose id an earlier item has."""
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in first:
            line = doc.where((field, first[item.id], "id")).line
            yield doc.where((field, i, "id")).error(
                "duplicate-id", f"{what} id '{item.id}' is used twice (also on line {line}); give each {what} "
                "its own id")
        else:
            first[item.id] = i


def content_target(base: str, target: str) -> tuple[str | None, str]:
    """The file under content/ that `target`, written in the folder `base` of content/, names.

    (path relative to content/, "") when it stays inside content/; (None, why) when it cannot.
    """
    if "\\" in target:
        return None, "backslash"
    if target.startswith("/") or "://" in target or ":" in target.split("/")[0]:
        return None, "absolute"
    joined = posixpath.normpath(posixpath.join(base, target)) if target else base
    if joined == ".." or joined.startswith("../"):
        return None, "outside"
    return joined, ""
