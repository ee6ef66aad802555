"""The MkDocs step, kept thin and at the end of the pipeline so that it can be swapped.

Each language is built by MkDocs in its own process from a configuration file we write; the
processes run in parallel. Only MkDocs' public entry points are used (`load_config`, `build`):
no monkeypatching, nothing that a successor keeping mkdocs.yml could not offer.
"""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import threading
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


def _environment(source_date_epoch: int) -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(source_date_epoch)  # the caller read the environment's value first
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life notice is for MkDocs' own CLI users
    env["DISABLE_MKDOCS_2_WARNING"] = "true"
    env["PYTHONHASHSEED"] = "0"
    return env


def _result(job: Job, ok: bool, output: str) -> Result:
    warnings = [line.split(":", 1)[1].strip() for line in output.splitlines() if line.startswith("WARNING:")]
    return Result(job.lang, ok, warnings, output, job.part)


def _as_options(config: dict[str, Any]) -> dict[str, Any] | None:
    """The configuration as JSON data for `load_config`'s keyword options, if JSON keeps it exactly
    (the worker then skips parsing the YAML file: 0.05 s of an edit's build); else None."""
    try:
        data = json.loads(json.dumps(config, sort_keys=True))  # sorted like the YAML file we write
    except (TypeError, ValueError):
        return None
    return data if data == config and not {"config_file", "config_file_path"} & set(data) else None


def _write_config(job: Job) -> None:
    job.config_file.write_text(yaml.safe_dump(job.config, allow_unicode=True, sort_keys=True), encoding="utf-8")


class Worker:
    """One MkDocs process kept between builds, for `serve`: an edit's build of one language then
    skips starting Python and importing MkDocs, and reuses the theme's compiled templates. It runs
    the same `_main` as a process of its own, so the pages are the same bytes."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._unread = 0  # answers to warm-up requests, read before the next build's answer

    def start(self, source_date_epoch: int = 0) -> None:
        """Start the process now, so that it has imported MkDocs before the first edit."""
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "generator.site.mkdocs_adapter", "--worker"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                env=_environment(source_date_epoch))

    def build(self, job: Job, source_date_epoch: int) -> Result | None:
        """The job built by the worker; None if the worker cannot build (the caller starts a process)."""
        with self._lock:
            try:
                self.start(source_date_epoch)
                _write_config(job)
                assert self._process.stdin is not None and self._process.stdout is not None
                request = {"config": str(job.config_file), "dirty": job.dirty, "epoch": source_date_epoch,
                           "options": _as_options(job.config)}
                self._process.stdin.write(json.dumps(request) + "\n")
                self._process.stdin.flush()
                for _ in range(self._unread):
                    self._process.stdout.readline()
                self._unread = 0
                answer = json.loads(self._process.stdout.readline())
            except (OSError, ValueError):
                self.close()
                return None
        return _result(job, answer["code"] == 0, answer["output"])

    def warm(self, config_file: Path, source_date_epoch: int = 0) -> None:
        """Have the worker load `config_file` (a language's configuration, as the last build wrote
        it) while nobody waits: that imports the plugins and Markdown extensions it names and loads
        the theme, which the first edit's build would otherwise pay for. Nothing is built or
        written; the caller does not wait."""
        with self._lock:
            try:
                self.start(source_date_epoch)
                assert self._process.stdin is not None
                self._process.stdin.write(json.dumps({"warm": str(config_file)}) + "\n")
                self._process.stdin.flush()
                self._unread += 1
            except OSError:
                self.close()

    def close(self) -> None:
        if self._process is not None:
            try:
                if self._process.stdin is not None:
                    self._process.stdin.close()
                self._process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self._process.kill()
            self._process = None
            self._unread = 0


def run(jobs: list[Job], source_date_epoch: int, parallel: int | None = None,
        worker: Worker | None = None) -> list[Result]:
    """Build every job with MkDocs, at most `parallel` at a time (default: one per core); a single
    job goes to `worker` if one is given."""
    if worker is not None and len(jobs) == 1:
        result = worker.build(jobs[0], source_date_epoch)
        if result is not None:
            return [result]
    env = _environment(source_date_epoch)
    limit = max(1, parallel or os.cpu_count() or 1)
    results: list[Result] = []
    pending = list(jobs)
    running: list[tuple[Job, subprocess.Popen[str]]] = []
    while pending or running:
        while pending and len(running) < limit:
            job = pending.pop(0)
            _write_config(job)
            process = subprocess.Popen(
                [sys.executable, "-m", "generator.site.mkdocs_adapter", str(job.config_file),
                 *(["--dirty"] if job.dirty else [])],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
            )
            running.append((job, process))
        job, process = running.pop(0)
        output, _ = process.communicate()
        results.append(_result(job, process.returncode == 0, output))
    order = [(j.lang, j.part) for j in jobs]
    return sorted(results, key=lambda r: order.index((r.lang, r.part)))


def _main(config_file: str, dirty: bool = False, options: dict[str, Any] | None = None) -> int:
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
        if options is None:
            config = load_config(config_file=config_file)
        else:  # the same settings as the file's, given as data: an empty file, then the options
            config = load_config(config_file=io.StringIO("{}"), config_file_path=config_file, **options)
        build(config, dirty=dirty)
    except MkDocsException as exc:
        print(f"ERROR:{exc}")
        return 1
    except RecursionError:  # `check` limits nesting; this names the cause if something still nests too deep
        print("ERROR:a page is nested too deeply for Markdown to build (lists, quotes or blocks); flatten it")
        return 1
    finally:
        logger.removeHandler(handler)
    return 0


def _warm(config_file: str) -> int:
    """Load a configuration and its theme's main template, as a build would, and drop them."""
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    level, logger.level = logger.level, logging.CRITICAL  # its warnings are the next build's to report
    try:
        config = load_config(config_file=config_file)
        config.theme.get_env().get_template("main.html")
    except Exception:  # noqa: BLE001 (only a head start: the build reports what is wrong)
        return 1
    finally:
        logger.setLevel(level)
    return 0


def _serve_requests() -> int:
    """The worker's loop: one JSON request a line in, one JSON answer a line out, until stdin ends."""
    import material  # noqa: F401 (imported before the first request, while the author reads)
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401

    answers = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        if "warm" in request:
            answers.write(json.dumps({"code": _warm(request["warm"])}) + "\n")
            answers.flush()
            continue
        os.environ["SOURCE_DATE_EPOCH"] = str(request["epoch"])
        captured = io.StringIO()
        sys.stdout = captured
        try:
            code = _main(request["config"], dirty=request["dirty"], options=request.get("options"))
        except Exception as exc:  # noqa: BLE001 (reported to the caller like a failed process)
            code, captured = 1, io.StringIO(f"ERROR:{exc!r}")
        finally:
            sys.stdout = answers
        answers.write(json.dumps({"code": code, "output": captured.getvalue()}) + "\n")
        answers.flush()
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        sys.exit(_serve_requests())
    sys.exit(_main(sys.argv[1], dirty="--dirty" in sys.argv[2:]))
