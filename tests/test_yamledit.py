"""Editing YAML text in place: one value changes, every other byte stays."""

from __future__ import annotations

import pytest

from generator.i18n.files import with_page_record, with_yaml_record
from generator.source.yamledit import YamlText, scalar
from generator.source.yamlsource import parse_yaml

TEXT = """\
# Comentario del traductor
title: Título  # revisar
summary: |
  Dos
  líneas
objectives:
  - {id: a.1, text: Uno}

  # más tarde
sessions:
  - id: s1
    title: Sesión
cert: {text: x}
"""


def data(text: str):
    doc, problems = parse_yaml(text, "x.yaml")
    assert problems == [] and doc is not None
    return doc.data


def test_set_a_value_keeps_comments_and_layout():
    doc = YamlText(TEXT)
    doc.set_scalar(("title",), "Nuevo: título")
    doc.set_scalar(("summary",), "Una línea")
    doc.set_scalar(("objectives", 0, "text"), "Uno, dos")
    assert doc.text == TEXT.replace("title: Título  #", 'title: "Nuevo: título"  #').replace(
        "summary: |\n  Dos\n  líneas\n", "summary: Una línea\n").replace("text: Uno}", 'text: "Uno, dos"}')


def test_add_entries_to_block_and_flow_collections():
    doc = YamlText(TEXT)
    doc.append(("objectives",), {"id": "a.2", "text": "Dos"})
    doc.add_key(("sessions", 0), "summary", "Resumen")
    doc.append(("sessions",), {"id": "s2", "title": "Otra"})
    doc.add_key(("cert",), "more", "y")
    doc.add_key((), "tags", ["a", "b"])
    assert data(doc.text) == {
        "title": "Título", "summary": "Dos\nlíneas\n",
        "objectives": [{"id": "a.1", "text": "Uno"}, {"id": "a.2", "text": "Dos"}],
        "sessions": [{"id": "s1", "title": "Sesión", "summary": "Resumen"}, {"id": "s2", "title": "Otra"}],
        "cert": {"text": "x", "more": "y"}, "tags": ["a", "b"]}
    assert doc.text.startswith("# Comentario del traductor\ntitle: Título  # revisar\n")
    assert "  - {id: a.1, text: Uno}\n  - {id: a.2, text: Dos}\n\n  # más tarde\n" in doc.text


@pytest.mark.parametrize("value", ["yes", "no", "1.5", "2026-01-01", "null", "a: b", "#x", "- x", "it's", "“quoted”",
                                   "línea\notra", " space", "tab\there", "ends:", "[x]", "{x}", "*x", "&x", "!x", "%x"])
def test_scalars_read_back_as_the_same_text(value: str):
    assert data(f"k: {scalar(value)}\n") == {"k": value}
    assert data(f"k: [{scalar(value, True)}]\n") == {"k": [value]}


def test_the_unit_record_goes_last_and_replaces_the_old_hash():
    assert with_yaml_record("title: x\n", {"title": "0a1b2c3d"}) == 'title: x\nsource_hashes:\n  title: "0a1b2c3d"\n'
    old = '# c\nsource_hash: "sha256:0123456789abcdef"\ntitle: x\nsource_hashes:\n  title: "11111111"\n# kept\n'
    assert with_yaml_record(old, {"title": "22222222", "sessions/s1/title": "33333333"}) == (
        '# c\ntitle: x\n# kept\nsource_hashes:\n  title: "22222222"\n  sessions/s1/title: "33333333"\n')
    assert with_yaml_record("title: x\r\nsummary: y", {"1": "44444444"}) == \
        'title: x\r\nsummary: y\r\nsource_hashes:\r\n  "1": "44444444"\r\n'


def test_the_unit_record_in_markdown_front_matter():
    assert with_page_record("# T\n", ["0a1b2c3d"], ["# T"]) == '---\nsource_hashes:\n- "0a1b2c3d"  # # T\n---\n\n# T\n'
    assert with_page_record('---\nsource_hash: ""\ntitle: T\n---\n\nText\n', ["", "11111111"], ["x" * 50]) == (
        '---\ntitle: T\nsource_hashes:\n- ""  # ' + "x" * 39 + '…\n- "11111111"\n---\n\nText\n')
