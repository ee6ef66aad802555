"""Stage 5, publish: put a finished site in place of the previous one, all at once.

The new site is assembled in a sibling folder of the target and swapped in by renames, so that
a failed build, or one stopped half-way, leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir(target: Path) -> Path:
    """A fresh folder beside `target` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    path = target.with_name(f".{target.name}.new-{os.getpid()}")
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


def discard(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new`; if the second rename fails, the old site is put back."""
    old = None
    if target.exists() or target.is_symlink():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
