"""Stage 1, load: read every curriculum file and content page of a project into the model.

Each YAML file is parsed with positions kept (`yamlsource`), then its shape is validated by its
model class (`model`, `shape`); pydantic's errors become problems at the line of the value they
concern. A file that cannot be validated is left out of the curriculum, and its problems say why.
"""

from __future__ import annotations

import contextlib
import gc
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator import model as m
from generator.problems import Problem, Where
from generator.source.shape import did_you_mean, validate
from generator.source.memo import Memo
from generator.source.yamlsource import Doc, load_yaml, parse_yaml, read_text

T = TypeVar("T", bound=BaseModel)

LANG_SUFFIX = re.compile(r"^(?P<stem>[^.]+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")


@dataclass
class Loaded(Generic[T]):
    """A validated file: its model and the document it came from (for positions)."""

    doc: Doc
    model: T


@dataclass
class Overlay:
    """A translation of a YAML file: `m02.es.yaml` beside `m02.yaml`."""

    source: str  # relative path of the translated file
    lang: str
    doc: Doc


@dataclass
class Page:
    """A Markdown page under `content/`, with its front matter."""

    path: str  # relative to the project
    name: str  # relative to content/, without the language part: `modules/m02.md`
    lang: str | None  # None for a page in the default language
    meta: dict[str, Any]
    body: str
    body_line: int  # the line of the file where the body starts


@dataclass
class Curriculum:
    root: Path
    programme: Loaded[m.Programme] | None = None
    modules: dict[str, Loaded[m.Module]] = field(default_factory=dict)
    rubrics: dict[str, Loaded[m.Rubric]] = field(default_factory=dict)
    schedules: dict[str, Loaded[m.Schedule]] = field(default_factory=dict)
    overlays: list[Overlay] = field(default_factory=list)
    pages: dict[tuple[str, str | None], Page] = field(default_factory=dict)
    content_files: set[str] = field(default_factory=set)
    """Every file under content/, relative to it: the targets that materials and links may have."""
    unloaded: dict[str, set[str]] = field(default_factory=lambda: {
        "programme": set(), "module": set(), "rubric": set(), "schedule": set()})
    """Ids of files that exist but could not be read, by kind: references to them are not reported again."""

    @property
    def languages(self) -> list[str]:
        return list(self.programme.model.languages) if self.programme else ["en"]

    def ordered_modules(self) -> list[m.Module]:
        """Modules in programme order, then any that the programme does not list."""
        order = self.programme.model.modules if self.programme else []
        listed = [self.modules[i].model for i in dict.fromkeys(order) if i in self.modules]
        listed_ids = set(order)
        rest = [x.model for k, x in sorted(self.modules.items()) if k not in listed_ids]
        return listed + rest


def rel(root: Path, path: Path) -> str:
    """`path` relative to `root`, with forward slashes."""
    text, prefix = str(path), str(root) + os.sep
    if text.startswith(prefix):  # the common case, without pathlib's slower parsing
        return text[len(prefix):].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, with every link in it followed, is inside `root`."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop of links (Python < 3.13)
        return False


SOURCE_FOLDERS = ("content", "curriculum")


def link_allowed(root: Path, path: Path) -> bool:
    """Whether `path`, links followed, is in content/ or curriculum/ and in no hidden folder.

    A link may lead elsewhere in the sources, never to `.git/config`, `.env` or the generator.
    """
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except (ValueError, OSError, RuntimeError):
        return False
    return bool(parts) and parts[0] in SOURCE_FOLDERS and not any(p.startswith(".") for p in parts)


def _refused_link(root: Path, path: Path) -> Problem:
    if not inside(root, path):
        return Where(rel(root, path)).error(
            "outside-project", "this is a link to a place outside the project; copy the file in instead")
    return Where(rel(root, path)).error(
        "unsafe-link", "this is a link to a file outside content/ and curriculum/ or in a hidden folder, "
        "which must never be published; copy the file in instead")


