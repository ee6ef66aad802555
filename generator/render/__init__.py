"""Stage 3, render: the Markdown sources and files of one language's site, from the checked curriculum.

Generated pages come from the Jinja templates in `templates/` (Markdown out), fed with small
view dictionaries built in `views/`, one module per page kind, so that templates hold no logic
beyond loops and conditions. YAML text reaches them HTML-escaped (autoescape); authored Markdown
pages are copied with their relative links kept working. Pictures (SVG), the calendar (ICS),
rubric tables (CSV) and the JSON export are made here too, each escaped for its own format.
Nothing here writes outside the staging folder it is given.
"""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.render import formatting as fmt
from generator.render.export import to_json
from generator.check.files import MARKDOWN, PUBLISHED
from generator.render.renderer import Renderer, page_title
from generator.render.views import handbook, module, programme, rubric, schedule, tags
from generator.render.views.common import add_participant_switch
from generator.source import paths
from generator.source.load import Curriculum
from generator.source.memo import Memo
from generator.source.paths import (  # noqa: F401 (kept for importers)
    PROGRAMME_PAGE,
    href,
    module_page,
    rubric_page,
    schedule_page,
)


@dataclass
class NavItem:
    title: str
    path: str | None = None  # a page, relative to the docs folder
    children: list["NavItem"] = field(default_factory=list)

    def to_mkdocs(self) -> dict[str, Any]:
        # MkDocs' theme templates print nav titles without escaping: escape them here.
        title = html.escape(self.title, quote=False)
        if self.path is not None:
            return {title: self.path}
        return {title: [child.to_mkdocs() for child in self.children]}


@dataclass
class Rendered:
    """One language's docs folder: its pages, its other files and its navigation."""

    lang: str
    pages: dict[str, str]  # docs-relative path -> Markdown
    nav: list[NavItem]
    sources: dict[str, str]  # docs-relative path -> the project file it comes from
    files: dict[str, bytes] = field(default_factory=dict)  # docs-relative path -> SVG, ICS, CSV, JSON
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # extra front matter of a page
    root: Path | None = None  # the project, whose own label catalogues (locales/) apply

    def titles(self) -> dict[str, str]:
        found: dict[str, str] = {}
        stack = list(self.nav)
        while stack:
            item = stack.pop()
            if item.path is not None:
                found[item.path] = item.title
            stack.extend(item.children)
        return found


def render(cur: Curriculum, lang: str, *, stamp: int | None = None, memo: Memo | None = None) -> Rendered:
    """The pages, files and navigation of the site in `lang`.

    `stamp` is the build time (seconds since 1970, UTC) written into the calendar files; by default
    `SOURCE_DATE_EPOCH`, so that two builds of the same sources are byte-identical. `memo` keeps
    costly files (the calendars) by a digest of what they are made from, for the next build.
    """
    r = Renderer(cur, lang, stamp, memo)
    _ = r._
    out = Rendered(lang, {}, [], {}, root=cur.root)
    nav = out.nav
    switch = r.render("_switch.md.j2")

    home = r.page("index.md")
    if home is not None:
        out.pages["index.md"] = add_participant_switch(r.body_of(home), switch)
        out.sources["index.md"] = home.path
    else:
        out.pages["index.md"] = f"# {html.escape(cur.programme.model.title if cur.programme else 'Curriculum')}\n"
    nav.append(NavItem(_("Home"), "index.md"))

    if cur.programme:
        source = cur.programme.doc.path
        out.pages[PROGRAMME_PAGE] = programme.page(r, cur.programme.model)
        out.sources[PROGRAMME_PAGE] = source
        out.files[paths.PREREQUISITES_PICTURE] = programme.prerequisite_picture(r)
        nav.append(NavItem(_("Programme"), PROGRAMME_PAGE))

    section = NavItem(_("Modules"))
    for mod in cur.ordered_modules():
        path = module_page(mod.id)
        out.pages[path] = module.page(r, mod)
        out.sources[path] = cur.modules[mod.id].doc.path
        section.children.append(NavItem(r.module_title(mod), path))
    if section.children:
        section.children = grouped(section.children, r)
        nav.append(section)

    for kind, title in (("rubric", _("Assessment rubrics")), ("selection", _("Selection criteria"))):
        section = NavItem(title)
        for rubric_id, loaded in sorted(cur.rubrics.items()):
            if loaded.model.kind != kind:
                continue
            path, sheet = rubric_page(rubric_id), paths.scoring_sheet_page(rubric_id)
            out.pages[path] = rubric.page(r, loaded.model)
            out.pages[sheet] = rubric.sheet(r, loaded.model)
            out.sources[path] = out.sources[sheet] = loaded.doc.path
            out.meta[sheet] = {"title": rubric.sheet_title(r, loaded.model), "hide": ["navigation", "toc"],
                               "search": {"exclude": True}}
            out.files[paths.rubric_csv(rubric_id)] = rubric.csv_file(r, loaded.model)
            section.children.append(NavItem(loaded.model.title, path))
        if section.children:
            nav.append(section)

    section = NavItem(_("Schedules"))
    for schedule_id, cohort in sorted(cur.schedules.items()):
        path = schedule_page(schedule_id)
        out.pages[path] = schedule.page(r, cohort.model)
        out.sources[path] = cohort.doc.path
        out.files[paths.schedule_ics(schedule_id)] = schedule.ics_file(r, cohort.model)
        out.files[paths.phases_picture(schedule_id)] = schedule.phases_file(r, cohort.model)
        section.children.append(NavItem(cohort.model.title, path))
    if section.children:
        nav.append(section)

    if any(x.tags for x in cur.ordered_modules()):
        out.pages[paths.TAGS_PAGE] = tags.page(r)
        nav.append(NavItem(_("Topics"), paths.TAGS_PAGE))

    if cur.programme:
        books, part_titles = handbook.pages(r)
        for name, text in books.items():
            out.pages[name] = text
            out.sources[name] = cur.programme.doc.path
            out.meta[name] = {"hide": ["navigation"], "search": {"exclude": True}}
            if name in part_titles:
                out.meta[name]["title"] = part_titles[name]
        nav.append(NavItem(_("Printable handbook"), paths.HANDBOOK_PAGE))

    # Authored pages other than the home page and module bodies, grouped by their folder.
    folders: dict[str, NavItem] = {}
    for name in sorted({name for name, _lang in cur.pages}):
        if name == "index.md" or name.startswith("modules/"):
            continue
        page = r.page(name)
        if page is None:
            continue
        out.pages[name] = add_participant_switch(r.body_of(page), switch)
        out.sources[name] = page.path
        entry = NavItem(page_title(page), name)
        folder = posixpath.dirname(name)
        if not folder:
            nav.append(entry)
        else:
            if folder not in folders:
                folders[folder] = NavItem(_(folder.replace("-", " ").capitalize()))
                nav.append(folders[folder])
            folders[folder].children.append(entry)

    out.files[paths.EXPORT_FILE] = to_json(cur, lang, r.memo)
    return out


