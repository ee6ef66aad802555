"""Editing YAML text in place: one value changes, every other byte stays."""

from __future__ import annotations

import pytest

from generator.i18n.files import with_markdown_hash, with_yaml_hash
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


def test_source_hash_goes_first_or_replaces_the_old_one():
    assert with_yaml_hash("title: x\n", "sha256:1") == 'source_hash: "sha256:1"\ntitle: x\n'
    assert with_yaml_hash('# c\nsource_hash: ""\ntitle: x\n', "sha256:2") == '# c\nsource_hash: "sha256:2"\ntitle: x\n'
    assert with_yaml_hash("source_hash:\ntitle: x\n", "sha256:3") == 'source_hash: "sha256:3"\ntitle: x\n'
    assert with_yaml_hash("title: x\r\nsummary: y\r\n", "sha256:4") == 'source_hash: "sha256:4"\r\ntitle: x\r\nsummary: y\r\n'


def test_source_hash_in_markdown_front_matter():
    assert with_markdown_hash("# T\n", "sha256:1") == '---\nsource_hash: "sha256:1"\n---\n# T\n'
    assert with_markdown_hash('---\nsource_hash: ""\n---\n# T\n', "sha256:2") == '---\nsource_hash: "sha256:2"\n---\n# T\n'
    assert with_markdown_hash("---\ntitle: T\n---\n\nText\n", "sha256:3") == \
        '---\nsource_hash: "sha256:3"\ntitle: T\n---\n\nText\n'
