"""Staleness per unit: one edited sentence outdates one unit; export shows what changed; import
makes the file current again; damaged PO files are refused whole; old one-hash files migrate."""

from __future__ import annotations

import hashlib
import io
import subprocess
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from conftest import edit, run_cli

from generator.i18n.units import markdown_units

OLD = "Sustain is the hardest S: plan a monthly audit with the owner."
NEW = "Sustain is the hardest S: plan a weekly audit with the owner."


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                   check=True, capture_output=True)


def committed(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "translated")
    return root


def sources_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def catalogue(text: str):
    return read_po(io.BytesIO(text.encode()))


def test_markdown_units_are_paragraphs_items_rows_headings_and_code():
    body = ("# Title\n\nA paragraph\nthat goes on.\n2026. A year does not start a list.\n\n- one\n- two\n"
            "  continued\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n\nstill code\n```\n1. first\n2. second\n")
    assert [u.text for u in markdown_units(body)] == [
        "# Title", "A paragraph\nthat goes on.\n2026. A year does not start a list.", "- one", "- two\n  continued",
        "| a | b |\n|---|---|", "| 1 | 2 |", "```\ncode\n\nstill code\n```", "1. first", "2. second"]


def test_one_edited_sentence_is_one_outdated_unit_and_one_fuzzy_entry(mini: Path, tmp_path: Path):
    root = committed(mini)
    edit(root / "content/modules/m02.md", OLD, NEW)
    status = run_cli("i18n", "status", str(root), "--lang", "es")
    outdated = [line.strip() for line in status.out.splitlines() if line.startswith("    ")]
    assert outdated == [f"content/modules/m02.md:3: 2: {NEW[:60]}…"]
    assert "  outdated    content/modules/m02.md  (1 of 2 units outdated)" in status.out
    assert "1 outdated (12 words)" in status.out.splitlines()[1]

    exported = run_cli("i18n", "export", str(root), "--lang", "es", "--out", str(tmp_path / "es.po"))
    assert exported.code == 0, exported.err
    text = (tmp_path / "es.po").read_text(encoding="utf-8")
    fuzzy = [m for m in catalogue(text) if m.id and m.fuzzy]
    assert len(fuzzy) == 1
    (entry,) = fuzzy
    assert (entry.context, entry.id) == ("content/modules/m02.md::2", NEW)
    # the previous msgid, which Poedit, Weblate and Lokalize show as a difference (Babel does not read it back)
    assert f'#, fuzzy\n#| msgid "{OLD}"\nmsgctxt "content/modules/m02.md::2"\n' in text
    assert text.count("#| msgid") == 1
    assert entry.string.startswith("Sostener es la S más difícil: planifique una auditoría mensual")

    translated = text.replace("#, fuzzy\n", "", 1).replace("auditoría mensual", "auditoría semanal")
    (tmp_path / "es.po").write_text(translated, encoding="utf-8")
    imported = run_cli("i18n", "import", str(tmp_path / "es.po"), str(root))
    assert imported.code == 0, imported.err
    assert "wrote content/modules/m02.es.md" in imported.err
    page = (root / "content/modules/m02.es.md").read_text(encoding="utf-8")
    assert page.endswith("## Puntos clave\n\nSostener es la S más difícil: planifique una auditoría semanal con el "
                         "propietario.\n")
    after = run_cli("i18n", "status", str(root), "--lang", "es").out
    assert "  translated  content/modules/m02.md" in after and "outdated units" not in after
    assert run_cli("check", str(root)).out == ""


def test_one_edited_yaml_text_is_one_outdated_unit_with_its_old_text(mini: Path, tmp_path: Path):
    root = committed(mini)
    edit(root / "curriculum/modules/m02.yaml", "title: Red-tag campaign", "title: Red-tag day")
    status = run_cli("i18n", "status", str(root), "--lang", "es", "--format", "json")
    m02 = next(f for f in __import__("json").loads(status.out)["languages"][0]["files"]
               if f["source"] == "curriculum/modules/m02.yaml")
    assert [(u["key"], u["line"]) for u in m02["outdated"]] == [("sessions/s1/title", 10)]
    assert m02["translated_units"] == m02["units"] - 1
    diff = run_cli("i18n", "status", str(root), "--lang", "es", "--diff").out
    assert diff.splitlines()[0] == "es  curriculum/modules/m02.yaml:10: sessions/s1/title"
    assert any(line.startswith("Red-tag campaign") and line.endswith("| Red-tag day") for line in diff.splitlines())
    exported = run_cli("i18n", "export", str(root), "--lang", "es").out
    fuzzy = [m for m in catalogue(exported) if m.id and m.fuzzy]
    assert [(m.id, m.string) for m in fuzzy] == [("Red-tag day", "Campaña de tarjetas rojas")]
    assert '#| msgid "Red-tag campaign"\nmsgctxt "curriculum/modules/m02.yaml::sessions/s1/title"\n' in exported


