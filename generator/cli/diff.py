"""`curriculum diff OLD NEW [PROJECT] [--format text|json]`: what changed between two releases.

A thin layer: names are resolved (`releases.refs`), both sides loaded, compared (`releases.diff`)
and printed. Exit 0 with the changes (none is fine); 1 if a side has files that cannot be read,
since a file left out would show as removed; 2 for a name that is no release, tag or commit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.build import UsageError
from generator.cli.arguments import add_project_argument
from generator.problems import Severity, format_text, sort_problems
from generator.releases.diff import compare
from generator.releases.diffmodel import Diff, to_json
from generator.releases.difftext import format_text as diff_text
from generator.releases.gittree import GitError
from generator.releases.refs import Side, UnknownRef, checked_out, resolve
from generator.source.load import Curriculum, load


def _label(side: Side, version: str | None) -> str:
    """`2026.2 (v2026.2, 3f2a9c1e0b7d)`: the version, and what was named if it says more."""
    if side.commit is None:
        where = "the working tree"
    elif side.commit.startswith(side.ref) or side.ref == version:
        where = side.commit[:12]
    else:
        where = f"{side.ref}, {side.commit[:12]}"
    return f"{version or '(no version)'} ({where})"


def _side_json(side: Side, version: str | None) -> dict[str, Any]:
    return {"ref": side.ref, "commit": side.commit, "version": version}


def _read(project: Path, side: Side, name: str) -> tuple[Curriculum | None, bool]:
    """The curriculum of `side`, or None after printing why it cannot be compared."""
    with checked_out(project, side) as root:
        cur, problems = load(root)
    errors = [p for p in sort_problems(problems) if p.severity is Severity.ERROR]
    if errors:
        print(f"curriculum: {name} ({side.ref}) has files that cannot be read; fix them or compare other "
              f"releases:", file=sys.stderr)
        sys.stderr.write(format_text(errors))
        return None, False
    return cur, True


def cmd_diff(args: argparse.Namespace) -> int:
    project: Path = args.project
    try:
        sides = [resolve(project, args.old), resolve(project, args.new)]
    except (UnknownRef, GitError) as exc:
        raise UsageError(str(exc)) from exc
    old, old_ok = _read(project, sides[0], "OLD")
    new, new_ok = _read(project, sides[1], "NEW")
    if not (old_ok and new_ok) or old is None or new is None:
        return 1
    diff: Diff = compare(old, new)
    if args.format == "json":
        data = {"old": _side_json(sides[0], diff.old_version), "new": _side_json(sides[1], diff.new_version),
                **{k: v for k, v in diff.to_dict().items() if k not in ("old_version", "new_version")}}
        sys.stdout.write(to_json(data))
    else:
        sys.stdout.write(diff_text(diff, _label(sides[0], diff.old_version), _label(sides[1], diff.new_version)))
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("diff", help="what changed in the curriculum between two releases, tags or commits")
    p.add_argument("old", metavar="OLD", help="a release version, tag or commit, or . for the working tree")
    p.add_argument("new", metavar="NEW", help="a release version, tag or commit, or . for the working tree")
    add_project_argument(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="how to print the changes")
    p.set_defaults(run=cmd_diff)
