"""Earlier versions of a source file, from git: what a unit said when it was translated.

Translations record only a hash per unit; git history turns a hash back into the text, so that
translators see what changed (`#| msgid` in PO exports, `i18n status --diff`) and old one-hash
translations can be migrated unit by unit. Outside a git repository there is simply no history.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator.i18n.files import split_markdown
from generator.i18n.textfields import SPECS, kind_of, units
from generator.i18n.units import markdown_units, unit_hash

LIMIT = 200  # commits per file: enough for years of edits, bounded for huge histories


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def versions(root: Path, path: str) -> Iterator[str]:
    """The committed texts of `path` (relative to `root`), newest first."""
    log = _git(root, "log", f"-n{LIMIT}", "--format=%H", "--", path)
    for commit in (log or b"").decode("ascii", "replace").split():
        shown = _git(root, "show", f"{commit}:./{path}")
        if shown is not None:
            yield shown.decode("utf-8", "replace").removeprefix("\ufeff")


def unit_texts(path: str, text: str) -> dict[str, str]:
    """unit hash -> unit text for one version of a source file (YAML texts or page units)."""
    if path.endswith(".yaml"):
        kind = kind_of(path)
        try:
            data: Any = yaml.safe_load(text)
        except yaml.YAMLError:
            return {}
        return {unit_hash(u.text): u.text for u in units(SPECS[kind], data)} if kind else {}
    _front, body = split_markdown(text.replace("\r\n", "\n"))
    return {unit_hash(b.text): b.text for b in markdown_units(body)}


class History:
    """Old unit texts by hash, read from git once per source file and only when asked."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[str, dict[str, str]] = {}
        self._left: dict[str, Iterator[str]] = {}  # the versions not read yet

    def text(self, path: str, wanted: str) -> str | None:
        """The text a unit of `path` had when its hash was `wanted`, if git has that version."""
        if not wanted:
            return None
        found = self._cache.setdefault(path, {})
        if wanted in found:
            return found[wanted]
        left = self._left.setdefault(path, versions(self.root, path))
        for version in left:
            found.update({h: t for h, t in unit_texts(path, version).items() if h not in found})
            if wanted in found:
                return found[wanted]
        return None