def test_import_dry_run_shows_the_change_and_writes_nothing(mini: Path, tmp_path: Path):
    edit(mini / "content/modules/m02.md", OLD, NEW)
    text = run_cli("i18n", "export", str(mini), "--lang", "es").out
    (tmp_path / "es.po").write_text(text.replace("#, fuzzy\n", "", 1).replace("mensual", "semanal"), encoding="utf-8")
    before = sources_digest(mini)
    result = run_cli("i18n", "import", str(tmp_path / "es.po"), str(mini), "--dry-run")
    assert result.code == 0 and "would write content/modules/m02.es.md" in result.err
    assert "-Sostener es la S más difícil: planifique una auditoría mensual con el propietario.\n" in result.out
    assert "+Sostener es la S más difícil: planifique una auditoría semanal con el propietario.\n" in result.out
    assert sources_digest(mini) == before


def test_a_damaged_po_file_is_refused_whole_with_its_line(mini: Path, tmp_path: Path):
    edit(mini / "curriculum/modules/m02.yaml", "title: Red-tag campaign", "title: Red-tag day")
    text = run_cli("i18n", "export", str(mini), "--lang", "fr").out.replace("#, fuzzy\n", "")
    lines = [line if not line.startswith("msgstr") else 'msgstr "FR"' for line in text.splitlines()]
    lines[1::1] = lines[1:]
    full = "\n".join(lines) + "\n"
    before = sources_digest(mini)
    cut = full[: full.index('msgstr "FR"', len(full) // 2) + len('msgstr "FR')]  # cut inside a string
    (tmp_path / "cut.po").write_text(cut, encoding="utf-8")
    result = run_cli("i18n", "import", str(tmp_path / "cut.po"), str(mini))
    line = cut.count("\n") + 1
    assert result.code == 1
    assert result.err == (f"{tmp_path / 'cut.po'}:{line}:1: error: a string without its closing quote, or with an "
                          "unescaped quote inside; nothing was imported [po-invalid]\n")
    assert sources_digest(mini) == before
    (tmp_path / "garbage.po").write_bytes(b"\x00\x01 not a catalogue\n")
    garbage = run_cli("i18n", "import", str(tmp_path / "garbage.po"), str(mini))
    assert garbage.code == 1 and garbage.err.startswith(f"{tmp_path / 'garbage.po'}:1:1: error: not PO syntax")
    entry_cut = full[: full.index("msgstr", len(full) // 2)]  # a msgid without its msgstr
    (tmp_path / "entry.po").write_text(entry_cut, encoding="utf-8")
    cut_entry = run_cli("i18n", "import", str(tmp_path / "entry.po"), str(mini))
    assert cut_entry.code == 1 and "a msgid but no msgstr" in cut_entry.err
    assert sources_digest(mini) == before


def test_each_entry_that_cannot_be_applied_is_named(mini: Path, tmp_path: Path):
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'
                  'msgctxt "curriculum/modules/m02.yaml::sessions/s9/title"\nmsgid "Gone"\nmsgstr "Ido"\n\n'
                  'msgctxt "content/modules/m02.md::2"\nmsgid "A paragraph nobody wrote."\nmsgstr "Nada."\n\n'
                  'msgctxt "notes.txt::1"\nmsgid "x"\nmsgstr "y"\n', encoding="utf-8")
    result = run_cli("i18n", "import", str(po), str(mini))
    assert result.code == 0
    assert result.err.splitlines() == [
        f"{po}:10: content/modules/m02.md::2: its msgid is no longer a paragraph, list item, table row or heading "
        "of content/modules/m02.md (export again); not imported",
        f"{po}:6: curriculum/modules/m02.yaml::sessions/s9/title: 'sessions/s9/title' is no longer in "
        "curriculum/modules/m02.yaml; not imported",
        f"{po}:14: notes.txt::1: not a curriculum file; not imported",
        "nothing to write: every translated entry is already in place"]


def test_migrate_keeps_each_files_state_unit_by_unit(mini: Path):
    """One-hash files: the version they name is found in git history, and only what changed since
    stays outdated; a version found nowhere leaves the file "not yet checked"."""
    from generator.i18n.translate import digest

    root = mini
    page, source = root / "content/modules/m02.es.md", root / "content/modules/m02.md"
    body = page.read_text(encoding="utf-8").split("---\n", 2)[2]
    page.write_text(f'---\nsource_hash: "{digest(source.read_text(encoding="utf-8"))}"\n---\n{body}', encoding="utf-8")
    overlay = root / "curriculum/rubrics/delivery.es.yaml"
    text = overlay.read_text(encoding="utf-8")
    overlay.write_text('source_hash: "sha256:0000000000000000"\n' + text[: text.index("source_hashes:")],
                       encoding="utf-8")
    committed(root)
    edit(source, OLD, NEW)  # changed after the translation: that unit must stay outdated
    assert "[translation-legacy-hash]" in run_cli("check", str(root)).out
    assert "would migrate content/modules/m02.es.md" in run_cli("i18n", "migrate", str(root), "--dry-run").err
    result = run_cli("i18n", "migrate", str(root))
    assert result.code == 0
    assert "migrated content/modules/m02.es.md from the source version it names" in result.err
    assert "migrated curriculum/rubrics/delivery.es.yaml as not yet checked" in result.err
    status = run_cli("i18n", "status", str(root), "--lang", "es").out
    assert "  outdated    content/modules/m02.md  (1 of 2 units outdated)" in status
    assert "  outdated    curriculum/rubrics/delivery.yaml  (no source version recorded" in status
    assert "[translation-legacy-hash]" not in run_cli("check", str(root)).out
    assert "nothing to migrate" in run_cli("i18n", "migrate", str(root)).err


# --- the glossary as term base --------------------------------------------------------------------

GLOSSARY_EN = "# Glossary\n\n**Red tag**: A label on an item whose need is in doubt.\n"
GLOSSARY_ES = "# Glosario\n\n**Tarjeta roja** (*red tag*): Etiqueta en un objeto cuya necesidad se duda.\n"


def with_glossary(root: Path, spanish: str = GLOSSARY_ES) -> None:
    (root / "content/glossary.md").write_text(GLOSSARY_EN, encoding="utf-8")
    (root / "content/glossary.es.md").write_text(spanish, encoding="utf-8")
    assert run_cli("i18n", "mark", str(root / "content/glossary.es.md")).code == 0


def test_the_glossary_check_finds_a_planted_inconsistency(mini: Path):
    with_glossary(mini)
    assert run_cli("check", str(mini), "--strict").code == 0  # "Campaña de tarjetas rojas" uses the term
    edit(mini / "curriculum/modules/m02.es.yaml", "  - {id: s1, title: Campaña de tarjetas rojas}",
         "  - {id: s1, title: Campaña de etiquetas rojas}")
    result = run_cli("check", str(mini), "--strict")
    assert result.code == 1
    assert result.out.splitlines() == [
        "curriculum/modules/m02.es.yaml:8:21: warning: the source (curriculum/modules/m02.yaml:10) says 'red tag', "
        "which the glossary (content/glossary.es.md:9) translates as 'Tarjeta roja', but this translation does not "
        "use it; use the term, or change the glossary [translation-term]"]


def test_a_glossary_variant_is_accepted_and_links_are_not_prose(mini: Path):
    with_glossary(mini, GLOSSARY_ES.replace("**Tarjeta roja** (", "**Tarjeta roja** o **etiqueta roja** ("))
    edit(mini / "curriculum/modules/m02.es.yaml", "  - {id: s1, title: Campaña de tarjetas rojas}",
         "  - {id: s1, title: Campaña de etiquetas rojas}")
    edit(mini / "content/modules/m02.md", OLD, OLD + " See [the tags](red-tag/list.md).")
    edit(mini / "content/modules/m02.es.md", "con el propietario.", "con el propietario. Vea [la lista](red-tag/list.md).")
    assert run_cli("i18n", "mark", str(mini / "content/modules/m02.es.md")).code == 0
    assert "[translation-term]" not in run_cli("check", str(mini)).out


def test_a_paragraph_added_to_the_source_is_shown_in_place_then_imported_alone(mini: Path, tmp_path: Path):
    from generator.i18n.translate import localize
    from generator.source.load import load

    edit(mini / "content/modules/m02.md", "## Key points\n", "## Key points\n\nStart with the owner's own list.\n")
    cur, _ = load(mini)
    local, status = localize(cur, "es")
    assert status.of("content/modules/m02.md").missing == ["2"] and not status.of("content/modules/m02.md").outdated
    assert local.pages[("modules/m02.md", "es")].body == (
        "## Puntos clave\n\nStart with the owner's own list.\n\nSostener es la S más difícil: planifique una auditoría "
        "mensual con el propietario.\n")
    text = run_cli("i18n", "export", str(mini), "--lang", "es").out
    (entry,) = [m for m in catalogue(text) if m.id and m.context.startswith("content/modules/m02.md")]
    assert (entry.context, entry.string, entry.fuzzy) == ("content/modules/m02.md::2", "", False)
    filled = text.replace('msgid "Start with the owner\'s own list."\nmsgstr ""',
                          'msgid "Start with the owner\'s own list."\nmsgstr "Empiece por la lista del propietario."')
    (tmp_path / "es.po").write_text(filled, encoding="utf-8")
    assert run_cli("i18n", "import", str(tmp_path / "es.po"), str(mini)).code == 0
    page = (mini / "content/modules/m02.es.md").read_text(encoding="utf-8")
    assert page.endswith("## Puntos clave\n\nEmpiece por la lista del propietario.\n\nSostener es la S más difícil: "
                         "planifique una auditoría mensual con el propietario.\n")
    assert "  translated  content/modules/m02.md" in run_cli("i18n", "status", str(mini), "--lang", "es").out


def test_import_never_writes_through_a_symbolic_link(mini: Path, tmp_path: Path):
    outside = tmp_path / "outside.md"
    target = mini / "content/modules/m02.es.md"
    outside.write_text(target.read_text(encoding="utf-8"), encoding="utf-8")
    target.unlink()
    target.symlink_to(outside)
    edit(mini / "content/modules/m02.md", OLD, NEW)
    catalog = catalogue(run_cli("i18n", "export", str(mini), "--lang", "es").out)  # the link is not read
    for message in catalog:
        if message.id and message.context.startswith("content/modules/m02.md::"):
            message.string = "ES " + message.id
    out = io.BytesIO()
    write_po(out, catalog)
    (tmp_path / "es.po").write_bytes(out.getvalue())
    before = outside.read_text(encoding="utf-8")
    result = run_cli("i18n", "import", str(tmp_path / "es.po"), str(mini))
    assert result.code == 1 and "content/modules/m02.es.md is a symbolic link; nothing was imported" in result.err
    assert outside.read_text(encoding="utf-8") == before
    assert run_cli("i18n", "mark", str(mini / "content/modules/m02.es.md")).code in (1, 2)
    assert outside.read_text(encoding="utf-8") == before


def test_units_pair_by_what_they_record_not_by_position():
    from generator.i18n.units import Pair, align

    # a translation in its own order (a glossary sorted in its language): b changed to B
    assert align(["a", "b", "c"], ["c", "a", "B"]) == ([Pair(0, 2, True), Pair(1, 0, True), Pair(2, 1, False)], [])
    # a unit added to the source has no translation; a removed one leaves its translation orphaned
    assert align(["a", "b"], ["a", "new", "b"]) == ([Pair(0, 0, True), Pair(2, 1, True)], [])
    assert align(["a", "b", "c"], ["a", "c"]) == ([Pair(0, 0, True), Pair(1, 2, True)], [1])
    assert align(["a", "b"], ["A", "b"]) == ([Pair(0, 0, False), Pair(1, 1, True)], [])
