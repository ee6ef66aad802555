"""Read YAML into plain Python values while keeping the line and column of every value.

PyYAML's loaders drop positions once a document is constructed, keep the last of two duplicate
keys silently, can construct arbitrary objects from tags, and compose nested nodes recursively
(libyaml's composer crashes the interpreter on a few hundred thousand nested brackets). We take
the event stream of the C parser and build the values ourselves, without recursion: every key
and value gets its mark; duplicate keys, unknown tags, deep nesting and alias bombs become
problems; and plain scalars follow the YAML 1.2 core schema, so that `no` stays the language code
for Norwegian rather than `False`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem, Where
from generator.source.memo import Memo
from generator.source.textfile import MAX_BYTES, read_text  # noqa: F401 - read_text is used from here by other stages

try:  # libyaml is an order of magnitude faster; both give the same marks.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_VALUES = 200_000
MAX_DEPTH = 64  # curriculum files nest about 5 deep; more is a mistake or an attack
_TOO_DEEP = (f"lists and mappings are nested more than {MAX_DEPTH} deep here; "
             "curriculum files need only a few levels: check the brackets and the indentation")

PathKey = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# Only plain scalars that start with one of these can be anything but text (YAML 1.2 core schema).
_MAYBE_NOT_TEXT = set("~nNtTfF0123456789+-.")
_INT = re.compile(r"[-+]?[0-9]+")
_INT_OCT = re.compile(r"0o[0-7]+")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class Doc:
    """A YAML document: its data and where each part of it stands in the file."""

    path: str  # relative to the project, with forward slashes
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    anchored: bool = False  # the file uses anchors: values may be shared objects (never kept in a memo)

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
    """Building cannot go on (alias bomb, deep nesting, a second document): the problem is recorded."""


_KEY = object()  # a mapping frame waiting for its next key
_SKIP = object()  # a mapping frame whose next value belongs to a refused key: build it, keep nothing


class _Frame:
    """An open sequence or mapping while its events arrive."""

    __slots__ = ("container", "loc", "record", "state", "start_count", "anchor")

    def __init__(self, container: Any, loc: PathKey, record: bool, start_count: int, anchor: str | None) -> None:
        self.container = container
        self.loc = loc
        self.record = record  # False inside a refused key or a duplicate key's value: keep no marks
        self.state: Any = _KEY  # mappings: _KEY, _SKIP or the key whose value comes next
        self.start_count = start_count
        self.anchor = anchor


class _Builder:
    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.doc = Doc(rel, None)
        self.problems: list[Problem] = []
        self.count = 0
        self.anchors: dict[str, tuple[Any, int]] = {}  # name -> (value, number of values in it)
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def at(self, mark: yaml.Mark) -> Where:
        return Where(self.rel, mark.line + 1, mark.column + 1)

    def run(self, loader: Any) -> Any:
        """Consume every event of the loader and return the document's value."""
        get_event = loader.get_event
        stack = self.stack
        marks = self.doc.marks
        key_marks = self.doc.key_marks
        scalar_event = yaml.ScalarEvent
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                # The fast path for most of a file: an untagged scalar without anchor, a value of
                # a list or of a mapping, or a new key. Everything else takes `_scalar`.
                if stack and event.tag is None and event.anchor is None and self.count < MAX_VALUES:
                    frame = stack[-1]
                    container = frame.container
                    text = event.value
                    if type(container) is dict:
                        state = frame.state
                        if state is _KEY:
                            if text in container or text == "<<":
                                self._scalar(event)
                                continue
                            self.count += 1
                            frame.state = text
                            if frame.record:
                                mark = event.start_mark
                                key_marks[frame.loc + (text,)] = (mark.line + 1, mark.column + 1)
                            continue
                        if state is _SKIP:
                            self._scalar(event)
                            continue
                        self.count += 1
                        frame.state = _KEY
                        loc = frame.loc + (state,)
                        container[state] = self._value(event) if not text or text[0] in _MAYBE_NOT_TEXT \
                            or event.style == '"' else text
                    else:
                        self.count += 1
                        loc = frame.loc + (len(container),)
                        container.append(self._value(event) if not text or text[0] in _MAYBE_NOT_TEXT
                                         or event.style == '"' else text)
                    if frame.record:
                        mark = event.start_mark
                        marks[loc] = (mark.line + 1, mark.column + 1)
                else:
                    self._scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._open(event, {} if kind is yaml.MappingStartEvent else [])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self._close()
            elif kind is yaml.AliasEvent:
                self._alias(event)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.problems.append(self.at(event.start_mark).error(
                        "several-documents", "a second YAML document starts here ('---'); a curriculum file holds "
                        "one document: remove the '---' line or move the rest to its own file"))
                    raise _Refused
            elif event is None or kind is yaml.StreamEndEvent:
                return self.root

    # -- placing values -------------------------------------------------------------------

    def _count(self, n: int, mark: yaml.Mark) -> None:
        self.count += n
        if self.count > MAX_VALUES:
            self.problems.append(self.at(mark).error(
                "too-many-values",
                f"the file expands to more than {MAX_VALUES:,} values (an alias bomb?); "
                "write the values out instead of repeating anchors"))
            raise _Refused

    def _key(self, frame: _Frame, mark: yaml.Mark, key: str | None, plain: bool) -> None:
        """A mapping's next key: a scalar (`key`), or None for a list, mapping or alias in its place."""
        frame.state = _SKIP  # unless the key is good: then its value is skipped, never misplaced
        if key is None:
            self.problems.append(self.at(mark).error(
                "bad-key", "a key must be a plain word, not a list or mapping"))
        elif plain and key == "<<":
            self.problems.append(self.at(mark).error(
                "merge-key", "merge keys ('<<') are not supported; write the keys out"))
        elif key in frame.container:
            first = self.doc.key_marks.get(frame.loc + (key,)) if frame.record else None
            also = f"it is also set on line {first[0]}" if first else "it is set twice"
            self.problems.append(self.at(mark).error(
                "duplicate-key",
                f"duplicate key '{key}': {also}, and only one can count; remove or rename one of them"))
        else:
            frame.state = key
            if frame.record:
                self.doc.key_marks[frame.loc + (key,)] = (mark.line + 1, mark.column + 1)

    def _slot(self, mark: yaml.Mark) -> tuple[PathKey | None, bool]:
        """Where the next value goes: its path, or None if it is a key or is discarded; and whether to keep marks.

        A list, mapping or alias in a key's place is refused here as a key.
        """
        if not self.stack:
            return (), True
        frame = self.stack[-1]
        if type(frame.container) is list:
            return frame.loc + (len(frame.container),), frame.record
        state = frame.state
        if state is _KEY:
            self._key(frame, mark, None, False)
            return None, False
        frame.state = _KEY
        if state is _SKIP:
            return None, False
        return frame.loc + (state,), frame.record

    def _is_key(self) -> bool:
        """Whether the next event is a mapping's key."""
        return bool(self.stack) and type(self.stack[-1].container) is dict and self.stack[-1].state is _KEY

    def _attach(self, loc: PathKey | None, value: Any, record: bool, mark: yaml.Mark) -> None:
        if record and loc is not None:
            self.doc.marks[loc] = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root = value
        elif loc is not None:
            container = self.stack[-1].container
            if type(container) is list:
                container.append(value)
            else:
                container[loc[-1]] = value

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        self._count(1, event.start_mark)
        if self._is_key():
            self._key(self.stack[-1], event.start_mark, event.value, not event.style and event.tag is None)
            return
        loc, record = self._slot(event.start_mark)
        value = self._value(event)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self._attach(loc, value, record, event.start_mark)

    def _open(self, event: yaml.CollectionStartEvent, container: Any) -> None:
        self._count(1, event.start_mark)
        expected = _TAG + ("map" if type(container) is dict else "seq")
        if event.tag not in (None, "!", expected):
            self._unknown_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            self.problems.append(self.at(event.start_mark).error("too-deep", _TOO_DEEP))
            raise _Refused
        loc, record = self._slot(event.start_mark)
        self._attach(loc, container, record, event.start_mark)
        self.stack.append(_Frame(container, loc if loc is not None else (), record and loc is not None,
                                 self.count, event.anchor))

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, self.count - frame.start_count + 1)

    def _alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            self.problems.append(self.at(event.start_mark).error(
                "unknown-anchor", f"the alias '*{event.anchor}' refers to no anchor '&{event.anchor}' "
                "defined before it; define the anchor first or write the value out"))
            raise _Refused
        value, size = self.anchors[event.anchor]
        self._count(size, event.start_mark)
        loc, record = self._slot(event.start_mark)
        self._attach(loc, value, record, event.start_mark)

    # -- scalars --------------------------------------------------------------------------

    def _value(self, event: yaml.ScalarEvent) -> Any:
        text: str = event.value
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _SCALAR_TAGS:
            self._unknown_tag(event)
            return text
        if event.style:  # quoted or block scalars are always text
            if tag is not None and tag not in ("!", _TAG + "str"):
                self._unknown_tag(event)
            elif event.style == '"' and _CONTROL.search(text):
                char = _CONTROL.search(text).group()  # type: ignore[union-attr]
                self.problems.append(self.at(event.start_mark).error(
                    "control-character", f"the text holds the invisible control character U+{ord(char):04X} "
                    "(written as an escape such as '\\0' or '\\x01'); remove it"))
            return text
        if tag == "!" or tag == _TAG + "str":
            return text
        return self._resolve_plain(text, event)

    def _resolve_plain(self, text: str, event: yaml.ScalarEvent) -> Any:
        if text in _NULL:
            return None
        if text[0] not in _MAYBE_NOT_TEXT:
            return text
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        try:
            if _INT.fullmatch(text):
                return int(text)
            if _INT_OCT.fullmatch(text):
                return int(text[2:], 8)
            if _INT_HEX.fullmatch(text):
                return int(text[2:], 16)
        except ValueError:  # more digits than Python converts (4,300): not a number anyone means
            return text
        if _FLOAT.fullmatch(text):
            return float(text)
        if _INF.fullmatch(text):
            return float("-inf") if text.startswith("-") else float("inf")
        if _NAN.fullmatch(text):
            return float("nan")
        if _DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                self.problems.append(self.at(event.start_mark).error(
                    "bad-date", f"'{text}' is not a real date; write it as YYYY-MM-DD"))
        return text

    def _unknown_tag(self, event: yaml.NodeEvent) -> None:
        tag = str(event.tag).replace(_TAG, "!!")
        self.problems.append(self.at(event.start_mark).error(
            "unknown-tag",
            f"the tag '{tag}' is not allowed: curriculum files hold plain text, numbers, "
            "dates, lists and mappings; remove the tag"))


