"""Translation units, and the source version a translation records for each of them.

A unit is what a translator translates as one piece: a YAML text field (`textfields.units`), or
a Markdown paragraph, list item, table row or heading (`markdown_units`; a fenced code block is
one unit too). Each translation records, per unit, a short hash of the source text it was made
from, so that editing one sentence makes exactly that unit outdated:

    # curriculum/modules/m02.es.yaml: a mapping, one line per translated text
    source_hashes:
      title: "3f9a2b1c"
      sessions/s1/title: "0a1b2c3d"

    # content/modules/m02.es.md front matter: one hash per unit of the translation, in order
    source_hashes:
    - "5be01a33"  # ## Why this module matters

The record lives in the translation itself (its front matter or a top-level YAML key), so that
renaming or deleting a translation takes its record along, and a merge conflict shows the unit's
key (or its first words) next to the hash. Older files record one hash for the whole file
(`source_hash:`); `curriculum i18n migrate` converts them.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from generator.source.links import fenced_lines

RECORD_KEY = "source_hashes"
OLD_KEY = "source_hash"
UNIT_HASH = re.compile(r"^[0-9a-f]{8}$")

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|(?P<number>\d{1,9})[.)])(?:\s+|$)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_TABLE_ROW = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$")


def unit_hash(text: str) -> str:
    """The first 8 hex digits of the SHA-256 of `text`, line breaks and outer blanks normalised."""
    normal = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Block:
    """One unit of a Markdown body: its span (character offsets) and first line (0-based)."""

    start: int
    end: int
    line: int
    text: str


def markdown_units(body: str) -> list[Block]:
    """The units of a Markdown body, in order (blank lines and table rules are no unit)."""
    return list(_units(body))


# Blocks are frozen: the units of a body can be kept, and serve reads the same bodies at every edit.
@functools.lru_cache(maxsize=8192)
def _units(body: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    offsets = [0]
    for line in body.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    current: list[int] = []  # line numbers (0-based) of the unit being read
    current_code = False

    def close() -> None:
        nonlocal current
        if current:
            start = offsets[current[0]]
            end = offsets[current[-1]] + len(lines[current[-1]])
            blocks.append(Block(start, end, current[0], body[start:end]))
        current = []

    lines = body.split("\n")
    for number, line, code in fenced_lines(body):
        index = number - 1
        if code:
            if not current_code:  # an opening fence: code is a unit of its own
                close()
                current_code = True
            current.append(index)
            continue
        if current_code:
            close()
            current_code = False
        if not line.strip():
            close()
        elif _HEADING.match(line):
            close()
            current = [index]
            close()
        elif _TABLE_ROW.match(line) and _TABLE_RULE.match(line) and current:
            current.append(index)  # the rule under a table's header belongs to the header row
        elif _TABLE_ROW.match(line) or _starts_item(line, current, lines):
            close()
            current = [index]
        else:
            current.append(index)
    close()
    return tuple(blocks)


def _starts_item(line: str, current: list[int], lines: list[str]) -> bool:
    """Whether `line` begins a list item (as CommonMark reads it, not a year ending a sentence)."""
    match = _LIST_ITEM.match(line)
    if match is None:
        return False
    if not current or match.group("number") in (None, "1"):
        return True
    # "2026. From..." inside a paragraph continues it; only a list goes on with "2."
    return _LIST_ITEM.match(lines[current[0]]) is not None


# --- what a translation records ---------------------------------------------------------------


def recorded_map(data: Any) -> dict[str, str] | None:
    """The per-unit record of a YAML overlay (key -> hash), or None if it has none."""
    value = data.get(RECORD_KEY) if isinstance(data, dict) else None
    if not isinstance(value, dict):
        return None
    return {str(k): (v.strip() if isinstance(v, str) else "") for k, v in value.items()}


def recorded_list(meta: Any) -> list[str] | None:
    """The per-unit record of a translated page (one hash per unit), or None if it has none."""
    value = meta.get(RECORD_KEY) if isinstance(meta, dict) else None
    if not isinstance(value, list):
        return None
    return [v.strip() if isinstance(v, str) else "" for v in value]


def _comment(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= 40 else first[:39] + "…"


def yaml_record(record: dict[str, str]) -> str:
    """The `source_hashes:` block of an overlay, one line per key, in the order given."""
    lines = [f"{RECORD_KEY}:"]
    for key, value in record.items():
        lines.append(f'  {_yaml_key(key)}: "{value}"')
    return "\n".join(lines) + "\n"


def _yaml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_][\w./-]*", key) else '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def list_record(hashes: list[str], sources: list[str]) -> str:
    """The `source_hashes:` block of a page's front matter: each hash with the unit's first words."""
    lines = [f"{RECORD_KEY}:"]
    for i, value in enumerate(hashes):
        note = _comment(sources[i]) if i < len(sources) else ""
        lines.append(f'- "{value}"' + (f"  # {note}" if note else ""))
    return "\n".join(lines) + "\n"


# --- pairing a page's recorded units with its source now -----------------------------------------


@dataclass(frozen=True)
class Pair:
    """Source unit `source` (index now) and the translation unit that translates it (or None)."""

    source: int
    translation: int | None
    current: bool


def align(recorded: list[str], now: list[str]) -> tuple[list[Pair], list[int]]:
    """Pair the units a page's translation records with the source's units now.

    A source unit whose hash the translation records is current, wherever its translation
    stands (a glossary translated in its own alphabetical order keeps its pairs). A changed
    source unit pairs with the translation unit next to its neighbour's: the unit after the
    translation of the source unit before it, or else the one before the translation of the
    unit after it; changed units still unpaired then pair in order with the translation units
    left over. Returns a Pair for each source unit that has a translation, and the indexes
    of translation units whose source text was removed.
    """
    waiting: dict[str, list[int]] = {}
    for i, value in enumerate(recorded):
        if value:
            waiting.setdefault(value, []).append(i)
    to_translation: dict[int, int] = {}
    current: set[int] = set()
    for j, value in enumerate(now):
        if waiting.get(value):
            to_translation[j] = waiting[value].pop(0)
            current.add(j)
    used = set(to_translation.values())

    def take(j: int, candidate: int) -> None:
        if 0 <= candidate < len(recorded) and candidate not in used:
            to_translation[j] = candidate
            used.add(candidate)

    for j in range(len(now)):  # after the translation of the unit before
        if j not in to_translation and j - 1 in to_translation:
            take(j, to_translation[j - 1] + 1)
        elif j not in to_translation and j == 0:
            take(j, 0)
    for j in reversed(range(len(now))):  # before the translation of the unit after
        if j not in to_translation and j + 1 in to_translation:
            take(j, to_translation[j + 1] - 1)
    # what is left on both sides pairs in order (a page translated in another order)
    left = [i for i in range(len(recorded)) if i not in used]
    for j, i in zip([j for j in range(len(now)) if j not in to_translation], left):
        take(j, i)
    pairs = [Pair(j, to_translation[j], j in current) for j in sorted(to_translation)]
    return pairs, [i for i in range(len(recorded)) if i not in used]


def merge(body: str, record: list[str], source_body: str, texts: dict[int, tuple[str, str]]) -> tuple[str, list[str], list[int | None]]:
    """A translated page `body` with source units replaced or inserted, the rest byte for byte.

    `record` holds the source hash of each unit of `body`; `texts` maps a source unit (index in
    `source_body`) to (new text, the source text it translates). A unit that pairs with a
    translated one replaces it; one that does not is inserted after the translated unit of the
    source unit before it, with the source's own separator. Returns the new body, the hash of
    each of its units and the source unit each pairs with (None for one whose source is gone).
    """
    blocks = markdown_units(source_body)
    mine = markdown_units(body)
    pairs, _orphans = align(record, [unit_hash(b.text) for b in blocks])
    # items: [text, separator after it, recorded hash, the source unit it translates or None]
    items: list[list[Any]] = []
    for i, unit in enumerate(mine):
        after = body[unit.end : mine[i + 1].start] if i + 1 < len(mine) else body[unit.end :]
        items.append([unit.text, after, record[i] if i < len(record) else "", None])
    for pair in pairs:
        if pair.translation is not None and pair.translation < len(items):
            items[pair.translation][3] = pair.source
    head = body[: mine[0].start] if mine else body
    for index in sorted(texts):
        text, source_text = texts[index]
        item = next((it for it in items if it[3] == index), None)
        if item is not None:
            item[0], item[2] = text, unit_hash(source_text)
            continue
        earlier = [it for it in items if it[3] is not None and it[3] < index]
        sep = source_body[blocks[index - 1].end : blocks[index].start] if index > 0 else "\n\n"
        if earlier:
            at = items.index(max(earlier, key=lambda it: it[3]))
            items.insert(at + 1, [text, items[at][1], unit_hash(source_text), index])
            items[at][1] = sep
        else:
            after = source_body[blocks[index].end : blocks[index + 1].start] if index + 1 < len(blocks) else "\n\n"
            items.insert(0, [text, after, unit_hash(source_text), index])
    new = head + "".join(text + after for text, after, _h, _s in items)
    return new, [h for _t, _a, h, _s in items], [s for _t, _a, _h, s in items]
