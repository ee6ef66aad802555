"""`curriculum release VERSION`: record the current commit as a release in releases.yaml.

The one command that writes into curriculum/: it appends one line to releases.yaml (creating
the file if needed) and changes no other byte. It refuses, changing nothing, when the release
would not be what was committed: the work tree differs from the commit, the programme says
another version, or the version is already released.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator.build import UsageError
from generator.releases.gittree import GitError, commit_of
from generator.releases.registry import RELEASES_FILE, VERSION_NAME, commit_date, read_file, releases
from generator.source.yamlsource import load_yaml

WATCHED = ("content", "curriculum", "mkdocs.yml")


def _dirty(project: Path) -> list[str]:
    out = subprocess.run(["git", "-C", str(project), "status", "--porcelain", "--untracked-files=all", "--", *WATCHED],
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise UsageError(f"{project} is not a git repository: a release records a commit")
    changed = [line[3:] for line in out.stdout.splitlines()]
    return [path for path in changed if path != RELEASES_FILE]


def record(project: Path, version: str, note: str = "") -> str:
    """Append the release of `version` at HEAD to releases.yaml; the line written."""
    if not VERSION_NAME.fullmatch(version):
        raise UsageError(f"'{version}' is not a version name: it starts with a digit, then letters, digits, "
                         "'.', '-' or '_' (as 2026.1)")
    try:
        commit = commit_of(project, "HEAD")
    except GitError as exc:
        raise UsageError(f"{project} has no commit to release: {exc}") from exc
    dirty = _dirty(project)
    if dirty:
        raise UsageError(f"commit first: a release records a commit, and these files differ from it: {', '.join(dirty[:5])}"
                         + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else ""))
    doc, _problems = load_yaml(project / "curriculum/programme.yaml", "curriculum/programme.yaml")
    found = doc.data.get("version") if doc is not None and isinstance(doc.data, dict) else None
    if found != version:
        raise UsageError(f"curriculum/programme.yaml says version: {found!r}; set version: \"{version}\", commit, "
                         "then release it")
    listed, shape = read_file(project)
    if any(p.severity.value == "error" for p in shape):
        raise UsageError(f"{RELEASES_FILE} has errors; run 'curriculum check' and fix them first")
    existing = {r.version for r in listed} | {r.version for r in releases(project)[0]}
    if version in existing:
        raise UsageError(f"version {version} is already released; raise the programme's version: to release again")
    # JSON strings are YAML double-quoted strings; the date stays plain so that YAML reads a date.
    line = (f"- {{version: {json.dumps(version)}, commit: {commit}, date: {commit_date(project, commit).isoformat()}, "
            f"note: {json.dumps(note, ensure_ascii=False)}}}\n")
    path = project / RELEASES_FILE
    if path.is_symlink():
        raise UsageError(f"{RELEASES_FILE} is a link; a release is written into the project's own file only")
    before = path.read_bytes() if path.is_file() else b""
    if before and not before.endswith(b"\n"):
        before += b"\n"
    path.write_bytes(before + line.encode("utf-8"))
    return line.rstrip("\n")
