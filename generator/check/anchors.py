"""The anchors a page offers (`#heading`, `{#id}`, `id="..."`, footnotes) and those the generator
gives its pages (`#session-s1`, `#day-2026-02-02`, `#outcome-O1`, `#tag-quality`), so that a link's
`#fragment` can be checked in every language the link is shown in.

Heading anchors are made the way MkDocs' `toc` extension makes them (its own `slugify`), with
`_1`, `_2`... for a repeated heading.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify

from generator.source import paths
from generator.source.links import fenced_lines
from generator.source.load import Curriculum

_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ATTR_ID = re.compile(r"\{[:\s]*[^}]*?#([A-Za-z0-9_:.-]+)[^}]*\}\s*$")
_ATTR_LIST = re.compile(r"\s*\{:?[^}]*\}\s*$")
_HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']?([^"'\s>]+)""")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^([^\]]+)\]:")
_INLINE_ID = re.compile(r"\{:?\s*#([A-Za-z0-9_:.-]+)[^}]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]|<[^>]+>")

GENERATED_FAMILY = re.compile(r"^(?:session|day|outcome|tag)-")
"""Anchor names the generator's templates give; a fragment of this form is always checked."""


def _heading_text(raw: str) -> tuple[str, str | None]:
    """The heading's text as the toc extension sees it, and its explicit `{#id}`, if any."""
    explicit = _ATTR_ID.search(raw)
    raw = _ATTR_LIST.sub("", raw)
    raw = _LINK.sub(r"\1", raw)
    return _MARKUP.sub("", raw).strip(), explicit.group(1) if explicit else None


def page_anchors(markdown: str) -> set[str]:
    """Every anchor the Markdown page `markdown` will have once MkDocs has built it."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    previous = ""
    for _number, line, code in fenced_lines(markdown):
        if code:
            previous = ""
            continue
        heading = _ATX.match(line)
        text = heading.group(1) if heading else None
        setext = previous.strip() and not previous.lstrip().startswith(("-", "*", ">"))
        if text is None and setext and _SETEXT.match(line):
            text = previous.strip()
        if text is not None:
            plain, explicit = _heading_text(text)
            if explicit:
                found.add(explicit)
            else:
                slug = slugify(plain, "-")
                count = seen.get(slug, 0)
                seen[slug] = count + 1
                found.add(slug if count == 0 else f"{slug}_{count}")
        found.update(_HTML_ID.findall(line))
        found.update(_INLINE_ID.findall(line))
        footnote = _FOOTNOTE.match(line)
        if footnote:
            found |= {f"fn:{footnote.group(1)}", f"fnref:{footnote.group(1)}"}
        previous = line
    return found


def generated_anchors(cur: Curriculum, page: str) -> set[str] | None:
    """The anchors our templates give the generated `page` (docs path), or None if it is not ours."""
    if page == paths.PROGRAMME_PAGE:
        return {paths.outcome_anchor(o.id) for o in cur.programme.model.outcomes} if cur.programme else set()
    if page == paths.TAGS_PAGE:
        return {paths.tag_anchor(t) for m in cur.ordered_modules() for t in m.tags}
    for module_id, loaded in cur.modules.items():
        if page == paths.module_page(module_id):
            return {paths.session_anchor(s.id) for s in loaded.model.sessions}
    for schedule_id, loaded in cur.schedules.items():
        if page == paths.schedule_page(schedule_id):
            return {paths.day_anchor(d.date) for d in loaded.model.days}
    for rubric_id in cur.rubrics:
        if page in (paths.rubric_page(rubric_id), paths.scoring_sheet_page(rubric_id)):
            return set()
    if page == paths.HANDBOOK_PAGE:
        return set()
    return None
