"""Offline bundles: one version in one language as a zip that opens from a folder.

The zip holds one folder, `<programme>-<version>-<lang>/`, with `index.html` leading to the
version's home and the version's pages below `<version>/`, as on the published site, so that
every relative link inside works. Zips are byte-reproducible: entries in name order, one fixed
timestamp, fixed permissions.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from generator.releases.redirect import redirect_page

# The earliest time a zip can record; any fixed time would do, this one says "not a real date".
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
SKIPPED = ("downloads",)  # a bundle does not hold the bundles


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, whatever system made it
    return info


def write_zip(version_root: Path, prefix: str, version: str, out: Path, lang: str) -> Path:
    """Zip the pages in `version_root` (of language `lang`) into `out` (written beside, then renamed into place)."""
    files = sorted((p for p in version_root.rglob("*") if p.is_file()
                    and p.relative_to(version_root).parts[0] not in SKIPPED),
                   key=lambda p: p.relative_to(version_root).as_posix())
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(_entry(f"{prefix}/index.html"), redirect_page(f"{version}/index.html", lang, version))
        for path in files:
            archive.writestr(_entry(f"{prefix}/{version}/{path.relative_to(version_root).as_posix()}"),
                             path.read_bytes())
    os.replace(partial, out)
    return out
