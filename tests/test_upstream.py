"""A partner country forks a release: `fork init` prepares it, `upstream status` compares three ways."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, edit, run_cli

ME = ("-c", "user.name=t", "-c", "user.email=t@example.org")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *ME, *args], check=True, capture_output=True, text=True).stdout.strip()


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


M03 = """\
id: m03
title: Standard work
summary: Writing down the best known way.
level: practitioner
objectives:
  - {id: m03.1, text: Write a standard work sheet with an owner., outcomes: [O1]}
prerequisites: [m01]
sessions:
  - {id: s1, title: The sheet, minutes: 60, method: workshop}
assessment: []
"""


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    """The upstream repository: the mini programme with a third module and an El Salvador profile, released."""
    root = tmp_path / "upstream"
    shutil.copytree(FIXTURES / "mini", root)
    (root / "curriculum/modules/m03.yaml").write_text(M03, encoding="utf-8")
    edit(root / "curriculum/programme.yaml", "modules: [m01, m02]", "modules: [m01, m02, m03]\ncountry: sv")
    (root / "curriculum/countries").mkdir()
    shutil.copy(Path(__file__).parents[1] / "curriculum/countries/sv.yaml", root / "curriculum/countries/sv.yaml")
    git(root, "init", "-q", "-b", "main")
    commit(root, "first release")
    git(root, "tag", "v2026.1")
    return root


@pytest.fixture
def fork(upstream: Path, tmp_path: Path) -> Path:
    root = tmp_path / "fork"
    subprocess.run(["git", "clone", "-q", str(upstream), str(root)], check=True)
    return root


def test_fork_init_writes_a_profile_to_fill_in_with_the_release_it_starts_from(fork: Path, upstream: Path):
    run = run_cli("fork", "init", str(fork), "--country", "hn", "--lang", "es")
    assert run.code == 0, run.err
    profile = (fork / "curriculum/countries/hn.yaml").read_text(encoding="utf-8")
    assert f'  repository: "{upstream}"\n  release: "v2026.1"\n  commit: {git(upstream, "rev-parse", "v2026.1")}\n' \
        in profile
    assert 'short: "TODO"' in profile and "locales: {es: es-HN}" in profile and "# CHECK" in profile
    assert "curriculum build --country hn" in run.out and "curriculum upstream status" in run.out
    assert run_cli("check", str(fork)).code == 0  # the fork builds at once, TODOs and all
    # Never overwrites: a second run changes nothing and says why.
    again = run_cli("fork", "init", str(fork), "--country", "hn", "--lang", "es")
    assert again.code == 2 and "curriculum/countries/hn.yaml exists already" in again.err
    assert (fork / "curriculum/countries/hn.yaml").read_text(encoding="utf-8") == profile


def test_upstream_status_names_the_fork_edits_the_upstream_edits_and_the_conflict(fork: Path, upstream: Path):
    assert run_cli("fork", "init", str(fork), "--country", "hn", "--lang", "es").code == 0
    edit(fork / "curriculum/modules/m01.yaml", "title: Kaizen basics", "title: Kaizen basics in Honduras")
    edit(fork / "curriculum/modules/m02.yaml", "summary: Sort, set in order, shine, standardise, sustain.",
         "summary: The five S, with a Honduran bakery.")
    commit(fork, "Honduras")
    edit(upstream / "curriculum/modules/m02.yaml", "summary: Sort, set in order, shine, standardise, sustain.",
         "summary: Sort, set in order, shine, standardise and sustain, in that order.")
    edit(upstream / "curriculum/modules/m03.yaml", "title: Standard work", "title: Standard work and job breakdown")
    commit(upstream, "second release")
    git(upstream, "tag", "v2026.2")
    git(fork, "fetch", "-q", "origin", "--tags")

    run = run_cli("upstream", "status", str(fork), "--format", "json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["base"] == {"ref": "v2026.1", "commit": git(upstream, "rev-parse", "v2026.1")}
    assert report["upstream_release"]["ref"] == "v2026.2"
    assert report["fork_changes"] == [
        {"item": "module m01", "kind": "module", "change": "changed", "fields": ["title"]},
        {"item": "module m02", "kind": "module", "change": "changed", "fields": ["summary"]},
    ]
    assert report["upstream_changes"] == [
        {"item": "module m02", "kind": "module", "change": "changed", "fields": ["summary"]},
        {"item": "module m03", "kind": "module", "change": "changed", "fields": ["title"]},
    ]
    assert [c["item"] for c in report["conflicts"]] == ["module m02"]
    assert report["same_on_both_sides"] == []

    text = run_cli("upstream", "status", str(fork), "--upstream", "origin/main").out
    assert "Changed on both sides: a person decides how to merge these (1):\n  module m02\n" in text


def test_items_are_sessions_criteria_and_page_sections_not_lines(fork: Path, upstream: Path):
    assert run_cli("fork", "init", str(fork), "--country", "hn", "--lang", "es").code == 0
    # Both touch module m02, but different sessions: no conflict. Both touch m01.md, one section each.
    edit(fork / "curriculum/modules/m02.yaml", "title: Teach-back of the audit", "title: Teach-back in pairs")
    (fork / "content/modules/m01.md").write_text(
        (fork / "content/modules/m01.md").read_text(encoding="utf-8").replace("Waste is", "Waste, for us, is"),
        encoding="utf-8")
    commit(fork, "fork edits")
    edit(upstream / "curriculum/modules/m02.yaml", "title: Red-tag campaign", "title: Red-tag campaign at a bakery")
    edit(upstream / "content/modules/m01.md", "\n!!! trainer", "\nA new paragraph.\n\n## Practice\n\n!!! trainer")
    commit(upstream, "upstream edits")
    git(upstream, "tag", "v2026.2")
    git(fork, "fetch", "-q", "origin", "--tags")
    report = json.loads(run_cli("upstream", "status", str(fork), "--format", "json").out)
    assert [(c["item"], c["fields"]) for c in report["fork_changes"]] == [
        ("module m02 / session s2", ["title"]), ('page content/modules/m01.md / section "Key points"', [])]
    assert [(c["item"], c["change"]) for c in report["upstream_changes"]] == [
        ("module m02 / session s1", "changed"), ('page content/modules/m01.md / section "Key points"', "changed"),
        ('page content/modules/m01.md / section "Practice"', "added")]
    # The same section edited on both sides needs a person; two sessions of one module do not.
    assert [c["item"] for c in report["conflicts"]] == ['page content/modules/m01.md / section "Key points"']


def test_a_project_that_records_no_upstream_is_told_what_to_do(upstream: Path):
    run = run_cli("upstream", "status", str(upstream))
    assert run.code == 2 and "run 'curriculum fork init' first" in run.err
