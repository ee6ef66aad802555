"""Labels: every message our code and templates print is translated in every catalogue;
dates and numbers are written the way each language writes them (Babel)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.messages.pofile import read_po

from generator.i18n.catalogues import extract
from generator.render import formatting as fmt
from generator.render.labels import LOCALES, languages_with_labels, translator

CATALOGUES = languages_with_labels()  # every catalogue there is: es, fr, vi and any added later


def catalogue(lang: str):
    with (LOCALES / f"{lang}.po").open("rb") as handle:
        return read_po(handle)


def test_there_is_a_catalogue_for_each_translated_language():
    assert {"es", "fr", "vi"} <= set(CATALOGUES)
    assert (LOCALES / "messages.pot").is_file()


def test_extraction_finds_labels_in_templates_python_and_f_strings():
    found = extract()
    assert "generator/render/templates/module.md.j2" in " ".join(found["Session plan"])
    assert "generator/i18n/notices.py" in " ".join(found["This page has not been translated yet"])
    assert "serves" in found  # used inside an f-string in render.py
    assert "Field practice" in found  # a label table render.py passes to _() at run time


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_message_has_a_translation(lang: str):
    """Fails, naming the messages, when code or templates use a label a catalogue lacks.

    Fix: `python -m generator.i18n.catalogues` adds the new messages to every catalogue; translate them.
    """
    entries = {m.id: m for m in catalogue(lang) if m.id}
    missing = sorted(msgid for msgid in extract() if msgid not in entries or not entries[msgid].string
                     or entries[msgid].fuzzy)
    assert missing == [], f"untranslated in generator/i18n/locales/{lang}.po: {missing}"


@pytest.mark.parametrize("lang", CATALOGUES)
def test_translations_keep_their_placeholders(lang: str):
    for message in catalogue(lang):
        if message.id and message.string:
            assert sorted(re.findall(r"\{\w+\}", message.id)) == sorted(re.findall(r"\{\w+\}", message.string)), message.id


def test_the_template_lists_exactly_the_extracted_messages():
    with (LOCALES / "messages.pot").open("rb") as handle:
        pot = {m.id for m in read_po(handle) if m.id}
    assert pot == set(extract()), "run `python -m generator.i18n.catalogues`"


def test_labels_are_translated_and_fall_back_to_english():
    assert translator("es")("Objectives") == "Objetivos"
    assert translator("es-SV")("Session plan") == "Plan de sesiones"  # a regional code uses es.po
    assert translator("fr")("This page has not been translated yet") == "Cette page n’a pas encore été traduite"
    assert translator("vi")("Page not found") == "Không tìm thấy trang"
    assert translator("de")("Objectives") == "Objectives"


def test_spanish_addresses_the_reader_formally():
    # Salvadoran trainers read "usted": no tú imperatives or possessives in the Spanish labels.
    texts = " ".join(m.string for m in catalogue("es") if m.id and m.string)
    assert not re.search(r"\b(tú|tu|tus|puedes|haz|ve|mira|consulta)\b", texts, flags=re.IGNORECASE)


@pytest.mark.parametrize(("lang", "long", "short"), [
    ("en", "December 19, 2019", "12/19/19"),
    ("es", "19 de diciembre de 2019", "19/12/19"),
    ("es-SV", "19 de diciembre de 2019", "19/12/19"),
    ("fr", "19 décembre 2019", "19/12/2019"),
    ("vi", "19 tháng 12, 2019", "19/12/19"),
    ("pt-BR", "19 de dezembro de 2019", "19/12/2019"),
])
def test_dates_per_locale(lang: str, long: str, short: str):
    day = dt.date(2019, 12, 19)
    assert fmt.long_date(day, lang) == long
    assert fmt.short_date(day, lang) == short


def test_spanish_weekdays_and_months_are_lowercase():
    assert fmt.full_date(dt.date(2026, 2, 2), "es") == "lunes, 2 de febrero de 2026"


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "1,234,567.891"), ("es-SV", "1,234,567.891"), ("fr", "1\u202f234\u202f567,891"), ("vi", "1.234.567,891"),
])
def test_numbers_per_locale(lang: str, text: str):
    assert fmt.number(1234567.891, lang) == text


def test_hours_use_the_decimal_mark_of_the_language():
    assert fmt.hours(90, "en") == "1.5"
    assert fmt.hours(90, "es") == "1,5"


def test_a_new_label_is_english_in_en_and_left_to_translate_elsewhere(tmp_path, monkeypatch):
    import shutil

    from babel.messages.pofile import read_po

    from generator.i18n import catalogues

    for name in ("en.po", "es.po", "messages.pot"):
        shutil.copyfile(catalogues.LOCALES / name, tmp_path / name)
    monkeypatch.setattr(catalogues, "LOCALES", tmp_path)
    base = catalogues.template

    def with_new_label():
        pot = base()
        pot.add("A label nobody has translated yet", locations=[("generator/x.py", 1)])
        return pot

    monkeypatch.setattr(catalogues, "template", with_new_label)
    catalogues.update()
    strings = {lang: {m.id: m.string for m in read_po((tmp_path / f"{lang}.po").open("rb"))} for lang in ("en", "es")}
    assert strings["en"]["A label nobody has translated yet"] == "A label nobody has translated yet"
    assert strings["es"]["A label nobody has translated yet"] == ""
