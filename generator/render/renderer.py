"""What every view needs for one language: the curriculum, its labels, names and the templates.

Views receive a `Renderer` and return Markdown; templates hold no logic beyond loops and conditions,
so the filters that escape YAML text for each place in Markdown live here.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import posixpath
from pathlib import Path
from typing import Any, Callable

import jinja2
import jinja2.bccache
from markupsafe import Markup

from generator import model as m
from generator.render import formatting as fmt
from generator.render.labels import translator
from generator.source.load import Curriculum, Page
from generator.source.memo import Memo
from generator.source.paths import href, module_page

TEMPLATES = Path(__file__).parent / "templates"

METHOD_NAMES = {
    "lecture": "Lecture", "workshop": "Workshop", "case-study": "Case study", "role-play": "Role play",
    "field-practice": "Field practice", "ojt-visit": "OJT visit", "assessment": "Assessment",
}
LEVEL_NAMES = {"foundation": "Foundation", "practitioner": "Practitioner", "senior": "Senior"}


def _escaped(value: Any) -> str:
    return str(value) if isinstance(value, Markup) else html.escape(str(value), quote=False)


def _cell(value: Any) -> Markup:
    """Text for a Markdown table cell: escaped, on one line, with `|` kept from splitting the row."""
    return Markup(" ".join(_escaped(value).split()).replace("|", "\\|"))


def _oneline(value: Any) -> Markup:
    """Text on one line (a list item, a heading), escaped."""
    return Markup(" ".join(_escaped(value).split()))


def _link_text(value: Any) -> Markup:
    """The text of a Markdown link inside a table cell: as `cell`, with brackets kept from closing it."""
    return Markup(str(_cell(value)).replace("[", "\\[").replace("]", "\\]"))


def _heading(value: Any) -> Markup:
    """Text for a Markdown heading that ends in our own `{ #id }`: escaped, one line, no braces."""
    return Markup(" ".join(_escaped(value).split()).replace("{", "&#123;").replace("}", "&#125;"))


def in_lang(markup: Markup, lang: str) -> Markup:
    """Escaped text marked as written in `lang`: a `span` in a line, a Markdown `div` around paragraphs."""
    attribute = html.escape(lang, quote=True)
    if "\n\n" in markup.strip():
        return Markup(f'<div lang="{attribute}" markdown>\n\n{markup.strip()}\n\n</div>')
    return Markup(f'<span lang="{attribute}">{markup}</span>')


def _keeps_language(escape: Callable[[Any], Markup]) -> Callable[[Any], Markup]:
    """The filter `escape`, whose output is marked with the language of a text that stands in for its translation."""
    def marked(value: Any) -> Markup:
        lang = m.language_of(value)
        return in_lang(escape(value), lang) if lang else escape(value)

    marked.__doc__ = escape.__doc__
    return marked


def _finalize(value: Any) -> Any:
    # Every `{{ value }}` of a template ends here: an untranslated text printed without a filter is
    # escaped as autoescape would (quotes included), then marked with its language.
    lang = m.language_of(value)
    return in_lang(Markup.escape(value), lang) if lang else value


def in_language(markdown: str, lang: str) -> str:
    """Markdown marked as written in `lang` (WCAG 3.1.2), so that screen readers pronounce it as such.

    The page title stays a plain `# ...` line (notices and the participant switch go below it), with
    `lang` in its attribute list unless it has one already; the rest goes into a `div`.
    """
    first, newline, rest = markdown.partition("\n")
    if not first.startswith("# "):
        first, rest = "", markdown
    elif not first.rstrip().endswith("}"):
        first = f'{first.rstrip()} {{ lang="{lang}" }}'
    head = f"{first}\n\n" if first else ""
    return f'{head}<div lang="{lang}" markdown>\n\n{rest.strip(chr(10))}\n\n</div>\n'


class KeptBytecode(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process (serve renders at every edit); Jinja
    keys each by its name and checks it against the template's source."""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._kept:
            bucket.bytecode_from_string(self._kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._kept[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = KeptBytecode()


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=_BYTECODE,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
    )
    # YAML text reaches a page through one of these filters or through `_finalize`, never past both:
    # so every text standing in for its translation is marked with its language, on every page kind.
    env.filters["cell"] = _keeps_language(_cell)
    env.filters["heading"] = _keeps_language(_heading)
    env.filters["oneline"] = _keeps_language(_oneline)
    env.filters["link_text"] = _keeps_language(_link_text)
    return env


def page_title(page: Page) -> str:
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

    def __init__(self, cur: Curriculum, lang: str, stamp: int | None = None, memo: Memo | None = None) -> None:
        self.cur = cur
        self.lang = lang
        self.memo = memo  # costly files made before from the same data (see generator.source.memo)
        # Dates and numbers follow the region the programme names (es-SV writes 1,234.5, es writes 1.234,5).
        self.locale = cur.programme.model.locales.get(lang, lang) if cur.programme else lang
        self.default = cur.languages[0]
        self.stamp = _stamp(stamp)
        self._ = translator(lang, cur.root)
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

    def body_of(self, page: Page) -> str:
        """The body of `page`, marked with its language where it stands in for a missing translation."""
        if page.lang is not None or self.lang == self.default:
            return page.body
        return in_language(page.body, self.default)

    def module_title(self, module: m.Module) -> str:
        return m.like(f"{module.id.upper()} · {module.title}", module.title)

    def marked(self, text: str, **parts: Any) -> Markup:
        """`text` (a label with `{name}` fields) filled in, escaped, each untranslated part marked with its language."""
        values = {}
        for name, value in parts.items():
            lang = m.language_of(value)
            values[name] = in_lang(Markup.escape(value), lang) if lang else value
        return Markup(html.escape(text, quote=False)).format(**values)

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
        if page is None:
            return posixpath.basename(material)
        fallback = page.lang is None and self.lang != self.default
        return m.Untranslated(page_title(page), self.default) if fallback else page_title(page)

    def module_link(self, here: str, module_id: str) -> dict[str, str]:
        loaded = self.cur.modules.get(module_id)
        title = self.module_title(loaded.model) if loaded else module_id
        return {"title": title, "href": href(here, module_page(module_id))}

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)
