"""The labels our templates print ("Objectives", "Minutes"...), translated per language.

Labels are gettext messages: templates write `{{ _("Objectives") }}`, translators edit one PO
file a language in `generator/i18n/locales/<lang>.po` (Babel reads it), and a label without a
translation falls back to English rather than disappearing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

from babel.messages.pofile import read_po

# The catalogues live with the translation stage; labels only read them.
LOCALES = Path(__file__).parents[1] / "i18n" / "locales"


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """msgid -> msgstr for `lang`; a regional code such as `es-SV` falls back to `es`."""
    for code in (lang, lang.split("-")[0]):
        path = LOCALES / f"{code}.po"
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=None)
            return {str(msg.id): str(msg.string) for msg in catalog if msg.id and msg.string and not msg.fuzzy}
    return {}


def translator(lang: str) -> Callable[[str], str]:
    table = catalogue(lang)

    def gettext(message: str) -> str:
        return table.get(message, message)

    return gettext


def languages_with_labels() -> list[str]:
    return sorted(p.stem for p in LOCALES.glob("*.po"))
