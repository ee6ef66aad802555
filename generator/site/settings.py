"""The allow-list of mkdocs.yml: which keys an author may set, of which type, and how each value is
made safe for the place where the theme prints it.

Material prints most settings into pages without escaping them (copyright, descriptions, the site
name in attributes, social links...), and some settings load code or call other hosts (analytics,
consent, custom icons). So every value is checked against its kind (text, web address, colour,
icon, file under content/) with its line and column, and text is HTML-escaped, quotes included,
because the same value lands both in element text and in attributes.
"""

from __future__ import annotations

import html
import importlib.util
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.problems import Problem, Severity
from generator.source.urls import is_local, web_address
from generator.source.yamlsource import Doc

PathKey = tuple[Any, ...]
DROP = object()
"""What a checker returns for a value that is left out of the configuration."""

Checker = Callable[["Settings", PathKey, Any], Any]

PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".avif")
COLOURS = {"red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green",
           "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown", "grey", "blue-grey",
           "black", "white", "custom"}
_FEATURE = re.compile(r"^[a-z]+(?:\.[a-z_]+)*$")
_ICON = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)+$")
_MEDIA = re.compile(r"^[a-z0-9():, -]*$")
_CLASS = re.compile(r"^[a-z0-9-]+$")


def _icons_dir() -> Path | None:
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "templates" / ".icons"


class Settings:
    """One run of the allow-list over a parsed mkdocs.yml: the problems found so far."""

    def __init__(self, doc: Doc, root: Path) -> None:
        self.doc, self.root = doc, root
        self.problems: list[Problem] = []

    def error(self, code: str, loc: PathKey, message: str) -> object:
        where = self.doc.where(loc)
        self.problems.append(Problem(where.path, where.line, where.column, Severity.ERROR, code, message))
        return DROP

    def ignored(self, loc: PathKey, message: str) -> object:
        self.problems.append(self.doc.where(loc, key=True).warning("ignored-setting", message))
        return DROP


def _name(loc: PathKey) -> str:
    return ".".join(str(part) for part in loc)


def text(s: Settings, loc: PathKey, value: Any) -> Any:
    """Text printed by the theme in elements and attributes: escaped, quotes included."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return s.error("wrong-type", loc, f"{_name(loc)} must be text")
    return html.escape(str(value), quote=True)


def plain_text(s: Settings, loc: PathKey, value: Any) -> Any:
    """Text escaped later, where it is used (the site name: a translated title may replace it)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return s.error("wrong-type", loc, f"{_name(loc)} must be text")
    return str(value)


def boolean(s: Settings, loc: PathKey, value: Any) -> Any:
    if not isinstance(value, bool):
        return s.error("wrong-type", loc, f"{_name(loc)} must be true or false")
    return value


def web_url(s: Settings, loc: PathKey, value: Any) -> Any:
    """An http(s) address of another site, as readers follow it (a link, never a request)."""
    if not isinstance(value, str) or not web_address(value):
        return s.error("bad-setting", loc, f"{_name(loc)} must be an http:// or https:// address without spaces, "
                       "quotes or backslashes, e.g. https://example.org/")
    return html.escape(value, quote=True)


def link(s: Settings, loc: PathKey, value: Any) -> Any:
    """A link readers may follow: a web address, a mailto: address or a page of this site."""
    if isinstance(value, str) and re.fullmatch(r"mailto:[^\s\"'<>\\]+@[^\s\"'<>\\]+", value):
        return html.escape(value, quote=True)
    if isinstance(value, str) and is_local(value) and not re.search(r"[\s\"'<>\\]", value):
        return html.escape(value, quote=True)
    return web_url(s, loc, value)


def edit_path(s: Settings, loc: PathKey, value: Any) -> Any:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9._/-]*", value) or ".." in value.split("/"):
        return s.error("bad-setting", loc, f"{_name(loc)} must be a path such as edit/main/content/")
    return value


def picture(s: Settings, loc: PathKey, value: Any) -> Any:
    """A picture under content/ (the logo, the favicon), named relative to content/."""
    if not isinstance(value, str) or not is_local(value) or re.search(r"[\s\"'<>\\?#]", value):
        return s.error("bad-setting", loc, f"{_name(loc)} must name a picture under content/, e.g. assets/logo.png; "
                       "an address on another host would be fetched by every reader")
    path = posixpath.normpath(value)
    if path.startswith("../") or path == ".." or any(p.startswith(".") for p in path.split("/")):
        return s.error("bad-setting", loc, f"{_name(loc)} '{value}' leads outside content/ or into a hidden folder")
    if not path.lower().endswith(PICTURES):
        return s.error("bad-setting", loc, f"{_name(loc)} '{value}' is not a picture ({', '.join(PICTURES)})")
    if not (s.root / "content" / path).is_file():
        return s.error("bad-setting", loc, f"{_name(loc)}: there is no content/{path}")
    return path


def stylesheet(s: Settings, loc: PathKey, value: Any) -> Any:
    """A stylesheet under content/ (its @import and url() are checked with the other content CSS)."""
    if not isinstance(value, str) or not is_local(value) or re.search(r"[\s\"'<>\\?#]", value):
        return s.error("external-file", loc, "extra_css must name a file inside content/, not an address on "
                       "another host")
    path = posixpath.normpath(value)
    if path.startswith("../") or path == ".." or any(p.startswith(".") for p in path.split("/")):
        return s.error("external-file", loc, f"extra_css '{value}' leads outside content/ or into a hidden folder")
    if not path.endswith(".css") or not (s.root / "content" / path).is_file():
        return s.error("bad-setting", loc, f"extra_css: there is no stylesheet content/{path}")
    return path


