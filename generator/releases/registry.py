"""The releases of a project: `curriculum/releases.yaml` and git tags matching `v*`.

`read_file` checks the file's shape alone (it needs no git, so `curriculum check` runs it on any
copy of a project); `releases` adds the tags and checks each release against the repository: its
commit exists and the programme's `version:` at that commit is the release's version. A release
that fails is reported and left out; the others are published.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem, Where
from generator.releases.gittree import GitError, commit_of, tags
from generator.source.yamlsource import Doc, load_yaml, parse_yaml

RELEASES_FILE = "curriculum/releases.yaml"
TAG_PATTERN = "v*"
KEYS = ("version", "commit", "date", "note")
# A version names a folder beside the language folders, `latest/` and `downloads/`: starting
# with a digit keeps it apart from all of them ("2026.1", "3", "1.0-rc1").
VERSION_NAME = re.compile(r"[0-9][A-Za-z0-9._-]{0,63}")
_COMMIT = re.compile(r"[0-9a-f]{4,40}")


@dataclass(frozen=True)
class Release:
    """One release: a version of the programme, frozen at a commit."""

    version: str
    commit: str
    """As written: a full or abbreviated commit id (from releases.yaml) or the tag's commit."""
    date: dt.date | None
    note: str
    where: Where
    """Where it is declared: its line in releases.yaml, or the tag (path `refs/tags/<tag>`)."""


def _entry(doc: Doc, i: int, item: object, problems: list[Problem]) -> Release | None:
    where = doc.where((i,))
    if not isinstance(item, dict):
        problems.append(where.error("wrong-type", "each release is a mapping: "
                                    "{version: \"2026.1\", commit: <id>, date: 2026-02-01, note: ...}"))
        return None
    ok = True
    for key in item:
        if key not in KEYS:
            problems.append(doc.where((i, key), key=True).error(
                "unknown-key", f"a release has no key '{key}'; its keys are {', '.join(KEYS)}"))
            ok = False
    for key in KEYS:
        if key not in item:
            problems.append(where.error("missing-key", f"this release needs '{key}:'"))
            ok = False
    version, commit, date, note = (item.get(k) for k in KEYS)
    if "version" in item and (not isinstance(version, str) or not VERSION_NAME.fullmatch(version)):
        hint = " (quote it: version: \"2026.1\")" if isinstance(version, (int, float)) else ""
        problems.append(doc.where((i, "version")).error(
            "bad-version", f"a release's version is text that starts with a digit, then letters, digits, "
            f"'.', '-' or '_' (as 2026.1), not {version!r}{hint}"))
        ok = False
    if "commit" in item and (not isinstance(commit, str) or not _COMMIT.fullmatch(commit)):
        problems.append(doc.where((i, "commit")).error(
            "wrong-type", f"commit must be a commit id (4 to 40 hexadecimal digits), not {commit!r}"))
        ok = False
    if "date" in item and not isinstance(date, dt.date):
        # A date-shaped day that does not exist (2026-02-30) was reported by the YAML reader.
        if not (isinstance(date, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date)):
            problems.append(doc.where((i, "date")).error("bad-date", f"date must be written as YYYY-MM-DD, not {date!r}"))
        ok = False
    if "note" in item and not isinstance(note, str):
        problems.append(doc.where((i, "note")).error("wrong-type", "note must be one line of text"))
        ok = False
    if not ok:
        return None
    assert isinstance(version, str) and isinstance(commit, str) and isinstance(note, str)
    return Release(version, commit, date if isinstance(date, dt.date) else None, note, where)


def read_file(root: Path) -> tuple[list[Release], list[Problem]]:
    """The releases listed in `curriculum/releases.yaml` (none if there is no such file)."""
    path = root / RELEASES_FILE
    if not path.is_file():
        return [], []
    doc, problems = load_yaml(path, RELEASES_FILE)
    if doc is None:
        # An empty file lists no release; that is not a mistake.
        return [], [p for p in problems if p.code != "empty-file"]
    return _entries(doc, problems)


def parse_text(text: str) -> tuple[list[Release], list[Problem]]:
    """The releases of a releases.yaml given as text (another commit's copy)."""
    doc, problems = parse_yaml(text, RELEASES_FILE)
    if doc is None:
        return [], [p for p in problems if p.code != "empty-file"]
    return _entries(doc, problems)


def _entries(doc: Doc, problems: list[Problem]) -> tuple[list[Release], list[Problem]]:
    if not isinstance(doc.data, list):
        return [], problems + [doc.where().error(
            "wrong-type", "releases.yaml is a list of releases, each '- {version: ..., commit: ..., date: ..., note: ...}'")]
    found: list[Release] = []
    seen: dict[str, Release] = {}
    for i, item in enumerate(doc.data):
        release = _entry(doc, i, item, problems)
        if release is None:
            continue
        if release.version in seen:
            first = seen[release.version].where
            problems.append(doc.where((i, "version")).error(
                "duplicate-release", f"version {release.version} is already released at line {first.line}; "
                "a version is released once: give this one a new version"))
            continue
        seen[release.version] = release
        found.append(release)
    return found, problems


