"""The programme overview: outcomes, modules with hours by method, the outcome matrix, pictures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator import model as m
from generator.render.pictures import prerequisite_graph
from generator.render.views import picture_text
from generator.source.paths import (
    EXPORT_FILE,
    HANDBOOK_PAGE,
    PREREQUISITES_PICTURE,
    PROGRAMME_PAGE,
    TAGS_PAGE,
    href,
    outcome_anchor,
    phases_picture,
    schedule_page,
)

if TYPE_CHECKING:
    from generator.render.renderer import Renderer


def alt(text: str) -> str:
    """Text for the alternative text of a Markdown image: no brackets, one line."""
    return " ".join(text.replace("[", "(").replace("]", ")").split())


def _number(module: m.Module, objective_id: str) -> str:
    """An objective's number inside its module: `m02.3` -> `3`; other ids stay whole."""
    prefix = f"{module.id}."
    return objective_id[len(prefix):] if objective_id.startswith(prefix) else objective_id


def view(r: "Renderer", programme: m.Programme, here: str = PROGRAMME_PAGE, more: bool = True) -> dict[str, Any]:
    _ = r._
    modules = r.modules
    methods = [x for x in m.METHODS if any(x in mod.minutes_by_method() for mod in modules)]
    rows = []
    for module in modules:
        by_method = module.minutes_by_method()
        rows.append({
            **r.module_link(here, module.id), "level": r.level(module.level),
            "cells": [r.hours(by_method[x]) if x in by_method else "" for x in methods],
            "total": r.hours(module.minutes),
        })
    outcome_ids = [o.id for o in programme.outcomes]
    matrix = []
    for module in modules:
        serving = {o: [_number(module, obj.id) for obj in module.objectives if o in obj.outcomes] for o in outcome_ids}
        matrix.append({**r.module_link(here, module.id), "cells": [", ".join(serving[o]) for o in outcome_ids]})
    served_by = [sum(1 for mod in modules if any(o in obj.outcomes for obj in mod.objectives)) for o in outcome_ids]
    schedules = [loaded.model for _id, loaded in sorted(r.cur.schedules.items())]
    return {
        "outcomes": [{"id": o.id, "anchor": outcome_anchor(o.id), "text": o.text, "indicators": o.indicators}
                     for o in programme.outcomes],
        "methods": [r.method(x) for x in methods],
        "modules": rows,
        "method_totals": [r.hours(sum(mod.minutes_by_method().get(x, 0) for mod in modules)) for x in methods],
        "total_hours": r.hours(sum(x.minutes for x in modules)),
        "outcome_ids": [{"id": o, "href": f"#{outcome_anchor(o)}"} for o in outcome_ids],
        "matrix": matrix,
        "served_by": served_by,
        "prerequisites": {
            "src": href(here, PREREQUISITES_PICTURE),
            "alt": alt(_("Prerequisites: each arrow leads from a module to a module that builds on it.")),
            "text": picture_text.prerequisites(r, here),
        },
        "phases": [
            {"title": s.title, "href": href(here, schedule_page(s.id)), "src": href(here, phases_picture(s.id)),
             "alt": alt(_("Phases of {schedule}").format(schedule=s.title)), "text": picture_text.phases(r, s)}
            for s in schedules
        ],
        "more": more,
        "handbook": href(here, HANDBOOK_PAGE),
        "tags": href(here, TAGS_PAGE) if any(x.tags for x in modules) else None,
        "export": href(here, EXPORT_FILE),
    }


def page(r: "Renderer", programme: m.Programme) -> str:
    return r.render("programme.md.j2", programme=programme, page=view(r, programme))


def prerequisite_picture(r: "Renderer") -> bytes:
    return prerequisite_graph(r.modules, r.level_names(), r._)