def icon(s: Settings, loc: PathKey, value: Any) -> Any:
    """An icon shipped with the theme, e.g. material/school."""
    icons = _icons_dir()
    if (not isinstance(value, str) or not _ICON.match(value) or icons is None
            or not (icons / f"{value}.svg").is_file()):
        return s.error("bad-setting", loc, f"{_name(loc)} must name an icon shipped with the theme, "
                       "e.g. material/school (see Material's icon search)")
    return value


def colour(s: Settings, loc: PathKey, value: Any) -> Any:
    name = str(value).strip().lower().replace(" ", "-") if isinstance(value, str) else ""
    if name not in COLOURS:
        return s.error("bad-setting", loc, f"{_name(loc)} must be one of Material's colours: "
                       f"{', '.join(sorted(COLOURS))}")
    return name


def one_of(*allowed: str) -> Checker:
    def check(s: Settings, loc: PathKey, value: Any) -> Any:
        if value not in allowed:
            return s.error("bad-setting", loc, f"{_name(loc)} must be one of: {', '.join(allowed)}")
        return value
    return check


def matching(pattern: re.Pattern[str], example: str) -> Checker:
    def check(s: Settings, loc: PathKey, value: Any) -> Any:
        if not isinstance(value, str) or not pattern.match(value):
            return s.error("bad-setting", loc, f"{_name(loc)} must look like {example}")
        return value
    return check


def refused(why: str) -> Checker:
    def check(s: Settings, loc: PathKey, value: Any) -> Any:
        s.problems.append(s.doc.where(loc, key=True).error("refused-setting", f"{_name(loc)} is refused: {why}"))
        return DROP
    return check


def theme_ours(s: Settings, loc: PathKey, value: Any) -> Any:
    return s.ignored(loc, f"{_name(loc)} is not used: the generator sets it or it could load code or files "
                     "from elsewhere")


def ours(s: Settings, loc: PathKey, value: Any) -> Any:
    return s.ignored(loc, f"'{_name(loc)}' is set by the generator for every language build; remove it")


def mapping(keys: dict[str, Checker], other: Checker | None = None) -> Checker:
    """A mapping whose keys are in `keys` (others: `other`, or reported as not used)."""
    def check(s: Settings, loc: PathKey, value: Any) -> Any:
        if not isinstance(value, dict):
            return s.error("wrong-type", loc, f"{_name(loc)} must be a mapping of keys")
        out: dict[str, Any] = {}
        for key, item in value.items():
            checker = keys.get(str(key), other)
            if checker is None:
                s.ignored(loc + (key,), f"'{_name(loc + (key,))}' is not used by the generator (it could run code "
                          "or load files from elsewhere); remove it")
                continue
            checked = checker(s, loc + (key,), item)
            if checked is not DROP:
                out[str(key)] = checked
        return out
    return check


def listing(item: Checker, example: str = "") -> Checker:
    def check(s: Settings, loc: PathKey, value: Any) -> Any:
        if not isinstance(value, list):
            return s.error("wrong-type", loc, f"{_name(loc)} must be a list{example}")
        return [x for x in (item(s, loc + (i,), v) for i, v in enumerate(value)) if x is not DROP]
    return check


def _palette_or_list(s: Settings, loc: PathKey, value: Any) -> Any:
    return (listing(PALETTE) if isinstance(value, list) else PALETTE)(s, loc, value)


def _icons(s: Settings, loc: PathKey, value: Any) -> Any:
    return (mapping({}, icon) if isinstance(value, dict) else icon)(s, loc, value)


PALETTE = mapping({
    "scheme": one_of("default", "slate"),
    "primary": colour,
    "accent": colour,
    "media": matching(_MEDIA, '"(prefers-color-scheme: dark)"'),
    "toggle": mapping({"icon": icon, "name": text}),
})

THEME = mapping({
    "name": lambda s, loc, v: v if v == "material" else s.error(
        "unsupported-theme", loc, "the generator builds with the Material theme; set theme: {name: material}"),
    "palette": _palette_or_list,
    "features": listing(matching(_FEATURE, "navigation.top")),
    "logo": picture,
    "favicon": picture,
    "icon": mapping({}, _icons),
}, theme_ours)

EXTRA = mapping({
    "social": listing(mapping({"icon": icon, "link": link, "name": text})),
    "homepage": link,
    "generator": boolean,
    "tags": mapping({}, matching(_CLASS, "a class name such as quality")),
    "status": mapping({}, text),
    "analytics": refused("analytics scripts send readers' visits to another host; the site makes no "
                         "request to other hosts"),
    "consent": refused("the cookie consent form only serves analytics, which the site does not use"),
    "version": ours, "alternate": ours, "polyfills": ours, "curriculum_labels": ours,
})

OURS = ("docs_dir", "site_dir", "nav", "plugins", "markdown_extensions", "use_directory_urls")

PROJECT = mapping({
    "site_name": plain_text,
    "site_description": text,
    "site_author": text,
    "copyright": text,
    "repo_name": text,
    "site_url": web_url,
    "repo_url": web_url,
    "edit_uri": edit_path,
    "extra_css": listing(stylesheet, " of files inside content/, e.g. [assets/extra.css]"),
    "theme": lambda s, loc, v: THEME(s, loc, v if isinstance(v, dict) else {"name": v}),
    "extra": EXTRA,
    **{key: ours for key in OURS},
})


def checked_settings(doc: Doc, root: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The allowed part of mkdocs.yml, every value checked and escaped, and the problems with the rest."""
    s = Settings(doc, root)
    config = PROJECT(s, (), doc.data)
    return (config if isinstance(config, dict) else {}), s.problems
