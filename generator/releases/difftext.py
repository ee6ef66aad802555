"""A curriculum diff as plain text for a trainer: one line per change, grouped by kind.

`+` added, `-` removed, `>` renamed, `~` changed; minutes and weights show their difference.
"""

from __future__ import annotations

from typing import Any

from generator.releases.diffmodel import Changed, Diff, FieldChange, ScheduleChanged, Section, SlotChange, When

NUMERIC = {"minutes", "weight", "pass.weighted_mean", "pass.minimum_level"}


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    if value is None:
        return "(none)"
    if isinstance(value, str) and (" " in value or not value):
        return f'"{value}"'
    return str(value)


def _number(value: float) -> str:
    return f"{value:+g}"


def field_text(change: FieldChange) -> str:
    """`minutes: 90 -> 120 (+30)`."""
    text = f"{change.name}: {_value(change.old)} -> {_value(change.new)}"
    if change.name in NUMERIC and isinstance(change.old, (int, float)) and isinstance(change.new, (int, float)):
        text += f" ({_number(change.new - change.old)})"
    return text


def hours(minutes: int) -> str:
    return f"{round(minutes / 60, 1):g} h"


def _entry_minutes(minutes: int | None) -> str:
    return f" ({minutes} min)" if minutes is not None else ""


def section_lines(part: Section, indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}+ {e.id} {e.title}{_entry_minutes(e.minutes)}" for e in part.added]
    lines += [f"{pad}- {e.id} {e.title}{_entry_minutes(e.minutes)}" for e in part.removed]
    lines += [f"{pad}> {r.old_id} renamed to {r.new_id}: {r.title}" for r in part.renamed]
    for change in part.changed:
        lines += changed_lines(change, indent)
    return lines


def _when(when: When | None) -> str:
    return f"{when.date} {when.start}-{when.end}" if when else "(none)"


def _slot(slot: SlotChange) -> str:
    return f"{slot.module} {slot.session} {slot.title}"


def changed_lines(change: Changed, indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}~ {change.id} {change.title}"]
    lines += [f"{pad}    {field_text(c)}" for c in change.fields]
    for name, part in change.parts.items():
        lines.append(f"{pad}    {name}:")
        lines += section_lines(part, indent + 6)
    if isinstance(change, ScheduleChanged):
        lines += [f"{pad}    moved: {_slot(s)}: {_when(s.old)} -> {_when(s.new)}" for s in change.moved]
        lines += [f"{pad}    scheduled: {_slot(s)}: {_when(s.new)}" for s in change.added]
        lines += [f"{pad}    unscheduled: {_slot(s)}: was {_when(s.old)}" for s in change.removed]
    return lines


def format_text(diff: Diff, old_label: str, new_label: str) -> str:
    lines = [f"Curriculum changes from {old_label} to {new_label}"]
    if diff.unchanged():
        lines.append("No change to the programme, modules, rubrics or schedules.")
    if diff.programme or diff.outcomes:
        lines += ["", "Programme"]
        lines += [f"  {field_text(c)}" for c in diff.programme]
        if diff.outcomes:
            lines.append("  outcomes:")
            lines += section_lines(diff.outcomes, 4)
    for title, part in (("Modules", diff.modules), ("Rubrics", diff.rubrics), ("Schedules", diff.schedules)):
        if part:
            lines += ["", title]
            lines += section_lines(part, 2)
    lines += ["", "Hours by method"]
    width = max([len(t.method) for t in diff.minutes_by_method] + [5])
    for total in [*diff.minutes_by_method, diff.total_minutes]:
        delta = total.new - total.old
        shown = f" ({'+' if delta > 0 else '-'}{hours(abs(delta))})" if delta else ""
        lines.append(f"  {total.method:<{width}}  {hours(total.old):>7} -> {hours(total.new):>7}{shown}")
    return "\n".join(lines) + "\n"
