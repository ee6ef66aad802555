"""Rubric and selection-matrix pages, their printable scoring sheets and their CSV files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from generator import model as m
from generator.render import formatting as fmt
from generator.render.rubric_csv import rubric_csv as write_csv
from generator.source.paths import href, rubric_csv, rubric_page, scoring_sheet_page

if TYPE_CHECKING:
    from generator.render.renderer import Renderer


def pass_rule(r: "Renderer", rubric: m.Rubric) -> Markup:
    """The pass rule in words."""
    labels = {lv.score: lv.label for lv in rubric.levels}
    rule = rubric.pass_
    text = r._("To pass, the weighted mean must be at least {mean}, and no criterion may be below level "
               "{minimum} ({label}).") if rubric.kind == "rubric" else r._(
        "To be selected, a candidate must meet every eligibility condition, reach a weighted mean of at "
        "least {mean}, and have no criterion below level {minimum} ({label}).")
    return r.marked(text, mean=fmt.number(rule.weighted_mean, r.locale), minimum=rule.minimum_level,
                    label=labels.get(rule.minimum_level, ""))


def view(r: "Renderer", rubric: m.Rubric, here: str) -> dict[str, Any]:
    users = r.assessed_by.get(rubric.id, [])
    return {
        "kind": r._("Assessment rubric") if rubric.kind == "rubric" else r._("Selection matrix"),
        "levels": rubric.levels,
        "eligibility": rubric.eligibility,
        "criteria": [
            {"title": c.title, "weight": c.weight,
             "descriptors": [c.descriptors.get(lv.score, "") for lv in rubric.levels]}
            for c in rubric.criteria
        ],
        "weight_total": sum(c.weight for c in rubric.criteria),
        "pass_rule": pass_rule(r, rubric),
        "mean_rule": r._("Weighted mean = the sum of weight × level over all criteria, divided by the sum of the "
                         "weights."),
        "modules": [r.module_link(here, x.id) for x in users],
        "sheet": href(here, scoring_sheet_page(rubric.id)),
        "csv": href(here, rubric_csv(rubric.id)),
        "rubric_href": href(here, rubric_page(rubric.id)),
    }


def page(r: "Renderer", rubric: m.Rubric) -> str:
    here = rubric_page(rubric.id)
    return r.render("rubric.md.j2", rubric=rubric, page=view(r, rubric, here))


def sheet_title(r: "Renderer", rubric: m.Rubric) -> str:
    return r._("Scoring sheet: {title}").format(title=rubric.title)


def sheet(r: "Renderer", rubric: m.Rubric) -> str:
    """The scoring sheet: empty boxes to tick, a weighted total line, signatures; one printed page."""
    here = scoring_sheet_page(rubric.id)
    page = view(r, rubric, here)
    page["title"] = r.marked(r._("Scoring sheet: {title}"), title=rubric.title)
    selection = rubric.kind == "selection"
    page["person"] = r._("Candidate") if selection else r._("Participant")
    page["success"] = r._("Selected") if selection else r._("Pass")
    page["failure"] = r._("Not selected") if selection else r._("Not yet")
    return r.render("sheet.md.j2", rubric=rubric, page=page)


def csv_file(r: "Renderer", rubric: m.Rubric) -> bytes:
    return write_csv(rubric, r._)