def scan(root: Path, folder: str) -> tuple[list[Path], list[Problem]]:
    """The regular files below `root/folder`, sorted, and the links that lead outside or nowhere.

    One walk that does not follow links to folders; `resolve()` runs only for entries that are
    links, so that a project of thousands of files is scanned in milliseconds.
    """
    base = root / folder
    if not base.is_dir():
        return [], []
    if not inside(root, base):
        return [], [Where(folder).error(
            "outside-project", f"{folder}/ is a link to a place outside the project; copy the folder in instead")]
    if base.is_symlink() and not link_allowed(root, base):
        return [], [_refused_link(root, base)]
    found: list[Path] = []
    problems: list[Problem] = []
    # Depth first with each folder's entries in name order: the files come out in the order
    # `sorted()` gives paths, without sorting thousands of Path objects.
    stack: list[os.DirEntry[str] | Path] = [base]
    while stack:
        item = stack.pop()
        if isinstance(item, Path):
            try:
                with os.scandir(item) as it:
                    entries = sorted(it, key=lambda e: e.name, reverse=True)
            except OSError as exc:
                problems.append(Where(rel(root, item)).error(
                    "unreadable", f"cannot read the folder: {exc.strerror or exc}"))
                continue
            # Hidden files and folders (.git, .env, .DS_Store) are neither read nor published.
            stack.extend(e for e in entries if not e.name.startswith("."))
            continue
        path = Path(item.path)
        try:
            is_link = item.is_symlink()
            if is_link and not path.exists():  # leads nowhere, or round in a loop of links
                problems.append(Where(rel(root, path)).error(
                    "broken-link-file", "this is a link to a file that does not exist; remove it or fix it"))
            elif is_link and not link_allowed(root, path):
                problems.append(_refused_link(root, path))
            elif item.is_dir(follow_symlinks=False):
                stack.append(path)
            elif is_link and path.is_dir():
                problems.append(Where(rel(root, path)).warning(
                    "linked-folder", "this folder is a link, and linked folders are not read; "
                    "move the files here instead"))
            elif item.is_file():
                found.append(path)
            else:
                problems.append(Where(rel(root, path)).error(
                    "unreadable", "this is not a regular file (a device, pipe or socket); remove it"))
        except OSError as exc:
            problems.append(Where(rel(root, path)).error(
                "unreadable", f"cannot read the file: {exc.strerror or exc}"))
    return found, problems


def discover(root: Path, folder: str, suffix: str) -> tuple[list[Path], list[Problem]]:
    """Files with `suffix` below `root/folder`, sorted; links leading outside are refused."""
    paths, problems = scan(root, folder)
    return [p for p in paths if p.name.endswith(suffix)], problems


# --- files ----------------------------------------------------------------------------------


_FILE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def validated(doc: Doc, cls: type[T], problems: list[Problem]) -> tuple[T | None, list[Problem]]:
    """The model of a read document, with the reader's problems and the shape's, one per place.

    The reader has already named what is wrong at some places (a date that does not exist...): the
    model's complaint about the same value would only repeat it.
    """
    model, more = validate(doc, cls)
    named = {(p.line, p.column) for p in problems}
    return model, problems + [p for p in more if (p.line, p.column) not in named]


def _load_kind(root: Path, path: Path, cls: type[T], expect_id: str | None,
               memo: Memo | None = None) -> tuple[Loaded[T] | None, list[Problem]]:
    """The file's model, if its shape is right; with a file-backed kind, `expect_id` is the file name."""
    doc, problems = load_yaml(path, rel(root, path), memo)
    if doc is None:
        return None, problems
    model, problems = validated(doc, cls, problems)
    if model is None:
        return None, problems
    model_id: str = model.id  # type: ignore[attr-defined]
    if expect_id is not None and not _FILE_ID.match(expect_id):
        # Left out, as if unreadable: under a name that is no id, it could only cause more problems.
        problems.append(Where(doc.path).error(
            "bad-file-name", f"the file name '{expect_id}' is not a valid id: rename the file with lowercase letters, "
            f"digits and '-' only, e.g. {model_id}.yaml"))
        return None, problems
    if expect_id is not None and model_id != expect_id:
        # Kept under its file name, so that references to the file name do not fail as well.
        problems.append(doc.where(("id",)).error(
            "id-mismatch", f"the id '{model_id}' differs from the file name '{expect_id}'; "
            f"rename the file to {model_id}.yaml or set id: {expect_id}"))
    return Loaded(doc, model), problems


_FOLDERS = ("modules", "rubrics", "schedules", "countries")


def _strays(root: Path) -> list[Problem]:
    """Files and folders directly in curriculum/ that the generator would silently ignore."""
    base = root / "curriculum"
    problems: list[Problem] = []
    if not base.is_dir():
        return problems
    for path in sorted(base.iterdir()):
        name = path.name
        if name.startswith("."):
            continue
        if path.is_dir():
            if name not in _FOLDERS:
                problems.append(Where(f"curriculum/{name}").warning(
                    "stray-file", f"the folder curriculum/{name}/ is not read{did_you_mean(name, list(_FOLDERS))}; "
                    "modules go in curriculum/modules/, rubrics in curriculum/rubrics/, schedules in "
                    "curriculum/schedules/"))
        elif name.lower().endswith((".yaml", ".yml")) and not name.startswith("programme.") and name != "releases.yaml":
            problems.append(Where(f"curriculum/{name}").warning(
                "stray-file", f"curriculum/{name} is not read: only programme.yaml sits in curriculum/; "
                "move a module to curriculum/modules/, a rubric to curriculum/rubrics/, a schedule to "
                "curriculum/schedules/"))
    return problems