def _tabs(text: str, rel: str) -> list[Problem]:
    problems: list[Problem] = []
    if "\t" not in text:
        return problems
    for lineno, line in enumerate(_LINE_BREAK.split(text), 1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            problems.append(Where(rel, lineno, line.index("\t") + 1).error(
                "tab", "a tab is used for indentation; YAML needs spaces: replace the tab with spaces"))
    return problems


def _syntax_problem(exc: yaml.YAMLError, text: str, rel: str) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if "nesting depth" in what:  # PyYAML >= 6.0.3 stops deep nesting itself, before our own limit
            return Where(rel, line, col).error("too-deep", _TOO_DEEP)
        hint = ""
        if "found character '\\t'" in str(exc) or "found character '\t'" in str(exc):
            hint = "; replace the tab with spaces"
        elif "mapping values are not allowed" in what:
            hint = "; put text that contains ': ' in quotes"
        elif "expected <block end>" in what or "could not find expected ':'" in what:
            hint = "; check the indentation of this line and the one above"
        elif "found undefined tag handle" in what:
            hint = "; remove the tag"
        return Where(rel, line, col).error("yaml-syntax", f"YAML syntax error: {what}{hint}")
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml gives the offset in UTF-8 bytes of the text.
        before = text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "replace")
        line = len(_LINE_BREAK.split(before))
        col = len(_LINE_BREAK.split(before)[-1]) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        return Where(rel, line, col).error(
            "bad-character", f"the character U+{char:04X} is not allowed in a YAML file ({exc.reason}); remove it")
    return Where(rel).error("yaml-syntax", f"YAML syntax error: {exc}")


