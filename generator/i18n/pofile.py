"""Reading a PO file strictly: a file that does not parse cleanly is refused whole.

Babel's reader is lenient: it drops the last character of a string that lacks its closing quote
("Seniores" becomes "Seniore") and prints `Problem on line N` for garbage, then goes on. A
translator's damaged file must never be half imported, so every line is checked first (each is
blank, a comment, a keyword with one quoted string, or a continuation string), entries must be
complete, and only then does Babel read the file, with `abort_invalid` for anything else.
"""

from __future__ import annotations

import io
import re

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD = re.compile(rf"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+{_STRING}[ \t]*$")
_CONTINUATION = re.compile(rf"^{_STRING}[ \t]*$")


class PoError(ValueError):
    """A PO file that cannot be read; `line` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _lines(data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PoError(line, "this is not UTF-8 text; save the file as UTF-8") from None
    return text.removeprefix("\ufeff").split("\n")


def validate(data: bytes) -> None:
    """Raise PoError at the first line that is not clean PO syntax, or where an entry is cut off."""
    lines = _lines(data)
    last: str | None = None  # the keyword whose string a continuation line would extend
    entry_start = 0
    has_id = has_str = False
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if line.startswith("#~") or line.startswith("#|"):
                continue  # obsolete entries and previous msgids are comments here
            if has_id and not has_str and not line:
                raise PoError(entry_start, "this entry has a msgid but no msgstr (is the file cut off?)")
            last = None
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword = match.group(1)
            if keyword in ("msgctxt", "msgid"):
                if has_id and not has_str:
                    raise PoError(entry_start, "this entry has a msgid but no msgstr")
                if keyword == "msgctxt" or not has_id or has_str:
                    entry_start, has_id, has_str = number, False, False
                has_id = has_id or keyword == "msgid"
            elif keyword.startswith("msgstr"):
                if not has_id:
                    raise PoError(number, "msgstr without a msgid before it")
                has_str = True
            last = keyword
            continue
        if _CONTINUATION.match(line):
            if last is None:
                raise PoError(number, "a string that follows no msgid, msgstr or msgctxt")
            continue
        if line.startswith(("msgid", "msgstr", "msgctxt", '"')):
            raise PoError(number, "a string without its closing quote, or with an unescaped quote inside")
        raise PoError(number, f"not PO syntax: {line[:40]!r}")
    if has_id and not has_str:
        raise PoError(entry_start, "the file ends inside an entry: a msgid without its msgstr (is it cut off?)")


def read_strict(data: bytes) -> Catalog:
    """The catalogue in `data`, or PoError naming the first line that is wrong."""
    validate(data)
    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except PoFileError as exc:
        line = getattr(exc, "lineno", 0) or 0
        raise PoError(line, str(exc)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise PoError(1, str(exc)) from None
