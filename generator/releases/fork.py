"""`curriculum fork init`: prepare a partner country's fork of the programme.

It writes one file, the new country's profile, with every value to fill in commented, starting
from the profile the programme is built with today (so the fork builds at once), and records in
it the upstream repository and the release the fork starts from: `curriculum upstream status`
compares against that release later. It never overwrites a file.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from generator.releases.gittree import GitError, commit_of
from generator.source.load import load
from generator.source.profile import COUNTRIES, Country, load_profiles, local


class ForkError(Exception):
    """The fork cannot be prepared as asked (exit status 2)."""


@dataclass(frozen=True)
class Start:
    repository: str
    release: str
    commit: str


def _git(project: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def starting_point(project: Path, release: str | None) -> Start:
    """Where the fork comes from: the `upstream` (else `origin`) remote, and the release it starts from.

    The release is `release` if given, else the newest `v*` tag that the current commit contains.
    """
    repository = _git(project, "remote", "get-url", "upstream") or _git(project, "remote", "get-url", "origin") \
        or str(project)
    name = release or _git(project, "describe", "--tags", "--abbrev=0", "--match", "v*", "HEAD")
    if name is None:
        raise ForkError("no release to start from: the current commit has no v* tag behind it; name one with "
                        "--release REF (a tag or commit of the upstream repository)")
    try:
        return Start(repository, name, commit_of(project, name))
    except GitError as exc:
        raise ForkError(f"'{name}' is no tag or commit of {project}: {exc}") from exc


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _locale(lang: str, code: str) -> str:
    candidate = f"{lang}-{code.upper()}"
    try:
        Locale.parse(candidate.replace("-", "_"))
        return candidate
    except (ValueError, UnknownLocaleError):
        return lang


def profile_text(code: str, lang: str, model: Country | None, default: str, start: Start) -> str:
    """The new profile: the template's values, each with a comment saying what to write there."""
    def text(value: object, fallback: str = "TODO") -> str:
        return _q(local(value, lang, default)) if value is not None else _q(fallback)

    centres = model.centres if model else None
    thresholds = model.thresholds if model else None
    currency = model.currency if model else None
    lines = [
        "# yaml-language-server: $schema=../../schemas/country.schema.json",
        "# The country profile of this fork, written by `curriculum fork init`. Replace every value",
        "# marked TODO or CHECK with your country's; mark each fact you could not confirm with a",
        "# comment. Content names these values through placeholders such as {{ country.agency.short }}.",
        f"code: {code}",
        f"name: {_q('TODO: the country name')}",
        f"languages: [{lang}]",
        f"locales: {{{lang}: {_locale(lang, code)}}}        # CHECK: how your country writes dates and numbers",
        "agency:                            # TODO: the national agency for micro and small enterprises",
        f"  name: {_q('TODO: its full name')}",
        f"  short: {_q('TODO')}                     # its acronym, as the content writes it",
        "centres:                           # TODO: its network of service centres",
        f"  name: {_q('TODO: their full name')}",
        f"  short: {_q('TODO')}",
        f"  count: {centres.count if centres and centres.count is not None else 1}                          # CHECK",
        "thresholds:                        # CHECK: the legal size classes, and the law that sets them",
        f"  micro: {{workers: {thresholds.micro.workers if thresholds else 10}}}",
        f"  small: {{min_workers: {thresholds.small.min_workers if thresholds else 11}, "
        f"workers: {thresholds.small.workers if thresholds else 50}}}",
        f"  source: {_q('TODO: the law')}",
        "currency:                          # CHECK: your currency; the content's amounts are converted at the rate",
        f"  code: {currency.code if currency else 'USD'}",
        f"  symbol: {_q(currency.symbol) if currency else _q('$')}",
        f"  format: {_q('{symbol}{amount}')}",
        "  # rates: {USD: {rate: 1.0, date: YYYY-MM-DD, source: your central bank}}   # for amounts written in USD",
        "terms:                             # CHECK: your country's words; every name the content uses must stay",
    ]
    for name, value in (model.terms.items() if model else []):
        lines.append(f"  {name}: {_q(value)}")
    if model is None or not model.terms:
        lines.append("  mse: MSE")
    lines += [
        "theme:",
        "  # logo: assets/logo.svg           # a picture file under content/",
        f"  primary: {model.theme.primary if model else 'indigo'}                     # CHECK: Material palette colours",
        f"  accent: {model.theme.accent if model else 'indigo'}",
        f"  footer: {_q('TODO: who owns the programme in your country, and how it may be used')}",
        "contact:",
        f"  name: {_q('TODO: who answers questions about the programme')}",
        "upstream:                          # where this fork comes from; `curriculum upstream status` reads it",
        f"  repository: {_q(start.repository)}",
        f"  release: {_q(start.release)}",
        f"  commit: {start.commit}",
    ]
    return "\n".join(lines) + "\n"


def init(project: Path, code: str, lang: str, release: str | None = None) -> Path:
    """Write the new profile `curriculum/countries/<code>.yaml`; its path."""
    path = project / COUNTRIES / f"{code}.yaml"
    if path.exists() or path.is_symlink():
        raise ForkError(f"{path.relative_to(project)} exists already; it is left as it is")
    start = starting_point(project, release)
    cur, _problems = load(project)
    profiles, _more = load_profiles(project)
    chosen = cur.programme.model.country if cur.programme else None
    template = profiles.get(chosen or "") or next(iter(profiles.values()), None)
    text = profile_text(code, lang, template, cur.languages[0], start)
    folder = path.parent
    if folder.is_symlink():
        raise ForkError(f"{COUNTRIES} is a link; refusing to write through it")
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never replace a file that appeared meanwhile
        out.write(text)
    return path


def next_steps(project: Path, path: Path, code: str, lang: str, languages: list[str]) -> str:
    rel = path.relative_to(project).as_posix()
    steps = [
        f"wrote {rel}: the profile of your fork, starting from upstream's values.",
        "Next steps:",
        f"  1. Fill in {rel}: every TODO and CHECK (agency, centres, law, currency and rate, terms, colours, footer).",
        f"  2. Build for it: curriculum build --country {code}   (or set 'country: {code}' in curriculum/programme.yaml)",
    ]
    if lang not in languages:
        steps.append(f"  3. Add '{lang}' to languages: in curriculum/programme.yaml, then translate: "
                     f"curriculum i18n export --lang {lang} --out {lang}.po")
    else:
        steps.append(f"  3. Review the '{lang}' translation: curriculum i18n status --lang {lang}")
    steps += [
        "  4. Adapt the content where your country differs (schedules, case studies), then commit.",
        "  5. Later, fetch a newer upstream release and see what changed on both sides: "
        "git fetch upstream --tags && curriculum upstream status",
    ]
    return "\n".join(steps) + "\n"
