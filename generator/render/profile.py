"""Fill in content placeholders from a country profile, in Jinja's sandbox.

`fill_curriculum` gives a copy of the curriculum in which every placeholder of every text (YAML
sources, translation overlays, Markdown pages) is replaced, each in the language of the text that
holds it: a Spanish overlay gets the Spanish terms and Spanish number formats, an English text
that a Spanish site falls back to keeps the English ones. Staleness of translations is computed
from the files as written (placeholders included), never from this copy, so a profile change
leaves every translation current.

Only placeholders that `placeholders.scan` accepted are evaluated, and each is rebuilt from its
parsed parts before a SandboxedEnvironment with no globals and an allow-list of filters renders
it: the author's text itself is never compiled.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from pydantic import ValidationError

from generator import model as m
from generator.i18n.textfields import SPECS, kind_of, units
from generator.render.formatting import locale_for
from generator.render.labels import translator
from generator.source.load import Curriculum, Loaded, Overlay
from generator.source.placeholders import MONEY, TEXT_FILTERS, Placeholder, scan
from generator.source.profile import Country, context, local

MODELS: dict[str, type[m.Strict]] = {"programme": m.Programme, "module": m.Module, "rubric": m.Rubric,
                                     "schedule": m.Schedule}


@dataclass(frozen=True)
class Conversion:
    """An amount shown in another currency than it was written in."""

    source: str  # the currency written, e.g. USD
    target: str
    rate: float
    date: str
    origin: str | None


@dataclass
class Filler:
    """Fills placeholders of texts in one language from one profile."""

    profile: Country | None
    lang: str
    default: str
    locale: str
    conversions: set[Conversion] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.ctx = context(self.profile, self.lang, self.default)
        env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
        env.filters = {name: env.filters[name] for name in TEXT_FILTERS}
        env.filters[MONEY] = self.money
        env.globals = {}
        env.tests = {}
        self.env = env
        self._compiled: dict[str, Any] = {}

    def money(self, amount: str, currency: str) -> str:
        """`amount` (as written, e.g. "26.00") in the profile's currency, formatted for the locale."""
        value = Decimal(amount)
        places = max(0, -int(value.as_tuple().exponent))
        if self.profile is None:
            return f"{amount} {currency}"
        target = self.profile.currency
        if currency != target.code:
            rate = target.rates.get(currency)
            if rate is None:  # `check` names it; keep the amount as written rather than invent one
                return f"{amount} {currency}"
            value = value * Decimal(str(rate.rate))
            places = places if places == 0 else max(places, 2)
            self.conversions.add(Conversion(currency, target.code, rate.rate, rate.date.isoformat(), rate.source))
        value = value.quantize(Decimal(1).scaleb(-places))
        pattern = "#,##0" + ("." + "0" * places if places else "")
        number = format_decimal(value, format=pattern, locale=locale_for(self.locale))
        symbol = str(local(target.symbol, self.lang, self.default))
        shape = str(local(target.format, self.lang, self.default))
        return re.sub(r"\{(amount|symbol)\}", lambda mt: number if mt.group(1) == "amount" else symbol, shape)

    def _source(self, ph: Placeholder) -> str:
        # Rebuilt from the parsed parts: only names and codes that passed `scan` reach Jinja.
        if ph.kind == "money":
            return '{{ "%s" | %s("%s") }}' % (ph.amount, MONEY, ph.currency)
        return "{{ " + ".".join(ph.name) + "".join(f" | {f}" for f in ph.filters) + " }}"

    def one(self, ph: Placeholder) -> str:
        if ph.kind == "literal":
            return ph.literal
        source = self._source(ph)
        if ph.kind == "money":
            # What `{{ "26.00" | money("USD") }}` renders to, without compiling it: `scan` let only a
            # number and three capitals through, which the template would pass to `money` as they are.
            try:
                return str(self.money(ph.amount, ph.currency))
            except Exception:  # as for a template that fails: the text keeps the placeholder
                return source
        template = self._compiled.get(source)
        if template is None:
            # `env.from_string`, with the compiling done once a process: every Filler's environment
            # is made alike (see __post_init__) and a name's value is looked up when rendered, so
            # the code of a source is the same for all.
            code = _CODE.get(source)
            if code is None:
                code = _CODE[source] = self.env.compile(source)
            template = self._compiled[source] = self.env.template_class.from_code(
                self.env, code, self.env.make_globals(None), None)
        try:
            return str(template.render(self.ctx))
        except Exception:  # an unknown name: `check` reports it; the text keeps the placeholder
            return source

    def fill(self, text: str, markdown: bool = True) -> str:
        if "{" not in text:
            return text
        found, _flaws = scan(text, markdown)
        if not found:
            return text
        parts, pos = [], 0
        for ph in found:
            parts += [text[pos:ph.start], self.one(ph)]
            pos = ph.end
        parts.append(text[pos:])
        return "".join(parts)


