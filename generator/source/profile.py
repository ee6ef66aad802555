"""Country profiles, `curriculum/countries/<code>.yaml`: what differs from one partner country to the next.

A fork for another country edits one file: the national agency and its service centres, the legal
size thresholds, the currency, the words the country uses (terms), its regional locale, and the
site's logo, colours and footer. Content refers to the profile with placeholders such as
`{{ country.agency.short }}` (see `placeholders.py`), filled in at build time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import Field, StringConstraints

from generator import model as m
from generator.problems import Problem, Where
from generator.source.load import Loaded, inside, validated
from generator.source.yamlsource import load_yaml

COUNTRIES = "curriculum/countries"

CountryCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})?$")]
"""A profile's code and file name: lowercase, e.g. `sv`, `hn` (ISO 3166 letters in lowercase)."""

CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
"""An ISO 4217 currency code such as `USD` or `HNL`."""

TermId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
"""A term's name as content writes it, `{{ terms.mse }}`: lowercase letters, digits and `_`."""

LocalText = Union[m.Text, dict[m.LangCode, m.Text]]
"""A text the same in every language, or one per language: {en: ..., es: ...}; a language not
listed gets the default language's text (the programme's first language), else the first one."""

# Material for MkDocs' named palette colours: the only ones its theme knows without extra CSS.
Colour = Literal["red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green",
                 "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown", "grey", "blue-grey",
                 "black", "white"]


class Organisation(m.Strict):
    """An organisation named in the content: the national agency, or its network of service centres."""

    name: LocalText
    """Its full name, e.g. Comisión Nacional de la Micro y Pequeña Empresa (per language if it is translated)."""
    short: m.Text
    """Its short name or acronym as the content writes it, e.g. CONAMYPE."""
    url: m.Text | None = None
    """Its web address (optional)."""
    count: Annotated[int, Field(ge=0)] | None = None
    """How many there are, for a network of centres, e.g. 14 (optional)."""


class SizeClass(m.Strict):
    """The legal limits of one size class of enterprise."""

    min_workers: Annotated[int, Field(ge=0)] = 0
    """The fewest workers an enterprise of this class has, e.g. 11 for small enterprises (optional)."""
    workers: Annotated[int, Field(ge=1)]
    """The most workers an enterprise of this class may have, e.g. 10."""
    revenue: LocalText | None = None
    """The revenue limit in words, as the law states it (optional)."""


class Thresholds(m.Strict):
    """The legal size thresholds of micro and small enterprises."""

    micro: SizeClass
    """Micro enterprises."""
    small: SizeClass
    """Small enterprises."""
    source: LocalText
    """The law or regulation that sets them, e.g. Ley MYPE (2026 reform)."""
    url: m.Text | None = None
    """Where the text of that law can be read (optional)."""


class Rate(m.Strict):
    """How many units of the profile's currency one unit of another currency buys."""

    rate: Annotated[float, Field(gt=0), Field(strict=False)]
    """Units of the profile's currency per unit of the other currency, e.g. 24.7 (lempiras per dollar)."""
    date: m.Date
    """The day the rate was taken, YYYY-MM-DD; pages that convert amounts show it."""
    source: m.Text | None = None
    """Where the rate comes from, e.g. Banco Central de Honduras (optional)."""


class Currency(m.Strict):
    """The currency amounts are shown in, and how the country writes it."""

    code: CurrencyCode
    """ISO 4217 code, e.g. USD, HNL."""
    symbol: LocalText
    """The symbol written with amounts, e.g. `$` or `L` (per language if it differs: {vi: USD})."""
    format: LocalText = "{symbol}{amount}"
    """Where the symbol goes: `{symbol}{amount}` or `{amount} {symbol}` (per language if it differs)."""
    rates: dict[CurrencyCode, Rate] = {}
    """Rates for amounts the content writes in another currency, e.g. {USD: {rate: 24.7, date: 2026-01-15}}."""


class Contact(m.Strict):
    """Who answers questions about this country's programme."""

    name: LocalText
    """A person, office or organisation."""
    email: m.Text | None = None
    """An e-mail address (optional)."""
    url: m.Text | None = None
    """A web page (optional)."""


class Theme(m.Strict):
    """How the site looks for this country."""

    site_name: LocalText | None = None
    """The name in every page's header (optional; default: mkdocs.yml's site_name, or the translated programme title)."""
    logo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$")] | None = None
    """A picture file under content/, as a relative path such as assets/logo-sv.svg (optional); never an address."""
    primary: Colour = "indigo"
    """Material's primary palette colour, e.g. teal."""
    accent: Colour = "indigo"
    """Material's accent colour, e.g. deep-orange."""
    footer: LocalText | None = None
    """The line at the foot of every page, e.g. who owns the programme and how it may be used (optional)."""


class Upstream(m.Strict):
    """Where a fork comes from (written by `curriculum fork init`)."""

    repository: m.Text
    """The upstream repository: an address or a path."""
    release: m.Text
    """The upstream release (tag, version or commit) the fork started from."""
    commit: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{40}$")]
    """The full commit id of that release."""


