"""What OLD and NEW name on the command line: a release, a tag, a commit, or `.` (the work tree).

A name is looked up in this order: `.`; a version listed in `curriculum/releases.yaml` of the work
tree (its commit); a tag `v<name>` (so `2026.1` finds `v2026.1`); then any commit, tag or branch
git knows. A side other than `.` is read from its commit with `git archive` into a temporary
folder (gittree.export): the user's files, index and branches are never touched.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.releases.gittree import WORK_TREE, GitError, commit_of, export

RELEASES_FILE = "curriculum/releases.yaml"


class UnknownRef(Exception):
    """The name is no release, tag or commit of the project."""


@dataclass(frozen=True)
class Side:
    """One side of a comparison: what the user named, and where its files are."""

    ref: str
    """As given on the command line."""
    commit: str | None
    """The full commit id; None for the work tree."""


def listed_releases(project: Path) -> dict[str, str]:
    """version -> commit of `curriculum/releases.yaml` in the work tree, read leniently.

    `curriculum check` reports what is wrong in the file; here an entry that cannot be used is
    skipped, so that a tag or a commit id still works.
    """
    path = project / RELEASES_FILE
    if not path.is_file() or path.is_symlink():
        return {}
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    found: dict[str, str] = {}
    for entry in data if isinstance(data, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("commit"), str):
            version = entry.get("version")
            if isinstance(version, (str, int, float)) and not isinstance(version, bool):
                found.setdefault(str(version), entry["commit"])
    return found


def resolve(project: Path, ref: str) -> Side:
    """The commit that `ref` names in `project`, or the work tree for `.`."""
    if ref == WORK_TREE:
        return Side(ref, None)
    candidates = []
    listed = listed_releases(project).get(ref)
    if listed:
        candidates.append(listed)
    if not ref.startswith("v"):
        candidates.append(f"refs/tags/v{ref}")
    candidates.append(ref)
    reason = ""
    for name in candidates:
        try:
            return Side(ref, commit_of(project, name))
        except GitError as exc:
            reason = str(exc)
    if listed:
        raise UnknownRef(f"release {ref} of {RELEASES_FILE} names commit {listed}, which git does not have")
    # `rev-parse --quiet` says nothing about a name it does not know; other failures say why.
    detail = f" ({reason})" if reason and not reason.startswith("git rev-parse failed") else ""
    raise UnknownRef(f"'{ref}' is no release in {RELEASES_FILE}, no tag v{ref.removeprefix('v')} and no commit, "
                     f"tag or branch of {project}{detail}")


@contextlib.contextmanager
def checked_out(project: Path, side: Side) -> Iterator[Path]:
    """The project folder holding `side`'s files: the project itself, or a temporary export."""
    if side.commit is None:
        yield project
        return
    with tempfile.TemporaryDirectory(prefix="curriculum-diff-") as work:
        yield export(project, side.commit, Path(work) / "project")
