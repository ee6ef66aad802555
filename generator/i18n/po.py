"""PO catalogues for translators: export what is left to translate, import what they did.

Every entry names its place as `msgctxt "<source file>::<key>"` (a YAML text's key such as
`sessions/s1/title`, or a Markdown paragraph's number) and records the hash of the source it
was exported from in a `#. source_hash` comment, so that an import writes exactly the version a
translator saw. Standard gettext rules apply: empty and fuzzy entries are not imported. Entries
of outdated translations are exported with the old translation as a fuzzy suggestion, so that
exporting and importing an unchanged catalogue changes no file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from generator.i18n.files import UnsafeWrite, markdown_translation, read, write
from generator.i18n.textfields import (
    SPECS,
    Fields,
    Items,
    Key,
    Spec,
    TextList,
    TextMap,
    id_text,
    kind_of,
    units,
)
from generator.i18n.translate import (
    FileStatus,
    State,
    digest,
    language_status,
    overlay_for,
    read_overlay,
    recorded_hash,
    source_of,
    translation_path,
    units_hash,
)
from generator.problems import Problem, Where
from generator.source.links import fenced_lines
from generator.source.load import Curriculum
from generator.source.yamledit import YamlText
from generator.source.yamlsource import parse_yaml

SEP = "::"
_HASH_NOTE = re.compile(r"^source_hash (sha256:[0-9a-f]{16})$")
_PARAGRAPH_NOTE = re.compile(r"^paragraph (\d+) of (\d+)$")


def paragraphs(body: str) -> list[tuple[int, str]]:
    """(line offset, text) of each block of a Markdown body: split at blank lines, not in code."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line, code in fenced_lines(body):
        number -= 1  # offsets from the start of the body
        if not line.strip() and not code:
            if current:
                blocks.append((start, "\n".join(current)))
                current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def join_paragraphs(texts: Iterable[str]) -> str:
    return "\n\n".join(t.strip("\n") for t in texts) + "\n"


def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


# --- export ---------------------------------------------------------------------------------


def export(cur: Curriculum, lang: str, when: dt.datetime) -> Catalog:
    """Every untranslated or outdated text of the project for `lang`, as a catalogue."""
    title = cur.programme.model.title if cur.programme else "curriculum"
    version = cur.programme.model.version if cur.programme else None
    catalog = Catalog(locale=_locale(lang), project=title, version=version, fuzzy=False, creation_date=when,
                      revision_date=when, copyright_holder=None, msgid_bugs_address="",
                      header_comment=(f"# {title}: texts to translate into {lang}.\n"
                                      "# Fill in each msgstr; clear the fuzzy flag of a suggestion you checked.\n"
                                      "# Then run: curriculum i18n import THIS-FILE.po"))
    for status in language_status(cur, lang).files:
        if status.state is State.TRANSLATED:
            continue
        if status.source.endswith(".yaml"):
            _export_yaml(cur, lang, status, catalog)
        else:
            _export_page(cur, lang, status, catalog)
    return catalog


def _export_yaml(cur: Curriculum, lang: str, status: FileStatus, catalog: Catalog) -> None:
    kind = kind_of(status.source)
    loaded = source_of(cur, status.source)
    if kind is None or loaded is None:
        return
    overlay = overlay_for(cur, status.source, lang)
    old = read_overlay(overlay, kind, loaded.doc.data).texts if overlay else {}
    note = f"source_hash {status.current}"
    for unit in units(SPECS[kind], loaded.doc.data):
        previous = old.get(unit.key)
        if status.state is State.PARTIAL and previous is not None:
            continue  # up to date already
        line = loaded.doc.where(unit.loc).line
        catalog.add(unit.text, previous[0] if previous else "", locations=[(status.source, line)],
                    auto_comments=[note], context=f"{status.source}{SEP}{'/'.join(unit.key)}",
                    flags=["fuzzy"] if previous else [])


def _export_page(cur: Curriculum, lang: str, status: FileStatus, catalog: Catalog) -> None:
    page = next(p for (_n, lang_), p in cur.pages.items() if lang_ is None and p.path == status.source)
    blocks = paragraphs(page.body)
    translated = cur.pages.get((page.name, lang))
    old = [text for _line, text in paragraphs(translated.body)] if translated else []
    suggest = len(old) == len(blocks)  # paragraphs pair up only if there are as many
    for n, (offset, text) in enumerate(blocks, 1):
        notes = [f"source_hash {status.current}", f"paragraph {n} of {len(blocks)}"]
        if text.startswith((" ", "\t")):
            notes.append("keep the indentation: this paragraph belongs to the block above")
        catalog.add(text, old[n - 1] if suggest else "", locations=[(page.path, page.body_line + offset)],
                    auto_comments=notes, context=f"{page.path}{SEP}{n}", flags=["fuzzy"] if suggest else [])


def dump(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, sort_output=False, width=76)
    return out.getvalue()


# --- import ---------------------------------------------------------------------------------


@dataclass
class Imported:
    written: list[str] = field(default_factory=list)  # files changed
    notes: list[str] = field(default_factory=list)  # what was left alone, and why
    problems: list[Problem] = field(default_factory=list)  # files that could not be written safely


