"""Dates, times, numbers and durations written the way each language writes them (Babel)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.numbers import format_decimal


@lru_cache(maxsize=64)
def locale_for(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def long_date(day: dt.date, lang: str) -> str:
    return format_date(day, format="long", locale=locale_for(lang))


def full_date(day: dt.date, lang: str) -> str:
    """Weekday and date, e.g. `Monday, 2 February 2026` / `lunes, 2 de febrero de 2026`."""
    return format_date(day, format="full", locale=locale_for(lang))


def short_date(day: dt.date, lang: str) -> str:
    return format_date(day, format="short", locale=locale_for(lang))


@lru_cache(maxsize=4096)
def clock(value: str, lang: str) -> str:
    hours, minutes = value.split(":")
    return format_time(dt.time(int(hours), int(minutes)), format="short", locale=locale_for(lang))


@lru_cache(maxsize=4096)
def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=locale_for(lang))


@lru_cache(maxsize=4096)
def hours(minutes: int, lang: str) -> str:
    """Minutes as hours with at most one decimal: 90 -> `1.5` (`1,5` in Spanish)."""
    return format_decimal(round(minutes / 60, 1), format="#,##0.#", locale=locale_for(lang))
