"""Reading another commit's sources without touching the work tree."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.releases.gittree import GitError, commit_of, export, tags, tree_of


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(mini: Path) -> Path:
    git(mini, "init", "-q", "-b", "main")
    git(mini, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(mini, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "first")
    return mini


def test_export_gives_the_files_of_a_commit_and_leaves_the_work_tree_alone(repo: Path, tmp_path: Path):
    first = commit_of(repo, "HEAD")
    module = repo / "curriculum/modules/m01.yaml"
    before = module.read_text(encoding="utf-8")
    module.write_text(before.replace("Kaizen basics", "Changed"), encoding="utf-8")
    out = export(repo, first, tmp_path / "old")
    assert (out / "curriculum/modules/m01.yaml").read_text(encoding="utf-8") == before
    assert "Changed" in module.read_text(encoding="utf-8")
    assert (out / "mkdocs.yml").is_file() and not (out / ".git").exists()


def test_the_same_files_give_the_same_tree_id(repo: Path):
    first = commit_of(repo, "HEAD")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "empty")
    assert tree_of(repo, first) == tree_of(repo, commit_of(repo, "HEAD"))


def test_tags_are_listed_with_their_commits(repo: Path):
    git(repo, "tag", "v2026.1")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "tag", "-a", "v2026.2", "-m", "annotated")
    head = commit_of(repo, "HEAD")
    assert tags(repo) == [("v2026.1", head), ("v2026.2", head)]


def test_an_unknown_ref_or_an_option_is_a_git_error(repo: Path):
    with pytest.raises(GitError):
        commit_of(repo, "no-such-tag")
    with pytest.raises(GitError):
        commit_of(repo, "--output=/tmp/x")
