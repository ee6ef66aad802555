"""The curriculum model: one typed class per file kind of the contract (shared/CONTRACT.md).

Pydantic checks the shape of each file (required keys, types, unknown keys) and gives the JSON
Schema that editors use. Cross-references between files are checked in `check.py`. Every model
forbids unknown keys, so that a misspelt key is reported instead of silently ignored, and is
strict, so that `minutes: "90"` or `version: 2026.1` are named rather than coerced.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(min_length=1)]
"""Human-readable text; inline Markdown allowed, raw HTML is escaped."""

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]
"""An identifier: letters, digits, '.', '_' and '-', starting with a letter or digit."""

FileId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
"""The id of a file-backed item (module, rubric, schedule): lowercase, it is also a URL part."""

LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
"""A language code such as `en`, `es` or `pt-BR`."""

ClockTime = Annotated[str, StringConstraints(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")]
"""A time of day, 24-hour `HH:MM`, written in quotes."""

Method = Literal["lecture", "workshop", "case-study", "role-play", "field-practice", "ojt-visit", "assessment"]
Level = Literal["foundation", "practitioner", "senior"]
RubricKind = Literal["rubric", "selection"]

METHODS: tuple[str, ...] = Method.__args__  # type: ignore[attr-defined]
LEVELS: tuple[str, ...] = Level.__args__  # type: ignore[attr-defined]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Outcome(Strict):
    id: Id
    """Programme outcome id, e.g. `O1`."""
    text: Text
    """What graduates can do, as an observable capability."""
    indicators: list[Text] = []
    """Measurable indicators that show the outcome is reached."""


class CascadeStep(Strict):
    role: Text
    """Who, at this step of the training cascade."""
    text: Text
    """What they do for the next step."""


class Certification(Strict):
    text: Text
    """The certification rule in words."""
    rubrics: list[FileId] = []
    """Rubrics whose pass rules certification requires."""
    attendance: Annotated[int, Field(ge=0, le=100)] | None = None
    """Minimum attendance, in percent."""


class Programme(Strict):
    """`curriculum/programme.yaml`: the programme as a whole."""

    id: FileId
    title: Text
    version: Text
    """The version of the programme, e.g. "2026.1" (in quotes)."""
    summary: Text
    purpose: Text | None = None
    audience: Text | None = None
    cascade: list[CascadeStep] = []
    languages: Annotated[list[LangCode], Field(min_length=1)]
    """Languages of the site; the first is the default language."""
    outcomes: list[Outcome]
    modules: list[FileId]
    """The modules in programme order; every module file is listed once."""
    certification: Certification | None = None


class Objective(Strict):
    id: Id
    text: Text
    outcomes: list[Id] = []
    """Programme outcomes this objective serves."""


class Session(Strict):
    id: Id
    title: Text
    minutes: Annotated[int, Field(gt=0, le=24 * 60)]
    method: Method
    summary: Text | None = None
    materials: list[Text] = []
    """Files relative to `content/` that the session uses (handouts, worksheets)."""


class Module(Strict):
    """`curriculum/modules/<id>.yaml`: one module; the file name is its id."""

    id: FileId
    title: Text
    summary: Text
    level: Level
    objectives: list[Objective]
    prerequisites: list[FileId]
    sessions: list[Session]
    assessment: list[FileId]
    """Rubric ids."""
    tags: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]] = []

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.sessions)

    def minutes_by_method(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for s in self.sessions:
            result[s.method] = result.get(s.method, 0) + s.minutes
        return result


class RubricLevel(Strict):
    score: int
    label: Text


class Criterion(Strict):
    id: Id
    title: Text
    weight: Annotated[int, Field(ge=0, le=100)]
    descriptors: dict[Annotated[int, Field(strict=False)], Text]
    """What each level looks like, keyed by level score."""


class PassRule(Strict):
    weighted_mean: float
    minimum_level: int


class Eligibility(Strict):
    id: Id
    text: Text


class Rubric(Strict):
    """`curriculum/rubrics/<id>.yaml`: an assessment rubric or a selection matrix."""

    id: FileId
    title: Text
    kind: RubricKind
    summary: Text | None = None
    levels: Annotated[list[RubricLevel], Field(min_length=1)]
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    pass_: Annotated[PassRule, Field(alias="pass")]
    eligibility: list[Eligibility] = []


class Slot(Strict):
    start: ClockTime
    end: ClockTime
    module: FileId
    session: Id

    @property
    def minutes(self) -> int:
        return to_minutes(self.end) - to_minutes(self.start)


class Day(Strict):
    date: Annotated[dt.date, Field(strict=False)]
    title: Text | None = None
    sessions: list[Slot]


class Phase(Strict):
    title: Text
    start: Annotated[dt.date, Field(strict=False)]
    end: Annotated[dt.date, Field(strict=False)]


class Schedule(Strict):
    """`curriculum/schedules/<id>.yaml`: one cohort's calendar."""

    id: FileId
    title: Text
    timezone: Text
    """An IANA time zone such as `America/El_Salvador`."""
    location: Text
    phases: list[Phase] = []
    days: list[Day]


def to_minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


KINDS: dict[str, type[Strict]] = {
    "programme": Programme,
    "module": Module,
    "rubric": Rubric,
    "schedule": Schedule,
}
