"""The code's layout: one package per pipeline stage, each importable alone, and no import circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "generator"
STAGES = ["source", "check", "render", "i18n", "site", "cli"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> set[str]:
    """Every generator module that `path` imports, at the top, in a function or for type checking."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "generator")
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; write generator.<stage>.<module>"
            if not node.module or node.module.split(".")[0] != "generator":
                continue
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return found


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of `graph`, if it has any (depth-first search, white/grey/black)."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return trail[trail.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        trail.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_cycle_finder_finds_a_circle_and_passes_a_tree():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_module_imports_itself_back_through_others():
    graph = {name: imports_of(path) - {name} for name, path in MODULES.items()}
    assert cycle(graph) is None


def test_each_stage_is_a_package_and_the_top_holds_only_the_pipeline():
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "build.py", "model.py", "problems.py", "serve.py"]


def test_an_earlier_stage_never_imports_a_later_one():
    # source -> check -> render -> site, the CLI on top. i18n stands beside them (the checker
    # checks translations, render localizes): it may serve any stage but never the CLI.
    order = {"source": 0, "check": 1, "render": 2, "site": 3, "cli": 4}
    for name, path in MODULES.items():
        stage = name.split(".")[1] if name.count(".") else None
        for imported in imports_of(path):
            other = imported.split(".")[1] if imported.count(".") else None
            if stage == "i18n":
                assert other != "cli", f"{name} imports {imported}"
            elif stage in order and other in order:
                assert order[other] <= order[stage], f"{name} ({stage}) imports {imported} ({other})"


@pytest.mark.parametrize("stage", STAGES + ["build", "serve", "model", "problems"])
def test_each_package_imports_on_its_own(stage: str):
    done = subprocess.run([sys.executable, "-c", f"import generator.{stage}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
