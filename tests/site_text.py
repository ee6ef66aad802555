"""The visible text of every page of a built site, for comparing two builds word for word."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

_SKIP = {"script", "style", "svg", "template"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.hidden += 1
        for name, value in attrs:  # what a reader also sees or hears: image descriptions, titles
            if name in ("alt", "title", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def page_texts(site: Path) -> dict[str, str]:
    """Each HTML page's visible text (whitespace collapsed), by its path in the site."""
    return {p.relative_to(site).as_posix(): visible_text(p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*.html"))}


def differences(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """A readable list of what differs: pages added or removed, and each changed page's first difference."""
    found = [f"only in the first site: {p}" for p in sorted(set(old) - set(new))]
    found += [f"only in the second site: {p}" for p in sorted(set(new) - set(old))]
    for page in sorted(set(old) & set(new)):
        a, b = old[page], new[page]
        if a != b:
            i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
            found.append(f"{page}: ...{a[max(0, i - 60):i + 60]!r} became ...{b[max(0, i - 60):i + 60]!r}")
    return found
