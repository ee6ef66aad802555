"""`curriculum publish`: every release and the working tree, side by side, swapped in at once.

publish -> releases (registry) -> one slice per version (slices: cached for releases) ->
assemble -> swap in (site/publish). `--only` stops after one slice; `--assemble` starts from
slices built elsewhere. One machine runs the same two steps, so both give the same bytes.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build import UsageError, guard_output, guard_sources, guard_target
from generator.problems import Problem, Severity, has_failures
from generator.releases.assemble import LATEST, AssembleError, assemble
from generator.releases.registry import Resolved, releases
from generator.releases.slices import SliceResult, build_dev, build_release
from generator.releases.slices import check_dev_name as check_dev_against_languages
from generator.site import publish as swap
from generator.site.cache import CACHE_DIR, cache_root

CACHE = CACHE_DIR  # one cache folder: release slices here, the working tree's builds in build/
RESERVED = {LATEST, "downloads", "assets", "search"}
DEV_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]{0,63}")


@dataclass
class Report:
    """What a publish did: built, reused from the cache, skipped; and the problems met."""

    problems: list[Problem] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    published: bool = False


def check_dev_name(name: str) -> None:
    """A release's version starts with a digit; the working tree's with a letter, so they never meet."""
    if not DEV_NAME.fullmatch(name) or name in RESERVED:
        raise UsageError(f"--dev {name!r}: the working tree's version needs a name that starts with a letter, then "
                         f"letters, digits, '.', '-' or '_', and is not one of {', '.join(sorted(RESERVED))}")


def _release_slice(project: Path, release: Resolved, cache: Path, lang: str | None, report: Report,
                   previous: Resolved | None, country: str | None = None) -> Path | None:
    result: SliceResult = build_release(project, release, cache, lang, previous, country)
    if result.folder is None:
        if result.problems:
            report.problems.append(release.release.where.warning(
                "release-not-built", f"release {release.version} (commit {release.commit[:12]}) cannot be built "
                f"by this generator and is not published; its problems follow"))
            # Its own problems, as warnings of this publish, at `<version>:<path>` (git's rev:path).
            report.problems += [replace(p, path=f"{release.version}:{p.path}", severity=Severity.WARNING)
                                for p in result.problems]
            report.skipped.append(release.version)
        return None
    (report.reused if result.reused else report.built).append(release.version)
    return result.folder


def build_slices(project: Path, work: Path, cache: Path, dev: str | None, only: str | None = None,
                 lang: str | None = None, country: str | None = None) -> tuple[list[Path], Report]:
    """The slices to publish (all, or the one of `only`), and what was built, reused, skipped."""
    found, problems = releases(project)
    report = Report(problems=list(problems))
    if dev:
        check_dev_against_languages(project, dev)
    if dev and dev in {r.version for r in found}:
        raise UsageError(f"--dev {dev}: a release has that version; name the working tree otherwise")
    if only is not None and only != dev and only not in {r.version for r in found}:
        known = ", ".join([r.version for r in found] + ([dev] if dev else [])) or "none"
        raise UsageError(f"--only {only}: there is no such version (versions: {known})")
    if not found and not dev:
        raise UsageError("nothing to publish: there is no release (curriculum/releases.yaml, v* tags) and --no-dev "
                         "leaves out the working tree")
    if cache == project / CACHE and not cache.exists():
        cache_root(project)  # made now, after the refusals above, with its owner's token (cachedir)
    slices: list[Path] = []
    # Each release's "What changed" page compares it with the release before it (dev: the newest).
    for previous, release in zip([None, *found], found):
        if only is None or only == release.version:
            folder = _release_slice(project, release, cache, lang, report, previous, country)
            if folder is not None:
                slices.append(folder)
    if dev and (only is None or only == dev):
        result = build_dev(project, work / "dev", dev, lang, found[-1] if found else None, country)
        report.problems += result.problems
        if result.folder is None and has_failures(result.problems):
            return [], report
        if result.folder is not None:
            slices.append(result.folder)
            report.built.append(dev)
    return slices, report


def publish(project: Path, out: Path, dev: str | None = "dev", cache: Path | None = None,
            only: str | None = None, lang: str | None = None, country: str | None = None) -> Report:
    """Build every release and the working tree (or one slice, with `only`) into `out`, atomically.

    `country` builds every version for that country profile (default: the one each version's
    programme.yaml names); a version whose files have no such profile stops the publish (exit 2)."""
    guard_output(project, out)
    if cache is None and (project / CACHE).exists() and cache_root(project) is None:
        # A cache not made here (or committed) could hold crafted releases: build every slice afresh.
        cache = Path(tempfile.mkdtemp(prefix="curriculum-publish-cache-"))
        own_cache = cache
    else:
        own_cache = None
    cache = cache or project / CACHE
    guard_sources(project, cache)  # the cache is ours to fill, never a site: only keep it out of the sources
    work = Path(tempfile.mkdtemp(prefix="curriculum-publish-"))
    staging = swap.staging_dir(out)
    try:
        slices, report = build_slices(project, work, cache, dev, only, lang, country)
        if has_failures(report.problems) or not slices:
            return report
        if only is not None:
            # A slice is published as it was built: its manifest and pages, joined later.
            shutil.copytree(slices[0], staging, dirs_exist_ok=True)
            report.languages = [lang] if lang else []
        else:
            report.languages = assemble(slices, staging)
        swap.swap_in(staging, out)
        report.published = True
        return report
    finally:
        swap.discard(staging)
        shutil.rmtree(work, ignore_errors=True)
        if own_cache is not None:
            shutil.rmtree(own_cache, ignore_errors=True)


def publish_assembled(folders: list[Path], out: Path) -> list[str]:
    """Join slices built apart (`publish --only`) into `out`, atomically."""
    for folder in folders:
        resolved = folder.resolve()
        if out.resolve() == resolved or out.resolve() in resolved.parents or resolved in out.resolve().parents:
            raise UsageError(f"refusing to publish into {out}: it holds or lies inside the slice {folder}")
    guard_target(out)
    staging = swap.staging_dir(out)
    try:
        try:
            summary = assemble(folders, staging)
        except AssembleError as exc:
            raise UsageError(str(exc)) from exc
        swap.swap_in(staging, out)
        return summary
    finally:
        swap.discard(staging)
