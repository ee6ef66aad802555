"""Stage 1, load: read every curriculum file and content page of a project into the model.

Each YAML file is parsed with positions kept (`yamlsource`), then its shape is validated by its
model class (`model`); pydantic's errors are turned into problems at the line of the value they
concern. A file that cannot be validated is left out of the curriculum, and its problems say why.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from . import model as m
from .problems import Problem, Where
from .yamlsource import Doc, load_yaml, parse_yaml, read_text

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

    @property
    def languages(self) -> list[str]:
        return list(self.programme.model.languages) if self.programme else ["en"]

    def ordered_modules(self) -> list[m.Module]:
        """Modules in programme order, then any that the programme does not list."""
        order = self.programme.model.modules if self.programme else []
        listed = [self.modules[i].model for i in dict.fromkeys(order) if i in self.modules]
        rest = [x.model for k, x in sorted(self.modules.items()) if k not in set(order)]
        return listed + rest


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def discover(root: Path, folder: str, suffix: str) -> tuple[list[Path], list[Problem]]:
    """Files with `suffix` below `root/folder`, sorted; symlinks leading outside are refused."""
    base = root / folder
    if not base.is_dir():
        return [], []
    found, problems = [], []
    for path in sorted(base.rglob(f"*{suffix}")):
        if not path.is_file():
            continue
        if not _inside(root, path):
            problems.append(Where(rel(root, path)).error(
                "outside-project", "this file is a link to a place outside the project; copy the file in instead"))
            continue
        found.append(path)
    return found, problems


# --- shape validation ----------------------------------------------------------------------


def _unwrap(annotation: Any) -> list[Any]:
    """The classes an annotation may hold: list[X] -> [X], X | None -> [X], Annotated[X, ...] -> [X]."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, dict, typing.Union, types.UnionType):
        return [c for a in typing.get_args(annotation) for c in _unwrap(a)]
    return [annotation]


