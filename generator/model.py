"""The curriculum model: one typed class per file kind of the contract (shared/CONTRACT.md).

Pydantic checks the shape of each file (required keys, types, unknown keys) and gives the JSON
Schema that editors use. Cross-references between files are checked in `check.py`. Every model
forbids unknown keys, so that a misspelt key is reported instead of silently ignored, and is
strict, so that `minutes: "90"` or `version: 2026.1` are named rather than coerced.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidatorFunctionWrapHandler, WrapValidator


class Untranslated(str):
    """A text shown in place of its missing translation, in the language `lang` it is written in.

    A French page whose module has no French title shows the English one: screen readers must
    then read it as English (WCAG 3.1.2). `i18n.translate.localize` gives such texts with this
    type, models keep it (`Text`), and render marks each with `lang` where it lands on a page.
    """

    lang: str

    def __new__(cls, text: str, lang: str) -> "Untranslated":
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    def __reduce__(self) -> tuple[type["Untranslated"], tuple[str, str]]:
        return (Untranslated, (str(self), self.lang))


def language_of(value: object) -> str | None:
    """The language of a text that stands in for its translation; None for any other value."""
    return value.lang if isinstance(value, Untranslated) else None


def like(text: str, source: object) -> str:
    """`text`, made from `source` (e.g. `M02 · ` + a title), marked with the language `source` is marked with."""
    lang = language_of(source)
    return Untranslated(text, lang) if lang else text


def _keep_language(value: object, handler: ValidatorFunctionWrapHandler) -> object:
    # Pydantic gives back a plain `str` for a `str` subclass: keep the mark of an untranslated text.
    checked = handler(value)
    return value if isinstance(value, Untranslated) else checked


Text = Annotated[str, StringConstraints(min_length=1), WrapValidator(_keep_language)]
"""Human-readable text; inline Markdown allowed, raw HTML is escaped."""

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]
"""An identifier: letters, digits, '.', '_' and '-', starting with a letter or digit."""

FileId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
"""The id of a file-backed item (module, rubric, schedule): lowercase, it is also a URL part."""

LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
"""A language code such as `en`, `es` or `pt-BR`."""

ClockTime = Annotated[str, StringConstraints(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")]
"""A time of day, 24-hour `HH:MM`, written in quotes."""



def _iso_date(value: object) -> object:
    # YAML gives a date for `2026-02-02`; a quoted "2026-02-02" is text: accept that too, but
    # nothing else (pydantic's lax mode would read the number 5 as a date in 1970).
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A date, YYYY-MM-DD."""

Method = Literal["lecture", "workshop", "case-study", "role-play", "field-practice", "ojt-visit", "assessment"]
Level = Literal["foundation", "practitioner", "senior"]
RubricKind = Literal["rubric", "selection"]

METHODS: tuple[str, ...] = Method.__args__  # type: ignore[attr-defined]
LEVELS: tuple[str, ...] = Level.__args__  # type: ignore[attr-defined]


TagId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
"""A topic keyword of modules: lowercase letters, digits and '-'."""


class Strict(BaseModel):
    # `use_attribute_docstrings`: the docstring under each field is its description in the JSON
    # Schema, so that editors show authors what a key means while they type it.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True)


class Outcome(Strict):
    """A programme outcome: what graduates can do."""

    id: Id
    """Programme outcome id, e.g. `O1`; module objectives refer to it."""
    text: Text
    """What graduates can do, as an observable capability."""
    indicators: list[Text] = []
    """Measurable indicators that show the outcome is reached (optional)."""


class CascadeStep(Strict):
    """One step of the training cascade."""

    role: Text
    """Who, at this step of the training cascade."""
    text: Text
    """What they do for the next step."""


class Certification(Strict):
    """How a candidate is certified."""

    text: Text
    """The certification rule in words."""
    rubrics: list[FileId] = []
    """Ids of the rubrics whose pass rules certification requires."""
    attendance: Annotated[int, Field(ge=0, le=100)] | None = None
    """Minimum attendance, in percent."""


