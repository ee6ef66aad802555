"""Join slices into the published site: the versions side by side, and what ties them together.

Per language root: `versions.json` (mike's and Material's format, `latest` on the newest
release), `versions.js` (the same, with each version's pages, for file:// where browsers refuse
Material's request for versions.json), `index.html` leading to the newest release, `latest/` with
a redirect for every page of every version, and per release `downloads/` with its offline zip.
Everything written here depends only on the slices, so slices built on many machines give the
same bytes as one machine.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.releases.bundle import write_zip
from generator.releases.redirect import redirect_page
from generator.releases.slices import BUNDLES, Manifest
from generator.site.config import root_of

LATEST = "latest"
DOWNLOADS = "downloads"


class AssembleError(Exception):
    """The slices do not fit together (two of one version and language, other default languages)."""


@dataclass(frozen=True)
class Part:
    folder: Path
    manifest: Manifest


def read_slices(folders: list[Path]) -> list[Part]:
    parts: list[Part] = []
    seen: dict[tuple[str, str], Path] = {}
    for folder in folders:
        try:
            manifest = Manifest.load(folder)
        except ValueError as exc:
            raise AssembleError(str(exc)) from exc
        for lang in manifest.languages:
            if (manifest.version, lang) in seen:
                raise AssembleError(f"{folder} and {seen[manifest.version, lang]} both hold version "
                                    f"{manifest.version} in '{lang}'")
            seen[manifest.version, lang] = folder
        parts.append(Part(folder, manifest))
    defaults = {p.manifest.all_languages[0] for p in parts}
    if len(defaults) > 1:
        # The default language sits at the root; two of them would write over each other.
        raise AssembleError(f"the slices disagree on the default language: {', '.join(sorted(defaults))}")
    return parts


def _ordered(parts: list[Part]) -> list[Part]:
    """The working tree first, then releases newest first, as mike lists versions."""
    dev = [p for p in parts if p.manifest.kind == "dev"]
    releases = sorted((p for p in parts if p.manifest.kind == "release"), key=lambda p: p.manifest.order, reverse=True)
    return dev + releases


def _pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if p.is_file())


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def assemble(folders: list[Path], staging: Path) -> list[str]:
    """Join the slices in `folders` into `staging` (empty); the versions of each language root."""
    parts = _ordered(read_slices(folders))
    if not parts:
        raise AssembleError("there is nothing to publish: no release and no working tree")
    default = parts[0].manifest.all_languages[0]
    for part in parts:
        shutil.copytree(part.folder / "site", staging, dirs_exist_ok=True)
    languages = list(dict.fromkeys(lang for p in parts for lang in p.manifest.all_languages
                                   if lang in p.manifest.languages))
    summary = []
    for lang in languages:
        root = staging / root_of(lang, default)
        here = [p for p in parts if lang in p.manifest.languages]
        releases = [p for p in here if p.manifest.kind == "release"]
        newest = releases[0].manifest.version if releases else here[0].manifest.version
        entries = [{"version": p.manifest.version, "title": p.manifest.version,
                    "aliases": [LATEST] if releases and p is releases[0] else []} for p in here]
        pages = {p.manifest.version: _pages(root / p.manifest.version) for p in here}
        _write(root / "versions.json", json.dumps(entries, indent=2, ensure_ascii=False) + "\n")
        data = json.dumps({"versions": entries, "pages": pages}, ensure_ascii=False, sort_keys=True)
        _write(root / "versions.js", f"window.__curriculum_versions = {data};\n")
        _write(root / "index.html", redirect_page(f"{newest}/index.html", lang, newest))
        if releases:
            every = sorted({page for found in pages.values() for page in found})
            for page in every:
                depth = page.count("/") + 1
                target = page if page in pages[newest] else "index.html"
                _write(root / LATEST / page, redirect_page("../" * depth + f"{newest}/{target}", lang, newest))
        for part in releases:
            if part.manifest.bundle:
                name = f"{part.manifest.bundle}-{lang}.zip"
                target = root / part.manifest.version / DOWNLOADS / name
                made = part.folder / BUNDLES / name
                if made.is_file():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(made, target)
                else:
                    write_zip(root / part.manifest.version, name.removesuffix(".zip"), part.manifest.version, target, lang)
        summary.append(f"{lang or default}: {', '.join(p.manifest.version for p in here)}")
    return summary
