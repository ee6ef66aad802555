"""The hostile corpus (tests/hostile/cases.yaml): contributions written as an attacker would, each
with the outcome it must have -- a problem at its line, a refused command with nothing changed,
or the sanitised HTML. See the file's header for the form of a case.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from conftest import FIXTURES, run_cli

from generator.build import check_project
from generator.render import render
from generator.site.config import mkdocs_config
from generator.site.sanitize import clean

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "hostile" / "cases.yaml").read_text("utf-8"))
PLACEHOLDERS = {
    "deep_list": "".join("    " * i + "- x\n" for i in range(60)),
    "deep_quote": ">" * 60 + " x\n",
    "deep_divs": "<div markdown>\n" * 60 + "x\n" + "</div>\n" * 60,
    "deep_tabs": "".join("\t" * i + "- x\n" for i in range(60)),
    "deep_mixed": "> - " * 30 + "x\n",
    "deep_admonitions": "".join("    " * i + "!!! note\n" for i in range(60)),
    "list_of_30": "".join("    " * i + "- x\n" for i in range(30)),
}


def _fill(text: str, root: Path, outside: Path) -> str:
    text = text.replace("{root}", str(root)).replace("{outside}", str(outside))
    for name, value in PLACEHOLDERS.items():
        text = text.replace("{" + name + "}", value)
    return text


def _prepare(case: dict[str, Any], tmp_path: Path) -> tuple[Path, Path]:
    root, outside = tmp_path / "mini", tmp_path / "outside"
    shutil.copytree(FIXTURES / "mini", root)
    outside.mkdir()
    for name, text in (case.get("outside") or {}).items():
        (outside / name).parent.mkdir(parents=True, exist_ok=True)
        (outside / name).write_text(text, encoding="utf-8")
    if "config" in case:
        (root / "mkdocs.yml").write_text(case["config"], encoding="utf-8")
    for name in case.get("remove", []):
        shutil.rmtree(root / name)
    for name in case.get("remove_files", []):
        (root / name).unlink()
    for name, text in (case.get("files") or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(_fill(text, root, outside), encoding="utf-8")
    for name, text in (case.get("append") or {}).items():
        with open(root / name, "a", encoding="utf-8") as handle:
            handle.write(text)
    for name, target in (case.get("links") or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(_fill(target, root, outside), root / name)
    return root, outside


def _at(expected: str) -> tuple[str, int, str]:
    place, code = expected.split(" ")
    path, line = place.rsplit(":", 1)
    return path, int(line), code


def _snapshot(paths: list[str], root: Path, outside: Path) -> dict[str, bytes]:
    return {p: Path(_fill(p, root, outside) if "{" in p else root / p).read_bytes() for p in paths}


def _setting(config: dict[str, Any], path: list[Any]) -> Any:
    value: Any = config
    for key in path:
        value = value[key]
    return value


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_case(case: dict[str, Any], tmp_path: Path) -> None:
    if "sanitised" in case:
        assert clean(case["sanitised"]["html"]) == case["sanitised"]["equals"]
        return
    root, outside = _prepare(case, tmp_path)
    if "cli" in case:
        before = _snapshot(case.get("untouched", []), root, outside)
        listing = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
        result = run_cli(*[_fill(a, root, outside) for a in case["cli"]["args"]])
        assert result.code == case["cli"]["exit"], result.err
        assert case["cli"].get("says", "refusing") in result.err
        assert _snapshot(case.get("untouched", []), root, outside) == before
        assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == listing  # nothing added
        return
    if "import" in case:
        spec = case["import"]
        before = _snapshot(spec.get("untouched", []), root, outside)
        catalog = Catalog(locale=spec["lang"].replace("-", "_"))
        for context, text in spec["po"]:
            catalog.add("source text", string=text, context=context)
        po = tmp_path / "in.po"
        if "po_text" in spec:
            po.write_text(spec["po_text"], encoding="utf-8")
        else:
            with open(po, "wb") as handle:
                write_po(handle, catalog)
        result = run_cli("i18n", "import", str(po), str(root), "--lang", spec["lang"])
        assert result.code == spec["exit"], result.err
        for expected in spec.get("errors", []):
            path, line, code = _at(expected)
            path = _fill(path, root, outside).replace("{po}", str(po))
            assert f"{path}:{line}:1: error: " in result.err and f"[{code}]" in result.err, result.err
        assert _snapshot(spec.get("untouched", []), root, outside) == before
        for absent in spec.get("absent", []):
            assert not os.path.lexists(_fill(absent, root, outside)) or not Path(_fill(absent, root, outside)).exists()
        return
    cur, config, problems = check_project(root)
    for name in case.get("unpublished", []):
        assert name not in cur.content_files
    if "rendered" in case:
        rendered = render(cur, "en")
        text = rendered.pages[case["rendered"]["page"]] + repr(rendered.meta.get(case["rendered"]["page"]))
        assert case["rendered"]["present"] in text
        for absent in case["rendered"]["absent"]:
            assert absent not in text
    errors = {(p.path, p.line, p.code) for p in problems if p.severity.value == "error"}
    warnings = {(p.path, p.line, p.code) for p in problems if p.severity.value == "warning"}
    if case.get("clean"):
        assert not errors, [p.text() for p in problems]
    for expected in case.get("errors", []):
        assert _at(expected) in errors, [p.text() for p in problems]
    for expected in case.get("warnings", []):
        assert _at(expected) in warnings, [p.text() for p in problems]
    if "setting" in case:
        assert not errors, [p.text() for p in problems]
        spec = case["setting"]
        if spec.get("mkdocs"):
            config = mkdocs_config(config, "en", ["en"], tmp_path / "docs", tmp_path / "site", [], "x")
        assert _setting(config, spec["path"]) == spec["equals"]


def test_corpus_covers_every_class() -> None:
    classes = {c["class"] for c in CASES}
    assert {"config", "sanitiser", "files", "symlinks", "i18n", "out", "markdown", "links", "cache"} <= classes
    assert len(CASES) >= 60
    assert len({c["id"] for c in CASES}) == len(CASES)


# --- serve: a busy port before any build, no temporary folder left behind ----------------------


def test_serve_reports_a_busy_port_before_building(mini: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        started = time.monotonic()
        result = run_cli("serve", str(mini), "--port", str(taken.getsockname()[1]))
    assert result.code == 2
    assert "cannot listen on 127.0.0.1:" in result.err and "--port" in result.err
    assert "rebuilt" not in result.err  # refused before the first build
    assert time.monotonic() - started < 5
    assert not list(tmp_path.glob("curriculum-serve-*"))


def test_serve_removes_its_folder_when_terminated(mini: Path, tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The server's output goes to a file, not a pipe: a pipe nobody reads any more fills up and
    # blocks the server in the middle of its exit.
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", str(mini), "--port", str(port)],
                                   stdout=subprocess.DEVNULL, stderr=out, text=True,
                                   env={**os.environ, "TMPDIR": str(temp), "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "serving " not in log.read_text() and process.poll() is None:
            time.sleep(0.2)
        assert list(temp.glob("curriculum-serve-*/site/index.html")), "the site was not built: " + log.read_text()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert not list(temp.glob("curriculum-serve-*")), log.read_text()
