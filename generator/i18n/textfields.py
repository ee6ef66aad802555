"""Which values of each YAML file kind are text to translate, and how overlays address them.

A translation overlay (`m02.es.yaml`) holds only these values, lists matched by `id` (or by
position where the format says so), never structure. Every translatable value has a *key*: the
path to it with list items named by their id, e.g. `("sessions", "s1", "title")`, so that an
overlay written in another order, or a source that gained a session, still pairs each text
with its translation. The same keys name the entries of PO catalogues (`po.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Union

from generator.source.yamlsource import PathKey

Key = tuple[str, ...]


@dataclass(frozen=True)
class Text:
    """One text value."""


@dataclass(frozen=True)
class TextList:
    """A list of texts, matched by position (an outcome's indicators)."""


@dataclass(frozen=True)
class TextMap:
    """A mapping of keys to texts (a criterion's descriptors, by level score)."""


@dataclass(frozen=True)
class Fields:
    """A mapping whose listed keys hold text (or more nested text)."""

    fields: dict[str, "Spec"]


@dataclass(frozen=True)
class Items:
    """A list of mappings, matched by the value of `match` (an id), or by position if None."""

    fields: dict[str, "Spec"]
    match: str | None = "id"


Spec = Union[Text, TextList, TextMap, Fields, Items]

TEXT = Text()

SPECS: dict[str, Fields] = {
    "programme": Fields({
        "title": TEXT, "summary": TEXT, "purpose": TEXT, "audience": TEXT,
        "cascade": Items({"role": TEXT, "text": TEXT}, match=None),
        "outcomes": Items({"text": TEXT, "indicators": TextList()}),
        "certification": Fields({"text": TEXT}),
        "tags": TextMap(),
    }),
    "module": Fields({
        "title": TEXT, "summary": TEXT,
        "objectives": Items({"text": TEXT}),
        "sessions": Items({"title": TEXT, "summary": TEXT}),
    }),
    "rubric": Fields({
        "title": TEXT, "summary": TEXT,
        "levels": Items({"label": TEXT}, match="score"),
        "criteria": Items({"title": TEXT, "descriptors": TextMap()}),
        "eligibility": Items({"text": TEXT}),
    }),
    "schedule": Fields({
        "title": TEXT, "location": TEXT,
        "phases": Items({"title": TEXT}, match=None),
        # Day titles are printed too; days are matched by their date (an extension of the format).
        "days": Items({"title": TEXT}, match="date"),
    }),
}

FOLDER_KINDS = {"curriculum/modules": "module", "curriculum/rubrics": "rubric", "curriculum/schedules": "schedule"}


def kind_of(source: str) -> str | None:
    """The file kind of a YAML source path such as `curriculum/modules/m02.yaml`."""
    if source == "curriculum/programme.yaml":
        return "programme"
    folder = source.rsplit("/", 1)[0]
    return FOLDER_KINDS.get(folder)


def id_text(value: Any) -> str:
    """A match value as text: ids stay, scores `1` -> "1", dates -> "2026-02-02"."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return repr(value)
    return str(value)


@dataclass(frozen=True)
class Unit:
    """One translatable text of a source file: its key, where it stands, and the text."""

    key: Key
    loc: PathKey
    text: str


def units(spec: Spec, data: Any, key: Key = (), loc: PathKey = ()) -> list[Unit]:
    """Every text of `data` (a source document) that `spec` marks as translatable, in file order."""
    found: list[Unit] = []
    if isinstance(spec, Text):
        if isinstance(data, str) and data.strip():
            found.append(Unit(key, loc, data))
    elif isinstance(spec, TextList):
        for i, item in enumerate(data if isinstance(data, list) else []):
            found += units(TEXT, item, key + (str(i),), loc + (i,))
    elif isinstance(spec, TextMap):
        for name, item in (data.items() if isinstance(data, dict) else []):
            found += units(TEXT, item, key + (id_text(name),), loc + (name,))
    elif isinstance(spec, Fields):
        for name, sub in spec.fields.items():
            if isinstance(data, dict) and name in data:
                found += units(sub, data[name], key + (name,), loc + (name,))
    else:
        for i, item in enumerate(data if isinstance(data, list) else []):
            if not isinstance(item, dict):
                continue
            name = str(i) if spec.match is None else id_text(item.get(spec.match))
            found += units(Fields(spec.fields), item, key + (name,), loc + (i,))
    return found


def apply(spec: Spec, data: Any, texts: dict[Key, str], key: Key = ()) -> Any:
    """A copy of `data` with every text whose key is in `texts` replaced by its translation."""
    if isinstance(spec, Text):
        return texts.get(key, data) if isinstance(data, str) else data
    if isinstance(spec, TextList):
        return [apply(TEXT, x, texts, key + (str(i),)) for i, x in enumerate(data)] if isinstance(data, list) else data
    if isinstance(spec, TextMap):
        if not isinstance(data, dict):
            return data
        return {k: apply(TEXT, v, texts, key + (id_text(k),)) for k, v in data.items()}
    if isinstance(spec, Fields):
        if not isinstance(data, dict):
            return data
        return {k: apply(spec.fields[k], v, texts, key + (k,)) if k in spec.fields else v for k, v in data.items()}
    if not isinstance(data, list):
        return data
    out = []
    for i, item in enumerate(data):
        if isinstance(item, dict):
            name = str(i) if spec.match is None else id_text(item.get(spec.match))
            item = apply(Fields(spec.fields), item, texts, key + (name,))
        out.append(item)
    return out


@dataclass
class Walk:
    """What an overlay says: its translations by key, and what is wrong with it."""

    texts: dict[Key, tuple[str, PathKey]] = field(default_factory=dict)
    unknown_keys: list[tuple[PathKey, str]] = field(default_factory=list)  # (loc, why)
    structure: list[tuple[PathKey, str]] = field(default_factory=list)
    unknown_ids: list[tuple[PathKey, str]] = field(default_factory=list)
    not_text: list[tuple[PathKey, str]] = field(default_factory=list)
    duplicates: list[tuple[PathKey, str]] = field(default_factory=list)


def walk_overlay(spec: Spec, overlay: Any, source: Any, key: Key = (), loc: PathKey = (), out: Walk | None = None) -> Walk:
    """Pair the values of an overlay with the source they translate; name what does not fit."""
    out = out if out is not None else Walk()
    if isinstance(spec, Text):
        if isinstance(overlay, str) and overlay.strip():
            if key in out.texts:
                out.duplicates.append((loc, "/".join(key)))
            else:
                out.texts[key] = (overlay, loc)
        elif overlay is not None and overlay != "":
            out.not_text.append((loc, "a text"))
        return out
    if isinstance(spec, (TextList, Items)):
        if not isinstance(overlay, list):
            out.not_text.append((loc, "a list"))
            return out
        source_items = source if isinstance(source, list) else []
        if isinstance(spec, TextList):
            for i, item in enumerate(overlay):
                if i >= len(source_items):
                    out.unknown_ids.append((loc + (i,), f"item {i + 1}: the source has only {len(source_items)}"))
                else:
                    walk_overlay(TEXT, item, source_items[i], key + (str(i),), loc + (i,), out)
            return out
        by_name = {}
        for i, item in enumerate(source_items):
            if isinstance(item, dict):
                by_name[str(i) if spec.match is None else id_text(item.get(spec.match))] = item
        for i, item in enumerate(overlay):
            if not isinstance(item, dict):
                out.not_text.append((loc + (i,), "a mapping"))
                continue
            if spec.match is None:
                name = str(i)
                if name not in by_name:
                    out.unknown_ids.append((loc + (i,), f"item {i + 1}: the source has only {len(by_name)}"))
                    continue
            else:
                if spec.match not in item:
                    out.not_text.append((loc + (i,), f"a mapping with '{spec.match}' naming the item it translates"))
                    continue
                name = id_text(item[spec.match])
                if name not in by_name:
                    known = ", ".join(by_name) or "none"
                    out.unknown_ids.append((loc + (i, spec.match), f"{spec.match} '{name}' is not in the source; it has: {known}"))
                    continue
            matched = {spec.match} if spec.match else set()
            _walk_fields(spec.fields, item, by_name[name], key + (name,), loc + (i,), out, matched)
        return out
    if isinstance(spec, TextMap):
        if not isinstance(overlay, dict):
            out.not_text.append((loc, "a mapping"))
            return out
        source_map = {id_text(k): v for k, v in source.items()} if isinstance(source, dict) else {}
        for name, item in overlay.items():
            if id_text(name) not in source_map:
                out.unknown_keys.append((loc + (name,), f"'{name}' is not in the source"))
            else:
                walk_overlay(TEXT, item, source_map[id_text(name)], key + (id_text(name),), loc + (name,), out)
        return out
    if not isinstance(overlay, dict):
        out.not_text.append((loc, "a mapping"))
        return out
    _walk_fields(spec.fields, overlay, source, key, loc, out, set())
    return out


def _walk_fields(fields: dict[str, Spec], overlay: dict[str, Any], source: Any, key: Key, loc: PathKey,
                 out: Walk, matched: set[str]) -> None:
    source = source if isinstance(source, dict) else {}
    for name, value in overlay.items():
        here = loc + (name,)
        if name in matched:
            continue
        if name in fields and name in source:
            walk_overlay(fields[name], value, source[name], key + (name,), here, out)
        elif name in source:
            out.structure.append((here, name))
        else:
            out.unknown_keys.append((here, f"the source has no '{name}' here"))
