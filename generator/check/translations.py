"""Check translations: overlays that do not fit their source, translations without a source.

Overlays may translate text only. A value that changes structure (minutes, weights, a method)
is an error, because a reader of that language would otherwise see a different programme.
Keys and ids the source lacks are warnings: they usually mean the source moved on (a session
was removed), and an author's edit to the source must not break the build of every language.
Codes are stable; README.md lists them under "Translation problem codes".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from generator.i18n.project_labels import check_labels
from generator.i18n.terms import check_terms
from generator.i18n.textfields import kind_of
from generator.i18n.translate import HASH_PREFIX, read_overlay, source_of
from generator.i18n.units import OLD_KEY, RECORD_KEY, UNIT_HASH, markdown_units, recorded_list
from generator.problems import Problem, Where
from generator.source.load import Curriculum, Overlay

_HASH = re.compile(r"^sha256:[0-9a-f]{16}$")


def _hash_problem(value: object, where: Where) -> Iterator[Problem]:
    if value is None or value == "" or (isinstance(value, str) and _HASH.match(value.strip())):
        return
    yield where.warning("translation-bad-hash", (
        f"source_hash must be \"\" or \"{HASH_PREFIX}\" and 16 hex digits, as `curriculum i18n mark` writes it, "
        f"not {value!r}; the translation counts as outdated until it is marked"))


def _record_problems(data: object, where: Where, path: str, at: Callable[[str], Where] | None = None) -> Iterator[Problem]:
    """The per-unit record (`source_hashes:`), or the old one-hash form and what to run."""
    if not isinstance(data, dict):
        return
    if RECORD_KEY in data:
        value = data[RECORD_KEY]
        values = list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else None
        bad = [v for v in values or [] if not (v == "" or (isinstance(v, str) and UNIT_HASH.match(v)))]
        if at is not None and isinstance(value, dict) and bad:
            where = at(next(str(k) for k, v in value.items() if v is bad[0]))
        if values is None or bad:
            yield where.warning("translation-bad-hash", (
                f"{RECORD_KEY} must be a list (pages) or mapping (YAML) of 8-hex-digit hashes as `curriculum i18n "
                f"mark` writes them, not {(bad or [value])[0]!r}; the translation counts as outdated until it is marked"))
        return
    if OLD_KEY in data:
        yield from _hash_problem(data.get(OLD_KEY), where)
        yield where.warning("translation-legacy-hash", (
            f"{path} records one source hash for the whole file, so one changed sentence outdates all of it; run "
            "`curriculum i18n migrate` to record one hash per text and paragraph (see CHANGELOG 0.2.0)"))


def _language(cur: Curriculum, lang: str, path: str) -> Iterator[Problem]:
    languages = cur.languages
    if lang == languages[0]:
        yield Where(path).warning("translation-unused-language", (
            f"'{lang}' is the default language, so this translation is never used; merge it into the source"))
    elif lang not in languages:
        yield Where(path).warning("translation-unused-language", (
            f"'{lang}' is not in the programme's languages ({', '.join(languages)}); add it to 'languages:' in "
            "curriculum/programme.yaml or remove this file"))


def _overlay(cur: Curriculum, overlay: Overlay) -> Iterator[Problem]:
    doc = overlay.doc
    yield from _language(cur, overlay.lang, doc.path)
    kind = kind_of(overlay.source)
    if kind is None:
        return
    if not (cur.root / overlay.source).is_file():
        yield doc.where().warning("translation-without-source", (
            f"there is no {overlay.source} for this file to translate; rename it to match its source or remove it"))
        return
    if not isinstance(doc.data, dict):
        yield doc.where().error("translation-not-text", "a translation overlay must be a mapping of keys and texts")
        return
    key = RECORD_KEY if RECORD_KEY in doc.data else OLD_KEY
    yield from _record_problems(doc.data, doc.where((key,), key=True) if key in doc.data else doc.where(), doc.path,
                                lambda k: doc.where((RECORD_KEY, k)))
    loaded = source_of(cur, overlay.source)
    if loaded is None:  # the source itself is invalid: its own problems say why
        return
    if "id" in doc.data and doc.data["id"] != loaded.doc.data.get("id"):
        yield doc.where(("id",)).error("translation-structure", (
            f"an overlay cannot change the id ('{doc.data['id']}' here, '{loaded.doc.data.get('id')}' in the "
            "source); remove 'id:' from the overlay"))
    walk = read_overlay(overlay, kind, loaded.doc.data)
    for loc, name in walk.structure:
        if loc == ("id",):
            continue
        yield doc.where(loc, key=True).error("translation-structure", (
            f"'{name}' is structure, not text: overlays translate text only; change it in {overlay.source} "
            "and remove it here"))
    for loc, why in walk.unknown_keys:
        yield doc.where(loc, key=True).warning("translation-unknown-key", (
            f"{why}: nothing in {overlay.source} to translate; remove it or fix its name"))
    for loc, why in walk.unknown_ids:
        yield doc.where(loc).warning("translation-unknown-id", f"{why}; remove this item or fix its id")
    for loc, what in walk.not_text:
        yield doc.where(loc).error("translation-not-text", f"this must be {what}, as in {overlay.source}")
    for loc, key in walk.duplicates:
        yield doc.where(loc).warning("translation-duplicate", f"'{key}' is translated twice; only the first counts")


def _pages(cur: Curriculum) -> Iterator[Problem]:
    for (name, lang), page in sorted(cur.pages.items(), key=lambda kv: kv[1].path):
        if lang is None:
            continue
        yield from _language(cur, lang, page.path)
        if (name, None) not in cur.pages:
            yield Where(page.path).warning("translation-without-source", (
                f"there is no content/{name} for this page to translate; readers of the other languages "
                "will not find it (write the original, or rename this file)"))
        yield from _record_problems(page.meta, Where(page.path, 2), page.path)
        recorded = recorded_list(page.meta)
        count = len(markdown_units(page.body))
        if recorded is not None and len(recorded) != count:
            yield Where(page.path, 2).warning("translation-unit-count", (
                f"this page has {count} units (paragraphs, list items, table rows, headings) but records the "
                f"source of {len(recorded)}, so they cannot be paired for import; translate each unit of the source "
                "as one, then run `curriculum i18n mark` on this file"))


def check_translations(cur: Curriculum) -> list[Problem]:
    """Every problem of the project's translations (overlays and translated pages)."""
    problems = [p for overlay in cur.overlays for p in _overlay(cur, overlay)]
    return problems + list(_pages(cur)) + check_labels(cur) + check_terms(cur)
