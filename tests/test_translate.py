"""Overlays applied per language, and the exact status of every translation."""

from __future__ import annotations

from pathlib import Path

from conftest import edit

from generator.i18n.textfields import SPECS, apply, units
from generator.i18n.translate import (
    State,
    digest,
    language_status,
    localize,
    units_hash,
)
from generator.source.load import load


def status_of(root: Path, lang: str) -> dict[str, State]:
    cur, problems = load(root)
    assert problems == []
    return {f.source: f.state for f in language_status(cur, lang).files}


def test_localize_replaces_text_and_keeps_structure(mini: Path):
    cur, _ = load(mini)
    local, status = localize(cur, "es")
    m02 = local.modules["m02"].model
    assert m02.title == "5S y gestión visual"
    assert [o.text for o in m02.objectives][1] == "Acompañar a un facilitador en una campaña de tarjetas rojas."
    assert [(s.title, s.minutes, s.method) for s in m02.sessions] == [
        ("Campaña de tarjetas rojas", 90, "workshop"), ("Enseñanza de la auditoría", 60, "assessment")]
    assert m02.prerequisites == ["m01"] and m02.tags == ["5s", "quality"]
    assert local.modules["m01"].model.title == "Kaizen basics"  # no overlay: the original
    assert local.rubrics["delivery"].model.levels[0].label == "Inicial"
    assert local.rubrics["delivery"].model.criteria[0].descriptors[4] == "Un plan que otros reutilizan."
    assert local.programme.model.outcomes[0].text.startswith("Los egresados")
    assert local.schedules["cohort-1"].model.title == "Cohorte de prueba"
    assert cur.modules["m02"].model.title == "5S and visual management"  # the source is untouched
    assert status.lang == "es"


def test_the_default_language_is_the_source(mini: Path):
    cur, _ = load(mini)
    local, status = localize(cur, "en")
    assert local is cur and status.files == []


def test_status_of_the_fixture(mini: Path):
    assert status_of(mini, "es") == {
        "curriculum/programme.yaml": State.TRANSLATED,
        "curriculum/modules/m01.yaml": State.MISSING,
        "curriculum/modules/m02.yaml": State.TRANSLATED,
        "curriculum/rubrics/delivery.yaml": State.TRANSLATED,
        "curriculum/schedules/cohort-1.yaml": State.TRANSLATED,
        "content/handouts/walk.md": State.TRANSLATED,
        "content/index.md": State.TRANSLATED,
        "content/modules/m01.md": State.MISSING,
        "content/modules/m02.md": State.TRANSLATED,
    }
    assert set(status_of(mini, "fr").values()) == {State.MISSING}
    vi = status_of(mini, "vi")
    assert vi["curriculum/modules/m01.yaml"] is State.PARTIAL and vi["content/index.md"] is State.TRANSLATED


def test_percentage_is_counted_in_words(mini: Path):
    cur, _ = load(mini)
    es = language_status(cur, "es")
    m01 = next(f for f in es.files if f.source == "curriculum/modules/m01.yaml")
    body = next(f for f in es.files if f.source == "content/modules/m01.md")
    assert es.words == sum(f.words for f in es.files)
    assert es.done == es.words - m01.words - body.words
    assert round(es.percent, 1) == round(100 * es.done / es.words, 1)
    assert language_status(cur, "fr").percent == 0.0
    partial = next(f for f in language_status(cur, "vi").files if f.source == "curriculum/modules/m01.yaml")
    assert 0 < partial.done < partial.words
    assert partial.missing == ["objectives/m01.1/text", "sessions/s1/title", "sessions/s2/title"]


def test_a_changed_sentence_makes_the_translation_outdated(mini: Path):
    edit(mini / "curriculum/modules/m02.yaml", "title: Red-tag campaign", "title: Red-tag campaign in the store room")
    edit(mini / "content/modules/m02.md", "plan a monthly audit", "plan a weekly audit")
    es = status_of(mini, "es")
    assert es["curriculum/modules/m02.yaml"] is State.OUTDATED
    assert es["content/modules/m02.md"] is State.OUTDATED
    assert es["curriculum/modules/m01.yaml"] is State.MISSING
    cur, _ = load(mini)
    status = language_status(cur, "es")
    outdated = status.of("curriculum/modules/m02.yaml")
    # exactly the edited texts are outdated: one YAML field, one paragraph; the rest stays current
    assert [(u.key, u.line) for u in outdated.outdated] == [("sessions/s1/title", 10)]
    page = status.of("content/modules/m02.md")
    assert [(u.key, u.line, u.text) for u in page.outdated] == [
        ("2", 3, "Sustain is the hardest S: plan a weekly audit with the owner.")]
    assert outdated.stale == 6 and outdated.done == outdated.words - 6  # shown, but not counted as done
    assert status.stale == 6 + 12