# A navigation section longer than this is shown as groups of NAV_GROUP entries: with Material's
# `navigation.prune`, a page then carries only the group titles and its own group, not every
# module (which made each page's size, and the build, grow with the square of the modules).
NAV_LIMIT = 30
NAV_GROUP = 25


def grouped(items: list[NavItem], r: Renderer) -> list[NavItem]:
    """`items` as they are if there are few; else in numbered groups ("Modules 1-25")."""
    if len(items) <= NAV_LIMIT:
        return items
    groups = []
    for start in range(0, len(items), NAV_GROUP):
        chunk = items[start : start + NAV_GROUP]
        title = r._("Modules {first}–{last}").format(first=fmt.number(start + 1, r.locale),
                                                       last=fmt.number(start + len(chunk), r.locale))
        groups.append(NavItem(title, children=chunk))
    return groups


def docs_files(rendered: Rendered, cur: Curriculum) -> dict[str, bytes]:
    """Every file of the docs folder by its path: the project's other content files, the generated
    files and the pages (with their front matter)."""
    files: dict[str, bytes] = {}
    content = cur.root / "content"
    # Only the files the check has seen and allowed (no hidden file, no link leading out of the
    # sources, no kind that could run a script), never a fresh walk of the folder.
    for name in sorted(cur.content_files):
        kind = posixpath.splitext(name)[1].lower()
        if kind in MARKDOWN or kind not in PUBLISHED:
            continue
        files[name] = (content / name).read_bytes()
    for name, data in sorted(rendered.files.items()):
        files[name] = data
    titles = rendered.titles()
    for name, text in rendered.pages.items():
        meta = dict(rendered.meta.get(name, {}))
        meta.setdefault("title", titles.get(name))
        files[name] = (_front_matter(meta) + text).encode("utf-8")
    return files


def write(rendered: Rendered, cur: Curriculum, docs_dir: Path) -> None:
    """Write the pages, the generated files and the project's other content files."""
    for name, data in docs_files(rendered, cur).items():
        target = docs_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _front_matter(meta: dict[str, Any]) -> str:
    # MkDocs prints a page's title unescaped in <title>, nav and header, and would take it from the
    # first heading, unescaping it: give every page its title, escaped, as metadata.
    meta = {k: v for k, v in meta.items() if v is not None}
    if "title" in meta:
        meta["title"] = html.escape(str(meta["title"]), quote=False)
    if not meta:
        return ""
    if list(meta) == ["title"] and meta["title"].isprintable():
        # The common case, one title without control characters: a YAML double-quoted scalar
        # (JSON's escapes of '"' and '\\' are YAML's too) reads back as the same text, and costs
        # far less than yaml.safe_dump, which took a millisecond a page.
        return f'---\ntitle: {json.dumps(meta["title"], ensure_ascii=False)}\n---\n\n'
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n"
