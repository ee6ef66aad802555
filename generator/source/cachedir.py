"""The build cache's folder, and whether it can be trusted.

`.curriculum-cache/` holds what earlier builds made on this machine: docs and MkDocs sites, parsed
YAML, calendars, built releases. A build takes pages from it instead of making them again, so its
files must have been made by a build, never brought in by a commit: a pull request that commits a
crafted cache could publish pages that no file of content/ or curriculum/ says. The folder holds a
`.gitignore` of its own, so such files are committed only on purpose (`git add -f`); where git
tracks any of them, builds and publish use no cache (they build everything afresh) and `check`
warns, naming the files.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.problems import Problem, Where

CACHE_DIR = ".curriculum-cache"


def committed(root: Path) -> list[str]:
    """Files under the project's cache folder that git tracks (none outside a git work tree)."""
    if not (root / CACHE_DIR).exists() and not (root / ".git").exists():
        return []
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", CACHE_DIR],
                             capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    if out.returncode != 0:
        return []
    return sorted(name for name in out.stdout.decode("utf-8", "replace").split("\0") if name)


def cache_problems(root: Path) -> list[Problem]:
    """A warning if git tracks files of the cache folder: builds do not use it (see the module's doc)."""
    files = committed(root)
    if not files:
        return []
    return [Where(files[0]).warning(
        "cache-committed",
        f"{len(files)} file(s) of the build cache {CACHE_DIR}/ are committed to git (first: {files[0]}); "
        "builds ignore a committed cache and make everything afresh (slower), since a commit could put "
        f"pages there that no source says; remove them from git with 'git rm -r --cached {CACHE_DIR}' and commit")]