def _model_at(cls: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping found at `loc` inside a `cls` document."""
    current: type[BaseModel] | None = cls
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        fields = {f.alias or name: f for name, f in current.model_fields.items()}
        if part not in fields:
            return None
        models = [c for c in _unwrap(fields[part].annotation) if isinstance(c, type) and issubclass(c, BaseModel)]
        current = models[0] if models else None
    return current


def _field_names(cls: type[BaseModel] | None) -> list[str]:
    return [f.alias or name for name, f in cls.model_fields.items()] if cls else []


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


_PATTERN_HINTS = {
    m.ClockTime: "a time of day written as \"HH:MM\" in quotes, e.g. \"08:30\"",
}


def _describe(err: dict[str, Any], cls: type[BaseModel]) -> tuple[tuple[Any, ...], bool, str, str]:
    """(location, at the key?, code, message) for one pydantic error."""
    loc = tuple(p for p in err["loc"] if p != "[key]")
    # Union members show up as extra parts of the location (`'str'`, `'function-after[...]'`).
    loc = tuple(p for p in loc if isinstance(p, int) or not (p in ("str", "int", "none") or "[" in str(p)))
    kind = err["type"]
    value = err.get("input")
    name = str(next((p for p in reversed(loc) if isinstance(p, str)), "value"))
    shown = repr(value) if not isinstance(value, (dict, list)) else ("a mapping" if isinstance(value, dict) else "a list")
    if kind == "missing":
        where = loc[:-1]
        owner = _model_at(cls, where)
        what = f" in this {owner.__name__.lower()}" if owner and where else ""
        return where, False, "missing-key", f"missing required key '{loc[-1]}'{what}; add it"
    if kind == "extra_forbidden":
        known = _field_names(_model_at(cls, loc[:-1]))
        return loc, True, "unknown-key", (
            f"unknown key '{loc[-1]}'{_suggest(str(loc[-1]), known)}; allowed keys here: {', '.join(known)}")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, False, "wrong-type", f"'{name}' must be a whole number, not {shown}"
    if kind in ("float_type", "float_parsing"):
        return loc, False, "wrong-type", f"'{name}' must be a number, not {shown}"
    if kind == "string_type":
        hint = "; put it in quotes" if isinstance(value, (int, float, bool)) or value is None else ""
        return loc, False, "wrong-type", f"'{name}' must be text, not {shown}{hint}"
    if kind in ("list_type",):
        return loc, False, "wrong-type", f"'{name}' must be a list, not {shown}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loc, False, "wrong-type", f"'{name}' must be a mapping of keys and values, not {shown}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return loc, False, "bad-date", f"'{name}' must be a date written as YYYY-MM-DD, not {shown}"
    if kind == "literal_error":
        expected = re.findall(r"'([^']+)'", err["ctx"]["expected"])
        return loc, False, "bad-choice", (
            f"'{name}' must be one of {', '.join(expected)}; not {shown}{_suggest(str(value), expected)}")
    if kind == "string_pattern_mismatch":
        pattern = err["ctx"]["pattern"]
        if ":[0-5]" in pattern:
            return loc, False, "bad-time", f"'{name}' must be a time of day written as \"HH:MM\" in quotes, not {shown}"
        if "a-z]{2,3}" in pattern:
            return loc, False, "bad-language", f"{shown} is not a language code such as 'en', 'es' or 'pt-BR'"
        lower = "lowercase " if "[a-z0-9]" in pattern else ""
        return loc, False, "bad-id", (
            f"{shown} is not a valid id: use {lower}letters, digits and '-' (no spaces), starting with a letter or digit")
    if kind == "string_too_short":
        return loc, False, "empty-value", f"'{name}' must not be empty"
    if kind == "too_short":
        return loc, False, "empty-value", f"'{name}' needs at least one item"
    return loc, False, "bad-value", f"'{name}': {err['msg']}"


def validate(doc: Doc, cls: type[T]) -> tuple[T | None, list[Problem]]:
    """The model of `doc`, or the problems that its shape has."""
    if not isinstance(doc.data, dict):
        return None, [doc.where().error(
            "wrong-type", f"a {cls.__name__.lower()} file must be a mapping of keys and values, not a "
            f"{'list' if isinstance(doc.data, list) else 'single value'}")]
    try:
        return cls.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc, at_key, code, message = _describe(dict(err), cls)
            problems.append(doc.where(loc, key=at_key).error(code, message))
        return None, problems


# --- files ----------------------------------------------------------------------------------


def _load_kind(root: Path, path: Path, cls: type[T], expect_id: str | None) -> tuple[Loaded[T] | None, list[Problem]]:
    doc, problems = load_yaml(path, rel(root, path))
    if doc is None:
        return None, problems
    model, more = validate(doc, cls)
    problems += more
    if model is None:
        return None, problems
    model_id = getattr(model, "id")
    if expect_id is not None and model_id != expect_id:
        problems.append(doc.where(("id",)).error(
            "id-mismatch", f"the id '{model_id}' differs from the file name '{expect_id}'; "
            f"rename the file to {model_id}.yaml or set id: {expect_id}"))
        return None, problems
    return Loaded(doc, model), problems


def split_front_matter(text: str, rel_path: str) -> tuple[dict[str, Any], str, int, list[Problem]]:
    """(front matter, body, line where the body starts, problems) of a Markdown file."""
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
    problems = [Where(p.path, p.line + 1, p.column).error(p.code, p.message) if p.severity.value == "error"
                else Where(p.path, p.line + 1, p.column).warning(p.code, p.message) for p in problems]
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


def load(root: Path) -> tuple[Curriculum, list[Problem]]:
    """Every file of the project at `root`, as far as it can be read, and what is wrong with it."""
    cur = Curriculum(root)
    problems: list[Problem] = []
    programme_path = root / "curriculum" / "programme.yaml"
    if not programme_path.is_file():
        problems.append(Where("curriculum/programme.yaml").error(
            "missing-file", "there is no curriculum/programme.yaml; every project needs one"))
    else:
        cur.programme, more = _load_kind(root, programme_path, m.Programme, None)
        problems += more
    languages = set(cur.languages)
    known_languages = {x for x in languages} | {"en", "es", "fr", "pt", "vi", "ja", "de", "it"}

    for folder, cls, table in (
        ("curriculum/modules", m.Module, cur.modules),
        ("curriculum/rubrics", m.Rubric, cur.rubrics),
        ("curriculum/schedules", m.Schedule, cur.schedules),
    ):
        paths, more = discover(root, folder, ".yaml")
        problems += more
        for path in paths:
            stem, lang = _split_lang(path.stem, known_languages)
            if lang is not None:
                doc, more = load_yaml(path, rel(root, path))
                problems += more
                if doc is not None:
                    cur.overlays.append(Overlay(f"{folder}/{stem}.yaml", lang, doc))
                continue
            loaded, more = _load_kind(root, path, cls, path.stem)
            problems += more
            if loaded is not None:
                table[path.stem] = loaded  # type: ignore[index]
    for path in sorted((root / "curriculum").glob("programme.*.yaml")):
        stem, lang = _split_lang(path.stem, known_languages)
        if lang is not None:
            doc, more = load_yaml(path, rel(root, path))
            problems += more
            if doc is not None:
                cur.overlays.append(Overlay("curriculum/programme.yaml", lang, doc))

    paths, more = discover(root, "content", ".md")
    problems += more
    for path in paths:
        rel_path = rel(root, path)
        text, more = read_text(path, rel_path)
        problems += more
        if text is None:
            continue
        meta, body, body_line, more = split_front_matter(text, rel_path)
        problems += more
        name_rel = path.relative_to(root / "content")
        stem, lang = _split_lang(name_rel.name[: -len(".md")], known_languages)
        name = (name_rel.parent / f"{stem}.md").as_posix()
        cur.pages[(name, lang)] = Page(rel_path, name, lang, meta, body, body_line)
    return cur, problems
