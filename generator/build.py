"""The pipeline, top to bottom: load -> check -> render -> build (MkDocs) -> publish.

`check_project` runs the first two stages; `build_project` all five. Both return problems as
values; nothing is printed here, so the CLI, `serve` and the tests share one code path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.check import check
from generator.check.links import LINK_CODES, generated_page_anchors
from generator.check.placeholders import check_placeholders
from generator.check.translations import check_translations
from generator.i18n.notices import add_status_page, annotate
from generator.i18n.translate import (
    LanguageStatus,
    language_status,
    localize,
    translated_site_name,
)
from generator.problems import Problem, Where, has_failures, sort_problems
from generator.source.cachedir import cache_problems
from generator.releases.registry import read_file as read_releases
from generator.render import NavItem, docs_files, render
from generator.render.anchors import RenderedAnchors
from generator.render.profile import fill_curriculum, locales_of
from generator.site import mkdocs_adapter, publish, shards
from generator.site.cache import (
    PUBLISHED,
    SEARCH_INDEX,
    State,
    build_cache,
    cache_root,
    copy_site,
    generator_fingerprint,
    locked,
)
from generator.site.config import (
    Versioned,
    mkdocs_config,
    page_urls,
    profile_config,
    read_project_config,
    root_of,
)
from generator.site.incremental import merge_index as _merge_index
from generator.site.incremental import plan as _plan
from generator.site.search_assets import composed, search_files
from generator.site.static import asset_files
from generator.source.load import Curriculum, load
from generator.source.memo import Memo
from generator.source.profile import Country, load_profiles


@dataclass
class Outcome:
    problems: list[Problem]
    built: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)  # the programme's languages, the default first
    rebuilt: list[str] = field(default_factory=list)  # the languages built now (others: as last built)
    pages_changed: bool = False  # a language built now has other pages than when it was last built
    held: bool = False  # changed pages were left for the next build (`first`)
    stopped: bool = False  # the build was no longer wanted and stopped before writing (`stop`)
    config_files: list[Path] = field(default_factory=list)  # the MkDocs configurations this build wrote

    def failed(self, strict: bool = False) -> bool:
        return has_failures(self.problems, strict)


# Pages a caller adds to each language's site, made from the checked curriculum (publish: the
# "What changed" page of a release): language -> (docs path, title in the navigation, Markdown).
ExtraPages = Callable[[Curriculum], dict[str, tuple[str, str, str]]]


class UsageError(Exception):
    """The command was asked for something it must not do (exit status 2)."""


def check_project(root: Path, memo: Memo | None = None) -> tuple[Curriculum, dict, list[Problem]]:
    """Load and check the project; `memo` keeps parsed files for the next run (see generator.source.memo)."""
    cur, problems = load(root, memo)
    config, more = read_project_config(root)
    profiles, more_profiles = load_profiles(root)
    problems += (more + more_profiles + check(cur) + check_translations(cur) + check_placeholders(cur, profiles)
                 + read_releases(root)[1] + cache_problems(root))
    # Anchors on generated pages: their headings are known once rendered, which needs a sound
    # curriculum (a broken link does not keep a page from rendering).
    renderable = not has_failures([p for p in problems if p.code not in LINK_CODES])
    problems += generated_page_anchors(cur, RenderedAnchors(cur) if renderable else None)
    return cur, config, sort_problems(problems)


def choose_profile(root: Path, cur: Curriculum, country: str | None) -> Country | None:
    """The profile to build with: `country`, else the one programme.yaml names, else none."""
    code = country or (cur.programme.model.country if cur.programme else None)
    if code is None:
        return None
    profiles, _problems = load_profiles(root)
    if code not in profiles:
        known = ", ".join(sorted(profiles)) or "none"
        if country:
            raise UsageError(f"there is no readable country profile curriculum/countries/{code}.yaml (profiles: {known})")
        return None  # `check` has named the programme's unknown `country:`
    return profiles[code]


def source_date_epoch(root: Path) -> int:
    """The time builds are dated with: the last commit, else the newest input file."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    times = [p.stat().st_mtime for d in ("content", "curriculum") for p in (root / d).rglob("*") if p.is_file()]
    return int(max(times, default=0))


