"""Rules about what Markdown pages hold beyond links: nesting MkDocs can build, and no id that the
theme reads.

Python-Markdown parses nested lists, quotes and `<div markdown>` blocks by recursion: a page nested
a few hundred levels deep crashes the build (RecursionError) far from its cause. The check
measures the nesting of every line and names the line instead. An element id beginning with `__`
(`__config`, `__drawer`...) would replace the theme's own: the sanitiser drops such ids, and the
check says so at their line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown.extensions.toc import slugify

from generator.problems import Problem, Where
from generator.source.links import fenced_lines
from generator.source.load import Curriculum

MAX_DEPTH = 40
"""Levels of lists, quotes and indented blocks on one line; real pages use fewer than ten."""

_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_OPEN_BLOCK = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bmarkdown\b[^>]*>")
_CLOSE_BLOCK = re.compile(r"</[a-zA-Z][a-zA-Z0-9]*\s*>")
_RESERVED = re.compile(r"""(?:\b(?:id|name|for)\s*=\s*["']?|\{[^}]*#)(__[^"'\s>}]*)""")
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")


def line_depth(line: str) -> int:
    """How many containers (list items, quotes, indented blocks) the line sits in."""
    depth, columns, i = 0, 0, 0
    while i < len(line):
        char = line[i]
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        elif char == ">":
            depth += 1
        else:
            marker = _MARKER.match(line, i)
            if not marker:
                break
            depth += 1
            i = marker.end()
            continue
        i += 1
    return depth + columns // 4


def markup(cur: Curriculum) -> Iterator[Problem]:
    for _key, page in sorted(cur.pages.items(), key=lambda kv: kv[1].path):
        blocks = 0
        for number, line, code in fenced_lines(page.body):
            if code:
                continue
            where = Where(page.path, page.body_line + number - 1)
            blocks = max(0, blocks + len(_OPEN_BLOCK.findall(line)) - len(_CLOSE_BLOCK.findall(line)))
            depth = line_depth(line) + blocks
            if depth > MAX_DEPTH:
                yield where.error("too-deep", f"this line is nested {depth} levels deep (lists, quotes, indented or "
                                  f"<div markdown> blocks); at most {MAX_DEPTH} can be built: flatten the structure")
                break  # one report per page: every following line is as deep
            reserved = _RESERVED.search(line)
            heading = _ATX.match(line)
            if reserved is None and heading and slugify(heading.group(1), "-").startswith("__"):
                reserved = heading
            if reserved:
                yield Where(where.path, where.line, reserved.start() + 1).error(
                    "reserved-id", "an id beginning with '__' is the theme's own (its settings and controls "
                    "live there) and is removed from the page; choose another id")


RULES = [markup]
