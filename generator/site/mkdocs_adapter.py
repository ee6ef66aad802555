"""The MkDocs step, kept thin and at the end of the pipeline so that it can be swapped.

Each language is built by MkDocs in its own process from a configuration file we write; the
processes run in parallel. Only MkDocs' public entry points are used (`load_config`, `build`):
no monkeypatching, nothing that a successor keeping mkdocs.yml could not offer.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass
class Job:
    lang: str
    config: dict[str, Any]
    config_file: Path
    dirty: bool = False  # MkDocs' own --dirty: redo only the pages whose docs file is newer than its page
    part: int = 0  # of a language built in parts (`shards`)


@dataclass
class Result:
    lang: str
    ok: bool
    warnings: list[str]
    output: str
    part: int = 0


def run(jobs: list[Job], source_date_epoch: int, parallel: int | None = None) -> list[Result]:
    """Build every job with MkDocs, at most `parallel` at a time (default: one per core)."""
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(source_date_epoch)  # the caller read the environment's value first
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life notice is for MkDocs' own CLI users
    env["DISABLE_MKDOCS_2_WARNING"] = "true"
    env["PYTHONHASHSEED"] = "0"
    limit = max(1, parallel or os.cpu_count() or 1)
    results: list[Result] = []
    pending = list(jobs)
    running: list[tuple[Job, subprocess.Popen[str]]] = []
    while pending or running:
        while pending and len(running) < limit:
            job = pending.pop(0)
            job.config_file.write_text(yaml.safe_dump(job.config, allow_unicode=True, sort_keys=True), encoding="utf-8")
            process = subprocess.Popen(
                [sys.executable, "-m", "generator.site.mkdocs_adapter", str(job.config_file),
                 *(["--dirty"] if job.dirty else [])],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
            )
            running.append((job, process))
        job, process = running.pop(0)
        output, _ = process.communicate()
        warnings = [line.split(":", 1)[1].strip() for line in output.splitlines() if line.startswith("WARNING:")]
        results.append(Result(job.lang, process.returncode == 0, warnings, output, job.part))
    order = [(j.lang, j.part) for j in jobs]
    return sorted(results, key=lambda r: order.index((r.lang, r.part)))


def _main(config_file: str, dirty: bool = False) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(levelname)s:%(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    if dirty:  # we ask for a dirty build knowing what it redoes (see generator.site.cache): not a warning
        handler.addFilter(lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))
    try:
        config = load_config(config_file=config_file)
        build(config, dirty=dirty)
    except MkDocsException as exc:
        print(f"ERROR:{exc}")
        return 1
    except RecursionError:  # `check` limits nesting; this names the cause if something still nests too deep
        print("ERROR:a page is nested too deeply for Markdown to build (lists, quotes or blocks); flatten it")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1], dirty="--dirty" in sys.argv[2:]))
