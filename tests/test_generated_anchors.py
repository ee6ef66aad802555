"""Links to anchors of the generator's own pages, and links written in YAML text fields, are checked
in every language they are shown in, at their file, line and column."""

from __future__ import annotations

from pathlib import Path

from conftest import edit

from generator.build import check_project


def errors(root: Path) -> list[str]:
    _cur, _config, problems = check_project(root)
    return [p.text() for p in problems if p.severity.value == "error"]


def column(path: Path, line: int, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines()[line - 1].index(text) + 1


def test_a_translated_text_links_to_a_heading_of_the_english_page(mini: Path):
    overlay = mini / "curriculum/modules/m02.es.yaml"
    edit(overlay, "text: Dirigir una auditoría 5S en el piso de un taller de confección.}",
         "text: 'Dirigir una auditoría 5S ([criterios](../../rubrics/delivery/index.md#criteria)).'}")
    col = column(overlay, 5, "../../rubrics")
    assert errors(mini) == [
        f"curriculum/modules/m02.es.yaml:5:{col}: error: the link '../../rubrics/delivery/index.md#criteria' leads "
        "to no '#criteria' in the 'es' site's page rubrics/delivery/index.md; did you mean '#criterios'? [broken-anchor]"]
    edit(overlay, "#criteria)", "#criterios)")
    assert errors(mini) == []


def test_a_source_text_is_checked_in_each_language_that_shows_it_untranslated(mini: Path):
    source = mini / "curriculum/modules/m01.yaml"
    edit(source, "text: Explain the seven wastes with examples from a bakery.,",
         "text: 'Explain the seven wastes (see [the plan](#session-plan)).',")
    col = column(source, 6, "#session-plan")
    # English has the heading "Session plan"; Spanish shows this English text on a page whose heading is translated.
    found = errors(mini)
    assert len(found) == 1 and found[0].startswith(
        f"curriculum/modules/m01.yaml:6:{col}: error: the link '#session-plan' leads to no '#session-plan' in the "
        "'es' site's page modules/m01/index.md"), found


def test_links_in_yaml_texts_lead_somewhere(mini: Path):
    source = mini / "curriculum/modules/m01.yaml"
    edit(source, "summary: What Kaizen is and how small improvements add up in a micro enterprise.",
         "summary: See [the walk](../../handouts/walk.md#waste) and [the rubric](../../rubrics/deliver/index.md).")
    found = errors(mini)
    assert found[0].startswith(f"curriculum/modules/m01.yaml:3:{column(source, 3, '../../handouts')}: error: the link "
                               "'../../handouts/walk.md#waste' leads to no '#waste' in the 'en' site's page "
                               "handouts/walk.md")
    assert found[1].startswith(f"curriculum/modules/m01.yaml:3:{column(source, 3, '../../rubrics')}: error: the link "
                               "'../../rubrics/deliver/index.md' leads nowhere")
    assert len(found) == 2


def test_with_other_errors_pages_are_not_rendered_but_anchor_families_are_still_checked(mini: Path):
    edit(mini / "curriculum/modules/m02.yaml", "prerequisites: [m01]", "prerequisites: [m99]")
    with open(mini / "content/index.md", "a", encoding="utf-8") as handle:
        handle.write("\n[a](modules/m01/index.md#session-s9) [b](rubrics/delivery/index.md#nowhere)\n")
    found = errors(mini)
    assert any("'#session-s9'" in x and "[broken-anchor]" in x for x in found), found
    assert not any("#nowhere" in x for x in found)  # a heading: known only once the pages can be rendered


def test_a_link_in_a_block_text_is_found_at_its_line(mini: Path):
    source = mini / "curriculum/modules/m01.yaml"
    edit(source, "summary: What Kaizen is and how small improvements add up in a micro enterprise.",
         "summary: |\n  What Kaizen is.\n  Read [the walk](../../handouts/nowhere.md).")
    assert errors(mini)[0].startswith("curriculum/modules/m01.yaml:5:19: error: the link '../../handouts/nowhere.md' "
                                      "leads nowhere")
