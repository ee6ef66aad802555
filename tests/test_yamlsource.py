"""The positioned YAML reader: values keep their place, hostile input becomes problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.source.yamlsource import load_yaml, parse_yaml


def texts(problems):
    return [p.text() for p in problems]


def test_values_keep_line_and_column():
    doc, problems = parse_yaml("id: m01\nsessions:\n  - {id: s1, minutes: 90}\n", "m.yaml")
    assert problems == []
    assert doc.data == {"id": "m01", "sessions": [{"id": "s1", "minutes": 90}]}
    assert doc.where(("sessions", 0, "minutes")).line == 3
    assert doc.where(("sessions", 0, "minutes")).column == 23
    assert doc.where(("sessions",), key=True).line == 2


def test_plain_scalars_follow_yaml_1_2_so_no_stays_a_language_code():
    doc, problems = parse_yaml("languages: [en, no, yes, on]\nstart: 9:30\nday: 2026-02-02\n", "p.yaml")
    assert problems == []
    assert doc.data == {"languages": ["en", "no", "yes", "on"], "start": "9:30", "day": dt.date(2026, 2, 2)}


def test_duplicate_key_names_both_lines():
    _doc, problems = parse_yaml("title: A\nsummary: s\ntitle: B\n", "m.yaml")
    assert texts(problems) == [
        "m.yaml:3:1: error: duplicate key 'title': it is also set on line 1, and only one can count; "
        "remove or rename one of them [duplicate-key]"
    ]


def test_python_tags_are_refused_not_constructed():
    doc, problems = parse_yaml("title: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "m.yaml")
    assert [p.code for p in problems] == ["unknown-tag"]
    assert problems[0].line == 1 and "!!python/object/apply:os.system" in problems[0].message


def test_alias_bomb_is_stopped():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    doc, problems = parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert doc is None
    assert [p.code for p in problems] == ["too-many-values"]


def test_tab_indentation_is_named():
    _doc, problems = parse_yaml("id: m01\nsessions:\n\t- id: s1\n", "m.yaml")
    assert texts(problems) == [
        "m.yaml:3:1: error: a tab is used for indentation; YAML needs spaces: replace the tab with spaces [tab]"
    ]


def test_syntax_error_has_position_and_hint():
    _doc, problems = parse_yaml("title: Kaizen: the basics\n", "m.yaml")
    assert texts(problems) == [
        "m.yaml:1:14: error: YAML syntax error: mapping values are not allowed in this context; "
        "put text that contains ': ' in quotes [yaml-syntax]"
    ]


def test_empty_file():
    _doc, problems = parse_yaml("# only a comment\n", "m.yaml")
    assert [p.code for p in problems] == ["empty-file"]


def test_byte_order_mark_is_a_warning_and_the_file_still_reads(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: m01\n")
    doc, problems = load_yaml(path, "m.yaml")
    assert doc is not None and doc.data == {"id": "m01"}
    assert [(p.code, p.severity.value) for p in problems] == [("byte-order-mark", "warning")]


def test_not_utf8_names_the_byte(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_bytes("id: m01\ntitle: Capacitaci\xf3n\n".encode("latin-1"))
    doc, problems = load_yaml(path, "m.yaml")
    assert doc is None
    assert texts(problems) == [
        "m.yaml:2:18: error: byte 0xf3 is not UTF-8; save the file with UTF-8 encoding [not-utf8]"
    ]


def test_binary_file(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    _doc, problems = load_yaml(path, "m.yaml")
    assert [p.code for p in problems] == ["binary-file"]


def test_an_alias_gives_the_anchored_value_and_points_at_itself():
    doc, problems = parse_yaml("a: &x [m01, m02]\nb: *x\n", "m.yaml")
    assert problems == []
    assert doc.data == {"a": ["m01", "m02"], "b": ["m01", "m02"]}
    assert (doc.where(("b", 1)).line, doc.where(("b", 1)).column) == (2, 4)


def test_numbers_too_long_for_python_stay_text_and_a_non_specific_tag_means_text():
    doc, problems = parse_yaml("a: " + "9" * 5000 + "\nb: ! 12\n", "m.yaml")
    assert problems == []
    assert doc.data["a"] == "9" * 5000 and doc.data["b"] == "12"


def test_the_value_of_a_refused_key_leaves_no_trace():
    doc, problems = parse_yaml("a: 1\na: {b: 2}\n[x]: {c: 3}\nd: 4\n", "m.yaml")
    assert [p.code for p in problems] == ["duplicate-key", "bad-key"]
    assert doc.data == {"a": 1, "d": 4}
    assert ("a", "b") not in doc.marks and doc.where(("d",)).line == 4


def test_deep_nesting_many_values_and_second_documents_refuse_the_file():
    for text, code in (("a: " + "[" * 70 + "]" * 70, "too-deep"), ("a: 1\n---\nb: 2\n", "several-documents"),
                       ("a: *nowhere\n", "unknown-anchor")):
        doc, problems = parse_yaml(text, "m.yaml")
        assert doc is None and [p.code for p in problems] == [code]
