"""`curriculum i18n status|mark|export|import`, end to end on the mini project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import edit, run_cli
from test_build import tree_digest


def sources_digest(root: Path) -> dict[str, str]:
    return {**tree_digest(root / "content"), **tree_digest(root / "curriculum")}


# --- status --------------------------------------------------------------------------------


def test_status_text_lists_every_file_per_language(mini: Path):
    result = run_cli("i18n", "status", str(mini))
    assert result.code == 0
    lines = result.out.splitlines()
    es = lines[: lines.index(next(x for x in lines if x.startswith("fr:")))]
    assert es[0].startswith("es: ") and "% translated (" in es[0] and " words)" in es[0]
    assert "  translated  curriculum/modules/m02.yaml" in es
    assert "  missing     curriculum/modules/m01.yaml" in es
    assert "  missing     content/modules/m01.md" in es
    assert lines[-1].startswith("  missing     content/modules/m02.md")  # vi, last
    assert any(x.startswith("fr: 0.0% translated (0 of ") for x in lines)
    assert any(x.startswith("  partial     curriculum/modules/m01.yaml  (3 units not translated: objectives/m01.1/text")
               for x in lines)
    assert es[1].startswith("  units: 36 current (147 words), 0 outdated (0 words), 8 not translated (")


def test_status_json_and_strict(mini: Path):
    result = run_cli("i18n", "status", str(mini), "--format", "json", "--lang", "es")
    data = json.loads(result.out)
    (es,) = data["languages"]
    assert es["lang"] == "es" and 0 < es["percent"] < 100
    m02 = next(f for f in es["files"] if f["source"] == "curriculum/modules/m02.yaml")
    assert m02["state"] == "translated" and m02["translation"] == "curriculum/modules/m02.es.yaml"
    assert m02["units"] == m02["translated_units"] == 6 and m02["outdated"] == [] and not m02["legacy_record"]
    assert run_cli("i18n", "status", str(mini), "--strict").code == 1
    assert run_cli("i18n", "status", str(mini), "--lang", "de").code == 2
    assert run_cli("i18n", "status", str(mini), "--lang", "en").code == 2


def test_a_complete_translation_passes_strict(mini: Path):
    edit(mini / "curriculum/programme.yaml", "languages: [en, es, fr, vi]", "languages: [en, es]")
    for name in ("curriculum/modules/m01.vi.yaml", "content/index.vi.md"):
        (mini / name).unlink()
    (mini / "curriculum/modules/m01.es.yaml").write_text(
        "title: Fundamentos de Kaizen\nsummary: Qué es Kaizen.\nobjectives:\n  - {id: m01.1, text: Explicar.}\n"
        "sessions:\n  - {id: s1, title: Los siete desperdicios}\n  - {id: s2, title: Recorrido gemba}\n",
        encoding="utf-8")
    (mini / "content/modules/m01.es.md").write_text("## Puntos clave\n\nDesperdicio.\n", encoding="utf-8")
    assert run_cli("i18n", "status", str(mini), "--strict").code == 1  # no source_hash yet: outdated
    assert run_cli("i18n", "mark", str(mini / "curriculum/modules/m01.es.yaml"),
                   str(mini / "content/modules/m01.es.md")).code == 0
    result = run_cli("i18n", "status", str(mini), "--strict")
    assert result.code == 0, result.out
    assert result.out.startswith("es: 100.0% translated")


# --- mark ----------------------------------------------------------------------------------


def test_edit_then_mark(mini: Path):
    """An edited English sentence makes the Spanish translation outdated; `mark` makes it current."""
    edit(mini / "curriculum/modules/m02.yaml", "summary: Sort, set in order", "summary: Sort, then set in order")
    status = run_cli("i18n", "status", str(mini), "--lang", "es").out
    assert "  outdated    curriculum/modules/m02.yaml  (1 of 6 units outdated)" in status
    assert "    curriculum/modules/m02.yaml:3: summary: Sort, then set in order, shine, standardise, sustain." in status
    overlay = mini / "curriculum/modules/m02.es.yaml"
    before = overlay.read_text(encoding="utf-8")
    result = run_cli("i18n", "mark", str(overlay))
    assert result.code == 0
    assert "curriculum/modules/m02.es.yaml: marked as translated from curriculum/modules/m02.yaml as it is now" in result.err
    after = overlay.read_text(encoding="utf-8")
    # Only the summary's hash changed: the comment, the flow mappings and the order are as they were.
    assert before.splitlines()[0] == after.splitlines()[0] == "# Traducción revisada por el equipo de San Salvador."
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(changed) == 1 and changed[0][0].startswith("  summary: ") and changed[0][1].startswith("  summary: ")
    assert "  translated  curriculum/modules/m02.yaml" in run_cli("i18n", "status", str(mini), "--lang", "es").out
    again = run_cli("i18n", "mark", str(overlay))
    assert "already records" in again.err and overlay.read_text(encoding="utf-8") == after


def test_mark_adds_the_hash_where_there_is_none(mini: Path):
    page = mini / "content/modules/m01.fr.md"
    page.write_bytes("## Points clés\r\n\r\nLe gaspillage.\r\n".encode())
    overlay = mini / "curriculum/modules/m01.fr.yaml"
    overlay.write_text("# traduction\ntitle: Les bases du Kaizen  # à relire\n", encoding="utf-8")
    result = run_cli("i18n", "mark", str(page), str(overlay))
    assert result.code == 0
    assert "content/modules/m01.fr.md: note: it has 2 units and its source 3" in result.err
    text = page.read_bytes().decode()
    assert text.startswith('---\r\nsource_hashes:\r\n- "') and text.endswith('---\r\n\r\n## Points clés\r\n\r\nLe gaspillage.\r\n')
    assert text.count('\r\n- "') == 3  # one per unit of the source
    assert overlay.read_text(encoding="utf-8").startswith("# traduction\ntitle: Les bases du Kaizen  # à relire\n")
    assert overlay.read_text(encoding="utf-8").endswith('\nsource_hashes:\n  title: "f0192f91"\n')


def test_mark_refuses_what_is_not_a_translation(mini: Path, tmp_path: Path):
    assert run_cli("i18n", "mark", str(mini / "curriculum/modules/m02.yaml")).code == 2
    assert run_cli("i18n", "mark", str(mini / "nowhere.es.yaml")).code == 2
    stray = tmp_path / "x.es.md"
    stray.write_text("x\n")
    assert run_cli("i18n", "mark", str(stray)).code == 2
    (mini / "content/gone.es.md").write_text("x\n", encoding="utf-8")
    result = run_cli("i18n", "mark", str(mini / "content/gone.es.md"))
    assert result.code == 1 and "its source content/gone.md does not exist" in result.err


# --- export and import ----------------------------------------------------------------------


def export(root: Path, lang: str, out: Path):
    result = run_cli("i18n", "export", str(root), "--lang", lang, "--out", str(out))
    assert result.code == 0, result.err
    with out.open("rb") as handle:
        return read_po(handle)


def test_export_lists_what_is_left_with_context(mini: Path, tmp_path: Path):
    catalog = export(mini, "es", tmp_path / "es.po")
    entries = {m.context: m for m in catalog if m.id}
    title = entries["curriculum/modules/m01.yaml::title"]
    assert (title.id, title.string, title.locations) == ("Kaizen basics", "", [("curriculum/modules/m01.yaml", 2)])
    assert entries["curriculum/modules/m01.yaml::sessions/s2/title"].id == "Gemba walk at a bakery"
    assert entries["content/modules/m01.md::1"].id == "## Key points"
    assert entries["content/modules/m01.md::3"].id.startswith('!!! trainer "Trainer notes"\n    Take the group')
    assert any(c.startswith("unit 3 of 3 ") for c in entries["content/modules/m01.md::3"].auto_comments)
    assert not any(c.startswith("curriculum/modules/m02.yaml") for c in entries)  # up to date: not exported
    assert str(catalog.locale) == "es"


def test_export_to_standard_output(mini: Path):
    result = run_cli("i18n", "export", str(mini), "--lang", "fr")
    assert result.code == 0 and 'msgctxt "curriculum/programme.yaml::title"' in result.out
    assert run_cli("i18n", "export", str(mini), "--lang", "xx").code == 2


@pytest.mark.parametrize("lang", ["es", "fr", "vi"])
def test_importing_an_unchanged_catalogue_changes_no_file(mini: Path, tmp_path: Path, lang: str):
    edit(mini / "content/modules/m02.md", "plan a monthly audit", "plan a weekly audit")  # an outdated page too
    edit(mini / "curriculum/modules/m02.yaml", "title: Red-tag campaign", "title: Red-tag day")  # and overlay
    before = sources_digest(mini)
    export(mini, lang, tmp_path / "x.po")
    result = run_cli("i18n", "import", str(tmp_path / "x.po"), str(mini))
    assert result.code == 0, result.err
    assert "nothing to write" in result.err
    assert sources_digest(mini) == before


def fill(catalog, translate) -> None:
    for message in catalog:
        if message.id:
            message.string = translate(message.id)
            message.flags.discard("fuzzy")


def save(catalog, path: Path) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalog)


@pytest.mark.parametrize("lang", ["es", "fr", "vi"])
def test_a_translated_catalogue_fills_every_gap(mini: Path, tmp_path: Path, lang: str):
    edit(mini / "curriculum/modules/m02.yaml", "title: Red-tag campaign", "title: Red-tag day")
    catalog = export(mini, lang, tmp_path / "x.po")
    fill(catalog, lambda text: f"[{lang}] {text}" if not text.startswith(("#", "!!!", "|", " ")) else text)
    save(catalog, tmp_path / "x.po")
    result = run_cli("i18n", "import", str(tmp_path / "x.po"), str(mini))
    assert result.code == 0, result.err
    status = run_cli("i18n", "status", str(mini), "--lang", lang, "--strict")
    assert status.code == 0, status.out
    assert status.out.startswith(f"{lang}: 100.0% translated")
    assert run_cli("check", str(mini), "--strict").out == ""
    assert json.loads(run_cli("i18n", "status", str(mini), "--lang", lang, "--format", "json").out)["languages"][0]["percent"] == 100
    # and a second round has nothing left to do
    assert [m for m in export(mini, lang, tmp_path / "y.po") if m.id] == []


def test_import_writes_into_existing_overlays_keeping_their_layout(mini: Path, tmp_path: Path):
    catalog = export(mini, "vi", tmp_path / "vi.po")
    fill(catalog, lambda text: "VI " + text)
    save(catalog, tmp_path / "vi.po")
    overlay = mini / "curriculum/modules/m01.vi.yaml"
    before = overlay.read_text(encoding="utf-8")
    assert run_cli("i18n", "import", str(tmp_path / "vi.po"), str(mini)).code == 0
    after = overlay.read_text(encoding="utf-8")
    kept = before[: before.index("source_hashes:")]
    assert after.startswith(kept)  # the translator's lines are untouched, new ones follow
    assert "objectives:\n  - {id: m01.1, text: VI Explain the seven wastes with examples from a bakery.}\n" in after
    assert "  - {id: s2, title: VI Gemba walk at a bakery}\n" in after
    created = (mini / "curriculum/rubrics/delivery.vi.yaml").read_text(encoding="utf-8")
    assert "\nsource_hashes:\n  title: " in created and "  - {score: 1, label: VI Beginning}" in created
    assert "descriptors: {1: VI No plan., 2: VI A plan without objectives." in created
    page = (mini / "content/modules/m01.vi.md").read_text(encoding="utf-8")
    assert page.startswith('---\nsource_hashes:\n- "') and "\n\nVI !!! trainer" in page


def test_a_partly_translated_catalogue(mini: Path, tmp_path: Path):
    catalog = export(mini, "fr", tmp_path / "fr.po")
    for message in catalog:
        if message.context in ("curriculum/modules/m02.yaml::title", "content/modules/m02.md::1"):
            message.string = "Les 5S" if message.context.endswith("title") else "## Points clés"
    save(catalog, tmp_path / "fr.po")
    result = run_cli("i18n", "import", str(tmp_path / "fr.po"), str(mini))
    assert "content/modules/m02.md: 1 of 2 units translated; its translation does not exist yet, so the page is " \
        "written only when all its units are" in result.err
    assert (mini / "curriculum/modules/m02.fr.yaml").read_text(encoding="utf-8").startswith("title: Les 5S\n")
    assert not (mini / "content/modules/m02.fr.md").exists()
    status = run_cli("i18n", "status", str(mini), "--lang", "fr").out
    assert "  partial     curriculum/modules/m02.yaml" in status


def test_reviewing_an_outdated_translation_in_the_catalogue(mini: Path, tmp_path: Path):
    edit(mini / "curriculum/modules/m02.yaml", "title: Red-tag campaign", "title: Red-tag day")
    catalog = export(mini, "es", tmp_path / "es.po")
    entries = [m for m in catalog if m.id and m.context.startswith("curriculum/modules/m02.yaml::")]
    assert all(m.fuzzy and m.string for m in entries)  # old translations offered as suggestions
    for message in entries:
        message.flags.discard("fuzzy")
        if message.context.endswith("sessions/s1/title"):
            message.string = "Día de tarjetas rojas"
    save(catalog, tmp_path / "es.po")
    assert run_cli("i18n", "import", str(tmp_path / "es.po"), str(mini)).code == 0
    overlay = (mini / "curriculum/modules/m02.es.yaml").read_text(encoding="utf-8")
    assert "  - {id: s1, title: Día de tarjetas rojas}\n" in overlay
    assert "  translated  curriculum/modules/m02.yaml" in run_cli("i18n", "status", str(mini), "--lang", "es").out


def test_import_needs_a_language(mini: Path, tmp_path: Path):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n', encoding="utf-8")
    assert run_cli("i18n", "import", str(path), str(mini)).code == 2
    assert run_cli("i18n", "import", str(path), str(mini), "--lang", "es").code == 0


def test_import_fills_keys_left_empty(mini: Path, tmp_path: Path):
    overlay = mini / "curriculum/modules/m01.fr.yaml"
    overlay.write_text('source_hash: ""\ntitle:\nsummary: ""\nobjectives:\nsessions: []\n', encoding="utf-8")
    catalog = export(mini, "fr", tmp_path / "fr.po")
    fill(catalog, lambda text: text if text.startswith(("#", "!!!", "|", " ", "- ")) else "FR " + text)
    save(catalog, tmp_path / "fr.po")
    assert run_cli("i18n", "import", str(tmp_path / "fr.po"), str(mini)).code == 0
    text = overlay.read_text(encoding="utf-8")
    assert "\nsource_hashes:\n  title: " in text and text.startswith("title: FR Kaizen basics\n")
    assert "\nobjectives: [{id: m01.1, text: FR Explain the seven wastes with examples from a bakery.}]\n" in text
    assert "\nsessions: [{id: s1, title: FR The seven wastes}, {id: s2, title: FR Gemba walk at a bakery}]\n" in text
    assert run_cli("check", str(mini), "--strict").out == ""
    assert "  translated  curriculum/modules/m01.yaml" in run_cli("i18n", "status", str(mini), "--lang", "fr").out
