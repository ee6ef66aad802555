"""The build cache: each language's docs folder and MkDocs site, kept between builds.

It lives in `.curriculum-cache/` at the top of the project (never under content/ or curriculum/;
git ignores it). Per language it holds `docs/` (what render wrote), `site/` (what MkDocs made of
it) and `state.json` (what that site was built from). A build writes into `docs/` only the files
whose bytes changed, so their modification times tell MkDocs' `dirty` build which pages to redo;
when the configuration (navigation, titles, language links) or the set of files changed, every
page can differ and MkDocs builds the language from scratch instead.

A dirty build indexes only the pages it redid, so the search index is merged here: the entries of
the redone pages replace theirs in the index of the last complete build, in the same order, which
gives the same bytes a complete build writes (`tests/test_incremental.py` proves it).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator.source.cachedir import CACHE_DIR, claim, trusted

STATE_VERSION = 1
SEARCH_INDEX = "search/search_index.json"
SEARCH_SCRIPT = "search/search_index.js"


def cache_root(root: Path) -> Path | None:
    """The project's cache folder, made if needed; None where it must not be used: a link, or a
    folder not made by a build here or partly committed (see `generator.source.cachedir`)."""
    path = root / CACHE_DIR
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        return None
    if not claim(root) and not trusted(root):
        return None
    try:
        gitignore = path / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("# made by curriculum build: a cache, safe to delete\n*\n", encoding="utf-8")
    except OSError:
        return None
    return path


def build_cache(root: Path, *variant: str) -> Path | None:
    """The folder of the working tree's build for one variant (country profile, version), made if
    needed: `.curriculum-cache/build/<digest of the variant>/`. Release slices sit beside it,
    under keys of their own (`generator.releases.slices`). None where no cache can be kept."""
    top = cache_root(root)
    if top is None:
        return None
    path = top / "build" / digest(*variant)[:16]
    if any(p.is_symlink() for p in (path.parent, path)):
        return None
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """One build at a time uses a cache (serve's background build, a build in another terminal)."""
    with (folder / "lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class State:
    """What a language's cached site was built from."""

    version: int = STATE_VERSION
    config: str = ""  # digest of the MkDocs configuration and of the generator that made it
    files: list[str] = field(default_factory=list)  # every file of the docs folder
    warnings: list[str] = field(default_factory=list)  # MkDocs' warnings of every page

    @classmethod
    def load(cls, path: Path) -> State | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            state = cls(**data)
        except (OSError, ValueError, TypeError):
            return None
        return state if state.version == STATE_VERSION else None

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def sync(docs: Path, files: dict[str, bytes], hold: Callable[[str], bool] | None = None) -> set[str]:
    """Make `docs` hold exactly `files`; the paths written (new or changed), unchanged files untouched.

    A file that exists already and that `hold` names keeps its last bytes (serve redoes the page
    the author has open first, the others a moment later).
    """
    written: set[str] = set()
    for name, data in files.items():
        target = docs / name
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data or hold is not None and hold(name):
                continue
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.add(name)
    if docs.is_dir():
        for path in sorted(docs.rglob("*"), reverse=True):
            rel = path.relative_to(docs).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written


def page_url(name: str) -> str:
    """The URL MkDocs gives a docs page (`use_directory_urls: false`)."""
    return name[: -len(".md")] + ".html"


def merge_search_index(previous: str, partial: str, redone: set[str]) -> str | None:
    """The index of a complete build, from the last one and a dirty build's index of `redone` pages.

    None if it cannot be told where a redone page's entries go (a page that had no entries has
    some now): the caller then builds the language completely.
    """
    old, new = json.loads(previous), json.loads(partial)
    fresh: dict[str, list[dict]] = {}
    for entry in new["docs"]:
        fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    if set(fresh) - redone:
        return None
    merged: list[dict] = []
    placed: set[str] = set()
    for entry in old["docs"]:
        page = entry["location"].split("#", 1)[0]
        if page not in redone:
            merged.append(entry)
        elif page not in placed:
            merged += fresh.get(page, [])
            placed.add(page)
    if set(fresh) - placed:
        return None
    # Material's search plugin writes the index with these separators (plugins/search/plugin.py).
    return json.dumps({"config": new["config"], "docs": merged}, separators=(",", ":"), default=str)


def write_search_index(site: Path, text: str) -> None:
    """The index and its script copy, as Material's search and offline plugins write them."""
    (site / SEARCH_INDEX).write_text(text, encoding="utf-8")
    if (site / SEARCH_SCRIPT).exists():
        (site / SEARCH_SCRIPT).write_text(f"var __index = {text}", encoding="utf-8")


PUBLISHED = "published.json"  # beside site/: which output files hold which of its files' bytes


def _signature(stat: os.stat_result, changed: bool = True) -> list[int]:
    # The change time is left out for output files: linking or unlinking one of their names
    # changes it, and the build does both to the files it keeps.
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns, *([stat.st_ctime_ns] if changed else [])]


def copy_site(site: Path, target: Path, published: Path | None = None, record: Path | None = None) -> None:
    """Put a language's site into the new output folder `target`, without what no page loads
    (source maps), and note in `record` which output file holds which cached file's bytes.

    `published` is where the language's site is now, in the output this one replaces. A file that
    is, by `record`, the one copied there from the very cached file still in `site` (same inode,
    size and times on both sides) is hard-linked from there instead of copied: a rebuild after one
    edit writes only the pages MkDocs redid. This is safe because no build writes into a file of
    an output: a site is always assembled in a new folder (`publish.staging_dir`) and swapped in,
    and a file placed here is always a new file, never an existing one overwritten.
    """
    previous: dict[str, list[list[int]]] = {}
    if published is not None and record is not None:
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            previous = data["files"] if data.get("target") == str(published) else {}
        except (OSError, ValueError, KeyError, TypeError):
            previous = {}
    files: dict[str, list[list[int]]] = {}
    for folder, dirs, names in os.walk(site):
        dirs.sort()
        here = Path(folder)
        rel_folder = here.relative_to(site)
        (target / rel_folder).mkdir(parents=True, exist_ok=True)
        for name in sorted(names):
            if name.endswith(".map"):
                continue
            rel = (rel_folder / name).as_posix()
            source, dest = here / name, target / rel_folder / name
            cached = _signature(source.stat())
            if dest.is_dir() and not dest.is_symlink():
                # A folder of the last site where this site has a file: staging starts from the
                # spare's empty folders (`publish.staging_dir`), so it holds no file of anyone's.
                shutil.rmtree(dest)
            dest.unlink(missing_ok=True)  # never write through a name that could be a link
            known = previous.get(rel)
            if _link_unchanged(known, cached, published / rel if published else None, dest):
                files[rel] = [cached, known[1]]  # type: ignore[index] (linked: the same file as recorded)
            else:
                shutil.copyfile(source, dest)
                files[rel] = [cached, _signature(dest.stat(), changed=False)]
    if record is not None:
        record.write_text(json.dumps({"target": str(published), "files": files}, sort_keys=True), encoding="utf-8")


def _link_unchanged(known: list[list[int]] | None, cached: list[int], old: Path | None, dest: Path) -> bool:
    """Link `dest` to the output file `old` if it still holds the bytes of the cached file as it
    is now (`cached`); whether it did."""
    if known is None or old is None or known[0] != cached:
        return False
    try:
        if _signature(old.stat(), changed=False) != known[1]:
            return False
        os.link(old, dest)
    except OSError:  # gone, or a file system without hard links: copy
        return False
    return True


def clear(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)


# The libraries whose versions shape the HTML; a different version makes different pages.
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "nh3", "jinja2", "babel", "pygments")


@functools.lru_cache(maxsize=1)  # the code does not change while a process runs (serve builds many times)
def generator_fingerprint() -> str:
    """A digest of what a site depends on besides its sources: the generator's own files and
    version, the installed versions of the libraries that shape the HTML, and the locked
    dependencies. A new generator rebuilds everything: the working tree's cached pages and the
    cached releases alike (both key on this)."""
    from importlib.metadata import PackageNotFoundError, version

    from generator import __version__

    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(f"curriculum-site {__version__}\n".encode())
    for name in LIBRARIES:
        try:
            h.update(f"{name} {version(name)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{name} -\n".encode())
    lock = package.parent / "requirements" / "site.txt"
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in [*files, lock]:
        if path.is_file():
            h.update(path.relative_to(package.parent).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()
