"""REFERENCE.md documents every command, option and file key there is (problem codes: test_codes.py)."""

from __future__ import annotations

import argparse
import re

import pytest
import yaml

from conftest import REPO
from generator.check.reference import BEGIN, END, key_tables, updated
from generator.check.schema import FILE_KINDS, json_schema
from generator.cli import parser

REFERENCE = REPO / "REFERENCE.md"


def text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def commands(top: argparse.ArgumentParser, prefix: str = "curriculum") -> dict[str, argparse.ArgumentParser]:
    """Every command and subcommand of the CLI, by its full name (`curriculum i18n status`)."""
    found = {}
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix} {name}"
                nested = commands(sub, full)
                found.update(nested or {full: sub})
    return found


def section(document: str, heading: str) -> str:
    """The text under `### heading` up to the next heading of the same or a higher level."""
    match = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^#{{1,3}} )", document + "\n## end", re.M | re.S)
    assert match, f"REFERENCE.md has no section '### {heading}'"
    return match.group(1)


def test_the_command_finder_sees_nested_commands():
    found = commands(parser())
    assert "curriculum check" in found and "curriculum i18n status" in found
    assert "curriculum i18n" not in found


@pytest.mark.parametrize("name", sorted(commands(parser())))
def test_every_command_has_a_section_naming_each_option(name: str):
    sub = commands(parser())[name]
    body = section(text(), f"`{name}`")
    synopsis = text().split("## Command line", 1)[1].split("###", 1)[0]
    assert name in synopsis, f"{name} is missing from the synopsis"
    for action in sub._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        names = action.option_strings or ([action.metavar] if action.metavar not in (None, "PROJECT") else [])
        for option in names:
            assert f"`{option}" in body, f"{name}: option {option} is not documented in its section"
        if action.choices and action.option_strings:
            for choice in action.choices:
                assert f"`{action.option_strings[0]} {choice}`" in body or f"`{choice}`" in body, (name, choice)


def test_global_options_are_documented():
    for action in parser()._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}`" in text(), option


def test_the_key_tables_are_those_of_the_current_model():
    assert BEGIN in text() and END in text()
    assert updated(text()) == text(), "run: python -m generator.check.reference"


@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
def test_every_key_of_every_file_kind_is_documented(kind: str):
    tables = key_tables()

    def keys(node: dict, defs: dict, prefix: str) -> list[str]:
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        out = []
        for key, value in node.get("properties", {}).items():
            out.append(prefix + key)
            for child in [value, value.get("items", {}), *value.get("anyOf", []),
                          *[v.get("items", {}) for v in value.get("anyOf", [])]]:
                resolved = child
                while isinstance(resolved, dict) and "$ref" in resolved:
                    resolved = defs[resolved["$ref"].rsplit("/", 1)[-1]]
                if isinstance(resolved, dict) and "properties" in resolved:
                    sep = "[]." if value.get("type") == "array" or any(
                        v.get("type") == "array" for v in value.get("anyOf", [])) else "."
                    out += keys(resolved, defs, prefix + key + sep)
                    break
        return out

    schema = json_schema(kind)
    for key in keys(schema, schema.get("$defs", {}), ""):
        assert f"| `{key}` |" in tables, f"{kind}: {key}"
        assert f"| `{key}` |" in text(), f"{kind}: {key} (run python -m generator.check.reference)"


def test_the_examples_are_valid_files_of_their_kind():
    block = text().split("### Examples", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    parts = re.split(r"^# curriculum/(\w+)/?.*$", block, flags=re.M)
    kinds = {"programme.yaml": "programme", "modules": "module", "rubrics": "rubric", "schedules": "schedule",
             "countries": "country"}
    seen = set()
    for head, body in zip(parts[1::2], parts[2::2], strict=True):
        kind = kinds.get(head) or kinds.get(head + ".yaml") or "programme"
        FILE_KINDS[kind].model_validate(yaml.safe_load(body))
        seen.add(kind)
    assert seen == set(FILE_KINDS)


def test_readme_and_changelog_lead_to_the_reference():
    for name in ("README.md", "CHANGELOG.md"):
        assert "REFERENCE.md" in (REPO / name).read_text(encoding="utf-8"), name
