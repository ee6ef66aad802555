"""Releases: releases.yaml read with every mistake at its line, tags, `curriculum release`, skips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli
from release_repo import commit, git, replace

from generator.releases.publish import build_slices
from generator.releases.registry import releases


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", target)
    git(target, "init", "-q", "-b", "main")
    commit(target, "first", "2026-01-10T10:00:00Z")
    return target


def test_check_names_every_mistake_in_releases_yaml_at_its_line(repo: Path):
    (repo / "curriculum/releases.yaml").write_text(
        '- {version: "2026.1", commit: abcdef12, date: 2026-01-10, note: First}\n'
        "- {version: 2026.2, commit: abcdef12, date: 2026-02-10, note: Second}\n"
        '- {version: "2026.1", commit: abcdef12, date: 2026-03-10, note: Again}\n'
        '- {version: "2026.4", commit: main, date: 2026-13-01, note: x, notes: y}\n'
        '- {version: "2026.5", date: 2026-05-01, note: no commit}\n', encoding="utf-8")
    result = run_cli("check", str(repo))
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if line.startswith("curriculum/releases.yaml")]
    assert lines == [
        # In a git work tree, check also finds what publish would leave out.
        "curriculum/releases.yaml:1:3: warning: release 2026.1: the commit abcdef12 is not in this repository "
        "(fetch it, or fix the id); it is not published [unknown-commit]",
        "curriculum/releases.yaml:2:13: error: a release's version is text that starts with a digit, then letters, "
        "digits, '.', '-' or '_' (as 2026.1), not 2026.2 (quote it: version: \"2026.1\") [bad-version]",
        "curriculum/releases.yaml:3:13: error: version 2026.1 is already released at line 1; a version is "
        "released once: give this one a new version [duplicate-release]",
        "curriculum/releases.yaml:4:31: error: commit must be a commit id (4 to 40 hexadecimal digits), not 'main' "
        "[wrong-type]",
        "curriculum/releases.yaml:4:43: error: '2026-13-01' is not a real date; write it as YYYY-MM-DD [bad-date]",
        "curriculum/releases.yaml:4:64: error: a release has no key 'notes'; its keys are version, commit, date, note "
        "[unknown-key]",
        "curriculum/releases.yaml:5:3: error: this release needs 'commit:' [missing-key]",
    ]
    assert "stray-file" not in result.out


def test_release_records_the_commit_and_refuses_what_would_not_be_that_commit(repo: Path):
    result = run_cli("release", "2026.2", str(repo))
    assert result.code == 2 and "curriculum/programme.yaml says version: '2026.1'" in result.err
    replace(repo / "curriculum/modules/m01.yaml", "title: Kaizen basics", "title: Uncommitted")
    result = run_cli("release", "2026.1", str(repo))
    assert result.code == 2 and "commit first" in result.err and "curriculum/modules/m01.yaml" in result.err
    git(repo, "checkout", "--", ".")
    result = run_cli("release", "2026.1", str(repo), "--note", "First cohort")
    assert result.code == 0, result.err
    head = git(repo, "rev-parse", "HEAD")
    assert (repo / "curriculum/releases.yaml").read_text(encoding="utf-8") == (
        f'- {{version: "2026.1", commit: {head}, date: 2026-01-10, note: "First cohort"}}\n')
    assert run_cli("check", str(repo)).code == 0
    result = run_cli("release", "2026.1", str(repo))
    assert result.code == 2 and "version 2026.1 is already released" in result.err
    found, problems = releases(repo)
    assert [(r.version, r.commit) for r in found] == [("2026.1", head)] and problems == []


def test_a_release_whose_programme_says_another_version_is_reported_and_left_out(repo: Path):
    first = git(repo, "rev-parse", "HEAD")
    (repo / "curriculum/releases.yaml").write_text(
        f'- {{version: "2026.1", commit: {first[:10]}, date: 2026-01-10, note: ok}}\n'
        f'- {{version: "2026.9", commit: {first[:10]}, date: 2026-01-11, note: wrong}}\n'
        '- {version: "2027.1", commit: 0123456789abcdef, date: 2026-01-12, note: gone}\n', encoding="utf-8")
    git(repo, "tag", "v2026.1")  # the same release, tagged too: no problem
    git(repo, "tag", "vnext")
    found, problems = releases(repo)
    assert [r.version for r in found] == ["2026.1"]
    check = run_cli("check", str(repo))
    assert check.code == 0 and [p.text() + "\n" for p in problems if p.path.startswith("curriculum/")] == [
        line + "\n" for line in check.out.splitlines() if line.startswith("curriculum/releases.yaml")]
    assert [p.text() for p in problems] == [
        "refs/tags/vnext:1:1: warning: the tag vnext gives the version 'next', which is not a version name (it must "
        "start with a digit); it is not published [bad-version]",
        f"curriculum/releases.yaml:2:3: warning: release 2026.9: at commit {first[:12]} the programme says "
        "version: '2026.1'; the release is not published until they agree [release-version-mismatch]",
        "curriculum/releases.yaml:3:3: warning: release 2027.1: the commit 0123456789abcdef is not in this "
        "repository (fetch it, or fix the id); it is not published [unknown-commit]",
    ]


def test_a_release_this_generator_cannot_build_is_reported_and_skipped_never_half_built(repo: Path, tmp_path: Path):
    replace(repo / "curriculum/modules/m02.yaml", "prerequisites: [m01]", "prerequisites: [m09]")
    replace(repo / "curriculum/programme.yaml", 'version: "2026.1"', 'version: "0.9"')
    commit(repo, "broken", "2026-01-11T10:00:00Z")
    git(repo, "tag", "v0.9")
    git(repo, "revert", "--no-edit", "HEAD")
    cache = tmp_path / "cache"
    slices, report = build_slices(repo, tmp_path / "work", cache, dev=None, only="0.9")
    assert slices == [] and report.skipped == ["0.9"] and report.built == []
    assert [p.text() for p in report.problems] == [
        "refs/tags/v0.9:1:1: warning: release 0.9 (commit " + git(repo, "rev-parse", "v0.9")[:12] + ") cannot be "
        "built by this generator and is not published; its problems follow [release-not-built]",
        "0.9:curriculum/modules/m02.yaml:8:17: warning: prerequisite 'm09' is not a module; known modules: m01, m02 "
        "[unknown-prerequisite]",
    ]
    assert not cache.exists() or [p.name for p in cache.iterdir()] == []
    result = run_cli("publish", str(repo), "--out", str(tmp_path / "site"), "--only", "0.9", "--no-dev")
    assert result.code == 1 and "skipped (see above): 0.9" in result.err
    assert not (tmp_path / "site").exists()


def test_publish_refuses_to_write_over_sources_or_to_name_dev_as_a_language(repo: Path):
    result = run_cli("publish", str(repo), "--out", str(repo / "content/site"))
    assert result.code == 2 and "inside content/" in result.err
    result = run_cli("publish", str(repo), "--out", str(repo.parent / "site"), "--cache", str(repo / "curriculum/c"))
    assert result.code == 2 and "inside curriculum/" in result.err
    result = run_cli("publish", str(repo), "--out", str(repo.parent / "site"), "--dev", "es")
    assert result.code == 2 and "--dev es: that is a language of the programme" in result.err
    result = run_cli("publish", str(repo), "--out", str(repo.parent / "site"), "--dev", "latest")
    assert result.code == 2 and "--dev 'latest'" in result.err
    result = run_cli("publish", str(repo), "--out", str(repo.parent / "site"), "--only", "2030.1")
    assert result.code == 2 and "--only 2030.1: there is no such version (versions: dev)" in result.err
    result = run_cli("publish", str(repo), "--out", str(repo.parent / "site"), "--no-dev")
    assert result.code == 2 and "nothing to publish: there is no release" in result.err
    assert not (repo.parent / "site").exists() and not (repo / "content/site").exists()
    assert not (repo / ".curriculum-cache").exists()


def test_a_shallow_clone_cannot_know_old_commits_so_check_leaves_releases_to_publish(repo: Path, tmp_path: Path):
    # CI checks out one commit; the release's commit is then missing although nothing is wrong.
    first = git(repo, "rev-parse", "HEAD")
    (repo / "curriculum/releases.yaml").write_text(
        f'- {{version: "2026.1", commit: {first}, date: 2026-01-10, note: First}}\n', encoding="utf-8")
    commit(repo, "record 2026.1", "2026-01-11T10:00:00Z")
    (repo / "content/index.md").write_text("# Home\n\nA later edit.\n", encoding="utf-8")
    commit(repo, "later", "2026-01-12T10:00:00Z")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    assert run_cli("check", "--strict", str(shallow)).code == 0
    published, problems = releases(shallow)
    assert published == []
    assert [p.code for p in problems] == ["unknown-commit"]
