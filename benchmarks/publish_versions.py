"""Publish time for 3 releases x 4 languages (the tests' release repository), cold and warm cache.

    .venv/bin/python benchmarks/publish_versions.py [--dev] [--programme]

--programme uses this repository's programme (in all its languages) instead of the mini fixture:
three commits of it, released as 2026.1, 2026.2 and 2026.3, each with one more module title changed.

Cold: an empty release cache, every release built from its commit. Warm: the same publish again,
releases reused from the cache (the working tree, with --dev, is always built).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from generator.releases.publish import publish  # noqa: E402
from release_repo import make_release_repo  # noqa: E402


def programme_repo(target: Path) -> Path:
    """This repository's programme in a git repository of its own, with three tagged releases."""
    import re
    import shutil

    from release_repo import commit, git

    root = Path(__file__).resolve().parent.parent
    target.mkdir(parents=True)
    for name in ("content", "curriculum"):
        shutil.copytree(root / name, target / name)
    shutil.copy(root / "mkdocs.yml", target / "mkdocs.yml")
    git(target, "init", "-q", "-b", "main")
    programme = target / "curriculum/programme.yaml"
    modules = sorted((target / "curriculum/modules").glob("m??.yaml"))
    for i, version in enumerate(("2026.1", "2026.2", "2026.3")):
        text = re.sub(r'^version: .*$', f'version: "{version}"', programme.read_text(encoding="utf-8"), flags=re.M)
        programme.write_text(text, encoding="utf-8")
        module = modules[i].read_text(encoding="utf-8")
        modules[i].write_text(re.sub(r"^title: (.*)$", r"title: \1 (revised)", module, count=1, flags=re.M),
                              encoding="utf-8")
        commit(target, version, f"2026-0{i + 1}-01T10:00:00Z")
        git(target, "tag", f"v{version}")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", action="store_true", help="publish the working tree as dev too")
    parser.add_argument("--programme", action="store_true", help="this repository's programme, not mini")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = programme_repo(Path(tmp) / "repo") if args.programme else make_release_repo(Path(tmp) / "repo")
        for run in ("cold", "warm"):
            started = time.perf_counter()
            report = publish(repo, Path(tmp) / f"site-{run}", dev="dev" if args.dev else None)
            seconds = time.perf_counter() - started
            assert report.published, [p.text() for p in report.problems]
            print(f"{run}: {seconds:.1f} s; built {', '.join(report.built) or 'nothing'}; "
                  f"reused {', '.join(report.reused) or 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
