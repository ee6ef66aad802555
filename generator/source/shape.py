"""The shape of one file: pydantic validates it against its model, and each of pydantic's errors
becomes one problem at the line and column of the value (or key) it concerns, in words that a
curriculum author can act on.

A misspelt required key (`objetives:`) is one mistake, so it gives one problem: the unknown key
and the missing key it was meant to be are paired and reported together at the misspelt key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.problems import Problem
from generator.source.yamlsource import Doc

T = TypeVar("T", bound=BaseModel)

Loc = tuple[str | int, ...]


def _unwrap(annotation: Any) -> list[Any]:
    """The classes an annotation may hold: list[X] -> [X], X | None -> [X], Annotated[X, ...] -> [X]."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, dict, typing.Union, types.UnionType):
        return [c for a in typing.get_args(annotation) for c in _unwrap(a)]
    return [annotation]


def model_at(cls: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
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


def field_names(cls: type[BaseModel] | None) -> list[str]:
    return [f.alias or name for name, f in cls.model_fields.items()] if cls else []


def required_names(cls: type[BaseModel] | None) -> list[str]:
    return [f.alias or name for name, f in cls.model_fields.items() if f.is_required()] if cls else []


def closest(word: str, choices: list[str]) -> str | None:
    """The choice that `word` most likely misspells, ignoring case; None if none is close."""
    lowered = {c.lower(): c for c in choices}
    # 0.7: 'objetives' -> 'objectives' and 'delivry' -> 'delivery', but not 'm09' -> 'm02'.
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.7)
    return lowered[close[0]] if close else None


def did_you_mean(word: str, choices: list[str]) -> str:
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""


