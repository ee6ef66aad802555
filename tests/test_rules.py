"""Every rule of `curriculum check`, each on a copy of the mini project broken in one place, with
the exact problem line (file, line, column, message, code) that an author sees."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import edit, run_cli

M1 = "curriculum/modules/m01.yaml"
M2 = "curriculum/modules/m02.yaml"
P = "curriculum/programme.yaml"
R = "curriculum/rubrics/delivery.yaml"
S = "curriculum/schedules/cohort-1.yaml"
BODY = "content/modules/m01.md"
HOME = "content/index.md"


TRANSLATION = re.compile(r"^[^.]+\.[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\.(?:yaml|md)$")


@pytest.fixture
def mini(mini: Path) -> Path:
    """The mini project without its translations (`m02.es.yaml`, `walk.es.md`...).

    These rules are about the source files; translations have their own rules and tests, and a
    broken source would add their warnings ("not in the source") to the exact lines expected here.
    """
    for path in sorted(mini.rglob("*")):
        if path.is_file() and TRANSLATION.match(path.name):
            path.unlink()
    return mini


def problems(root: Path, *options: str) -> list[str]:
    """The problem lines of `curriculum check`; the exit status must agree with them."""
    result = run_cli("check", str(root), *options)
    lines = result.out.splitlines()
    assert result.code == (1 if any(": error: " in x for x in lines) else 0), result
    assert "Traceback" not in result.err
    return lines


EDITS = [
    pytest.param(
        M1, "objectives:", "objetives:",
        [
            "curriculum/modules/m01.yaml:5:1: error: unknown key 'objetives' (did you mean 'objectives'?): "
            "'objectives' is required here and missing; rename 'objetives' to 'objectives' [misspelt-key]",
        ],
        id="misspelt-key",
    ),
    pytest.param(
        M1, "tags: [kaizen]", "tags: [kaizen]\ncolour: red",
        [
            "curriculum/modules/m01.yaml:13:1: error: unknown key 'colour'; allowed keys here: id, title, summary, "
            "level, objectives, prerequisites, sessions, assessment, tags [unknown-key]",
        ],
        id="unknown-key",
    ),
    pytest.param(
        M1, "tags: [kaizen]", "tgas: [kaizen]",
        [
            "curriculum/modules/m01.yaml:12:1: error: unknown key 'tgas' (did you mean 'tags'?); allowed keys here: "
            "id, title, summary, level, objectives, prerequisites, sessions, assessment, tags [unknown-key]",
        ],
        id="unknown-key-optional",
    ),
    pytest.param(
        M1, "summary: What Kaizen is and how small improvements add up in a micro enterprise.\n", "",
        [
            "curriculum/modules/m01.yaml:1:1: error: missing required key 'summary'; add it [missing-key]",
        ],
        id="missing-key",
    ),
    pytest.param(
        M1, "minutes: 90, method: lecture}", "minutes: 90}",
        [
            "curriculum/modules/m01.yaml:9:5: error: missing required key 'method' in this session; add it "
            "[missing-key]",
        ],
        id="missing-key-nested",
    ),
    pytest.param(
        M1, "minutes: 90,", "minutes: ninety,",
        [
            "curriculum/modules/m01.yaml:9:48: error: 'minutes' must be a whole number, such as 90, not 'ninety' "
            "[wrong-type]",
        ],
        id="wrong-type-minutes",
    ),
    pytest.param(
        M2, "prerequisites: [m01]", "prerequisites: m01",
        [
            "curriculum/modules/m02.yaml:8:16: error: 'prerequisites' must be a list, not 'm01'; write it as a list "
            "in brackets: [m01] [wrong-type]",
        ],
        id="wrong-type-list",
    ),
    pytest.param(
        P, 'version: "2026.1"', "version: 2026.1",
        [
            "curriculum/programme.yaml:3:10: error: 'version' must be text, not 2026.1; put it in quotes [wrong-type]",
        ],
        id="wrong-type-text",
    ),
    pytest.param(
        M1, "  - {id: m01.1, text: Explain the seven wastes with examples from a bakery., outcomes: [O1]}", "  - m01.1",
        [
            "curriculum/modules/m01.yaml:6:5: error: item 1 of 'objectives' must be a mapping of keys and values, "
            "such as {id: ..., text: ...}, not 'm01.1' [wrong-type]",
        ],
        id="wrong-type-mapping",
    ),
    pytest.param(
        M1, "minutes: 90,", 'minutes: "90",',
        [
            "curriculum/modules/m01.yaml:9:48: error: 'minutes' must be a whole number, such as 90, not '90'; remove "
            "the quotes [wrong-type]",
        ],
        id="quoted-number",
    ),
    pytest.param(
        M2, "prerequisites: [m01]", "prerequisites: [m01, ]\ntags2: x",
        [
            "curriculum/modules/m02.yaml:9:1: error: unknown key 'tags2' (did you mean 'tags'?); allowed keys here: "
            "id, title, summary, level, objectives, prerequisites, sessions, assessment, tags [unknown-key]",
        ],
        id="unknown-key-close-to-present",
    ),
    pytest.param(
        M2, "prerequisites: [m01]", "prerequisites:\n  -\n  - m01",
        [
            "curriculum/modules/m02.yaml:9:4: error: item 1 of 'prerequisites' is empty; write it, or remove the "
            "empty item [empty-value]",
        ],
        id="empty-item",
    ),
    pytest.param(
        M1, "title: Kaizen basics", "title:",
        [
            "curriculum/modules/m01.yaml:2:7: error: 'title' has no value; write it after the colon [empty-value]",
        ],
        id="empty-value",
    ),
    pytest.param(
        M1, "assessment: []", "assessment:",
        [
            "curriculum/modules/m01.yaml:11:12: error: 'assessment' has no value; write [] if there are none "
            "[empty-value]",
        ],
        id="empty-list",
    ),
    pytest.param(
        M1, "method: lecture", "method: lectur",
        [
            "curriculum/modules/m01.yaml:9:60: error: 'method' must be one of lecture, workshop, case-study, "
            "role-play, field-practice, ojt-visit, assessment; not 'lectur' (did you mean 'lecture'?) [bad-choice]",
        ],
        id="bad-choice",
    ),
    pytest.param(
        S, "date: 2026-02-03", "date: 2026-02-30",
        [
            "curriculum/schedules/cohort-1.yaml:10:11: error: '2026-02-30' is not a real date; write it as "
            "YYYY-MM-DD [bad-date]",
        ],
        id="bad-date",
    ),
    pytest.param(
        S, "date: 2026-02-03", "date: 03/02/2026",
        [
            "curriculum/schedules/cohort-1.yaml:10:11: error: 'date' must be a date written as YYYY-MM-DD, not "
            "'03/02/2026' [bad-date]",
        ],
        id="bad-date-format",
    ),
    pytest.param(
        S, 'start: "10:00", end: "12:00"', 'start: "10.00", end: "12:00"',
        [
            'curriculum/schedules/cohort-1.yaml:9:17: error: \'start\' must be a time of day written as "HH:MM" in '
            "quotes, not '10.00' [bad-time]",
        ],
        id="bad-time",
    ),
    pytest.param(
        M2, "prerequisites: [m01]", "prerequisites: [M01]",
        [
            "curriculum/modules/m02.yaml:8:17: error: 'M01' is not a valid id: use lowercase letters, digits and '-' "
            "(no spaces), starting with a letter or digit [bad-id]",
        ],
        id="bad-id",
    ),
    pytest.param(
        M2, "id: m02\ntitle", "id: m03\ntitle",
        [
            "curriculum/modules/m02.yaml:1:5: error: the id 'm03' differs from the file name 'm02'; rename the file "
            "to m03.yaml or set id: m02 [id-mismatch]",
        ],
        id="id-mismatch",
    ),
    pytest.param(
        M1, "minutes: 90,", "minutes: 0,",
        [
            "curriculum/modules/m01.yaml:9:48: error: 'minutes' must be more than 0, not 0 [out-of-range]",
        ],
        id="out-of-range",
    ),
    pytest.param(
        P, "languages: [en,", "languages: [en, Spanish,",
        [
            "curriculum/programme.yaml:5:17: error: 'Spanish' is not a language code such as 'en', 'es' or 'pt-BR' "
            "[bad-language]",
        ],
        id="bad-language",
    ),
    pytest.param(
        R, "descriptors: {1: No plan.,", "descriptors: {one: No plan.,",
        [
            "curriculum/rubrics/delivery.yaml:13:19: error: 'one' is not a level score: the keys of 'descriptors' "
            "are the scores of the rubric's levels, e.g. 1: ..., 2: ... [wrong-type]",
        ],
        id="descriptor-key",
    ),
    pytest.param(
        R, "descriptors: {1: No plan., 2: A plan without objectives.,", "descriptors: {1: No plan., 01: A plan without objectives.,",
        [
            "curriculum/rubrics/delivery.yaml:13:32: error: '01' is not a level score: the keys of 'descriptors' "
            "are the scores of the rubric's levels, e.g. 1: ..., 2: ... [wrong-type]",
        ],
        id="descriptor-key-leading-zero",
    ),
    pytest.param(
        M1, "title: Kaizen basics", "title: Kaizen: the basics",
        [
            "curriculum/modules/m01.yaml:2:14: error: YAML syntax error: mapping values are not allowed in this "
            "context; put text that contains ': ' in quotes [yaml-syntax]",
        ],
        id="yaml-syntax",
    ),
    pytest.param(
        M1, "level: foundation", "level: foundation\ntitle: Again",
        [
            "curriculum/modules/m01.yaml:5:1: error: duplicate key 'title': it is also set on line 2, and only one "
            "can count; remove or rename one of them [duplicate-key]",
        ],
        id="duplicate-key",
    ),
    pytest.param(
        M1, "  - {id: s1,", "\t- {id: s1,",
        [
            "curriculum/modules/m01.yaml:9:1: error: a tab is used for indentation; YAML needs spaces: replace the "
            "tab with spaces [tab]",
        ],
        id="tab",
    ),
    pytest.param(
        M1, "title: Kaizen basics", "title: !!python/object/apply:os.system ['true']",
        [
            "curriculum/modules/m01.yaml:2:8: error: the tag '!!python/object/apply:os.system' is not allowed: "
            "curriculum files hold plain text, numbers, dates, lists and mappings; remove the tag [unknown-tag]",
        ],
        id="unknown-tag",
    ),
    pytest.param(
        M1, "tags: [kaizen]", "tags: [kaizen]\n<<: {x: 1}",
        [
            "curriculum/modules/m01.yaml:13:1: error: merge keys ('<<') are not supported; write the keys out "
            "[merge-key]",
        ],
        id="merge-key",
    ),
    pytest.param(
        M1, "tags: [kaizen]", "tags: [kaizen]\n[a, b]: c",
        [
            "curriculum/modules/m01.yaml:13:1: error: a key must be a plain word, not a list or mapping [bad-key]",
        ],
        id="bad-key",
    ),
    pytest.param(
        M1, "tags: [kaizen]", "tags: [kaizen]\n---\nid: m09",
        [
            "curriculum/modules/m01.yaml:13:1: error: a second YAML document starts here ('---'); a curriculum file "
            "holds one document: remove the '---' line or move the rest to its own file [several-documents]",
        ],
        id="several-documents",
    ),
    pytest.param(
        M1, "assessment: []", "assessment: *rubrics",
        [
            "curriculum/modules/m01.yaml:11:13: error: the alias '*rubrics' refers to no anchor '&rubrics' defined "
            "before it; define the anchor first or write the value out [unknown-anchor]",
        ],
        id="unknown-anchor",
    ),
    pytest.param(
        M1, "title: Kaizen basics", 'title: "Kaizen\\0 basics"',
        [
            "curriculum/modules/m01.yaml:2:8: error: the text holds the invisible control character U+0000 (written "
            "as an escape such as '\\0' or '\\x01'); remove it [control-character]",
        ],
        id="control-character",
    ),
    pytest.param(
        M1, "title: Kaizen basics", "title: Kaizen\x01 basics",
        [
            "curriculum/modules/m01.yaml:2:14: error: the character U+0001 is not allowed in a YAML file (control "
            "characters are not allowed); remove it [bad-character]",
        ],
        id="bad-character",
    ),
    pytest.param(
        P, "modules: [m01, m02]", "modules: [m01, m02, m2b]",
        [
            "curriculum/programme.yaml:9:21: error: module 'm2b' has no file curriculum/modules/m2b.yaml; create it "
            "or remove it from the list (known modules: m01, m02) [unknown-module]",
        ],
        id="unknown-module",
    ),
    pytest.param(
        P, "modules: [m01, m02]", "modules: [m01, m02, m01]",
        [
            "curriculum/programme.yaml:9:21: error: module 'm01' is listed twice (also item 1 of the list); keep one "
            "[module-listed-twice]",
        ],
        id="module-listed-twice",
    ),
    pytest.param(
        P, "modules: [m01, m02]", "modules: [m01]",
        [
            "curriculum/modules/m02.yaml:1:5: error: module 'm02' is not listed under 'modules:' in "
            "curriculum/programme.yaml; add it where it belongs in the programme's order [module-not-in-programme]",
        ],
        id="module-not-in-programme",
    ),
    pytest.param(
        P, "languages: [en,", "languages: [en, en,",
        [
            "curriculum/programme.yaml:5:17: error: language 'en' is listed twice; keep one [duplicate-language]",
        ],
        id="duplicate-language",
    ),
    pytest.param(
        P, "outcomes:", "locales: {es: es-SV, pt: pt-BR}\noutcomes:",
        [
            "curriculum/programme.yaml:6:22: error: 'pt' is not one of the programme's languages (en, es, fr, vi); "
            "add it to 'languages' or remove this line [locale-for-unknown-language]",
        ],
        id="locale-for-unknown-language",
    ),
    pytest.param(
        P, "outcomes:", "tags: {kaizen: Kaizen, qualty: Quality}\noutcomes:",
        [
            "curriculum/programme.yaml:6:24: warning: no module has the tag 'qualty' (did you mean 'quality'?); fix "
            "the tag or remove its name [unused-tag-name]",
        ],
        id="unused-tag-name",
    ),
    pytest.param(
        P, "outcomes:", "locales: {es: xx-QQ}\noutcomes:",
        [
            "curriculum/programme.yaml:6:15: error: 'xx-QQ' is not a locale that dates and numbers can be written "
            "in; use a language and region such as es-SV, es-CR, pt-BR or fr-FR [unknown-locale]",
        ],
        id="unknown-locale",
    ),
    pytest.param(
        P, "modules:", "  - {id: O1, text: Again.}\nmodules:",
        [
            "curriculum/programme.yaml:9:10: error: outcome id 'O1' is used twice (also on line 7); give each "
            "outcome its own id [duplicate-id]",
        ],
        id="duplicate-id-outcome",
    ),
    pytest.param(
        M2, "  - {id: m02.2,", "  - {id: m02.1,",
        [
            "curriculum/modules/m02.yaml:7:10: error: objective id 'm02.1' is used twice (also on line 6); give each "
            "objective its own id [duplicate-id]",
        ],
        id="duplicate-id-objective",
    ),
    pytest.param(
        M2, "assessment:", "  - {id: s1, title: Again, minutes: 30, method: lecture}\nassessment:",
        [
            "curriculum/modules/m02.yaml:12:10: error: session id 's1' is used twice (also on line 10); give each "
            "session its own id [duplicate-id]",
        ],
        id="duplicate-id-session",
    ),
    pytest.param(
        R, "  - id: participation", "  - id: preparation",
        [
            "curriculum/rubrics/delivery.yaml:14:9: error: criterion id 'preparation' is used twice (also on line "
            "10); give each criterion its own id [duplicate-id]",
        ],
        id="duplicate-id-criterion",
    ),
    pytest.param(
        M2, "  - {id: m02.2,", "  - {id: m01.1,",
        [
            "curriculum/modules/m02.yaml:7:10: warning: objective id 'm01.1' is also used in module 'm01'; give this "
            "module's objectives their own ids, e.g. m02.2 [objective-id-reused]",
        ],
        id="objective-id-reused",
    ),
    pytest.param(
        M1, "outcomes: [O1]}", "outcomes: [O1, O3]}",
        [
            "curriculum/modules/m01.yaml:6:93: error: outcome 'O3' is not a programme outcome; known outcomes: O1, "
            "O2 [unknown-outcome]",
        ],
        id="unknown-outcome",
    ),
    pytest.param(
        M2, "outcomes: [O2]}", "outcomes: [O1]}",
        [
            "curriculum/programme.yaml:8:10: warning: no module objective serves outcome 'O2'; map an objective to "
            "it or remove it [outcome-not-served]",
        ],
        id="outcome-not-served",
    ),
    pytest.param(
        M2, "assessment: [delivery]", "assessment: [delivry]",
        [
            "curriculum/modules/m02.yaml:12:14: error: rubric 'delivry' does not exist (no "
            "curriculum/rubrics/delivry.yaml); did you mean 'delivery'? [unknown-rubric]",
        ],
        id="unknown-rubric",
    ),
    pytest.param(
        M2, "prerequisites: [m01]", "prerequisites: [m01, m09]",
        [
            "curriculum/modules/m02.yaml:8:22: error: prerequisite 'm09' is not a module; known modules: m01, m02 "
            "[unknown-prerequisite]",
        ],
        id="unknown-prerequisite",
    ),
    pytest.param(
        M2, "prerequisites: [m01]", "prerequisites: [m01, m02]",
        [
            "curriculum/modules/m02.yaml:8:22: error: module 'm02' lists itself as a prerequisite; remove it "
            "[self-prerequisite]",
        ],
        id="self-prerequisite",
    ),
    pytest.param(
        M2, "prerequisites: [m01]", "prerequisites: [m01, m01]",
        [
            "curriculum/modules/m02.yaml:8:22: error: prerequisite 'm01' is listed twice; keep one "
            "[duplicate-prerequisite]",
        ],
        id="duplicate-prerequisite",
    ),
    pytest.param(
        M1, "prerequisites: []", "prerequisites: [m02]",
        [
            "curriculum/modules/m02.yaml:8:17: error: prerequisites form a cycle: m01 -> m02 -> m01; remove one of "
            "these links [prerequisite-cycle]",
        ],
        id="prerequisite-cycle",
    ),
    pytest.param(
        R, "weight: 60", "weight: 50",
        [
            "curriculum/rubrics/delivery.yaml:9:1: error: the criteria's weights add up to 90 (40 + 50), not 100; "
            "adjust them [weights-not-100]",
        ],
        id="weights-not-100",
    ),
    pytest.param(
        R, "3: Runs exercises., 4: Adapts to the group.}", "3: Runs exercises.}",
        [
            "curriculum/rubrics/delivery.yaml:17:5: error: criterion 'participation' has no descriptor for level 4; "
            "describe what each level looks like [missing-descriptor]",
        ],
        id="missing-descriptor",
    ),
    pytest.param(
        R, "4: Adapts to the group.}", "4: Adapts to the group., 5: Leads.}",
        [
            "curriculum/rubrics/delivery.yaml:17:109: error: criterion 'participation' describes level 5, which is "
            "not a level of this rubric (1, 2, 3, 4); remove it or add the level [unknown-level]",
        ],
        id="unknown-level",
    ),
    pytest.param(
        R, "{score: 3, label: Competent}", "{score: 2, label: Competent}",
        [
            "curriculum/rubrics/delivery.yaml:7:13: error: level score 2 is used twice; give each level its own "
            "score [duplicate-level]",
            "curriculum/rubrics/delivery.yaml:13:63: error: criterion 'preparation' describes level 3, which is not "
            "a level of this rubric (1, 2, 2, 4); remove it or add the level [unknown-level]",
            "curriculum/rubrics/delivery.yaml:17:64: error: criterion 'participation' describes level 3, which is "
            "not a level of this rubric (1, 2, 2, 4); remove it or add the level [unknown-level]",
        ],
        id="duplicate-level",
    ),
    pytest.param(
        R, "  - {score: 1, label: Beginning}\n  - {score: 2, label: Developing}",
        "  - {score: 2, label: Developing}\n  - {score: 1, label: Beginning}",
        [
            "curriculum/rubrics/delivery.yaml:6:13: error: level scores must go up from the first level to the last: "
            "1 comes after 2; list the levels lowest first [unordered-levels]",
        ],
        id="unordered-levels",
    ),
    pytest.param(
        R, "weighted_mean: 3.0", "weighted_mean: 4.5",
        [
            "curriculum/rubrics/delivery.yaml:18:23: error: the pass mean 4.5 is outside the levels' scores (1 to "
            "4); set a mean between them [pass-out-of-range]",
        ],
        id="pass-mean",
    ),
    pytest.param(
        R, "minimum_level: 2", "minimum_level: 0",
        [
            "curriculum/rubrics/delivery.yaml:18:43: error: the minimum level 0 is not one of the levels' scores (1, "
            "2, 3, 4); use one of them [pass-out-of-range]",
        ],
        id="pass-minimum",
    ),
    pytest.param(
        S, "timezone: America/El_Salvador", "timezone: America/San_Salvador",
        [
            "curriculum/schedules/cohort-1.yaml:3:11: error: 'America/San_Salvador' is not a time zone; did you mean "
            "'America/El_Salvador'? [unknown-timezone]",
        ],
        id="unknown-timezone",
    ),
    pytest.param(
        S, "date: 2026-02-03", "date: 2026-02-02",
        [
            "curriculum/schedules/cohort-1.yaml:10:11: error: 2026-02-02 is listed twice (also on line 6); put all "
            "of the day's sessions under one date [duplicate-day]",
        ],
        id="duplicate-day",
    ),
    pytest.param(
        S, "{title: Classroom block, start: 2026-02-02, end: 2026-02-03}",
        "{title: Block A, start: 2026-02-06, end: 2026-02-02}",
        [
            "curriculum/schedules/cohort-1.yaml:15:46: error: phase 'Block A' ends on 2026-02-02, before it starts on "
            "2026-02-06; fix one of the dates [phase-ends-before-start]",
        ],
        id="phase-ends-before-start",
    ),
    pytest.param(
        S, 'start: "10:00", end: "12:00"', 'start: "12:00", end: "10:00"',
        [
            "curriculum/schedules/cohort-1.yaml:9:31: error: the slot ends at 10:00, not after its start 12:00; fix "
            "the times [slot-ends-before-start]",
        ],
        id="slot-ends-before-start",
    ),
    pytest.param(
        S, 'start: "10:00", end: "12:00"', 'start: "09:00", end: "11:00"',
        [
            "curriculum/schedules/cohort-1.yaml:9:17: error: 09:00-11:00 overlaps 08:00-09:30 (m01/s1) on "
            "2026-02-02; move one of them [slot-overlap]",
        ],
        id="slot-overlap",
    ),
    pytest.param(
        S, "module: m02, session: s2}", "module: m20, session: s2}",
        [
            "curriculum/schedules/cohort-1.yaml:5:1: warning: 1 session of the programme is never scheduled here: "
            "m02/s2; add it to a day [session-not-scheduled]",
            "curriculum/schedules/cohort-1.yaml:13:48: error: module 'm20' does not exist; known modules: m01, m02 "
            "[unknown-module]",
        ],
        id="unknown-module-slot",
    ),
    pytest.param(
        S, "module: m02, session: s2}", "module: m02, session: s3}",
        [
            "curriculum/schedules/cohort-1.yaml:5:1: warning: 1 session of the programme is never scheduled here: "
            "m02/s2; add it to a day [session-not-scheduled]",
            "curriculum/schedules/cohort-1.yaml:13:62: error: module 'm02' has no session 's3'; known sessions: s1, "
            "s2 [unknown-session]",
        ],
        id="unknown-session",
    ),
    pytest.param(
        S, 'end: "11:00", module: m02', 'end: "11:30", module: m02',
        [
            "curriculum/schedules/cohort-1.yaml:13:31: error: 10:00-11:30 is 90 minutes, but session m02/s2 takes "
            "60; fix the times or the minutes [slot-length]",
        ],
        id="slot-length",
    ),
    pytest.param(
        S, '      - {start: "10:00", end: "11:00", module: m02, session: s2}\n', "",
        [
            "curriculum/schedules/cohort-1.yaml:5:1: warning: 1 session of the programme is never scheduled here: "
            "m02/s2; add it to a day [session-not-scheduled]",
        ],
        id="session-not-scheduled",
    ),
    pytest.param(
        M1, "materials: [handouts/walk.md]", "materials: [handouts/wlak.md]",
        [
            "curriculum/modules/m01.yaml:10:95: error: material 'handouts/wlak.md' does not exist: no file "
            "content/handouts/wlak.md; did you mean 'handouts/walk.md'? [missing-material]",
        ],
        id="missing-material",
    ),
    pytest.param(
        M1, "materials: [handouts/walk.md]", "materials: [../mkdocs.yml]",
        [
            "curriculum/modules/m01.yaml:10:95: error: material '../mkdocs.yml' is not a path inside content/; give "
            "a path relative to content/, e.g. handouts/sheet.md [material-outside]",
        ],
        id="material-outside",
    ),
    pytest.param(
        BODY, "(../handouts/walk.md)", "(../handouts/walks.md)",
        [
            "content/modules/m01.md:3:75: error: the link '../handouts/walks.md' leads nowhere: there is no "
            "content/handouts/walks.md; did you mean 'handouts/walk.md' (relative to content/)? [broken-link]",
        ],
        id="broken-link",
    ),
    pytest.param(
        BODY, "(../handouts/walk.md)", "(../../mkdocs.yml)",
        [
            "content/modules/m01.md:3:75: error: the link '../../mkdocs.yml' leads outside content/, so it cannot "
            "work on the site; copy the file into content/ and link to the copy [link-outside]",
        ],
        id="link-outside",
    ),
    pytest.param(
        HOME, "(modules/m01/index.md)", "(modules/m01.md)",
        [
            "content/index.md:3:40: error: the link 'modules/m01.md' leads nowhere: module bodies are shown on their "
            "module's page; link to modules/m01/index.md (relative to this page) [broken-link]",
        ],
        id="link-module-body",
    ),
]


@pytest.mark.parametrize("path, old, new, expected", EDITS)
def test_one_mistake_gives_exactly_these_problems(mini: Path, path: str, old: str, new: str, expected: list[str]):
    edit(mini / path, old, new)
    assert problems(mini) == expected


def test_a_list_that_needs_an_item(mini: Path):
    text = (mini / P).read_text(encoding="utf-8")
    (mini / P).write_text(re.sub(r"languages: \[.*\]", "languages: []", text), encoding="utf-8")
    assert problems(mini) == [
        "curriculum/programme.yaml:5:12: error: 'languages' needs at least one item [empty-value]",
    ]


def test_an_unknown_key_that_is_not_close_to_the_missing_one_gives_both_problems(mini: Path):
    edit(mini / M1, "objectives:", "goals:")
    assert problems(mini) == [
        "curriculum/modules/m01.yaml:1:1: error: missing required key 'objectives'; add it [missing-key]",
        "curriculum/modules/m01.yaml:5:1: error: unknown key 'goals'; allowed keys here: id, title, summary, level, "
        "objectives, prerequisites, sessions, assessment, tags [unknown-key]",
    ]


def test_a_misspelt_key_inside_a_list_item_is_one_problem_at_the_key(mini: Path):
    edit(mini / M1, "{id: s1, title: The seven wastes, minutes: 90,", "{id: s1, title: The seven wastes, minuts: 90,")
    assert problems(mini) == [
        "curriculum/modules/m01.yaml:9:39: error: unknown key 'minuts' (did you mean 'minutes'?): 'minutes' is "
        "required here and missing; rename 'minuts' to 'minutes' [misspelt-key]",
    ]


def test_a_cycle_of_three_modules_is_named_in_full_once(mini: Path):
    shutil.copy(mini / M2, mini / "curriculum/modules/m03.yaml")
    edit(mini / "curriculum/modules/m03.yaml", "id: m02\n", "id: m03\n")
    edit(mini / "curriculum/modules/m03.yaml", "prerequisites: [m01]", "prerequisites: [m02]")
    for old, new in (("{id: m02.1,", "{id: m03.1,"), ("{id: m02.2,", "{id: m03.2,")):
        edit(mini / "curriculum/modules/m03.yaml", old, new)
    edit(mini / M1, "prerequisites: []", "prerequisites: [m03]")
    edit(mini / P, "modules: [m01, m02]", "modules: [m01, m02, m03]")
    assert problems(mini) == [
        "curriculum/modules/m02.yaml:8:17: error: prerequisites form a cycle: m01 -> m03 -> m02 -> m01; "
        "remove one of these links [prerequisite-cycle]",
        "curriculum/schedules/cohort-1.yaml:5:1: warning: 2 sessions of the programme are never scheduled here: "
        "m03/s1, m03/s2; add them to a day [session-not-scheduled]",
    ]


def test_a_prerequisite_later_in_the_programme_is_a_warning(mini: Path):
    edit(mini / P, "modules: [m01, m02]", "modules: [m02, m01]")
    assert problems(mini) == [
        "curriculum/modules/m02.yaml:8:17: warning: prerequisite 'm01' comes after module 'm02' in the programme's "
        "order; move 'm01' before 'm02' under 'modules:' in curriculum/programme.yaml [prerequisite-order]",
    ]


def test_certification_rubrics_must_exist(mini: Path):
    with (mini / P).open("a", encoding="utf-8") as f:
        f.write("certification:\n  text: Pass every rubric.\n  rubrics: [delivery, coaching]\n")
    assert problems(mini) == [
        "curriculum/programme.yaml:12:23: error: rubric 'coaching' does not exist (no curriculum/rubrics/"
        "coaching.yaml); known rubrics: delivery [unknown-rubric]",
    ]


def test_a_selection_matrix_does_not_assess_a_module(mini: Path):
    edit(mini / R, "kind: rubric", "kind: selection")
    assert problems(mini) == [
        "curriculum/modules/m02.yaml:12:14: warning: 'delivery' is a selection matrix, which chooses candidates; "
        "a module is assessed with a rubric of kind: rubric [selection-as-assessment]",
    ]


def test_eligibility_filter_ids_are_unique(mini: Path):
    with (mini / R).open("a", encoding="utf-8") as f:
        f.write("eligibility:\n  - {id: staff, text: Works at a centre.}\n  - {id: staff, text: Has a degree.}\n")
    assert problems(mini) == [
        "curriculum/rubrics/delivery.yaml:21:10: error: eligibility filter id 'staff' is used twice (also on line 20); "
        "give each eligibility filter its own id [duplicate-id]",
    ]


# --- files that cannot be read, or should not be ----------------------------------------------


def test_empty_file_is_named_and_nothing_else_fails_because_of_it(mini: Path):
    (mini / M1).write_text("# nothing yet\n", encoding="utf-8")
    assert problems(mini) == [
        "curriculum/modules/m01.yaml:1:1: error: the file is empty; write the keys this kind of file needs "
        "[empty-file]",
    ]


def test_a_file_that_is_a_list_instead_of_a_mapping(mini: Path):
    (mini / R).write_text("- id: delivery\n- title: Training delivery\n", encoding="utf-8")
    assert problems(mini) == [
        "curriculum/rubrics/delivery.yaml:1:1: error: a rubric file must be a mapping of keys and values (key: value "
        "on each line), not a list [wrong-type]",
    ]


def test_binary_not_utf8_and_byte_order_mark(mini: Path):
    (mini / M1).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    text = (mini / R).read_text(encoding="utf-8")
    (mini / R).write_bytes(text.replace("Training delivery", "Capacitaci\xf3n").encode("latin-1"))
    (mini / S).write_bytes(b"\xef\xbb\xbf" + (mini / S).read_bytes())
    assert problems(mini) == [
        "curriculum/modules/m01.yaml:1:1: error: this is a binary file, not text; curriculum files are UTF-8 text "
        "[binary-file]",
        "curriculum/rubrics/delivery.yaml:2:18: error: byte 0xf3 is not UTF-8; save the file with UTF-8 encoding "
        "[not-utf8]",
        "curriculum/schedules/cohort-1.yaml:1:1: warning: the file starts with a byte-order mark; save it as UTF-8 "
        "without BOM [byte-order-mark]",
    ]


def test_a_very_large_file_is_not_read(mini: Path):
    with (mini / M1).open("a", encoding="utf-8") as f:
        f.write("# " + "x" * (2 * 1024 * 1024) + "\n")
    assert problems(mini) == [
        "curriculum/modules/m01.yaml:1:1: error: the file has 2,097,627 bytes, more than the 2,097,152 allowed; "
        "split it up [file-too-large]",
    ]


def test_an_alias_bomb_is_stopped(mini: Path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (mini / R).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems(mini) == [
        "curriculum/rubrics/delivery.yaml:6:12: error: the file expands to more than 200,000 values (an alias bomb?); "
        "write the values out instead of repeating anchors [too-many-values]",
    ]


def test_deep_nesting_is_stopped_before_it_can_crash_the_parser(mini: Path):
    (mini / R).write_text("id: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    # Our limit or the parser's own may stop it first (the column differs): the problem is ours either way.
    [found] = problems(mini)
    assert found.startswith("curriculum/rubrics/delivery.yaml:1:")
    assert found.endswith(": error: lists and mappings are nested more than 64 deep here; "
                          "curriculum files need only a few levels: check the brackets and the indentation [too-deep]")


def test_nesting_just_past_the_limit_is_ours_to_report(mini: Path):
    (mini / R).write_text("id: " + "[" * 70 + "]" * 70 + "\n", encoding="utf-8")
    assert problems(mini) == [
        "curriculum/rubrics/delivery.yaml:1:68: error: lists and mappings are nested more than 64 deep here; "
        "curriculum files need only a few levels: check the brackets and the indentation [too-deep]",
    ]


def test_links_that_lead_outside_the_project_are_refused(mini: Path, tmp_path: Path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: m03\n", encoding="utf-8")
    os.symlink(secret, mini / "curriculum/modules/m03.yaml")
    os.symlink(secret, mini / "content/handouts/secret.md")
    (mini / "content/pictures").symlink_to(tmp_path, target_is_directory=True)
    assert problems(mini) == [
        "content/handouts/secret.md:1:1: error: this is a link to a place outside the project; copy the file in "
        "instead [outside-project]",
        "content/pictures:1:1: error: this is a link to a place outside the project; copy the file in instead "
        "[outside-project]",
        "curriculum/modules/m03.yaml:1:1: error: this is a link to a place outside the project; copy the file in "
        "instead [outside-project]",
    ]


def test_the_programme_file_itself_may_not_lead_outside(mini: Path, tmp_path: Path):
    outside = tmp_path / "programme.yaml"
    shutil.move(mini / P, outside)
    os.symlink(outside, mini / P)
    assert problems(mini) == [
        "curriculum/programme.yaml:1:1: error: this is a link to a place outside the project; copy the file in "
        "instead [outside-project]",
    ]


def test_broken_links_linked_folders_and_special_files(mini: Path):
    os.symlink(mini / "nowhere.yaml", mini / "curriculum/modules/m03.yaml")
    (mini / "content/more").symlink_to(mini / "content/handouts", target_is_directory=True)
    os.mkfifo(mini / "curriculum/rubrics/pipe.yaml")  # reading it would wait for ever
    os.symlink("b.md", mini / "content/a.md")
    os.symlink("a.md", mini / "content/b.md")
    assert problems(mini) == [
        "content/a.md:1:1: error: this is a link to a file that does not exist; remove it or fix it "
        "[broken-link-file]",
        "content/b.md:1:1: error: this is a link to a file that does not exist; remove it or fix it "
        "[broken-link-file]",
        "content/more:1:1: warning: this folder is a link, and linked folders are not read; move the files here "
        "instead [linked-folder]",
        "curriculum/modules/m03.yaml:1:1: error: this is a link to a file that does not exist; remove it or fix it "
        "[broken-link-file]",
        "curriculum/rubrics/pipe.yaml:1:1: error: this is not a regular file (a device, pipe or socket); remove it "
        "[unreadable]",
    ]


def test_files_that_would_be_ignored_silently(mini: Path):
    shutil.copy(mini / M2, mini / "curriculum/modules/m03.yml")
    shutil.copy(mini / M2, mini / "curriculum/module.yaml")
    (mini / "curriculum/modul").mkdir()
    assert problems(mini) == [
        "curriculum/modul:1:1: warning: the folder curriculum/modul/ is not read (did you mean 'modules'?); modules go "
        "in curriculum/modules/, rubrics in curriculum/rubrics/, schedules in curriculum/schedules/ [stray-file]",
        "curriculum/module.yaml:1:1: warning: curriculum/module.yaml is not read: only programme.yaml sits in "
        "curriculum/; move a module to curriculum/modules/, a rubric to curriculum/rubrics/, a schedule to "
        "curriculum/schedules/ [stray-file]",
        "curriculum/modules/m03.yml:1:1: warning: this file is not read: curriculum files end in .yaml; rename it to "
        "m03.yaml [wrong-extension]",
    ]


def test_two_files_with_the_same_name_and_a_file_name_that_is_no_id(mini: Path):
    (mini / "curriculum/modules/old").mkdir()
    shutil.copy(mini / M2, mini / "curriculum/modules/old/m02.yaml")
    shutil.copy(mini / M2, mini / "curriculum/modules/M 03.yaml")
    assert problems(mini) == [
        "curriculum/modules/M 03.yaml:1:1: error: the file name 'M 03' is not a valid id: rename the file with "
        "lowercase letters, digits and '-' only, e.g. m02.yaml [bad-file-name]",
        "curriculum/modules/old/m02.yaml:1:1: error: curriculum/modules/m02.yaml has the same name, and the file name "
        "is the module's id; rename one of them [duplicate-file]",
    ]


def test_a_project_without_programme(mini: Path):
    (mini / P).unlink()
    assert problems(mini) == [
        "curriculum/programme.yaml:1:1: error: there is no curriculum/programme.yaml; every project needs one "
        "[missing-file]",
    ]


# --- Markdown pages ---------------------------------------------------------------------------


def test_front_matter_without_its_end(mini: Path):
    (mini / "content/handouts/walk.md").write_text("---\ntitle: Walk\n\n# Gemba walk\n", encoding="utf-8")
    assert problems(mini) == [
        "content/handouts/walk.md:1:1: error: the front matter that starts on line 1 has no closing '---' line; "
        "add one [front-matter]",
    ]


def test_front_matter_problems_keep_their_line_in_the_page(mini: Path):
    (mini / "content/handouts/walk.md").write_text("---\ntitle: Walk\ntitle: Again\n---\n# Walk\n", encoding="utf-8")
    assert problems(mini) == [
        "content/handouts/walk.md:3:1: error: duplicate key 'title': it is also set on line 1, and only one can "
        "count; remove or rename one of them [duplicate-key]",
    ]


def test_links_and_images_in_pages_are_checked_after_front_matter_and_outside_code(mini: Path):
    (mini / "content/pictures").mkdir()
    (mini / "content/pictures/5s.jpg").write_bytes(b"\xff\xd8\xff")
    (mini / "content/handouts/walk.md").write_text(
        "---\ntitle: Walk\n---\n\n# Walk\n\n![Before 5S](../pictures/5s.jpg) ![After](../pictures/after.jpg)\n"
        "See [the programme](../programme/index.md), [m02](../modules/m02/index.md#key-points), "
        "[rubric](../rubrics/delivery/index.md) and [m09](../modules/m09/index.md).\n"
        "`[not a link](nowhere.md)`\n\n```\n[not a link](nowhere.md)\n```\n\n[ref]: ../schedules/cohort-2/index.md\n",
        encoding="utf-8")
    assert problems(mini) == [
        "content/handouts/walk.md:7:43: error: the link '../pictures/after.jpg' leads nowhere: there is no "
        "content/pictures/after.jpg; fix the path or create the file [broken-link]",
        "content/handouts/walk.md:8:137: error: the link '../modules/m09/index.md' leads nowhere: there is no "
        "content/modules/m09/index.md; fix the path or create the file [broken-link]",
        "content/handouts/walk.md:15:8: error: the link '../schedules/cohort-2/index.md' leads nowhere: there is no "
        "content/schedules/cohort-2/index.md; did you mean 'schedules/cohort-1/index.md' (relative to content/)? "
        "[broken-link]",
    ]


def test_a_module_body_without_a_module_is_never_published(mini: Path):
    shutil.copy(mini / "content/modules/m02.md", mini / "content/modules/m09.md")
    assert problems(mini) == [
        "content/modules/m09.md:1:1: warning: this page is not published: the pages in content/modules/ are module "
        "bodies, and there is no module 'm09'; rename it after its module or move it elsewhere in content/ "
        "[orphan-module-body]",
    ]


# --- mkdocs.yml -------------------------------------------------------------------------------


def test_mkdocs_settings_that_are_not_used_or_not_allowed(mini: Path):
    (mini / "mkdocs.yml").write_text(
        "site_name: Mini\ntheme:\n  name: readthedocs\n  custom_dir: overrides\nplugins: [search]\n"
        "extra_css: [https://cdn.example.org/x.css]\n", encoding="utf-8")
    assert problems(mini) == [
        "mkdocs.yml:3:9: error: the generator builds with the Material theme; set theme: {name: material} "
        "[unsupported-theme]",
        "mkdocs.yml:4:3: warning: theme.custom_dir is not used: the generator sets it or it could load code or files "
        "from elsewhere [ignored-setting]",
        "mkdocs.yml:5:1: warning: 'plugins' is set by the generator for every language build; remove it "
        "[ignored-setting]",
        "mkdocs.yml:6:13: error: extra_css must name a file inside content/, not an address on another host "
        "[external-file]",
    ]


def test_mkdocs_without_site_name_and_with_a_wrong_extra_css(mini: Path):
    (mini / "mkdocs.yml").write_text("theme: {name: material}\nextra_css: 5\n", encoding="utf-8")
    assert problems(mini) == [
        "mkdocs.yml:1:1: error: mkdocs.yml needs 'site_name: ...' [missing-key]",
        "mkdocs.yml:2:12: error: extra_css must be a list of files inside content/, e.g. [assets/extra.css] "
        "[wrong-type]",
    ]


def test_mkdocs_yml_may_not_lead_outside(mini: Path, tmp_path: Path):
    shutil.move(mini / "mkdocs.yml", tmp_path / "mkdocs.yml")
    os.symlink(tmp_path / "mkdocs.yml", mini / "mkdocs.yml")
    assert problems(mini) == [
        "mkdocs.yml:1:1: error: this is a link to a place outside the project; copy the file in instead "
        "[outside-project]",
    ]
