"""A slice: one version of the site, in some or all of its languages, built apart.

A slice is a folder with `slice.json` (what it holds) and `site/` (its pages, already in the
published layout: `<language root>/<version>/...`). `publish` builds one slice per version and
joins them (`assemble.py`); `publish --only` builds one on a runner of its own; the release
cache keeps the slices of releases. Slices hold no link to one another: what depends on the
set of versions (versions.json, redirects, `latest/`) is written when they are joined.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.build import ExtraPages, Outcome, UsageError, build_project, choose_profile
from generator.problems import Problem
from generator.releases.gittree import export, tree_of
from generator.releases.registry import Resolved, commit_epoch
from generator.releases.bundle import write_zip
from generator.render.profile import fill_curriculum, locales_of
from generator.site.cache import generator_fingerprint
from generator.site.config import Versioned, root_of
from generator.source.load import Curriculum

FORMAT = "curriculum-site/slice"
MANIFEST = "slice.json"
BUNDLES = "bundles"  # in a slice: the offline zips of a release, one per language


@dataclass(frozen=True)
class Manifest:
    """What a slice holds; written as slice.json beside its site/ folder."""

    version: str
    kind: str
    """"release" or "dev"."""
    date: str | None
    """A release's date (YYYY-MM-DD): newer releases come first in the selector."""
    order: list[str]
    """How releases are ordered: the date, then the version's parts (2026.10 after 2026.9)."""
    languages: list[str]
    """The languages built into this slice."""
    all_languages: list[str]
    """Every language of this version, the default first."""
    bundle: str | None
    """The offline zip's name without `-<lang>.zip`, for releases."""

    def dump(self, folder: Path) -> None:
        data = {"format": FORMAT, "format_version": 1, **asdict(self)}
        (folder / MANIFEST).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @staticmethod
    def load(folder: Path) -> Manifest:
        """The manifest of the slice in `folder`; ValueError if there is none or it is not one."""
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{folder} is not a slice built by 'curriculum publish --only' (no readable {MANIFEST})") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("format_version") != 1:
            raise ValueError(f"{folder / MANIFEST} is not a slice manifest this generator reads")
        try:
            return Manifest(**{k: v for k, v in data.items() if k not in ("format", "format_version")})
        except TypeError as exc:
            raise ValueError(f"{folder / MANIFEST} is not a slice manifest this generator reads: {exc}") from exc


def order_of(date: str | None, version: str) -> list[str]:
    parts = [part.zfill(12) if part.isdigit() else part for part in re.split(r"[.\-_]", version)]
    return [date or "", *parts]


# The versions Material does not call outdated: `latest`, and the working tree's, whose name
# starts with a letter where a release's starts with a digit. Fixed, so that a release's pages do
# not depend on what the working tree is called.
CURRENT = ["^latest$", "^[A-Za-z]"]


@dataclass
class SliceResult:
    """A slice ready to join, or the problems that kept it from being built."""

    folder: Path | None
    problems: list[Problem]
    reused: bool = False


def _bundle_prefix(programme_id: str, version: str) -> str:
    return f"{programme_id}-{version}"


def what_changed(project: Path, previous: Resolved | None, version: str, work: Path,
                 country: str | None = None) -> ExtraPages:
    """The "What changed" page of `version` against the release before it, in every language.

    The build hands over its curriculum with the placeholders filled in; the previous release is
    filled in with its own profile of the same country, so that readers compare texts as they read
    them, never `{{ country.* }}`.
    """
    from generator.releases.whatchanged import WHAT_CHANGED_PAGE, what_changed_pages, what_changed_title
    from generator.source.load import load

    old_source = export(project, previous.commit, work / "previous") if previous else None

    def pages(new: Curriculum) -> dict[str, tuple[str, str, str]]:
        old = None
        if old_source is not None:
            old, problems = load(old_source)
            if any(p.severity.value == "error" for p in problems):
                return {}  # the previous release cannot be read: no page rather than a wrong one
            try:
                profile = choose_profile(old_source, old, country)
            except UsageError:
                profile = None  # the country came later than that release: its texts as written
            old = fill_curriculum(old, profile, locales_of(old, profile))
        texts = what_changed_pages(old, new, previous.version if previous else None, version)
        return {lang: (WHAT_CHANGED_PAGE, what_changed_title(lang), text) for lang, text in texts.items()}

    return pages


