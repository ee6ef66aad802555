"""The module page: what a trainer needs to prepare and run the module, then its body."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from generator import model as m
from generator.source.links import rebase
from generator.render.views.common import has_trainer_notes
from generator.source.paths import (
    PROGRAMME_PAGE,
    TAGS_PAGE,
    href,
    module_page,
    outcome_anchor,
    rubric_page,
    scoring_sheet_page,
    session_anchor,
    tag_anchor,
)

if TYPE_CHECKING:
    from generator.render.renderer import Renderer


def elapsed(minutes: int) -> str:
    """Time since the start of the module, `h:mm`."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def view(r: "Renderer", module: m.Module, here: str, anchor_prefix: str = "", switch: bool = True) -> dict[str, Any]:
    """The module page's view, for a page at `here` (the handbook reuses it)."""
    cur = r.cur
    successors = r.successors.get(module.id, [])
    by_method = module.minutes_by_method()
    body_page = r.page(f"modules/{module.id}.md")
    body = rebase(r.body_of(body_page), "modules", posixpath.dirname(here)) if body_page else ""
    outcomes = {o.id: o for o in cur.programme.model.outcomes} if cur.programme else {}
    sessions, clock = [], 0
    for number, s in enumerate(module.sessions, 1):
        start, clock = clock, clock + s.minutes
        sessions.append({
            "number": number, "anchor": session_anchor(s.id, anchor_prefix),
            "time": f"{elapsed(start)}–{elapsed(clock)}",
            "title": s.title, "summary": s.summary, "method": r.method(s.method), "minutes": s.minutes,
            "materials": [{"title": r.material_title(x), "href": href(here, posixpath.normpath(x))}
                          for x in s.materials],
        })
    return {
        "title": r.module_title(module),
        "level": r.level(module.level),
        "hours": r.hours(module.minutes),
        "minutes": module.minutes,
        "hours_by_method": [
            {"method": r.method(k), "hours": r.hours(v).replace(" ", "\u00a0")}
            for k, v in sorted(by_method.items(), key=lambda kv: (-kv[1], m.METHODS.index(kv[0])))
        ],
        "prerequisites": [r.module_link(here, p) for p in module.prerequisites if p in cur.modules],
        "successors": [r.module_link(here, x.id) for x in successors],
        "tags": [{"name": r.tag_name(t), "href": f"{href(here, TAGS_PAGE)}#{tag_anchor(t)}"} for t in module.tags],
        "objectives": [
            {"id": o.id, "text": o.text,
             "outcomes": [{"id": x, "href": f"{href(here, PROGRAMME_PAGE)}#{outcome_anchor(x)}"}
                          for x in o.outcomes if x in outcomes]}
            for o in module.objectives
        ],
        "sessions": sessions,
        "assessment": [
            {"title": cur.rubrics[x].model.title, "href": href(here, rubric_page(x)),
             "sheet": href(here, scoring_sheet_page(x))}
            for x in module.assessment if x in cur.rubrics
        ],
        "switch": switch and has_trainer_notes(body),
        "body": Markup(body),
    }


def page(r: "Renderer", module: m.Module) -> str:
    here = module_page(module.id)
    return r.render("module.md.j2", module=module, page=view(r, module, here))
