"""Make the HTML of a page safe: content arrives from many hands and must never run a script.

Raw HTML in Markdown, attribute lists and links are all ways to put a script or an outside
request into a page. Every page's HTML passes through nh3 (the Rust `ammonia` sanitiser) with
an allow-list of the elements and attributes that Markdown and our templates produce. On top of
it, ids the theme reads (`__config`...) are dropped, addresses are judged as a browser reads them
(`source/urls.py`), pictures must come from the site, and `data:` links are removed.
"""

from __future__ import annotations

import re

import nh3

from generator.source.urls import parse

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input",
    "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
_GENERIC = {"class", "id", "title", "lang", "dir"}
_ATTRIBUTES = {
    "*": _GENERIC,
    "a": _GENERIC | {"href", "name"},
    "img": _GENERIC | {"src", "alt", "width", "height", "loading"},
    "td": _GENERIC | {"colspan", "rowspan", "align", "style"},
    "th": _GENERIC | {"colspan", "rowspan", "align", "style", "scope"},
    "col": _GENERIC | {"span"},
    "ol": _GENERIC | {"start", "type"},
    "input": _GENERIC | {"type", "checked", "disabled", "name"},
    "label": _GENERIC | {"for"},
    "details": _GENERIC | {"open"},
    "time": _GENERIC | {"datetime"},
}
# Ids (and the names and labels that point at ids) that the theme or our stylesheet reads:
# Material keeps its settings in `#__config` and its controls in `#__drawer`, `#__search`...; an
# element from content with such an id would replace them and, through `__config`, load a script.
RESERVED_ID = re.compile(r"^__")
OUR_IDS = {"cv-participant-view": "input"}
"""Our own ids, with the only element allowed to carry each (the participant-view switch)."""
_ID_ATTRIBUTES = {"id", "name", "for"}
_PICTURE_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$")


def reserved_id(element: str, attribute: str, value: str) -> bool:
    """Whether `value` may not be the id (or name, or label target) `attribute` of `element` in content."""
    value = value.strip()
    if RESERVED_ID.match(value):
        return True
    return attribute == "id" and value in OUR_IDS and OUR_IDS[value] != element


def _filter(element: str, attribute: str, value: str) -> str | None:
    if attribute in _ID_ATTRIBUTES and reserved_id(element, attribute, value):
        return None
    if attribute in ("href", "src"):
        url = parse(value)
        if url.scheme == "data":
            # A data: link opens a page of the attacker's making; a picture may be inline.
            return value if attribute == "src" and element == "img" and _PICTURE_DATA.match(url.text) else None
        # Pictures must come with the site: an outside address would be fetched by every reader.
        if attribute == "src" and not url.relative:
            return None
        if attribute == "src" and url.rooted:
            return None
    if element == "input" and attribute == "type" and value not in ("checkbox", "radio"):
        return None
    return value


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel", "data"},
        link_rel=None,
        strip_comments=True,
        attribute_filter=_filter,
        filter_style_properties={"text-align"},
    )


# Where whitespace is content: left exactly as it is.
_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r">[ \t\r\n]*\n[ \t\r\n]*<")


def squeeze(html: str) -> str:
    """`html` without the indentation between tags: each run of whitespace with a line break
    between two tags becomes one line break, which a browser shows exactly as it did the run
    (one space where the run was between inline elements, nothing elsewhere). Whitespace in
    `pre`, `textarea`, `script` and `style` is kept. It makes every page about a quarter lighter."""
    parts = _VERBATIM.split(html)
    # split() returns text, then for each match the whole block and its tag name.
    out = []
    for i in range(0, len(parts), 3):
        out.append(_INDENT.sub(">\n<", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
