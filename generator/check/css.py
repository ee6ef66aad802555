"""Stylesheets from content (including those named in `extra_css`): every `@import` and `url()`
must lead to a file of the site, never to another host, once CSS escapes are undone.

`url(\\68ttps://x)` is `url(https://x)` to a browser, and a comment can split a token, so the
text is read as CSS reads it before the addresses in it are judged.
"""

from __future__ import annotations

import re

from generator.problems import Problem, Where
from generator.source.urls import is_local, parse

_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\(.)", re.DOTALL)
_URL = re.compile(r"url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\s]*))\s*\)", re.IGNORECASE)
_IMPORT = re.compile(r"@import\s+(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_IMAGE_SET = re.compile(r"image-set\(([^)]*)\)", re.IGNORECASE)
_STRING = re.compile(r"\"([^\"]*)\"|'([^']*)'")
_FORBIDDEN = re.compile(r"expression\s*\(|-moz-binding|behavior\s*:|javascript:", re.IGNORECASE)


def _unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code < 0x110000 else "\ufffd"
        return "" if match.group(2) == "\n" else match.group(2)
    return _ESCAPE.sub(one, text)


def check_css(text: str, rel: str) -> list[Problem]:
    """The addresses in the stylesheet `text` (at `rel`) that leave the site."""
    # Comments become spaces of the same length (line breaks kept), so that positions stay true.
    text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), 1):
        plain = _unescape(line)
        for pattern in (_URL, _IMPORT):
            for match in pattern.finditer(plain):
                target = next(g for g in match.groups() if g is not None)
                if not is_local(target) or parse(target).scheme:
                    problems.append(Where(rel, number, match.start() + 1).error(
                        "css-outside", f"'{target}' leads outside the site (another host, a data: or rooted "
                        "address); the site makes no request to other hosts: copy the file into content/ "
                        "and name it relatively"))
        for image_set in _IMAGE_SET.finditer(plain):
            for match in _STRING.finditer(image_set.group(1)):
                target = match.group(1) if match.group(1) is not None else match.group(2)
                if not is_local(target) or parse(target).scheme:
                    problems.append(Where(rel, number, image_set.start() + 1).error(
                        "css-outside", f"'{target}' in image-set() leads outside the site; name a file of "
                        "content/ relatively"))
        forbidden = _FORBIDDEN.search(plain)
        if forbidden:
            problems.append(Where(rel, number, forbidden.start() + 1).error(
                "css-outside", f"'{forbidden.group()}' can run code; remove it"))
        if re.search(r"@import\s+url|@import", plain, re.IGNORECASE) and not _IMPORT.search(plain) \
                and not _URL.search(plain):
            problems.append(Where(rel, number, 1).error("css-outside", "an @import whose address cannot be read; "
                                                        "write @import \"file.css\";"))
    return problems
