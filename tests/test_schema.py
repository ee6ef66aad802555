"""`curriculum schema`: the JSON Schemas that editors use agree with the model and the files."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import FIXTURES, REPO, run_cli

from generator.check.schema import FILE_KINDS, schema_text
from generator.model import Module
from generator.source.load import LANG_SUFFIX
from generator.source.shape import validate
from generator.source.yamlsource import load_yaml

FOLDER_KIND = {"countries": "country", "modules": "module", "rubrics": "rubric", "schedules": "schedule"}
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def as_json(value: Any) -> Any:
    """YAML data as a JSON editor sees it: dates are text (YYYY-MM-DD), keys are text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def curriculum_files(root: Path) -> list[tuple[Path, str]]:
    """(file, kind) of every curriculum file of a project, translations left out (they hold parts)."""
    found = [(root / "curriculum/programme.yaml", "programme")]
    for folder, kind in FOLDER_KIND.items():
        found += [(p, kind) for p in sorted((root / "curriculum" / folder).glob("*.yaml"))
                  if not LANG_SUFFIX.match(p.stem)]
    return found


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_committed_schemas_are_what_the_command_writes(tmp_path: Path):
    for kind in FILE_KINDS:
        committed = (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(kind), f"run `curriculum schema .` and commit schemas/{kind}.schema.json"
    result = run_cli("schema", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{k}.schema.json" for k in FILE_KINDS)
    for kind in FILE_KINDS:
        assert (tmp_path / "out" / f"{kind}.schema.json").read_text(encoding="utf-8") == schema_text(kind)


def test_schema_defaults_to_the_project_schemas_folder(tmp_path: Path):
    assert run_cli("schema", str(tmp_path)).code == 0
    assert (tmp_path / "schemas" / "module.schema.json").is_file()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert run_cli("schema", str(tmp_path), "--out", str(tmp_path / "file")).code == 2


def test_schemas_describe_every_key():
    for kind in FILE_KINDS:
        schema = json.loads(schema_text(kind))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        for name, definition in [(kind, schema), *schema.get("$defs", {}).items()]:
            for key, prop in definition.get("properties", {}).items():
                assert prop.get("description"), f"{name}.{key} has no docstring in generator/model.py"


@pytest.mark.parametrize("root", [REPO, FIXTURES / "mini"], ids=["repository", "mini"])
def test_every_curriculum_file_validates_against_its_schema(root: Path):
    files = curriculum_files(root)
    assert len(files) >= 4
    for path, kind in files:
        doc, problems = load_yaml(path, path.name)
        assert doc is not None, problems
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator(kind).iter_errors(as_json(doc.data))]
        assert errors == [], path


def test_the_schema_comment_of_each_repository_file_names_its_schema():
    for path, kind in curriculum_files(REPO):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = SCHEMA_LINE.match(first)
        assert match, f"{path} should start with '# yaml-language-server: $schema=...'"
        assert (path.parent / match.group(1)).resolve() == (REPO / "schemas" / f"{kind}.schema.json").resolve(), path


@pytest.mark.parametrize("old, new", [
    ("minutes: 90,", "minutes: ninety,"),
    ("objectives:", "objetives:"),
    ("level: foundation", "level: expert"),
    ("prerequisites: []", "prerequisites: [M 01]"),
])
def test_schema_and_checker_refuse_the_same_mistakes(old: str, new: str, tmp_path: Path):
    path = tmp_path / "m01.yaml"
    path.write_text((FIXTURES / "mini/curriculum/modules/m01.yaml").read_text(encoding="utf-8").replace(old, new, 1),
                    encoding="utf-8")
    doc, _ = load_yaml(path, "m01.yaml")
    assert doc is not None
    assert list(validator("module").iter_errors(as_json(doc.data)))
    model, problems = validate(doc, Module)
    assert model is None and problems