class Programme(Strict):
    """`curriculum/programme.yaml`: the programme as a whole."""

    id: FileId
    """The programme's id: lowercase letters, digits and '-'."""
    title: Text
    """The programme's name, shown as the site's title."""
    version: Text
    """The version of the programme, e.g. "2026.1" (in quotes, so that it stays text)."""
    summary: Text
    """One paragraph: what the programme is and for whom."""
    purpose: Text | None = None
    """Why the programme exists (optional)."""
    audience: Text | None = None
    """Who the programme is for and how they are chosen (optional)."""
    cascade: list[CascadeStep] = []
    """The training cascade, from the top (optional)."""
    languages: Annotated[list[LangCode], Field(min_length=1)]
    """Languages of the site, such as [en, es]; the first is the default language."""
    locales: dict[LangCode, LangCode] = {}
    """Regional conventions for dates and numbers per language, such as {es: es-SV} (optional)."""
    outcomes: list[Outcome]
    """What graduates can do; every outcome should be served by some module objective."""
    modules: list[FileId]
    """The module ids in programme order; every file in curriculum/modules/ is listed once."""
    certification: Certification | None = None
    """How candidates are certified (optional)."""
    country: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})?$")] | None = None
    """The country profile the site is built for by default, e.g. sv for curriculum/countries/sv.yaml
    (optional; `curriculum build --country CODE` builds another)."""
    tags: dict[TagId, Text] = {}
    """The name shown for each module tag, e.g. {qc-tools: QC tools} (optional; translatable). A tag
    without a name is shown as it is written."""


class Objective(Strict):
    """A learning objective of a module."""

    id: Id
    """Objective id, unique in the module, e.g. `m02.1`."""
    text: Text
    """What participants can do at the end of the module."""
    outcomes: list[Id] = []
    """Ids of the programme outcomes this objective serves, e.g. [O1]."""


class Session(Strict):
    """One session of a module: a block of time with one method."""

    id: Id
    """Session id, unique in the module, e.g. `s1`; schedules refer to it."""
    title: Text
    """The session's title."""
    minutes: Annotated[int, Field(gt=0, le=24 * 60)]
    """How long the session takes, in minutes (a whole number, e.g. 90)."""
    method: Method
    """How the session is taught: lecture, workshop, case-study, role-play, field-practice, ojt-visit or assessment."""
    summary: Text | None = None
    """What happens in the session (optional)."""
    materials: list[Text] = []
    """Files relative to `content/` that the session uses, e.g. [handouts/5s-audit.md] (optional)."""


