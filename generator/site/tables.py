"""Tables that every reader can use: header cells with their scope, no empty header rows, and a
scroll box that a keyboard can reach and a screen reader can name.

Runs on a page's HTML after the sanitiser (`sanitize.clean`), so that the attributes added here
(`tabindex`, `role`, `aria-label`, `scope`) come from us and never from content. Markdown gives
every table a header row; a key/value table (`| | |` above `| **Level** | Foundation |`) has an
empty one, which screen readers announce as blank columns: it is removed and the bold keys
become row headers. Wide tables scroll sideways inside a box, and a box that scrolls must be
reachable by keyboard (WCAG 2.1.1): each table sits in a focusable `div.cv-scroll`, named after
its caption or the heading above it. Material wraps the table once more on load; the stylesheet
makes our box the one that scrolls.

Tables that come from Markdown are done on the page's Markdown tree already (`tables_md`, far
cheaper than parsing HTML); here their boxes only get their attributes and names. The HTML path
below remains for pages whose raw HTML holds tables or headings.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import secrets
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class _Element:
    tag: str
    attrs: list[tuple[str, str | None]]
    raw: str  # the start tag as it came, written back unless the element changed
    children: list["_Element | str"] = field(default_factory=list)
    changed: bool = False

    def start(self) -> str:
        if not self.changed:
            return self.raw
        parts = [self.tag] + [name if value is None else f'{name}="{html_lib.escape(value, quote=True)}"'
                              for name, value in self.attrs]
        return "<" + " ".join(parts) + ">"

    def html(self) -> str:
        if self.tag in _VOID:
            return self.start()
        return self.start() + "".join(c if isinstance(c, str) else c.html() for c in self.children) + f"</{self.tag}>"

    def attr(self, name: str) -> str | None:
        return next((v for k, v in self.attrs if k == name), None)

    def set(self, name: str, value: str) -> None:
        self.attrs = [(k, v) for k, v in self.attrs if k != name] + [(name, value)]
        self.changed = True

    def find(self, tag: str) -> list["_Element"]:
        """Descendants named `tag`, not looking inside nested tables."""
        found = []
        for child in self.children:
            if isinstance(child, _Element):
                if child.tag == tag:
                    found.append(child)
                if child.tag != "table":
                    found += child.find(tag)
        return found


def _text(node: "_Element | str") -> str:
    """The visible words of a node, without the theme's permalink sign."""
    if isinstance(node, str):
        return html_lib.unescape(node)
    if node.tag == "a" and "headerlink" in (node.attr("class") or "").split():
        return ""
    return "".join(_text(c) for c in node.children)


def _only_strong(cell: _Element) -> _Element | None:
    """The cell's one `<strong>` if it holds nothing else (a key of a key/value table)."""
    parts = [c for c in cell.children if not (isinstance(c, str) and not c.strip())]
    if len(parts) == 1 and isinstance(parts[0], _Element) and parts[0].tag == "strong":
        return parts[0]
    return None


def _fix_table(table: _Element) -> None:
    for head in table.find("thead"):
        cells = head.find("th")
        if cells and not any(_text(c).strip() for c in cells):
            # A key/value table: no column headers, the bold keys head their rows.
            table.children = [c for c in table.children if c is not head]
            for row in table.find("tr"):
                for cell in (c for c in row.children if isinstance(c, _Element) and c.tag == "td"):
                    strong = _only_strong(cell)
                    if strong is not None:
                        cell.tag, cell.children = "th", strong.children
                        cell.set("scope", "row")
            continue
        for cell in cells:
            if _text(cell).strip():
                cell.set("scope", "col")
            else:  # an empty corner cell heads nothing
                cell.tag = "td"
                cell.changed = True
    for body in table.find("tbody"):
        for cell in body.find("th"):
            if cell.attr("scope") is None:
                cell.set("scope", "row")


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = _Element("", [], "")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, attrs, self.get_starttag_text() or f"<{tag}>")
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_entityref(self, name: str) -> None:
        self.stack[-1].children.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.stack[-1].children.append(f"&#{name};")