def parse_yaml(text: str, rel: str, memo: Memo | None = None) -> tuple[Doc | None, list[Problem]]:
    """Parse YAML text of the file `rel`; a Doc, unless the text cannot be read as YAML.

    With `memo`, a text parsed before (same file name, same text, same generator) is read back from
    its kept form instead (`kept_form`): a fresh Doc each time, equal to what parsing gives.
    """
    if memo is None:
        return _parse(text, rel)
    made: list[tuple[Doc | None, list[Problem]]] = []

    def parse() -> bytes:
        made.append(_parse(text, rel))
        return kept_form(*made[0])

    kept = memo.bytes_for("yaml", f"{rel}\0{text}".encode("utf-8", "surrogatepass"), parse)
    if made:
        return made[0]
    if not kept:  # a file with problems or anchors is not kept: parse it
        return _parse(text, rel)
    try:
        return from_kept_form(kept, rel), []
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):  # a damaged memo file: parse
        return _parse(text, rel)


def _parse(text: str, rel: str) -> tuple[Doc | None, list[Problem]]:
    problems = _tabs(text, rel)
    if problems:
        return None, problems
    builder = _Builder(rel)
    try:
        loader = _Loader(text)
        try:
            data = builder.run(loader)
        finally:
            loader.dispose()
    except _Refused:
        return None, builder.problems
    except yaml.YAMLError as exc:
        return None, [_syntax_problem(exc, text, rel)]
    if data is None:
        return None, [Where(rel).error("empty-file", "the file is empty; write the keys this kind of file needs")]
    builder.doc.data = data
    if builder.anchors:
        builder.doc.anchored = True
    return builder.doc, builder.problems


