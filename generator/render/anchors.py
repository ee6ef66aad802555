"""The anchors of the generator's own pages, as each language renders them, for `check`.

A link such as `../../rubrics/delivery/index.md#criteria` names a heading of a template, whose
text (and so whose anchor) is a translated label: `#criteres` on the French page. Only the
rendered page knows it, so each page a link names is rendered once per language, on demand:
a project whose links name no such heading renders nothing here.
"""

from __future__ import annotations

from generator.check.anchors import page_anchors
from generator.i18n.translate import localize
from generator.render.renderer import Renderer
from generator.render.views import handbook, module, programme, rubric, schedule, tags
from generator.source import paths
from generator.source.load import Curriculum


def generated_page(r: Renderer, page: str) -> str | None:
    """The Markdown of the generated `page` (a docs path) in `r`'s language, or None if it is not one."""
    cur = r.cur
    if page == paths.PROGRAMME_PAGE:
        return programme.page(r, cur.programme.model) if cur.programme else None
    if page == paths.TAGS_PAGE:
        return tags.page(r)
    if page == paths.HANDBOOK_PAGE:
        return handbook.page(r) if cur.programme else None
    for module_id, loaded in cur.modules.items():
        if page == paths.module_page(module_id):
            return module.page(r, loaded.model)
    for rubric_id, loaded in cur.rubrics.items():
        if page == paths.rubric_page(rubric_id):
            return rubric.page(r, loaded.model)
        if page == paths.scoring_sheet_page(rubric_id):
            return rubric.sheet(r, loaded.model)
    for schedule_id, loaded in cur.schedules.items():
        if page == paths.schedule_page(schedule_id):
            return schedule.page(r, loaded.model)
    return None


class RenderedAnchors:
    """`(page, lang) -> anchors`: each generated page rendered in a language at most once."""

    def __init__(self, cur: Curriculum) -> None:
        self.cur = cur
        self._renderers: dict[str, Renderer] = {}
        self._anchors: dict[tuple[str, str], set[str]] = {}

    def __call__(self, page: str, lang: str) -> set[str]:
        if (page, lang) not in self._anchors:
            if lang not in self._renderers:
                self._renderers[lang] = Renderer(localize(self.cur, lang)[0], lang)
            text = generated_page(self._renderers[lang], page)
            self._anchors[page, lang] = page_anchors(text) if text is not None else set()
        return self._anchors[page, lang]
