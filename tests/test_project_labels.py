"""Labels are the project's: its own locales/<lang>.po adds a language without touching the tool."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import edit, run_cli

from generator.build import build_project
from generator.i18n import catalogues
from generator.render import labels

GENERATOR = Path(labels.__file__).parents[1]
SHIPPED_PT = GENERATOR / "i18n/locales/pt.po"


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def without_shipped_pt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The generator as if it shipped no Portuguese; returns the Portuguese a translator writes."""
    locales = tmp_path / "generator-locales"
    shutil.copytree(GENERATOR / "i18n/locales", locales)
    (locales / "pt.po").unlink()
    monkeypatch.setattr(labels, "LOCALES", locales)
    monkeypatch.setattr(catalogues, "LOCALES", locales)
    labels._shipped.cache_clear()
    yield labels._read(SHIPPED_PT, trusted=True)
    labels._shipped.cache_clear()


def add_language(root: Path, lang: str) -> None:
    edit(root / "curriculum/programme.yaml", "languages: [en, es, fr, vi]", f"languages: [en, es, fr, vi, {lang}]")


def translate_template(path: Path, translations: dict[str, str], leave_out: str = "") -> None:
    catalog = read_po(io.BytesIO(path.read_bytes()))
    for message in catalog:
        if message.id and message.id != leave_out:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
    out = io.BytesIO()
    write_po(out, catalog)
    path.write_bytes(out.getvalue())


def test_a_missing_label_is_a_warning_that_says_where_to_add_it(mini: Path, without_shipped_pt: dict[str, str]):
    add_language(mini, "pt")
    count, first = len(catalogues.label_ids()), sorted(catalogues.label_ids())[0]
    assert run_cli("check", str(mini)).out.splitlines() == [
        f"curriculum/programme.yaml:5:12: warning: {count} of {count} labels have no pt translation (for example "
        f"'{first}'), so pages in pt show them in English; run `curriculum i18n labels --lang pt` to start "
        "locales/pt.po, then translate them there [labels-untranslated]"]
    written = run_cli("i18n", "labels", str(mini), "--lang", "pt")
    assert written.code == 0 and written.err.startswith("wrote locales/pt.po")
    translate_template(mini / "locales/pt.po", without_shipped_pt, leave_out="Weighted mean")
    assert run_cli("check", str(mini)).out.splitlines() == [
        f"locales/pt.po:1:1: warning: 1 of {count} labels have no pt translation (for example 'Weighted mean'), so "
        "pages in pt show them in English; add them to locales/pt.po [labels-untranslated]"]
    assert run_cli("check", str(mini), "--strict").code == 1


def test_the_template_is_written_once_never_through_a_link(mini: Path, tmp_path: Path):
    result = run_cli("i18n", "labels", str(mini), "--lang", "ja")
    assert result.code == 0
    template = read_po(io.BytesIO((mini / "locales/ja.po").read_bytes()))
    assert sorted(str(m.id) for m in template if m.id) == sorted(catalogues.label_ids())
    assert all(not m.string for m in template if m.id)
    (mini / "locales/ja.po").write_text("# mine\n", encoding="utf-8")
    again = run_cli("i18n", "labels", str(mini), "--lang", "ja")
    assert again.code == 1 and "exists already" in again.err
    assert (mini / "locales/ja.po").read_text(encoding="utf-8") == "# mine\n"
    shutil.rmtree(mini / "locales")
    (mini / "locales").symlink_to(tmp_path)
    linked = run_cli("i18n", "labels", str(mini), "--lang", "ja")
    assert linked.code == 1 and "symbolic link" in linked.err and not (tmp_path / "ja.po").exists()
    # the shipped Spanish is offered as fuzzy suggestions, not used until checked
    (mini / "locales").unlink()
    assert run_cli("i18n", "labels", str(mini), "--lang", "es").code == 0
    es = {m.id: m for m in read_po(io.BytesIO((mini / "locales/es.po").read_bytes())) if m.id}
    assert es["Objectives"].string == "Objetivos" and es["Objectives"].fuzzy