def split_front_matter(text: str, rel_path: str) -> tuple[dict[str, Any], str, int, list[Problem]]:
    """(front matter, body, line where the body starts, problems) of a Markdown file."""
    # Editors on Windows save CRLF: the front matter must be found all the same (line numbers do not change).
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}, text, 1, []
    end = re.search(r"^---[ \t]*$", text[4:], flags=re.MULTILINE)
    if end is None:
        return {}, text, 1, [Where(rel_path).error(
            "front-matter", "the front matter that starts on line 1 has no closing '---' line; add one")]
    raw = text[4 : 4 + end.start()]
    body = text[4 + end.end() :].lstrip("\n")
    body_line = text[: len(text) - len(body)].count("\n") + 1
    doc, problems = parse_yaml(raw or "{}", rel_path)
    problems = [p.moved(lines=1) for p in problems]  # the front matter starts on the file's line 2
    if doc is None or not isinstance(doc.data, dict):
        if doc is not None:
            problems.append(Where(rel_path, 2).error("front-matter", "front matter must be a mapping of keys"))
        return {}, body, body_line, problems
    return doc.data, body, body_line, problems


def _split_lang(stem: str, languages: set[str]) -> tuple[str, str | None]:
    match = LANG_SUFFIX.match(stem)
    if match and match["lang"] in languages:
        return match["stem"], match["lang"]
    return stem, None


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a project is loaded and checked.

    Loading creates hundreds of thousands of small objects that all stay alive and form no cycles;
    the collector would scan them again and again as they pile up, which makes a large project
    slower than linear. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(root: Path, memo: Memo | None = None) -> tuple[Curriculum, list[Problem]]:
    """Every file of the project at `root`, as far as it can be read, and what is wrong with it.

    With `memo`, a YAML file whose text was parsed before is read back from its kept form.
    """
    with paused_gc():
        return _load(root, memo)


def _load(root: Path, memo: Memo | None) -> tuple[Curriculum, list[Problem]]:
    cur = Curriculum(root)
    problems: list[Problem] = []
    programme_path = root / "curriculum" / "programme.yaml"
    if not programme_path.is_file():
        problems.append(Where("curriculum/programme.yaml").error(
            "missing-file", "there is no curriculum/programme.yaml; every project needs one"))
    elif not link_allowed(root, programme_path):
        problems.append(_refused_link(root, programme_path))
    else:
        cur.programme, more = _load_kind(root, programme_path, m.Programme, None, memo)
        problems += more
        if cur.programme is None:
            cur.unloaded["programme"].add("programme")
    languages = set(cur.languages)
    known_languages = {x for x in languages} | {"en", "es", "fr", "pt", "vi", "ja", "de", "it"}
    problems += _strays(root)

    for folder, cls, table, kind in (
        ("curriculum/modules", m.Module, cur.modules, "module"),
        ("curriculum/rubrics", m.Rubric, cur.rubrics, "rubric"),
        ("curriculum/schedules", m.Schedule, cur.schedules, "schedule"),
    ):
        all_paths, more = scan(root, folder)
        problems += more
        seen: dict[str, str] = {}
        for path in all_paths:
            if path.suffix.lower() in (".yml", ".yaml") and path.suffix != ".yaml":
                problems.append(Where(rel(root, path)).warning(
                    "wrong-extension", f"this file is not read: curriculum files end in .yaml; "
                    f"rename it to {path.stem}.yaml"))
        for path in [p for p in all_paths if p.suffix == ".yaml"]:
            stem, lang = _split_lang(path.stem, known_languages)
            if lang is not None:
                doc, more = load_yaml(path, rel(root, path), memo)
                problems += more
                if doc is not None:
                    cur.overlays.append(Overlay(f"{folder}/{stem}.yaml", lang, doc))
                continue
            if path.stem in seen:
                problems.append(Where(rel(root, path)).error(
                    "duplicate-file", f"{seen[path.stem]} has the same name, and the file name is the {kind}'s id; "
                    "rename one of them"))
                continue
            seen[path.stem] = rel(root, path)
            loaded, more = _load_kind(root, path, cls, path.stem, memo)
            problems += more
            if loaded is not None:
                table[path.stem] = loaded  # type: ignore[index,assignment]
            else:
                cur.unloaded[kind].add(path.stem)
    for path in sorted((root / "curriculum").glob("programme.*.yaml")):
        if not link_allowed(root, path):
            problems.append(_refused_link(root, path))
            continue
        stem, lang = _split_lang(path.stem, known_languages)
        if lang is not None:
            doc, more = load_yaml(path, rel(root, path), memo)
            problems += more
            if doc is not None:
                cur.overlays.append(Overlay("curriculum/programme.yaml", lang, doc))

    paths, more = scan(root, "content")
    problems += more
    content = root / "content"
    cur.content_files = {rel(content, path) for path in paths}
    for path in paths:
        if path.suffix != ".md":
            continue
        rel_path = rel(root, path)
        text, more = read_text(path, rel_path)
        problems += more
        if text is None:
            continue
        meta, body, body_line, more = split_front_matter(text, rel_path)
        problems += more
        folder, file_name = posixpath.split(rel(content, path))
        stem, lang = _split_lang(file_name[: -len(".md")], known_languages)
        name = posixpath.join(folder, f"{stem}.md")
        cur.pages[(name, lang)] = Page(rel_path, name, lang, meta, body, body_line)
    return cur, problems
