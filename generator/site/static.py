"""Our own stylesheet and scripts, written into every language's docs folder under `assets/curriculum/`."""

from __future__ import annotations

import shutil
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"


def asset_files() -> dict[str, bytes]:
    """Our assets by their path in the docs folder."""
    return {f"assets/curriculum/{path.relative_to(ASSETS).as_posix()}": path.read_bytes()
            for path in sorted(ASSETS.rglob("*")) if path.is_file()}


def write_assets(docs_dir: Path) -> None:
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            target = docs_dir / "assets" / "curriculum" / path.relative_to(ASSETS)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
