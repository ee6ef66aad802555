"""Addresses read the way browsers read them (the WHATWG URL standard), not the way they look.

A browser drops tabs and line breaks anywhere in an address, trims spaces and control
characters at its ends, and reads `\\` as `/` in http(s) and relative addresses. So
`/\\evil.example/x.png` and `//evil.example` lead to another host, `https:evil.example` is an
absolute address, and `java\tscript:` is a script. Every check of a URL in content goes through
`parse` first, so that what we judge is what the reader's browser will load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_C0_EDGES = "".join(chr(c) for c in range(0x21))  # what a browser trims from both ends
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Url:
    """An address as a browser reads it."""

    text: str  # with tabs and line breaks removed, ends trimmed, `\\` read as `/`
    scheme: str  # lowercase, "" for a relative address
    host: bool  # it names a host: absolute with a scheme, or protocol-relative (`//host`)

    @property
    def relative(self) -> bool:
        """A path on this site (`a/b.png`, `../c.md#x`, `#x`), neither absolute nor `//host`."""
        return not self.scheme and not self.host

    @property
    def rooted(self) -> bool:
        """A path from the server's root (`/a/b`): it leaves the site when served from a sub-path."""
        return self.relative and self.text.startswith("/")


def parse(value: str) -> Url:
    """`value` as a browser would read it in an `href` or `src`."""
    text = value.strip(_C0_EDGES).replace("\t", "").replace("\n", "").replace("\r", "")
    match = _SCHEME.match(text)
    scheme = match.group(1).lower() if match else ""
    if scheme in ("", "http", "https", "ws", "wss", "ftp", "file"):
        text = text.replace("\\", "/")  # special schemes and relative paths: a backslash is a slash
    host = bool(scheme) or text.startswith("//")
    return Url(text, scheme, host)


def is_local(value: str) -> bool:
    """Whether `value` stays on this site: a relative path, not rooted at the server, no other host."""
    url = parse(value)
    return url.relative and not url.rooted


_HTTP_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][!#-;=?-~]*)?$")


def web_address(value: str) -> bool:
    """Whether `value` is a plain http(s) address: no spaces, quotes, backslashes or odd characters."""
    return bool(_HTTP_URL.match(value)) and parse(value).text == value
