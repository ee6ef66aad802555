"""The build cache's folder, and whether it can be trusted.

`.curriculum-cache/` holds what earlier builds made on this machine: docs and MkDocs sites, parsed
YAML, calendars, built releases. A build takes pages from it instead of making them again, so its
files must have been made by a build here, never brought in from elsewhere: a pull request that
commits a crafted cache, or a downloaded archive that holds one, could publish pages that no file
of content/ or curriculum/ says.

So a build that makes the folder writes a random token into it (`owner`) and the same token
outside the project, in the user's cache folder (`$XDG_CACHE_HOME/curriculum-site/caches/`, by a
digest of the project's path), where no commit reaches. A folder is used only if the two agree
and git tracks none of its files (a branch that commits some would check them out into a trusted
folder). Otherwise builds and publish use no cache (they make everything afresh) and `check` says
why and what to do. Where no token can be kept outside, no cache is made.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
from pathlib import Path

from generator.problems import Problem, Where

CACHE_DIR = ".curriculum-cache"
OWNER = "owner"


def records() -> Path:
    """Where the tokens of this user's cache folders are kept (outside every project)."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "curriculum-site" / "caches"


def _record(root: Path) -> Path:
    return records() / hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def committed(root: Path) -> list[str]:
    """Files under the project's cache folder that git tracks (none outside a git work tree)."""
    if not (root / CACHE_DIR).exists() and not (root / ".git").exists():
        return []
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", f":(icase){CACHE_DIR}"],
                             capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    if out.returncode != 0:
        return []
    return sorted(name for name in out.stdout.decode("utf-8", "replace").split("\0") if name)


def owned(root: Path) -> bool:
    """Whether the project's cache folder was made by a build of this user on this machine."""
    path = root / CACHE_DIR
    try:
        token = (path / OWNER).read_text(encoding="utf-8").strip()
        recorded = _record(root).read_text(encoding="utf-8").strip()
    except (OSError, ValueError):
        return False
    return len(token) == 32 and secrets.compare_digest(token, recorded)


def claim(root: Path) -> bool:
    """Make the project's cache folder, owned by this user (see the module's doc); False if the
    folder exists already or no token can be kept outside the project."""
    path = root / CACHE_DIR
    if path.exists() or path.is_symlink():
        return False
    token = secrets.token_hex(16)
    try:
        records().mkdir(parents=True, exist_ok=True)
        _record(root).write_text(token + "\n", encoding="utf-8")
        path.mkdir()
        (path / OWNER).write_text(token + "\n", encoding="utf-8")
    except OSError:
        return False
    return True


def trusted(root: Path) -> bool:
    """Whether builds may use the project's cache folder: made here, and none of it committed."""
    return owned(root) and not committed(root)


def cache_problems(root: Path) -> list[Problem]:
    """A warning if the project has a cache folder that builds do not use (see the module's doc)."""
    path = root / CACHE_DIR
    if not (path.exists() or path.is_symlink()):
        return []
    files = committed(root)
    if files:
        return [Where(files[0]).warning(
            "cache-committed",
            f"{len(files)} file(s) of the build cache {CACHE_DIR}/ are committed to git (first: {files[0]}); "
            "builds ignore a committed cache and make everything afresh (slower), since a commit could put "
            f"pages there that no source says; remove them from git with 'git rm -r --cached {CACHE_DIR}' "
            "and commit")]
    if not owned(root):
        return [Where(CACHE_DIR).warning(
            "cache-untrusted",
            f"the build cache {CACHE_DIR}/ was not made by a build of yours on this machine (copied, unpacked "
            "from an archive, made before this version of the generator, or its record in your cache folder "
            "is gone), so builds ignore it and make everything afresh (slower); delete the folder and the "
            "next build makes a new one")]
    return []
