"""A build cache that arrives by commit is never used: its pages could say what no source says."""

from __future__ import annotations

import shutil
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


def test_a_cache_made_elsewhere_is_ignored_and_named(mini: Path, tmp_path: Path):
    # No git here: a project unpacked from an archive that holds a crafted cache (or copied with one).
    assert build_project(mini, tmp_path / "site").built
    copy = tmp_path / "copy"
    shutil.copytree(mini, copy)
    cached = sorted((copy / CACHE_DIR / "build").rglob("site/index.html"))
    for page in cached:
        page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>POISONED</p></body>"),
                        encoding="utf-8")

    outcome = build_project(copy, tmp_path / "site2")

    assert outcome.built and "POISONED" not in (tmp_path / "site2/index.html").read_text(encoding="utf-8")
    assert [(p.code, p.path) for p in outcome.problems if p.code.startswith("cache-")] == [
        ("cache-untrusted", CACHE_DIR)]
    assert all("POISONED" in page.read_text(encoding="utf-8") for page in cached)  # left as it was
    # The way out the warning names: delete the folder; the next build makes one it can use.
    shutil.rmtree(copy / CACHE_DIR)
    assert build_project(copy, tmp_path / "site2").built
    assert "cache-untrusted" not in [p.code for p in check_project(copy)[2]]
    assert (copy / CACHE_DIR / "build").is_dir()


def test_yaml_that_json_cannot_keep_is_parsed_not_kept(tmp_path: Path):
    # A hex integer of 3,700 digits is valid YAML; json refuses integers of more than 4,300 digits.
    from generator.source.memo import Memo
    from generator.source.yamlsource import parse_yaml

    text = "n: 0x" + "f" * 3700 + "\n"
    memo = Memo(tmp_path / "memo", "salt")
    for _ in range(2):
        doc, problems = parse_yaml(text, "curriculum/big.yaml", memo)
        assert problems == [] and doc is not None and doc.data["n"] == int("f" * 3700, 16)
    kept = [p.read_bytes() for p in (tmp_path / "memo").rglob("*") if p.is_file() and p.parent.name == "yaml"]
    assert kept == [b""]  # "not kept: parse it"
    # A damaged memo file is parsed over, not trusted.
    good = "a: 1\n"
    parse_yaml(good, "curriculum/a.yaml", Memo(tmp_path / "memo2", "salt"))
    for path in (tmp_path / "memo2").rglob("*"):
        if path.is_file() and path.parent.name == "yaml":
            path.write_bytes(b'{"data": ')
    memo_module_clear()
    doc, problems = parse_yaml(good, "curriculum/a.yaml", Memo(tmp_path / "memo2", "salt"))
    assert problems == [] and doc is not None and doc.data == {"a": 1}


def memo_module_clear() -> None:
    """Forget what this process kept in memory, so that the next read comes from the files."""
    from generator.source import memo

    with memo._LOCK:
        memo._MEMORY.clear()
        memo._MEMORY_SIZE[0] = 0


def test_a_folder_of_the_last_site_where_a_file_comes_now(tmp_path: Path):
    from generator.site.cache import copy_site

    site, target = tmp_path / "site", tmp_path / "new"
    (site / "x").parent.mkdir(parents=True)
    (site / "x").write_text("a page", encoding="utf-8")
    (target / "x" / "deeper").mkdir(parents=True)  # the spare's empty folders, from the last site
    copy_site(site, target)
    assert (target / "x").read_text(encoding="utf-8") == "a page"


def test_serve_warms_mkdocs_only_with_a_configuration_its_build_wrote(mini: Path, tmp_path: Path):
    # MkDocs runs the `hooks:` a configuration names; a file in the project's folders may be a commit's.
    from generator.serve import Watcher

    hook = mini / "content/evil.py"
    hook.write_text(f"open({str(tmp_path / 'ran')!r}, 'w').write('yes')\n", encoding="utf-8")
    planted = mini / CACHE_DIR / "build/x/en/mkdocs.yml"
    planted.parent.mkdir(parents=True)
    planted.write_text(f"site_name: x\nhooks: [{hook}]\n", encoding="utf-8")
    watcher = Watcher(mini, tmp_path / "out")
    try:
        watcher.warm_up()
    finally:
        watcher.worker.close()
    assert not (tmp_path / "ran").exists()
