"""A clean install: the wheel, installed without -e into a new virtual environment, builds the programme.

An editable install reads templates and assets from the work tree, so it hides a data folder
missing from the package configuration; only a real wheel in a separate environment shows it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def tracked(under: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", under], capture_output=True, text=True, check=True)
    return [line for line in out.stdout.splitlines() if line]


def uv() -> str:
    found = ROOT / ".tools" / "bin" / "uv"
    if found.is_file():
        return str(found)
    which = shutil.which("uv")
    if which is None:
        pytest.skip("uv is installed by make (.tools/bin/uv); run the suite with make test")
    return which


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The wheel built from a copy of the sources (setuptools writes build/ beside them), and its log."""
    src = tmp_path_factory.mktemp("src")
    for name in tracked("generator") + ["pyproject.toml", "README.md"]:
        target = src / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, target)
    dist = src / "dist"
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from setuptools import build_meta as b; print(b.build_wheel(sys.argv[1]))",
         str(dist)], cwd=src, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return dist / done.stdout.strip().splitlines()[-1], done.stdout + done.stderr


def test_the_wheel_builds_without_a_packaging_warning(wheel: tuple[Path, str]):
    _path, log = wheel
    warnings = [line for line in log.splitlines()
                if ("warning" in line.lower() or "absent" in line.lower()) and "byte-compiling is disabled" not in line]
    assert warnings == []


def test_the_wheel_holds_every_module_and_data_file(wheel: tuple[Path, str]):
    path, _log = wheel
    names = set(zipfile.ZipFile(path).namelist())
    expected = {f for f in tracked("generator") if not f.endswith(".gitkeep")}
    assert expected - names == set()


def test_the_wheel_installed_alone_builds_the_repository_programme(wheel: tuple[Path, str], tmp_path: Path):
    path, _log = wheel
    venv = tmp_path / "venv"
    env = {**os.environ, "VIRTUAL_ENV": str(venv), "UV_NO_CONFIG": "1", "UV_PYTHON_DOWNLOADS": "never"}
    for args in (["venv", "--quiet", "--python", sys.executable, str(venv)],
                 ["pip", "sync", "--quiet", "--require-hashes", str(ROOT / "requirements" / "site.txt")],
                 ["pip", "install", "--quiet", "--no-deps", str(path)]):
        done = subprocess.run([uv(), *args], capture_output=True, text=True, env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    project = tmp_path / "programme"
    project.mkdir()
    for name in ("mkdocs.yml", "content", "curriculum"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copyfile)(ROOT / name, project / name)
    where = subprocess.run([venv / "bin" / "python", "-c", "import generator; print(generator.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env)
    assert str(venv) in where.stdout, "the package must come from the new environment, not the work tree"
    built = subprocess.run([venv / "bin" / "curriculum", "build", str(project)], capture_output=True, text=True,
                           cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "site" / "modules" / "m01" / "index.html").is_file()
    assert (project / "site" / "assets" / "curriculum" / "curriculum.css").is_file()
    assert (project / "site" / "es" / "index.html").is_file()
