"""The printable handbook: the whole programme of one language on one page, in reading order.

The programme overview, every module (its plan and its body), the rubrics and selection
matrices, then the handouts that sessions use, each part starting on a new printed page. The
parts are the same views as their own pages, with headings one level deeper and links between
parts turned into links inside the handbook.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from generator.render.renderer import in_language
from generator.source.links import demote_headings, is_relative, map_targets, rebase
from generator.render.views import module as module_view
from generator.render.views import programme as programme_view
from generator.render.views import rubric as rubric_view
from generator.render.views.common import has_trainer_notes
from generator.source.paths import (
    HANDBOOK_PAGE,
    PROGRAMME_PAGE,
    module_page,
    rubric_page,
)

if TYPE_CHECKING:
    from generator.render.renderer import Renderer

HERE = HANDBOOK_PAGE
_FIRST_HEADING = re.compile(r"^(#{1,6} .*)$", re.MULTILINE)
_SESSION = re.compile(r"^session-")


def _chapter(markdown: str, anchor: str, title: str | None = None) -> str:
    """A part of the handbook: headings one level down, the first one (retitled if asked) opening a chapter."""
    text = demote_headings(markdown.strip("\n"))
    match = _FIRST_HEADING.search(text)
    if match is None:
        return text
    heading = match.group(1) if title is None else "## " + html.escape(title, quote=False).replace("{", "&#123;")
    if heading.rstrip().endswith("}"):  # the heading has an attribute list already (its language): join it
        heading = heading.rstrip()[:-1].rstrip() + f" #{anchor} .cv-chapter }}"
    else:
        heading += f" {{ #{anchor} .cv-chapter }}"
    return text[: match.start()] + heading + text[match.end():]


def _material_anchor(name: str) -> str:
    return "material-" + re.sub(r"[^a-z0-9]+", "-", posixpath.splitext(name)[0].lower()).strip("-")


def view(r: "Renderer") -> dict[str, Any]:
    _ = r._
    cur = r.cur
    programme = cur.programme.model if cur.programme else None
    modules = cur.ordered_modules()
    rubrics = [loaded.model for _id, loaded in sorted(cur.rubrics.items(), key=lambda kv: (kv[1].model.kind, kv[0]))]
    materials = list(dict.fromkeys(posixpath.normpath(x) for mod in modules for s in mod.sessions for x in s.materials))
    materials = [x for x in materials if x.endswith(".md") and r.page(x) is not None]

    # Where each page of the site sits inside the handbook, to keep links between parts inside it.
    inside: dict[str, str] = {PROGRAMME_PAGE: "programme"}
    inside.update({module_page(x.id): f"module-{x.id}" for x in modules})
    inside.update({rubric_page(x.id): f"rubric-{x.id}" for x in rubrics})
    inside.update({x: _material_anchor(x) for x in materials})

    def relink(target: str) -> str:
        if not is_relative(target):
            return target
        path, _hash, fragment = target.partition("#")
        page = posixpath.normpath(posixpath.join(posixpath.dirname(HERE), path))
        if page not in inside:
            return target
        if fragment and page.startswith("modules/") and _SESSION.match(fragment):
            return f"#{page.split('/')[1]}-{fragment}"
        if fragment and page == PROGRAMME_PAGE:
            return f"#{fragment}"
        return f"#{inside[page]}"

    chapters: list[str] = []
    contents: list[dict[str, str]] = []
    if programme is not None:
        text = r.render("programme.md.j2", programme=programme,
                        page=programme_view.view(r, programme, HERE, more=False))
        chapters.append(_chapter(text, "programme", _("Programme overview")))
        contents.append({"title": _("Programme overview"), "href": "#programme"})
    for module in modules:
        page = module_view.view(r, module, HERE, anchor_prefix=f"{module.id}-", switch=False)
        chapters.append(_chapter(r.render("module.md.j2", module=module, page=page), f"module-{module.id}"))
        contents.append({"title": r.module_title(module), "href": f"#module-{module.id}"})
    for rubric in rubrics:
        page = rubric_view.view(r, rubric, HERE)
        chapters.append(_chapter(r.render("rubric.md.j2", rubric=rubric, page=page), f"rubric-{rubric.id}"))
        contents.append({"title": rubric.title, "href": f"#rubric-{rubric.id}"})
    for name in materials:
        material = r.page(name)
        assert material is not None
        body = rebase(material.body, posixpath.dirname(name), posixpath.dirname(HERE))
        if not body.lstrip().startswith("# "):
            body = f"# {r.material_title(name)}\n\n{body}"
        if material.lang is None and r.lang != r.default:
            body = in_language(body, r.default)
        chapters.append(_chapter(body, _material_anchor(name)))
        contents.append({"title": r.material_title(name), "href": f"#{_material_anchor(name)}"})

    body = "\n\n".join(map_targets(text, relink) for text in chapters)
    return {
        "title": programme.title if programme else _("Curriculum"),
        "version": programme.version if programme else "",
        "contents": contents,
        "switch": has_trainer_notes(body),
        "body": Markup(body),
    }


def page(r: "Renderer") -> str:
    return r.render("handbook.md.j2", page=view(r))
