"""Relative links in Markdown that must keep pointing at the same file when the page moves.

A module body written at `content/modules/m02.md` is published inside the generated page
`modules/m02/index.md`, one folder deeper, so its relative links are rewritten for the new place.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator

from generator.source.paths import relative

_INLINE = re.compile(r"(!?\[(?:[^\]\\]|\\.)*\]\()(<[^>]*>|[^)\s]+)")
_REFERENCE = re.compile(r"^( {0,3}\[(?!\^)[^\]]+\]:[ \t]*)(<[^>]*>|\S+)", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)")


def is_relative(target: str) -> bool:
    return bool(target) and not _EXTERNAL.match(target)


def link_targets(markdown: str) -> list[tuple[int, str]]:
    """(line, target) of each link and image in `markdown`, outside fenced code."""
    found: list[tuple[int, str]] = []
    for number, line, code in fenced_lines(markdown):
        if code:
            continue
        for pattern in (_INLINE, _REFERENCE):
            found.extend((number, match.group(2).strip("<>")) for match in pattern.finditer(line))
    return found


_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def link_spans(markdown: str) -> list[tuple[int, int, str]]:
    """(line, column, target) of each link and image in `markdown`, outside fenced and inline code."""
    found: list[tuple[int, int, str]] = []
    for number, line, code in fenced_lines(markdown):
        if code or ("](" not in line and "]:" not in line):
            continue
        if "`" in line:  # blank out code spans, keeping the columns of everything else
            line = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for pattern in (_INLINE, _REFERENCE):
            found.extend((number, match.start(2) + 1, match.group(2).strip("<>")) for match in pattern.finditer(line))
    return found


def fenced_lines(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """Each line with its number and whether it belongs to fenced code (fences included)."""
    fence = None
    for number, line in enumerate(markdown.split("\n"), 1):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            yield number, line, True
        else:
            yield number, line, fence is not None


def rebase(markdown: str, src_dir: str, dst_dir: str) -> str:
    """`markdown` written in folder `src_dir`, with relative links fixed for folder `dst_dir`."""
    if src_dir == dst_dir:
        return markdown

    def move(target: str) -> str:
        if not is_relative(target):
            return target
        path, hash_, fragment = target.partition("#")
        moved = relative(posixpath.normpath(posixpath.join(src_dir, path)), dst_dir or ".")
        return moved + hash_ + fragment

    return map_targets(markdown, move)


def map_targets(markdown: str, change: Callable[[str], str]) -> str:
    """`markdown` with the target of every link and image (outside fenced code) replaced by `change(target)`."""

    def move(match: re.Match[str]) -> str:
        target = match.group(2).strip("<>")
        changed = change(target)
        return match.group(0) if changed == target else match.group(1) + changed

    out = []
    for _, line, code in fenced_lines(markdown):
        if not code:
            line = _REFERENCE.sub(move, _INLINE.sub(move, line))
        out.append(line)
    return "\n".join(out)


def demote_headings(markdown: str, levels: int = 1) -> str:
    """`markdown` with every ATX heading (outside fenced code) `levels` deeper, at most `######`."""
    out = []
    for _, line, code in fenced_lines(markdown):
        match = _ATX.match(line) if not code else None
        if match:
            depth = min(len(match.group(1)) + levels, 6)
            line = line[: match.start(1)] + "#" * depth + line[match.end(1):]
        out.append(line)
    return "\n".join(out)
