"""What readers are told about translations: a notice on each page that falls back to the
default language or may be out of date, and a page with the translation status of the site.

Works on the rendered pages (`render.Rendered`), after render and before MkDocs, so that render
itself knows nothing of translation states.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from babel import Locale, UnknownLocaleError

from babel.numbers import format_percent

from generator.i18n.files import parse
from generator.i18n.translate import LanguageStatus, State
from generator.render import NavItem, Rendered, href
from generator.render import formatting as fmt
from generator.render.labels import N_, catalogue, translator

STATUS_PAGE = "translations/index.md"

_FIELD = re.compile(r"\{(\w+)\}")
_BOX = {State.MISSING: "warning", State.PARTIAL: "info", State.OUTDATED: "warning"}


def language_in(name_of: str, lang: str) -> str:
    """The name of language `name_of` written in `lang`: ("en", "es") -> "inglés" (Babel's CLDR names)."""
    try:
        return Locale.parse(name_of.replace("-", "_")).get_display_name(fmt.locale_for(lang)) or name_of
    except (ValueError, UnknownLocaleError):
        return name_of


def _sentences(lang: str, root: Path | None, messages: list[str]) -> tuple[Callable[[str], str], str]:
    """A translator for `messages` and the language they come out in: `lang` if it has all of
    them, else English, so that a notice never mixes two languages in one sentence."""
    table = catalogue(lang, root)
    if lang.split("-")[0] == "en" or all(m in table for m in messages):
        return translator(lang, root), lang
    return (lambda message: message), "en"


def page_sources(path: str, source: str | None) -> list[str]:
    """The project files whose text a rendered page shows (a module page: its YAML and body)."""
    if source is None:
        return []
    translated = parse(source)  # render took the translation: `content/index.es.md`
    if translated is not None:
        source = translated.source
    found = [source]
    if source.startswith("curriculum/modules/") and source.endswith(".yaml"):
        found.append("content/modules/" + posixpath.basename(source)[: -len(".yaml")] + ".md")
    return found


def combined(states: list[State]) -> State:
    if not states or all(s is State.TRANSLATED for s in states):
        return State.TRANSLATED
    if all(s is State.MISSING for s in states):
        return State.MISSING
    if any(s is State.OUTDATED for s in states):
        return State.OUTDATED
    return State.PARTIAL


_TITLES = {
    State.MISSING: N_("This page has not been translated yet"),
    State.PARTIAL: N_("Parts of this page have not been translated yet"),
    State.OUTDATED: N_("This translation may be out of date"),
}
_TEXTS = {
    State.MISSING: N_("It is shown in {language}, the language it was written in."),
    State.PARTIAL: N_("They are shown in {language}, the language they were written in."),
    State.OUTDATED: N_("{percent} of its text has changed in the original in {language} since it was translated."),
}
_UNCHECKED = N_("It has not yet been checked against the original in {language}.")


def notice(state: State, lang: str, default: str, status_link: str, unchecked: bool = False,
           outdated: float = 1.0, root: Path | None = None) -> str:
    """The Markdown of the notice for a page in `state`, in the reader's language.

    `outdated` is the share of the page's text whose original changed (0..1).
    """
    text_id = _UNCHECKED if state is State.OUTDATED and unchecked else _TEXTS[state]
    _, written_in = _sentences(lang, root, [_TITLES[state], text_id, "Translation status"])
    original = language_in(default, written_in)
    title = _(_TITLES[state]).replace('"', "”")
    percent = format_percent(max(outdated, 0.01) if outdated > 0 else 0, locale=fmt.locale_for(written_in))
    text = _FIELD.sub(lambda m: {"language": original, "percent": percent}.get(m.group(1), m.group(0)), _(text_id))
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    more = _("Translation status")
    return (f'!!! {_BOX[state]} translation-notice translation-{state.value} "{title}"\n'
            f"    {text} [{more}]({status_link})\n\n")


def _with_notice(markdown: str, box: str) -> str:
    # After the page's title, so that the title stays the first thing on the page.
    first, newline, rest = markdown.partition("\n")
    if first.startswith("# "):
        return f"{first}\n\n{box}{rest.lstrip(chr(10))}"
    return box + markdown


def annotate(rendered: Rendered, status: LanguageStatus, default: str) -> None:
    """Add a notice to every page of `rendered` that is not fully translated."""
    by_source = {f.source: f for f in status.files}
    for path in list(rendered.pages):
        files = [by_source[s] for s in page_sources(path, rendered.sources.get(path)) if s in by_source]
        state = combined([f.state for f in files])
        if state is not State.TRANSLATED:
            unchecked = all(f.unchecked for f in files if f.state is State.OUTDATED)
            words = sum(f.words for f in files)
            share = sum(f.stale for f in files) / words if words else 1.0
            box = notice(state, rendered.lang, default, href(path, STATUS_PAGE), unchecked, share, rendered.root)
            rendered.pages[path] = _with_notice(rendered.pages[path], box)


# --- the status page -------------------------------------------------------------------------


def _percent(value: float, lang: str) -> str:
    return format_percent(value / 100, locale=fmt.locale_for(lang))


def _state_label(state: State, lang: str, root: Path | None) -> str:
    _ = translator(lang, root)
    return {State.TRANSLATED: _("Translated"), State.PARTIAL: _("Partly translated"),
            State.OUTDATED: _("Outdated"), State.MISSING: _("Not translated")}[state]


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _language_table(status: LanguageStatus, lang: str, root: Path | None) -> str:
    _ = translator(lang, root)
    rows = [_row(_("File"), _("Translation"), _("Status"), _("Words")), "|---|---|---|--:|"]
    for file in status.files:
        rows.append(f"| `{file.source}` | `{file.translation}` | {_state_label(file.state, lang, root)} | "
                    f"{fmt.number(file.done, lang)} / {fmt.number(file.words, lang)} |")
    return "\n".join(rows) + "\n"


def _summary(status: LanguageStatus, lang: str, root: Path | None) -> str:
    _ = translator(lang, root)
    return _("{percent} of the text is translated into {language} ({done} of {words} words).").format(
        percent=_percent(status.percent, lang), language=language_in(status.lang, lang),
        done=fmt.number(status.done, lang), words=fmt.number(status.words, lang))


def status_page(lang: str, languages: list[str], statuses: dict[str, LanguageStatus], root: Path | None = None) -> str:
    """The Markdown of `translations/index.md` in the site of `lang`."""
    _ = translator(lang, root)
    lines = ["# " + _("Translation status"), ""]
    if lang != languages[0]:
        lines += [_summary(statuses[lang], lang, root), "", _language_table(statuses[lang], lang, root)]
    else:
        lines += [_("How much of the site is translated into each language, counted in words of text."), ""]
        lines += [_row(_("Language"), _("Translated"), _("Partly translated"), _("Outdated"), _("Not translated"),
                       _("Complete")), "|---|--:|--:|--:|--:|--:|"]
        for other in languages[1:]:
            status = statuses[other]
            counts = [sum(f.state is s for f in status.files) for s in
                      (State.TRANSLATED, State.PARTIAL, State.OUTDATED, State.MISSING)]
            lines.append(f"| {language_in(other, lang)} | " + " | ".join(fmt.number(c, lang) for c in counts)
                         + f" | {_percent(status.percent, lang)} |")
        lines.append("")
    lines += ["", _("Translators: `curriculum i18n status` prints this table, `curriculum i18n export` writes "
                    "what is left to translate as a PO catalogue."), ""]
    return "\n".join(lines)


def add_status_page(rendered: Rendered, languages: list[str], statuses: dict[str, LanguageStatus]) -> None:
    """Add the translation status page and its navigation entry, unless content/ has one."""
    if STATUS_PAGE in rendered.pages or len(languages) < 2:
        return
    rendered.pages[STATUS_PAGE] = status_page(rendered.lang, languages, statuses, rendered.root)
    rendered.nav.append(NavItem(translator(rendered.lang, rendered.root)("Translation status"), STATUS_PAGE))
