"""SVG pictures from content: opened on their own, an SVG is a document that can run scripts and
fetch from other hosts. A picture passes only if every element and attribute is on an allow-list
of drawing markup, and every reference stays inside the picture or the site.
"""

from __future__ import annotations

import re
import xml.parsers.expat

from generator.problems import Problem, Where
from generator.source.urls import is_local, parse

_ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "textPath", "image", "linearGradient", "radialGradient", "stop",
    "pattern", "clipPath", "mask", "marker", "filter", "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix",
    "feMerge", "feMergeNode", "feFlood", "feComposite", "style", "switch",
}
_NS = re.compile(r"^\{[^}]*\}")
_URL_IN_STYLE = re.compile(r"url\(|@import|expression\(", re.IGNORECASE)
_FRAGMENT_URL = re.compile(r"^url\(\s*['\"]?#[^)]*\)$")


def _name(raw: str) -> str:
    return raw.rsplit(" ", 1)[-1]  # expat with namespaces: "uri name"


def check_svg(data: bytes, rel: str) -> list[Problem]:
    """The problems that keep the SVG `data` (at `rel`) from being published."""
    problems: list[Problem] = []
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        return [Where(rel).error("unsafe-svg", "the picture declares a DOCTYPE or entities; save it without them "
                                 "(most editors have a 'plain SVG' export)")]
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    in_style = [False]

    def where() -> Where:
        return Where(rel, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def start(raw: str, attrs: dict[str, str]) -> None:
        name = _name(raw)
        if name not in _ELEMENTS:
            problems.append(where().error("unsafe-svg", f"<{name}> is not allowed in a picture (it could run a script "
                                          "or load another page); remove it"))
        in_style[0] = name == "style"
        for raw_attr, value in attrs.items():
            attr = _name(raw_attr)
            if attr.lower().startswith("on"):
                problems.append(where().error("unsafe-svg", f"the attribute '{attr}' runs a script; remove it"))
            elif attr == "href" and not (value.startswith("#") or (name == "image" and is_local(value)
                                                                   and parse(value).scheme != "data")):
                problems.append(where().error("unsafe-svg", f"the link '{value}' leaves the picture; only '#id' "
                                              "references (and pictures of this site in <image>) are allowed"))
            elif attr == "style" and _URL_IN_STYLE.search(value):
                problems.append(where().error("unsafe-svg", "a style in the picture loads a file; remove url() "
                                              "and @import"))
            elif value.strip().lower().startswith("url(") and not _FRAGMENT_URL.match(value.strip()):
                problems.append(where().error("unsafe-svg", f"'{attr}' refers to '{value}'; only url(#id) is allowed"))

    def end(raw: str) -> None:
        in_style[0] = False

    def text(data: str) -> None:
        if in_style[0] and _URL_IN_STYLE.search(data):
            problems.append(where().error("unsafe-svg", "the picture's stylesheet loads a file; remove url() and "
                                          "@import"))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        return [Where(rel, exc.lineno, exc.offset + 1).error(
            "unsafe-svg", f"the picture is not well-formed XML ({xml.parsers.expat.ErrorString(exc.code)})")]
    return problems
