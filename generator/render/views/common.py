"""What several page kinds share: the participant-view switch that hides trainer notes.

The switch is a checkbox (`templates/_switch.md.j2`); the stylesheet hides every trainer note of
the page while it is ticked, on screen and in print, so no script is needed.
"""

from __future__ import annotations

import re

_TRAINER_NOTE = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+trainer\b", re.MULTILINE)
_H1 = re.compile(r"^# .*$", re.MULTILINE)


def has_trainer_notes(markdown: str) -> bool:
    """Whether the page holds a `!!! trainer` (or collapsible `??? trainer`) admonition."""
    return bool(_TRAINER_NOTE.search(markdown))


def add_participant_switch(markdown: str, switch: str) -> str:
    """`markdown` with the `switch` (HTML) under its title, if it has trainer notes to hide."""
    if not has_trainer_notes(markdown):
        return markdown
    title = _H1.search(markdown)
    at = title.end() + 1 if title else 0
    return markdown[:at] + "\n" + switch.strip() + "\n\n" + markdown[at:]
