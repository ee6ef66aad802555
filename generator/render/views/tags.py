"""The topic index: every tag of the modules, with the modules that carry it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.source.paths import TAGS_PAGE, tag_anchor

if TYPE_CHECKING:
    from generator.render.renderer import Renderer


def view(r: "Renderer", here: str = TAGS_PAGE) -> dict[str, Any]:
    by_tag: dict[str, list[dict[str, str]]] = {}
    for module in r.modules:
        for tag in dict.fromkeys(module.tags):
            by_tag.setdefault(tag, []).append({**r.module_link(here, module.id), "summary": module.summary})
    return {"tags": [{"name": r.tag_name(tag), "anchor": tag_anchor(tag), "modules": by_tag[tag],
                      "count": len(by_tag[tag])}
                     for tag in sorted(by_tag, key=lambda t: r.tag_name(t).casefold())]}


def page(r: "Renderer") -> str:
    return r.render("tags.md.j2", page=view(r))
