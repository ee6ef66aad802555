"""Whatever the files hold, `curriculum check` returns problems or success and never raises.

Hypothesis breaks copies of the mini project the way editors, merges and disks do (deleted and
repeated lines, swapped and replaced values, text cut short, random text and random bytes) and
runs the whole check on each; a second test feeds random data of any shape to every model.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import check_project
from generator.check.schema import FILE_KINDS
from generator.problems import (
    Problem,
    Severity,
    format_github,
    format_json,
    format_text,
)
from generator.source.shape import validate
from generator.source.yamlsource import Doc, parse_yaml

MINI = FIXTURES / "mini"
FILES = {p.relative_to(MINI).as_posix(): p.read_bytes() for p in sorted(MINI.rglob("*")) if p.is_file()}
CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TOKEN = re.compile(rb"[^\s:,\[\]{}]+")

# Values that authors (and accidents) put where another value belongs.
ODD = [b"", b"~", b"[]", b"{}", b"[", b"{", b"-1", b"0", b"1.5", b"99999999999", b".nan", b"true", b"no",
       b"2026-02-30", b"2026-13-01", b"\"08:00\"", b"\"25:00\"", b"8:00", b"!!python/object:os.system", b"!foo",
       b"*a", b"&a x", b"'", b"\"", b"\t", b"<<", b"? ", b"%YAML 1.1", b"---", b"...", b"m01", b"m02", b"s1", b"s2",
       b"O1", b"delivery", b"lecture", b"../../etc/passwd", b"/etc/passwd", b"http://example.org/x.md",
       b"handouts/walk.md", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\"\\0\"", b"\xc3\xb1and\xc3\xba",
       b"[x](../../x.md)",
       b"[m](modules/m01.md)", b"![p](p.png)", b"Europe/Nowhere", b"- - - - -", b"[[[[[[[[", b"{a: {b: {c: [1]}}}"]


@st.composite
def mutation(draw: st.DrawFn, files: dict[str, bytes]) -> tuple[str, bytes | None]:
    """(file, its new bytes, or None to delete it) for one random change to one file."""
    name = draw(st.sampled_from(sorted(files)))
    data = files[name]
    lines = data.split(b"\n")
    tokens = list(TOKEN.finditer(data))
    kind = draw(st.sampled_from(["delete-line", "repeat-line", "swap-tokens", "odd-token", "insert", "cut",
                                 "random-text", "random-bytes", "delete-file"]))
    if kind == "delete-line" and lines:
        i = draw(st.integers(0, len(lines) - 1))
        return name, b"\n".join(lines[:i] + lines[i + 1:])
    if kind == "repeat-line" and lines:
        i = draw(st.integers(0, len(lines) - 1))
        return name, b"\n".join(lines[: i + 1] + lines[i:])
    if kind == "swap-tokens" and len(tokens) >= 2:
        a, b = sorted(draw(st.lists(st.integers(0, len(tokens) - 1), min_size=2, max_size=2, unique=True)))
        ta, tb = tokens[a], tokens[b]
        return name, data[: ta.start()] + tb.group() + data[ta.end(): tb.start()] + ta.group() + data[tb.end():]
    if kind == "odd-token" and tokens:
        t = tokens[draw(st.integers(0, len(tokens) - 1))]
        return name, data[: t.start()] + draw(st.sampled_from(ODD)) + data[t.end():]
    if kind == "insert":
        at = draw(st.integers(0, len(data)))
        piece = draw(st.one_of(st.sampled_from(ODD), st.text(max_size=20).map(lambda s: s.encode("utf-8"))))
        return name, data[:at] + piece + data[at:]
    if kind == "cut":
        return name, data[: draw(st.integers(0, len(data)))]
    if kind == "random-text":
        return name, draw(st.text(max_size=200)).encode("utf-8")
    if kind == "random-bytes":
        return name, draw(st.binary(max_size=200))
    if kind == "delete-file":
        return name, None
    return name, data


def assert_is_a_report(problems: list[Problem]) -> None:
    for p in problems:
        assert isinstance(p, Problem)
        assert p.line >= 1 and p.column >= 1 and p.path and not p.path.startswith("/")
        assert p.severity in (Severity.ERROR, Severity.WARNING)
        assert CODE.fullmatch(p.code) and p.message
    # Every format can print the problems (and a terminal that cannot show a character is handled by the CLI).
    format_text(problems).encode("utf-8")
    json.loads(format_json(problems))
    format_github(problems).encode("utf-8")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_check_never_raises_on_broken_projects(data: st.DataObject):
    files = dict(FILES)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        name, new = data.draw(mutation(files), label="change")
        if new is None:
            files.pop(name, None)
        else:
            files[name] = new
        if not files:
            break
    root = Path(tempfile.mkdtemp(prefix="curriculum-fuzz-"))
    try:
        for name, content in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
        _cur, _config, problems = check_project(root)
        assert_is_a_report(problems)
    finally:
        shutil.rmtree(root, ignore_errors=True)


# Data of any shape that YAML can give: scalars of every type, lists and mappings, nested.
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
                    st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(["m01", "s1", "08:00", "lecture", "en"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.text(max_size=10), st.sampled_from(
        ["id", "title", "summary", "sessions", "minutes", "method", "levels", "score", "criteria", "descriptors",
         "pass",
         "days", "date", "start", "end", "module", "session", "objetives", "1", "2"])), inner, max_size=6),
), max_leaves=25)


@settings(max_examples=500, deadline=None)
@given(kind=st.sampled_from(sorted(FILE_KINDS)), value=VALUES)
def test_shape_validation_never_raises(kind: str, value: Any):
    model, problems = validate(Doc("x.yaml", value), FILE_KINDS[kind])
    assert (model is None) == bool(problems)
    assert_is_a_report(problems)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_the_yaml_reader_never_raises(text: str):
    doc, problems = parse_yaml(text, "x.yaml")
    assert doc is not None or problems
    assert_is_a_report(problems)
