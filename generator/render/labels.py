"""The labels our templates print ("Objectives", "Minutes"...), translated per language.

Labels are gettext messages: templates write `{{ _("Objectives") }}`. The generator ships one PO
catalogue a language in `generator/i18n/locales/<lang>.po`; a project adds a language, or
overrides some labels, in its own `locales/<lang>.po` at the project root (`curriculum i18n labels
--lang pt` starts one), so that nobody edits the tool to translate it. A label translated in
neither falls back to English rather than disappearing, and `curriculum check` names how many.

A project's catalogue is content, not code: a translation whose `{placeholders}` differ from the
message's, or that holds markup, is not used (`unsafe_label`), so that `.format()` and templates
never see anything but plain text and the message's own fields.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

from babel.messages.pofile import read_po

from generator.i18n.pofile import validate

# The catalogues live with the translation stage; labels only read them.
LOCALES = Path(__file__).parents[1] / "i18n" / "locales"
PROJECT_LOCALES = "locales"  # a project's own catalogues: <project>/locales/<lang>.po

_FIELD = re.compile(r"\{(\w+)\}")


def N_(message: str) -> str:
    """Mark `message` as a label for the catalogues, translated later where it is shown."""
    return message


def unsafe_label(message: str, translation: str) -> str | None:
    """Why `translation` cannot stand for `message` (None if it can)."""
    if re.search(r"[<>]|\{[%#{]|[%}]\}", translation):
        return "it holds markup or template syntax"
    fields = set(_FIELD.findall(translation))
    if fields - set(_FIELD.findall(message)) or _FIELD.sub("", translation).count("{") or \
            _FIELD.sub("", translation).count("}"):
        return "its {placeholders} are not those of the message"
    return None


def _read(path: Path, trusted: bool) -> dict[str, str]:
    data = path.read_bytes()
    try:
        if not trusted:
            validate(data)  # Babel alone would read `"Metas` (no closing quote) as "Meta"
        catalog = read_po(io.BytesIO(data), locale=None, abort_invalid=not trusted)
    except Exception:  # noqa: BLE001 - a damaged project catalogue: `check` reports it, pages fall back
        return {}
    return {str(m.id): str(m.string) for m in catalog
            if m.id and isinstance(m.string, str) and m.string and not m.fuzzy
            and (trusted or unsafe_label(str(m.id), m.string) is None)}


@lru_cache(maxsize=None)
def _shipped(code: str) -> dict[str, str]:
    path = LOCALES / f"{code}.po"
    return _read(path, trusted=True) if path.is_file() else {}


@lru_cache(maxsize=64)
def _project(path: Path, _stamp: int) -> dict[str, str]:
    return _read(path, trusted=False)


def project_catalogue_path(root: Path, code: str) -> Path:
    return root / PROJECT_LOCALES / f"{code}.po"


def _own(root: Path | None, code: str) -> dict[str, str]:
    if root is None:
        return {}
    path = project_catalogue_path(root, code)
    if not path.is_file() or path.is_symlink():
        return {}
    return _project(path, path.stat().st_mtime_ns)  # a catalogue edited during `serve` is read again


def catalogue(lang: str, root: Path | None = None) -> dict[str, str]:
    """msgid -> msgstr for `lang`: the generator's, then the project's own; `es-SV` builds on `es`."""
    codes = [lang.split("-")[0], lang] if "-" in lang else [lang]
    table: dict[str, str] = {}
    for code in codes:
        table.update(_shipped(code))
    for code in codes:
        table.update(_own(root, code))
    return table


def translator(lang: str, root: Path | None = None) -> Callable[[str], str]:
    table = catalogue(lang, root)

    def gettext(message: str) -> str:
        return table.get(message, message)

    return gettext


def languages_with_labels() -> list[str]:
    return sorted(p.stem for p in LOCALES.glob("*.po"))
