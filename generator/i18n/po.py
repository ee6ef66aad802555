"""PO catalogues for translators: export what is left to translate, import what they did.

Every entry names its place as `msgctxt "<source file>::<key>"`: a YAML text's key such as
`sessions/s1/title`, or the number of a page's unit (paragraph, list item, table row, heading).
Standard gettext rules apply: empty and fuzzy entries are not imported. An outdated unit is
exported with its old translation as a fuzzy suggestion and the source text it was made from as
`#| msgid`. Importing an entry records the hash of its msgid for that unit alone, so importing
only the changed entries makes a file current again. Nothing is written here: the caller writes
`Imported.changes` (or shows them, for `--dry-run`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from generator.i18n.files import (
    lf_edit,
    read,
    split_markdown,
    with_page_record,
    with_yaml_record,
)
from generator.i18n.history import History
from generator.i18n.pofile import read_strict
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
    language_status,
    overlay_for,
    page_status,
    source_of,
    translation_path,
    yaml_status,
)
from generator.i18n.units import RECORD_KEY, UNIT_HASH, markdown_units, merge, unit_hash
from generator.problems import Problem
from generator.source.load import Curriculum
from generator.source.yamledit import YamlText
from generator.source.yamlsource import parse_yaml

SEP = "::"

def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


# --- export ---------------------------------------------------------------------------------


def export(cur: Curriculum, lang: str, when: dt.datetime) -> Catalog:
    """Every untranslated or outdated unit of the project for `lang`, as a catalogue.

    An outdated unit comes with its old translation as a fuzzy suggestion and, where git history
    has it, the source text it was translated from as the previous msgid (`#| msgid`), so that
    Poedit, Weblate and Lokalize show translators what changed.
    """
    title = cur.programme.model.title if cur.programme else "curriculum"
    version = cur.programme.model.version if cur.programme else None
    catalog = Catalog(locale=_locale(lang), project=title, version=version, fuzzy=False, creation_date=when,
                      revision_date=when, copyright_holder=None, msgid_bugs_address="",
                      header_comment=(f"# {title}: texts to translate into {lang}.\n"
                                      "# Fill in each msgstr; clear the fuzzy flag of a suggestion you checked.\n"
                                      "# Then run: curriculum i18n import THIS-FILE.po"))
    history = History(cur.root)
    for status in language_status(cur, lang).files:
        page = not status.source.endswith(".yaml")
        for unit in status.units:
            if unit.state is State.TRANSLATED:
                continue
            notes = []
            if page:
                notes.append(f"unit {unit.key} of {len(status.units)} (a paragraph, list item, table row or heading)")
                if unit.text.startswith((" ", "\t")):
                    notes.append("keep the indentation: this unit belongs to the block above")
            previous = history.text(status.source, unit.recorded) if unit.state is State.OUTDATED else None
            if unit.state is State.OUTDATED and previous is None:
                notes.append("the source text it was translated from is not in git history")
            suggestion = unit.translation or ""
            catalog.add(unit.text, suggestion, locations=[(status.source, unit.line)], auto_comments=notes,
                        context=f"{status.source}{SEP}{unit.key}", flags=["fuzzy"] if suggestion else [],
                        previous_id=previous)
    return catalog


def dump(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, sort_output=False, width=76, include_previous=True)
    return out.getvalue()


# --- import ---------------------------------------------------------------------------------


@dataclass
class Imported:
    """What an import would change (written by the caller, or shown by `--dry-run`)."""

    changes: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # path -> (old, new)
    notes: list[str] = field(default_factory=list)  # what was left alone, and why
    problems: list[Problem] = field(default_factory=list)  # translation files that cannot take the import

    @property
    def written(self) -> list[str]:
        return sorted(self.changes)


@dataclass
class Entry:
    key: str
    source_text: str
    text: str  # "" if not usable (empty or fuzzy)
    line: int  # where the entry is in the PO file
    context: str


def load_catalogue(data: bytes) -> Catalog:
    """The catalogue, or PoError naming the first line that is not clean PO."""
    return read_strict(data)


def _entries(catalog: Catalog) -> dict[str, list[Entry]]:
    by_file: dict[str, list[Entry]] = {}
    for message in catalog:
        if not message.id or not message.context or SEP not in message.context:
            continue
        path, key = message.context.rsplit(SEP, 1)
        text = message.string if isinstance(message.string, str) else ""
        usable = text if text.strip() and not message.fuzzy else ""
        by_file.setdefault(path, []).append(Entry(key, str(message.id), usable, message.lineno or 0,
                                                  message.context))
    return by_file


def import_catalogue(cur: Curriculum, catalog: Catalog, lang: str, name: str = "catalogue") -> Imported:
    """What writing the translated entries of `catalog` would change in the translation files.

    Each translated unit records the hash of its msgid, the source text the translator saw: an
    entry exported before the source changed again is imported, and stays outdated.
    """
    result = Imported()
    for path, entries in sorted(_entries(catalog).items()):
        def skip(entry: Entry, why: str) -> None:
            result.notes.append(f"{name}:{entry.line}: {entry.context}: {why}; not imported")

        if path.endswith(".yaml"):
            _import_yaml(cur, lang, path, entries, result, skip)
        elif path.endswith(".md"):
            _import_page(cur, lang, path, entries, result, skip)
        else:
            for entry in entries:
                skip(entry, "not a curriculum file")
    return result


def _import_yaml(cur: Curriculum, lang: str, path: str, entries: list[Entry], result: Imported, skip: Any) -> None:
    kind, loaded = kind_of(path), source_of(cur, path)
    if kind is None or loaded is None:
        for entry in entries:
            skip(entry, f"there is no valid source file {path}")
        return
    overlay = overlay_for(cur, path, lang)
    if overlay is not None and not isinstance(overlay.doc.data, dict):
        result.problems.append(overlay.doc.where().error(
            "wrong-type", "a translation file must be a mapping of keys (title: ...); fix it, then import again"))
        return
    status = yaml_status(cur, path, kind, loaded, lang)
    source_units = {"/".join(u.key): u for u in units(SPECS[kind], loaded.doc.data)}
    record = {u.key: (u.recorded if UNIT_HASH.match(u.recorded) else "") for u in status.units
              if u.state is not State.MISSING}
    old = {u.key: u.translation for u in status.units if u.translation is not None}
    wanted: dict[Key, str] = {}
    before = dict(record)
    for entry in entries:
        unit = source_units.get(entry.key)
        if unit is None:
            if entry.text:
                skip(entry, f"'{entry.key}' is no longer in {path}")
            continue
        if not entry.text:
            continue
        if old.get(entry.key) != entry.text:
            wanted[unit.key] = entry.text
        record[entry.key] = unit_hash(entry.source_text)
        if entry.source_text != unit.text:
            result.notes.append(f"{path}: '{entry.key}' changed in the source since the export; imported as a "
                                "translation of the older text, so it stays outdated")
    if not wanted and record == before and not status.legacy:
        return
    target = cur.root / (overlay.doc.path if overlay else translation_path(path, lang))
    rel = target.relative_to(cur.root).as_posix()
    old_text = read(target) if overlay else None
    doc = YamlText(old_text if old_text is not None else f"{RECORD_KEY}: {{}}\n")
    order = list(source_units)
    for key in sorted(wanted, key=lambda k: order.index("/".join(k))):
        try:
            put(doc, SPECS[kind], loaded.doc.data, key, wanted[key])
        except (ValueError, TypeError, IndexError):
            record.pop("/".join(key), None) if "/".join(key) not in before else None
            for entry in entries:
                if entry.key == "/".join(key):
                    skip(entry, f"{rel} has another shape there (run `curriculum check`)")
    ordered = {k: record[k] for k in order if k in record}
    new_text = with_yaml_record(doc.text, ordered)
    if new_text != old_text:
        result.changes[rel] = (old_text, new_text)


def _source_index(blocks: list[Any], entry: Entry) -> int | None:
    """The source unit an entry translates: its number, if the text there is still its msgid."""
    if entry.key.isdigit() and 0 < int(entry.key) <= len(blocks) and blocks[int(entry.key) - 1].text == entry.source_text:
        return int(entry.key) - 1
    return next((i for i, b in enumerate(blocks) if b.text == entry.source_text), None)


def _import_page(cur: Curriculum, lang: str, path: str, entries: list[Entry], result: Imported, skip: Any) -> None:
    page = next((p for (_n, lang_), p in cur.pages.items() if lang_ is None and p.path == path), None)
    if page is None:
        for entry in entries:
            skip(entry, f"there is no page {path}")
        return
    source_text = read(cur.root / page.path).replace("\r\n", "\n")
    _front, source_body = split_markdown(source_text)
    blocks = markdown_units(source_body)
    texts: dict[int, tuple[str, str]] = {}  # source unit -> (translation, msgid)
    for entry in entries:
        if not entry.text:
            continue
        index = _source_index(blocks, entry)
        if index is None:
            skip(entry, f"its msgid is no longer a paragraph, list item, table row or heading of {path} "
                        "(export again)")
        else:
            texts[index] = (entry.text, entry.source_text)
    if not texts:
        return
    status = page_status(cur, page, lang)
    translated = cur.pages.get((page.name, lang))
    target = cur.root / (translated.path if translated else translation_path(path, lang))
    rel = target.relative_to(cur.root).as_posix()
    old_text = read(target) if translated else None
    if translated is None or not status.aligned:
        if len(texts) < len(blocks):
            why = "its translation does not exist yet" if translated is None else \
                "its translation's units do not pair with the source (see `curriculum check`)"
            result.notes.append(f"{path}: {len(texts)} of {len(blocks)} units translated; {why}, so the page is "
                                "written only when all its units are")
            return
        body = source_body
        for index in sorted(texts, reverse=True):
            body = body[: blocks[index].start] + texts[index][0] + body[blocks[index].end :]
        hashes = [unit_hash(texts[i][1]) for i in range(len(blocks))]
        base = old_text if old_text is not None else "---\n---\n"
        new_text = lf_edit(base, lambda lf: _page_text(lf, body, hashes, [b.text for b in blocks]))
    else:
        new_text = lf_edit(old_text or "", lambda lf: _patched(lf, blocks, source_body, status, texts))
    if new_text != old_text:
        result.changes[rel] = (old_text, new_text)


def _page_text(lf: str, body: str, hashes: list[str], sources: list[str]) -> str:
    """`lf` (a page, or an empty front matter) with `body` and one recorded hash per unit."""
    head = with_page_record(lf, hashes, sources)
    _front, rest = split_markdown(head)
    return head[: len(head) - len(rest)] + "\n" + body.lstrip("\n")


def _patched(lf: str, blocks: list[Any], source_body: str, status: FileStatus, texts: dict[int, tuple[str, str]]) -> str:
    """A translated page with the units in `texts` replaced or inserted, the rest byte for byte."""
    _front, rest = split_markdown(lf)
    record = [h if UNIT_HASH.match(h) else "" for h in status.record]
    body, hashes, sources = merge(rest, record, source_body, texts)
    new_blocks = markdown_units(body)
    notes = [blocks[s].text if s is not None else (new_blocks[i].text if i < len(new_blocks) else "")
             for i, s in enumerate(sources)]
    marked = with_page_record(lf, hashes, notes)
    _f, old_rest = split_markdown(marked)
    return marked[: len(marked) - len(old_rest)] + body


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
