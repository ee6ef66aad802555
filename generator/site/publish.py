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


def staging_dir(target: Path, spare: Path | None = None) -> Path:
    """A fresh folder beside `target` (same file system, so the swap is a rename).

    With `spare`, the empty folders a site swapped out before left (`keep_folders`) become the new
    folder if they are on the same file system: on some file systems (ext4 mounted with `discard`,
    as on our 2-core machine) removing a folder costs milliseconds, making one almost nothing, so a
    rebuild keeps the folders rather than remove and make them again. `prune` removes the ones the
    new site does not have.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    path = target.with_name(f".{target.name}.new-{os.getpid()}")
    if path.exists():
        shutil.rmtree(path)
    if spare is not None and spare.is_dir() and not spare.is_symlink():
        try:
            os.rename(spare, path)
            return path
        except OSError:  # another file system: make a new folder
            discard(spare)
    path.mkdir()
    return path


def discard(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def keep_folders(old: Path, spare: Path | None) -> None:
    """Remove a site swapped out (or a staging folder not swapped in), but keep its folders, empty,
    as `spare` for the next build's `staging_dir`; without `spare`, remove it all."""
    if spare is None:
        discard(old)
        return
    try:
        for folder, dirs, files in os.walk(old):
            for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                os.unlink(os.path.join(folder, name))
        discard(spare)
        os.rename(old, spare)  # only folders are left: nothing of the old site can reach the next one
    except OSError:
        discard(old)


def prune(folder: Path) -> None:
    """Remove the empty folders below `folder` (those of a spare that the new site does not have;
    a site we build has no empty folder)."""
    for path, _dirs, files in os.walk(folder, topdown=False):
        if not files and path != str(folder):
            try:
                os.rmdir(path)
            except OSError:  # not empty: it holds folders of the site
                pass


def swap_in(new: Path, target: Path, discard: Callable[[Path], None] = discard) -> None:
    """Replace `target` by `new`, marked as ours; if the second rename fails, the old site is put back.

    `discard` removes the replaced site once the new one is in place.
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