_CODE: dict[str, Any] = {}
"""Python code of each placeholder's Jinja source, compiled once a process (serve fills at every build)."""


def _fill_data(data: Any, filler: Filler, skip: tuple[str, ...] = ("source_hash",)) -> Any:
    if isinstance(data, str):
        return filler.fill(data)
    if isinstance(data, list):
        return [_fill_data(x, filler) for x in data]
    if isinstance(data, dict):
        return {k: (v if k in skip else _fill_data(v, filler)) for k, v in data.items()}
    return data


def _set(data: Any, loc: tuple[Any, ...], value: Any) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def _fill_source(loaded: Loaded[Any], kind: str, filler: Filler) -> Loaded[Any]:
    found = [u for u in units(SPECS[kind], loaded.doc.data) if "{" in u.text]
    if not found:
        return loaded
    data = copy.deepcopy(loaded.doc.data)
    for unit in found:
        _set(data, unit.loc, filler.fill(unit.text))
    doc = dataclasses.replace(loaded.doc, data=data)
    try:
        return Loaded(doc, MODELS[kind].model_validate(data))
    except ValidationError:  # `check` names the problem
        return loaded


def conversion_note(conversions: set[Conversion], lang: str, locale: str) -> str:
    """A paragraph that says which amounts were converted, at what rate and of which day."""
    _ = translator(lang)
    lines = []
    for c in sorted(conversions, key=lambda c: c.source):
        rate = format_decimal(c.rate, locale=locale_for(locale))
        text = _("Amounts written in {source} are shown in {target}, converted at {rate} {target} per {source} "
                 "(rate of {date}).").format(source=c.source, target=c.target, rate=rate, date=c.date)
        if c.origin:
            text += " " + _("Source of the rate: {origin}.").format(origin=c.origin)
        lines.append(text)
    return "\n\n!!! note \"" + _("Converted amounts") + "\"\n" + "".join(f"    {t}\n\n" for t in lines)


def locales_of(cur: Curriculum, profile: Country | None) -> dict[str, str]:
    """The regional locale of each language: the profile's, else the programme's."""
    programme = dict(cur.programme.model.locales) if cur.programme else {}
    return {**programme, **(profile.locales if profile else {})}


def fill_curriculum(cur: Curriculum, profile: Country | None, locales: dict[str, str]) -> Curriculum:
    """A copy of `cur` with every placeholder filled in, each text in its own language."""
    default = cur.languages[0]
    languages = dict.fromkeys([*cur.languages, *(o.lang for o in cur.overlays),
                               *(lang for (_n, lang) in cur.pages if lang)])
    fillers = {lang: Filler(profile, lang, default, locales.get(lang, lang)) for lang in languages}
    base = fillers[default]
    out = dataclasses.replace(cur, modules=dict(cur.modules), rubrics=dict(cur.rubrics),
                              schedules=dict(cur.schedules), pages=dict(cur.pages), overlays=list(cur.overlays))
    notes: dict[tuple[str, str | None], set[Conversion]] = {}
    if cur.programme is not None:
        out.programme = _fill_source(cur.programme, "programme", base)
        programme = out.programme.model
        merged = {**programme.locales, **(profile.locales if profile else {})}
        if merged != programme.locales:
            out.programme = Loaded(out.programme.doc, programme.model_copy(update={"locales": merged}))
    for table, kind in ((out.modules, "module"), (out.rubrics, "rubric"), (out.schedules, "schedule")):
        for key, loaded in list(table.items()):
            base.conversions = set()
            table[key] = _fill_source(loaded, kind, base)  # type: ignore[assignment]
            if kind == "module" and base.conversions:
                notes.setdefault((f"modules/{key}.md", None), set()).update(base.conversions)
    for i, overlay in enumerate(out.overlays):
        filler = fillers[overlay.lang]
        filler.conversions = set()
        data = _fill_data(overlay.doc.data, filler)
        out.overlays[i] = Overlay(overlay.source, overlay.lang, dataclasses.replace(overlay.doc, data=data))
        if kind_of(overlay.source) == "module" and filler.conversions:
            stem = overlay.source.rsplit("/", 1)[1][: -len(".yaml")]
            notes.setdefault((f"modules/{stem}.md", overlay.lang), set()).update(filler.conversions)
    for key, page in cur.pages.items():
        filler = fillers[page.lang or default]
        filler.conversions = set()
        body = filler.fill(page.body)
        if filler.conversions:
            notes.setdefault(key, set()).update(filler.conversions)
        out.pages[key] = dataclasses.replace(page, body=body) if body != page.body else page
    for key, conversions in notes.items():
        page = out.pages.get(key)
        if page is not None:
            lang = page.lang or default
            note = conversion_note(conversions, lang, locales.get(lang, lang))
            out.pages[key] = dataclasses.replace(page, body=page.body.rstrip("\n") + "\n" + note)
    return out

