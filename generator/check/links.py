"""Rules about the Markdown pages under content/: their relative links and images must lead to a
page or file of the built site.

Links are checked in the terms authors write them: relative to the page's own file under
content/. A link may name another page (`../handouts/walk.md`), any other file under content/
(`pictures/5s.jpg`), or a page the generator writes: `programme/index.md` and
`modules|rubrics|schedules/<id>/index.md`.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterator
from urllib.parse import unquote

from generator.check.anchors import GENERATED_FAMILY, generated_anchors, page_anchors
from generator.check.util import content_target, existing, similar_path
from generator.problems import Problem, Where
from generator.source.links import is_relative, link_spans
from generator.source.load import Curriculum
from generator.source.paths import module_page


def _generated(cur: Curriculum) -> set[str]:
    """The pages the generator writes, by their path in the built site's sources."""
    pages = {"index.md", "programme/index.md"}
    for kind, folder, loaded in (("module", "modules", cur.modules), ("rubric", "rubrics", cur.rubrics),
                                 ("schedule", "schedules", cur.schedules)):
        pages |= {f"{folder}/{item}/index.md" for item in existing(cur, kind, loaded)}
    return pages


def links(cur: Curriculum) -> Iterator[Problem]:
    generated = _generated(cur)
    page_names = {name for name, _lang in cur.pages if not name.startswith("modules/")}
    files = {f for f in cur.content_files if not f.endswith(".md")}
    anchors = _Anchors(cur)
    for (name, lang), page in sorted(cur.pages.items(), key=lambda kv: kv[1].path):
        base = posixpath.dirname(page.path[len("content/"):])
        # A page in the default language is also shown in each language that has no translation of it.
        shown_in = [lang] if lang else [cur.languages[0]] + [x for x in cur.languages[1:] if (name, x) not in cur.pages]
        here = _docs_page(name)
        for line, column, target in link_spans(page.body):
            where = Where(page.path, page.body_line + line - 1, column)
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
                if why == "backslash":
                    yield where.error("broken-link", f"the link '{target}' uses '\\'; write '/' between folders")
                else:
                    yield where.error(
                        "link-outside", f"the link '{target}' leads outside content/, so it cannot work on the site; "
                        "copy the file into content/ and link to the copy")
                continue
            if resolved in generated or resolved in page_names or resolved in files:
                fragment = unquote(target.partition("#")[2])
                if fragment and resolved not in files:
                    yield from anchors.check(where, target, resolved, fragment, shown_in)
                continue
            yield where.error("broken-link", f"the link '{target}' leads nowhere: {_why(cur, resolved, generated)}")


def _docs_page(name: str) -> str:
    """The page of the built site that shows the content page `name` (a module body: its module's page)."""
    folder, file_name = posixpath.split(name)
    return module_page(file_name[:-3]) if folder == "modules" else name


class _Anchors:
    """The anchors of each page in each language, computed once."""

    def __init__(self, cur: Curriculum) -> None:
        self.cur = cur
        self._cache: dict[tuple[str, str | None], set[str]] = {}

    def _authored(self, name: str, lang: str) -> set[str]:
        key = (name, lang) if (name, lang) in self.cur.pages else (name, None)
        if key not in self._cache:
            page = self.cur.pages.get(key)
            self._cache[key] = page_anchors(page.body) if page else set()
        return self._cache[key]

    def check(self, where: Where, target: str, page: str, fragment: str, languages: list[str]) -> Iterator[Problem]:
        family = generated_anchors(self.cur, page)
        for lang in languages:
            if family is None:
                known, sure = self._authored(page, lang), True
            else:
                folder = posixpath.dirname(page)
                body = self._authored(f"modules/{posixpath.basename(folder)}.md", lang) if folder.startswith(
                    "modules/") else set()
                # Headings of our own templates are not known here: only the generator's anchor
                # families and the author's own headings are checked on generated pages.
                known, sure = family | body, bool(GENERATED_FAMILY.match(fragment))
            if fragment in known or not sure:
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
