"""Placeholders in content: `{{ country.agency.short }}`, `{{ terms.mse }}`, `{{ 1500 | money("USD") }}`.

Content is untrusted, so a placeholder is not a template language. Each `{{ ... }}` is parsed with
Jinja's own parser and accepted only if it is one of:

- a plain lookup, a dotted name under `country` or `terms` (no `_` names, no `[...]`, no calls);
- a lookup through one of the text filters in `TEXT_FILTERS` (`{{ terms.mse | lower }}`);
- an amount, `{{ NUMBER | money("CUR") }}`: a number as written (its decimals are kept) and an ISO
  4217 currency code;
- a string, `{{ "{{" }}`: the way to write a literal `{{` outside code.

Anything else (calls, operators, `__class__`, subscripts, `{% statements %}`, `{# comments #}`) is a
problem at its line and column. Code is left alone: text in fenced code blocks and in `code spans`
is never read for placeholders, so a page about templates can show `{{ x }}` as it is.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

ROOTS = ("country", "terms")
TEXT_FILTERS = ("lower", "upper", "capitalize", "title")
MONEY = "money"

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1)[\s\S])+?\1")
_OPEN = re.compile(r"\{\{|\{%|\{#")
_PARSER = SandboxedEnvironment()


@dataclass(frozen=True)
class Placeholder:
    """One accepted placeholder: where it stands in its text and what it asks for."""

    start: int
    end: int
    line: int  # 1-based, within the text
    column: int  # 1-based
    kind: str  # "lookup", "money" or "literal"
    name: tuple[str, ...] = ()  # lookup: ("country", "agency", "short")
    filters: tuple[str, ...] = ()  # lookup: text filters, in order
    amount: str = ""  # money: the number as written, e.g. "26.00"
    currency: str = ""  # money: "USD"
    literal: str = ""  # literal: the string


@dataclass(frozen=True)
class Flaw:
    """A placeholder that is not allowed, at a line and column of its text."""

    line: int
    column: int
    code: str
    message: str


def mask_code(text: str, markdown: bool = True) -> str:
    """`text` with fenced code blocks and code spans blanked out, every offset kept."""
    if not markdown or "`" not in text and "~~~" not in text:
        return text
    out = list(text)
    lines = text.split("\n")
    fence: str | None = None
    offset = 0
    for line in lines:
        match = _FENCE.match(line)
        inside = fence is not None
        if match:
            marker = match.group(1)
            if fence is None:
                fence, inside = marker[0] * len(marker), True
            elif marker.startswith(fence) and not line[match.end():].strip():
                fence = None
        if inside:
            for i in range(offset, offset + len(line)):
                out[i] = " "
        offset += len(line) + 1
    masked = "".join(out)
    return _CODE_SPAN.sub(lambda m: " " * len(m.group()), masked)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _chain(node: nodes.Node) -> tuple[str, ...] | None:
    parts: list[str] = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if not isinstance(node, nodes.Name):
        return None
    parts.append(node.name)
    return tuple(reversed(parts))


def _describe(node: nodes.Node) -> str:
    names = {nodes.Call: "a call", nodes.Getitem: "a subscript [...]", nodes.BinExpr: "arithmetic",
             nodes.Compare: "a comparison", nodes.CondExpr: "an if-expression", nodes.Concat: "a ~ join",
             nodes.Test: "a test", nodes.List: "a list", nodes.Dict: "a mapping", nodes.Tuple: "a tuple"}
    for cls, what in names.items():
        if isinstance(node, cls):
            return what
    return type(node).__name__.lower()


ALLOWED = ('write a plain lookup such as {{ country.agency.short }} or {{ terms.mse }}, '
           'an amount such as {{ 1500 | money("USD") }}, or {{ "{{" }} for a literal {{')


def _number_literal(inner: str) -> str | None:
    """The first number token of the expression, as written (Jinja's parser would drop `.00`)."""
    for _line, kind, value in _PARSER.lex("{{" + inner + "}}"):
        if kind in ("integer", "float"):
            return value.replace("_", "")
    return None


def _classify(expr: nodes.Node, inner: str) -> tuple[dict[str, object] | None, str | None]:
    """What the expression asks for, or why it is refused."""
    if isinstance(expr, nodes.Const) and isinstance(expr.value, str):
        return {"kind": "literal", "literal": expr.value}, None
    filters: list[str] = []
    node = expr
    if isinstance(node, nodes.Filter) and node.name == MONEY:
        value = node.node
        args = node.args
        if (isinstance(value, nodes.Const) and isinstance(value.value, (int, float)) and not isinstance(value.value, bool)
                and len(args) == 1 and isinstance(args[0], nodes.Const) and isinstance(args[0].value, str)
                and not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None):
            currency = args[0].value
            if not re.fullmatch(r"[A-Z]{3}", currency):
                return None, f"'{currency}' is not a currency code; write three capitals such as USD"
            raw = _number_literal(inner) or str(value.value)
            try:
                Decimal(raw)
            except InvalidOperation:
                return None, f"'{raw}' is not an amount"
            return {"kind": "money", "amount": raw, "currency": currency}, None
        return None, 'an amount is written {{ NUMBER | money("CUR") }}, e.g. {{ 1500 | money("USD") }}'
    while isinstance(node, nodes.Filter):
        if node.name not in TEXT_FILTERS:
            return None, f"the filter '{node.name}' is not allowed (allowed: {', '.join(TEXT_FILTERS)}, and money for amounts)"
        if node.args or node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None:
            return None, f"the filter '{node.name}' takes no arguments here"
        filters.append(node.name)
        node = node.node  # type: ignore[assignment]
    name = _chain(node)
    if name is None:
        return None, f"{_describe(node)} is not allowed; {ALLOWED}"
    if name[0] not in ROOTS:
        return None, f"'{name[0]}' is not a placeholder; names start with country. or terms."
    hidden = [part for part in name if part.startswith("_")]
    if hidden:
        return None, f"'{hidden[0]}' is not allowed: names starting with _ are never looked up"
    if len(name) == 1:
        return None, f"'{name[0]}' alone is not text; name a value, e.g. {name[0]}.{'agency.short' if name[0] == 'country' else 'mse'}"
    return {"kind": "lookup", "name": name, "filters": tuple(reversed(filters))}, None


def scan(text: str, markdown: bool = True) -> tuple[list[Placeholder], list[Flaw]]:
    """Every placeholder of `text` outside code, and every flaw, in text order."""
    found: list[Placeholder] = []
    flaws: list[Flaw] = []
    if "{" not in text:
        return found, flaws
    masked = mask_code(text, markdown)
    pos = 0
    while True:
        match = _OPEN.search(masked, pos)
        if match is None:
            break
        start = match.start()
        line, column = _position(text, start)
        opener = match.group()
        if opener != "{{":
            closer = "%}" if opener == "{%" else "#}"
            end = masked.find(closer, start + 2)
            pos = end + 2 if end >= 0 else start + 2
            what = "statements such as {% if %} or {% for %}" if opener == "{%" else "comments {# ... #}"
            flaws.append(Flaw(line, column, "placeholder-not-allowed",
                              f"{what} are not allowed in content; {ALLOWED}"))
            continue
        end = masked.find("}}", start + 2)
        if end < 0:
            flaws.append(Flaw(line, column, "placeholder-syntax",
                              '{{ without a closing }}; to write a literal {{, write {{ "{{" }} or put it in `code`'))
            pos = start + 2
            continue
        inner = text[start + 2:end]
        pos = end + 2
        spec, code, why = _read(inner)
        if spec is None:
            flaws.append(Flaw(line, column, code, why))
            continue
        found.append(Placeholder(start, pos, line, column, **spec))  # type: ignore[arg-type]
    return found, flaws


@functools.lru_cache(maxsize=4096)
def _read(inner: str) -> tuple[dict[str, object] | None, str, str]:
    """What `{{inner}}` asks for, or the problem code and message; the same text is parsed once."""
    try:
        tree = _PARSER.parse("{{" + inner + "}}")
    except TemplateSyntaxError as exc:
        return None, "placeholder-syntax", f"{{{{{inner}}}}} cannot be read: {exc.message}; {ALLOWED}"
    body = tree.body
    if len(body) != 1 or not isinstance(body[0], nodes.Output) or len(body[0].nodes) != 1:
        return None, "placeholder-not-allowed", f"{{{{{inner}}}}}: {ALLOWED}"
    spec, why = _classify(body[0].nodes[0], inner)
    if spec is None:
        return None, "placeholder-not-allowed", f"{{{{{inner}}}}}: {why}"
    return spec, "", ""


def dotted(name: tuple[str, ...]) -> str:
    return ".".join(name)
