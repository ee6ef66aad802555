"""A curriculum diff as a flat list of changed items, each named by a path a person recognises.

`curriculum diff` (`diff.compare`) reports nested sections; the upstream report needs to set two
diffs side by side and find the items both changed. Here every change becomes an `ItemChange`
whose `item` names one curriculum item: `module m02`, `module m02 / session s1`, `rubric delivery /
criterion preparation`, `schedule sv-2026-1 / day 2026-02-02`, `page content/modules/m02.md`,
`page content/modules/m02.md / section "Worked example"`. Markdown pages, which `compare` does not
cover, are compared here by their `##` sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.releases.diff import compare
from generator.releases.diffmodel import Changed, Section
from generator.source.links import fenced_lines
from generator.source.load import Curriculum

PART_KINDS = {"objectives": "objective", "sessions": "session", "levels": "level", "criteria": "criterion",
              "eligibility": "eligibility"}


@dataclass(frozen=True)
class ItemChange:
    """One curriculum item that was added, removed, renamed or changed."""

    item: str
    """The item's name, e.g. `module m02 / session s1`; the same item has the same name on every side."""
    kind: str
    """module, objective, session, rubric, criterion, level, eligibility, schedule, day, outcome,
    programme, page or section."""
    change: str
    """added, removed, renamed or changed."""
    fields: tuple[str, ...] = ()
    """For a change: the fields that differ (`title`, `descriptors.3`...)."""
    new: Any = field(default=None, compare=False)
    """What the item is now (its changed fields' new values, or its title): to tell equal edits apart."""

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "kind": self.kind, "change": self.change, "fields": list(self.fields)}


def _section(found: list[ItemChange], section: Section, kind: str, prefix: str) -> None:
    for entry in section.added:
        found.append(ItemChange(f"{prefix}{kind} {entry.id}", kind, "added", new=entry.title))
    for entry in section.removed:
        found.append(ItemChange(f"{prefix}{kind} {entry.id}", kind, "removed"))
    for rename in section.renamed:
        found.append(ItemChange(f"{prefix}{kind} {rename.old_id}", kind, "renamed", (f"id -> {rename.new_id}",),
                                new=rename.new_id))
    for changed in section.changed:
        _changed(found, changed, kind, prefix)


def _changed(found: list[ItemChange], changed: Changed, kind: str, prefix: str) -> None:
    name = f"{prefix}{kind} {changed.id}"
    if changed.fields:
        found.append(ItemChange(name, kind, "changed", tuple(c.name for c in changed.fields),
                                new=tuple((c.name, repr(c.new)) for c in changed.fields)))
    for part, section in changed.parts.items():
        _section(found, section, PART_KINDS.get(part, part), f"{name} / ")
    for attr in ("moved", "added", "removed"):
        for slot in getattr(changed, attr, []):
            for when in (slot.old, slot.new):
                if when is not None:
                    found.append(ItemChange(f"{name} / day {when.date}", "day", "changed",
                                            (f"{slot.module}/{slot.session}",),
                                            new=(attr, slot.module, slot.session, repr(slot.new))))


_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")


def sections(body: str) -> dict[str, str]:
    """A page's `#` sections by heading text (outside code); the text before the first is `(top)`."""
    found: dict[str, list[str]] = {"(top)": []}
    current = "(top)"
    for _number, line, code in fenced_lines(body):
        match = None if code else _HEADING.match(line)
        if match:
            current = match.group(1).strip()
            while current in found:
                current += " (again)"
            found[current] = []
        found[current].append(line)
    return {k: "\n".join(v).strip() for k, v in found.items() if k != "(top)" or "\n".join(v).strip()}


def page_changes(old: Curriculum, new: Curriculum) -> list[ItemChange]:
    """Markdown pages (every language) added, removed, or changed section by section."""
    before = {page.path: page.body for page in old.pages.values()}
    after = {page.path: page.body for page in new.pages.values()}
    found: list[ItemChange] = []
    for path in sorted(set(before) | set(after)):
        name = f"page {path}"
        if path not in before:
            found.append(ItemChange(name, "page", "added", new=after[path]))
        elif path not in after:
            found.append(ItemChange(name, "page", "removed"))
        elif before[path] != after[path]:
            a, b = sections(before[path]), sections(after[path])
            for heading in list(a) + [h for h in b if h not in a]:
                if a.get(heading) == b.get(heading):
                    continue
                change = "added" if heading not in a else "removed" if heading not in b else "changed"
                found.append(ItemChange(f'{name} / section "{heading}"', "section", change, new=b.get(heading)))
    return found


def item_changes(old: Curriculum, new: Curriculum) -> list[ItemChange]:
    """Every curriculum item that differs from `old` to `new`, in file order."""
    diff = compare(old, new)
    found: list[ItemChange] = []
    if diff.programme:
        found.append(ItemChange("programme", "programme", "changed", tuple(c.name for c in diff.programme),
                                new=tuple((c.name, repr(c.new)) for c in diff.programme)))
    _section(found, diff.outcomes, "outcome", "programme / ")
    _section(found, diff.modules, "module", "")
    _section(found, diff.rubrics, "rubric", "")
    _section(found, diff.schedules, "schedule", "")
    found += page_changes(old, new)
    # One entry per item: a day with two moved slots is one day that changed.
    unique: dict[str, ItemChange] = {}
    for change in found:
        if change.item in unique:
            first = unique[change.item]
            unique[change.item] = ItemChange(first.item, first.kind, first.change,
                                             tuple(dict.fromkeys(first.fields + change.fields)),
                                             new=(first.new, change.new))
        else:
            unique[change.item] = change
    return list(unique.values())
