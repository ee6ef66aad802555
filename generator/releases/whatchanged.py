"""The "What changed" page of a release: its curriculum diff against the previous release, for readers.

`what_changed_page(old, new, lang, old_version, new_version)` takes both curricula already
localized to `lang` (`i18n.translate.localize`), so names are in that language; every label goes
through the language's catalogue, and all YAML text reaches Markdown through the template's
escaping filters (`render.renderer`), like every generated page. `what_changed_pages` does the
localizing for every language of the new release.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from generator.releases.diff import compare
from generator.releases.diffmodel import Changed, FieldChange, ScheduleChanged, Section, SlotChange, When
from generator.render import formatting as fmt
from generator.i18n.translate import localize
from generator.render.labels import translator
from generator.render.renderer import Renderer
from generator.source.load import Curriculum
from generator.source.paths import href, module_page, rubric_page, schedule_page

Link = Callable[[str], str]

WHAT_CHANGED_PAGE = "changes.md"
"""Where the page sits in a language's docs folder, unless the caller says otherwise."""


def _field_names(r: Renderer) -> dict[str, str]:
    _ = r._
    return {
        "title": _("Title"), "summary": _("Summary"), "level": _("Level"), "prerequisites": _("Prerequisites"),
        "assessment": _("Assessment"), "tags": _("Tags"), "minutes": _("Duration"), "method": _("Method"),
        "materials": _("Materials"), "text": _("Text"), "outcomes": _("Outcomes"), "indicators": _("Indicators"),
        "weight": _("Weight"), "kind": _("Kind"), "label": _("Label"), "timezone": _("Time zone"),
        "location": _("Location"), "phases": _("Phases"), "modules": _("Order of the modules"),
        "certification": _("Certification"),
        "pass.weighted_mean": _("Pass rule: lowest weighted mean"),
        "pass.minimum_level": _("Pass rule: lowest level of any criterion"),
    }


class _View:
    """Turns the diff's values into the words of one language."""

    def __init__(self, r: Renderer) -> None:
        self.r = r
        self.names = _field_names(r)

    def minutes(self, minutes: int) -> str:
        return self.r._("{minutes} min").format(minutes=fmt.number(minutes, self.r.locale))

    def value(self, name: str, value: Any) -> str:
        if value is None or value == []:
            return self.r._("(none)")
        if name == "minutes" and isinstance(value, int):
            return self.minutes(value)
        if name == "weight":
            return f"{fmt.number(value, self.r.locale)} %"
        if name == "method":
            return self.r.method(str(value))
        if name == "level":
            return self.r.level(str(value))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return fmt.number(value, self.r.locale)
        if name == "phases" and isinstance(value, list):
            return "; ".join(f"{p['title']} ({p['start']} – {p['end']})" for p in value)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        if isinstance(value, dict):
            return "; ".join(f"{k}: {self.value(str(k), v)}" for k, v in value.items())
        return str(value)

    def field(self, change: FieldChange, pad: str) -> dict[str, Any]:
        name = change.name
        if name.startswith("descriptors."):
            label = self.r._("Descriptor of level {score}").format(score=name.split(".", 1)[1])
        else:
            label = self.names.get(name, name)
        text = f"{self.value(name, change.old)} → {self.value(name, change.new)}"
        if name in ("minutes", "weight") and isinstance(change.old, int) and isinstance(change.new, int):
            diff = change.new - change.old
            sign = "+" if diff > 0 else "−"
            text += f" ({sign}{self.minutes(abs(diff))})" if name == "minutes" else \
                f" ({sign}{fmt.number(abs(diff), self.r.locale)} %)"
        return _row(pad, label, text)

    def name(self, key: str, title: str, kind: str) -> str:
        return f"{key.upper()} · {title}" if kind == "module" else title

    def entries(self, part: Section, kind: str, link: Link | None, pad: str) -> list[dict[str, Any]]:
        """One row for each item added, removed or renamed."""
        _ = self.r._
        rows = []
        for e in part.added:
            extra = f"({self.minutes(e.minutes)})" if e.minutes is not None else ""
            rows.append(_row(pad, _("Added"), extra, self.name(e.id, e.title, kind), link(e.id) if link else ""))
        for e in part.removed:
            extra = f" ({self.minutes(e.minutes)})" if e.minutes is not None else ""
            rows.append(_row(pad, _("Removed"), self.name(e.id, e.title, kind) + extra))
        for ren in part.renamed:
            rows.append(_row(pad, _("Renamed"), f"{ren.old_id} → {ren.new_id}: {ren.title}"))
        return rows

    def when(self, when: When | None) -> str:
        if when is None:
            return self.r._("(none)")
        day = fmt.long_date(dt.date.fromisoformat(when.date), self.r.locale)
        return f"{day}, {fmt.clock(when.start, self.r.locale)}–{fmt.clock(when.end, self.r.locale)}"

    def slot(self, label: str, s: SlotChange) -> dict[str, Any]:
        name = f"{s.module.upper()} · {s.title}"
        when = f"{self.when(s.old)} → {self.when(s.new)}" if s.old and s.new else self.when(s.old or s.new)
        return _row("", label, f"{name}: {when}")

    def changed(self, c: Changed, kind: str, link: Link | None) -> dict[str, Any]:
        """A heading for the item, and one row for each of its changes, nested by part."""
        _ = self.r._
        titles = {"objectives": _("Objectives"), "sessions": _("Sessions"), "levels": _("Levels"),
                  "criteria": _("Criteria"), "eligibility": _("Eligibility")}
        rows = [self.field(f, "") for f in c.fields]
        for name, part in c.parts.items():
            rows.append(_row("", titles.get(name, name), ""))
            rows += self.entries(part, name, None, "    ")
            for inner in part.changed:
                rows.append(_row("    ", _("Changed"), inner.title))
                rows += [self.field(f, "        ") for f in inner.fields]
        if isinstance(c, ScheduleChanged):
            rows += [self.slot(_("Moved"), s) for s in c.moved]
            rows += [self.slot(_("Newly scheduled"), s) for s in c.added]
            rows += [self.slot(_("No longer scheduled"), s) for s in c.removed]
        return {"name": self.name(c.id, c.title, kind), "href": link(c.id) if link else "", "rows": rows}

    def section(self, title: str, part: Section, kind: str, link: Link | None) -> dict[str, Any]:
        return {"title": title, "rows": self.entries(part, kind, link, ""),
                "changed": [self.changed(c, kind, link) for c in part.changed]}