class Country(m.Strict):
    """`curriculum/countries/<code>.yaml`: one partner country's profile; the file name is its code."""

    code: CountryCode
    """The profile's code; the same as the file name without `.yaml`, e.g. sv."""
    name: LocalText
    """The country's name, e.g. El Salvador, or per language: {en: Honduras, fr: le Honduras}."""
    languages: list[m.LangCode] = []
    """The languages spoken in the country that the site offers, e.g. [es] (for information)."""
    locales: dict[m.LangCode, m.LangCode] = {}
    """Regional conventions for dates, numbers and amounts per language, e.g. {es: es-SV}; they replace the programme's."""
    agency: Organisation
    """The national agency for micro and small enterprises."""
    centres: Organisation
    """Its service centres for enterprises."""
    thresholds: Thresholds
    """How the law sizes micro and small enterprises, and which law."""
    currency: Currency
    """The currency amounts are shown in."""
    terms: dict[TermId, LocalText] = {}
    """The country's words for things the content names, e.g. {mse: {en: MSE, es: MYPE}}; content writes `{{ terms.mse }}`."""
    theme: Theme = Theme()
    """Logo, colours, footer and site name."""
    contact: Contact | None = None
    """Who answers questions about the programme in this country (optional)."""
    upstream: Upstream | None = None
    """For a fork: the upstream repository and release it started from (optional)."""


def profile_path(root: Path, code: str) -> Path:
    return root / COUNTRIES / f"{code}.yaml"


def profile_codes(root: Path) -> list[str]:
    """The codes of every profile of the project, sorted."""
    folder = root / COUNTRIES
    if not folder.is_dir() or not inside(root, folder):
        return []
    return sorted(p.stem for p in folder.glob("*.yaml") if "." not in p.stem and p.is_file())


def load_profile(root: Path, code: str) -> tuple[Loaded[Country] | None, list[Problem]]:
    """The profile `code`, validated, or None and the problems that say why."""
    path = profile_path(root, code)
    if not re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})?", code) or not path.is_file():
        return None, []
    if not inside(root, path):
        return None, [Where(f"{COUNTRIES}/{code}.yaml").error(
            "outside-project", "this is a link to a place outside the project; copy the file in instead")]
    rel_path = f"{COUNTRIES}/{code}.yaml"
    doc, problems = load_yaml(path, rel_path)
    if doc is None:
        return None, problems
    model, problems = validated(doc, Country, problems)
    if model is None:
        return None, problems
    if model.code != code:
        problems.append(doc.where(("code",)).error(
            "id-mismatch", f"the code '{model.code}' differs from the file name '{code}'; set code: {code}"))
    return Loaded(doc, model), problems


def local(value: Any, lang: str, default: str) -> Any:
    """A LocalText in `lang`: its own text, else the default language's, else the first given."""
    if not isinstance(value, dict):
        return value
    if lang in value:
        return value[lang]
    base = lang.split("-")[0]
    if base in value:
        return value[base]
    if default in value:
        return value[default]
    return next(iter(value.values()), "")


def context(profile: Country | None, lang: str, default: str) -> dict[str, Any]:
    """What placeholders can name, in `lang`: {"country": {...}, "terms": {...}}; unset values left out."""
    if profile is None:
        return {"country": {}, "terms": {}}

    def plain(value: Any) -> Any:
        if isinstance(value, m.Strict):
            return {k: plain(v) for k, v in value if v is not None and k not in ("rates", "format", "upstream", "languages", "locales")}
        if isinstance(value, dict) and value and all(isinstance(k, str) and re.fullmatch(r"[a-z]{2,3}(?:-.*)?", k)
                                                     for k in value) and all(isinstance(v, str) for v in value.values()):
            return local(value, lang, default)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    country = plain(profile)
    terms = {k: local(v, lang, default) for k, v in profile.terms.items()}
    country.pop("terms", None)
    country.pop("theme", None)
    return {"country": country, "terms": terms}


def lookup(ctx: dict[str, Any], name: tuple[str, ...]) -> Any:
    """The value `name` names in a context, or KeyError with the known names at the failing step."""
    value: Any = ctx
    for i, part in enumerate(name):
        if not isinstance(value, dict) or part not in value:
            known = sorted(value) if isinstance(value, dict) else []
            raise KeyError((".".join(name[:i + 1]), known))
        value = value[part]
    return value


def load_profiles(root: Path) -> tuple[dict[str, Country], list[Problem]]:
    """Every readable profile of the project by code, and the problems of all of them."""
    found: dict[str, Country] = {}
    problems: list[Problem] = []
    folder = root / COUNTRIES
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".yml",) or (path.suffix == ".yaml" and not re.fullmatch(
                    r"[a-z]{2,3}(?:-[a-z0-9]{1,8})?", path.stem)):
                problems.append(Where(f"{COUNTRIES}/{path.name}").warning(
                    "stray-file", f"{COUNTRIES}/{path.name} is not read: a profile is named <code>.yaml with a "
                    "lowercase country code, e.g. sv.yaml"))
    for code in profile_codes(root):
        if not re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})?", code):
            continue
        loaded, more = load_profile(root, code)
        problems += more
        if loaded is not None:
            found[code] = loaded.model
    return found, problems
