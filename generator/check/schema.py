"""JSON Schemas of the curriculum files, for editors: one per file kind, from the pydantic models.

With the `yaml-language-server` comment at the top of a file, VS Code (with the YAML extension)
and other editors complete keys, show each key's description and underline mistakes as authors
type. `curriculum check` stays the authority: it also checks what a schema cannot (references
between files, sums, the schedule).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator import model as m
from generator.source.profile import Country

DIALECT = "https://json-schema.org/draft/2020-12/schema"

FILE_KINDS: dict[str, type[m.Strict]] = {**m.KINDS, "country": Country}
"""Each file kind and its model; the schema of kind K is written to `K.schema.json`."""


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind (draft 2020-12, the dialect pydantic writes)."""
    schema = FILE_KINDS[kind].model_json_schema(by_alias=True, mode="validation")
    return {"$schema": DIALECT, **schema}


def schema_text(kind: str) -> str:
    """The schema as the file holds it: two-space indents and a final newline, so that diffs stay small."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    """Write every file kind's schema into the folder `out`; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_KINDS:
        path = out / f"{kind}.schema.json"
        text = schema_text(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:  # keep unchanged files' times
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