@dataclass
class Entry:
    key: str
    source_text: str
    text: str  # "" if not usable (empty or fuzzy)
    source_hash: str
    paragraph_of: int | None = None


def load_catalogue(data: bytes) -> Catalog:
    return read_po(io.BytesIO(data))


def _entries(catalog: Catalog) -> dict[str, list[Entry]]:
    by_file: dict[str, list[Entry]] = {}
    for message in catalog:
        if not message.id or not message.context or SEP not in message.context:
            continue
        path, key = message.context.rsplit(SEP, 1)
        source_hash, total = "", None
        for note in message.auto_comments:
            if (match := _HASH_NOTE.match(note.strip())) is not None:
                source_hash = match.group(1)
            elif (match := _PARAGRAPH_NOTE.match(note.strip())) is not None:
                total = int(match.group(2))
        text = message.string if isinstance(message.string, str) else ""
        usable = text if text.strip() and not message.fuzzy else ""
        by_file.setdefault(path, []).append(Entry(key, str(message.id), usable, source_hash, total))
    return by_file


def import_catalogue(cur: Curriculum, catalog: Catalog, lang: str) -> Imported:
    """Write the translated entries of `catalog` into the project's translation files."""
    result = Imported()
    for path, entries in sorted(_entries(catalog).items()):
        if path.endswith(".yaml"):
            _import_yaml(cur, lang, path, entries, result)
        elif path.endswith(".md"):
            _import_page(cur, lang, path, entries, result)
        else:
            result.notes.append(f"{path}: not a curriculum file; its entries were skipped")
    return result


def _exported_hash(entries: list[Entry], current_hash: str, current_texts: dict[str, str]) -> str:
    """The hash of the source the entries were exported from ("" if it cannot be told)."""
    hashes = {e.source_hash for e in entries if e.source_hash}
    if len(hashes) == 1:
        return hashes.pop()
    if not hashes and all(current_texts.get(e.key) == e.source_text for e in entries):
        return current_hash  # comments dropped by a tool, but the texts are today's
    return ""


def _import_yaml(cur: Curriculum, lang: str, path: str, entries: list[Entry], result: Imported) -> None:
    kind, loaded = kind_of(path), source_of(cur, path)
    if kind is None or loaded is None:
        result.notes.append(f"{path}: there is no valid source file for these entries; skipped")
        return
    source_units = {"/".join(u.key): u for u in units(SPECS[kind], loaded.doc.data)}
    current = units_hash(list(source_units.values()))
    exported = _exported_hash(entries, current, {k: u.text for k, u in source_units.items()})
    overlay = overlay_for(cur, path, lang)
    if overlay is not None and not isinstance(overlay.doc.data, dict):
        result.problems.append(overlay.doc.where().error(
            "wrong-type", "a translation file must be a mapping of keys (title: ...); fix it, then import again"))
        return
    old = read_overlay(overlay, kind, loaded.doc.data).texts if overlay else {}
    wanted: dict[Key, str] = {}
    for entry in entries:
        unit = source_units.get(entry.key)
        if unit is None:
            if entry.text:
                result.notes.append(f"{path}: '{entry.key}' is no longer in the source; not imported")
            continue
        if exported == current and entry.source_text != unit.text:
            result.notes.append(f"{path}: the msgid of '{entry.key}' differs from the source; not imported")
            continue
        if entry.text and (unit.key not in old or old[unit.key][0] != entry.text):
            wanted[unit.key] = entry.text
    recorded = recorded_hash(overlay.doc.data.get("source_hash")) if overlay and isinstance(overlay.doc.data, dict) else ""
    complete = all(e.text for e in entries)
    new_hash = recorded
    if exported and exported != recorded and (complete or (wanted and not old)):
        # Everything the file will hold was translated from `exported`: all of it was reviewed
        # (complete), or the file held no translation before (new, or only a source_hash).
        new_hash = exported
    if not wanted and new_hash == recorded:
        return
    target = cur.root / (overlay.doc.path if overlay else translation_path(path, lang))
    doc = YamlText(read(target) if overlay else f'source_hash: "{new_hash}"\n')
    order = [u.key for u in source_units.values()]
    for key in sorted(wanted, key=order.index):
        try:
            put(doc, SPECS[kind], loaded.doc.data, key, wanted[key])
        except (ValueError, TypeError, IndexError):
            result.notes.append(f"{target.relative_to(cur.root).as_posix()}: could not place '{'/'.join(key)}' "
                                "(the overlay has another shape there; run `curriculum check`); not imported")
    if new_hash != recorded:
        doc.set_first_key("source_hash", new_hash, quote=True)
    if not _write(cur, target, doc.text, result):
        return
    result.written.append(target.relative_to(cur.root).as_posix())
    if overlay is not None and not complete and exported != recorded:
        result.notes.append(f"{path}: some texts are still untranslated or fuzzy, so the translation stays "
                            "outdated; import again when all are done")