def _build(source: Path, dest: Path, manifest: Manifest, epoch: int | None, changes: ExtraPages,
           country: str | None = None) -> Outcome:
    versioned = Versioned(manifest.version, CURRENT, manifest.bundle)
    outcome = build_project(source, dest / "site", versioned=versioned, only=manifest.languages, epoch=epoch,
                            extra_pages=changes, country=country,
                            cache=manifest.kind == "dev")  # a release is built from an export that goes away
    if outcome.built:
        # A release's zips are made once with its pages, so that a warm publish only copies them.
        for lang in manifest.languages if manifest.bundle else []:
            root = dest / "site" / root_of(lang, manifest.all_languages[0]) / manifest.version
            write_zip(root, f"{manifest.bundle}-{lang}", manifest.version, dest / BUNDLES / f"{manifest.bundle}-{lang}.zip",
                      lang)
        manifest.dump(dest)
    return outcome


def _languages(source: Path) -> tuple[list[str], str]:
    from generator.source.load import load

    cur, _problems = load(source)
    programme_id = cur.programme.model.id if cur.programme else "curriculum"
    return list(cur.languages), programme_id


def build_release(project: Path, release: Resolved, cache: Path, only_lang: str | None = None,
                  previous: Resolved | None = None, country: str | None = None) -> SliceResult:
    """The slice of a release: from the cache if this generator built it before, else built now.

    The release is built from its commit's files (git archive into a temporary folder), never
    from a checkout. If it cannot be built, nothing is cached and its problems are returned.
    """
    # The page "What changed" depends on the previous release too.
    key_parts = [tree_of(project, release.commit), generator_fingerprint(), release.version,
                 only_lang or "*", str(release.release.date),
                 tree_of(project, previous.commit) if previous else "", previous.version if previous else "",
                 country or ""]
    key = hashlib.sha256("\n".join(key_parts).encode()).hexdigest()[:32]
    entry = cache / key
    if (entry / MANIFEST).is_file():
        return SliceResult(entry, [], reused=True)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="curriculum-release-"))
    try:
        source = export(project, release.commit, work / "source")
        languages, programme_id = _languages(source)
        if only_lang is not None and only_lang not in languages:
            return SliceResult(None, [])
        date = release.release.date.isoformat() if release.release.date else None
        manifest = Manifest(release.version, "release", date, order_of(date, release.version),
                            [only_lang] if only_lang else languages, languages,
                            _bundle_prefix(programme_id, release.version))
        staging = cache / f".{key}.new-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        changes = what_changed(project, previous, release.version, work, country)
        outcome = _build(source, staging, manifest, commit_epoch(project, release.commit), changes, country)
        if not outcome.built:
            shutil.rmtree(staging, ignore_errors=True)
            return SliceResult(None, [p for p in outcome.problems if p.severity.value == "error"])
        try:
            os.replace(staging, entry)
        except OSError:
            # Another publish sharing the cache finished the same release first: keep its copy.
            shutil.rmtree(staging, ignore_errors=True)
            if not (entry / MANIFEST).is_file():
                raise
        return SliceResult(entry, [])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check_dev_name(project: Path, dev: str) -> None:
    """The working tree's version must not be named as a language: both would be a folder of the root."""
    if dev in _languages(project)[0]:
        raise UsageError(f"--dev {dev}: that is a language of the programme; its folder would meet the version's")


def build_dev(project: Path, dest: Path, dev: str, only_lang: str | None = None,
              previous: Resolved | None = None, country: str | None = None) -> SliceResult:
    """The slice of the working tree as it is now (never cached: it changes with every edit)."""
    languages, _programme_id = _languages(project)
    if only_lang is not None and only_lang not in languages:
        return SliceResult(None, [])
    manifest = Manifest(dev, "dev", None, [], [only_lang] if only_lang else languages, languages, None)
    work = Path(tempfile.mkdtemp(prefix="curriculum-dev-"))
    try:
        outcome = _build(project, dest, manifest, None, what_changed(project, previous, dev, work, country), country)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return SliceResult(dest if outcome.built else None, outcome.problems)
