"""Compare two curricula: what was added, removed, renamed or changed between two releases.

Items are matched by id. The same id with different fields is *changed* (a new title included).
An id that disappeared while another appeared with exactly the same content apart from the id is
*renamed*; if anything else changed too, it is reported as removed and added, since guessing at
similar content would name wrong pairs. Schedule slots are matched by the session they schedule,
following module and session renames, so that a session taught on another day is *moved*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from generator import model as m
from generator.releases.diffmodel import (
    Changed,
    Diff,
    Entry,
    FieldChange,
    MethodTotal,
    Rename,
    ScheduleChanged,
    Section,
    SlotChange,
    When,
)
from generator.source.load import Curriculum

T = TypeVar("T", bound=BaseModel)


def _plain(value: Any) -> Any:
    """A field's value as JSON can hold it: dates as text, models as dicts."""
    if isinstance(value, BaseModel):
        return _plain(value.model_dump(by_alias=True))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _content(item: BaseModel) -> Any:
    return _plain(item.model_dump(by_alias=True, exclude={"id"}))


def fields(old: BaseModel, new: BaseModel, names: Iterable[str]) -> list[FieldChange]:
    """The fields among `names` whose values differ."""
    found = []
    for name in names:
        before, after = _plain(getattr(old, name)), _plain(getattr(new, name))
        if before != after:
            found.append(FieldChange(name, before, after))
    return found


def section(old: Mapping[str, T], new: Mapping[str, T], title: Callable[[T], str],
            change: Callable[[str, T, T], Changed | None],
            minutes: Callable[[T], int | None] = lambda _x: None) -> Section:
    """Items of `old` and `new` (each in its order) matched by id, then renames among the rest."""
    removed = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    result = Section()
    for key in list(removed):
        content = _content(old[key])
        twin = next((a for a in added if _content(new[a]) == content), None)
        if twin is not None:
            result.renamed.append(Rename(key, twin, title(new[twin])))
            removed.remove(key)
            added.remove(twin)
    result.added = [Entry(k, title(new[k]), minutes(new[k])) for k in added]
    result.removed = [Entry(k, title(old[k]), minutes(old[k])) for k in removed]
    result.changed = [c for k in new if k in old and (c := change(k, old[k], new[k])) is not None]
    return result


def _changed(key: str, title: str, changes: list[FieldChange], **parts: Section) -> Changed | None:
    kept = {name: part for name, part in parts.items() if part}
    return Changed(key, title, changes, kept) if changes or kept else None


def _objective(key: str, old: m.Objective, new: m.Objective) -> Changed | None:
    return _changed(key, new.text, fields(old, new, ("text", "outcomes")))


def _session(key: str, old: m.Session, new: m.Session) -> Changed | None:
    return _changed(key, new.title, fields(old, new, ("title", "minutes", "method", "summary", "materials")))


def _module(key: str, old: m.Module, new: m.Module) -> Changed | None:
    return _changed(
        key, new.title, fields(old, new, ("title", "summary", "level", "prerequisites", "assessment", "tags")),
        objectives=section({o.id: o for o in old.objectives}, {o.id: o for o in new.objectives},
                           lambda o: o.text, _objective),
        sessions=section({s.id: s for s in old.sessions}, {s.id: s for s in new.sessions},
                         lambda s: s.title, _session, lambda s: s.minutes),
    )


def _criterion(key: str, old: m.Criterion, new: m.Criterion) -> Changed | None:
    changes = fields(old, new, ("title", "weight"))
    for score in sorted(set(old.descriptors) | set(new.descriptors)):
        before, after = old.descriptors.get(score), new.descriptors.get(score)
        if before != after:
            changes.append(FieldChange(f"descriptors.{score}", before, after))
    return _changed(key, new.title, changes)


def _rubric(key: str, old: m.Rubric, new: m.Rubric) -> Changed | None:
    changes = fields(old, new, ("title", "kind", "summary"))
    changes += [FieldChange(f"pass.{c.name}", c.old, c.new)
                for c in fields(old.pass_, new.pass_, ("weighted_mean", "minimum_level"))]
    return _changed(
        key, new.title, changes,
        levels=section({str(lv.score): lv for lv in old.levels}, {str(lv.score): lv for lv in new.levels},
                       lambda lv: lv.label,
                       lambda k, a, b: _changed(k, b.label, fields(a, b, ("label",)))),
        criteria=section({c.id: c for c in old.criteria}, {c.id: c for c in new.criteria},
                         lambda c: c.title, _criterion),
        eligibility=section({e.id: e for e in old.eligibility}, {e.id: e for e in new.eligibility},
                            lambda e: e.text, lambda k, a, b: _changed(k, b.text, fields(a, b, ("text",)))),
    )