@dataclass
class BoxNames:
    """The headings above the current point of the page, and the box names given so far."""

    page_title: str
    headings: dict[int, str] = field(default_factory=dict)  # level -> text of the last heading
    used: set[str] = field(default_factory=set)

    def heading(self, level: int, text: str) -> None:
        self.headings = {k: v for k, v in self.headings.items() if k < level}
        self.headings[level] = text

    def candidates(self, caption: str) -> list[str]:
        """The names the next box may take, best first (none: the page's title)."""
        levels = sorted(self.headings, reverse=True)
        candidates = [caption] if caption else []
        if levels:
            last = self.headings[levels[0]]
            candidates.append(last)
            candidates += [f"{self.headings[up]}: {last}" for up in levels[1:]]
        return [c for c in candidates if c]

    def name(self, caption: str) -> str:
        """A name for the next box, unique on the page so that landmarks can be told apart."""
        return self.pick(self.candidates(caption))

    def pick(self, candidates: list[str]) -> str:
        """The first of `candidates` not given yet (numbered if all are), or the page's title."""
        candidates = candidates or [self.page_title]
        name = next((c for c in candidates if c not in self.used), None)
        number = 2
        while name is None:
            name = f"{candidates[0]} ({number})" if f"{candidates[0]} ({number})" not in self.used else None
            number += 1
        self.used.add(name)
        return name


def _wrap_tables(node: _Element, names: BoxNames) -> None:
    """Put each outermost table of `node` into a named scroll box."""
    for i, child in enumerate(node.children):
        if not isinstance(child, _Element):
            continue
        if child.tag in _HEADINGS:
            names.heading(int(child.tag[1]), " ".join(_text(child).split()))
        elif child.tag == "table":
            _fix_table(child)
            for inner in child.find("table"):
                _fix_table(inner)
            captions = [c for c in child.children if isinstance(c, _Element) and c.tag == "caption"]
            name = names.name(" ".join(_text(captions[0]).split()) if captions else "")
            node.children[i] = _Element("div", [], _box_start(name), [child])
        else:
            _wrap_tables(child, names)


def accessible_tables(html: str, page_title: str = "") -> str:
    """The page's HTML with header scopes, no empty header rows, and tables in named, focusable boxes.

    Where the Markdown extension `tables_md` has already done the work on the page's tree (every
    table came from Markdown), only its marks on the boxes are left to turn into attributes."""
    if "<table" not in html:
        return html
    names = BoxNames(" ".join(page_title.split()))
    if BOX_CLASS in html:
        return _BOX_MARK.sub(lambda mark: _box_start(names.pick(json.loads(html_lib.unescape(mark.group(1))))), html)
    if _IN_ATTRIBUTE.search(html) is None:
        return _by_parts(html, names)
    tree = _parse(html)
    _wrap_tables(tree, names)
    return "".join(c if isinstance(c, str) else c.html() for c in tree.children)


def _box_start(name: str) -> str:
    """The start tag of a table's scroll box named `name`."""
    return f'<div class="cv-scroll" tabindex="0" role="region" aria-label="{html_lib.escape(name, quote=True)}">'


# The class that marks a box made by `tables_md` on a page's tree, the box's candidate names (JSON)
# riding through the sanitiser in its title. The class holds a secret of this process, so that
# content cannot make a box of its own; the mark never reaches a page.
BOX_CLASS = "cv-box-" + secrets.token_hex(8)
_BOX_MARK = re.compile(f'<div class="cv-scroll {BOX_CLASS}" title="([^"]*)">')


def _parse(html: str) -> _Element:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


# Where a page's sanitised HTML holds no `<` inside an attribute value, every `<table`, `</table>`
# and heading tag in it is a real tag: only the tables and headings need parsing, and the rest of
# the page (most of it) is kept as it is, which is what parsing it and writing it back gives.
_IN_ATTRIBUTE = re.compile(r'="[^"]*<')
_MARK = re.compile(r"<(/?)(table|h[1-6])(?=[\s>/])[^>]*>", re.I)


def _by_parts(html: str, names: BoxNames) -> str:
    """`accessible_tables` parsing only the outermost tables and the headings outside them."""
    out: list[str] = []
    done = depth = start = 0
    for mark in _MARK.finditer(html):
        closing, tag = mark.group(1), mark.group(2).lower()
        if tag == "table":
            if not closing:
                start = mark.start() if depth == 0 else start
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    root = _parse(html[start : mark.end()])
                    _wrap_tables(root, names)
                    out += [html[done:start], "".join(c if isinstance(c, str) else c.html() for c in root.children)]
                    done = mark.end()
        elif depth == 0 and not closing:
            end = html.find(f"</{tag}>", mark.end())
            if end < 0:
                continue
            heading = _parse(html[mark.start() : end + len(tag) + 3]).children[0]
            if isinstance(heading, _Element):
                names.heading(int(tag[1]), " ".join(_text(heading).split()))
    if depth:  # a table left open: the whole page is parsed, as it always was
        root = _parse(html)
        _wrap_tables(root, BoxNames(names.page_title))
        return "".join(c if isinstance(c, str) else c.html() for c in root.children)
    return "".join(out) + html[done:]
