"""Read a file of the project as UTF-8 text, or say why it cannot be: too large, binary, another
encoding. A byte-order mark is dropped with a warning. YAML files and Markdown pages both go
through here, so that every file is refused the same way.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.problems import Problem, Where

MAX_BYTES = 2 * 1024 * 1024


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8, or the problems that keep it from being read as text."""
    try:
        with open(path, "rb") as handle:  # never more than the limit, however large the file
            raw = handle.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                size = os.fstat(handle.fileno()).st_size
                return None, [Where(rel).error(
                    "file-too-large",
                    f"the file has {size:,} bytes, more than the {MAX_BYTES:,} allowed; split it up")]
    except OSError as exc:
        return None, [Where(rel).error("unreadable", f"cannot read the file: {exc.strerror or exc}")]
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(Where(rel).warning(
            "byte-order-mark", "the file starts with a byte-order mark; save it as UTF-8 without BOM"))
    if b"\x00" in raw:
        return None, [Where(rel).error(
            "binary-file", "this is a binary file, not text; curriculum files are UTF-8 text")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        return None, [Where(rel, line, col).error(
            "not-utf8", f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file with UTF-8 encoding")]
    markers = conflict_markers(text, rel)
    if markers:
        return None, problems + markers
    return text, problems


_CONFLICT = re.compile(r"^(<{7}|={7}|\|{7}|>{7})(?: .*)?$")


def conflict_markers(text: str, rel: str) -> list[Problem]:
    """Git's merge-conflict markers left in `text`: a half-finished merge must not be published.

    `=======` alone is also a Markdown heading underline, and `>>>>>>> x` a deep quote, so the lines
    count only in a file that has a `<<<<<<<` line too.
    """
    if "<<<<<<<" not in text:
        return []
    found = []
    opened = False
    for number, line in enumerate(text.split("\n"), 1):
        match = _CONFLICT.match(line.rstrip("\r"))
        if not match:
            continue
        if match.group(1).startswith("<"):
            opened = True
        if opened:
            found.append(Where(rel, number).error(
                "conflict-marker", f"a merge-conflict marker '{match.group(1)}' is left here; finish the merge: keep "
                "the right lines and remove the markers"))
        if match.group(1).startswith(">"):
            opened = False
    return found