def _row(pad: str, label: str, text: str, name: str = "", href: str = "") -> dict[str, Any]:
    """One list item: `pad- **label:** [name](href) text`; a row with only a label is a heading."""
    return {"pad": pad, "label": label, "text": text, "name": name, "href": href}


def what_changed_page(old: Curriculum | None, new: Curriculum, lang: str, old_version: str | None,
                      new_version: str, *, here: str = WHAT_CHANGED_PAGE) -> str:
    """The Markdown of the "What changed" page of `new_version` against `old_version`, in `lang`.

    `old` and `new` are the curricula of both releases localized to `lang`; `old` is None for the
    first release (the page then says so). `here` is the page's path in the docs folder, for links
    to the new release's module, rubric and schedule pages.
    """
    r = Renderer(new, lang)
    _ = r._
    view = _View(r)
    if old is None:
        return r.render("changes.md.j2", page={
            "title": _("What changed"), "first": True,
            "intro": _("Version {new} is the first release.").format(new=new_version)})
    diff = compare(old, new)
    sections: list[tuple[str, str, Section, Link | None]] = [
        (_("Modules"), "module", diff.modules, lambda i: href(here, module_page(i))),
        (_("Programme outcomes"), "outcome", diff.outcomes, None),
        (_("Rubrics"), "rubric", diff.rubrics, lambda i: href(here, rubric_page(i))),
        (_("Schedules"), "schedule", diff.schedules, lambda i: href(here, schedule_page(i))),
    ]
    hours = [{"method": _("Total") if t.method == "total" else r.method(t.method), "old": r.hours(t.old),
              "new": r.hours(t.new),
              "delta": "" if t.new == t.old else ("+" if t.new > t.old else "−") + r.hours(abs(t.new - t.old)),
              "total": t.method == "total"}
             for t in [*diff.minutes_by_method, diff.total_minutes]]
    page = {
        "title": _("What changed"), "first": False,
        "intro": _("What changed in version {new} since version {old}.").format(new=new_version,
                                                                              old=old_version or "?"),
        "unchanged": diff.unchanged(),
        "programme": [view.field(f, "") for f in diff.programme],
        "sections": [view.section(title, part, kind, link) for title, kind, part, link in sections if part],
        "hours": hours, "old_version": old_version or "?", "new_version": new_version,
    }
    return r.render("changes.md.j2", page=page)


def what_changed_title(lang: str) -> str:
    """The page's title in `lang`, for the navigation."""
    return translator(lang)("What changed")


def what_changed_pages(old: Curriculum | None, new: Curriculum, old_version: str | None, new_version: str,
                       *, here: str = WHAT_CHANGED_PAGE) -> dict[str, str]:
    """The page in every language of `new`, from the two releases as loaded (not yet localized)."""
    pages = {}
    for lang in new.languages:
        local_old = localize(old, lang)[0] if old is not None else None
        pages[lang] = what_changed_page(local_old, localize(new, lang)[0], lang, old_version, new_version, here=here)
    return pages
