"""The upstream report of a fork: three curricula compared item by item.

A fork records the upstream release it started from (the *base*: `upstream:` in its country
profile, written by `curriculum fork init`). Against a newer upstream release, the report says
what the fork changed since the base, what upstream changed since the base, and which items both
changed differently: the places where merging the new release needs a person. Items are
curriculum items (`items.py`), not lines, so a reworded objective is one item however its lines
were wrapped, and two edits to different sessions of one module do not conflict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.problems import Severity
from generator.releases.gittree import GitError, tags
from generator.releases.items import ItemChange, item_changes
from generator.releases.refs import Side, UnknownRef, checked_out, resolve
from generator.source.load import Curriculum, load
from generator.source.profile import Upstream, load_profiles


class NoBase(Exception):
    """The project records no upstream release, or the release cannot be found."""


@dataclass
class Conflict:
    item: str
    fork: ItemChange
    upstream: ItemChange

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "fork": self.fork.to_dict(), "upstream": self.upstream.to_dict()}


@dataclass
class Report:
    repository: str
    base: Side
    newer: Side
    fork: list[ItemChange] = field(default_factory=list)
    upstream: list[ItemChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    same: list[str] = field(default_factory=list)
    """Items both sides changed in the same way: nothing to decide."""

    def to_json(self) -> str:
        data = {
            "repository": self.repository,
            "base": {"ref": self.base.ref, "commit": self.base.commit},
            "upstream_release": {"ref": self.newer.ref, "commit": self.newer.commit},
            "fork_changes": [c.to_dict() for c in self.fork],
            "upstream_changes": [c.to_dict() for c in self.upstream],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "same_on_both_sides": self.same,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def recorded_upstream(project: Path) -> Upstream:
    """The upstream the fork started from, from the profile that records one (the programme's first)."""
    profiles, _problems = load_profiles(project)
    cur, _ = load(project)
    chosen = cur.programme.model.country if cur.programme else None
    ordered = ([profiles[chosen]] if chosen in profiles else []) + [p for c, p in sorted(profiles.items()) if c != chosen]
    for profile in ordered:
        if profile.upstream is not None:
            return profile.upstream
    raise NoBase("no country profile records an upstream release: run 'curriculum fork init' first, or add "
                 "upstream: {repository: ..., release: ..., commit: ...} to the fork's profile")


def _read(project: Path, side: Side) -> Curriculum:
    with checked_out(project, side) as root:
        cur, problems = load(root)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise NoBase(f"{side.ref} has files that cannot be read ({errors[0].text()})")
    return cur


def newest_release(project: Path, base_commit: str) -> str:
    found = [name for name, commit in tags(project) if commit != base_commit]
    if not found:
        raise NoBase("no newer upstream release: name one with --upstream REF (a tag, a commit, or a fetched "
                     "branch such as upstream/main)")
    return found[-1]


def status(project: Path, upstream_ref: str | None = None) -> Report:
    """Compare the fork (the working tree) and a newer upstream release with their common base."""
    recorded = recorded_upstream(project)
    try:
        base = Side(recorded.release, resolve(project, recorded.commit).commit)
        ref = upstream_ref or newest_release(project, recorded.commit)
        newer = resolve(project, ref)
    except (UnknownRef, GitError) as exc:
        raise NoBase(f"{exc}; fetch the upstream repository ({recorded.repository}) first, e.g. "
                     "git fetch upstream --tags") from exc
    base_cur, newer_cur = _read(project, base), _read(project, newer)
    fork_cur, _problems = load(project)
    report = Report(recorded.repository, base, newer, item_changes(base_cur, fork_cur), item_changes(base_cur, newer_cur))
    theirs = {c.item: c for c in report.upstream}
    for mine in report.fork:
        other = theirs.get(mine.item)
        if other is None:
            continue
        if (mine.change, mine.fields, mine.new) == (other.change, other.fields, other.new):
            report.same.append(mine.item)
        else:
            report.conflicts.append(Conflict(mine.item, mine, other))
    return report


def _line(change: ItemChange) -> str:
    detail = f" ({', '.join(change.fields)})" if change.fields else ""
    return f"  {change.change:<8} {change.item}{detail}\n"


def format_text(report: Report) -> str:
    out = [f"base:     {report.base.ref} ({(report.base.commit or '')[:12]}), the upstream release the fork started from\n",
           f"upstream: {report.newer.ref} ({(report.newer.commit or '')[:12]}) of {report.repository}\n",
           "fork:     the working tree\n\n",
           f"Changed in the fork since the base ({len(report.fork)}):\n"]
    out += [_line(c) for c in report.fork] or ["  nothing\n"]
    out.append(f"\nChanged upstream since the base ({len(report.upstream)}):\n")
    out += [_line(c) for c in report.upstream] or ["  nothing\n"]
    out.append(f"\nChanged on both sides: a person decides how to merge these ({len(report.conflicts)}):\n")
    for conflict in report.conflicts:
        out.append(f"  {conflict.item}\n    fork:     {_line(conflict.fork).strip()}\n"
                   f"    upstream: {_line(conflict.upstream).strip()}\n")
    if not report.conflicts:
        out.append("  nothing: the upstream changes can be merged without a decision\n")
    if report.same:
        out.append(f"\nChanged the same way on both sides ({len(report.same)}): {', '.join(report.same)}\n")
    return "".join(out)