def guard_output(root: Path, out: Path) -> None:
    """Refuse an output folder that would overwrite the project's sources or anything not ours.

    The build replaces the whole folder, so it must be missing, empty, or a site we built before.
    """
    guard_target(out)
    guard_sources(root, out)


def guard_target(out: Path) -> None:
    """Refuse to replace a folder that is not missing, empty or a site we built: a link, a file, a git
    repository, or a folder of other files."""
    if out.is_symlink():
        raise UsageError(f"refusing to build into {out}: it is a link; name the folder itself")
    if out.exists() and not out.is_dir():
        raise UsageError(f"refusing to build into {out}: it is a file, not a folder")
    if out.name == ".git" or (out / ".git").exists() or (out / "HEAD").is_file() and (out / "objects").is_dir():
        raise UsageError(f"refusing to build into {out}: it is a git repository")
    if out.is_dir() and any(out.iterdir()) and not publish.ours(out):
        raise UsageError(f"refusing to build into {out}: it holds other files and is not a site built by "
                         f"curriculum (no {publish.MARKER} file); name an empty or new folder")


def guard_sources(root: Path, out: Path) -> None:
    """Refuse a folder to write into that is inside the project's sources or holds the project."""
    out = out.resolve()
    for protected in (root / "content", root / "curriculum", root / "generator", root / "tests"):
        protected = protected.resolve()
        if out == protected or protected in out.parents:
            raise UsageError(f"refusing to build into {out}: it is inside {protected.name}/, which holds sources")
    if out == root.resolve() or out in root.resolve().parents:
        raise UsageError(f"refusing to build into {out}: it would replace the project itself")


_DOC_FILE = re.compile(r"Doc file '([^']+)'")


def _mkdocs_problem(message: str, sources: dict[str, str]) -> Problem:
    match = _DOC_FILE.search(message)
    path = sources.get(match.group(1), "mkdocs.yml") if match else "mkdocs.yml"
    return Where(path).warning("mkdocs", message)


def build_project(root: Path, out: Path, strict: bool = False, parallel: int | None = None,
                  country: str | None = None, versioned: Versioned | None = None, only: list[str] | None = None,
                  epoch: int | None = None, extra_pages: ExtraPages | None = None, *,
                  refresh: list[str] | None = None, cache: bool = True,
                  worker: mkdocs_adapter.Worker | None = None,
                  later: Callable[[Callable[[], None]], None] | None = None, first: str | None = None,
                  stop: Callable[[], bool] | None = None) -> Outcome:
    """Check the project and, if it has no errors, build its site into `out` for a country profile.

    `versioned` builds one version of a site of several: each language's pages go to
    `<language root>/<version>/`. `only` builds these languages alone (the others are still
    rendered, so that language links know their pages). `epoch` dates the build (default:
    SOURCE_DATE_EPOCH, else the last commit). `extra_pages` adds pages to each language.

    With `cache` (the default) each language's docs and MkDocs site are kept in the project's
    `.curriculum-cache/build/`, and the next build redoes only the pages whose Markdown changed
    (see `generator.site.cache`); the site is byte-identical to a build without it. `refresh`
    builds only those languages now and takes the others from the cache as they were last built
    (serve uses it to show the author's language first); a language not in the cache is built anyway.
    `worker` is a MkDocs process kept between builds (serve), used when one language is built.
    `later` is handed the removal of the site `out` held before (serve runs it once the page has
    reloaded); by default it is done at once.
    `first` (a docs page, with `refresh`) is the page the author has open: if a language can take a
    dirty build, only that page is redone now, the language's other changed pages at the next build
    (`Outcome.held` says whether there are any). `stop` is asked between the stages whether the
    build is still wanted (serve's background build after a newer edit): if not, it returns before
    it writes anything, with `Outcome.stopped`.
    """
    guard_output(root, out)
    started = time.perf_counter()
    memo = Memo(_memo_folder(root), generator_fingerprint()) if cache else None
    cur, config, problems = check_project(root, memo)
    profile = choose_profile(root, cur, country)
    outcome = Outcome(problems, seconds={"check": time.perf_counter() - started})
    if outcome.failed(strict):
        return outcome
    if stop is not None and stop():
        outcome.stopped = True
        return outcome
    folder = build_cache(root, profile.code if profile else "", repr(versioned)) if cache else None
    request = _Request(root, out, strict, parallel, profile, versioned, only, epoch, extra_pages, refresh, worker,
                       later, first, stop, memo if folder else None)
    work = folder or Path(tempfile.mkdtemp(prefix="curriculum-build-"))
    try:
        with locked(work):
            _build(cur, config, work, request, outcome)
    finally:
        if folder is None:
            shutil.rmtree(work, ignore_errors=True)
    return outcome


