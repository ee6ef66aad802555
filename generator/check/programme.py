"""Rules about the programme file and what it lists: modules, languages, outcomes, certification."""

from __future__ import annotations

from collections.abc import Iterator

from babel import Locale, UnknownLocaleError

from generator.check.util import duplicates, existing, hint
from generator.problems import Problem
from generator.source.load import Curriculum


def programme_modules(cur: Curriculum) -> Iterator[Problem]:
    """Every module file is listed once in the programme, and every listed module has a file."""
    if cur.programme is None:
        return
    doc, prog = cur.programme.doc, cur.programme.model
    files = existing(cur, "module", cur.modules)
    seen: dict[str, int] = {}
    for i, module_id in enumerate(prog.modules):
        if module_id in seen:
            yield doc.where(("modules", i)).error(
                "module-listed-twice", f"module '{module_id}' is listed twice (also item {seen[module_id] + 1} of "
                "the list); keep one")
            continue
        seen[module_id] = i
        if module_id not in files:
            yield doc.where(("modules", i)).error(
                "unknown-module", f"module '{module_id}' has no file curriculum/modules/{module_id}.yaml; create it "
                f"or remove it from the list ({hint(module_id, files, 'modules')})")
    for module_id, loaded in sorted(cur.modules.items()):
        if module_id not in seen:
            yield loaded.doc.where(("id",)).error(
                "module-not-in-programme", f"module '{module_id}' is not listed under 'modules:' in "
                "curriculum/programme.yaml; add it where it belongs in the programme's order")


def languages(cur: Curriculum) -> Iterator[Problem]:
    if cur.programme is None:
        return
    seen: set[str] = set()
    for i, lang in enumerate(cur.programme.model.languages):
        if lang in seen:
            yield cur.programme.doc.where(("languages", i)).error(
                "duplicate-language", f"language '{lang}' is listed twice; keep one")
        seen.add(lang)
    for lang, locale in cur.programme.model.locales.items():
        if lang not in seen:
            yield cur.programme.doc.where(("locales", lang), key=True).error(
                "locale-for-unknown-language", f"'{lang}' is not one of the programme's languages "
                f"({', '.join(cur.programme.model.languages)}); add it to 'languages' or remove this line")
        elif not known_locale(locale):
            yield cur.programme.doc.where(("locales", lang)).error(
                "unknown-locale", f"'{locale}' is not a locale that dates and numbers can be written in; use a "
                "language and region such as es-SV, es-CR, pt-BR or fr-FR")


def outcomes(cur: Curriculum) -> Iterator[Problem]:
    """Outcome ids are unique; objectives serve known outcomes; every outcome is served (a warning)."""
    if cur.programme is None:
        return
    doc = cur.programme.doc
    yield from duplicates(doc, cur.programme.model.outcomes, "outcomes", "outcome")
    first: dict[str, int] = {}
    for i, outcome in enumerate(cur.programme.model.outcomes):
        first.setdefault(outcome.id, i)
    served: set[str] = set()
    for _module_id, loaded in sorted(cur.modules.items()):
        for i, objective in enumerate(loaded.model.objectives):
            for j, outcome_id in enumerate(objective.outcomes):
                served.add(outcome_id)
                if outcome_id not in first:
                    yield loaded.doc.where(("objectives", i, "outcomes", j)).error(
                        "unknown-outcome", f"outcome '{outcome_id}' is not a programme outcome; "
                        f"{hint(outcome_id, first, 'outcomes')}")
    if cur.unloaded["module"]:
        return  # an unreadable module may serve the outcomes that look unserved
    for outcome_id, i in first.items():
        if outcome_id not in served:
            yield doc.where(("outcomes", i, "id")).warning(
                "outcome-not-served", f"no module objective serves outcome '{outcome_id}'; "
                "map an objective to it or remove it")


def certification(cur: Curriculum) -> Iterator[Problem]:
    if cur.programme is None or cur.programme.model.certification is None:
        return
    files = existing(cur, "rubric", cur.rubrics)
    for i, rubric_id in enumerate(cur.programme.model.certification.rubrics):
        if rubric_id not in files:
            yield cur.programme.doc.where(("certification", "rubrics", i)).error(
                "unknown-rubric", f"rubric '{rubric_id}' does not exist (no curriculum/rubrics/{rubric_id}.yaml); "
                f"{hint(rubric_id, files, 'rubrics')}")


def known_locale(code: str) -> bool:
    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True


def tag_names(cur: Curriculum) -> Iterator[Problem]:
    """A name given to a tag that no module uses is probably a misspelt tag (a warning)."""
    if cur.programme is None or cur.unloaded["module"]:
        return
    used = {tag for loaded in cur.modules.values() for tag in loaded.model.tags}
    for tag in cur.programme.model.tags:
        if tag not in used:
            yield cur.programme.doc.where(("tags", tag), key=True).warning(
                "unused-tag-name", f"no module has the tag '{tag}' ({hint(tag, used, 'tags')}); fix the tag or "
                "remove its name")


RULES = [programme_modules, languages, outcomes, certification, tag_names]
