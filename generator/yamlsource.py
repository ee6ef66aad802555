"""Read YAML into plain Python values while keeping the line and column of every value.

PyYAML's loaders drop positions once a document is constructed, keep the last of two duplicate
keys silently, and can construct arbitrary objects from tags. We compose the node graph with the
C parser (when available) and construct the values ourselves: every key and value gets its mark,
duplicate keys, unknown tags and alias bombs become problems, and plain scalars follow the YAML
1.2 core schema, so that `no` stays the language code for Norwegian rather than `False`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, Where

try:  # libyaml is an order of magnitude faster; both give the same marks.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
MAX_VALUES = 200_000

PathKey = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass
class Doc:
    """A YAML document: its data and where each part of it stands in the file."""

    path: str  # relative to the project, with forward slashes
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: PathKey = (), key: bool = False) -> Where:
        """The place of the value at `loc`, or of its key; the nearest enclosing one if unknown."""
        table = self.key_marks if key else self.marks
        loc = tuple(loc)
        while loc:
            if loc in table:
                line, col = table[loc]
                return Where(self.path, line, col)
            if not key and loc in self.key_marks:
                line, col = self.key_marks[loc]
                return Where(self.path, line, col)
            loc = loc[:-1]
        line, col = self.marks.get((), (1, 1))
        return Where(self.path, line, col)


class _Refused(Exception):
    """Construction cannot go on (alias bomb): the problem is already recorded."""


class _Builder:
    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.doc = Doc(rel, None)
        self.problems: list[Problem] = []
        self.count = 0

    def at(self, node: yaml.Node) -> Where:
        return Where(self.rel, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, loc: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            self.problems.append(self.at(node).error(
                "too-many-values",
                f"the file expands to more than {MAX_VALUES:,} values (an alias bomb?); "
                "write the values out instead of repeating anchors"))
            raise _Refused
        self.doc.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                self._unknown_tag(node)
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: PathKey) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            self._unknown_tag(node)
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.problems.append(self.at(key_node).error(
                    "merge-key", "merge keys ('<<') are not supported; write the keys out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(self.at(key_node).error(
                    "bad-key", "a key must be a plain word, not a list or mapping"))
                continue
            key = key_node.value
            if key in first_seen:
                first = first_seen[key].start_mark.line + 1
                self.problems.append(self.at(key_node).error(
                    "duplicate-key",
                    f"duplicate key '{key}': it is also set on line {first}, and only one can count; "
                    "remove or rename one of them"))
                continue
            first_seen[key] = key_node
            self.doc.key_marks[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        text = node.value
        if node.style:  # quoted or block scalars are always text (libyaml gives '' for plain)
            if node.tag != _TAG + "str":
                self._unknown_tag(node)
            return text
        if not node.tag.startswith(_TAG) or node.tag[len(_TAG):] not in (
            "str", "int", "float", "bool", "null", "timestamp"
        ):
            self._unknown_tag(node)
            return text
        if node.tag == _TAG + "str" and node.tag != _resolve_default(text):
            return text  # an explicit !!str, or a plain scalar PyYAML resolved as text
        if _NULL.match(text):
            return None
        if _TRUE.match(text):
            return True
        if _FALSE.match(text):
            return False
        if _INT.match(text):
            return int(text)
        if _INT_OCT.match(text):
            return int(text[2:], 8)
        if _INT_HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            return float(text)
        if _INF.match(text):
            return float("-inf") if text.startswith("-") else float("inf")
        if _NAN.match(text):
            return float("nan")
        if _DATE.match(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                self.problems.append(self.at(node).error(
                    "bad-date", f"'{text}' is not a real date; write it as YYYY-MM-DD"))
                return text
        return text

    def _unknown_tag(self, node: yaml.Node) -> None:
        self.problems.append(self.at(node).error(
            "unknown-tag",
            f"the tag '{node.tag.replace(_TAG, '!!')}' is not allowed: curriculum files hold plain text, numbers, "
            "dates, lists and mappings; remove the tag"))


def _resolve_default(text: str) -> str:
    # What PyYAML's own resolver would call this plain scalar; an explicit !!str differs.
    return _Loader.resolve(_Loader, yaml.ScalarNode, text, (True, False))  # type: ignore[arg-type]


def parse_yaml(text: str, rel: str) -> tuple[Doc | None, list[Problem]]:
    """Parse YAML text of the file `rel`; a Doc, unless the text cannot be read as YAML."""
    problems: list[Problem] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            problems.append(Where(rel, lineno, line.index("\t") + 1).error(
                "tab", "a tab is used for indentation; YAML needs spaces: replace the tab with spaces"))
    if problems:
        return None, problems
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        hint = ""
        if "found character '\\t'" in str(exc):
            hint = "; replace the tab with spaces"
        elif "mapping values are not allowed" in what:
            hint = "; put text that contains ': ' in quotes"
        elif "expected <block end>" in what or "could not find expected ':'" in what:
            hint = "; check the indentation of this line and the one above"
        return None, [Where(rel, line, col).error("yaml-syntax", f"YAML syntax error: {what}{hint}")]
    except yaml.YAMLError as exc:
        return None, [Where(rel).error("yaml-syntax", f"YAML syntax error: {exc}")]
    if root is None:
        return None, [Where(rel).error("empty-file", "the file is empty; write the keys this kind of file needs")]
    builder = _Builder(rel)
    try:
        builder.doc.data = builder.build(root, ())
    except _Refused:
        return None, builder.problems
    return builder.doc, builder.problems


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8, or the problems that keep it from being read as text."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Where(rel).error(
                "file-too-large",
                f"the file has {size:,} bytes, more than the {MAX_BYTES:,} allowed; split it up")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Where(rel).error("unreadable", f"cannot read the file: {exc.strerror}")]
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(Where(rel).warning(
            "byte-order-mark", "the file starts with a byte-order mark; save it as UTF-8 without BOM"))
    if b"\x00" in raw:
        return None, [Where(rel).error("binary-file", "this is a binary file, not text; curriculum files are UTF-8 text")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Where(rel, line, col).error(
            "not-utf8", f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file with UTF-8 encoding")]
    return text, problems


def load_yaml(path: Path, rel: str) -> tuple[Doc | None, list[Problem]]:
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    doc, more = parse_yaml(text, rel)
    return doc, problems + more
