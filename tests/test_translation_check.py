"""`curriculum check` on translations: each misfit overlay named at its line and column."""

from __future__ import annotations

from pathlib import Path

from conftest import edit, run_cli

OVERLAY = "curriculum/modules/m02.es.yaml"


def check_lines(root: Path) -> list[str]:
    return run_cli("check", str(root)).out.splitlines()


def test_the_fixture_translations_are_clean(mini: Path):
    assert check_lines(mini) == []


def test_structure_in_an_overlay_is_an_error_at_its_key(mini: Path):
    edit(mini / OVERLAY, "  - {id: s1, title: Campaña de tarjetas rojas}",
         "  - {id: s1, title: Campaña de tarjetas rojas, minutes: 120}")
    edit(mini / "curriculum/rubrics/delivery.es.yaml", "    title: Participación\n",
         "    title: Participación\n    weight: 50\n")
    result = run_cli("check", str(mini))
    assert result.code == 1
    assert result.out.splitlines() == [
        "curriculum/modules/m02.es.yaml:8:48: error: 'minutes' is structure, not text: overlays translate text only; "
        "change it in curriculum/modules/m02.yaml and remove it here [translation-structure]",
        "curriculum/rubrics/delivery.es.yaml:13:5: error: 'weight' is structure, not text: overlays translate text "
        "only; change it in curriculum/rubrics/delivery.yaml and remove it here [translation-structure]",
    ]


def test_a_different_id_is_structure_the_same_id_is_fine(mini: Path):
    edit(mini / OVERLAY, "title: 5S y gestión visual", "id: m02\ntitle: 5S y gestión visual")
    assert check_lines(mini) == []
    edit(mini / OVERLAY, "\nid: m02\n", "\nid: m03\n")
    assert check_lines(mini) == [
        "curriculum/modules/m02.es.yaml:2:5: error: an overlay cannot change the id ('m03' here, 'm02' in the "
        "source); remove 'id:' from the overlay [translation-structure]"]


def test_keys_the_source_lacks_are_warnings_at_the_key(mini: Path):
    edit(mini / OVERLAY, "summary: Clasificar", "sumary: Clasificar")
    edit(mini / OVERLAY, "  - {id: s1, title: Campaña de tarjetas rojas}",
         "  - {id: s1, title: Campaña de tarjetas rojas, summary: Algo}")
    result = run_cli("check", str(mini))
    assert result.code == 0
    assert result.out.splitlines() == [
        "curriculum/modules/m02.es.yaml:3:1: warning: the source has no 'sumary' here: nothing in "
        "curriculum/modules/m02.yaml to translate; remove it or fix its name [translation-unknown-key]",
        "curriculum/modules/m02.es.yaml:8:48: warning: the source has no 'summary' here: nothing in "
        "curriculum/modules/m02.yaml to translate; remove it or fix its name [translation-unknown-key]",
    ]
    assert run_cli("check", str(mini), "--strict").code == 1


def test_ids_that_do_not_exist_are_warnings_at_the_id(mini: Path):
    edit(mini / OVERLAY, "{id: m02.2,", "{id: m02.9,")
    edit(mini / "curriculum/rubrics/delivery.es.yaml", "{score: 4, label: Experto}", "{score: 5, label: Experto}")
    assert check_lines(mini) == [
        "curriculum/modules/m02.es.yaml:6:10: warning: id 'm02.9' is not in the source; it has: m02.1, m02.2; "
        "remove this item or fix its id [translation-unknown-id]",
        "curriculum/rubrics/delivery.es.yaml:6:13: warning: score '5' is not in the source; it has: 1, 2, 3, 4; "
        "remove this item or fix its id [translation-unknown-id]",
    ]


def test_values_that_are_not_text(mini: Path):
    edit(mini / OVERLAY, "title: 5S y gestión visual", "title: [5S, visual]")
    edit(mini / OVERLAY, "sessions:\n", "sessions: yes\nunused:\n")
    lines = check_lines(mini)
    assert lines[0] == ("curriculum/modules/m02.es.yaml:2:8: error: this must be a text, as in curriculum/modules/m02.yaml "
                        "[translation-not-text]")
    assert "curriculum/modules/m02.es.yaml:7:11: error: this must be a list, as in curriculum/modules/m02.yaml " \
           "[translation-not-text]" in lines


def test_translations_without_source_or_language(mini: Path):
    (mini / "curriculum/modules/m07.es.yaml").write_text('source_hash: ""\ntitle: Siete\n', encoding="utf-8")
    (mini / "content/guide.es.md").write_text("# Guía\n", encoding="utf-8")
    (mini / "content/index.de.md").write_text("# Willkommen\n", encoding="utf-8")
    (mini / "content/index.en.md").write_text("# Welcome\n", encoding="utf-8")
    assert check_lines(mini) == [
        "content/guide.es.md:1:1: warning: there is no content/guide.md for this page to translate; readers of the "
        "other languages will not find it (write the original, or rename this file) [translation-without-source]",
        "content/index.de.md:1:1: warning: 'de' is not in the programme's languages (en, es, fr, vi); add it to "
        "'languages:' in curriculum/programme.yaml or remove this file [translation-unused-language]",
        "content/index.en.md:1:1: warning: 'en' is the default language, so this translation is never used; merge "
        "it into the source [translation-unused-language]",
        "curriculum/modules/m07.es.yaml:1:1: warning: there is no curriculum/modules/m07.yaml for this file to "
        "translate; rename it to match its source or remove it [translation-without-source]",
    ]


def test_a_malformed_source_hash(mini: Path):
    edit(mini / OVERLAY, '  sessions/s1/title: "', '  sessions/s1/title: "2026-01-01 sha1:')
    lines = check_lines(mini)
    assert len(lines) == 1 and lines[0].startswith("curriculum/modules/m02.es.yaml:15:22: warning: source_hashes must be")
    assert lines[0].endswith("[translation-bad-hash]")


def test_a_file_recording_one_hash_is_told_to_migrate(mini: Path):
    text = (mini / OVERLAY).read_text(encoding="utf-8")
    (mini / OVERLAY).write_text('source_hash: "sha256:0123456789abcdef"\n' + text[: text.index("source_hashes:")],
                                encoding="utf-8")
    lines = check_lines(mini)
    assert lines == [
        "curriculum/modules/m02.es.yaml:1:1: warning: curriculum/modules/m02.es.yaml records one source hash for the "
        "whole file, so one changed sentence outdates all of it; run `curriculum i18n migrate` to record one hash per "
        "text and paragraph (see CHANGELOG 0.2.0) [translation-legacy-hash]"]


def test_a_translated_page_is_used_and_an_invalid_overlay_falls_back(mini: Path, tmp_path: Path):
    from generator.i18n.translate import localize
    from generator.source.load import load

    edit(mini / OVERLAY, "title: 5S y gestión visual", 'title: "   "')
    cur, _ = load(mini)
    local, _status = localize(cur, "es")
    assert local.modules["m02"].model.title == "5S and visual management"  # blank text is no translation
    assert local.modules["m02"].model.summary.startswith("Clasificar")