def kept_form(doc: Doc | None, problems: list[Problem]) -> bytes:
    """A parse result as JSON (b"" for one not kept: with problems, or with anchors, whose values are shared).

    Every value carries its type: a mapping, a float and a date are tagged objects, so that `True`, `1`,
    `1.0` and `"1"` come back as they were read.
    """
    if doc is None or problems or doc.anchored:
        return b""
    try:
        form = {"data": _tagged(doc.data),
                "marks": [[list(k), *v] for k, v in doc.marks.items()],
                "key_marks": [[list(k), *v] for k, v in doc.key_marks.items()]}
        # json refuses some values YAML reads (an integer of more than 4,300 digits): not kept.
        return json.dumps(form, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return b""


def _tagged(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        return {"m": [[k, _tagged(v)] for k, v in value.items()]}
    if kind is list:
        return [_tagged(v) for v in value]
    if kind is float:
        return {"f": repr(value)}
    if kind is dt.date:
        return {"d": value.isoformat()}
    if kind is str or kind is int or kind is bool or value is None:
        return value
    raise TypeError(f"a YAML value of type {kind.__name__} cannot be kept")


def _untag(obj: dict[str, Any]) -> Any:
    if len(obj) != 1:  # the form itself (data, marks, key_marks); every tag has one key
        return obj
    if "m" in obj:
        return dict(obj["m"])
    if "f" in obj:
        return float(obj["f"])
    return dt.date.fromisoformat(obj["d"])


def from_kept_form(kept: bytes, rel: str) -> Doc:
    form = json.loads(kept.decode("utf-8", "surrogatepass"), object_hook=_untag)
    return Doc(rel, form["data"], {tuple(k): (line, col) for k, line, col in form["marks"]},
               {tuple(k): (line, col) for k, line, col in form["key_marks"]})


def load_yaml(path: Path, rel: str, memo: Memo | None = None) -> tuple[Doc | None, list[Problem]]:
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    doc, more = parse_yaml(text, rel, memo)
    return doc, problems + more