class Module(Strict):
    """`curriculum/modules/<id>.yaml`: one module; the file name is its id."""

    id: FileId
    """The module's id; the same as the file name without `.yaml`, e.g. `m02`."""
    title: Text
    """The module's title."""
    summary: Text
    """One paragraph: what the module is about."""
    level: Level
    """foundation, practitioner or senior."""
    objectives: list[Objective]
    """What participants can do at the end of the module."""
    prerequisites: list[FileId]
    """Ids of the modules to take before this one; may be []."""
    sessions: list[Session]
    """The sessions of the module, in order; the module's hours are the sum of their minutes."""
    assessment: list[FileId]
    """Ids of the rubrics that assess this module; may be []."""
    tags: list[TagId] = []
    """Lowercase keywords, e.g. [quality, 5s] (optional); their names to show are in the programme's `tags`."""

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.sessions)

    def minutes_by_method(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for s in self.sessions:
            result[s.method] = result.get(s.method, 0) + s.minutes
        return result


class RubricLevel(Strict):
    """A level of performance of a rubric."""

    score: int
    """The level's score, a whole number; scores go up from level to level, e.g. 1, 2, 3, 4."""
    label: Text
    """The level's name, e.g. Competent."""


def _level_key(value: object) -> object:
    # YAML keys arrive as text: "01" and "1" would both become 1 and one descriptor would vanish.
    if isinstance(value, str) and not re.fullmatch(r"-?(?:0|[1-9][0-9]*)", value):
        raise ValueError("a level score is a whole number written without leading zeros")
    return value


LevelKey = Annotated[int, BeforeValidator(_level_key), Field(strict=False)]
"""A level score used as a key: `1:`, `2:` ..."""


class Criterion(Strict):
    """One criterion of a rubric, weighted, with a descriptor for every level."""

    id: Id
    """Criterion id, unique in the rubric."""
    title: Text
    """What the criterion assesses."""
    weight: Annotated[int, Field(ge=0, le=100)]
    """The criterion's weight in percent; the weights of a rubric add up to 100."""
    descriptors: Annotated[
        dict[LevelKey, Text],
        Field(json_schema_extra={"propertyNames": {"pattern": "^-?[0-9]+$"}}),
    ]
    """What each level looks like, keyed by level score: {1: ..., 2: ..., 3: ..., 4: ...}."""


class PassRule(Strict):
    """What it takes to pass."""

    weighted_mean: float
    """The lowest weighted mean of the criteria's scores that passes, e.g. 3.0."""
    minimum_level: int
    """No criterion may score below this level, e.g. 2."""


class Eligibility(Strict):
    """A yes/no filter of a selection matrix, applied before scoring."""

    id: Id
    """Filter id, unique in the rubric."""
    text: Text
    """The condition a candidate must meet."""


class Rubric(Strict):
    """`curriculum/rubrics/<id>.yaml`: an assessment rubric or a selection matrix."""

    id: FileId
    """The rubric's id; the same as the file name without `.yaml`."""
    title: Text
    """The rubric's title."""
    kind: RubricKind
    """rubric (assesses participants) or selection (chooses candidates or companies)."""
    summary: Text | None = None
    """How and by whom the rubric is used (optional)."""
    levels: Annotated[list[RubricLevel], Field(min_length=1)]
    """The levels, lowest first, each with its own score."""
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    """The criteria; their weights add up to 100."""
    pass_: Annotated[PassRule, Field(alias="pass")]
    """The pass rule: {weighted_mean: 3.0, minimum_level: 2}."""
    eligibility: list[Eligibility] = []
    """Yes/no filters applied before scoring, for selection matrices (optional)."""


class Slot(Strict):
    """One session on a day of a schedule."""

    start: ClockTime
    """When the session starts, "HH:MM" in quotes, e.g. "08:00"."""
    end: ClockTime
    """When it ends, "HH:MM" in quotes; the length must match the session's minutes."""
    module: FileId
    """The module id."""
    session: Id
    """The session id within that module."""

    @property
    def minutes(self) -> int:
        return to_minutes(self.end) - to_minutes(self.start)


class Day(Strict):
    """One day of a schedule."""

    date: Date
    """The date, YYYY-MM-DD; each date appears once in a schedule."""
    title: Text | None = None
    """What the day is, e.g. "OJT visit 3" (optional)."""
    sessions: list[Slot]
    """The sessions of the day; they must not overlap."""


class Phase(Strict):
    """A phase of a schedule, such as a classroom block or an OJT cycle."""

    title: Text
    """The phase's name."""
    start: Date
    """Its first day, YYYY-MM-DD."""
    end: Date
    """Its last day, YYYY-MM-DD, not before the first."""


class Schedule(Strict):
    """`curriculum/schedules/<id>.yaml`: one cohort's calendar."""

    id: FileId
    """The schedule's id; the same as the file name without `.yaml`."""
    title: Text
    """The schedule's title, e.g. El Salvador, cohort 1."""
    timezone: Text
    """An IANA time zone such as `America/El_Salvador`."""
    location: Text
    """Where the cohort meets."""
    phases: list[Phase] = []
    """The phases of the programme for this cohort (optional)."""
    days: list[Day]
    """The days with sessions, each date once."""


def to_minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


KINDS: dict[str, type[Strict]] = {
    "programme": Programme,
    "module": Module,
    "rubric": Rubric,
    "schedule": Schedule,
}
