"""Rules about the files under content/ that are not pages: which kinds are published, and where.

Everything under content/ is published as it is, so a file there could be a script (HTML, an SVG
with a script), a stylesheet that calls another host, or a file at a place the theme or the
generator writes to (the theme's JavaScript bundle, a generated page): each is a check error.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from generator.check.css import check_css
from generator.check.svg import check_svg
from generator.check.util import existing
from generator.problems import Problem, Where
from generator.source import paths
from generator.source.load import Curriculum
from generator.source.textfile import read_text

PICTURES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg"}
DOCUMENTS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf", ".csv",
             ".txt"}
PUBLISHED = PICTURES | DOCUMENTS | {".css", ".md"}
"""The kinds of content file that are published; any other kind is an error."""

MARKDOWN = {".md", ".markdown", ".mdown", ".mkdn", ".mkd"}
"""What MkDocs takes for a page, in any case: only `.md` pages are checked, so the others are refused."""

THEME_FOLDERS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "assets/curriculum/", "search/")
"""Folders the theme and the generator fill; a content file there would replace their scripts."""
THEME_FILES = {"404.html", "404.md", "sitemap.xml", "sitemap.xml.gz", "versions.json", paths.EXPORT_FILE}


def generated_files(cur: Curriculum) -> set[str]:
    """Every file the generator writes into a language's docs folder, as a path below content/ would be."""
    found = {"index.md", paths.PROGRAMME_PAGE, paths.HANDBOOK_PAGE, paths.TAGS_PAGE, paths.PREREQUISITES_PICTURE,
             "translations/index.md"}  # i18n.notices.STATUS_PAGE
    for module_id in existing(cur, "module", cur.modules):
        found.add(paths.module_page(module_id))
    for rubric_id in existing(cur, "rubric", cur.rubrics):
        found |= {paths.rubric_page(rubric_id), paths.scoring_sheet_page(rubric_id), paths.rubric_csv(rubric_id)}
    for schedule_id in existing(cur, "schedule", cur.schedules):
        found |= {paths.schedule_page(schedule_id), paths.schedule_ics(schedule_id), paths.phases_picture(schedule_id)}
    return found


def _reserved(cur: Curriculum, name: str, generated: set[str]) -> str | None:
    """Why the content file `name` (relative to content/, language part kept) may not be published there."""
    if name.startswith(THEME_FOLDERS) or name in THEME_FILES:
        return "the theme and the generator write their own files there (a file here would replace them)"
    lang_root = name.split("/", 1)[0]
    if "/" in name and lang_root in cur.languages[1:]:
        return f"{lang_root}/ holds the '{lang_root}' site; translations sit beside their source as name.{lang_root}.md"
    stem, ext = posixpath.splitext(name)
    bare = stem.rsplit(".", 1)[0] + ext if "." in posixpath.basename(stem) else name
    for candidate in (name, bare):
        if candidate == "index.md":
            continue
        if candidate in generated or (candidate.endswith(".html") and candidate[:-5] + ".md" in generated):
            return "the generator writes a page or file of its own there, which this file would replace or hide"
    return None


def content_files(cur: Curriculum) -> Iterator[Problem]:
    generated = generated_files(cur)
    content = cur.root / "content"
    for name in sorted(cur.content_files):
        rel = f"content/{name}"
        ext = posixpath.splitext(name)[1].lower()
        if ext in (".html", ".htm", ".xhtml", ".shtml", ".js", ".mjs"):
            yield Where(rel).error("file-kind", f"{ext} files are not published: they could run a script in "
                                   "readers' browsers; write the page in Markdown instead")
            continue
        if ext in MARKDOWN and not name.endswith(".md"):
            yield Where(rel).error("file-kind", f"'{posixpath.splitext(name)[1]}' pages are not read as pages here, "
                                   "but MkDocs would publish them as they are; rename the file to end in .md")
            continue
        if ext not in PUBLISHED:
            yield Where(rel).error("file-kind", f"'{ext or name}' files are not published; the kinds allowed are "
                                   f"pages (.md), pictures, documents and stylesheets: {', '.join(sorted(PUBLISHED))}")
            continue
        why = _reserved(cur, name, generated)
        if why:
            yield Where(rel).error("reserved-path", f"content/{name} cannot be published: {why}; move or rename it")
            continue
        if ext == ".svg":
            try:
                data = (content / name).read_bytes()
            except OSError as exc:
                yield Where(rel).error("unreadable", f"cannot read the file: {exc.strerror or exc}")
                continue
            yield from check_svg(data, rel)
        elif ext == ".css":
            text, problems = read_text(content / name, rel)
            yield from problems
            if text is not None:
                yield from check_css(text, rel)


RULES = [content_files]
