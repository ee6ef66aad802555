"""The pictures as text: each picture drawn at build time gets a table made from the same data.

A screen reader cannot read the boxes and bars of an SVG, and its one-line `alt` cannot hold a
graph or a timeline (WCAG 1.1.1). So under each picture the page has a table with the same
facts: each module with the modules it builds on, each phase with its dates. The picture links
to it (`_picture.md.j2`), and it prints with the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator import model as m
from generator.render import formatting as fmt
from generator.render.pictures import phase_bars

if TYPE_CHECKING:
    from generator.render.renderer import Renderer

PREREQUISITES_ANCHOR = "prerequisites-as-text"


def phases_anchor(schedule_id: str) -> str:
    return f"phases-{schedule_id}-as-text"


def prerequisites(r: "Renderer", here: str) -> dict[str, Any]:
    """The prerequisite graph as rows: module, level, the modules it builds on (programme order)."""
    known = {x.id for x in r.modules}
    rows = []
    for module in r.modules:
        rows.append({
            "module": r.module_link(here, module.id),
            "level": r.level(module.level),
            "builds_on": [r.module_link(here, p) for p in dict.fromkeys(module.prerequisites)
                          if p in known and p != module.id],
        })
    return {"anchor": PREREQUISITES_ANCHOR, "kind": "prerequisites", "rows": rows}


def phases(r: "Renderer", schedule: m.Schedule) -> dict[str, Any]:
    """The phases picture as rows: the same bars as the picture (`pictures.phase_bars`), with dates."""
    bars = phase_bars(schedule, lambda module_id: module_id.upper(), r._)
    rows = [{"title": bar.title, "start": fmt.long_date(bar.start, r.locale), "end": fmt.long_date(bar.end, r.locale)}
            for bar in bars]
    return {"anchor": phases_anchor(schedule.id), "kind": "phases", "rows": rows}