def test_numbers_and_structure_do_not_make_a_translation_outdated(mini: Path):
    edit(mini / "curriculum/modules/m02.yaml", "minutes: 90, method: workshop", "minutes: 120, method: case-study")
    edit(mini / "curriculum/modules/m02.yaml", "tags: [5s, quality]", "tags: [5s]")
    edit(mini / "curriculum/rubrics/delivery.yaml", "weight: 40", "weight: 45")
    edit(mini / "curriculum/rubrics/delivery.yaml", "weight: 60", "weight: 55")
    es = status_of(mini, "es")
    assert es["curriculum/modules/m02.yaml"] is State.TRANSLATED
    assert es["curriculum/rubrics/delivery.yaml"] is State.TRANSLATED


def test_an_outdated_translation_is_still_shown(mini: Path):
    edit(mini / "curriculum/modules/m02.yaml", "summary: Sort, set in order", "summary: Sort, then set in order")
    cur, _ = load(mini)
    local, status = localize(cur, "es")
    assert local.modules["m02"].model.summary == "Clasificar, ordenar, limpiar, estandarizar, sostener."
    assert status.of("curriculum/modules/m02.yaml").state is State.OUTDATED


def test_a_session_added_to_the_source_shows_the_file_as_partial_and_its_text_in_english(mini: Path):
    edit(mini / "curriculum/modules/m02.yaml", "  - {id: s2, title: Teach-back of the audit, minutes: 60, method: assessment}\n",
         "  - {id: s2, title: Teach-back of the audit, minutes: 60, method: assessment}\n"
         "  - {id: s3, title: Visual boards, minutes: 30, method: workshop}\n")
    cur, _ = load(mini)
    local, status = localize(cur, "es")
    assert [s.title for s in local.modules["m02"].model.sessions][2] == "Visual boards"
    file = status.of("curriculum/modules/m02.yaml")
    assert file.state is State.PARTIAL and file.missing == ["sessions/s3/title"] and not file.outdated


def test_hash_format_and_newlines():
    assert digest("a\r\nb\n") == digest("a\nb\n") == digest("a\rb\n")
    assert digest("x").startswith("sha256:") and len(digest("x")) == len("sha256:") + 16


def test_yaml_hash_covers_text_and_keys_only():
    data = {"id": "m9", "title": "T", "summary": "S", "level": "foundation", "objectives": [{"id": "m9.1", "text": "O"}],
            "sessions": [{"id": "s1", "title": "A", "minutes": 90, "method": "lecture"}], "prerequisites": [],
            "assessment": []}
    base = units_hash(units(SPECS["module"], data))
    changed_minutes = {**data, "sessions": [{"id": "s1", "title": "A", "minutes": 60, "method": "workshop"}]}
    renamed = {**data, "sessions": [{"id": "s2", "title": "A", "minutes": 90, "method": "lecture"}]}
    assert units_hash(units(SPECS["module"], changed_minutes)) == base
    assert units_hash(units(SPECS["module"], renamed)) != base


def test_apply_matches_items_by_id_and_by_position():
    data = {"title": "T", "cascade": [{"role": "A", "text": "a"}, {"role": "B", "text": "b"}],
            "outcomes": [{"id": "O1", "text": "one", "indicators": ["i1", "i2"]}]}
    texts = {("cascade", "1", "role"): "Be", ("outcomes", "O1", "indicators", "1"): "i-dos"}
    assert apply(SPECS["programme"], data, texts) == {
        "title": "T", "cascade": [{"role": "A", "text": "a"}, {"role": "Be", "text": "b"}],
        "outcomes": [{"id": "O1", "text": "one", "indicators": ["i1", "i-dos"]}]}


def test_front_matter_of_a_file_saved_with_crlf_is_read():
    from generator.source.load import split_front_matter

    meta, body, line, problems = split_front_matter('---\r\nsource_hash: "sha256:abc"\r\n---\r\n\r\n## Hola\r\n', "x.es.md")
    assert (meta, problems, line) == ({"source_hash": "sha256:abc"}, [], 5)
    assert body.startswith("## Hola")
