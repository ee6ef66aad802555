"""Stage 3, render: the Markdown sources of one language's site, from the checked curriculum.

Generated pages come from the Jinja templates in `templates/` (Markdown out), fed with small
view dictionaries built here, so that templates hold no logic beyond loops and conditions.
YAML text reaches them HTML-escaped (autoescape); authored Markdown pages are copied with their
relative links kept working. Nothing here writes outside the staging folder it is given.
"""

from __future__ import annotations

import html
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
from .labels import translator
from .links import rebase
from .load import Curriculum, Page

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
    """One language's docs folder: its pages and its navigation."""

    lang: str
    pages: dict[str, str]  # docs-relative path -> Markdown
    nav: list[NavItem]
    sources: dict[str, str]  # docs-relative path -> the project file it comes from

    def titles(self) -> dict[str, str]:
        found: dict[str, str] = {}
        stack = list(self.nav)
        while stack:
            item = stack.pop()
            if item.path is not None:
                found[item.path] = item.title
            stack.extend(item.children)
        return found


def module_page(module_id: str) -> str:
    return f"modules/{module_id}/index.md"


def rubric_page(rubric_id: str) -> str:
    return f"rubrics/{rubric_id}/index.md"


def schedule_page(schedule_id: str) -> str:
    return f"schedules/{schedule_id}/index.md"


PROGRAMME_PAGE = "programme/index.md"


