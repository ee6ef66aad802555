"""Stage 3, render: the Markdown sources and files of one language's site, from the checked curriculum.

Generated pages come from the Jinja templates in `templates/` (Markdown out), fed with small
view dictionaries built in `views/`, one module per page kind, so that templates hold no logic
beyond loops and conditions. YAML text reaches them HTML-escaped (autoescape); authored Markdown
pages are copied with their relative links kept working. Pictures (SVG), the calendar (ICS),
rubric tables (CSV) and the JSON export are made here too, each escaped for its own format.
Nothing here writes outside the staging folder it is given.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from . import formatting as fmt
from . import model as m
from . import paths
from .export import to_json
from .labels import translator
from .load import Curriculum, Page
from .paths import PROGRAMME_PAGE, href, module_page, rubric_page, schedule_page  # noqa: F401 (kept for importers)
from .views import handbook, module, programme, rubric, schedule, tags
from .views.common import add_participant_switch

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"

METHOD_NAMES = {
    "lecture": "Lecture", "workshop": "Workshop", "case-study": "Case study", "role-play": "Role play",
    "field-practice": "Field practice", "ojt-visit": "OJT visit", "assessment": "Assessment",
}
LEVEL_NAMES = {"foundation": "Foundation", "practitioner": "Practitioner", "senior": "Senior"}


def _cell(value: Any) -> Markup:
    """Text for a Markdown table cell: escaped, on one line, with `|` kept from splitting the row."""
    text = html.escape(str(value), quote=False) if not isinstance(value, Markup) else str(value)
    return Markup(" ".join(text.split()).replace("|", "\\|"))


def _oneline(value: Any) -> Markup:
    """Text on one line (a list item, a heading), escaped."""
    text = html.escape(str(value), quote=False) if not isinstance(value, Markup) else str(value)
    return Markup(" ".join(text.split()))


def _link_text(value: Any) -> Markup:
    """The text of a Markdown link inside a table cell: as `cell`, with brackets kept from closing it."""
    return Markup(str(_cell(value)).replace("[", "\\[").replace("]", "\\]"))


def _heading(value: Any) -> Markup:
    """Text for a Markdown heading that ends in our own `{ #id }`: escaped, one line, no braces."""
    text = html.escape(str(value), quote=False) if not isinstance(value, Markup) else str(value)
    return Markup(" ".join(text.split()).replace("{", "&#123;").replace("}", "&#125;"))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cell"] = _cell
    env.filters["heading"] = _heading
    env.filters["oneline"] = _oneline
    env.filters["link_text"] = _link_text
    return env


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

    def titles(self) -> dict[str, str]:
        found: dict[str, str] = {}
        stack = list(self.nav)
        while stack:
            item = stack.pop()
            if item.path is not None:
                found[item.path] = item.title
            stack.extend(item.children)
        return found


def _page_title(page: Page) -> str:
    for line in page.body.splitlines():
        if line.startswith("# "):
            return line[2:].strip().strip("#").strip()
    return posixpath.splitext(posixpath.basename(page.name))[0].replace("-", " ").capitalize()


def _stamp(epoch: int | None) -> dt.datetime:
    if epoch is None:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc)


class Renderer:
    """What every view needs for one language: the curriculum, labels, names and templates."""

    def __init__(self, cur: Curriculum, lang: str, stamp: int | None = None) -> None:
        self.cur = cur
        self.lang = lang
        # Dates and numbers follow the region the programme names (es-SV writes 1,234.5, es writes 1.234,5).
        self.locale = cur.programme.model.locales.get(lang, lang) if cur.programme else lang
        self.default = cur.languages[0]
        self.stamp = _stamp(stamp)
        self._ = translator(lang)
        self.env = _environment()
        self.env.globals["_"] = self._
        # Indexes built once, so that every page's view stays linear in the size of the curriculum.
        self.modules = cur.ordered_modules()
        self.successors: dict[str, list[m.Module]] = {x.id: [] for x in self.modules}
        self.assessed_by: dict[str, list[m.Module]] = {}
        for module in self.modules:
            for pre in dict.fromkeys(module.prerequisites):
                self.successors.setdefault(pre, []).append(module)
            for rubric_id in dict.fromkeys(module.assessment):
                self.assessed_by.setdefault(rubric_id, []).append(module)

    def page(self, name: str) -> Page | None:
        """The content page `name` in this language, or in the default language."""
        return self.cur.pages.get((name, self.lang)) or self.cur.pages.get((name, None))

    def module_title(self, module: m.Module) -> str:
        return f"{module.id.upper()} · {module.title}"

    def method(self, code: str) -> str:
        return self._(METHOD_NAMES.get(code, code))

    def tag_name(self, tag: str) -> str:
        """The name the programme gives a module tag in this language, else the tag itself."""
        return self.cur.programme.model.tags.get(tag, tag) if self.cur.programme else tag

    def level(self, code: str) -> str:
        return self._(LEVEL_NAMES.get(code, code))

    def level_names(self) -> dict[str, str]:
        return {code: self.level(code) for code in LEVEL_NAMES}

    def hours(self, minutes: int) -> str:
        """A duration in hours with its unit, e.g. `3.5 h`."""
        return self._("{hours} h").format(hours=fmt.hours(minutes, self.locale))

    def material_title(self, material: str) -> str:
        page = self.page(posixpath.normpath(material))
        return _page_title(page) if page else posixpath.basename(material)

    def module_link(self, here: str, module_id: str) -> dict[str, str]:
        loaded = self.cur.modules.get(module_id)
        title = self.module_title(loaded.model) if loaded else module_id
        return {"title": title, "href": href(here, module_page(module_id))}

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)


def render(cur: Curriculum, lang: str, *, stamp: int | None = None) -> Rendered:
    """The pages, files and navigation of the site in `lang`.

    `stamp` is the build time (seconds since 1970, UTC) written into the calendar files; by default
    `SOURCE_DATE_EPOCH`, so that two builds of the same sources are byte-identical.
    """
    r = Renderer(cur, lang, stamp)
    _ = r._
    out = Rendered(lang, {}, [], {})
    nav = out.nav
    switch = r.render("_switch.md.j2")

    home = r.page("index.md")
    if home is not None:
        out.pages["index.md"] = add_participant_switch(home.body, switch)
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
        out.pages[paths.HANDBOOK_PAGE] = handbook.page(r)
        out.sources[paths.HANDBOOK_PAGE] = cur.programme.doc.path
        out.meta[paths.HANDBOOK_PAGE] = {"hide": ["navigation"], "search": {"exclude": True}}
        nav.append(NavItem(_("Printable handbook"), paths.HANDBOOK_PAGE))

    # Authored pages other than the home page and module bodies, grouped by their folder.
    folders: dict[str, NavItem] = {}
    for name in sorted({name for name, _lang in cur.pages}):
        if name == "index.md" or name.startswith("modules/"):
            continue
        page = r.page(name)
        if page is None:
            continue
        out.pages[name] = add_participant_switch(page.body, switch)
        out.sources[name] = page.path
        entry = NavItem(_page_title(page), name)
        folder = posixpath.dirname(name)
        if not folder:
            nav.append(entry)
        else:
            if folder not in folders:
                folders[folder] = NavItem(_(folder.replace("-", " ").capitalize()))
                nav.append(folders[folder])
            folders[folder].children.append(entry)

    out.files[paths.EXPORT_FILE] = to_json(cur, lang)
    return out


def write(rendered: Rendered, cur: Curriculum, docs_dir: Path) -> None:
    """Write the pages, the generated files, the project's other content files and our assets."""
    content = cur.root / "content"
    if content.is_dir():
        for path in sorted(content.rglob("*")):
            if path.is_file() and path.suffix != ".md" and not path.is_symlink():
                target = docs_dir / path.relative_to(content)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            target = docs_dir / "assets" / "curriculum" / path.relative_to(ASSETS)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    for name, data in sorted(rendered.files.items()):
        target = docs_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    titles = rendered.titles()
    for name, text in rendered.pages.items():
        target = docs_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = dict(rendered.meta.get(name, {}))
        meta.setdefault("title", titles.get(name))
        target.write_text(_front_matter(meta) + text, encoding="utf-8")


def _front_matter(meta: dict[str, Any]) -> str:
    # MkDocs prints a page's title unescaped in <title>, nav and header, and would take it from the
    # first heading, unescaping it: give every page its title, escaped, as metadata.
    meta = {k: v for k, v in meta.items() if v is not None}
    if "title" in meta:
        meta["title"] = html.escape(str(meta["title"]), quote=False)
    if not meta:
        return ""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n"
