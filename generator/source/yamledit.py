"""Edit YAML text in place: change one value or add one entry, leaving every other byte alone.

Translators' overlay files carry their comments, quoting and layout; `curriculum i18n mark` and
`import` must not reformat them. So instead of loading and dumping, we find the node to change
with PyYAML's composer (its marks give character offsets; the pure-Python loader is used because
its offsets count characters, as Python strings do) and splice new text into the file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import yaml

from generator.source.yamlsource import PathKey

_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")


def scalar(value: str, flow: bool = False, quote: bool = False) -> str:
    """`value` written as a YAML scalar: plain if it reads back unchanged, else double-quoted."""
    if not quote and _PLAIN_SAFE.match(value) and not value.endswith((" ", ":")) and ": " not in value and " #" not in value \
            and not (flow and any(c in value for c in ",[]{}")):
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value} and (not flow or yaml.safe_load(f"[{value}]") == [value]):
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def key_text(name: str) -> str:
    """A mapping key: plain if it is a word or a number (a level score `3:`), else quoted."""
    return name if _KEY.match(name) else scalar(name, True)


def flow(value: Any) -> str:
    """A value written on one line in flow style."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key_text(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # a level score stays a number
    if isinstance(value, dt.date):
        return value.isoformat()
    return scalar(str(value), True)


def block(key: str, value: Any, indent: int) -> str:
    """`key: value` as block YAML at `indent`; lists of mappings get one flow item per line."""
    pad = " " * indent
    if isinstance(value, list) and value:
        items = "".join(f"\n{pad}  - {flow(v)}" for v in value)
        return f"{pad}{key_text(key)}:{items}"
    if isinstance(value, (dict, list)):
        return f"{pad}{key_text(key)}: {flow(value)}"
    return f"{pad}{key_text(key)}: {scalar(str(value))}"


class YamlText:
    """A YAML document as text, with edits that splice into it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def root(self) -> yaml.Node | None:
        return yaml.compose(self.text, Loader=yaml.SafeLoader)

    def node(self, loc: PathKey) -> yaml.Node | None:
        """The node at `loc` (mapping keys and list indices), or None."""
        node = self.root()
        for part in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                node = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return None
        return node

    def _splice(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]

    def set_scalar(self, loc: PathKey, value: str, quote: bool = False) -> None:
        node = self.node(loc)
        if not isinstance(node, yaml.ScalarNode):
            raise ValueError(f"no text value at {loc}")
        start, end = node.start_mark.index, node.end_mark.index
        parent = self.node(loc[:-1]) if loc else None
        in_flow = bool(getattr(parent, "flow_style", False))
        new = scalar(value, in_flow, quote)
        if node.style in ("|", ">"):  # a block scalar ends with its line break: keep it
            new += "\n"
        elif start == end and not self.text[start - 1 : start].isspace():
            new = " " + new  # `key:` with no value
        self._splice(start, end, new)

    def set_flow(self, loc: PathKey, value: Any) -> None:
        """Put `value`, written in flow style, in place of the (empty) value at `loc`."""
        node = self.node(loc)
        if not isinstance(node, yaml.ScalarNode):
            raise ValueError(f"no single value at {loc}")
        start, end = node.start_mark.index, node.end_mark.index
        new = flow(value)
        if start == end and not self.text[start - 1 : start].isspace():
            new = " " + new
        self._splice(start, end, new)

    def add_key(self, loc: PathKey, key: str, value: Any) -> None:
        """Add `key: value` at the end of the mapping at `loc`."""
        node = self.node(loc)
        if not isinstance(node, yaml.MappingNode):
            raise ValueError(f"no mapping at {loc}")
        if node.flow_style or not node.value:
            self._add_in_flow(node, "}", f"{key_text(key)}: {flow(value)}", loc)
            return
        indent = node.value[0][0].start_mark.column
        self._insert_after(node.value[-1][1].end_mark.index, block(key, value, indent))

    def append(self, loc: PathKey, value: Any) -> None:
        """Add `value` as the last item of the list at `loc`."""
        node = self.node(loc)
        if not isinstance(node, yaml.SequenceNode):
            raise ValueError(f"no list at {loc}")
        if node.flow_style or not node.value:
            self._add_in_flow(node, "]", flow(value), loc)
            return
        indent = node.start_mark.column
        self._insert_after(node.value[-1].end_mark.index, " " * indent + "- " + flow(value))

    def _add_in_flow(self, node: yaml.Node, closing: str, item: str, loc: PathKey) -> None:
        """Write `item` before the closing bracket of the flow collection `node` (`{}` or `[]`)."""
        close = node.end_mark.index - 1
        if self.text[close] != closing:
            raise ValueError(f"cannot add to the {'mapping' if closing == '}' else 'list'} at {loc}")
        sep = ", " if node.value else ""
        self._splice(close, close, f"{sep}{item}")

    def _insert_after(self, index: int, line: str) -> None:
        # A node may end before its line break (plain scalar) or after it (block scalar, block
        # collection); either way the new line goes after the end of that line.
        newline = self.text.find("\n", index) if index == 0 or self.text[index - 1] != "\n" else index - 1
        if newline == -1:
            self.text += "\n" + line + "\n"
        else:
            self._splice(newline + 1, newline + 1, line + "\n")

    def set_first_key(self, key: str, value: str, quote: bool = False) -> None:
        """Set a top-level key, adding it as the first key of the document if it is not there."""
        root = self.root()
        if root is None:
            self.text = f"{key}: {scalar(value, quote=quote)}\n" + self.text
            return
        if not isinstance(root, yaml.MappingNode):
            raise ValueError("the document is not a mapping")
        if any(k.value == key for k, _v in root.value):
            self.set_scalar((key,), value, quote)
            return
        if root.flow_style or not root.value:
            self.add_key((), key, value)
            return
        first = root.value[0][0].start_mark
        line_start = first.index - first.column
        self._splice(line_start, line_start, f"{key}: {scalar(value, quote=quote)}\n")
