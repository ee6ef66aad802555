"""Results of costly pure functions, kept by a digest of exactly the data they are made from.

A `Memo` answers `bytes_for(kind, key, make)`: the bytes `make()` returns, from memory if this
process made them before (serve builds many times in one process), else from a file of the
project's cache folder (`.curriculum-cache/memo/<kind>/<digest>`, a later `curriculum build`), else
made now and kept in both. The key is the content itself, never a file's time, so a memo cannot go
stale: different data is a different digest. The digest also covers the memo's `salt` (the
generator's fingerprint: its code and libraries), so a new generator makes everything afresh.

Only bytes are kept, never pickled objects: the cache folder sits in the project, and reading it
back must not be able to run anything.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

MEMORY_LIMIT = 256 * 1024 * 1024
"""Bytes kept in memory across the builds of one process, the least recently used dropped first."""

UNUSED_DAYS = 14
"""A memo file no build has read or written for this long is deleted when a memo opens its folder."""

PRUNED = ".pruned"
"""The stamp file whose time is the last pruning's."""

_MEMORY: OrderedDict[str, bytes] = OrderedDict()
_MEMORY_SIZE = [0]
_LOCK = threading.Lock()  # serve builds its other languages in a thread while the next edit's build starts


class Memo:
    """Bytes made from data, by a digest of the data (see the module's doc); counts its hits and misses."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self.hits: list[str] = []  # the kinds answered without making, one entry a call
        self.misses: list[str] = []
        if folder is not None:
            _prune(folder)

    def digest(self, kind: str, key: bytes) -> str:
        h = hashlib.sha256()
        for part in (self.salt.encode(), kind.encode(), key):
            h.update(len(part).to_bytes(8, "big") + part)  # lengths first: no two keys run together
        return h.hexdigest()

    def bytes_for(self, kind: str, key: bytes, make: Callable[[], bytes]) -> bytes:
        """What `make()` returns; `key` must hold every datum `make` reads (see the module's doc)."""
        name = self.digest(kind, key)
        with _LOCK:
            data = _MEMORY.get(name)
            if data is not None:
                _MEMORY.move_to_end(name)
        if data is not None:
            self._touch(kind, name)
            self.hits.append(kind)
            return data
        data = self._read(kind, name)
        if data is None:
            data = make()
            self.misses.append(kind)
            self._write(kind, name, data)
        else:
            self.hits.append(kind)
        _remember(name, data)
        return data

    def _path(self, kind: str, name: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / kind / name

    def _read(self, kind: str, name: str) -> bytes | None:
        path = self._path(kind, name)
        if path is None or path.is_symlink() or not path.is_file():
            return None
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: kept by `_prune`
        except OSError:
            return None
        return data

    def _touch(self, kind: str, name: str) -> None:
        path = self._path(kind, name)
        if path is not None:
            try:
                os.utime(path)
            except OSError:
                pass

    def _write(self, kind: str, name: str, data: bytes) -> None:
        path = self._path(kind, name)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.parent.is_symlink():
                return
            partial = path.with_name(f".{name}.{os.getpid()}.{threading.get_ident()}")
            partial.write_bytes(data)
            partial.replace(path)  # whole or absent: a build killed mid-write leaves no torn file
        except OSError:
            pass  # a memo that cannot be written is only slower


def _remember(name: str, data: bytes) -> None:
    with _LOCK:
        if name in _MEMORY:
            return
        _MEMORY[name] = data
        _MEMORY_SIZE[0] += len(data)
        while _MEMORY_SIZE[0] > MEMORY_LIMIT and _MEMORY:
            _old, dropped = _MEMORY.popitem(last=False)
            _MEMORY_SIZE[0] -= len(dropped)


def forget() -> None:
    """Drop what this process keeps in memory (the files stay)."""
    with _LOCK:
        _MEMORY.clear()
        _MEMORY_SIZE[0] = 0


def _prune(folder: Path) -> None:
    """Delete the memo files unused for `UNUSED_DAYS`, so that the folder does not grow without end.

    At most once a day (the time of the last pruning is its stamp file's): looking at every file
    costs a tenth of a second at 1,000 modules, too much for every build of `serve`.
    """
    if folder.is_symlink() or not folder.is_dir():
        return
    stamp = folder / PRUNED
    now = time.time()
    try:
        if stamp.is_symlink() or (stamp.is_file() and now - stamp.stat().st_mtime < 86400):
            return
        stamp.write_bytes(b"")
    except OSError:
        return
    limit = now - UNUSED_DAYS * 86400
    for kind in folder.iterdir():
        if kind.is_symlink() or not kind.is_dir():
            continue
        for entry in kind.iterdir():
            try:
                if entry.is_file() and not entry.is_symlink() and entry.stat().st_mtime < limit:
                    entry.unlink()
            except OSError:
                pass
