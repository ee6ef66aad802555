"""Recording which source version each unit of a translation was made from.

`mark` records the source as it is now (a reviewer says: this translation is current).
`migrate` converts a translation that records one hash for the whole file (`source_hash:`) into
one hash per unit, keeping its state: it finds the source version with that hash (the file now,
or a commit in git history) and records that version's unit hashes, so that units changed since
then stay outdated and the others become current. Neither writes anything: they return the new
text of the file, and the CLI writes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.i18n.files import TranslationFile, read, split_markdown, with_page_record, with_yaml_record
from generator.i18n.history import versions
from generator.i18n.textfields import SPECS, kind_of, units
from generator.i18n.translate import digest, overlay_for, read_overlay, recorded_hash, source_of, units_hash
from generator.i18n.units import OLD_KEY, markdown_units, recorded_list, recorded_map, unit_hash
from generator.source.load import Curriculum


class RecordError(ValueError):
    """The translation cannot be recorded as it is; the message says what to do."""


def _page(cur: Curriculum, translation: TranslationFile) -> tuple[Any, Any]:
    source = next((p for (_n, lang), p in cur.pages.items() if lang is None and p.path == translation.source), None)
    if source is None:
        raise RecordError(f"its source {translation.source} does not exist")
    mine = cur.pages.get((source.name, translation.lang))
    if mine is None or mine.path != translation.path:
        raise RecordError("it is not a page of this project (run `curriculum check`)")
    return source, mine


def _yaml(cur: Curriculum, translation: TranslationFile) -> tuple[str, Any, Any]:
    kind, loaded = kind_of(translation.source), source_of(cur, translation.source)
    overlay = overlay_for(cur, translation.source, translation.lang)
    if kind is None or loaded is None:
        raise RecordError(f"its source {translation.source} is missing or invalid; run `curriculum check`")
    if overlay is None or overlay.doc.path != translation.path or not isinstance(overlay.doc.data, dict):
        raise RecordError("it is not a valid translation overlay; run `curriculum check`")
    return kind, loaded, overlay


def mark(cur: Curriculum, translation: TranslationFile) -> tuple[str, str]:
    """(the translation's text recording that every unit it translates is from the source now, a
    note if its units cannot be paired with the source's one by one, else "")."""
    text = read(cur.root / translation.path)
    if translation.is_yaml:
        kind, loaded, overlay = _yaml(cur, translation)
        walk = read_overlay(overlay, kind, loaded.doc.data)
        record = {"/".join(u.key): unit_hash(u.text) for u in units(SPECS[kind], loaded.doc.data) if u.key in walk.texts}
        return with_yaml_record(text, record), ""
    source, mine = _page(cur, translation)
    theirs, ours = markdown_units(source.body), markdown_units(mine.body)
    note = ""
    if len(theirs) != len(ours):
        note = (f"it has {len(ours)} units and its source {len(theirs)}, so a later change to one of them will "
                "outdate it but cannot be exported or imported unit by unit; translate each paragraph, list item, "
                "table row and heading as one (blank lines between paragraphs, one line per table row)")
    return with_page_record(text, [unit_hash(b.text) for b in theirs], [b.text for b in theirs]), note


def _version(cur: Curriculum, path: str, matches: Any) -> str | None:
    """The text of `path` now or in git history for which `matches(text)` holds."""
    now = read(cur.root / path).removeprefix("\ufeff")
    if matches(now):
        return now
    return next((old for old in versions(cur.root, path) if matches(old)), None)


def is_legacy(cur: Curriculum, translation: TranslationFile) -> bool:
    """Whether the translation still records one hash for the whole file (or nothing at all)."""
    if translation.is_yaml:
        overlay = overlay_for(cur, translation.source, translation.lang)
        return overlay is not None and recorded_map(overlay.doc.data) is None
    _source, mine = _page(cur, translation)
    return recorded_list(mine.meta) is None


def migrate(cur: Curriculum, translation: TranslationFile) -> tuple[str, bool]:
    """(the translation's text with one hash per unit, whether its source version was found)."""
    text = read(cur.root / translation.path)
    if translation.is_yaml:
        kind, loaded, overlay = _yaml(cur, translation)
        old = recorded_hash(overlay.doc.data.get(OLD_KEY))

        def same(version: str) -> bool:
            try:
                data = yaml.safe_load(version)
            except yaml.YAMLError:
                return False
            return bool(old) and units_hash(units(SPECS[kind], data)) == old

        found = _version(cur, translation.source, same)
        then = {"/".join(u.key): u.text for u in units(SPECS[kind], yaml.safe_load(found))} if found else {}
        walk = read_overlay(overlay, kind, loaded.doc.data)
        record = {"/".join(u.key): (unit_hash(then["/".join(u.key)]) if "/".join(u.key) in then else "")
                  for u in units(SPECS[kind], loaded.doc.data) if u.key in walk.texts}
        return with_yaml_record(text, record), found is not None
    source, mine = _page(cur, translation)
    old = recorded_hash(mine.meta.get(OLD_KEY))
    found = _version(cur, translation.source, lambda version: bool(old) and digest(version) == old)
    ours = markdown_units(mine.body)
    if found is None:
        return with_page_record(text, [""] * len(ours), [b.text for b in ours]), False
    _front, body = split_markdown(found.replace("\r\n", "\n"))
    then = markdown_units(body)
    return with_page_record(text, [unit_hash(b.text) for b in then], [b.text for b in then]), True


def project_translations(cur: Curriculum) -> list[TranslationFile]:
    """Every translation file of the project (overlays and translated pages), in path order."""
    found = [TranslationFile(o.doc.path, o.source, o.lang) for o in cur.overlays]
    for (name, lang), page in cur.pages.items():
        if lang is not None and (name, None) in cur.pages:
            found.append(TranslationFile(page.path, cur.pages[(name, None)].path, lang))
    return sorted(found, key=lambda t: t.path)


def root_relative(root: Path, path: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()
