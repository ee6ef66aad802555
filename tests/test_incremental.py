"""Incremental builds: after any kind of edit, a build that uses the cache makes the very bytes of a
build from scratch, and redoes only the pages the edit touched."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit

from generator.build import build_project
from generator.site import mkdocs_adapter, shards
from generator.site.cache import CACHE_DIR, merge_search_index


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*.html")}


def add_module(root: Path) -> None:
    source = (root / "curriculum/modules/m02.yaml").read_text(encoding="utf-8")
    (root / "curriculum/modules/m03.yaml").write_text(source.replace("m02", "m03"), encoding="utf-8")
    (root / "content/modules/m03.md").write_text("## Key points\n\nA third module.\n", encoding="utf-8")
    edit(root / "curriculum/programme.yaml", "modules: [m01, m02]", "modules: [m01, m02, m03]")


def delete_module(root: Path) -> None:
    edit(root / "curriculum/programme.yaml", "modules: [m01, m02, m03]", "modules: [m01, m02]")
    (root / "curriculum/modules/m03.yaml").unlink()
    (root / "content/modules/m03.md").unlink()


def cached_site(root: Path, lang: str) -> Path:
    """The cached MkDocs site of `lang`: the working tree's build keeps one variant per profile."""
    (variant,) = (root / CACHE_DIR / "build").iterdir()
    return variant / lang / "site"


def append(path: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        with (root / path).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return change


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: edit(root / path, old, new)


# In the order applied to one project: each edit starts from the site the previous one left.
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("module body", append("content/modules/m02.md", "\nAudit the stores room too.\n")),
    ("module yaml", replace("curriculum/modules/m02.yaml", "garment workshop floor", "bakery floor")),
    ("programme", replace("curriculum/programme.yaml", "title: Mini Facilitator Programme",
                          "title: Mini Facilitators' Programme")),
    ("schedule", replace("curriculum/schedules/cohort-1.yaml", '{start: "10:00", end: "11:00"',
                         '{start: "10:30", end: "11:30"')),
    ("rubric", replace("curriculum/rubrics/delivery.yaml", "2: Asks closed questions.", "2: Asks yes/no questions.")),
    ("translation", append("content/modules/m02.es.md", "\nAudite también el almacén.\n")),
    ("mkdocs.yml", replace("mkdocs.yml", "site_name: Mini programme", "site_name: Mini programme (2026)")),
    ("new module", add_module),
    ("deleted module", delete_module),
]


@pytest.fixture
def two_languages(mini: Path) -> Path:
    # Two languages keep the test short; the code paths per language are the same for four.
    edit(mini / "curriculum/programme.yaml", "languages: [en, es, fr, vi]", "languages: [en, es]")
    for extra in mini.rglob("*.fr.*"):
        extra.unlink()
    for extra in mini.rglob("*.vi.*"):
        extra.unlink()
    return mini


def test_cached_builds_equal_builds_from_scratch_after_every_kind_of_edit(two_languages: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root, out = two_languages, tmp_path / "site"
    assert build_project(root, out).built
    assert cached_site(root, "en").is_dir() and cached_site(root, "es").is_dir()
    for kind, change in EDITS:
        before = mtimes(out)
        change(root)
        outcome = build_project(root, out)
        assert outcome.built, (kind, [p.text() for p in outcome.problems])
        fresh = tmp_path / f"fresh-{kind.replace(' ', '-')}"
        assert build_project(root, fresh, cache=False).built
        assert tree(out) == tree(fresh), kind
        assert not (root / "content" / CACHE_DIR).exists() and not (root / "curriculum" / CACHE_DIR).exists()
        if kind == "module body":
            # Only the pages that show the edited body were made again; the others kept their files.
            redone = {name for name, stamp in mtimes(cached_site(root, "en")).items()
                      if stamp > max(before.values())}
            assert {"modules/m02/index.html", "handbook/index.html"} <= redone
            assert "modules/m01/index.html" not in redone and "rubrics/delivery/index.html" not in redone


def test_a_build_with_nothing_changed_runs_no_mkdocs(two_languages: Path, tmp_path: Path):
    assert build_project(two_languages, tmp_path / "one").built
    before = {lang: mtimes(cached_site(two_languages, lang)) for lang in ("en", "es")}
    outcome = build_project(two_languages, tmp_path / "two")
    assert outcome.built
    # MkDocs writes every page it builds, even a dirty build: no page written means it did not run.
    assert {lang: mtimes(cached_site(two_languages, lang)) for lang in ("en", "es")} == before
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_search_index_merge_keeps_page_order_and_refuses_what_it_cannot_place():
    old = ('{"config":{"lang":["en"]},"docs":[{"location":"a.html","text":"A"},{"location":"a.html#x","text":"x"},'
           '{"location":"b.html","text":"B"},{"location":"c.html","text":"C"}]}')
    new = '{"config":{"lang":["en"]},"docs":[{"location":"b.html","text":"B2"},{"location":"b.html#y","text":"y"}]}'
    merged = merge_search_index(old, new, {"b.html"})
    assert re.findall(r'"location":"([^"]+)"', merged) == ["a.html", "a.html#x", "b.html", "b.html#y", "c.html"]
    assert '"B2"' in merged and '"B"' not in merged
    # A redone page that had no entries before: where its entries go is unknown, so build afresh.
    assert merge_search_index(old, new.replace("b.html", "d.html"), {"d.html"}) is None


def test_a_cache_that_is_a_link_is_not_used(mini: Path, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (mini / CACHE_DIR).symlink_to(elsewhere)
    assert build_project(mini, tmp_path / "site").built
    assert list(elsewhere.iterdir()) == []


def test_a_language_built_in_parts_has_the_bytes_of_one_built_in_one_process(two_languages: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(shards, "MIN_PAGES", 1)  # the fixture is small; a real site splits above 120 pages
    # Four cores for two languages: each language is built by two MkDocs processes.
    assert build_project(two_languages, tmp_path / "parts", parallel=4).built
    assert (cached_site(two_languages, "en").parent / "mkdocs-part-1.yml").is_file()
    assert not (cached_site(two_languages, "en").parent / "part-1").exists()  # the parts were joined
    assert build_project(two_languages, tmp_path / "one", parallel=1, cache=False).built
    assert tree(tmp_path / "parts") == tree(tmp_path / "one")


def test_serves_mkdocs_worker_builds_the_bytes_of_a_process_of_its_own(two_languages: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = tmp_path / "served"
    assert build_project(two_languages, out).built
    worker = mkdocs_adapter.Worker()
    try:
        for kind, change in EDITS[:2]:  # a body and a module's YAML: dirty builds, one language at a time
            change(two_languages)
            for lang in ("es", "en"):
                outcome = build_project(two_languages, out, refresh=[lang], worker=worker)
                assert outcome.built and outcome.rebuilt == [lang], (kind, [p.text() for p in outcome.problems])
            assert worker._process is not None and worker._process.poll() is None  # one process, still running
    finally:
        worker.close()
    assert build_project(two_languages, tmp_path / "fresh", cache=False).built
    assert tree(out) == tree(tmp_path / "fresh")
