"""A cohort's schedule as an iCalendar file (RFC 5545) that phones and calendar programs import.

One event per scheduled session, at its local clock times in the schedule's time zone, with the
zone's definition (VTIMEZONE) included so that any program places it right. Written with the
`icalendar` library, which escapes text values and folds long lines as the standard requires.
UIDs are made from the schedule, the date, the start and the session, and DTSTAMP is the build
time (the last commit), so two builds of the same sources write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import zoneinfo
from dataclasses import dataclass, fields
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.source.memo import Memo

PRODID = "-//curriculum-site//Curriculum as code//EN"


@dataclass(frozen=True)
class Event:
    uid: str
    day: dt.date
    start: dt.time
    end: dt.time
    summary: str
    description: str
    location: str
    url: str | None = None


def zone(name: str) -> dt.tzinfo | None:
    """The IANA time zone `name`, or None if this machine does not know it (times stay floating)."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def kept_calendar(memo: Memo | None, name: str, timezone: str, events: list[Event], stamp: dt.datetime,
                  lang: str) -> bytes:
    """`calendar(...)`, taken from `memo` when it was made before from the same data.

    icalendar takes a millisecond an event (3 s for 1,000 modules), and a calendar changes only when
    its schedule, the titles and sessions it names, the build time or the language do.
    """
    if memo is None:
        return calendar(name, timezone, events, stamp, lang)
    # Every input of `calendar`: its arguments, the zone's rules (the tz database's file) and the
    # library's version; the generator's own code is in the memo's salt.
    key = json.dumps([name, timezone, [_event_key(e) for e in events], stamp.isoformat(), lang,
                      _icalendar_version(), _zone_data(timezone)], ensure_ascii=False)
    return memo.bytes_for("ics", key.encode("utf-8"), lambda: calendar(name, timezone, events, stamp, lang))


_EVENT_FIELDS = ("uid", "day", "start", "end", "summary", "description", "location", "url")
# The key below spells out each field (faster than dataclasses.astuple): a new field must join it.
assert tuple(f.name for f in fields(Event)) == _EVENT_FIELDS


def _event_key(e: Event) -> list[str | None]:
    return [str(e.uid), e.day.isoformat(), e.start.isoformat(), e.end.isoformat(), str(e.summary),
            str(e.description), str(e.location), None if e.url is None else str(e.url)]


@functools.cache
def _icalendar_version() -> str:
    try:
        return version("icalendar")
    except PackageNotFoundError:
        return "-"


@functools.cache
def _zone_data(name: str) -> str:
    """The rules of zone `name` as this machine's zoneinfo reads them: a digest of its file (or "")."""
    if zone(name) is None:  # also refuses names that are no zone key (such as '../x')
        return ""
    for folder in zoneinfo.TZPATH:  # zoneinfo's own search order: the system's database, then `tzdata`
        path = Path(folder) / name
        if path.is_file():
            return hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        package, _sep, leaf = f"tzdata.zoneinfo.{name.replace('/', '.')}".rpartition(".")
        return hashlib.sha256(resources.files(package).joinpath(leaf).read_bytes()).hexdigest()
    except (ModuleNotFoundError, OSError, ValueError):
        return "?"


def calendar(name: str, timezone: str, events: list[Event], stamp: dt.datetime, lang: str) -> bytes:
    """The iCalendar file of `events`; `stamp` (UTC) is written as every event's DTSTAMP."""
    import icalendar  # here: 0.1 s to import, and a build whose calendars are all kept never needs it

    tz = zone(timezone)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    if tz is not None:
        cal.add("x-wr-timezone", timezone)
    for item in events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp.astimezone(dt.timezone.utc))
        event.add("dtstart", dt.datetime.combine(item.day, item.start, tzinfo=tz))
        event.add("dtend", dt.datetime.combine(item.day, item.end, tzinfo=tz))
        event.add("summary", item.summary, parameters={"language": lang})
        if item.description:
            event.add("description", item.description, parameters={"language": lang})
        if item.location:
            event.add("location", item.location, parameters={"language": lang})
        if item.url:
            event.add("url", item.url)
        cal.add_component(event)
    if tz is not None and events:
        first = min(e.day for e in events)
        last = max(e.day for e in events)
        cal.add_missing_timezones(first_date=first - dt.timedelta(days=1), last_date=last + dt.timedelta(days=2))
    return cal.to_ical()
