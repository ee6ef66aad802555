"""Accessible tables made on the Markdown tree of a page, before it becomes HTML (see `tables`).

`tables.accessible_tables` parses a page's HTML to give header cells their scope, drop empty
header rows and put each table into a named scroll box; parsing HTML in Python was 15 % of
MkDocs' time. Here the same changes are made on the ElementTree that Markdown already holds, at
the end of its tree processors, which costs a walk of the tree. The attributes that only we may
set (`tabindex`, `role`, `aria-label`) would not pass the sanitiser, so each box leaves the tree
marked with a class that holds a secret of this process and its candidate names in its title;
after the sanitiser, `accessible_tables` turns the marks into those attributes and picks each
box's name (the page's title is known only there).

A page whose raw HTML (kept aside by Markdown, out of the tree) holds a table, a heading, a
caption, a script, a style or a comment is left alone: the HTML path handles it whole, as before.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.site.tables import BOX_CLASS, BoxNames

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Raw HTML that the tree does not show and that would change what the HTML path does.
_RAW_UNSURE = re.compile(r"<\s*(?:table|caption|h[1-6]|script|style|!--)", re.I)
_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")
_TAG = re.compile(r"<[^>]*>")


class _Tables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        if any(not isinstance(block, str) or _RAW_UNSURE.search(block) for block in stash):
            return
        self.raw = [html.unescape(_TAG.sub("", block)) for block in stash]  # the words of each piece
        if any(element.tag == "table" for element in root.iter()):
            self._wrap(root, BoxNames(""))

    def _inner(self, element: etree.Element) -> str:
        """The visible words inside `element` (`tables._text`): raw HTML in it read as its words,
        the theme's permalink sign left out."""
        return _STASHED.sub(lambda m: self.raw[int(m.group(1))], _words_in(element))

    def _wrap(self, node: etree.Element, names: BoxNames) -> None:
        """`tables._wrap_tables` on the tree: each outermost table into a marked box."""
        for i, child in enumerate(list(node)):
            if not isinstance(child.tag, str):
                continue
            if child.tag in _HEADINGS:
                names.heading(int(child.tag[1]), " ".join(self._inner(child).split()))
            elif child.tag == "table":
                for table in child.iter("table"):
                    self._fix(table)
                captions = [c for c in child if c.tag == "caption"]
                caption = " ".join(self._inner(captions[0]).split()) if captions else ""
                box = etree.Element("div", {"class": f"cv-scroll {BOX_CLASS}",
                                            "title": json.dumps(names.candidates(caption), ensure_ascii=False)})
                box.tail, child.tail = child.tail, None
                node.remove(child)
                node.insert(i, box)
                box.append(child)
            else:
                self._wrap(child, names)

    def _fix(self, table: etree.Element) -> None:
        """`tables._fix_table` on the tree."""
        for head in _find(table, "thead"):
            cells = _find(head, "th")
            if cells and not any(self._inner(c).strip() for c in cells):
                # A key/value table: no column headers, the bold keys head their rows.
                _remove(table, head)
                for row in _find(table, "tr"):
                    for cell in (c for c in row if c.tag == "td"):
                        strong = _only_strong(cell)
                        if strong is not None:
                            cell.tag, cell.text = "th", strong.text
                            cell.remove(strong)
                            cell.extend(list(strong))
                            cell.set("scope", "row")
                continue
            for cell in cells:
                if self._inner(cell).strip():
                    cell.set("scope", "col")
                else:  # an empty corner cell heads nothing
                    cell.tag = "td"
        for body in _find(table, "tbody"):
            for cell in _find(body, "th"):
                if cell.get("scope") is None:
                    cell.set("scope", "row")


def _words_in(element: etree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if not (child.tag == "a" and "headerlink" in (child.get("class") or "").split()):
            parts.append(_words_in(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _find(element: etree.Element, tag: str) -> list[etree.Element]:
    """Descendants named `tag`, not looking inside nested tables (`tables._Element.find`)."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        if child.tag != "table":
            found += _find(child, tag)
    return found


def _remove(parent: etree.Element, child: etree.Element) -> None:
    """Remove `child` from anywhere below `parent`, keeping the text that follows it."""
    for node in parent.iter():
        kids = list(node)
        if child in kids:
            i = kids.index(child)
            if child.tail:
                if i:
                    kids[i - 1].tail = (kids[i - 1].tail or "") + child.tail
                else:
                    node.text = (node.text or "") + child.tail
            node.remove(child)
            return


def _only_strong(cell: etree.Element) -> etree.Element | None:
    """The cell's one `<strong>` if it holds nothing else (`tables._only_strong`)."""
    if len(cell) != 1 or cell[0].tag != "strong":
        return None
    strong = cell[0]
    if (cell.text or "").strip() or (strong.tail or "").strip():
        return None
    return strong


class AccessibleTables(Extension):
    """Registered in every language's Markdown extensions (`config.MARKDOWN_EXTENSIONS`)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        # After every other tree processor ('unescape' is the last, at 0): the tree is final.
        md.treeprocessors.register(_Tables(md), "curriculum-tables", -10)


def makeExtension(**kwargs: Any) -> AccessibleTables:  # noqa: N802 (Markdown's name)
    return AccessibleTables(**kwargs)
