"""`curriculum build`: an offline, reproducible, safe site, or the previous site left untouched."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import edit, run_cli

from generator.build import build_project


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_makes_every_page_kind_in_every_language(mini_site: Path):
    for lang_root in (mini_site, mini_site / "es"):
        for page in ("index.html", "programme/index.html", "modules/m01/index.html", "modules/m02/index.html",
                     "rubrics/delivery/index.html", "schedules/cohort-1/index.html", "handouts/walk.html",
                     "404.html", "search/search_index.json"):
            assert (lang_root / page).is_file(), lang_root / page


def test_failed_build_leaves_previous_site_byte_identical(mini: Path):
    out = mini / "site"
    assert run_cli("build", str(mini)).code == 0
    before = tree_digest(out)
    assert len(before) > 20
    edit(mini / "curriculum/modules/m02.yaml", "prerequisites: [m01]", "prerequisites: [m07]")
    result = run_cli("build", str(mini))
    assert result.code == 1
    assert "unknown-prerequisite" in result.out
    assert f"not built: {out} is unchanged" in result.err
    assert tree_digest(out) == before
    assert [p.name for p in mini.iterdir() if p.name.startswith(".site")] == []


def test_build_never_writes_into_sources(mini: Path):
    sources = {d: tree_digest(mini / d) for d in ("content", "curriculum")}
    assert run_cli("build", str(mini)).code == 0
    assert {d: tree_digest(mini / d) for d in ("content", "curriculum")} == sources
    assert run_cli("build", str(mini), "--out", str(mini / "content" / "site")).code == 2
    assert not (mini / "content" / "site").exists()


def test_two_builds_are_byte_identical(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "one", tmp_path / "two"
    assert build_project(mini, first).built
    assert build_project(mini, second).built
    assert tree_digest(first) == tree_digest(second)


# What a browser would fetch: src of scripts, images, frames; stylesheets, icons, preloads, manifests;
# url() and @import in CSS. Anchors (<a href>) are links a reader may follow, not loads.
_HTML_LOADS = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed|track)\b[^>]*?\ssrc=[\"']?([^\"' >]+)"
    r"|<link\b(?=[^>]*\brel=[\"']?(?:stylesheet|preload|prefetch|preconnect|dns-prefetch|icon|manifest|modulepreload))"
    r"[^>]*?\shref=[\"']?([^\"' >]+)",
    re.IGNORECASE,
)
_CSS_LOADS = re.compile(r"url\(\s*[\"']?([^\"')]+)|@import\s+[\"']([^\"']+)")
_JS_LOADS = re.compile(r"""(?:importScripts|fetch|import)\(\s*["'`](https?:)?//""")


def external_loads(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        pattern = _HTML_LOADS if path.suffix == ".html" else _CSS_LOADS
        for match in pattern.finditer(text):
            url = next(g for g in match.groups() if g is not None) if any(match.groups()) else ""
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I) and not url.startswith("data:"):
                found.append(f"{path.relative_to(site)}: {url}")
        if path.suffix in (".js", ".html"):
            found += [f"{path.relative_to(site)}: script loads {m.group(0)}" for m in _JS_LOADS.finditer(text)]
    return found


def test_no_built_file_loads_anything_from_another_host(mini_site: Path):
    assert list(mini_site.rglob("*.html")), "nothing was built"
    assert external_loads(mini_site) == []


def test_offline_check_catches_an_external_load(tmp_path: Path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css?x">')
    (tmp_path / "b.css").write_text("body{background:url(//cdn.example.org/x.png)}")
    assert external_loads(tmp_path) == ["a.html: https://fonts.googleapis.com/css?x", "b.css: //cdn.example.org/x.png"]


def test_yaml_text_is_escaped_and_never_evaluated(mini: Path, tmp_path: Path):
    edit(mini / "curriculum/modules/m01.yaml", "title: Kaizen basics",
         "title: \"Kaizen <script>alert(1)</script> `{{ 7*7 }} {% raw %}`\"")  # outside code: a check error
    edit(mini / "curriculum/modules/m01.yaml", "summary: What Kaizen is",
         "summary: <img src=x onerror=alert(1)> What Kaizen is")
    (mini / "content/modules/m02.md").write_text(
        "## Notes\n\n<script>alert(2)</script>\n\n[click](javascript:alert(3))\n\n"
        "<p onclick=\"alert(4)\">para</p>\n\n![remote](https://example.org/x.png)\n", encoding="utf-8")
    out = tmp_path / "site"
    outcome = build_project(mini, out)
    assert outcome.built, outcome.problems
    module = (out / "modules/m01/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in module and "&lt;script&gt;alert(1)" in module
    assert "{{ 7*7 }}" in module and "49" not in module
    assert "&lt;img src=x onerror=alert(1)&gt; What Kaizen is" in module
    assert "<img src=x" not in module and "<img src=\"x\"" not in module
    body = (out / "modules/m02/index.html").read_text(encoding="utf-8").split("<article")[1].split("</article>")[0]
    assert "alert(2)" not in body and "javascript:" not in body and "onclick" not in body
    assert "example.org" not in body
    nav = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in nav


def test_the_repository_programme_builds_complete_and_offline(sample_site: Path):
    """The real programme: every module in every language, Spanish complete, nothing from another host."""
    from conftest import REPO

    from generator.source.load import load

    cur, _problems = load(REPO)
    assert len(cur.modules) >= 12
    for lang_root in (sample_site, sample_site / "es", sample_site / "fr", sample_site / "vi"):
        for module_id in cur.modules:
            assert (lang_root / "modules" / module_id / "index.html").is_file()
    spanish = (sample_site / "es/modules/m01/index.html").read_text(encoding="utf-8")
    assert "Objetivos" in spanish
    for notice in ("aún no ha sido traducida", "aún no han sido traducidas", "ha cambiado desde que se tradujo",
                   "puede estar desactualizada"):
        assert notice not in spanish
    assert "Cette page n’a pas encore été traduite" in (sample_site / "fr/modules/m05/index.html").read_text(encoding="utf-8")
    assert external_loads(sample_site) == []
