"""The memo of costly files (the calendars): kept by a digest of exactly the data they are made from,
so a build after an edit that does not touch a calendar's data skips making it, and one after an
edit that does makes it again; in both cases the bytes are those of a render without the memo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit

from generator.build import build_project, check_project
from generator.i18n.translate import localize
from generator.render import render
from generator.site.cache import CACHE_DIR
from generator.source import memo as memo_module
from generator.source.memo import Memo

ICS = "schedules/cohort-1/cohort-1.ics"
STAMP = 1767225600


def calendars(root: Path, memo: Memo | None) -> dict[str, bytes]:
    """The calendar of each language, rendered from the project as it is now."""
    cur, _config, problems = check_project(root)
    assert not [p for p in problems if p.severity == "error"], [p.text() for p in problems]
    return {lang: render(localize(cur, lang)[0], lang, stamp=STAMP, memo=memo).files[ICS] for lang in ("en", "es")}


def made_again(root: Path, folder: Path) -> tuple[list[str], list[str], dict[str, bytes]]:
    """The hits and misses of a render in a fresh process (memory forgotten, files kept), and its calendars."""
    memo_module.forget()
    memo = Memo(folder, "salt")
    found = calendars(root, memo)
    return [k for k in memo.hits if k == "ics"], [k for k in memo.misses if k == "ics"], found


# In the order applied to one project: (what, the edit, the languages whose calendar data it changes).
EDITS: list[tuple[str, Callable[[Path], None], set[str]]] = [
    ("module body", lambda root: (root / "content/modules/m02.md").open("a").write("\nOne more line.\n"), set()),
    ("rubric", lambda root: edit(root / "curriculum/rubrics/delivery.yaml", "2: Asks closed questions.",
                                 "2: Asks yes/no questions."), set()),
    ("session time", lambda root: edit(root / "curriculum/schedules/cohort-1.yaml", '{start: "10:00", end: "11:00"',
                                       '{start: "10:30", end: "11:30"'), {"en", "es"}),
    # The Spanish calendar shows the session's translated title, which did not change.
    ("session title", lambda root: edit(root / "curriculum/modules/m02.yaml", "title: Red-tag campaign",
                                        "title: Red-tag day"), {"en"}),
    ("time zone", lambda root: edit(root / "curriculum/schedules/cohort-1.yaml", "timezone: America/El_Salvador",
                                    "timezone: America/Guatemala"), {"en", "es"}),
]


@pytest.fixture
def two_languages(mini: Path) -> Path:
    edit(mini / "curriculum/programme.yaml", "languages: [en, es, fr, vi]", "languages: [en, es]")
    for extra in [*mini.rglob("*.fr.*"), *mini.rglob("*.vi.*")]:
        extra.unlink()
    return mini


def test_a_calendar_is_made_once_then_read_back_with_the_same_bytes(two_languages: Path, tmp_path: Path):
    folder = tmp_path / "memo"
    hits, misses, first = made_again(two_languages, folder)
    assert (hits, misses) == ([], ["ics", "ics"])
    assert first == calendars(two_languages, None)
    assert len(list((folder / "ics").iterdir())) == 2  # one a language: the labels differ
    # Read back from the files (a later `curriculum build`), then from memory (serve).
    assert made_again(two_languages, folder) == (["ics", "ics"], [], first)
    memo = Memo(folder, "salt")
    assert calendars(two_languages, memo) == first and memo.hits == ["ics", "json", "ics", "json"]
    # Another generator (another salt) makes its own.
    other = Memo(folder, "another generator")
    assert calendars(two_languages, other) == first and other.misses == ["ics", "json", "ics", "json"]


def test_an_edit_remakes_a_calendar_exactly_when_its_data_changed(two_languages: Path, tmp_path: Path):
    folder = tmp_path / "memo"
    _hits, _misses, before = made_again(two_languages, folder)
    for kind, change, changed in EDITS:
        change(two_languages)
        hits, misses, after = made_again(two_languages, folder)
        assert after == calendars(two_languages, None), kind  # the bytes of a render without the memo
        assert {lang for lang in after if after[lang] != before[lang]} == changed, kind
        assert (len(misses), len(hits)) == (len(changed), 2 - len(changed)), kind
        before = after


def test_a_build_keeps_its_calendars_in_the_projects_cache(two_languages: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(STAMP))
    assert build_project(two_languages, tmp_path / "site").built
    kept = sorted((two_languages / CACHE_DIR / "memo" / "ics").iterdir())
    assert len(kept) == 2
    assert sorted(p.read_bytes() for p in kept) == sorted(calendars(two_languages, None).values())
    assert build_project(two_languages, tmp_path / "fresh", cache=False).built
    assert (tmp_path / "site" / ICS).read_bytes() == (tmp_path / "fresh" / ICS).read_bytes()


def test_a_memo_file_unused_for_weeks_is_deleted_and_a_link_is_never_followed(tmp_path: Path):
    folder = tmp_path / "memo"
    memo = Memo(folder, "salt")
    assert memo.bytes_for("ics", b"key", lambda: b"made") == b"made"
    (kept,) = (folder / "ics").iterdir()
    old = (folder / "ics" / "old")
    old.write_bytes(b"stale")
    import os
    os.utime(old, (0, 0))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"not ours")
    memo_module.forget()
    Memo(folder, "salt")
    assert not old.exists() and kept.exists()
    old.write_bytes(b"stale")
    os.utime(old, (0, 0))
    Memo(folder, "salt")
    assert old.exists()  # pruned at most once a day: not again yet
    os.utime(folder / memo_module.PRUNED, (0, 0))
    linked = Memo(folder, "salt")
    assert not old.exists() and kept.exists()
    kept.unlink()
    kept.symlink_to(elsewhere)
    assert linked.bytes_for("ics", b"key", lambda: b"made") == b"made" and linked.misses == ["ics"]
    assert elsewhere.read_bytes() == b"not ours"


def test_the_json_export_is_kept_until_the_data_it_shows_changes(two_languages: Path, tmp_path: Path):
    def export(memo: Memo | None) -> bytes:
        cur, _config, _problems = check_project(two_languages)
        return render(localize(cur, "es")[0], "es", stamp=STAMP, memo=memo).files["curriculum.json"]

    memo_module.forget()
    first = export(Memo(tmp_path, "salt"))
    (content,) = (tmp_path / "json").iterdir()
    assert content.read_bytes() == first == export(None)
    for change, remade in ((EDITS[0][1], False), (EDITS[3][1], False), (EDITS[2][1], True)):
        change(two_languages)  # a body and an English title (the Spanish export shows its own): kept
        memo = Memo(tmp_path, "salt")
        assert export(memo) == export(None)
        assert ("json" in memo.misses, "json" in memo.hits) == (remade, not remade)


PARTS = ["", ".", "..", "a", "b", "a/b", "a/./b", "a//b/", "../a", "a/../..", "/x/y", "modules/m01", "modules",
         "handbook/part-1", "modules/m01/../m02/x.md", "./a"]


@pytest.mark.parametrize("deep", [False, True])
def test_relative_paths_are_relpaths_whatever_the_working_folder(deep: bool, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch):
    import posixpath

    from generator.source.paths import relative

    (tmp_path / "project" / "site").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "project" / "site" if deep else "/")
    for path in PARTS:
        for start in PARTS:
            try:
                expected = posixpath.relpath(path, start)
            except ValueError:
                with pytest.raises(ValueError):
                    relative(path, start)
                continue
            assert relative(path, start) == expected, (path, start)


def test_the_glossary_checks_word_filter_drops_no_warning(mini: Path, monkeypatch: pytest.MonkeyPatch):
    import dataclasses

    from conftest import run_cli
    from test_translation_units import with_glossary

    from generator.i18n import terms
    from generator.source.load import load

    with_glossary(mini, "# Glosario\n\n**Tarjeta roja** (*red tag*): Etiqueta.\n\n**Propietario** (*owner*): Quien.\n\n"
                        "**Campaña** (*Campaign*): Serie.\n")
    # The source in capitals and in a non-ASCII text; translations without the terms.
    edit(mini / "curriculum/modules/m02.yaml", "title: Red-tag campaign", "title: RED TAG CAMPAIGNS")
    edit(mini / "curriculum/modules/m02.es.yaml", "  - {id: s1, title: Campaña de tarjetas rojas}",
         "  - {id: s1, title: Jornada de etiquetas}")
    assert run_cli("i18n", "mark", str(mini / "curriculum/modules/m02.es.yaml")).code == 0  # current again
    cur, _problems = load(mini)
    filtered = [p.text() for p in terms.check_terms(cur)]
    whole = terms.term_base
    monkeypatch.setattr(terms, "term_base", lambda cur, lang: (
        whole(cur, lang)[0], [dataclasses.replace(t, first="") for t in whole(cur, lang)[1]]))
    assert filtered == [p.text() for p in terms.check_terms(cur)]
    assert len(filtered) >= 2 and all("[translation-term]" in p for p in filtered)


TRICKY_YAML = """\
id: m01
m: {f: 1.5, d: 2026-02-28}
values: [1, 1.0, true, "1", null, 2026-02-02, .inf, -.inf, .nan, 0x1F, 0o17, ~, '2026-02-02', 1e3]
text: |
  Two lines
  of text.
