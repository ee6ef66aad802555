"""The key tables of REFERENCE.md, written from the same models that check the files.

Each file kind gets one table: every key by its path (`sessions[].minutes`), whether it is
required, its type and its description (the model's docstring). The tables sit in REFERENCE.md
between two marker lines; `python -m generator.check.reference [FILE]` rewrites what is between
them, and a test fails while the committed document differs, so the reference cannot fall behind.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from generator.check.schema import FILE_KINDS, json_schema

BEGIN = "<!-- key tables: written by `python -m generator.check.reference`; do not edit by hand -->"
END = "<!-- end of key tables -->"


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _type(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """A short type: `text`, `whole number`, `list of text`, `one of a, b`, `mapping`..."""
    node = _resolve(node, defs)
    if "anyOf" in node:
        kinds = [_type(n, defs) for n in node["anyOf"] if n.get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds))
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if kind == "array":
        return f"list of {_type(node.get('items', {}), defs)}"
    if kind == "object":
        if "properties" in node:
            return "mapping (keys below)"
        values = node.get("additionalProperties")
        return f"mapping to {_type(values, defs)}" if isinstance(values, dict) else "mapping"
    if kind == "string":
        return {"date": "date `YYYY-MM-DD`"}.get(node.get("format", ""), "text")
    return {"integer": "whole number", "number": "number", "boolean": "true or false"}.get(str(kind), str(kind or "any"))


def _children(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    """The object whose keys sit below `node` (itself, its list items, or one of its alternatives)."""
    node = _resolve(node, defs)
    if "properties" in node:
        return node
    if node.get("type") == "array":
        return _children(node.get("items", {}), defs)
    for alternative in node.get("anyOf", []):
        found = _children(alternative, defs)
        if found is not None:
            return found
    return None


def _rows(obj: dict[str, Any], defs: dict[str, Any], prefix: str) -> list[str]:
    rows = []
    required = set(obj.get("required", []))
    for key, node in obj.get("properties", {}).items():
        resolved = _resolve(node, defs)
        is_list = resolved.get("type") == "array" or any(
            _resolve(n, defs).get("type") == "array" for n in resolved.get("anyOf", []))
        path = f"{prefix}{key}"
        description = " ".join((node.get("description") or resolved.get("description") or "").split())
        description = description.replace("|", "\\|")
        rows.append(f"| `{path}` | {'yes' if key in required else 'no'} | {_type(node, defs)} | {description} |")
        below = _children(node, defs)
        if below is not None:
            rows += _rows(below, defs, f"{path}[]." if is_list else f"{path}.")
    return rows


def key_table(kind: str) -> str:
    schema = json_schema(kind)
    defs = schema.get("$defs", {})
    lines = [f"#### `{kind}`", "", " ".join(schema.get("description", "").split()), "",
             "| key | required | type | what it is |", "|---|---|---|---|"]
    return "\n".join(lines + _rows(schema, defs, "")) + "\n"


def key_tables() -> str:
    return "\n".join(key_table(kind) for kind in FILE_KINDS)


def updated(document: str) -> str:
    """`document` with the text between the markers replaced by the current key tables."""
    if BEGIN not in document or END not in document:
        raise ValueError(f"the document needs the two marker lines:\n{BEGIN}\n{END}")
    head, rest = document.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{key_tables()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else Path(__file__).parents[2] / "REFERENCE.md"
    text = path.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"updated the key tables of {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
