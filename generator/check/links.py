"""Rules about links: those of the Markdown pages under content/ and of YAML text fields must lead
to a page, file or anchor of the built site, in every language they are shown in.

Links are checked in the terms authors write them: relative to the page's own file under
content/, or for a YAML text, to the page generated from its file (`modules/m01/index.md`). A link
may name another page (`../handouts/walk.md`), any other file under content/ (`pictures/5s.jpg`),
or a page the generator writes: `programme/index.md` and `modules|rubrics|schedules/<id>/index.md`.
Anchors of the headings of generated pages are checked on the pages as rendered in each language
(`generated_page_anchors`, fed by the render stage).
"""

from __future__ import annotations

import difflib
import functools
import posixpath
from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path
from urllib.parse import unquote

from generator.check.anchors import GENERATED_FAMILY, generated_anchors, page_anchors
from generator.check.util import content_target, existing, similar_path
from generator.i18n.textfields import SPECS, units
from generator.i18n.translate import read_overlay, yaml_sources
from generator.problems import Problem, Where
from generator.source.links import is_relative, link_spans
from generator.source.textfile import read_text
from generator.source.load import Curriculum
from generator.source.paths import PROGRAMME_PAGE, module_page, rubric_page, schedule_page


def _generated(cur: Curriculum) -> set[str]:
    """The pages the generator writes, by their path in the built site's sources."""
    pages = {"index.md", "programme/index.md"}
    for kind, folder, loaded in (("module", "modules", cur.modules), ("rubric", "rubrics", cur.rubrics),
                                 ("schedule", "schedules", cur.schedules)):
        pages |= {f"{folder}/{item}/index.md" for item in existing(cur, kind, loaded)}
    return pages


LINK_CODES = frozenset({"broken-link", "broken-anchor", "link-outside"})
"""The codes of this module's problems."""

Headings = Callable[[str, str], set[str]]
"""The anchors of a generated page (docs path) in a language, as rendered (given by the render stage)."""

Use = tuple[Where, str, str, str, list[str]]
"""A link: where it is written, its target, the folder it is relative to (under content/), the docs
page it is shown on, and the languages it is shown in."""


def _page_links(cur: Curriculum) -> Iterator[Use]:
    """Every link of the Markdown pages."""
    for (name, lang), page in sorted(cur.pages.items(), key=lambda kv: kv[1].path):
        base = posixpath.dirname(page.path[len("content/"):])
        # A page in the default language is also shown in each language that has no translation of it.
        shown_in = [lang] if lang else [cur.languages[0]] + [x for x in cur.languages[1:] if (name, x) not in cur.pages]
        here = _docs_page(name)
        for line, column, target in link_spans(page.body):
            yield Where(page.path, page.body_line + line - 1, column), target, base, here, shown_in


def _yaml_page(kind: str, source: str) -> str:
    """The generated page that shows the texts of a YAML source; their relative links start from it."""
    if kind == "programme":
        return PROGRAMME_PAGE
    return {"module": module_page, "rubric": rubric_page, "schedule": schedule_page}[kind](Path(source).stem)


def _lines(cur: Curriculum, path: str) -> list[str]:
    """The lines of a YAML file of the project (read only where a text holds a link)."""
    text, _problems = read_text(cur.root / path, path)
    return (text or "").splitlines()


def _in_text(lines: list[str], start: Where, line: int, column: int, text: str) -> Where:
    """Where `line`:`column` of a YAML text is in its file, the value starting at `start` (`lines`: the file).

    Exact for plain and quoted values on one line and for literal blocks (`|`); a folded value that
    spans lines is pointed at its first line.
    """
    first = lines[start.line - 1] if 0 < start.line <= len(lines) else ""
    indicator = first[start.column - 1:start.column]
    if indicator in ("|", ">"):  # a block: the text starts on the next line, indented
        below = lines[start.line] if start.line < len(lines) else ""
        indent = len(below) - len(below.lstrip(" "))
        return Where(start.path, start.line + line, indent + column)
    if line == 1 and "\n" not in text.rstrip("\n"):
        return Where(start.path, start.line, start.column + column - 1 + (indicator in ("'", '"')))
    return start


def _yaml_links(cur: Curriculum) -> Iterator[Use]:
    """Every link written in a YAML text field (they are Markdown too), of the sources and of their translations.

    A source text is shown in the default language and in each language that has no translation of it.
    """
    default = cur.languages[0]
    lines = functools.cache(lambda path: _lines(cur, path))  # read a file only if one of its texts holds a link
    for path, kind, loaded in yaml_sources(cur):
        here = _yaml_page(kind, path)
        base = posixpath.dirname(here)
        overlays = {o.lang: (o, read_overlay(o, kind, loaded.doc.data)) for o in cur.overlays
                    if o.source == path and o.lang in cur.languages[1:]}
        for unit in units(SPECS[kind], loaded.doc.data):
            if "](" not in unit.text and "]:" not in unit.text:
                continue
            shown_in = [default] + [x for x in cur.languages[1:] if x not in overlays or unit.key not in overlays[x][1].texts]
            start = loaded.doc.where(unit.loc)
            for line, column, target in link_spans(unit.text):
                yield _in_text(lines(path), start, line, column, unit.text), target, base, here, shown_in
        for lang, (overlay, walk) in sorted(overlays.items()):
            for text, loc in walk.texts.values():
                if "](" not in text and "]:" not in text:
                    continue
                start = overlay.doc.where(loc)
                for line, column, target in link_spans(text):
                    yield _in_text(lines(overlay.doc.path), start, line, column, text), target, base, here, [lang]


