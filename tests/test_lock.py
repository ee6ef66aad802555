"""The lock in requirements/ agrees with pyproject.toml, and make installs exactly the lock."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$", re.M)


def pins(path: Path) -> dict[str, str]:
    """name -> version of a compiled requirements file (every pin must carry hashes)."""
    text = path.read_text(encoding="utf-8")
    found = {canonicalize_name(m.group(1)): m.group(2) for m in PIN.finditer(text)}
    entries = [block for block in re.split(r"\n(?=\S)", text) if block and not block.startswith("#")]
    for block in entries:
        assert "--hash=sha256:" in block, f"{path.name}: a pin without a hash: {block.splitlines()[0]}"
    return found


def declared() -> tuple[list[Requirement], list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    extras = [Requirement(r) for group in project["optional-dependencies"].values() for r in group]
    return runtime, extras


def disagreements(requirements: list[Requirement], locked: dict[str, str]) -> list[str]:
    wrong = []
    for req in requirements:
        version = locked.get(canonicalize_name(req.name))
        if version is None:
            wrong.append(f"{req.name} is not in the lock")
        elif not req.specifier.contains(version, prereleases=True):
            wrong.append(f"{req.name}=={version} is outside pyproject.toml's {req.specifier}")
    return wrong


def test_every_declared_dependency_is_locked_within_its_range():
    runtime, extras = declared()
    test_lock = pins(ROOT / "requirements" / "test.txt")
    site_lock = pins(ROOT / "requirements" / "site.txt")
    assert disagreements(runtime + extras, test_lock) == []
    assert disagreements(runtime, site_lock) == []


def test_the_site_lock_is_the_test_lock_less_the_test_tools():
    test_lock = pins(ROOT / "requirements" / "test.txt")
    site_lock = pins(ROOT / "requirements" / "site.txt")
    assert {name: test_lock.get(name) for name in site_lock} == site_lock
    assert not {"pytest", "playwright", "hypothesis", "pytest-cov"} & set(site_lock)


def test_a_disagreement_is_found():
    locked = {"mkdocs": "1.6.1", "pyyaml": "7.0"}
    assert disagreements([Requirement("mkdocs>=1.6,<2"), Requirement("pyyaml>=6,<7"), Requirement("nh3")], locked) == [
        "pyyaml==7.0 is outside pyproject.toml's <7,>=6",
        "nh3 is not in the lock",
    ]


def test_the_installer_is_pinned_and_make_installs_only_the_lock():
    assert pins(ROOT / "requirements" / "uv.txt").keys() == {"uv"}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if re.search(r"pip (install|sync)", line)]
    assert installs, "the Makefile installs nothing"
    for line in installs:
        assert re.search(r"--require-hashes (-r )?requirements/", line) or "--no-deps" in line, line


def test_the_browser_tests_npm_packages_are_locked_too():
    import json

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in package["devDependencies"].items():
        entry = lock["packages"][f"node_modules/{name}"]
        assert entry["version"] == version and entry["integrity"].startswith("sha512-")
