"""One language's full build spread over several MkDocs processes, with the bytes of one process.

MkDocs builds a site in one process, on one core. When a build has fewer languages to build from
scratch than the machine has cores, each such language is split into parts: every part is a
MkDocs build of the whole configuration into a folder of its own, where the pages of the other
parts are already present as empty files newer than their sources, so that MkDocs' own `dirty`
build (its public `build(config, dirty=True)`) renders only the part's pages. Navigation, titles
and links come from the configuration, the same in every part, so each page has the bytes a single
build gives it. The parts' pages are then moved into the language's site, and their search
indexes joined in the order MkDocs visits the pages (the plugin writes that order beside the
configuration file: `pages_order_file`).

A part that cannot be joined (a page missing, an index entry of an unknown page) makes the
language be built again in one process; the result is never a mixture.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.site.cache import SEARCH_INDEX, page_url, write_search_index
from generator.site.mkdocs_adapter import Job, Result

# Below this many pages the start-up of another process costs more than it saves.
MIN_PAGES = 120
MAX_PARTS = 4


def pages_order_file(config_file: Path) -> Path:
    """Where the plugin writes the docs pages in MkDocs' order, for the build of `config_file`."""
    return config_file.with_name(config_file.stem + ".pages.json")


@dataclass
class Split:
    """A language's build in parts: part 0 builds into the language's site, the others beside it."""

    job: Job
    folder: Path  # the language's cache folder: docs/, site/
    parts: list[Job] = field(default_factory=list)
    pages: list[list[str]] = field(default_factory=list)  # the docs pages each part renders


def _assign(docs: Path, pages: list[str], count: int) -> list[list[str]]:
    """Pages in `count` groups of about equal bytes (a handbook part weighs many module pages)."""
    groups: list[list[str]] = [[] for _ in range(count)]
    weights = [0] * count
    for name in sorted(pages, key=lambda n: (-(docs / n).stat().st_size, n)):
        lightest = weights.index(min(weights))
        groups[lightest].append(name)
        weights[lightest] += (docs / name).stat().st_size
    return groups


def _prepare(site: Path, docs: Path, skip: list[str]) -> None:
    """An empty `site` where the files of `skip` (docs paths) stand already built, so MkDocs skips them."""
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    for name in skip:
        target = site / (page_url(name) if name.endswith(".md") else name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"")
        newer = (docs / name).stat().st_mtime + 1
        os.utime(target, (newer, newer))


def spread(jobs: list[Job], folders: dict[str, Path], cores: int) -> tuple[list[Job], list[Split]]:
    """The jobs to run: full builds split into parts when cores would otherwise stay idle."""
    full = [job for job in jobs if not job.dirty]
    if not full or len(jobs) >= cores:
        return jobs, []
    count = min(MAX_PARTS, max(1, cores // len(jobs)))
    out: list[Job] = []
    splits: list[Split] = []
    for job in jobs:
        docs = Path(job.config["docs_dir"])
        folder = folders[job.lang]
        files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
        pages = [name for name in files if name.endswith(".md")]
        if job.dirty or count < 2 or len(pages) < MIN_PAGES:
            out.append(job)
            continue
        split = Split(job, folder, pages=_assign(docs, pages, count))
        for number, mine in enumerate(split.pages):
            site = Path(job.config["site_dir"]) if number == 0 else folder / f"part-{number}"
            chosen = set(mine)
            # Part 0 copies the other files (assets, pictures); the others skip them too.
            skip = [n for n in files if n not in chosen and (n.endswith(".md") or number > 0)]
            _prepare(site, docs, skip)
            config = dict(job.config, site_dir=str(site))
            split.parts.append(Job(job.lang, config, folder / f"mkdocs-part-{number}.yml", dirty=True, part=number))
        out += split.parts
        splits.append(split)
    return out, splits


def _join_index(split: Split) -> str | None:
    """The search index of the whole language from its parts' indexes, or None if it cannot be told."""
    try:
        order = json.loads(pages_order_file(split.parts[0].config_file).read_text(encoding="utf-8"))
        indexes = [json.loads((Path(part.config["site_dir"]) / SEARCH_INDEX).read_text(encoding="utf-8"))
                   for part in split.parts]
    except (OSError, ValueError):
        return None
    entries: dict[str, list[dict]] = {}
    for index in indexes:
        for entry in index["docs"]:
            entries.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    urls = [page_url(name) for name in order]
    if set(entries) - set(urls):
        return None
    docs = [entry for url in urls for entry in entries.get(url, [])]
    # Material's search plugin writes the index with these separators (plugins/search/plugin.py).
    return json.dumps({"config": indexes[0]["config"], "docs": docs}, separators=(",", ":"), default=str)


def join(results: list[Result], splits: list[Split]) -> tuple[list[Result], list[Job]]:
    """One result per language; and the jobs to run again in one process (their parts did not join)."""
    by_part = {(r.lang, r.part): r for r in results}
    joined = [r for r in results if r.part == 0 and r.lang not in {s.job.lang for s in splits}]
    again: list[Job] = []
    for split in splits:
        parts = [by_part[(split.job.lang, part.part)] for part in split.parts]
        result = Result(split.job.lang, all(p.ok for p in parts),
                        list(dict.fromkeys(w for p in parts for w in p.warnings)),
                        "".join(p.output for p in parts))
        site = Path(split.job.config["site_dir"])
        if result.ok:
            index = _join_index(split)
            for number, mine in enumerate(split.pages[1:], start=1):
                here = Path(split.parts[number].config["site_dir"])
                for name in mine:
                    built = here / page_url(name)
                    if built.is_file() and built.stat().st_size:
                        os.replace(built, site / page_url(name))
            placeholder = any(not (site / page_url(n)).stat().st_size for mine in split.pages for n in mine)
            if index is None or placeholder:
                again.append(split.job)
            else:
                write_search_index(site, index)
        for part in split.parts[1:]:
            shutil.rmtree(part.config["site_dir"], ignore_errors=True)
        joined.append(result)
    order = [r.lang for r in results if r.part == 0]
    return sorted(joined, key=lambda r: order.index(r.lang)), again
