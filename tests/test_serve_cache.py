"""What an edit's rebuild skips in the last steps: the copy into the output links the files that did
not change, and serve can redo the page the author has open before the edit's other pages. Both
end with the bytes of a build from scratch."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from conftest import edit

from generator.build import build_project
from generator.site import mkdocs_adapter
from generator.site.cache import CACHE_DIR

SENTENCE = "Audit the stores room too."


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def add_sentence(project: Path) -> None:
    """The author's edit: one sentence more at the end of module m02's body."""
    with (project / "content/modules/m02.md").open("a", encoding="utf-8") as handle:
        handle.write(f"\n{SENTENCE}\n")


def assert_as_built_from_scratch(project: Path, out: Path, fresh: Path) -> None:
    assert build_project(project, fresh, cache=False).built
    assert tree(out) == tree(fresh)


def folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def one_language(mini: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # One language keeps the builds short; each language is placed by the same code.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    edit(mini / "curriculum/programme.yaml", "languages: [en, es, fr, vi]", "languages: [en]")
    for pattern in ("*.es.*", "*.fr.*", "*.vi.*"):
        for extra in mini.rglob(pattern):
            extra.unlink()
    return mini


def test_a_rebuild_links_the_unchanged_files_and_never_writes_into_the_old_site(one_language: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert build_project(one_language, out).built
    before = inodes(out)
    # A second name for a page the edit changes: if the build wrote into the old site's file, it shows here.
    kept = tmp_path / "kept.html"
    os.link(out / "modules/m02/index.html", kept)
    old_page = kept.read_bytes()

    add_sentence(one_language)
    assert build_project(one_language, out).built

    after = inodes(out)
    linked = {name for name in after if before.get(name) == after[name]}
    copied = set(after) - linked
    assert {"modules/m02/index.html", "handbook/index.html", "search/search_index.json"} <= copied
    assert {"modules/m01/index.html", "rubrics/delivery/index.html", "assets/curriculum/curriculum.css"} <= linked
    # Nothing else is copied but what every build writes anew (the marker, MkDocs' 404 page and
    # sitemaps); the rest of the site is linked.
    assert copied <= {"modules/m02/index.html", "handbook/index.html", "search/search_index.json",
                      "search/search_index.js", ".curriculum-site", "404.html", "sitemap.xml", "sitemap.xml.gz"}, sorted(copied)
    assert len(linked) >= 3 * len(copied)
    assert SENTENCE in (out / "modules/m02/index.html").read_text(encoding="utf-8")
    assert kept.read_bytes() == old_page and SENTENCE not in old_page.decode("utf-8")
    # The old site's folders were kept, empty, for the next build (removing folders is slow on ext4
    # with `discard`); the site has exactly the folders of a site built from scratch.
    (variant,) = (one_language / CACHE_DIR / "build").iterdir()
    spare = variant / "_spare"
    assert (spare / "modules/m01").is_dir() and not [p for p in spare.rglob("*") if not p.is_dir()]
    with (one_language / "content/modules/m02.md").open("a", encoding="utf-8") as handle:
        handle.write("\nA second edit.\n")
    assert build_project(one_language, out).built  # made from the spare folders
    assert_as_built_from_scratch(one_language, out, tmp_path / "fresh")
    assert folders(out) == folders(tmp_path / "fresh")


def test_a_file_changed_in_the_output_is_not_carried_into_the_next_build(one_language: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert build_project(one_language, out).built
    page = out / "modules/m01/index.html"
    built = page.read_bytes()
    with page.open("ab") as handle:  # someone edits the published page in place
        handle.write(b"<!-- changed by hand -->")
    assert build_project(one_language, out).built  # nothing changed in the sources
    assert page.read_bytes() == built
    assert build_project(one_language, tmp_path / "other").built  # another output: everything copied
    assert tree(tmp_path / "other") == tree(out)


def test_the_page_the_author_has_open_is_redone_first_and_the_rest_next(one_language: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert build_project(one_language, out).built
    add_sentence(one_language)

    first = build_project(one_language, out, refresh=["en"], first="modules/m02/index.md")
    assert first.built and first.held
    assert SENTENCE in (out / "modules/m02/index.html").read_text(encoding="utf-8")
    # The handbook holds the module too: it keeps its last build until the next one.
    assert SENTENCE not in (out / "handbook/index.html").read_text(encoding="utf-8")

    rest = build_project(one_language, out, refresh=["en"])
    assert rest.built and not rest.held
    assert SENTENCE in (out / "handbook/index.html").read_text(encoding="utf-8")
    assert_as_built_from_scratch(one_language, out, tmp_path / "fresh")


def test_serves_worker_warmed_up_builds_the_edit_like_a_process_of_its_own(one_language: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert build_project(one_language, out).built
    (config,) = (one_language / CACHE_DIR / "build").glob("*/en/mkdocs.yml")
    worker = mkdocs_adapter.Worker()
    try:
        worker.warm(config)  # what serve does after its first build; the answer is read with the next build's
        with (one_language / "content/modules/m02.md").open("a", encoding="utf-8") as handle:
            handle.write(f"\n{SENTENCE}\n")
        outcome = build_project(one_language, out, refresh=["en"], worker=worker)
        assert outcome.built and outcome.rebuilt == ["en"], [p.text() for p in outcome.problems]
        assert worker._unread == 0 and worker._process is not None and worker._process.poll() is None
    finally:
        worker.close()
    assert SENTENCE in (out / "modules/m02/index.html").read_text(encoding="utf-8")
    assert_as_built_from_scratch(one_language, out, tmp_path / "fresh")


def test_a_build_no_longer_wanted_stops_before_it_writes_anything(one_language: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert build_project(one_language, out).built
    site = tree(out)
    (variant,) = (one_language / CACHE_DIR / "build").iterdir()
    cached = tree(variant)
    add_sentence(one_language)
    asked: list[int] = []

    def stop() -> bool:  # wanted after the check, not after the render
        asked.append(1)
        return len(asked) > 1

    outcome = build_project(one_language, out, refresh=["en"], stop=stop)
    assert outcome.stopped and not outcome.built and len(asked) == 2
    assert tree(out) == site and tree(variant) == cached
    assert build_project(one_language, out, refresh=["en"]).built  # the next build does the work
    assert SENTENCE in (out / "modules/m02/index.html").read_text(encoding="utf-8")


def test_the_worker_gets_the_configuration_as_data_only_when_json_keeps_it_exactly():
    import datetime

    config = {"site_name": "Mini", "nav": [{"Home": "index.md"}], "extra": {"count": 3, "flag": True}}
    assert mkdocs_adapter._as_options(config) == config
    assert mkdocs_adapter._as_options({**config, "extra": {"date": datetime.date(2026, 1, 1)}}) is None
    assert mkdocs_adapter._as_options({**config, "extra": {1: "a key JSON makes a string"}}) is None
