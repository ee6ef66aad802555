"""Problems found in the content: errors and warnings, each with its place in a file.

Problems are values, not exceptions, so that one run can report all of them together.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the content, at `path:line:col` (path relative to the project, 1-based)."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message} [{self.code}]"

    def moved(self, lines: int = 0) -> "Problem":
        """The same problem, `lines` further down (for a part parsed apart from its file)."""
        return replace(self, line=self.line + lines)


@dataclass(frozen=True)
class Where:
    """A place in a file; the start of a problem."""

    path: str
    line: int = 1
    column: int = 1

    def error(self, code: str, message: str) -> Problem:
        return Problem(self.path, self.line, self.column, Severity.ERROR, code, message)

    def warning(self, code: str, message: str) -> Problem:
        return Problem(self.path, self.line, self.column, Severity.WARNING, code, message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by file, line and column, each problem once."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.severity.value, p.code, p.message))


def has_failures(problems: Iterable[Problem], strict: bool = False) -> bool:
    return any(p.severity is Severity.ERROR or strict for p in problems)


def summary(problems: list[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def format_text(problems: list[Problem]) -> str:
    return "".join(p.text() + "\n" for p in problems)


def format_json(problems: list[Problem]) -> str:
    rows = [{**asdict(p), "severity": p.severity.value} for p in problems]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _github_escape(value: str, prop: bool = False) -> str:
    # The escaping GitHub's workflow commands expect (actions/toolkit, command.ts).
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        props = f"file={_github_escape(p.path, True)},line={p.line},col={p.column},title={_github_escape(p.code, True)}"
        lines.append(f"::{p.severity.value} {props}::{_github_escape(p.message)}\n")
    return "".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
