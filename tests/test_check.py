"""`curriculum check`: the sample passes; each mistake is named at its file, line and column."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO, edit, run_cli


def test_mini_project_is_clean(mini: Path):
    result = run_cli("check", str(mini))
    assert (result.code, result.out) == (0, "")
    assert "ok: 0 errors, 0 warnings" in result.err


def test_repository_programme_is_clean_under_strict(tmp_path: Path):
    # A copy of the sources: the checkout's own build cache is the machine's state, not content
    # (an old one is rightly warned `cache-untrusted`), and must not decide this test.
    for name in ("content", "curriculum"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copyfile(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    result = run_cli("check", str(tmp_path), "--strict")
    assert result.out == ""
    assert result.code == 0


def test_unknown_prerequisite_points_at_the_item(mini: Path):
    edit(mini / "curriculum/modules/m02.yaml", "prerequisites: [m01]", "prerequisites: [m01, m09]")
    result = run_cli("check", str(mini))
    assert result.code == 1
    assert result.out == (
        "curriculum/modules/m02.yaml:8:22: error: prerequisite 'm09' is not a module; "
        "known modules: m01, m02 [unknown-prerequisite]\n"
    )
    assert "failed: 1 error, 0 warnings" in result.err


def test_all_problems_of_a_run_are_reported_sorted(mini: Path):
    edit(mini / "curriculum/modules/m02.yaml", "minutes: 60", "minutes: sixty")
    edit(mini / "curriculum/modules/m01.yaml", "objectives:", "objetives:")
    result = run_cli("check", str(mini))
    assert result.code == 1
    assert result.out.splitlines() == [
        "curriculum/modules/m01.yaml:5:1: error: unknown key 'objetives' (did you mean 'objectives'?): 'objectives' is "
        "required here and missing; rename 'objetives' to 'objectives' [misspelt-key]",
        "curriculum/modules/m02.yaml:11:55: error: 'minutes' must be a whole number, such as 90, not 'sixty' "
        "[wrong-type]",
    ]
    edit(mini / "curriculum/schedules/cohort-1.yaml", 'start: "10:00", end: "12:00"', 'start: "09:00", end: "12:00"')
    lines = run_cli("check", str(mini)).out.splitlines()
    assert [x.split(": ")[0] for x in lines] == [
        "curriculum/modules/m01.yaml:5:1", "curriculum/modules/m02.yaml:11:55",
        "curriculum/schedules/cohort-1.yaml:9:17",
    ]


def test_json_and_github_formats(mini: Path):
    edit(mini / "curriculum/modules/m02.yaml", "prerequisites: [m01]", "prerequisites: [m09]")
    data = json.loads(run_cli("check", str(mini), "--format", "json").out)
    assert data == [{
        "path": "curriculum/modules/m02.yaml", "line": 8, "column": 17, "severity": "error",
        "code": "unknown-prerequisite", "message": "prerequisite 'm09' is not a module; known modules: m01, m02",
    }]
    github = run_cli("check", str(mini), "--format", "github").out
    assert github == (
        "::error file=curriculum/modules/m02.yaml,line=8,col=17,title=unknown-prerequisite::"
        "prerequisite 'm09' is not a module; known modules: m01, m02\n"
    )


def test_warnings_fail_only_under_strict(mini: Path):
    edit(mini / "curriculum/programme.yaml", "  - {id: O2, text: Graduates can teach the audit to a new facilitator.}\n",
         "  - {id: O2, text: Graduates can teach the audit to a new facilitator.}\n  - {id: O3, text: Unserved.}\n")
    assert run_cli("check", str(mini)).code == 0
    strict = run_cli("check", str(mini), "--strict")
    assert strict.code == 1
    assert "curriculum/programme.yaml:9:10: warning: no module objective serves outcome 'O3'" in strict.out


def test_misuse_exits_2(tmp_path: Path):
    assert run_cli("check", str(tmp_path / "nowhere")).code == 2
    assert run_cli("frobnicate").code == 2
