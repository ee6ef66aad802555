"""The shape of a curriculum diff: small dataclasses with one stable JSON form.

Every kind of item (module, objective, session, rubric, criterion, level, schedule...) is reported
the same way, in a `Section`: the ids added, removed, renamed, and the items whose fields changed.
Lists keep the order of the files (programme order for modules, file order for sessions), which is
deterministic for given sources; `to_json` writes keys sorted, so the same two curricula always give
the same bytes.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    """One field whose value changed, e.g. a session's `minutes` 90 -> 120."""

    name: str
    """The field, as written in the YAML file; nested fields are dotted (`pass.weighted_mean`,
    `descriptors.3`)."""
    old: Any
    new: Any


@dataclass(frozen=True)
class Entry:
    """An item that was added or removed."""

    id: str
    title: str
    """Its title (or text, for an objective or outcome) in the curriculum it is part of."""
    minutes: int | None = None
    """Sessions and modules: how long they take; None for other items."""


@dataclass(frozen=True)
class Rename:
    """The same item under a new id: everything but the id is identical."""

    old_id: str
    new_id: str
    title: str


@dataclass
class Changed:
    """An item present on both sides (same id) whose fields or parts changed."""

    id: str
    title: str
    """Its new title."""
    fields: list[FieldChange] = field(default_factory=list)
    parts: dict[str, "Section"] = field(default_factory=dict)
    """Changes of the items inside it, by kind: a module's `objectives` and `sessions`, a rubric's
    `levels`, `criteria` and `eligibility`. Only kinds with a change are present."""


@dataclass(frozen=True)
class When:
    """When a session is scheduled."""

    date: str
    """YYYY-MM-DD."""
    start: str
    end: str


@dataclass(frozen=True)
class SlotChange:
    """A scheduled session: moved (date or time changed), newly scheduled or no longer scheduled."""

    module: str
    session: str
    title: str
    """The session's title, or `module/session` if the module does not hold it."""
    old: When | None
    new: When | None


@dataclass
class ScheduleChanged(Changed):
    """A schedule present on both sides. A slot is the same slot when it schedules the same session
    of the same module (through renames); when its date or time differ, it moved."""

    moved: list[SlotChange] = field(default_factory=list)
    added: list[SlotChange] = field(default_factory=list)
    removed: list[SlotChange] = field(default_factory=list)


@dataclass
class Section:
    added: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed or self.changed)


@dataclass(frozen=True)
class MethodTotal:
    """The minutes of all sessions taught with one method, before and after."""

    method: str
    old: int
    new: int


@dataclass
class Diff:
    """What changed between two curricula, `old` and `new`."""

    old_version: str | None
    new_version: str | None
    programme: list[FieldChange] = field(default_factory=list)
    """Changes of the programme's own fields (title, summary, module order, certification, tag names);
    not its version, which names the two sides."""
    outcomes: Section = field(default_factory=Section)
    modules: Section = field(default_factory=Section)
    rubrics: Section = field(default_factory=Section)
    schedules: Section = field(default_factory=Section)
    minutes_by_method: list[MethodTotal] = field(default_factory=list)
    """Every method taught on either side, in the model's order of methods."""
    total_minutes: MethodTotal = field(default_factory=lambda: MethodTotal("total", 0, 0))

    def unchanged(self) -> bool:
        """Whether the two curricula hold the same programme, modules, rubrics and schedules."""
        return not (self.programme or self.outcomes or self.modules or self.rubrics or self.schedules)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def to_json(value: dict[str, Any]) -> str:
    """Indented JSON with sorted keys and a final newline: the same data, the same bytes."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
