"""`curriculum diff`: exactly the changes made between two releases of a small git repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import markdown
import pytest

from conftest import edit, run_cli
from generator.i18n.translate import localize
from generator.releases.diff import compare
from generator.releases.refs import checked_out, resolve
from generator.releases.whatchanged import what_changed_page, what_changed_pages, what_changed_title
from generator.source.load import load

M03 = """id: m03
title: Quality circles
summary: Running a QC circle in a workshop.
level: practitioner
objectives:
  - {id: m03.1, text: Start a QC circle with the owner., outcomes: [O2]}
prerequisites: [m02]
sessions:
  - {id: s1, title: A circle meeting, minutes: 60, method: role-play}
assessment: []
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          check=True, capture_output=True, text=True)
    return done.stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def releases(mini: Path) -> tuple[Path, str, str]:
    """The mini project as two releases: 2026.1 listed in releases.yaml, 2026.2 a tag (v2026.2)."""
    git(mini, "init", "-q", "-b", "main")
    first = commit(mini, "2026.1")
    # The known changes: a session's minutes, a module added, an objective removed, a rubric
    # weight, a schedule day moved (and the slot of the longer session ends later).
    edit(mini / "curriculum/modules/m01.yaml", "minutes: 90, method: lecture", "minutes: 120, method: lecture")
    (mini / "curriculum/modules/m03.yaml").write_text(M03, encoding="utf-8")
    edit(mini / "curriculum/programme.yaml", "modules: [m01, m02]", "modules: [m01, m02, m03]")
    edit(mini / "curriculum/programme.yaml", 'version: "2026.1"', 'version: "2026.2"')
    edit(mini / "curriculum/modules/m02.yaml",
         "  - {id: m02.2, text: Coach a facilitator through a red-tag campaign., outcomes: [O2]}\n", "")
    edit(mini / "curriculum/rubrics/delivery.yaml", "weight: 40", "weight: 30")
    edit(mini / "curriculum/rubrics/delivery.yaml", "weight: 60", "weight: 70")
    edit(mini / "curriculum/schedules/cohort-1.yaml", "- date: 2026-02-03", "- date: 2026-02-05")
    edit(mini / "curriculum/schedules/cohort-1.yaml", '{start: "08:00", end: "09:30", module: m01',
         '{start: "08:00", end: "10:00", module: m01')
    edit(mini / "curriculum/schedules/cohort-1.yaml", '{start: "10:00", end: "12:00", module: m01',
         '{start: "10:30", end: "12:30", module: m01')
    second = commit(mini, "2026.2")
    git(mini, "tag", "v2026.2")
    (mini / "curriculum/releases.yaml").write_text(
        f'- {{version: "2026.1", commit: {first}, date: 2026-02-01, note: First cohort}}\n', encoding="utf-8")
    return mini, first, second


def slot(module: str, session: str, title: str, old: tuple[str, str, str] | None,
         new: tuple[str, str, str] | None) -> dict:
    def when(w: tuple[str, str, str] | None) -> dict | None:
        return {"date": w[0], "start": w[1], "end": w[2]} if w else None
    return {"module": module, "session": session, "title": title, "old": when(old), "new": when(new)}


def section(added=(), removed=(), renamed=(), changed=()) -> dict:
    return {"added": list(added), "removed": list(removed), "renamed": list(renamed), "changed": list(changed)}


