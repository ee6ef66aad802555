"""Stage 2, check: the rules that span files (cross-references, sums, the schedule, links).

Shape problems come from `load`; here every rule looks at the validated model and points at the
exact value it concerns. Each rule is a small function that yields problems, so that a run
reports all of them and a new rule is one more function in a `RULES` list:

- `check_programme`: modules listed once, languages, outcomes, certification rubrics
- `check_modules`: ids, prerequisites and cycles, assessment rubrics, materials
- `check_rubrics`: levels, weights, descriptors, the pass rule
- `check_schedules`: time zone, days, phases, slots
- `check_links`: relative links and images in the Markdown pages
- `check_markup`: nesting depth MkDocs can build, no id the theme reads
- `check_files`: the kinds and places of the other content files (SVG and CSS checked)
"""

from __future__ import annotations

from generator.check import files as check_files
from generator.check import links as check_links
from generator.check import markup as check_markup
from generator.check import modules as check_modules
from generator.check import programme as check_programme
from generator.check import rubrics as check_rubrics
from generator.check import schedules as check_schedules
from generator.check.util import Rule
from generator.problems import Problem
from generator.source.load import Curriculum, paused_gc

RULES: list[Rule] = [
    *check_programme.RULES,
    *check_modules.RULES,
    *check_rubrics.RULES,
    *check_schedules.RULES,
    *check_links.RULES,
    *check_files.RULES,
    *check_markup.RULES,
]


def check(cur: Curriculum) -> list[Problem]:
    """Every cross-file problem of the curriculum."""
    with paused_gc():
        return [problem for rule in RULES for problem in rule(cur)]
