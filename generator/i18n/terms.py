"""The glossary as the programme's term base: translations must use its terms.

A translated glossary page (`content/glossary.<lang>.md`) names each term with the term it
translates, as `**Línea base** (*baseline*): definition`. Every current translated unit whose
source uses a term (`baseline`, `baselines`) but whose translation lacks that term's translation
(`línea base`, `líneas base`) is a warning naming both. Matching ignores case, lets each word take
an ending (plurals, gender) and allows a hyphen or line break between words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.i18n.translate import State, language_status
from generator.problems import Problem, Where
from generator.source.load import Curriculum

GLOSSARY = "glossary.md"  # the page under content/ that is the term base
# `**Línea base** (*baseline*):`, or with accepted variants: `**Práctica docente observada** o
# **práctica docente** (*teach-back*):` (any short word or comma between the bold forms).
_ENTRY = re.compile(r"^(?P<targets>\*\*[^*\n]+\*\*(?:\s*(?:,|\w{1,6})\s*\*\*[^*\n]+\*\*)*)"
                    r"\s*\(\*(?P<source>[^*\n]+)\*\)\s*:", re.MULTILINE)
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
# Link targets and inline code are not prose: `rubrics/x/index.md` does not use the term "rubric".
_NOT_PROSE = re.compile(r"\]\([^)\s]*\)|`[^`\n]*`|<[^>\n]*>")


@dataclass(frozen=True)
class Term:
    source: str  # the term in the default language
    target: str  # its translation (the first form the glossary gives)
    line: int  # where the glossary page defines it
    pattern: re.Pattern[str]  # finds the source term in a source text
    expected: re.Pattern[str]  # finds the translation in a translated text
    first: str = ""  # the source term's first word, lowercased, if it is ASCII: a text without it lacks the term


def _words(term: str, ending: str) -> str:
    words = [re.escape(w) for w in re.split(r"[\s-]+", term.strip()) if w]
    return r"(?<!\w)" + r"[\s-]+".join(w + ending for w in words) + r"(?!\w)"


def term_base(cur: Curriculum, lang: str) -> tuple[str, list[Term]]:
    """(the glossary page's path, its terms) for `lang`; no page, no terms."""
    page = cur.pages.get((GLOSSARY, lang))
    if page is None:
        return "", []
    terms = []
    for match in _ENTRY.finditer(page.body):
        source = match["source"].strip()
        targets = [t.strip() for t in _BOLD.findall(match["targets"])]
        if "," in source or source.lower() in (t.lower() for t in targets):
            continue  # an expansion such as "quality, cost, delivery" is not a term to find in text
        line = page.body_line + page.body.count("\n", 0, match.start())
        expected = "|".join("(?:" + _words(t, r"\w*") + ")" for t in targets)
        first = re.split(r"[\s-]+", source)[0].lower()
        terms.append(Term(source, targets[0], line, re.compile(_words(source, r"(?:e?s)?"), re.IGNORECASE),
                          re.compile(expected, re.IGNORECASE), first if first.isascii() else ""))
    # Longer terms first, so that "Senior Facilitator" is asked for before "Facilitator".
    return page.path, sorted(terms, key=lambda t: -len(t.source))


def check_terms(cur: Curriculum) -> list[Problem]:
    """A warning for each current translated text that does not use the glossary's term."""
    problems: list[Problem] = []
    for lang in cur.languages[1:]:
        glossary, terms = term_base(cur, lang)
        if not terms:
            continue
        for status in language_status(cur, lang).files:
            if status.source == f"content/{GLOSSARY}":
                continue
            for unit in status.units:
                if unit.state is not State.TRANSLATED or unit.translation is None:
                    continue
                source = _NOT_PROSE.sub("]", unit.text)
                # The regular expressions cannot skip ahead (they start with a look-behind and ignore
                # case): a term whose first word is not in the text at all is passed over. Exact for
                # ASCII, where ignoring case is lowercasing; other texts are searched in full.
                lowered = source.lower() if source.isascii() else None
                translated = _NOT_PROSE.sub("]", unit.translation)
                for term in terms:
                    if lowered is not None and term.first and term.first not in lowered:
                        continue
                    found = term.pattern.search(source)
                    if found is None:
                        continue
                    # a longer term covers its words: "standard work in process" is not "standard work"
                    source = term.pattern.sub(lambda m: "\0" * len(m.group(0)), source)
                    if not term.expected.search(translated):
                        problems.append(Where(status.translation, unit.translation_line or 1, unit.translation_column).warning(
                            "translation-term", (
                                f"the source ({status.source}:{unit.line}) says '{term.source}', which the "
                                f"glossary ({glossary}:{term.line}) translates as '{term.target}', but this "
                                f"translation does not use it; use the term, or change the glossary")))
    return problems
