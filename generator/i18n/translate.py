"""Translations: apply overlays to the curriculum of one language, and say how complete each is.

`localize(cur, lang)` gives the curriculum as a reader of `lang` sees it (every text that has a
translation replaced by it, the rest left in the default language) and the status of every
translatable file. Render then works on it unchanged; `notices.py` tells the reader which pages
fall back or may be out of date.

Staleness is exact, not a date: a translation records the hash of the source it was made from
(`source_hash: "sha256:<16 hex>"`, written by `curriculum i18n mark`). For Markdown the hash is
taken over the whole source file; for YAML only over the translatable texts and their keys
(`textfields.SPECS`), so that changing minutes or a weight does not mark translations outdated,
while rewording a sentence or renaming a session id does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator import model as m
from generator.i18n.textfields import (
    SPECS,
    Key,
    Unit,
    Walk,
    apply,
    kind_of,
    units,
    walk_overlay,
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
class FileStatus:
    """How far one source file is translated into one language."""

    source: str  # the source file, relative to the project
    translation: str  # where its translation is (or would be)
    state: State
    words: int  # words of translatable text in the source
    done: int  # of which translated from the current source
    stale: int = 0  # of which translated from another version of the source (outdated)
    recorded: str = ""  # the source hash the translation records ("" if none)
    current: str = ""  # the hash of the source now
    missing: list[Key] = field(default_factory=list)  # keys of texts without translation (YAML)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "translation": self.translation, "state": self.state.value,
                "words": self.words, "translated_words": self.done, "outdated_words": self.stale,
                "source_hash": self.current,
                "recorded_hash": self.recorded, "missing": ["/".join(k) for k in self.missing]}


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
    body = {k: v for k, v in data.items() if k != "source_hash"}
    # A translator who copied the file may keep its `id:`; it changes nothing if it is the same.
    if isinstance(source_data, dict) and body.get("id") == source_data.get("id"):
        body.pop("id", None)
    return walk_overlay(SPECS[kind], body, source_data)


def source_text_hash(cur: Curriculum, page: Page) -> str:
    text, _problems = read_text(cur.root / page.path, page.path)
    return digest(text if text is not None else page.body)


def yaml_status(cur: Curriculum, path: str, kind: str, loaded: Loaded[Any], lang: str) -> FileStatus:
    found = units(SPECS[kind], loaded.doc.data)
    total = sum(words(u.text) for u in found)
    current = units_hash(found)
    overlay = overlay_for(cur, path, lang)
    status = FileStatus(path, translation_path(path, lang), State.MISSING, total, 0, current=current,
                        missing=[u.key for u in found])
    if overlay is None:
        return status
    walk = read_overlay(overlay, kind, loaded.doc.data)
    status.recorded = recorded_hash(overlay.doc.data.get("source_hash") if isinstance(overlay.doc.data, dict) else "")
    status.missing = [u.key for u in found if u.key not in walk.texts]
    if len(status.missing) == len(found):
        return status
    if status.recorded != current:
        status.state = State.OUTDATED
        status.stale = sum(words(u.text) for u in found if u.key in walk.texts)
    elif status.missing:
        status.state = State.PARTIAL
        status.done = sum(words(u.text) for u in found if u.key in walk.texts)
    else:
        status.state, status.done = State.TRANSLATED, total
    return status


def page_status(cur: Curriculum, page: Page, lang: str) -> FileStatus:
    total = words(page.body)
    current = source_text_hash(cur, page)
    status = FileStatus(page.path, translation_path(page.path, lang), State.MISSING, total, 0, current=current)
    translated = cur.pages.get((page.name, lang))
    if translated is None:
        return status
    status.translation = translated.path
    status.recorded = recorded_hash(translated.meta.get("source_hash"))
    if status.recorded != current:
        status.state, status.stale = State.OUTDATED, total
    else:
        status.state, status.done = State.TRANSLATED, total
    return status


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


def translated_model(loaded: Loaded[Any], kind: str, overlay: Overlay) -> Loaded[Any]:
    """`loaded` with the overlay's texts; the source as it is if the result would not be valid."""
    walk = read_overlay(overlay, kind, loaded.doc.data)
    texts = {key: text for key, (text, _loc) in walk.texts.items()}
    if not texts:
        return loaded
    data = apply(SPECS[kind], loaded.doc.data, texts)
    try:
        return Loaded(loaded.doc, MODELS[kind].model_validate(data))
    except ValidationError:  # `check` names the problem; the reader gets the default language
        return loaded


def localize(cur: Curriculum, lang: str) -> tuple[Curriculum, LanguageStatus]:
    """The curriculum as readers of `lang` see it, and how complete its translation is.

    Pages need no change here: render takes `(name, lang)` before `(name, None)`.
    """
    if lang == cur.languages[0]:
        return cur, LanguageStatus(lang)
    local = dataclasses.replace(cur, modules=dict(cur.modules), rubrics=dict(cur.rubrics),
                                schedules=dict(cur.schedules))
    tables: dict[str, dict[str, Any]] = {"module": local.modules, "rubric": local.rubrics, "schedule": local.schedules}
    for overlay in cur.overlays:
        if overlay.lang != lang:
            continue
        kind = kind_of(overlay.source)
        loaded = source_of(cur, overlay.source)
        if kind is None or loaded is None:
            continue
        if kind == "programme":
            local.programme = translated_model(loaded, kind, overlay)
        else:
            tables[kind][Path(overlay.source).stem] = translated_model(loaded, kind, overlay)
    return local, language_status(cur, lang)


def translated_site_name(config: dict[str, Any], cur: Curriculum, local: Curriculum) -> dict[str, Any]:
    """The project's MkDocs settings for a language whose programme title is translated.

    The site name in every page's header is the author's `site_name`; where the programme's
    title is translated, readers get that title instead of a name in another language.
    """
    if cur.programme is None or local.programme is None or local.programme is cur.programme:
        return config
    title = local.programme.model.title
    return config if title == cur.programme.model.title else {**config, "site_name": title}
