"""What every subcommand shares: the PROJECT argument and how problems are printed and counted."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.problems import FORMATTERS, Problem, has_failures, summary


def _project(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value} is not a folder")
    return path.resolve()


def add_project_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", nargs="?", default=".", type=_project, metavar="PROJECT",
                   help="the project folder (default: the current folder)")


def report(problems: list[Problem], fmt: str, strict: bool) -> int:
    sys.stdout.write(FORMATTERS[fmt](problems))
    failed = has_failures(problems, strict)
    if fmt == "text":
        verdict = "failed" if failed else "ok"
        extra = " (warnings count as errors under --strict)" if strict and failed and problems else ""
        print(f"{verdict}: {summary(problems)}{extra}", file=sys.stderr)
    return 1 if failed else 0
