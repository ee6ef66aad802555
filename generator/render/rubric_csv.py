"""A rubric or selection matrix as a CSV file, for spreadsheets that tally scores.

One row per criterion: id, title, weight, then the descriptor of each level, under translated
headers. UTF-8 with a byte-order mark so that spreadsheet programs read accents right, rows
ended by CRLF as RFC 4180 says, and every value quoted by the `csv` module where needed.
Text that a spreadsheet would take for a formula (starting with = + - @ or a tab) gets a
leading apostrophe, the usual defence against formula injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from generator import model as m
from generator.render.text import plain

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Plain text for one spreadsheet cell, never read as a formula."""
    value = plain(text)
    return "'" + value if value.startswith(_FORMULA_START) else value


def rubric_csv(rubric: m.Rubric, _: Callable[[str], str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("Id"), _("Criterion"), _("Weight (%)")]
                    + [f"{level.score} {cell(level.label)}" for level in rubric.levels])
    for criterion in rubric.criteria:
        writer.writerow([cell(criterion.id), cell(criterion.title), criterion.weight]
                        + [cell(criterion.descriptors.get(level.score, "")) for level in rubric.levels])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
