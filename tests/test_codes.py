"""Every problem code the generator can emit is documented in REFERENCE.md, and nothing else is."""

from __future__ import annotations

import ast
import re

from conftest import REPO

GENERATOR = REPO / "generator"


def emitted_codes() -> dict[str, list[str]]:
    """code -> where it is emitted, from every `.error("code", ...)` and `.warning("code", ...)` call."""
    found: dict[str, list[str]] = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("error", "warning") and node.args:
                first = node.args[0]
                # A code that is not a literal here could not be found by this test: keep them literal.
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), \
                    f"{path.name}:{node.lineno}: the problem code must be a string literal"
                found.setdefault(first.value, []).append(f"{path.name}:{node.lineno}")
    return found


def documented_codes() -> set[str]:
    """The codes in the first column of the tables under any REFERENCE.md heading about problem codes.

    "## Problem codes" holds most; a part of the generator may keep its own table under a heading
    such as "### Translation problem codes".
    """
    readme = (REPO / "REFERENCE.md").read_text(encoding="utf-8")
    sections = re.split(r"^(#+ .*)$", readme, flags=re.MULTILINE)
    found: set[str] = set()
    for heading, body in zip(sections[1::2], sections[2::2], strict=True):
        if "problem codes" in heading.lower():
            found |= set(re.findall(r"^\| `([a-z0-9-]+)` \|", body, flags=re.MULTILINE))
    return found


def test_every_emitted_code_is_documented_in_the_reference():
    emitted = emitted_codes()
    assert len(emitted) > 50
    missing = {code: places for code, places in emitted.items() if code not in documented_codes()}
    assert missing == {}, "document these codes in REFERENCE.md under 'Problem codes'"


def test_the_reference_documents_no_code_that_is_never_emitted():
    assert documented_codes() - set(emitted_codes()) == set()


def test_codes_are_short_lowercase_words():
    for code in emitted_codes():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code) and len(code) <= 30, code

