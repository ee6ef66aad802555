"""Stage 5, publish: put a finished site in place of the previous one, all at once.

The new site is assembled in a sibling folder of the target and swapped in by renames, so that
a failed build, or one stopped half-way, leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

MARKER = ".curriculum-site"
"""The file every site we swap in holds, so that a later build knows the folder is ours to replace."""
MARKER_TEXT = "This folder is a site built by `curriculum`; the next build or publish replaces all of it.\n"


def ours(out: Path) -> bool:
    """Whether the folder `out` is a site we built (with our marker, or from before the marker existed)."""
    return (out / MARKER).is_file() or (out / "assets" / "curriculum" / "curriculum.css").is_file()


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


def swap_in(new: Path, target: Path, discard: Callable[[Path], None] = discard) -> None:
    """Replace `target` by `new`, marked as ours; if the second rename fails, the old site is put back.

    `discard` removes the replaced site once the new one is in place (serve defers it until the
    author's page has reloaded: removing a site's files takes longer than linking them).
    """
    (new / MARKER).unlink(missing_ok=True)  # a new file: a name in `new` may be a link to the old site's file
    (new / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
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
        discard(old)