def href(from_page: str, to_page: str) -> str:
    """The relative link from one docs page to another (MkDocs resolves `.md` links)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def _page_title(page: Page) -> str:
    for line in page.body.splitlines():
        if line.startswith("# "):
            return line[2:].strip().strip("#").strip()
    return posixpath.splitext(posixpath.basename(page.name))[0].replace("-", " ").capitalize()


class Renderer:
    def __init__(self, cur: Curriculum, lang: str) -> None:
        self.cur = cur
        self.lang = lang
        self.default = cur.languages[0]
        self._ = translator(lang)
        self.env = _environment()
        self.env.globals["_"] = self._

    # -- helpers --------------------------------------------------------------------------

    def page(self, name: str) -> Page | None:
        """The content page `name` in this language, or in the default language."""
        return self.cur.pages.get((name, self.lang)) or self.cur.pages.get((name, None))

    def module_title(self, module: m.Module) -> str:
        return f"{module.id.upper()} · {module.title}"

    def method(self, code: str) -> str:
        return self._(METHOD_NAMES.get(code, code))

    def material_title(self, material: str) -> str:
        page = self.page(posixpath.normpath(material))
        return _page_title(page) if page else posixpath.basename(material)

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    # -- pages ----------------------------------------------------------------------------

    def module(self, module: m.Module) -> str:
        here = module_page(module.id)
        cur = self.cur
        successors = [x for x in cur.ordered_modules() if module.id in x.prerequisites]
        by_method = module.minutes_by_method()
        body_page = self.page(f"modules/{module.id}.md")
        body = rebase(body_page.body, "modules", posixpath.dirname(here)) if body_page else ""
        view = {
            "title": self.module_title(module),
            "level": self._(LEVEL_NAMES[module.level]),
            "hours": fmt.hours(module.minutes, self.lang),
            "minutes": module.minutes,
            "hours_by_method": " · ".join(
                f"{self.method(k)} {fmt.hours(v, self.lang)}" for k, v in sorted(by_method.items(), key=lambda kv: -kv[1])
            ),
            "prerequisites": [
                {"title": self.module_title(cur.modules[p].model), "href": href(here, module_page(p))}
                for p in module.prerequisites if p in cur.modules
            ],
            "successors": [{"title": self.module_title(x), "href": href(here, module_page(x.id))} for x in successors],
            "assessment": [
                {"title": cur.rubrics[r].model.title, "href": href(here, rubric_page(r))}
                for r in module.assessment if r in cur.rubrics
            ],
            "objectives": [
                {"id": o.id, "text": o.text,
                 "serves": f"*({self._('serves')} {', '.join(o.outcomes)})*" if o.outcomes else ""}
                for o in module.objectives
            ],
            "sessions": [
                {
                    "title": s.title, "summary": s.summary, "method": self.method(s.method), "minutes": s.minutes,
                    "materials": [
                        {"title": self.material_title(x), "href": href(here, posixpath.normpath(x))} for x in s.materials
                    ],
                }
                for s in module.sessions
            ],
            "body": Markup(body),
        }
        return self.render("module.md.j2", module=module, page=view)

    def rubric(self, rubric: m.Rubric) -> str:
        labels = {lv.score: lv.label for lv in rubric.levels}
        rule = rubric.pass_
        text = self._(
            "Pass: a weighted mean of at least {mean} and no criterion below level {minimum} ({label})."
        ).format(mean=fmt.number(rule.weighted_mean, self.lang), minimum=rule.minimum_level,
                 label=labels.get(rule.minimum_level, ""))
        view = {
            "levels": rubric.levels,
            "eligibility": rubric.eligibility,
            "criteria": [
                {"title": c.title, "weight": c.weight, "descriptors": [c.descriptors.get(lv.score, "") for lv in rubric.levels]}
                for c in rubric.criteria
            ],
            "pass_rule": text,
        }
        return self.render("rubric.md.j2", rubric=rubric, page=view)

    def schedule(self, schedule: m.Schedule) -> str:
        here = schedule_page(schedule.id)
        days, minutes, count = [], 0, 0
        for day in sorted(schedule.days, key=lambda d: d.date):
            slots = []
            for slot in sorted(day.sessions, key=lambda s: s.start):
                loaded = self.cur.modules.get(slot.module)
                session = next((s for s in loaded.model.sessions if s.id == slot.session), None) if loaded else None
                minutes += slot.minutes
                count += 1
                slots.append({
                    "start": fmt.clock(slot.start, self.lang), "end": fmt.clock(slot.end, self.lang),
                    "module_title": self.module_title(loaded.model) if loaded else slot.module,
                    "module_href": href(here, module_page(slot.module)),
                    "session_title": session.title if session else slot.session,
                    "method": self.method(session.method) if session else "",
                })
            days.append({"date": fmt.full_date(day.date, self.lang), "title": day.title, "slots": slots})
        dates = [d.date for d in schedule.days]
        view = {
            "days": days,
            "first_day": fmt.long_date(min(dates), self.lang) if dates else "",
            "last_day": fmt.long_date(max(dates), self.lang) if dates else "",
            "slot_count": count,
            "hours": fmt.hours(minutes, self.lang),
        }
        return self.render("schedule.md.j2", schedule=schedule, page=view)

    def programme(self, programme: m.Programme) -> str:
        modules = self.cur.ordered_modules()
        view = {
            "modules": [
                {"title": self.module_title(x), "href": href(PROGRAMME_PAGE, module_page(x.id)),
                 "level": self._(LEVEL_NAMES[x.level]), "hours": fmt.hours(x.minutes, self.lang)}
                for x in modules
            ],
            "total_hours": fmt.hours(sum(x.minutes for x in modules), self.lang),
        }
        return self.render("programme.md.j2", programme=programme, page=view)


def render(cur: Curriculum, lang: str) -> Rendered:
    """The pages and navigation of the site in `lang`."""
    r = Renderer(cur, lang)
    _ = r._
    pages: dict[str, str] = {}
    sources: dict[str, str] = {}
    nav: list[NavItem] = []

    home = r.page("index.md")
    if home is not None:
        pages["index.md"] = home.body
        sources["index.md"] = home.path
    else:
        pages["index.md"] = f"# {html.escape(cur.programme.model.title if cur.programme else 'Curriculum')}\n"
    nav.append(NavItem(_("Home"), "index.md"))

    if cur.programme:
        pages[PROGRAMME_PAGE] = r.programme(cur.programme.model)
        sources[PROGRAMME_PAGE] = cur.programme.doc.path
        nav.append(NavItem(_("Programme"), PROGRAMME_PAGE))

    section = NavItem(_("Modules"))
    for module in cur.ordered_modules():
        path = module_page(module.id)
        pages[path] = r.module(module)
        sources[path] = cur.modules[module.id].doc.path
        section.children.append(NavItem(r.module_title(module), path))
    if section.children:
        nav.append(section)

    for kind, title in (("rubric", _("Assessment rubrics")), ("selection", _("Selection criteria"))):
        section = NavItem(title)
        for rubric_id, loaded in sorted(cur.rubrics.items()):
            if loaded.model.kind == kind:
                path = rubric_page(rubric_id)
                pages[path] = r.rubric(loaded.model)
                sources[path] = loaded.doc.path
                section.children.append(NavItem(loaded.model.title, path))
        if section.children:
            nav.append(section)

    section = NavItem(_("Schedules"))
    for schedule_id, loaded in sorted(cur.schedules.items()):
        path = schedule_page(schedule_id)
        pages[path] = r.schedule(loaded.model)
        sources[path] = loaded.doc.path
        section.children.append(NavItem(loaded.model.title, path))
    if section.children:
        nav.append(section)

    # Authored pages other than the home page and module bodies, grouped by their folder.
    folders: dict[str, NavItem] = {}
    for name in sorted({name for name, _lang in cur.pages}):
        if name == "index.md" or name.startswith("modules/"):
            continue
        page = r.page(name)
        if page is None:
            continue
        pages[name] = page.body
        sources[name] = page.path
        item = NavItem(_page_title(page), name)
        folder = posixpath.dirname(name)
        if not folder:
            nav.append(item)
        else:
            if folder not in folders:
                folders[folder] = NavItem(_(folder.replace("-", " ").capitalize()))
                nav.append(folders[folder])
            folders[folder].children.append(item)
    return Rendered(lang, pages, nav, sources)


def write(rendered: Rendered, cur: Curriculum, docs_dir: Path) -> None:
    """Write the pages, the project's other content files (pictures...) and our assets."""
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
    titles = rendered.titles()
    for name, text in rendered.pages.items():
        target = docs_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_front_matter(titles.get(name)) + text, encoding="utf-8")


def _front_matter(title: str | None) -> str:
    # MkDocs prints a page's title unescaped in <title>, nav and header, and would take it from the
    # first heading, unescaping it: give every page its title, escaped, as metadata.
    if title is None:
        return ""
    return "---\n" + yaml.safe_dump({"title": html.escape(title, quote=False)}, allow_unicode=True) + "---\n\n"

