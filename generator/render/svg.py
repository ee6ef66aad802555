"""A very small SVG writer: elements, escaped text and attributes, stable number formatting.

Our pictures are boxes, lines and words, so a library would add little: this writer is a few
dozen lines with no dependency, escapes every text and attribute for XML, and writes the same
bytes for the same input, which keeps builds byte-identical. Pictures are standalone files that
pages show with <img> (the page sanitiser removes inline <svg>); they load nothing and use the
reader's own sans-serif font.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif"


def num(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros: 12, 12.5."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _attrs(attrs: dict[str, object]) -> str:
    out = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        shown = num(value) if isinstance(value, float) else str(value)
        out.append(f" {name}={quoteattr(shown)}")
    return "".join(out)


class Svg:
    """An SVG document built element by element."""

    def __init__(self, width: float, height: float, title: str, description: str = "", style: str = "") -> None:
        self.width, self.height = width, height
        self.parts: list[str] = []
        self.title, self.description, self.style = title, description, style

    def add(self, name: str, text: str | None = None, **attrs: object) -> None:
        """One element; `text` is escaped. Attribute `class_` is written `class`, `font_size` `font-size`."""
        if text is None:
            self.parts.append(f"<{name}{_attrs(attrs)}/>")
        else:
            self.parts.append(f"<{name}{_attrs(attrs)}>{escape(text)}</{name}>")

    def open(self, name: str, **attrs: object) -> None:
        self.parts.append(f"<{name}{_attrs(attrs)}>")

    def close(self, name: str) -> None:
        self.parts.append(f"</{name}>")

    def text_lines(self, x: float, y: float, lines: list[str], line_height: float, **attrs: object) -> None:
        """Several lines of text, the first baseline at `y`."""
        spans = "".join(
            f"<tspan{_attrs({'x': float(x), 'dy': None if i == 0 else num(line_height)})}>{escape(line)}</tspan>"
            for i, line in enumerate(lines)
        )
        self.parts.append(f"<text{_attrs({'x': float(x), 'y': float(y), **attrs})}>{spans}</text>")

    def to_bytes(self) -> bytes:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(self.width)}" height="{num(self.height)}" '
            f'viewBox="0 0 {num(self.width)} {num(self.height)}" role="img" font-family={quoteattr(FONT)}>'
        )
        body = [head, f"<title>{escape(self.title)}</title>"]
        if self.description:
            body.append(f"<desc>{escape(self.description)}</desc>")
        if self.style:
            body.append(f"<style>{escape(self.style)}</style>")
        body.append(f'<rect width="{num(self.width)}" height="{num(self.height)}" fill="#ffffff"/>')
        body += self.parts
        body.append("</svg>")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(body) + "\n").encode("utf-8")
