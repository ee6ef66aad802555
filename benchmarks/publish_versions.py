"""Publish time for 3 releases x 4 languages (the tests' release repository), cold and warm cache.

    .venv/bin/python benchmarks/publish_versions.py [--dev]

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", action="store_true", help="publish the working tree as dev too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = make_release_repo(Path(tmp) / "repo")
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