def test_diff_json_lists_exactly_the_changes_between_two_releases(releases):
    repo, first, second = releases
    run = run_cli("diff", "2026.1", "2026.2", str(repo), "--format", "json")
    assert run.code == 0, run.err
    assert json.loads(run.out) == {
        "old": {"ref": "2026.1", "commit": first, "version": "2026.1"},
        "new": {"ref": "2026.2", "commit": second, "version": "2026.2"},
        "programme": [{"name": "modules", "old": ["m01", "m02"], "new": ["m01", "m02", "m03"]}],
        "outcomes": section(),
        "modules": section(
            added=[{"id": "m03", "title": "Quality circles", "minutes": 60}],
            changed=[
                {"id": "m01", "title": "Kaizen basics", "fields": [], "parts": {"sessions": section(changed=[
                    {"id": "s1", "title": "The seven wastes", "fields": [{"name": "minutes", "old": 90, "new": 120}],
                     "parts": {}}])}},
                {"id": "m02", "title": "5S and visual management", "fields": [], "parts": {"objectives": section(
                    removed=[{"id": "m02.2", "title": "Coach a facilitator through a red-tag campaign.",
                              "minutes": None}])}},
            ]),
        "rubrics": section(changed=[
            {"id": "delivery", "title": "Training delivery", "fields": [], "parts": {"criteria": section(changed=[
                {"id": "preparation", "title": "Preparation and objectives",
                 "fields": [{"name": "weight", "old": 40, "new": 30}], "parts": {}},
                {"id": "participation", "title": "Participation",
                 "fields": [{"name": "weight", "old": 60, "new": 70}], "parts": {}},
            ])}}]),
        "schedules": section(changed=[
            {"id": "cohort-1", "title": "Test cohort", "fields": [], "parts": {}, "added": [], "removed": [],
             "moved": [
                 slot("m01", "s1", "The seven wastes", ("2026-02-02", "08:00", "09:30"),
                      ("2026-02-02", "08:00", "10:00")),
                 slot("m01", "s2", "Gemba walk at a bakery", ("2026-02-02", "10:00", "12:00"),
                      ("2026-02-02", "10:30", "12:30")),
                 slot("m02", "s1", "Red-tag campaign", ("2026-02-03", "08:00", "09:30"),
                      ("2026-02-05", "08:00", "09:30")),
                 slot("m02", "s2", "Teach-back of the audit", ("2026-02-03", "10:00", "11:00"),
                      ("2026-02-05", "10:00", "11:00")),
             ]}]),
        "minutes_by_method": [
            {"method": "lecture", "old": 90, "new": 120},
            {"method": "workshop", "old": 90, "new": 90},
            {"method": "role-play", "old": 0, "new": 60},
            {"method": "field-practice", "old": 120, "new": 120},
            {"method": "assessment", "old": 60, "new": 60},
        ],
        "total_minutes": {"method": "total", "old": 360, "new": 450},
    }
    # Stable bytes: sorted keys, two-space indent, a final newline.
    assert run.out == json.dumps(json.loads(run.out), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_diff_text_reads_as_a_list_of_changes(releases):
    repo, first, _second = releases
    run = run_cli("diff", "2026.1", "v2026.2", str(repo))
    assert run.code == 0, run.err
    assert run.out == f"""Curriculum changes from 2026.1 ({first[:12]}) to 2026.2 (v2026.2, {_second[:12]})

Programme
  modules: [m01, m02] -> [m01, m02, m03]

Modules
  + m03 Quality circles (60 min)
  ~ m01 Kaizen basics
      sessions:
        ~ s1 The seven wastes
            minutes: 90 -> 120 (+30)
  ~ m02 5S and visual management
      objectives:
        - m02.2 Coach a facilitator through a red-tag campaign.

Rubrics
  ~ delivery Training delivery
      criteria:
        ~ preparation Preparation and objectives
            weight: 40 -> 30 (-10)
        ~ participation Participation
            weight: 60 -> 70 (+10)

Schedules
  ~ cohort-1 Test cohort
      moved: m01 s1 The seven wastes: 2026-02-02 08:00-09:30 -> 2026-02-02 08:00-10:00
      moved: m01 s2 Gemba walk at a bakery: 2026-02-02 10:00-12:00 -> 2026-02-02 10:30-12:30
      moved: m02 s1 Red-tag campaign: 2026-02-03 08:00-09:30 -> 2026-02-05 08:00-09:30
      moved: m02 s2 Teach-back of the audit: 2026-02-03 10:00-11:00 -> 2026-02-05 10:00-11:00

Hours by method
  lecture           1.5 h ->     2 h (+0.5 h)
  workshop          1.5 h ->   1.5 h
  role-play           0 h ->     1 h (+1 h)
  field-practice      2 h ->     2 h
  assessment          1 h ->     1 h
  total               6 h ->   7.5 h (+1.5 h)
"""


def test_the_working_tree_is_compared_as_it_is_now(releases):
    repo, _first, second = releases
    edit(repo / "curriculum/modules/m03.yaml", "minutes: 60, method: role-play", "minutes: 45, method: workshop")
    run = run_cli("diff", "v2026.2", ".", str(repo), "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["old"] == {"ref": "v2026.2", "commit": second, "version": "2026.2"}
    assert data["new"] == {"ref": ".", "commit": None, "version": "2026.2"}
    assert data["modules"] == section(changed=[
        {"id": "m03", "title": "Quality circles", "fields": [], "parts": {"sessions": section(changed=[
            {"id": "s1", "title": "A circle meeting", "parts": {}, "fields": [
                {"name": "minutes", "old": 60, "new": 45}, {"name": "method", "old": "role-play", "new": "workshop"}]}])}}])
    assert data["total_minutes"] == {"method": "total", "old": 450, "new": 435}
    same = run_cli("diff", ".", ".", str(repo))
    assert same.code == 0 and "No change to the programme, modules, rubrics or schedules." in same.out


def test_an_unknown_release_is_a_usage_error(releases):
    repo, _first, _second = releases
    run = run_cli("diff", "2025.9", ".", str(repo))
    assert run.code == 2 and run.out == ""
    assert run.err == (f"curriculum: '2025.9' is no release in curriculum/releases.yaml, no tag v2025.9 and no "
                       f"commit, tag or branch of {repo}\n")
    (repo / "curriculum/releases.yaml").write_text('- {version: "2025.1", commit: 0123abcd}\n', encoding="utf-8")
    run = run_cli("diff", "2025.1", ".", str(repo))
    assert run.code == 2
    assert "release 2025.1 of curriculum/releases.yaml names commit 0123abcd, which git does not have" in run.err


def test_outside_git_only_the_working_tree_can_be_named(mini):
    assert run_cli("diff", ".", ".", str(mini)).code == 0
    run = run_cli("diff", "2026.1", ".", str(mini))
    assert run.code == 2 and run.out == ""
    assert run.err.startswith(f"curriculum: '2026.1' is no release in curriculum/releases.yaml, no tag v2026.1 and "
                              f"no commit, tag or branch of {mini} (fatal: not a git repository")


def test_a_side_whose_files_cannot_be_read_is_reported(releases):
    repo, _first, _second = releases
    edit(repo / "curriculum/modules/m03.yaml", "minutes: 60", 'minutes: "sixty"')
    broken = commit(repo, "broken")
    run = run_cli("diff", "v2026.2", broken, str(repo))
    assert run.code == 1 and run.out == ""
    assert f"NEW ({broken}) has files that cannot be read" in run.err
    assert run.err.endswith("\ncurriculum/modules/m03.yaml:9:48: error: 'minutes' must be a whole number, such as 90, "
                            "not 'sixty' [wrong-type]\n")


def test_a_file_with_a_new_id_and_the_same_content_is_a_rename(mini, tmp_path):
    old, _ = load(mini)
    # m01 becomes m04 (the file, its id, the programme and m02's prerequisite follow), and session
    # s2 of m02 becomes s3, its slot in the schedule too.
    (mini / "curriculum/modules/m01.yaml").rename(mini / "curriculum/modules/m04.yaml")
    edit(mini / "curriculum/modules/m04.yaml", "id: m01\ntitle", "id: m04\ntitle")
    edit(mini / "curriculum/programme.yaml", "modules: [m01, m02]", "modules: [m04, m02]")
    edit(mini / "curriculum/modules/m02.yaml", "prerequisites: [m01]", "prerequisites: [m04]")
    edit(mini / "curriculum/modules/m02.yaml", "{id: s2, title: Teach-back", "{id: s3, title: Teach-back")
    schedule = mini / "curriculum/schedules/cohort-1.yaml"
    schedule.write_text(schedule.read_text(encoding="utf-8").replace("module: m01", "module: m04").replace(
        "module: m02, session: s2", "module: m02, session: s3"), encoding="utf-8")
    new, problems = load(mini)
    assert not [p for p in problems if p.severity.value == "error"]
    diff = compare(old, new).to_dict()
    assert diff["modules"]["renamed"] == [{"old_id": "m01", "new_id": "m04", "title": "Kaizen basics"}]
    assert diff["modules"]["added"] == [] and diff["modules"]["removed"] == []
    m02 = diff["modules"]["changed"]
    assert [c["id"] for c in m02] == ["m02"]
    assert m02[0]["fields"] == [{"name": "prerequisites", "old": ["m01"], "new": ["m04"]}]
    assert m02[0]["parts"]["sessions"]["renamed"] == [
        {"old_id": "s2", "new_id": "s3", "title": "Teach-back of the audit"}]
    # The slots follow the renames: nothing moved in the schedule.
    assert diff["schedules"]["changed"] == []


def test_rubric_levels_descriptors_and_the_pass_rule_are_compared(mini):
    old, _ = load(mini)
    rubric = mini / "curriculum/rubrics/delivery.yaml"
    edit(rubric, "{score: 4, label: Expert}", "{score: 4, label: Mentor}")
    edit(rubric, "3: Runs exercises.", "3: Runs exercises with every participant.")
    edit(rubric, "pass: {weighted_mean: 3.0, minimum_level: 2}", "pass: {weighted_mean: 2.5, minimum_level: 2}")
    new, _ = load(mini)
    change = compare(old, new).to_dict()["rubrics"]["changed"][0]
    assert change["fields"] == [{"name": "pass.weighted_mean", "old": 3.0, "new": 2.5}]
    assert change["parts"]["levels"] == section(changed=[
        {"id": "4", "title": "Mentor", "fields": [{"name": "label", "old": "Expert", "new": "Mentor"}], "parts": {}}])
    assert change["parts"]["criteria"] == section(changed=[
        {"id": "participation", "title": "Participation", "parts": {}, "fields": [
            {"name": "descriptors.3", "old": "Runs exercises.", "new": "Runs exercises with every participant."}]}])


def loaded(repo: Path, ref: str):
    """The curriculum of release `ref` of `repo`, as `curriculum diff` reads it."""
    with checked_out(repo, resolve(repo, ref)) as root:
        return load(root)[0]


def localized_pair(repo: Path, old_ref: str, new_ref: str, lang: str) -> tuple:
    """Both releases of `repo`, loaded and localized to `lang`, as the site's build has them."""
    return tuple(localize(loaded(repo, ref), lang)[0] for ref in (old_ref, new_ref))


def test_the_what_changed_page_shows_the_changes_in_english(releases):

    old, new = localized_pair(releases[0], "2026.1", "2026.2", "en")
    page = what_changed_page(old, new, "en", "2026.1", "2026.2")
    assert page == """# What changed

What changed in version 2026.2 since version 2026.1.

## Programme

- **Order of the modules:** m01, m02 → m01, m02, m03

## Modules

- **Added:** [M03 · Quality circles](modules/m03/index.md) (60 min)

### Changed: [M01 · Kaizen basics](modules/m01/index.md)

- **Sessions**
    - **Changed:** The seven wastes
        - **Duration:** 90 min → 120 min (+30 min)

### Changed: [M02 · 5S and visual management](modules/m02/index.md)

- **Objectives**
    - **Removed:** Coach a facilitator through a red-tag campaign.

## Rubrics

### Changed: [Training delivery](rubrics/delivery/index.md)

- **Criteria**
    - **Changed:** Preparation and objectives
        - **Weight:** 40 % → 30 % (−10 %)
    - **Changed:** Participation
        - **Weight:** 60 % → 70 % (+10 %)

## Schedules

### Changed: [Test cohort](schedules/cohort-1/index.md)

- **Moved:** M01 · The seven wastes: February 2, 2026, 8:00 AM–9:30 AM → February 2, 2026, 8:00 AM–10:00 AM
- **Moved:** M01 · Gemba walk at a bakery: February 2, 2026, 10:00 AM–12:00 PM → February 2, 2026, 10:30 AM–12:30 PM
- **Moved:** M02 · Red-tag campaign: February 3, 2026, 8:00 AM–9:30 AM → February 5, 2026, 8:00 AM–9:30 AM
- **Moved:** M02 · Teach-back of the audit: February 3, 2026, 10:00 AM–11:00 AM → February 5, 2026, 10:00 AM–11:00 AM

## Hours by method

| Method | 2026.1 | 2026.2 | Change |
|---|--:|--:|--:|
| Lecture | 1.5 h | 2 h | +0.5 h |
| Workshop | 1.5 h | 1.5 h |  |
| Role play | 0 h | 1 h | +1 h |
| Field practice | 2 h | 2 h |  |
| Assessment | 1 h | 1 h |  |
| **Total** | **6 h** | **7.5 h** | **+1.5 h** |
"""


def test_the_what_changed_page_is_nested_markdown_that_renders(releases):

    repo = releases[0]
    pages = what_changed_pages(loaded(repo, "2026.1"), loaded(repo, "2026.2"), "2026.1", "2026.2")
    assert sorted(pages) == ["en", "es", "fr", "vi"]
    assert [what_changed_title(lang) for lang in ("en", "es", "fr", "vi")] == [
        "What changed", "Qué cambió", "Nouveautés", "Những thay đổi"]
    assert pages["fr"].startswith("# Nouveautés\n")
    html = markdown.markdown(pages["en"], extensions=["tables"])
    assert ("<li><strong>Sessions</strong><ul>\n<li><strong>Changed:</strong> The seven wastes<ul>\n"
            "<li><strong>Duration:</strong> 90 min → 120 min (+30 min)</li>") in html
    assert '<h3>Changed: <a href="modules/m01/index.md">M01 · Kaizen basics</a></h3>' in html
    assert "<th>Method</th>" in html


def test_the_what_changed_page_speaks_spanish(releases):

    old, new = localized_pair(releases[0], "2026.1", "2026.2", "es")
    page = what_changed_page(old, new, "es", "2026.1", "2026.2", here="es/changes.md")
    lines = page.splitlines()
    assert lines[:3] == ["# Qué cambió", "", "Qué cambió en la versión 2026.2 desde la versión 2026.1."]
    for line in [
        "- **Orden de los módulos:** m01, m02 → m01, m02, m03",
        "- **Añadido:** [M03 · Quality circles](../modules/m03/index.md) (60 min)",
        "- **Sesiones**",
        "        - **Duración:** 90 min → 120 min (+30 min)",
        "### Modificado: [M02 · 5S y gestión visual](../modules/m02/index.md)",
        "    - **Eliminado:** Acompañar a un facilitador en una campaña de tarjetas rojas.",
        "### Modificado: [Impartición de la capacitación](../rubrics/delivery/index.md)",
        "    - **Modificado:** Preparación y objetivos",
        "        - **Peso:** 40 % → 30 % (−10 %)",
        "## Calendarios",
        "- **Cambiada de fecha:** M02 · Campaña de tarjetas rojas: 3 de febrero de 2026, 8:00–9:30 → "
        "5 de febrero de 2026, 8:00–9:30",
        "## Horas por método",
        "| Método | 2026.1 | 2026.2 | Cambio |",
        "| Exposición | 1,5 h | 2 h | +0,5 h |",
        "| **Total** | **6 h** | **7,5 h** | **+1,5 h** |",
    ]:
        assert line in lines, line
    assert "Changed" not in page and "Added" not in page


def test_the_what_changed_page_escapes_the_authors_text_and_names_a_first_release(mini):

    old, _ = load(mini)
    edit(mini / "curriculum/modules/m01.yaml", "title: Kaizen basics", 'title: "Kaizen <script>x()</script> | [a](b)"')
    new, _ = load(mini)
    page = what_changed_page(old, new, "en", "2026.1", "2026.1")
    assert ("### Changed: [M01 · Kaizen &lt;script&gt;x()&lt;/script&gt; \\| \\[a\\](b)](modules/m01/index.md)"
            in page.splitlines())
    assert "<script>" not in page
    first = what_changed_page(None, new, "es", None, "2026.1")
    assert first == "# Qué cambió\n\nLa versión 2026.1 es la primera publicada.\n\n"