def _import_page(cur: Curriculum, lang: str, path: str, entries: list[Entry], result: Imported) -> None:
    page = next((p for (_n, lang_), p in cur.pages.items() if lang_ is None and p.path == path), None)
    if page is None:
        result.notes.append(f"{path}: there is no such page; skipped")
        return
    numbered = sorted(((int(e.key), e) for e in entries if e.key.isdigit()), key=lambda x: x[0])
    total = next((e.paragraph_of for _n, e in numbered if e.paragraph_of), len(numbered))
    done = [e for _n, e in numbered if e.text]
    if [n for n, _e in numbered] != list(range(1, total + 1)) or len(done) != total:
        if done:
            result.notes.append(f"{path}: {len(done)} of {total} paragraphs translated; a page is written only "
                                "when all its paragraphs are")
        return
    source_text = read(cur.root / page.path)
    blocks = {str(n): text for n, (_l, text) in enumerate(paragraphs(page.body), 1)}
    exported = _exported_hash([e for _n, e in numbered], digest(source_text), blocks)
    body = join_paragraphs(e.text for _n, e in numbered)
    translated = cur.pages.get((page.name, lang))
    target = cur.root / (translated.path if translated else translation_path(path, lang))
    old = read(target) if translated else None
    new = markdown_translation(exported, body, old)
    if new != old and _write(cur, target, new, result):
        result.written.append(target.relative_to(cur.root).as_posix())


def _write(cur: Curriculum, target: Path, text: str, result: Imported) -> bool:
    try:
        write(target, text, cur.root)
        return True
    except UnsafeWrite as exc:
        rel = target.relative_to(cur.root).as_posix() if target.is_relative_to(cur.root) else str(target)
        result.problems.append(Where(rel).error("unsafe-write", f"not written: {exc}"))
        return False


# --- writing one text into an overlay --------------------------------------------------------


def put(doc: YamlText, spec: Spec, source: Any, key: Key, text: str) -> None:
    """Set the translation of `key` in the overlay `doc`, adding the entries that lead to it."""
    data = doc_data(doc)
    loc: tuple[str | int, ...] = ()
    here: Any = data
    for i, part in enumerate(key):
        rest = key[i + 1 :]
        if isinstance(spec, Fields):
            sub = spec.fields[part]
            source = source.get(part) if isinstance(source, dict) else None
            if isinstance(here, dict) and part in here and here[part] is None:  # `summary:` left empty
                doc.set_flow(loc + (part,), _build(sub, source, rest, text))
                return
            if not isinstance(here, dict) or part not in here:
                doc.add_key(loc, part, _build(sub, source, rest, text))
                return
            loc, here, spec = loc + (part,), here[part], sub
        elif isinstance(spec, Items):
            item_source = _source_item(spec, source, part)
            index = _overlay_item(spec, here, part)
            if index is None:
                if spec.match is None:
                    for _ in range(len(here), int(part)):
                        doc.append(loc, {})
                    value = _build(Fields(spec.fields), item_source, rest, text)
                else:
                    value = {spec.match: item_source.get(spec.match), **_build(Fields(spec.fields), item_source, rest, text)}
                doc.append(loc, value)
                return
            loc, here, spec, source = loc + (index,), here[index], Fields(spec.fields), item_source
        elif isinstance(spec, TextList):
            index = int(part)
            if index < len(here):
                doc.set_scalar(loc + (index,), text)
            else:
                for _ in range(len(here), index):
                    doc.append(loc, "")
                doc.append(loc, text)
            return
        elif isinstance(spec, TextMap):
            name = next((k for k in here if id_text(k) == part), None) if isinstance(here, dict) else None
            if name is None:
                doc.add_key(loc, part, text)
            else:
                doc.set_scalar(loc + (name,), text)
            return
    doc.set_scalar(loc, text)


def doc_data(doc: YamlText) -> Any:
    parsed, _problems = parse_yaml(doc.text, "overlay")
    return parsed.data if parsed is not None else None


def _source_item(spec: Items, source: Any, name: str) -> dict[str, Any]:
    for i, item in enumerate(source if isinstance(source, list) else []):
        if isinstance(item, dict) and (str(i) if spec.match is None else id_text(item.get(spec.match))) == name:
            return item
    return {}


def _overlay_item(spec: Items, here: Any, name: str) -> int | None:
    for i, item in enumerate(here if isinstance(here, list) else []):
        if spec.match is None:
            if str(i) == name:
                return i
        elif isinstance(item, dict) and id_text(item.get(spec.match)) == name:
            return i
    return None


def _build(spec: Spec, source: Any, key: Key, text: str) -> Any:
    """The overlay value that holds `text` at `key` below `spec`, as a new entry."""
    if not key:
        return text
    part, rest = key[0], key[1:]
    if isinstance(spec, Fields):
        sub_source = source.get(part) if isinstance(source, dict) else None
        return {part: _build(spec.fields[part], sub_source, rest, text)}
    if isinstance(spec, Items):
        item = _source_item(spec, source, part)
        inner = _build(Fields(spec.fields), item, rest, text)
        if spec.match is None:
            return [{}] * int(part) + [inner]
        return [{spec.match: item.get(spec.match), **inner}]
    if isinstance(spec, TextList):
        return [""] * int(part) + [text]
    return {part: text}