def links(cur: Curriculum) -> Iterator[Problem]:
    """Every link of the pages and YAML texts that leads to no page, file or anchor of the site.

    Anchors on generated pages are left to `generated_page_anchors`, which may have those pages rendered.
    """
    return _links(cur, None, generated=False)


def generated_page_anchors(cur: Curriculum, headings: Headings | None) -> list[Problem]:
    """Every link to an anchor that a generated page does not have, in a language the link is shown in.

    With `headings` (the pages as the render stage renders them), every anchor is checked: the
    generator's families (`#session-s1`) and the headings of templates and module bodies
    (`rubrics/x/index.md#criteria`, translated: `#criterios` in Spanish). Without (a curriculum
    with errors is not rendered), only the families and the module bodies' own headings are known,
    so only fragments of a family's form are checked.
    """
    return list(_links(cur, headings, generated=True))


def _links(cur: Curriculum, headings: Headings | None, generated: bool) -> Iterator[Problem]:
    """The problems of links (`generated` False), or of their anchors on generated pages (True)."""
    pages = _generated(cur)
    page_names = {name for name, _lang in cur.pages if not name.startswith("modules/")}
    files = {f for f in cur.content_files if not f.endswith(".md")}
    anchors = _Anchors(cur, headings, generated)
    for where, target, base, here, shown_in in chain(_page_links(cur), _yaml_links(cur)):
        if target.startswith("#") and len(target) > 1:
            yield from anchors.check(where, target, here, unquote(target[1:]), shown_in)
            continue
        if not is_relative(target):
            continue
        path_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path_part:
            continue
        resolved, why = content_target(base, path_part)
        if resolved is None:
            if generated:
                continue  # reported by `links`
            if why == "backslash":
                yield where.error("broken-link", f"the link '{target}' uses '\\'; write '/' between folders")
            else:
                yield where.error(
                    "link-outside", f"the link '{target}' leads outside content/, so it cannot work on the site; "
                    "copy the file into content/ and link to the copy")
            continue
        if resolved in pages or resolved in page_names or resolved in files:
            fragment = unquote(target.partition("#")[2])
            if fragment and resolved not in files:
                yield from anchors.check(where, target, resolved, fragment, shown_in)
            continue
        if not generated:
            yield where.error("broken-link", f"the link '{target}' leads nowhere: {_why(cur, resolved, pages)}")


def _docs_page(name: str) -> str:
    """The page of the built site that shows the content page `name` (a module body: its module's page)."""
    folder, file_name = posixpath.split(name)
    return module_page(file_name[:-3]) if folder == "modules" else name


class _Anchors:
    """The anchors of each page in each language, computed once.

    Fragments on authored pages are checked by `links`, those on generated pages by
    `generated_page_anchors` (`generated`), against the pages as rendered if `headings` is given.
    """

    def __init__(self, cur: Curriculum, headings: Headings | None, generated: bool) -> None:
        self.cur = cur
        self.headings = headings
        self.generated = generated
        self._cache: dict[tuple[str, str | None], set[str]] = {}

    def _authored(self, name: str, lang: str) -> set[str]:
        key = (name, lang) if (name, lang) in self.cur.pages else (name, None)
        if key not in self._cache:
            page = self.cur.pages.get(key)
            self._cache[key] = page_anchors(page.body) if page else set()
        return self._cache[key]

    def check(self, where: Where, target: str, page: str, fragment: str, languages: list[str]) -> Iterator[Problem]:
        family = generated_anchors(self.cur, page)
        if (family is not None) != self.generated:
            return  # the other rule checks it
        if family is not None and self.headings is None and not GENERATED_FAMILY.match(fragment):
            return  # a heading of a template, unknown without rendering the page
        for lang in languages:
            if family is None:
                known = self._authored(page, lang)
            elif self.headings is not None:
                known = family | self.headings(page, lang)
            else:
                folder = posixpath.dirname(page)
                body = self._authored(f"modules/{posixpath.basename(folder)}.md", lang) if folder.startswith(
                    "modules/") else set()
                known = family | body
            if fragment in known:
                continue
            close = difflib.get_close_matches(fragment, sorted(known), n=1)
            yield where.error("broken-anchor", f"the link '{target}' leads to no '#{fragment}' in the '{lang}' site's "
                              f"page {page}" + (f"; did you mean '#{close[0]}'?" if close else ""))
            return


def _why(cur: Curriculum, resolved: str, generated: set[str]) -> str:
    folder, name = posixpath.split(resolved)
    if folder == "modules" and name.endswith(".md"):
        return (f"module bodies are shown on their module's page; link to modules/{name[:-3]}/index.md "
                "(relative to this page)")
    if resolved + "/index.md" in generated or (resolved.endswith("/") and resolved + "index.md" in generated):
        return f"link to the page itself, {resolved}/index.md (relative to this page)"
    if resolved in cur.content_files:
        return f"content/{resolved} is a translation; link to the page's own name, and each language shows its own"
    close = similar_path(resolved, generated | {n for n, _ in cur.pages} | cur.content_files)
    return f"there is no content/{resolved}" + (f"; did you mean '{close}' (relative to content/)?" if close else
                                                "; fix the path or create the file")


def orphan_bodies(cur: Curriculum) -> Iterator[Problem]:
    """Pages in content/modules/ are module bodies: one without a module is never published."""
    modules = existing(cur, "module", cur.modules)
    for (name, _lang), page in sorted(cur.pages.items(), key=lambda kv: kv[1].path):
        folder, file_name = posixpath.split(name)
        if folder == "modules" and file_name[:-3] not in modules:
            yield Where(page.path).warning(
                "orphan-module-body", f"this page is not published: the pages in content/modules/ are module bodies, "
                f"and there is no module '{file_name[:-3]}'; rename it after its module or move it elsewhere "
                "in content/")


RULES = [links, orphan_bodies]
