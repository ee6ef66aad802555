"""A build cache that arrives by commit is never used: its pages could say what no source says."""

from __future__ import annotations

from pathlib import Path

from release_repo import git

from generator.build import build_project, check_project
from generator.source.cachedir import CACHE_DIR, committed


def test_a_committed_cache_is_ignored_and_named(mini: Path, tmp_path: Path):
    git(mini, "init", "-q", "-b", "main")
    git(mini, "add", "-A")
    git(mini, "commit", "-q", "-m", "sources")
    out = tmp_path / "site"
    assert build_project(mini, out).built
    cached = sorted((mini / CACHE_DIR / "build").rglob("site/index.html"))
    assert cached, "the first build keeps its site in the cache"
    # A contribution that commits a crafted cache: the next build would find its page unchanged.
    for page in cached:
        page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>POISONED</p></body>"),
                        encoding="utf-8")
    git(mini, "add", "-f", CACHE_DIR)
    git(mini, "commit", "-q", "-m", "cache")
    assert committed(mini)

    outcome = build_project(mini, out)

    assert outcome.built
    assert "POISONED" not in (out / "index.html").read_text(encoding="utf-8")
    warned = [p for p in outcome.problems if p.code == "cache-committed"]
    assert len(warned) == 1 and warned[0].severity.value == "warning"
    assert warned[0].path.startswith(f"{CACHE_DIR}/") and "git rm -r --cached" in warned[0].message
    # The crafted files stay as they were: the build used a folder of its own.
    assert all("POISONED" in page.read_text(encoding="utf-8") for page in cached)
    assert [p.code for p in check_project(mini)[2]].count("cache-committed") == 1


def test_an_ignored_cache_is_used_and_not_named(mini: Path, tmp_path: Path):
    git(mini, "init", "-q", "-b", "main")
    git(mini, "add", "-A")
    git(mini, "commit", "-q", "-m", "sources")
    assert build_project(mini, tmp_path / "site").built
    assert (mini / CACHE_DIR / "build").is_dir() and not committed(mini)
    assert "cache-committed" not in [p.code for p in check_project(mini)[2]]