nested:
  - {a: [], b: {}}
  - - deep
"""


def typed(doc) -> str:
    """A parse result with every value's type showing (1, 1.0, True and "1" differ)."""
    return repr((doc.path, doc.data, doc.marks, doc.key_marks)) if doc is not None else "None"


def test_a_yaml_file_read_back_from_the_memo_is_what_parsing_gives(tmp_path: Path):
    from generator.source.yamlsource import parse_yaml

    root = Path(__file__).parent.parent
    texts = {"tricky.yaml": TRICKY_YAML, "anchors.yaml": "a: &x [1, 2]\nb: *x\n", "bad.yaml": "a: 1\na: 2\n"}
    for path in [*root.glob("curriculum/**/*.yaml"), *root.glob("tests/fixtures/**/*.yaml")]:
        texts[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
    folder = tmp_path / "memo"
    memo_module.forget()
    first = Memo(folder, "salt")
    for rel, text in texts.items():
        assert typed(parse_yaml(text, rel, first)[0]) == typed(parse_yaml(text, rel)[0]), rel
    memo_module.forget()
    again = Memo(folder, "salt")  # a later run: from the files
    for rel, text in texts.items():
        doc, problems = parse_yaml(text, rel, again)
        fresh, fresh_problems = parse_yaml(text, rel)
        assert typed(doc) == typed(fresh), rel
        assert [p.text() for p in problems] == [p.text() for p in fresh_problems], rel
    # Each file was parsed once; a file with problems or anchors is parsed every time (kept as b"").
    assert len(first.misses) == len(texts) and len(again.hits) == len(texts) and not again.misses
    assert parse_yaml(texts["tricky.yaml"], "tricky.yaml", again)[0] is not parse_yaml(
        texts["tricky.yaml"], "tricky.yaml", again)[0]  # a fresh Doc each time: no caller sees another's edits
    assert len(texts) > 30
    from generator.source.yamlsource import kept_form
    assert kept_form(*parse_yaml(TRICKY_YAML, "tricky.yaml"))  # kept (no problem, no anchor)
    assert not kept_form(*parse_yaml(texts["bad.yaml"], "bad.yaml"))


def test_a_build_after_an_edit_parses_only_the_edited_file(two_languages: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    from generator.source import yamlsource

    assert build_project(two_languages, tmp_path / "one").built
    parsed: list[str] = []
    real = yamlsource._parse
    monkeypatch.setattr(yamlsource, "_parse", lambda text, rel: parsed.append(rel) or real(text, rel))
    memo_module.forget()  # a new process: the files of the memo are read
    edit(two_languages / "curriculum/modules/m02.yaml", "garment workshop floor", "bakery floor")
    assert build_project(two_languages, tmp_path / "two").built
    assert [p for p in parsed if p.startswith("curriculum/")] == ["curriculum/modules/m02.yaml"]