def test_a_project_label_overrides_and_an_unsafe_or_broken_one_is_refused(mini: Path):
    (mini / "locales").mkdir()
    (mini / "locales/es.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "Objectives"\nmsgstr "Metas"\n\n'
        'msgid "Block {number}"\nmsgstr "Bloque {number.__class__}"\n', encoding="utf-8")
    assert labels.translator("es", mini)("Objectives") == "Metas"
    assert labels.translator("es", mini)("Block {number}") == "Bloque {number}"  # the generator's, not the unsafe one
    assert run_cli("check", str(mini)).out.splitlines() == [
        "locales/es.po:8:1: warning: the translation of 'Block {number}' is not used: its {placeholders} are not "
        "those of the message [labels-unsafe]"]
    (mini / "locales/es.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "Objectives"\nmsgstr "Metas\n', encoding="utf-8")
    assert run_cli("check", str(mini)).out.splitlines() == [
        "locales/es.po:5:1: error: a string without its closing quote, or with an unescaped quote inside; this "
        "catalogue is not used until it parses (pages show the generator's labels) [labels-invalid]"]
    assert labels.translator("es", mini)("Objectives") == "Objetivos"


@pytest.mark.browser
def test_a_project_catalogue_translates_every_label_on_pt_pages(mini: Path, tmp_path: Path, page,
                                                                  without_shipped_pt: dict[str, str]):
    before = tree_digest(GENERATOR)
    add_language(mini, "pt")
    assert run_cli("i18n", "labels", str(mini), "--lang", "pt").code == 0
    translate_template(mini / "locales/pt.po", without_shipped_pt)
    assert run_cli("check", str(mini), "--strict").code == 0
    outcome = build_project(mini, tmp_path / "site")
    assert outcome.built, outcome.problems
    assert tree_digest(GENERATOR) == before  # nothing under generator/ changed
    page.goto((tmp_path / "site/pt/modules/m02/index.html").as_uri())
    text = page.locator("article").inner_text()
    for english, portuguese in [("Objectives", "Objetivos"), ("Session plan", "Plano de sessões"), ("Method", "Método"), ("Level", "Nível"),
                                ("Minutes", "Minutos"), ("Prerequisites", "Pré-requisitos")]:
        assert portuguese in text and english not in text, english
    assert "Esta página ainda não foi traduzida" in text and "Ela é exibida em inglês" in text
    page.goto((tmp_path / "site/pt/modules/m01/index.html").as_uri())  # it has trainer notes
    assert "Visão do participante" in page.content() and "Participant view" not in page.content()
    page.goto((tmp_path / "site/pt/translations/index.html").as_uri())
    assert "Situação da tradução" in page.locator("article h1").inner_text()


def test_a_notice_is_whole_sentences_in_one_language():
    from generator.i18n.notices import notice
    from generator.i18n.translate import State

    es = notice(State.OUTDATED, "es", "en", "../translations/index.md", outdated=0.25)
    assert es == ('!!! warning translation-notice translation-outdated "Esta traducción puede estar desactualizada"\n'
                  "    El 25\xa0% de su texto ha cambiado en el original en inglés desde que se tradujo. "
                  "[Estado de la traducción](../translations/index.md)\n\n")
    pt = notice(State.MISSING, "pt", "es", "t.md")
    assert "Esta página ainda não foi traduzida" in pt and "Ela é exibida em espanhol, o idioma em que foi escrita." in pt
    # a language with no labels at all: the whole notice in English, the language named in English too
    ja = notice(State.MISSING, "ja", "en", "t.md")
    assert '"This page has not been translated yet"' in ja and "It is shown in English, the language it was" in ja


def test_updating_the_catalogues_keeps_every_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    locales = tmp_path / "locales"
    shutil.copytree(GENERATOR / "i18n/locales", locales)
    # a maintainer's own header, which Babel would otherwise rewrite
    es = locales / "es.po"
    es.write_text(es.read_text(encoding="utf-8").replace('"Last-Translator: curriculum-site maintainers\\n"',
                                                         '"Last-Translator: Ana <ana@example.org>\\n"'), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in locales.iterdir()}
    monkeypatch.setattr(catalogues, "LOCALES", locales)
    catalogues.update(["ja"])
    after = {p.name: p.read_bytes() for p in locales.iterdir()}
    assert sorted(after) == sorted([*before, "ja.po"])
    assert {name: data for name, data in after.items() if name in before} == before  # nothing else changed
    assert b'"Language: ja\\n"' in after["ja.po"]
