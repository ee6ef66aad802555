"""Placeholders in content must be allowed, and every country profile must be able to fill them.

Every text field of every YAML file (sources and translations) and every Markdown page is scanned
(`placeholders.scan`); a refused placeholder is a problem at its line and column. A lookup must
name a value that each profile of the project has, and an amount in another currency than a
profile's needs a rate in that profile: otherwise building with that profile would fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.problems import Problem, Where
from generator.source.load import Curriculum
from generator.source.placeholders import Placeholder, dotted, scan
from generator.source.profile import COUNTRIES, Country, context, lookup
from generator.source.yamlsource import Doc


def _yaml_texts(doc: Doc, data: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _yaml_texts(doc, item, loc + (i,))
    elif isinstance(data, dict):
        for key, item in data.items():
            if key != "source_hash":
                yield from _yaml_texts(doc, item, loc + (key,))


def _texts(cur: Curriculum) -> Iterator[tuple[Where, str, bool]]:
    """(place of the text's start, text, single-line YAML value) for every text that may hold placeholders."""
    docs: list[Doc] = []
    if cur.programme is not None:
        docs.append(cur.programme.doc)
    for table in (cur.modules, cur.rubrics, cur.schedules):
        docs += [loaded.doc for _key, loaded in sorted(table.items())]
    docs += [overlay.doc for overlay in cur.overlays]
    for doc in docs:
        for loc, text in _yaml_texts(doc, doc.data):
            if "{" in text:
                yield doc.where(loc), text, "\n" not in text
    for _key, page in sorted(cur.pages.items(), key=lambda kv: kv[1].path):
        if "{" in page.body:
            yield Where(page.path, page.body_line, 1), page.body, False


def _at(start: Where, line: int, column: int, single: bool) -> Where:
    if start.line and line == 1 and single:
        return Where(start.path, start.line, start.column + column - 1)
    if single:
        return start
    return Where(start.path, start.line + line - 1, column)


def _profile_problems(where: Where, ph: Placeholder, contexts: dict[str, dict[str, Any]],
                      profiles: dict[str, Country]) -> Iterator[Problem]:
    for code, profile in sorted(profiles.items()):
        name = f"{COUNTRIES}/{code}.yaml"
        if ph.kind == "lookup":
            try:
                lookup(contexts[code], ph.name)
            except KeyError as exc:
                failing, known = exc.args[0]
                hint = f"; it has: {', '.join(known)}" if known else ""
                yield where.error("unknown-placeholder", f"{{{{ {dotted(ph.name)} }}}}: the profile {name} has no "
                                  f"'{failing}'{hint}")
        elif ph.kind == "money" and ph.currency != profile.currency.code and ph.currency not in profile.currency.rates:
            yield where.error("missing-rate", f"an amount in {ph.currency}, but the profile {name} shows "
                              f"{profile.currency.code} and states no rate for {ph.currency}: add "
                              f"currency: {{rates: {{{ph.currency}: {{rate: ..., date: YYYY-MM-DD}}}}}}")
    if not profiles and ph.kind == "lookup":
        yield where.error("unknown-placeholder", f"{{{{ {dotted(ph.name)} }}}} needs a country profile: create "
                          f"{COUNTRIES}/<code>.yaml and name it in programme.yaml (country: <code>)")


def check_placeholders(cur: Curriculum, profiles: dict[str, Country]) -> list[Problem]:
    """Every refused placeholder, and every one that some profile cannot fill."""
    problems: list[Problem] = []
    default = cur.languages[0]
    chosen = cur.programme.model.country if cur.programme else None
    if cur.programme is not None and chosen is not None and chosen not in profiles:
        problems.append(cur.programme.doc.where(("country",)).error(
            "unknown-country", f"there is no readable profile {COUNTRIES}/{chosen}.yaml"
            + (f"; the profiles are: {', '.join(sorted(profiles))}" if profiles else "; create it")))
    for code, profile in sorted(profiles.items()):
        logo = profile.theme.logo
        if logo is not None and logo not in cur.content_files:
            problems.append(Where(f"{COUNTRIES}/{code}.yaml").error(
                "missing-logo", f"the logo {logo} is not a file under content/; add it or fix the path"))
    contexts = {code: context(profile, default, default) for code, profile in profiles.items()}
    for start, text, single in _texts(cur):
        found, flaws = scan(text)
        for flaw in flaws:
            where = _at(start, flaw.line, flaw.column, single)
            if flaw.code == "placeholder-syntax":
                problems.append(where.error("placeholder-syntax", flaw.message))
            else:
                problems.append(where.error("placeholder-not-allowed", flaw.message))
        for ph in found:
            problems += _profile_problems(_at(start, ph.line, ph.column, single), ph, contexts, profiles)
    return problems

