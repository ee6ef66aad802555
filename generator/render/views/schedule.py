"""A cohort's schedule: month calendars, the day-by-day agenda, totals per module, the .ics file."""

from __future__ import annotations

import calendar as cal
import datetime as dt
import posixpath
from typing import TYPE_CHECKING, Any

from babel.dates import format_skeleton, get_day_names

from generator import model as m
from generator.render import formatting as fmt
from generator.render import ics
from generator.render.pictures import phase_bars
from generator.render.pictures import phases_picture as draw_phases
from generator.render.text import plain
from generator.render.views import picture_text
from generator.source.paths import (
    day_anchor,
    href,
    module_page,
    phases_picture,
    schedule_ics,
    schedule_page,
    session_anchor,
)

if TYPE_CHECKING:
    from generator.render.renderer import Renderer


def _session(r: "Renderer", slot: m.Slot) -> tuple[m.Module | None, m.Session | None]:
    loaded = r.cur.modules.get(slot.module)
    if loaded is None:
        return None, None
    return loaded.model, next((s for s in loaded.model.sessions if s.id == slot.session), None)


def _clock(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def months(r: "Renderer", days: list[m.Day]) -> list[dict[str, Any]]:
    """One calendar table per month that has training days; each training day links to its agenda."""
    locale = fmt.locale_for(r.locale)
    first_weekday = locale.first_week_day
    names = get_day_names("abbreviated", locale=locale)
    minutes: dict[dt.date, int] = {}
    for day in days:
        minutes[day.date] = minutes.get(day.date, 0) + sum(s.minutes for s in day.sessions)
    out = []
    for year, month in sorted({(d.year, d.month) for d in minutes}):
        weeks = []
        for week in cal.Calendar(first_weekday).monthdatescalendar(year, month):
            weeks.append([
                {"day": d.day, "href": f"#{day_anchor(d)}" if d in minutes else None,
                 "hours": r.hours(minutes[d]) if d in minutes else ""} if d.month == month else None
                for d in week
            ])
        out.append({
            "title": format_skeleton("yMMMM", dt.date(year, month, 1), locale=locale),
            "weekdays": [names[(first_weekday + i) % 7] for i in range(7)],
            "weeks": weeks,
        })
    return out


def view(r: "Renderer", schedule: m.Schedule) -> dict[str, Any]:
    here = schedule_page(schedule.id)
    days, total, count = [], 0, 0
    per_module: dict[str, list[int]] = {}
    ordered = sorted(schedule.days, key=lambda d: d.date)
    for day in ordered:
        slots, day_minutes = [], 0
        for slot in sorted(day.sessions, key=lambda s: s.start):
            module, session = _session(r, slot)
            total += slot.minutes
            day_minutes += slot.minutes
            count += 1
            per_module.setdefault(slot.module, []).append(slot.minutes)
            target = href(here, module_page(slot.module))
            slots.append({
                "start": fmt.clock(slot.start, r.locale), "end": fmt.clock(slot.end, r.locale),
                "module_code": slot.module.upper(),
                "module_title": r.module_title(module) if module else slot.module,
                "module_href": target,
                "session_title": session.title if session else slot.session,
                "session_href": f"{target}#{session_anchor(slot.session)}",
                "method": r.method(session.method) if session else "",
            })
        days.append({"date": fmt.full_date(day.date, r.locale), "anchor": day_anchor(day.date), "title": day.title,
                     "slots": slots, "hours": r.hours(day_minutes)})
    modules = [x for x in r.modules if x.id in per_module]
    listed = {x.id for x in modules}  # ids, not models: comparing models field by field is slow
    modules += [r.cur.modules[k].model for k in sorted(per_module) if k in r.cur.modules and k not in listed]
    totals = [{**r.module_link(here, x.id), "sessions": len(per_module[x.id]),
               "scheduled": r.hours(sum(per_module[x.id])), "planned": r.hours(x.minutes),
               "complete": sum(per_module[x.id]) >= x.minutes} for x in modules]
    dates = [d.date for d in ordered]
    return {
        "days": days,
        "months": months(r, ordered),
        "totals": totals,
        "incomplete": any(not row["complete"] for row in totals),
        "first_day": fmt.long_date(dates[0], r.locale) if dates else "",
        "last_day": fmt.long_date(dates[-1], r.locale) if dates else "",
        "slot_count": count,
        "hours": r.hours(total),
        "ics": posixpath.basename(schedule_ics(schedule.id)),
        "picture": {"src": href(here, phases_picture(schedule.id)),
                    "alt": " ".join(r._("Phases of {schedule}").format(schedule=plain(schedule.title)).split())
                    .replace("[", "(").replace("]", ")"),
                    "text": picture_text.phases(r, schedule)},
    }


def page(r: "Renderer", schedule: m.Schedule) -> str:
    return r.render("schedule.md.j2", schedule=schedule, page=view(r, schedule))


def events(r: "Renderer", schedule: m.Schedule) -> list[ics.Event]:
    """One calendar event per scheduled session, in plain text."""
    owner = r.cur.programme.model.id if r.cur.programme else "curriculum"
    found = []
    for day in sorted(schedule.days, key=lambda d: d.date):
        for slot in sorted(day.sessions, key=lambda s: s.start):
            module, session = _session(r, slot)
            title = plain(session.title) if session else slot.session
            lines = [r.module_title(module) if module else slot.module]
            if session:
                lines.append(f"{r.method(session.method)} · {r.hours(session.minutes)}")
                if session.summary:
                    lines.append(session.summary)
            found.append(ics.Event(
                uid=f"{schedule.id}-{day.date:%Y%m%d}-{slot.start.replace(':', '')}-{slot.module}-{slot.session}"
                    f"@{owner}",
                day=day.date, start=_clock(slot.start), end=_clock(slot.end),
                summary=f"{slot.module.upper()} · {title}",
                description="\n".join(plain(x) for x in lines),
                location=plain(schedule.location),
            ))
    return found


def ics_file(r: "Renderer", schedule: m.Schedule) -> bytes:
    return ics.kept_calendar(r.memo, plain(schedule.title), schedule.timezone, events(r, schedule), r.stamp, r.lang)


def phases_file(r: "Renderer", schedule: m.Schedule) -> bytes:
    bars = phase_bars(schedule, lambda module_id: module_id.upper(), r._)
    return draw_phases(schedule, bars, r.locale, r._)