class _Names:
    """How ids of the old curriculum read in the new one (module and session renames), and titles."""

    def __init__(self, modules: Section, new: Curriculum, old: Curriculum) -> None:
        self.modules = {r.old_id: r.new_id for r in modules.renamed}
        self.sessions: dict[tuple[str, str], str] = {}
        for change in modules.changed:
            sessions = change.parts.get("sessions")
            for r in sessions.renamed if sessions else []:
                self.sessions[(change.id, r.old_id)] = r.new_id
        self.titles = {(mod.id, s.id): s.title for cur in (old, new) for mod in cur.ordered_modules()
                       for s in mod.sessions}

    def key(self, slot: m.Slot) -> tuple[str, str]:
        module = self.modules.get(slot.module, slot.module)
        return module, self.sessions.get((module, slot.session), slot.session)

    def title(self, module: str, session: str) -> str:
        return self.titles.get((module, session), f"{module}/{session}")


def _slots(schedule: m.Schedule) -> list[tuple[m.Slot, When]]:
    return [(slot, When(day.date.isoformat(), slot.start, slot.end)) for day in schedule.days for slot in day.sessions]


def _schedule(names: _Names) -> Callable[[str, m.Schedule, m.Schedule], Changed | None]:
    def change(key: str, old: m.Schedule, new: m.Schedule) -> Changed | None:
        result = ScheduleChanged(key, new.title, fields(old, new, ("title", "timezone", "location", "phases")))
        before: dict[tuple[str, str], list[When]] = {}
        for slot, when in _slots(old):
            before.setdefault(names.key(slot), []).append(when)
        after: dict[tuple[str, str], list[When]] = {}
        order: list[tuple[str, str]] = []
        for slot, when in _slots(new):
            after.setdefault((slot.module, slot.session), []).append(when)
            order.append((slot.module, slot.session))
        # A session taught twice keeps its unchanged slots; the others pair up in date order.
        for key_ in dict.fromkeys(order + list(before)):
            olds, news = before.get(key_, []), after.get(key_, [])
            kept = [w for w in olds if w in news]
            olds = sorted(w for w in olds if w not in kept)
            news = sorted(w for w in news if w not in kept)
            title = names.title(*key_)
            for a, b in zip(olds, news):
                result.moved.append(SlotChange(key_[0], key_[1], title, a, b))
            result.removed += [SlotChange(key_[0], key_[1], title, a, None) for a in olds[len(news):]]
            result.added += [SlotChange(key_[0], key_[1], title, None, b) for b in news[len(olds):]]
        return result if result.fields or result.moved or result.added or result.removed else None

    return change


def _minutes(cur: Curriculum) -> dict[str, int]:
    totals: dict[str, int] = {}
    for module in cur.ordered_modules():
        for method, minutes in module.minutes_by_method().items():
            totals[method] = totals.get(method, 0) + minutes
    return totals


def _programme(old: Curriculum, new: Curriculum) -> tuple[list[FieldChange], Section]:
    if not (old.programme and new.programme):
        return [], Section()
    a, b = old.programme.model, new.programme.model
    outcomes = section({o.id: o for o in a.outcomes}, {o.id: o for o in b.outcomes}, lambda o: o.text,
                       lambda k, x, y: _changed(k, y.text, fields(x, y, ("text", "indicators"))))
    return fields(a, b, ("title", "summary", "modules", "certification", "tags")), outcomes


def compare(old: Curriculum, new: Curriculum) -> Diff:
    """What changed from `old` to `new` (both loaded, or both localized to the same language)."""
    version = (lambda cur: cur.programme.model.version if cur.programme else None)
    result = Diff(version(old), version(new))
    result.programme, result.outcomes = _programme(old, new)
    result.modules = section({x.id: x for x in old.ordered_modules()}, {x.id: x for x in new.ordered_modules()},
                             lambda x: x.title, _module, lambda x: x.minutes)
    result.rubrics = section({k: v.model for k, v in sorted(old.rubrics.items())},
                             {k: v.model for k, v in sorted(new.rubrics.items())}, lambda x: x.title, _rubric)
    names = _Names(result.modules, new, old)
    result.schedules = section({k: v.model for k, v in sorted(old.schedules.items())},
                               {k: v.model for k, v in sorted(new.schedules.items())}, lambda x: x.title,
                               _schedule(names))
    before, after = _minutes(old), _minutes(new)
    result.minutes_by_method = [MethodTotal(method, before.get(method, 0), after.get(method, 0))
                                for method in m.METHODS if method in before or method in after]
    result.total_minutes = MethodTotal("total", sum(before.values()), sum(after.values()))
    return result
