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
from dataclasses import dataclass, field
from pathlib import Path

from generator.check import check
from generator.check.translations import check_translations
from generator.i18n.notices import add_status_page, annotate
from generator.i18n.translate import localize, translated_site_name
from generator.problems import Problem, Where, has_failures, sort_problems
from generator.render import docs_files, render
from generator.site import mkdocs_adapter, publish
from generator.site.config import mkdocs_config, page_urls, read_project_config, root_of
from generator.site.cache import SEARCH_INDEX, State, cache_root, copy_site, generator_fingerprint, locked
from generator.site.incremental import merge_index as _merge_index
from generator.site.incremental import plan as _plan
from generator.site.search_assets import composed, search_files
from generator.site.static import asset_files
from generator.source.load import Curriculum, load


@dataclass
class Outcome:
    problems: list[Problem]
    built: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)  # the programme's languages, the default first
    rebuilt: list[str] = field(default_factory=list)  # the languages built now (others: as last built)

    def failed(self, strict: bool = False) -> bool:
        return has_failures(self.problems, strict)


class UsageError(Exception):
    """The command was asked for something it must not do (exit status 2)."""


def check_project(root: Path) -> tuple[Curriculum, dict, list[Problem]]:
    cur, problems = load(root)
    config, more = read_project_config(root)
    problems += more + check(cur) + check_translations(cur)
    return cur, config, sort_problems(problems)


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
    """Refuse an output folder that would overwrite the project's sources."""
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


def build_project(root: Path, out: Path, strict: bool = False, parallel: int | None = None, *,
                  languages: list[str] | None = None, cache: bool = True) -> Outcome:
    """Check the project and, if it has no errors, build its site into `out`.

    With `cache` (the default) each language's docs and MkDocs site are kept in the project's
    `.curriculum-cache/`, and the next build redoes only the pages whose Markdown changed (see
    `generator.site.cache`); the site is byte-identical to a build without it. `languages` builds
    only those languages and takes the others from the cache as they were last built (serve uses
    it to show the author's language first); a language never built before is built anyway.
    """
    guard_output(root, out)
    started = time.perf_counter()
    cur, config, problems = check_project(root)
    outcome = Outcome(problems, seconds={"check": time.perf_counter() - started})
    if outcome.failed(strict):
        return outcome
    folder = cache_root(root) if cache else None
    work = folder or Path(tempfile.mkdtemp(prefix="curriculum-build-"))
    try:
        with locked(work):
            _build(cur, config, work, out, outcome, strict, parallel, languages)
    finally:
        if folder is None:
            shutil.rmtree(work, ignore_errors=True)
    return outcome


def _build(cur: Curriculum, config: dict, work: Path, out: Path, outcome: Outcome, strict: bool,
           parallel: int | None, only: list[str] | None) -> None:
    languages = outcome.languages = cur.languages
    site_name = cur.programme.model.title if cur.programme else "Curriculum"
    chosen = outcome.rebuilt = [lang for lang in languages
                                if only is None or lang in only or not (work / lang / "site" / SEARCH_INDEX).is_file()]
    new_site = publish.staging_dir(out)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(cur.root))
    fingerprint = generator_fingerprint()
    try:
        started = time.perf_counter()
        jobs, sources, plans = [], {}, {}
        localized = {lang: localize(cur, lang) for lang in languages}
        statuses = {lang: status for lang, (_local, status) in localized.items()}
        renders = {lang: render(localized[lang][0], lang, stamp=epoch) for lang in chosen}
        for lang, rendered in renders.items():
            annotate(rendered, statuses[lang], languages[0])
            add_status_page(rendered, languages, statuses)
            composed(rendered.pages)
        pages = {lang: page_urls(rendered.pages) for lang, rendered in renders.items()}
        for lang in languages:
            if lang not in pages:  # not rebuilt now: the page list of its last build
                state = State.load(work / lang / "state.json")
                pages[lang] = page_urls(state.files if state else [])
        outcome.seconds["render"] = time.perf_counter() - started
        started = time.perf_counter()
        for lang, rendered in renders.items():
            files = docs_files(rendered, cur) | asset_files() | search_files(lang)
            sources.update(rendered.sources)
            nav = [item.to_mkdocs() for item in rendered.nav]
            config_for_lang = mkdocs_config(translated_site_name(config, cur, localized[lang][0]), lang, languages,
                                            work / lang / "docs", work / lang / "site", nav, site_name, pages)
            plans[lang] = _plan(work / lang, files, config_for_lang, fingerprint)
            if plans[lang].run:
                jobs.append(mkdocs_adapter.Job(lang, config_for_lang, work / lang / "mkdocs.yml", plans[lang].dirty))
        outcome.seconds["write"] = time.perf_counter() - started
        started = time.perf_counter()
        results = mkdocs_adapter.run(jobs, epoch, parallel)
        again = [job for job, result in zip(jobs, results, strict=True)
                 if result.ok and job.dirty and not _merge_index(plans[job.lang])]
        for job in again:  # the dirty build's index could not be merged: build this language afresh
            job.dirty = plans[job.lang].dirty = False
        if again:
            redone = {r.lang: r for r in mkdocs_adapter.run(again, epoch, parallel)}
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
        if outcome.failed(strict):
            return
        started = time.perf_counter()
        for lang in languages:
            copy_site(work / lang / "site", new_site / root_of(lang, languages[0]))
        publish.swap_in(new_site, out)
        outcome.seconds["copy"] = time.perf_counter() - started
        outcome.built = True
    finally:
        publish.discard(new_site)
