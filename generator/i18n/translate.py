"""Translations: apply overlays to the curriculum of one language, and say how complete each is.

`localize(cur, lang)` gives the curriculum as a reader of `lang` sees it (every text that has a
translation replaced by it, the rest left in the default language) and the status of every
translatable file. Render then works on it unchanged; `notices.py` tells the reader which pages
fall back or may be out of date.

Staleness is exact and per unit, not a date: a translation records, for each unit it translates
(a YAML text field; a Markdown paragraph, list item, table row or heading), a short hash of the
source text it was made from (`units.py`, written by `curriculum i18n mark` and `import`). A unit
whose source text has another hash now is outdated; rewording one sentence makes exactly its unit
outdated, and changing minutes or a weight none. Files that still record one hash for the whole
file (`source_hash:`) are read as before: all current or all outdated.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import ValidationError

from generator import model as m
from generator.model import Untranslated
from generator.i18n.textfields import (
    SPECS,
    Key,
    Unit,
    Walk,
    apply,
    units,
    walk_overlay,
)
from generator.i18n.units import (
    OLD_KEY,
    RECORD_KEY,
    align,
    markdown_units,
    merge,
    recorded_list,
    recorded_map,
    unit_hash,
)
from generator.source.load import Curriculum, Loaded, Overlay, Page
from generator.source.yamlsource import read_text

HASH_PREFIX = "sha256:"
MODELS: dict[str, type[m.Strict]] = {"programme": m.Programme, "module": m.Module, "rubric": m.Rubric,
                                     "schedule": m.Schedule}


class State(str, Enum):
    TRANSLATED = "translated"  # every text translated, from the current source
    PARTIAL = "partial"  # from the current source, but some texts are not translated yet
    OUTDATED = "outdated"  # made from another version of the source (or no version recorded)
    MISSING = "missing"  # no translation at all


def digest(text: str) -> str:
    """`sha256:` and the first 16 hex digits of the SHA-256 of `text`, newlines normalised."""
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    return HASH_PREFIX + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def units_hash(found: list[Unit]) -> str:
    return digest("".join(f"{'/'.join(u.key)}\t{u.text}\n" for u in found))


def translation_path(source: str, lang: str) -> str:
    """`curriculum/modules/m02.yaml` -> `curriculum/modules/m02.es.yaml` (same for `.md`)."""
    stem, dot, ext = source.rpartition(".")
    return f"{stem}.{lang}.{ext}"


_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def words(text: str) -> int:
    """Words of a text; a placeholder such as {{ country.agency.short }} counts as the one word it stands for."""
    return len(_PLACEHOLDER.sub("x", text).split()) if "{{" in text else len(text.split())


def recorded_hash(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


@dataclass
class UnitStatus:
    """One unit of a source file and the state of its translation."""

    key: str  # a YAML text's key (`sessions/s1/title`) or a page unit's number (`3`)
    line: int  # where the unit starts in the source file
    text: str  # the source text now
    state: State  # TRANSLATED (current), OUTDATED or MISSING
    recorded: str = ""  # the unit hash the translation records ("" if none)
    translation: str | None = None  # the translated text, where it pairs with this unit
    translation_line: int = 0  # where that text is in the translation file
    translation_column: int = 1

    @property
    def words(self) -> int:
        return words(self.text)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "line": self.line, "state": self.state.value, "words": self.words,
                "source_hash": unit_hash(self.text), "recorded_hash": self.recorded}


@dataclass
class FileStatus:
    """How far one source file is translated into one language."""

    source: str  # the source file, relative to the project
    translation: str  # where its translation is (or would be)
    state: State
    units: list[UnitStatus] = field(default_factory=list)
    orphans: int = 0  # translated units whose source text was removed
    legacy: bool = False  # the translation records one hash for the whole file (`source_hash:`)
    aligned: bool = True  # the translated page has one unit per recorded source unit
    record: list[str] = field(default_factory=list)  # a page's recorded hash per translation unit

    def count(self, state: State) -> int:
        return sum(u.state is state for u in self.units)

    def words_in(self, state: State) -> int:
        return sum(u.words for u in self.units if u.state is state)

    @property
    def words(self) -> int:
        return sum(u.words for u in self.units)

    @property
    def done(self) -> int:
        return self.words_in(State.TRANSLATED)

    @property
    def stale(self) -> int:
        return self.words_in(State.OUTDATED)

    @property
    def missing(self) -> list[str]:
        return [u.key for u in self.units if u.state is State.MISSING]

    @property
    def outdated(self) -> list[UnitStatus]:
        return [u for u in self.units if u.state is State.OUTDATED]

    @property
    def unchecked(self) -> bool:
        """Outdated only because no source version was recorded (not because the source changed)."""
        return bool(self.outdated) and all(not u.recorded for u in self.outdated)

    def settle(self) -> "FileStatus":
        """Set the file's state from its units' states."""
        if not self.units and not self.orphans:
            return self
        if self.outdated or self.orphans:
            self.state = State.OUTDATED
        elif not any(u.state is State.TRANSLATED for u in self.units):
            self.state = State.MISSING
        elif self.missing:
            self.state = State.PARTIAL
        else:
            self.state = State.TRANSLATED
        return self

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "translation": self.translation, "state": self.state.value,
                "words": self.words, "translated_words": self.done, "outdated_words": self.stale,
                "units": len(self.units), "translated_units": self.count(State.TRANSLATED),
                "outdated_units": self.count(State.OUTDATED), "missing_units": self.count(State.MISSING),
                "removed_units": self.orphans, "legacy_record": self.legacy,
                "missing": self.missing, "outdated": [u.to_json() for u in self.outdated]}

@dataclass
class LanguageStatus:
    lang: str
    files: list[FileStatus] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(f.words for f in self.files)

    @property
    def done(self) -> int:
        return sum(f.done for f in self.files)

    @property
    def stale(self) -> int:
        return sum(f.stale for f in self.files)

    def count(self, state: State) -> int:
        return sum(f.count(state) for f in self.files)

    def words_in(self, state: State) -> int:
        return sum(f.words_in(state) for f in self.files)

    @property
    def percent(self) -> float:
        """Words translated from the current source, in percent of all words to translate."""
        return 100.0 * self.done / self.words if self.words else 100.0

    @property
    def percent_outdated(self) -> float:
        return 100.0 * self.stale / self.words if self.words else 0.0

    def of(self, source: str) -> FileStatus | None:
        return next((f for f in self.files if f.source == source), None)

    def complete(self) -> bool:
        return all(f.state is State.TRANSLATED for f in self.files)


# --- the sources and their translations ----------------------------------------------------


def yaml_sources(cur: Curriculum) -> list[tuple[str, str, Loaded[Any]]]:
    """(path, kind, loaded) of every valid YAML source, in a stable order."""
    found: list[tuple[str, str, Loaded[Any]]] = []
    if cur.programme:
        found.append((cur.programme.doc.path, "programme", cur.programme))
    tables: list[tuple[str, dict[str, Loaded[Any]]]] = [
        ("module", dict(cur.modules)), ("rubric", dict(cur.rubrics)), ("schedule", dict(cur.schedules))]
    for kind, table in tables:
        for _id, loaded in sorted(table.items()):
            found.append((loaded.doc.path, kind, loaded))
    return found


def source_of(cur: Curriculum, path: str) -> Loaded[Any] | None:
    return next((loaded for p, _k, loaded in yaml_sources(cur) if p == path), None)


def overlay_for(cur: Curriculum, source: str, lang: str) -> Overlay | None:
    return next((o for o in cur.overlays if o.source == source and o.lang == lang), None)


def read_overlay(overlay: Overlay, kind: str, source_data: Any) -> Walk:
    """The overlay's texts paired with the source (what does not fit is in the Walk's lists)."""
    data = overlay.doc.data if isinstance(overlay.doc.data, dict) else {}
    body = {k: v for k, v in data.items() if k not in (OLD_KEY, RECORD_KEY)}
    # A translator who copied the file may keep its `id:`; it changes nothing if it is the same.
    if isinstance(source_data, dict) and body.get("id") == source_data.get("id"):
        body.pop("id", None)
    return walk_overlay(SPECS[kind], body, source_data)


def source_text_hash(cur: Curriculum, page: Page) -> str:
    text, _problems = read_text(cur.root / page.path, page.path)
    return digest(text if text is not None else page.body)


def yaml_status(cur: Curriculum, path: str, kind: str, loaded: Loaded[Any], lang: str) -> FileStatus:
    found = units(SPECS[kind], loaded.doc.data)
    overlay = overlay_for(cur, path, lang)
    status = FileStatus(path, translation_path(path, lang), State.MISSING)
    walk = read_overlay(overlay, kind, loaded.doc.data) if overlay else None
    data = overlay.doc.data if overlay and isinstance(overlay.doc.data, dict) else {}
    record = recorded_map(data)
    if record is None:  # the old form: one hash for the whole file
        status.legacy = overlay is not None
        old = recorded_hash(data.get(OLD_KEY))
        whole = units_hash(found)
        record = {"/".join(u.key): (unit_hash(u.text) if old == whole else old) for u in found}
    for unit in found:
        key = "/".join(unit.key)
        line = loaded.doc.where(unit.loc).line
        if walk is None or unit.key not in walk.texts:
            status.units.append(UnitStatus(key, line, unit.text, State.MISSING))
            continue
        recorded = record.get(key, "")
        state = State.TRANSLATED if recorded == unit_hash(unit.text) else State.OUTDATED
        text, loc = walk.texts[unit.key]
        where = overlay.doc.where(loc) if overlay else None
        status.units.append(UnitStatus(key, line, unit.text, state, recorded, text, where.line if where else 0,
                                       where.column if where else 1))
    return status.settle()


def page_status(cur: Curriculum, page: Page, lang: str) -> FileStatus:
    blocks = markdown_units(page.body)
    status = FileStatus(page.path, translation_path(page.path, lang), State.MISSING)
    translated = cur.pages.get((page.name, lang))
    if translated is None:
        status.units = [UnitStatus(str(n), page.body_line + b.line, b.text, State.MISSING)
                        for n, b in enumerate(blocks, 1)]
        return status.settle()
    status.translation = translated.path
    mine = markdown_units(translated.body)
    recorded = recorded_list(translated.meta)
    if recorded is None:  # the old form: one hash for the whole file
        status.legacy = True
        old = recorded_hash(translated.meta.get(OLD_KEY))
        same = old == source_text_hash(cur, page) and len(mine) == len(blocks)
        recorded = [unit_hash(b.text) for b in blocks] if same else [old] * len(mine)
    status.aligned = len(recorded) == len(mine)
    status.record = recorded
    pairs, orphans = align(recorded, [unit_hash(b.text) for b in blocks])
    by_source = {p.source: p for p in pairs}
    status.orphans = len(orphans)
    for n, block in enumerate(blocks):
        pair = by_source.get(n)
        unit = UnitStatus(str(n + 1), page.body_line + block.line, block.text, State.MISSING)
        if pair is not None and pair.translation is not None:
            unit.state = State.TRANSLATED if pair.current else State.OUTDATED
            unit.recorded = recorded[pair.translation]
            if status.aligned:
                unit.translation = mine[pair.translation].text
                unit.translation_line = translated.body_line + mine[pair.translation].line
        status.units.append(unit)
    return status.settle()


def language_status(cur: Curriculum, lang: str) -> LanguageStatus:
    """Every translatable file of the project and how far it is translated into `lang`."""
    result = LanguageStatus(lang)
    for path, kind, loaded in yaml_sources(cur):
        result.files.append(yaml_status(cur, path, kind, loaded, lang))
    for (_name, page_lang), page in sorted(cur.pages.items(), key=lambda kv: kv[1].path):
        if page_lang is None:
            result.files.append(page_status(cur, page, lang))
    return result


# --- localize --------------------------------------------------------------------------------


def translated_model(loaded: Loaded[Any], kind: str, overlay: Overlay | None, fallback: str) -> Loaded[Any]:
    """`loaded` with the overlay's texts, every text left untranslated marked as written in `fallback`.

    The source (marked likewise) if the translated file would not be valid: `check` names the
    problem, and the reader gets the default language, marked as such.
    """
    walk = read_overlay(overlay, kind, loaded.doc.data) if overlay is not None else None
    texts: dict[Key, str] = {key: text for key, (text, _loc) in walk.texts.items()} if walk else {}
    marked = {unit.key: Untranslated(unit.text, fallback) for unit in units(SPECS[kind], loaded.doc.data)}
    for data in (apply(SPECS[kind], loaded.doc.data, {**marked, **texts}), apply(SPECS[kind], loaded.doc.data, marked)):
        try:
            return Loaded(loaded.doc, MODELS[kind].model_validate(data))
        except ValidationError:
            continue
    return loaded


def localize(cur: Curriculum, lang: str) -> tuple[Curriculum, LanguageStatus]:
    """The curriculum as readers of `lang` see it, and how complete its translation is.

    Every YAML text without a translation is an `Untranslated` text of the default language, so
    that render can mark it with its language. Render takes a page's `(name, lang)` before
    `(name, None)`; a translated page whose source gained units since shows them in the default
    language, in their place.
    """
    if lang == cur.languages[0]:
        return cur, LanguageStatus(lang)
    local = dataclasses.replace(cur, modules=dict(cur.modules), rubrics=dict(cur.rubrics),
                                schedules=dict(cur.schedules), pages=dict(cur.pages))
    default = cur.languages[0]
    if cur.programme is not None:
        local.programme = translated_model(cur.programme, "programme", overlay_for(cur, cur.programme.doc.path, lang),
                                           default)
    for kind, table in (("module", local.modules), ("rubric", local.rubrics), ("schedule", local.schedules)):
        for name, loaded in table.items():
            table[name] = translated_model(loaded, kind, overlay_for(cur, loaded.doc.path, lang), default)
    status = language_status(cur, lang)
    for (name, page_lang), page in cur.pages.items():
        translated = cur.pages.get((name, lang))
        file = status.of(page.path) if page_lang is None and translated is not None else None
        if file is not None and file.missing and file.aligned and translated is not None:
            untranslated = {int(u.key) - 1: (u.text, u.text) for u in file.units if u.state is State.MISSING}
            body, _hashes, _sources = merge(translated.body, file.record, page.body, untranslated)
            local.pages[(name, lang)] = dataclasses.replace(translated, body=body)
    return local, status


def translated_site_name(config: dict[str, Any], cur: Curriculum, local: Curriculum) -> dict[str, Any]:
    """The project's MkDocs settings for a language whose programme title is translated.

    The site name in every page's header is the author's `site_name`; where the programme's
    title is translated, readers get that title instead of a name in another language.
    """
    if cur.programme is None or local.programme is None or local.programme is cur.programme:
        return config
    title = local.programme.model.title
    return config if title == cur.programme.model.title else {**config, "site_name": title}
