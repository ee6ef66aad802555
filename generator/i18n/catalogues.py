"""The label catalogues: which messages our code and templates translate, kept in sync.

Messages are found with Babel's own extractors (Python, and Jinja's for templates), as
`pybabel extract` would, plus the label tables that render.py passes to `_()` at run time.
`python -m generator.i18n.catalogues [LANG...]` rewrites `locales/messages.pot`, adds new messages to
every `locales/<lang>.po` (untranslated, for a translator to fill in) and starts a catalogue for
each LANG given; the test suite fails while any message lacks a translation in any catalogue.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from generator.render.labels import LOCALES

PACKAGE = Path(__file__).parents[1]  # the whole generator package
KEYWORDS = {"_": None, "gettext": None}
# Babel's Python extractor does not look inside f-strings before Python 3.12; this finds
# `_("...")`, `self._("...")` and `r._("...")` there (and everywhere: duplicates are merged).
_CALL = re.compile(r"""(?<!\w)_\(\s*(["'])((?:\\.|(?!\1).)+?)\1\s*\)""")
# Folder names under content/ that the navigation shows through `_()` (render/__init__.py).
CONTENT_FOLDERS = ["Handouts", "Worksheets", "Templates"]


def _label_tables() -> list[tuple[str, str]]:
    from generator.render import renderer

    found = []
    for table in ("METHOD_NAMES", "LEVEL_NAMES"):
        found += [(name, f"generator/render/renderer.py:{table}") for name in getattr(renderer, table, {}).values()]
    return found


def extract() -> dict[str, list[str]]:
    """Every message, with where it is used (`file:line`)."""
    found: dict[str, list[str]] = {}
    sources = [(p, "python") for p in sorted(PACKAGE.rglob("*.py"))]
    sources += [(p, "jinja2.ext:babel_extract") for p in sorted(PACKAGE.rglob("*.j2"))]
    for path, method in sources:
        for lineno, message, _comments, _context in extract_from_file(method, str(path), keywords=KEYWORDS,
                                                                      options={"trim_blocks": "true"}):
            if isinstance(message, str) and message:
                found.setdefault(message, []).append(f"generator/{path.relative_to(PACKAGE).as_posix()}:{lineno}")
    for path, method in sources:
        if method != "python" or path.name == "catalogues.py":  # its docstrings mention `_("...")`
            continue
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in _CALL.finditer(text):
                message = match.group(2).encode().decode("unicode_escape") if "\\" in match.group(2) else match.group(2)
                places = found.setdefault(message, [])
                place = f"generator/{path.relative_to(PACKAGE).as_posix()}:{number}"
                if place not in places:
                    places.append(place)
    for message, where in _label_tables():
        found.setdefault(message, []).append(where)
    for message in CONTENT_FOLDERS:
        found.setdefault(message, []).append("content/")
    return found


def template() -> Catalog:
    catalog = Catalog(project="curriculum-site", version="1", fuzzy=False, msgid_bugs_address="-",
                      last_translator="curriculum-site maintainers", language_team="curriculum-site maintainers",
                      creation_date=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    for message, places in sorted(extract().items()):
        locations: list[tuple[str, int | None]] = []
        for place in places:
            path, _, line = place.rpartition(":")
            locations.append((path, int(line)) if line.isdigit() else (place, None))
        catalog.add(message, locations=locations)  # type: ignore[arg-type]  # Babel accepts None
    return catalog


def _dump(catalog: Catalog, path: Path) -> None:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False)
    path.write_bytes(out.getvalue())


def update(new_languages: list[str] | None = None) -> None:
    """Rewrite messages.pot, add new messages to every catalogue, start catalogues for new languages."""
    pot = template()
    _dump(pot, LOCALES / "messages.pot")
    for lang in new_languages or []:
        path = LOCALES / f"{lang}.po"  # labels.catalogue looks for the code as written
        if not path.exists():
            fresh = Catalog(locale=lang.replace("-", "_"), project="curriculum-site", version="1", fuzzy=False,
                            msgid_bugs_address="-", last_translator="curriculum-site maintainers",
                            language_team="curriculum-site maintainers", creation_date=pot.creation_date)
            _dump(fresh, path)
    for po_path in sorted(LOCALES.glob("*.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        _dump(catalog, po_path)


if __name__ == "__main__":
    import sys

    update(sys.argv[1:])  # `python -m generator.i18n.catalogues pt` also starts locales/pt.po
