"""A project's files as they were at a commit, tag or release, read from git without a checkout.

Releases, curriculum diffs and upstream reports all need the sources of another commit. They get
them here with `git archive`, extracted into a folder of their own: the user's work tree, index and
branches are never touched. `.` names the work tree itself, as it is now.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

WORK_TREE = "."
# Only what a build reads: a release's tests or tools are not needed to rebuild its site.
PROJECT_PATHS = ("mkdocs.yml", "content", "curriculum")


class GitError(Exception):
    """git could not answer: not a repository, an unknown ref, or git itself missing."""


def _git(project: Path, *args: str, binary: bool = False) -> bytes | str:
    try:
        done = subprocess.run(["git", "-C", str(project), *args], capture_output=True, timeout=120,
                              text=not binary)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git could not run: {exc}") from exc
    if done.returncode != 0:
        err = done.stderr if isinstance(done.stderr, str) else done.stderr.decode("utf-8", "replace")
        raise GitError(err.strip().splitlines()[-1] if err.strip() else f"git {args[0]} failed")
    return done.stdout


def commit_of(project: Path, ref: str) -> str:
    """The full commit id that `ref` (a commit, tag or branch) names in `project`."""
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is not a commit, tag or branch")
    out = _git(project, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    return str(out).strip()


def tree_of(project: Path, commit: str, paths: tuple[str, ...] = PROJECT_PATHS) -> str:
    """A content id of the sources at `commit`: the same files give the same id, whatever the commit."""
    out = str(_git(project, "ls-tree", "-r", "--full-tree", commit, "--", *paths))
    return hashlib.sha256(out.encode("utf-8")).hexdigest()


def export(project: Path, commit: str, dest: Path, paths: tuple[str, ...] = PROJECT_PATHS) -> Path:
    """Write the files of `paths` at `commit` into `dest` (created, must not exist) and return it.

    Symbolic links and anything that would land outside `dest` are left out: a release is content
    from many hands and is read with the same distrust as the work tree.
    """
    present = [p for p in paths if str(_git(project, "ls-tree", "--name-only", commit, "--", p)).strip()]
    dest.mkdir(parents=True)
    if not present:
        return dest
    data = _git(project, "archive", "--format=tar", commit, "--", *present, binary=True)
    with tarfile.open(fileobj=io.BytesIO(data if isinstance(data, bytes) else data.encode())) as archive:
        for member in archive.getmembers():
            name = PurePosixPath(member.name)
            if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
                continue
            target = dest.joinpath(*name.parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is not None:
                target.write_bytes(source.read())
    return dest


def tags(project: Path, pattern: str = "v*") -> list[tuple[str, str]]:
    """(tag, commit) for every tag matching `pattern`, oldest first by tag date."""
    out = str(_git(project, "for-each-ref", "--sort=creatordate", "--format=%(refname:short) %(*objectname)%(objectname)",
                   f"refs/tags/{pattern}"))
    found = []
    for line in out.splitlines():
        name, _, ids = line.partition(" ")
        found.append((name, ids[:40]))  # an annotated tag prints the commit first, then its own id
    return found
