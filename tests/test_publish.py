"""`curriculum publish`: releases side by side, cached, sliced and joined into the same bytes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from conftest import Published, run_cli
from release_repo import commit, git, make_release_repo, replace
from test_build import external_loads, tree_digest

from generator.source.cachedir import owned

LANG_ROOTS = {"en": "", "es": "es/", "fr": "fr/", "vi": "vi/"}
VERSIONS = ["dev", "2026.3", "2026.2", "2026.1"]
OPENING = {"en": "Opening version 2026.3", "es": "Abriendo la versión 2026.3", "fr": "Ouverture de la version 2026.3",
           "vi": "Đang mở phiên bản 2026.3"}


def test_publish_puts_three_releases_and_dev_side_by_side_in_every_language(published: Published):
    site = published.site
    assert published.built == ["2026.1", "2026.2", "2026.3", "dev"] and published.reused == []
    for lang, root in LANG_ROOTS.items():
        versions = json.loads((site / root / "versions.json").read_text(encoding="utf-8"))
        assert versions == [{"version": v, "title": v, "aliases": ["latest"] if v == "2026.3" else []}
                            for v in VERSIONS], lang
        for version in VERSIONS:
            assert (site / root / version / "modules/m02/index.html").is_file(), (lang, version)
        # The modules differ: m03 came with 2026.2; m01 was renamed in 2026.3.
        assert not (site / root / "2026.1/modules/m03/index.html").exists()
        assert (site / root / "2026.2/modules/m03/index.html").is_file()
        home = (site / root / "index.html").read_text(encoding="utf-8")
        # A page of its language, with a title and a link to follow where the browser does not redirect.
        assert f'<html lang="{lang}">' in home and f"<title>{OPENING[lang]}</title>" in home, home
        assert 'url=2026.3/index.html"' in home and '<a href="2026.3/index.html">' in home
        # latest/ holds every page of every version: the same page in 2026.3, or its home page.
        assert 'url=../../../2026.3/modules/m03/index.html"' in (
            site / root / "latest/modules/m03/index.html").read_text(encoding="utf-8")
        for version in ("2026.1", "2026.2", "2026.3"):
            assert (site / root / version / "downloads" / f"mini-{version}-{lang}.zip").is_file()
        assert not (site / root / "dev/downloads").exists()
    m01 = {v: (site / v / "modules/m01/index.html").read_text(encoding="utf-8") for v in VERSIONS}
    assert "Kaizen basics" in m01["2026.2"] and "Kaizen foundations" in m01["2026.3"]
    assert "Kaizen foundations" in m01["dev"]
    assert external_loads(site) == []


def test_every_version_has_its_own_search_index_per_language(published: Published):
    for root in LANG_ROOTS.values():
        for version in VERSIONS:
            index = json.loads((published.site / root / version / "search/search_index.json").read_text(encoding="utf-8"))
            locations = {doc["location"].split("#")[0] for doc in index["docs"]}
            assert ("modules/m03/index.html" in locations) == (version != "2026.1"), (root, version)
    spanish = (published.site / "es/2026.1/search/search_index.json").read_text(encoding="utf-8")
    assert '"lang":["es"]' in spanish.replace(" ", "")


def test_a_release_page_links_its_offline_zip_and_the_notice_to_latest(published: Published):
    home = (published.site / "es/2026.1/index.html").read_text(encoding="utf-8")
    assert 'href="downloads/mini-2026.1-es.zip"' in home
    page = (published.site / "es/2026.1/modules/m02/index.html").read_text(encoding="utf-8")
    assert 'href="../../../latest/modules/m02/index.html"' in page
    assert "Está leyendo una versión anterior del programa." in page
    assert "downloads/" not in (published.site / "es/dev/index.html").read_text(encoding="utf-8").split("<footer")[0]


def test_a_second_publish_after_one_commit_rebuilds_only_dev(published: Published, tmp_path: Path):
    assert owned(published.repo)  # the first publish made the cache folder with its owner's token
    repo = tmp_path / "repo"
    shutil.copytree(published.repo, repo, symlinks=True)
    # A copied project's own cache folder is not trusted (it was not made there: cachedir), so the
    # releases built before are named with --cache, which the user's choice makes trusted.
    shutil.move(repo / ".curriculum-cache", tmp_path / "cache")
    replace(repo / "curriculum/modules/m02.yaml", "title: 5S and visual management", "title: 5S at the workplace")
    commit(repo, "one more commit", "2026-07-01T10:00:00Z")
    result = run_cli("publish", str(repo), "--out", str(tmp_path / "site"), "--cache", str(tmp_path / "cache"))
    assert result.code == 0, result.out + result.err
    assert "built: dev\n" in result.err
    assert "reused from the cache: 2026.1, 2026.2, 2026.3\n" in result.err
    site = tmp_path / "site"
    assert "5S at the workplace" in (site / "dev/modules/m02/index.html").read_text(encoding="utf-8")
    for version in ("2026.1", "2026.2", "2026.3"):
        assert tree_digest(site / version) == tree_digest(published.site / version)


def test_slices_built_apart_and_assembled_equal_the_one_machine_site(published: Published, tmp_path: Path):
    slices = []
    for version in ("2026.1", "2026.2", "2026.3"):  # releases come from the cache
        out = tmp_path / f"slice-{version}"
        result = run_cli("publish", str(published.repo), "--out", str(out), "--only", version)
        assert result.code == 0 and "reused from the cache" in result.err, result.err
        slices.append(out)
    for lang in LANG_ROOTS:  # the working tree, one language per runner
        out = tmp_path / f"slice-dev-{lang}"
        result = run_cli("publish", str(published.repo), "--out", str(out), "--only", "dev", "--lang", lang)
        assert result.code == 0, result.out + result.err
        assert json.loads((out / "slice.json").read_text(encoding="utf-8"))["languages"] == [lang]
        slices.append(out)
    result = run_cli("publish", "--assemble", *map(str, reversed(slices)), "--out", str(tmp_path / "joined"))
    assert result.code == 0, result.err
    assert tree_digest(tmp_path / "joined") == tree_digest(published.site)


def test_assemble_refuses_slices_that_overlap(published: Published, tmp_path: Path):
    out = tmp_path / "one"
    assert run_cli("publish", str(published.repo), "--out", str(out), "--only", "2026.1").code == 0
    twice = tmp_path / "two"
    shutil.copytree(out, twice)
    result = run_cli("publish", "--assemble", str(out), str(twice), "--out", str(tmp_path / "joined"))
    assert result.code == 2
    assert "both hold version 2026.1 in 'en'" in result.err
    assert not (tmp_path / "joined").exists()
    result = run_cli("publish", "--assemble", str(published.repo), "--out", str(tmp_path / "joined"))
    assert result.code == 2 and "is not a slice" in result.err


def test_a_bundle_is_one_version_in_one_language_and_byte_reproducible(published: Published, tmp_path: Path):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    for out in (first, second):
        result = run_cli("bundle", str(published.repo), "--version", "2026.2", "--lang", "es", "--out", str(out))
        assert result.code == 0, result.out + result.err
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert names[0] == "mini-2026.2-es/index.html"
    assert "mini-2026.2-es/2026.2/modules/m03/index.html" in names
    assert "mini-2026.2-es/2026.2/search/search_index.js" in names or "mini-2026.2-es/2026.2/search/search_index.json" in names
    assert all(n.startswith("mini-2026.2-es/2026.2/") for n in names[1:])
    assert {i.date_time for i in zipfile.ZipFile(first).infolist()} == {(1980, 1, 1, 0, 0, 0)}
    # The same bytes as the zip the published site offers.
    assert first.read_bytes() == (published.site / "es/2026.2/downloads/mini-2026.2-es.zip").read_bytes()


def article_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8").split("<article")[1].split("</article>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_each_version_has_a_what_changed_page_against_the_release_before_it(published: Published):
    site = published.site
    assert "Version 2026.1 is the first release." in article_text(site / "2026.1/changes.html")
    spanish = article_text(site / "es/2026.2/changes.html")
    assert "Qué cambió en la versión 2026.2 desde la versión 2026.1." in spanish
    assert "Añadido: M03 · Standard work (60 min)" in spanish
    assert 'href="modules/m03/index.html"' in (site / "es/2026.2/changes.html").read_text(encoding="utf-8")
    english = article_text(site / "2026.3/changes.html")
    assert "What changed in version 2026.3 since version 2026.2." in english
    assert "Kaizen basics → Kaizen foundations" in english
    assert "Những thay đổi trong phiên bản dev so với phiên bản 2026.3." in article_text(site / "vi/dev/changes.html")
    for root in LANG_ROOTS.values():
        for version in VERSIONS:
            assert (site / root / version / "changes.html").is_file()


def test_publish_builds_every_version_for_the_country_asked_for(mini: Path, tmp_path: Path):
    from test_placeholders import with_profiles

    from generator.releases.publish import publish

    with_profiles(mini)
    home = mini / "content/index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nRun with {{ country.agency.short }}.\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main", str(mini)], check=True)
    subprocess.run(["git", "-C", str(mini), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(mini), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm",
                    "one"], check=True)
    agencies = {}
    for country in (None, "hn"):
        out = tmp_path / f"site-{country}"
        report = publish(mini, out, dev="dev", cache=tmp_path / "cache", country=country)
        assert report.published, [p.text() for p in report.problems]
        agencies[country] = (out / "dev" / "index.html").read_text(encoding="utf-8")
    assert "Run with CONAMYPE." in agencies[None] and "Run with SENPRENDE." in agencies["hn"]


def test_assemble_refuses_a_folder_of_other_files_and_touches_nothing(published: Published, tmp_path: Path):
    slice_dir = tmp_path / "slice"
    assert run_cli("publish", str(published.repo), "--only", "2026.1", "--out", str(slice_dir)).code == 0
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_bytes(b"years of work")
    done = run_cli("publish", "--assemble", str(slice_dir), "--out", str(precious))
    assert done.code == 2 and "holds other files" in done.err
    assert [p.name for p in precious.iterdir()] == ["thesis.docx"]


def test_what_changed_compares_the_texts_readers_read_with_the_country_filled_in(mini: Path, tmp_path: Path):
    from release_repo import commit, git, replace
    from test_placeholders import with_profiles

    from generator.releases.publish import publish

    with_profiles(mini)
    m01 = mini / "curriculum/modules/m01.yaml"
    replace(m01, "title: Kaizen basics", "title: Kaizen basics with {{ country.agency.short }}")
    git(mini, "init", "-q", "-b", "main")
    first = commit(mini, "first", "2026-01-10T10:00:00Z")
    (mini / "curriculum/releases.yaml").write_text(
        f'- {{version: "2026.1", commit: {first}, date: 2026-01-10, note: First}}\n', encoding="utf-8")
    replace(m01, "Kaizen basics with", "Kaizen foundations with")
    commit(mini, "retitle", "2026-02-10T10:00:00Z")
    for country, agency in ((None, "CONAMYPE"), ("hn", "SENPRENDE")):
        out = tmp_path / f"site-{country}"
        report = publish(mini, out, dev="dev", cache=tmp_path / "cache", country=country)
        assert report.published, [p.text() for p in report.problems]
        page = article_text(out / "dev/changes.html")
        assert f"Kaizen basics with {agency} → Kaizen foundations with {agency}" in page
        assert "{{" not in page
