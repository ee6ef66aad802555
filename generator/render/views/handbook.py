"""The printable handbook: the whole programme of one language on one page, in reading order.

A large programme (more than PART_LIMIT modules) gets it in parts: the first page holds the
overview, the contents, rubrics and handouts, and each part page PART_SIZE modules.

The programme overview, every module (its plan and its body), the rubrics and selection
matrices, then the handouts that sessions use, each part starting on a new printed page. The
parts are the same views as their own pages, with headings one level deeper and links between
parts turned into links inside the handbook.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

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
    href,
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


# A programme of more modules than this gets its handbook in parts of PART_SIZE modules, one page
# each: the handbook page then costs what a part costs, and an edit to one module redoes one part.
PART_LIMIT = 30
PART_SIZE = 25


def part_page(number: int) -> str:
    return f"handbook/part-{number}/index.md"


def _parts(modules: list) -> list[list]:
    if len(modules) <= PART_LIMIT:
        return []
    return [modules[i : i + PART_SIZE] for i in range(0, len(modules), PART_SIZE)]


def pages(r: "Renderer") -> tuple[dict[str, str], dict[str, str]]:
    """The handbook's pages (one, or an index page and its parts) and the titles of the parts."""
    _ = r._
    cur = r.cur
    programme = cur.programme.model if cur.programme else None
    modules = cur.ordered_modules()
    parts = _parts(modules)
    rubrics = [loaded.model for _id, loaded in sorted(cur.rubrics.items(), key=lambda kv: (kv[1].model.kind, kv[0]))]
    materials = list(dict.fromkeys(posixpath.normpath(x) for mod in modules for s in mod.sessions for x in s.materials))
    materials = [x for x in materials if x.endswith(".md") and r.page(x) is not None]

    # Where each page of the site sits inside the handbook (file, anchor), to keep links between parts inside it.
    file_of = {x.id: part_page(n) for n, part in enumerate(parts, 1) for x in part}
    inside: dict[str, tuple[str, str]] = {PROGRAMME_PAGE: (HERE, "programme")}
    inside.update({module_page(x.id): (file_of.get(x.id, HERE), f"module-{x.id}") for x in modules})
    inside.update({rubric_page(x.id): (HERE, f"rubric-{x.id}") for x in rubrics})
    inside.update({x: (HERE, _material_anchor(x)) for x in materials})

    def at(here: str, file: str, anchor: str) -> str:
        return f"#{anchor}" if file == here else f"{href(here, file)}#{anchor}"

    def relinker(here: str) -> Callable[[str], str]:
        def relink(target: str) -> str:
            if not is_relative(target):
                return target
            path, _hash, fragment = target.partition("#")
            page = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
            if page not in inside:
                return target
            file, anchor = inside[page]
            if fragment and page.startswith("modules/") and _SESSION.match(fragment):
                return at(here, file, f"{page.split('/')[1]}-{fragment}")
            if fragment and page == PROGRAMME_PAGE:
                return at(here, file, fragment)
            return at(here, file, anchor)
        return relink

    def module_chapters(here: str, chosen: list) -> list[str]:
        out = []
        for module in chosen:
            page = module_view.view(r, module, here, anchor_prefix=f"{module.id}-", switch=False)
            out.append(_chapter(r.render("module.md.j2", module=module, page=page), f"module-{module.id}"))
        return out

    chapters: list[str] = []
    contents: list[dict[str, str]] = []
    if programme is not None:
        text = r.render("programme.md.j2", programme=programme,
                        page=programme_view.view(r, programme, HERE, more=False))
        chapters.append(_chapter(text, "programme", _("Programme overview")))
        contents.append({"title": _("Programme overview"), "href": "#programme"})
    if not parts:
        chapters += module_chapters(HERE, modules)
    contents += [{"title": r.module_title(x), "href": at(HERE, *inside[module_page(x.id)])} for x in modules]
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

    title = programme.title if programme else _("Curriculum")
    version = programme.version if programme else ""
    body = "\n\n".join(map_targets(text, relinker(HERE)) for text in chapters)
    result = {HERE: r.render("handbook.md.j2", page={
        "title": title, "version": version, "part": False, "contents": contents,
        "switch": has_trainer_notes(body),
        "body": Markup(body), "parts": [{"title": _part_title(r, n, part), "href": href(HERE, part_page(n))}
                                        for n, part in enumerate(parts, 1)]})}
    titles = {}
    for n, part in enumerate(parts, 1):
        here = part_page(n)
        body = "\n\n".join(map_targets(text, relinker(here)) for text in module_chapters(here, part))
        titles[here] = f"{title} · {_part_title(r, n, part)}"
        result[here] = r.render("handbook.md.j2", page={
            "title": titles[here], "version": version, "part": True,
            "contents": [{"title": r.module_title(x), "href": f"#module-{x.id}"} for x in part],
            "switch": has_trainer_notes(body), "body": Markup(body), "parts": []})
    return result, titles


def _part_title(r: "Renderer", number: int, part: list) -> str:
    return r._("Part {number}: modules {first}–{last}").format(
        number=number, first=part[0].id.upper(), last=part[-1].id.upper())
