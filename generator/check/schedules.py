"""Rules about schedules: time zone, days, phases and the slots of each day."""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Iterator

from generator import model as m
from generator.check.util import existing, hint
from generator.problems import Problem
from generator.source.load import Curriculum
from generator.source.shape import closest


@functools.cache
def _zones() -> frozenset[str]:
    try:
        return frozenset(zoneinfo.available_timezones())
    except (OSError, ValueError):  # an unreadable zone database
        return frozenset()


def _is_zone(name: str) -> bool:
    zones = _zones()
    if zones:
        return name in zones
    # No list of zones on this machine (no tzdata): ask zoneinfo itself, refusing paths.
    if name.startswith("/") or ".." in name.split("/") or "\0" in name:
        return False
    try:
        zoneinfo.ZoneInfo(name)
        return True
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False


def timezones(cur: Curriculum) -> Iterator[Problem]:
    for _schedule_id, loaded in sorted(cur.schedules.items()):
        zone = loaded.model.timezone
        if not _is_zone(zone):
            close = closest(zone, sorted(_zones()))
            fix = f"did you mean '{close}'?" if close else "use an IANA name such as America/El_Salvador"
            yield loaded.doc.where(("timezone",)).error("unknown-timezone", f"'{zone}' is not a time zone; {fix}")


def days_and_phases(cur: Curriculum) -> Iterator[Problem]:
    """Each date is listed once; each phase ends on or after its start."""
    for _schedule_id, loaded in sorted(cur.schedules.items()):
        doc = loaded.doc
        first: dict[object, int] = {}
        for d, day in enumerate(loaded.model.days):
            if day.date in first:
                line = doc.where(("days", first[day.date], "date")).line
                yield doc.where(("days", d, "date")).error(
                    "duplicate-day", f"{day.date.isoformat()} is listed twice (also on line {line}); "
                    "put all of the day's sessions under one date")
            else:
                first[day.date] = d
        for p, phase in enumerate(loaded.model.phases):
            if phase.end < phase.start:
                yield doc.where(("phases", p, "end")).error(
                    "phase-ends-before-start", f"phase '{phase.title}' ends on {phase.end.isoformat()}, before it "
                    f"starts on {phase.start.isoformat()}; fix one of the dates")


def slots(cur: Curriculum) -> Iterator[Problem]:
    """Slots end after they start, do not overlap, name existing sessions and last as long as them."""
    module_files = existing(cur, "module", cur.modules)
    for _schedule_id, loaded in sorted(cur.schedules.items()):
        doc = loaded.doc
        for d, day in enumerate(loaded.model.days):
            spans: list[tuple[int, int, m.Slot]] = []
            for s, slot in enumerate(day.sessions):
                loc = ("days", d, "sessions", s)
                start, end = m.to_minutes(slot.start), m.to_minutes(slot.end)
                if end <= start:
                    yield doc.where(loc + ("end",)).error(
                        "slot-ends-before-start", f"the slot ends at {slot.end}, not after its start {slot.start}; "
                        "fix the times")
                else:
                    other = next((o for o_start, o_end, o in spans if start < o_end and o_start < end), None)
                    if other is not None:
                        yield doc.where(loc + ("start",)).error(
                            "slot-overlap", f"{slot.start}-{slot.end} overlaps {other.start}-{other.end} "
                            f"({other.module}/{other.session}) on {day.date.isoformat()}; move one of them")
                    spans.append((start, end, slot))
                module = cur.modules.get(slot.module)
                if module is None:
                    if slot.module not in module_files:
                        yield doc.where(loc + ("module",)).error(
                            "unknown-module", f"module '{slot.module}' does not exist; "
                            f"{hint(slot.module, module_files, 'modules')}")
                    continue
                session = next((x for x in module.model.sessions if x.id == slot.session), None)
                if session is None:
                    yield doc.where(loc + ("session",)).error(
                        "unknown-session", f"module '{slot.module}' has no session '{slot.session}'; "
                        f"{hint(slot.session, [x.id for x in module.model.sessions], 'sessions')}")
                elif end > start and end - start != session.minutes:
                    yield doc.where(loc + ("end",)).error(
                        "slot-length", f"{slot.start}-{slot.end} is {end - start} minutes, but session "
                        f"{slot.module}/{slot.session} takes {session.minutes}; fix the times or the minutes")


def unscheduled(cur: Curriculum) -> Iterator[Problem]:
    """A warning for each schedule that leaves sessions of the programme's modules out."""
    if cur.programme is None:
        return
    for _schedule_id, loaded in sorted(cur.schedules.items()):
        scheduled = {(slot.module, slot.session) for day in loaded.model.days for slot in day.sessions}
        missing = [f"{mid}/{s.id}" for mid in dict.fromkeys(cur.programme.model.modules) if mid in cur.modules
                   for s in cur.modules[mid].model.sessions if (mid, s.id) not in scheduled]
        if missing:
            shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
            several = len(missing) != 1
            yield loaded.doc.where(("days",), key=True).warning(
                "session-not-scheduled", f"{len(missing)} session{'s' * several} of the programme "
                f"{'are' if several else 'is'} never scheduled here: {shown}; add {'them' if several else 'it'} "
                "to a day")


RULES = [timezones, days_and_phases, slots, unscheduled]