@dataclass
class _Request:
    """What `build_project` was asked for, passed on to `_build` in one piece."""

    root: Path
    out: Path
    strict: bool
    parallel: int | None
    profile: Country | None
    versioned: Versioned | None
    only: list[str] | None
    epoch: int | None
    extra_pages: ExtraPages | None
    refresh: list[str] | None
    worker: mkdocs_adapter.Worker | None
    later: Callable[[Callable[[], None]], None] | None
    first: str | None
    stop: Callable[[], bool] | None
    memo: Memo | None = None  # files kept by the digest of their data (`generator.source.memo`)


def _memo_folder(root: Path) -> Path | None:
    top = cache_root(root)
    return top / "memo" if top is not None and not (top / "memo").is_symlink() else None


def _keep_folders_locked(old: Path, spare: Path, work: Path) -> None:
    """`publish.keep_folders` after the build (serve): under the cache's lock again, since a build in
    another terminal may be taking the spare folders for its own new site meanwhile."""
    with locked(work):
        publish.keep_folders(old, spare)


def _build(cur: Curriculum, config: dict, work: Path, req: _Request, outcome: Outcome) -> None:
    languages = outcome.languages = cur.languages
    site_name = cur.programme.model.title if cur.programme else "Curriculum"
    built = [lang for lang in languages if req.only is None or lang in req.only]
    cached = {lang for lang in languages if (work / lang / "site" / SEARCH_INDEX).is_file()}
    # `only` needs every language's page list, so every language is rendered; `refresh` takes the
    # page lists of the languages it does not build from their last build.
    rendered_langs = languages if req.only is not None else [
        lang for lang in languages if req.refresh is None or lang in req.refresh or lang not in cached]
    outcome.rebuilt = [lang for lang in built if lang in rendered_langs]
    spare = work / "_spare"  # the empty folders of the site last swapped out (no language is named so)
    new_site = publish.staging_dir(req.out, spare)
    epoch = req.epoch
    if epoch is None:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(req.root))
    fingerprint = generator_fingerprint()
    profile = req.profile
    memo = req.memo
    try:
        started = time.perf_counter()
        jobs, sources, plans = [], {}, {}
        # Staleness is measured on the sources as written; readers get the placeholders filled in.
        filled = fill_curriculum(cur, profile, locales_of(cur, profile))
        statuses = {lang: LanguageStatus(lang) if lang == languages[0] else language_status(cur, lang)
                    for lang in languages}
        localized = {lang: localize(filled, lang)[0] for lang in rendered_langs}
        renders = {lang: render(localized[lang], lang, stamp=epoch, memo=memo) for lang in rendered_langs}
        added = req.extra_pages(filled) if req.extra_pages else {}  # readers see no placeholders
        for lang, rendered in renders.items():
            annotate(rendered, statuses[lang], languages[0])
            add_status_page(rendered, languages, statuses)
            if lang in added:  # after the notices: a generated page has no translation to be behind
                path, title, text = added[lang]
                rendered.pages[path] = text
                rendered.nav.append(NavItem(title, path))
            composed(rendered.pages)
        pages = {lang: page_urls(rendered.pages) for lang, rendered in renders.items()}
        for lang in languages:
            state = State.load(work / lang / "state.json")
            last = page_urls(state.files if state else [])
            if lang not in pages:  # not rebuilt now: the page list of its last build
                pages[lang] = last
            elif state is None or sorted(pages[lang]) != sorted(last):
                outcome.pages_changed = True
        outcome.seconds["render"] = time.perf_counter() - started
        if req.stop is not None and req.stop():  # before the cache is written: it stays as it was
            outcome.stopped = True
            return
        started = time.perf_counter()
        for lang in outcome.rebuilt:
            rendered = renders[lang]
            files = docs_files(rendered, cur) | asset_files() | search_files(lang)
            sources.update(rendered.sources)
            nav = [item.to_mkdocs() for item in rendered.nav]
            lang_config = profile_config(translated_site_name(config, cur, localized[lang]), profile, lang,
                                         languages[0])
            config_for_lang = mkdocs_config(lang_config, lang, languages, work / lang / "docs", work / lang / "site",
                                            nav, site_name, pages, root=req.root, versioned=req.versioned)
            plans[lang] = _plan(work / lang, files, config_for_lang, fingerprint, req.first)
            outcome.held = outcome.held or plans[lang].held
            if plans[lang].run:
                jobs.append(mkdocs_adapter.Job(lang, config_for_lang, work / lang / "mkdocs.yml", plans[lang].dirty))
        outcome.seconds["write"] = time.perf_counter() - started
        started = time.perf_counter()
        # A language built from scratch while cores would stay idle is built in parts (`shards`).
        runs, splits = shards.spread(jobs, {lang: work / lang for lang in plans}, req.parallel or os.cpu_count() or 1)
        outcome.config_files = [run.config_file for run in runs]
        results, unjoined = shards.join(mkdocs_adapter.run(runs, epoch, req.parallel, req.worker), splits)
        again = [job for job, result in zip(jobs, results, strict=True)
                 if result.ok and job.dirty and not _merge_index(plans[job.lang])] + unjoined
        for job in again:  # the dirty build's index could not be merged: build this language afresh
            job.dirty = plans[job.lang].dirty = False
        if again:
            redone = {r.lang: r for r in mkdocs_adapter.run(again, epoch, req.parallel)}
            results = [redone.get(r.lang, r) for r in results]
        outcome.seconds["mkdocs"] = time.perf_counter() - started
        for result in results:
            plan = plans[result.lang]
            warnings = plan.warnings(result.warnings)
            outcome.problems += [_mkdocs_problem(w, sources) for w in warnings]
            if not result.ok:
                outcome.problems.append(Where("mkdocs.yml").error(
                    "mkdocs-failed", f"MkDocs could not build the '{result.lang}' site:\n{result.output.strip()}"))
            else:
                plan.finish(warnings)
        for plan in plans.values():
            if not plan.run:  # nothing changed: the cached site stands as it is
                warnings = plan.warnings([])
                outcome.problems += [_mkdocs_problem(w, sources) for w in warnings]
                plan.finish(warnings)
        outcome.problems = sort_problems(outcome.problems)
        if outcome.failed(req.strict):
            return
        started = time.perf_counter()
        for lang in built:
            place = Path(root_of(lang, languages[0])) / (req.versioned.name if req.versioned else "")
            copy_site(work / lang / "site", new_site / place, req.out / place, work / lang / PUBLISHED)
        publish.prune(new_site)

        def tidy(old: Path) -> None:
            if req.later is None:
                publish.keep_folders(old, spare)
            else:
                req.later(lambda: _keep_folders_locked(old, spare, work))

        publish.swap_in(new_site, req.out, tidy)
        outcome.seconds["copy"] = time.perf_counter() - started
        outcome.built = True
    finally:
        if new_site.exists():  # the build failed or stopped: the staging folder was not swapped in
            publish.keep_folders(new_site, spare)
