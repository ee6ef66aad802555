"""YAML text for formats that are not Markdown: SVG pictures, calendars, CSV files.

Text fields may hold inline Markdown (emphasis, links) and anything a hand types, markup
included. Outside the Markdown pages, readers want the words only: `plain` renders the
Markdown, keeps the text and drops every tag (and the content of scripts), on one line.
Each writer then escapes the result for its own format.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from functools import lru_cache

import markdown
import nh3


# A one-line text of printable characters without these, and not starting like a list, quote, heading or
# rule, comes out of Markdown as itself: it needs no parser.
_MARKUP = re.compile(r"[*_`\[\]<>&\\!#|~=]")
_BLOCK = re.compile(r"\s*(?:\d+[.)]|[-+*>#]|-{3,}|={3,})")

# One parser per thread, reset per text: building a parser costs more than converting a short text.
_LOCAL = threading.local()


def _markdown() -> markdown.Markdown:
    if not hasattr(_LOCAL, "md"):
        _LOCAL.md = markdown.Markdown()
    return _LOCAL.md


@lru_cache(maxsize=4096)
def plain(text: str) -> str:
    """The words of a Markdown text, without markup, on one line."""
    if text.isprintable() and not _MARKUP.search(text) and not _BLOCK.match(text):
        return " ".join(text.split())  # nothing Markdown would change: skip the parser
    rendered = _markdown().reset().convert(text)
    return " ".join(html.unescape(nh3.clean(rendered, tags=set())).split())


def width(text: str) -> float:
    """Rough width of `text` in ems in a sans-serif font (wide East Asian letters count 1)."""
    total = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            total += 1.0
        elif unicodedata.combining(char):
            continue
        elif char in "il.,:;'|!":
            total += 0.3
        elif char.isupper() or char in "mwMW@%":
            total += 0.72
        else:
            total += 0.55
    return total


def wrap(text: str, max_em: float, max_lines: int) -> list[str]:
    """`text` in at most `max_lines` lines of at most `max_em` ems; the last ends in '…' if cut."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if width(candidate) <= max_em or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    lines = [_cut(line, max_em) if width(line) > max_em else line for line in lines]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _cut(lines[-1], max_em)
    return lines


def _cut(line: str, max_em: float) -> str:
    while line and width(line + "…") > max_em:
        line = line[:-1]
    return line.rstrip(" ,;:·-") + "…"
