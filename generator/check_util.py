"""What the rules of `check_*.py` share: the type of a rule and how to name what is known."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .load import Curriculum
from .problems import Problem
from .shape import closest

Rule = Callable[[Curriculum], Iterator[Problem]]
"""A rule: every problem of one kind in the curriculum, each at the value it concerns."""


def hint(value: str, ids: Iterable[str], noun: str, limit: int = 12) -> str:
    """What to write instead of the unknown `value`: the closest known id, or the known ids."""
    names = sorted(set(ids))
    close = closest(value, names)
    if close is not None:
        return f"did you mean '{close}'?"
    if not names:
        return f"there are no {noun}"
    shown = ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
    return f"known {noun}: {shown}"


def existing(cur: Curriculum, kind: str, loaded: Iterable[str]) -> set[str]:
    """Ids of `kind` that exist as files: loaded, or broken (whose own problems are reported already)."""
    return set(loaded) | cur.unloaded[kind]
