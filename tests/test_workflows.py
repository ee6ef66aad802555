"""The GitHub Actions workflows: linted by actionlint and zizmor (offline), pinned, least privilege."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def tool(name: str) -> str:
    """The linter installed with the test extras, beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    assert found, f"{name} is not installed: run `make .venv/.installed-test`"
    return found


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    # shellcheck and pyflakes are left out on purpose: present on some machines and not others,
    # they would make the verdict depend on the machine.
    return subprocess.run([tool("actionlint"), "-no-color", "-shellcheck=", "-pyflakes=", *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def zizmor(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool("zizmor"), "--offline", "--no-progress", "--format", "plain", str(folder)],
                          capture_output=True, text=True, timeout=120)


def test_there_is_a_pull_request_and_a_publish_workflow():
    assert [p.name for p in WORKFLOWS] == ["publish.yml", "pull-request.yml"]


def test_actionlint_finds_nothing():
    done = actionlint(*WORKFLOWS)
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr


def test_zizmor_finds_nothing_offline():
    done = zizmor(REPO / ".github" / "workflows")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


@pytest.fixture
def careless(tmp_path: Path) -> Path:
    """A workflow with the mistakes the linters are here to catch."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "careless.yml").write_text("""on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo ${{ steps.nope.outputs.x }
""", encoding="utf-8")
    return folder


def test_the_linters_do_report_a_careless_workflow(careless: Path):
    done = actionlint(careless / "careless.yml")
    assert done.returncode == 1
    assert "careless.yml:8:" in done.stdout  # the unclosed ${{ }}
    audit = zizmor(careless)
    assert audit.returncode != 0
    for finding in ("dangerous-triggers", "template-injection", "unpinned-uses", "artipacked"):
        assert finding in audit.stdout, finding


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_permissions_are_least(path: Path):
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}, "every workflow starts from no permission at all"
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        if name == "deploy":
            assert granted == {"pages": "write", "id-token": "write"}
        else:
            assert granted == {"contents": "read"}, name
        for step in job["steps"]:
            if "actions/checkout@" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False
    uses = [line.split("uses:", 1)[1].strip() for line in text.splitlines() if "uses:" in line]
    assert uses and all(PINNED.match(u) for u in uses), uses