def show(value: Any) -> str:
    """A value as the author wrote it in YAML, short."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text)
    return str(value)


def _data_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _example(cls: type[BaseModel] | None) -> str:
    names = required_names(cls)[:3]
    return "{" + ", ".join(f"{n}: ..." for n in names) + "}" if names else "{...}"


def _describe(err: dict[str, Any], cls: type[BaseModel], doc: Doc) -> tuple[Loc, Problem]:
    """The problem for one pydantic error, and the place it concerns."""
    loc: Loc = tuple(err["loc"])
    if loc and loc[-1] == "[key]":  # a key of a mapping of level scores (descriptors)
        loc = loc[:-1]
        return loc, doc.where(loc, key=True).error(
            "wrong-type", f"{show(err.get('input'))} is not a level score: the keys of '{loc[-2]}' are the scores "
            "of the rubric's levels, e.g. 1: ..., 2: ...")
    where = doc.where(loc)
    kind = err["type"]
    value = err.get("input")
    shown = show(value)
    field = next((p for p in reversed(loc) if isinstance(p, str)), "value")
    in_list = bool(loc) and isinstance(loc[-1], int)
    name = f"item {int(loc[-1]) + 1} of '{field}'" if in_list else f"'{field}'"
    if value is None and kind in ("string_type", "list_type", "dict_type", "model_type", "int_type", "float_type",
                                  "date_type", "literal_error", "string_pattern_mismatch"):
        if in_list:
            return loc, where.error("empty-value", f"{name} is empty; write it, or remove the empty item")
        fix = "write [] if there are none" if kind == "list_type" else "write it after the colon"
        return loc, where.error("empty-value", f"{name} has no value; {fix}")
    # A number in quotes is text: say so rather than only "must be a number".
    unquote = "; remove the quotes" if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9.]+\s*", value) else ""
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, where.error("wrong-type", f"{name} must be a whole number, such as 90, not {shown}{unquote}")
    if kind in ("float_type", "float_parsing"):
        return loc, where.error("wrong-type", f"{name} must be a number, such as 3.0, not {shown}{unquote}")
    if kind == "string_type":
        hint = "; put it in quotes" if isinstance(value, (int, float, bool, dt.date)) else ""
        return loc, where.error("wrong-type", f"{name} must be text, not {shown}{hint}")
    if kind == "list_type":
        hint = f"; write it as a list in brackets: [{value}]" if isinstance(value, (str, int, float)) else ""
        return loc, where.error("wrong-type", f"{name} must be a list, not {shown}{hint}")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        example = _example(model_at(cls, loc))
        return loc, where.error(
            "wrong-type", f"{name} must be a mapping of keys and values, such as {example}, not {shown}")
    if kind.startswith("date_"):
        return loc, where.error("bad-date", f"{name} must be a date written as YYYY-MM-DD, not {shown}")
    if kind == "literal_error":
        expected = re.findall(r"'([^']+)'", err["ctx"]["expected"])
        return loc, where.error(
            "bad-choice",
            f"{name} must be one of {', '.join(expected)}; not {shown}{did_you_mean(str(value), expected)}")
    if kind == "string_pattern_mismatch":
        pattern = err["ctx"]["pattern"]
        if ":[0-5]" in pattern:
            return loc, where.error(
                "bad-time", f"{name} must be a time of day written as \"HH:MM\" in quotes, not {shown}")
        if "a-z]{2,3}" in pattern:
            return loc, where.error("bad-language", f"{shown} is not a language code such as 'en', 'es' or 'pt-BR'")
        if field == "tags":
            return loc, where.error("bad-id", f"{shown} is not a valid tag: use lowercase letters, digits and '-'")
        lower = "lowercase " if "[a-z0-9]" in pattern else ""
        return loc, where.error(
            "bad-id", f"{shown} is not a valid id: use {lower}letters, digits and '-' (no spaces), starting with a "
            "letter or digit")
    if kind == "string_too_short":
        return loc, where.error("empty-value", f"{name} must not be empty")
    if kind == "string_too_long":
        return loc, where.error("bad-id", f"{name} must be at most {err['ctx']['max_length']} characters long")
    if kind == "too_short":
        return loc, where.error("empty-value", f"'{field}' needs at least one item")
    bounds = {"greater_than": ("more than", "gt"), "greater_than_equal": ("at least", "ge"),
              "less_than": ("less than", "lt"), "less_than_equal": ("at most", "le")}
    if kind in bounds:
        words, key = bounds[kind]
        return loc, where.error("out-of-range", f"{name} must be {words} {err['ctx'][key]}, not {shown}")
    return loc, where.error("bad-value", f"{name}: {err['msg']}")


def _pair_misspelt(errors: list[dict[str, Any]], doc: Doc, cls: type[BaseModel]) -> tuple[list[Problem], set[int]]:
    """Problems for unknown keys that misspell a missing required key, and the errors they stand for."""
    problems: list[Problem] = []
    used: set[int] = set()
    missing = {i: e for i, e in enumerate(errors) if e["type"] == "missing"}
    for i, err in enumerate(errors):
        if err["type"] != "extra_forbidden":
            continue
        loc = tuple(err["loc"])
        candidates = {str(e["loc"][-1]): j for j, e in missing.items()
                      if j not in used and tuple(e["loc"][:-1]) == loc[:-1]}
        meant = closest(str(loc[-1]), list(candidates))
        if meant is None:
            continue
        used |= {i, candidates[meant]}
        problems.append(doc.where(loc, key=True).error(
            "misspelt-key", f"unknown key '{loc[-1]}' (did you mean '{meant}'?): '{meant}' is required here and "
            f"missing; rename '{loc[-1]}' to '{meant}'"))
    return problems, used


def shape_problems(exc: ValidationError, doc: Doc, cls: type[BaseModel]) -> list[Problem]:
    errors: list[dict[str, Any]] = [dict(e) for e in exc.errors(include_url=False)]
    problems, used = _pair_misspelt(errors, doc, cls)
    seen: set[Loc] = set()
    for i, err in enumerate(errors):
        if i in used:
            continue
        if err["type"] == "missing":
            where = tuple(err["loc"][:-1])
            owner = model_at(cls, where)
            what = f" in this {owner.__name__.lower()}" if owner and where else ""
            problems.append(doc.where(where).error(
                "missing-key", f"missing required key '{err['loc'][-1]}'{what}; add it"))
            continue
        if err["type"] == "extra_forbidden":
            loc = tuple(err["loc"])
            owner = model_at(cls, loc[:-1])
            present = _data_at(doc.data, loc[:-1])
            known = field_names(owner)
            unused = [k for k in known if not isinstance(present, dict) or k not in present]
            problems.append(doc.where(loc, key=True).error(
                "unknown-key", f"unknown key '{loc[-1]}'{did_you_mean(str(loc[-1]), unused or known)}; "
                f"allowed keys here: {', '.join(known)}"))
            continue
        loc, problem = _describe(err, cls, doc)
        if loc in seen:  # one problem per value is enough
            continue
        seen.add(loc)
        problems.append(problem)
    return problems


def validate(doc: Doc, cls: type[T]) -> tuple[T | None, list[Problem]]:
    """The model of `doc`, or the problems that its shape has."""
    if not isinstance(doc.data, dict):
        kind = "list" if isinstance(doc.data, list) else "single value"
        return None, [doc.where().error(
            "wrong-type", f"a {cls.__name__.lower()} file must be a mapping of keys and values (key: value on "
            f"each line), not a {kind}")]
    try:
        return cls.model_validate(doc.data), []
    except ValidationError as exc:
        return None, shape_problems(exc, doc, cls)
