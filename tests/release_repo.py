"""A git repository of the mini project with three releases whose modules differ.

2026.1 and 2026.2 are listed in curriculum/releases.yaml, 2026.3 is the tag v2026.3; one more
commit after the tag is the working tree (dev). 2026.2 adds module m03; 2026.3 renames m01.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org"}

M03 = """id: m03
title: Standard work
summary: Writing down the best known way to do a job.
level: practitioner
objectives:
  - {id: m03.1, text: Write a standard work sheet with an owner., outcomes: [O1]}
prerequisites: [m02]
sessions:
  - {id: s1, title: Timing a job, minutes: 60, method: workshop}
assessment: []
"""


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = dict(ENV)
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit(repo: Path, message: str, when: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message, when=when)
    return git(repo, "rev-parse", "HEAD")


def make_release_repo(target: Path) -> Path:
    """The repository in `target` (created); returns it."""
    shutil.copytree(FIXTURES / "mini", target)
    git(target, "init", "-q", "-b", "main")
    programme = target / "curriculum/programme.yaml"
    first = commit(target, "2026.1", "2026-01-10T10:00:00Z")
    releases = target / "curriculum/releases.yaml"
    releases.write_text(f"# The releases of the mini programme\n- {{version: \"2026.1\", commit: {first[:12]}, "
                        "date: 2026-01-10, note: First cohort}\n", encoding="utf-8")
    replace(programme, 'version: "2026.1"', 'version: "2026.2"')
    replace(programme, "modules: [m01, m02]", "modules: [m01, m02, m03]")
    (target / "curriculum/modules/m03.yaml").write_text(M03, encoding="utf-8")
    second = commit(target, "2026.2: standard work", "2026-03-01T10:00:00Z")
    with releases.open("a", encoding="utf-8") as out:
        out.write(f"- {{version: \"2026.2\", commit: {second}, date: 2026-03-01, note: Standard work added}}\n")
    replace(programme, 'version: "2026.2"', 'version: "2026.3"')
    replace(target / "curriculum/modules/m01.yaml", "title: Kaizen basics", "title: Kaizen foundations")
    commit(target, "2026.3: m01 renamed", "2026-05-01T10:00:00Z")
    git(target, "tag", "v2026.3")
    replace(programme, 'version: "2026.3"', 'version: "2026.4-draft"')
    commit(target, "work after 2026.3", "2026-06-01T10:00:00Z")
    return target
