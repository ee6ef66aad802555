"""The label catalogues: which messages our code and templates translate, kept in sync.

Messages are found with Babel's own extractors (Python, and Jinja's for templates), as
`pybabel extract` would, plus the label tables that render.py passes to `_()` at run time.
`python -m generator.i18n.catalogues [LANG...]` rewrites `locales/messages.pot`, adds new messages to
every `locales/<lang>.po` (untranslated, for a translator to fill in) and starts a catalogue for
each LANG given; the test suite fails while any message lacks a translation in any catalogue.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from generator.render.labels import LOCALES, catalogue

PACKAGE = Path(__file__).parents[1]  # the whole generator package
KEYWORDS = {"_": None, "gettext": None, "N_": None}
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


def _header_end(text: str) -> int:
    """Where the header entry (`msgid ""` and its comments) of a PO text ends."""
    match = re.search(r'^msgid ""\n(?:msgstr.*\n)?(?:".*"\n)*', text, re.MULTILINE)
    return match.end() if match else 0


def render_po(catalog: Catalog, keep_header_of: str | None = None) -> bytes:
    """The catalogue as PO text; with `keep_header_of`, that file's header stays byte for byte."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False)
    text = out.getvalue().decode("utf-8")
    if keep_header_of is not None and _header_end(keep_header_of):
        text = keep_header_of[: _header_end(keep_header_of)] + text[_header_end(text) :]
    return text.encode("utf-8")


def _dump(catalog: Catalog, path: Path) -> None:
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    new = render_po(catalog, old)
    if old is None or new != old.encode("utf-8"):
        path.write_bytes(new)


def _fresh(lang: str, pot: Catalog) -> Catalog:
    return Catalog(locale=lang.replace("-", "_"), project="curriculum-site", version="1", fuzzy=False,
                   msgid_bugs_address="-", last_translator="curriculum-site maintainers",
                   language_team="curriculum-site maintainers", creation_date=pot.creation_date)


def update(new_languages: list[str] | None = None) -> None:
    """Rewrite messages.pot, add new messages to every catalogue, start catalogues for new languages.

    Each catalogue keeps its own header (its comment, team and dates): only entries change.
    English, the language of the messages, translates each message as itself.
    """
    pot = template()
    _dump(pot, LOCALES / "messages.pot")
    for lang in new_languages or []:
        path = LOCALES / f"{lang}.po"  # labels.catalogue looks for the code as written
        if not path.exists():
            _dump(_fresh(lang, pot), path)
    for po_path in sorted(LOCALES.glob("*.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        # Babel's update shares the template's message objects: give each catalogue its own, or
        # filling English in below would fill every later catalogue with English too.
        catalog.update(copy.deepcopy(pot), no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if po_path.stem == "en":
            for message in catalog:
                if message.id and not message.string:
                    message.string = message.id
        _dump(catalog, po_path)


def project_template(lang: str) -> bytes:
    """A project's own catalogue for `lang` to start from: every label of messages.pot, empty; where
    the generator ships a translation, it is there as a fuzzy suggestion (not used until checked)."""
    with (LOCALES / "messages.pot").open("rb") as handle:
        pot = read_po(handle)
    shipped = catalogue(lang)
    fresh = Catalog(locale=lang.replace("-", "_"), project="curriculum labels", fuzzy=False,
                    header_comment=(f"# The site's labels in {lang}, for this project only.\n"
                                    "# Fill in each msgstr (keep {placeholders} as they are); a fuzzy entry is a "
                                    "suggestion\n# from the generator's own catalogue and is not used until you "
                                    "remove its fuzzy flag.\n# Check with: curriculum check"),
                    creation_date=pot.creation_date, revision_date=pot.creation_date)
    for message in pot:
        if not message.id:
            continue
        suggestion = shipped.get(str(message.id), "")
        fresh.add(message.id, suggestion, flags=["fuzzy"] if suggestion else [], auto_comments=message.auto_comments)
    out = io.BytesIO()
    write_po(out, fresh, width=100, sort_output=True, include_lineno=False, omit_header=False)
    return out.getvalue()


def label_ids() -> list[str]:
    """Every label the generator prints (the msgids of messages.pot)."""
    with (LOCALES / "messages.pot").open("rb") as handle:
        return [str(m.id) for m in read_po(handle) if m.id]


if __name__ == "__main__":
    import sys

    update(sys.argv[1:])  # `python -m generator.i18n.catalogues pt` also starts locales/pt.po