def _commit_epoch(project: Path, commit: str) -> int:
    out = subprocess.run(["git", "-C", str(project), "log", "-1", "--format=%ct", commit, "--"],
                         capture_output=True, text=True, timeout=30)
    return int(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip().isdigit() else 0


def commit_date(project: Path, commit: str) -> dt.date:
    """The day (UTC) a commit was made: the date of a release made by tagging."""
    return dt.datetime.fromtimestamp(_commit_epoch(project, commit), tz=dt.timezone.utc).date()


def commit_epoch(project: Path, commit: str) -> int:
    """A commit's time in seconds: a release's pages are dated by it, whenever they are built."""
    return _commit_epoch(project, commit)


@dataclass(frozen=True)
class Resolved:
    """A release checked against the repository, its commit in full."""

    release: Release
    commit: str

    @property
    def version(self) -> str:
        return self.release.version


def _programme_version(project: Path, commit: str) -> str | None:
    out = subprocess.run(["git", "-C", str(project), "show", f"{commit}:curriculum/programme.yaml"],
                         capture_output=True, timeout=30)
    if out.returncode != 0:
        return None
    doc, _problems = parse_yaml(out.stdout.decode("utf-8", "replace"), "curriculum/programme.yaml")
    version = doc.data.get("version") if doc is not None and isinstance(doc.data, dict) else None
    return version if isinstance(version, str) else None


def releases(project: Path, pattern: str = TAG_PATTERN) -> tuple[list[Resolved], list[Problem]]:
    """Every release of the project, oldest first, and the problems of those left out.

    Releases come from releases.yaml and from tags matching `pattern` (`v2026.1` is 2026.1).
    Shape errors of releases.yaml are `curriculum check`'s to report; here they leave their
    entry out. A release whose commit is unknown, or whose programme says another version, is
    reported (a warning: the other versions are still published) and left out.
    """
    listed, _shape = read_file(project)
    problems: list[Problem] = []
    by_version: dict[str, Release] = {r.version: r for r in listed}
    try:
        tagged = tags(project, pattern)
    except GitError:
        tagged = []
    prefix = pattern.rstrip("*")
    for tag, commit in tagged:
        version = tag[len(prefix):] if tag.startswith(prefix) else tag
        where = Where(f"refs/tags/{tag}")
        if not VERSION_NAME.fullmatch(version):
            problems.append(where.warning("bad-version", f"the tag {tag} gives the version '{version}', which is "
                                          "not a version name (it must start with a digit); it is not published"))
            continue
        if version in by_version:
            listed_release = by_version[version]
            try:
                same = commit_of(project, listed_release.commit) == commit
            except GitError:
                same = False
            if not same:
                problems.append(listed_release.where.warning(
                    "duplicate-release", f"version {version} is also the tag {tag}, at another commit; "
                    "releases.yaml is followed: delete the tag or fix the commit"))
            continue
        by_version[version] = Release(version, commit, commit_date(project, commit), "", where)
    resolved: list[Resolved] = []
    for release in by_version.values():
        try:
            commit = commit_of(project, release.commit)
        except GitError:
            problems.append(release.where.warning(
                "unknown-commit", f"release {release.version}: the commit {release.commit} is not in this "
                "repository (fetch it, or fix the id); it is not published"))
            continue
        found = _programme_version(project, commit)
        if found != release.version:
            problems.append(release.where.warning(
                "release-version-mismatch", f"release {release.version}: at commit {commit[:12]} the programme "
                f"says version: {found!r}; the release is not published until they agree"))
            continue
        resolved.append(Resolved(release, commit))
    resolved.sort(key=lambda r: (r.release.date or commit_date(project, r.commit), _natural(r.version)))
    return resolved, problems


def _natural(version: str) -> list[tuple[int, str]]:
    """2026.10 after 2026.9: numbers compared as numbers."""
    return [(int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"[.\-_]", version)]


def release_problems(project: Path) -> list[Problem]:
    """What `curriculum check` adds in a git work tree: releases that publish would leave out.

    A copy of the project without git (a downloaded zip) cannot know its commits, and neither can
    a shallow clone (CI's usual checkout), so there the releases are not checked against the
    repository: `publish`, which needs the commits, still reports each one it leaves out.
    """
    state = subprocess.run(["git", "-C", str(project), "rev-parse", "--is-inside-work-tree",
                            "--is-shallow-repository"], capture_output=True, text=True, timeout=30)
    if state.returncode != 0 or state.stdout.split() != ["true", "false"]:
        return []
    return releases(project)[1]
