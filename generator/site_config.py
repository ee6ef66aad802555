"""The project's `mkdocs.yml`, read safely, and the MkDocs configuration of each language build.

Authors own `mkdocs.yml` (site name, palette, extra...). MkDocs' own loader accepts
`!!python/name` tags, which run code on the build machine, so we read the file with our safe
loader, keep the keys we know to be harmless, and write the configuration MkDocs gets ourselves.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from .load import inside
from .problems import Problem, Where
from .yamlsource import load_yaml

OVERRIDES = Path(__file__).parent / "overrides"

# Keys of mkdocs.yml passed on as they are; others are reported and left out.
PASSED = {"site_name", "site_description", "site_author", "site_url", "copyright", "repo_url", "repo_name",
          "edit_uri", "extra", "extra_css"}
THEME_PASSED = {"name", "palette", "features", "logo", "favicon", "icon", "language"}
# Keys we set ourselves; an author's value would break the build per language.
OURS = {"docs_dir", "site_dir", "nav", "theme", "plugins", "markdown_extensions", "use_directory_urls"}

# Languages that lunr-languages (shipped with Material) can stem or segment.
LUNR = {"ar", "da", "de", "du", "el", "es", "fi", "fr", "he", "hi", "hu", "hy", "it", "ja", "kn", "ko", "nl",
        "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi", "zh"}

MARKDOWN_EXTENSIONS: list[Any] = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    "pymdownx.superfences",
    {"pymdownx.tasklist": {"custom_checkbox": True}},
]


def read_project_config(root: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The harmless part of the project's mkdocs.yml, and the problems with the rest."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}, [Where("mkdocs.yml").error("missing-file", "there is no mkdocs.yml; create one with "
                                              "'site_name: ...' and 'theme: {name: material}'")]
    if not inside(root, path):
        return {}, [Where("mkdocs.yml").error(
            "outside-project", "this is a link to a place outside the project; copy the file in instead")]
    doc, problems = load_yaml(path, "mkdocs.yml")
    if doc is None:
        return {}, problems
    if not isinstance(doc.data, dict):
        return {}, problems + [doc.where().error("wrong-type", "mkdocs.yml must be a mapping of keys")]
    config: dict[str, Any] = {}
    for key, value in doc.data.items():
        where = doc.where((key,), key=True)
        if key in PASSED:
            config[key] = value
        elif key == "theme":
            theme = value if isinstance(value, dict) else {"name": value}
            if theme.get("name", "material") != "material":
                problems.append(doc.where(("theme", "name")).error(
                    "unsupported-theme", "the generator builds with the Material theme; set theme: {name: material}"))
            for theme_key in theme:
                if theme_key not in THEME_PASSED:
                    problems.append(doc.where(("theme", theme_key), key=True).warning(
                        "ignored-setting", f"theme.{theme_key} is not used: the generator sets it or it could "
                        "load code or files from elsewhere"))
            config["theme"] = {k: v for k, v in theme.items() if k in THEME_PASSED}
        elif key in OURS:
            problems.append(where.warning(
                "ignored-setting", f"'{key}' is set by the generator for every language build; remove it"))
        else:
            problems.append(where.warning(
                "ignored-setting", f"'{key}' is not used by the generator (it could run code or load files "
                "from elsewhere); remove it"))
    extra_css = config.get("extra_css") or []
    if not isinstance(extra_css, list):
        problems.append(doc.where(("extra_css",)).error(
            "wrong-type", "extra_css must be a list of files inside content/, e.g. [assets/extra.css]"))
        extra_css = config["extra_css"] = []
    for i, css in enumerate(extra_css):
        if not isinstance(css, str) or "://" in css or css.startswith("//"):
            problems.append(doc.where(("extra_css", i)).error(
                "external-file", "extra_css must name a file inside content/, not an address on another host"))
    if "site_name" not in config:
        problems.append(doc.where().error("missing-key", "mkdocs.yml needs 'site_name: ...'"))
    return config, problems


def language_name(lang: str) -> str:
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_")) or lang
    except (ValueError, UnknownLocaleError):
        return lang
    return name[:1].upper() + name[1:]


def root_of(lang: str, default: str) -> str:
    """Where a language's site sits below the site root: '' for the default language."""
    return "" if lang == default else f"{lang}/"


def alternate_links(lang: str, languages: list[str]) -> list[dict[str, str]]:
    """Material's language selector entries, relative to the `lang` site's root.

    Relative links work from a web server's sub-path and from a copy opened with file://.
    """
    default = languages[0]
    up = "" if lang == default else "../"
    return [{"name": language_name(other), "link": f"{up}{root_of(other, default)}index.html", "lang": other}
            for other in languages]


def mkdocs_config(
    project: dict[str, Any],
    lang: str,
    languages: list[str],
    docs_dir: Path,
    site_dir: Path,
    nav: list[dict[str, Any]],
    site_name: str,
) -> dict[str, Any]:
    """The complete MkDocs configuration of the build of one language."""
    theme = dict(project.get("theme", {}))
    theme.update(
        name="material",
        language=lang if lang in SUPPORTED_THEME_LANGUAGES else lang.split("-")[0],
        font=False,  # Material would fetch Google Fonts: the site must work offline.
        custom_dir=str(OVERRIDES),
    )
    theme.setdefault("features", ["navigation.top", "navigation.sections", "search.highlight", "content.tabs.link"])
    extra = dict(project.get("extra", {}) or {})
    extra.pop("version", None)
    extra["alternate"] = alternate_links(lang, languages)
    extra.setdefault("generator", False)
    # Material's offline plugin adds this shim from a CDN unless the site already ships one.
    extra["polyfills"] = ["assets/curriculum/vendor/iframe-worker-shim.js"]
    base = lang.split("-")[0]
    search_lang = ["en"] + ([base] if base in LUNR and base != "en" else [])
    config: dict[str, Any] = {k: v for k, v in project.items() if k in PASSED}
    config.update(
        site_name=html.escape(str(project.get("site_name", site_name)), quote=False),
        docs_dir=str(docs_dir),
        site_dir=str(site_dir),
        use_directory_urls=False,  # links to .../index.html also work from a USB stick (file://)
        nav=nav,
        theme=theme,
        extra=extra,
        extra_css=["assets/curriculum/curriculum.css"] + list(project.get("extra_css", []) or []),
        markdown_extensions=MARKDOWN_EXTENSIONS,
        plugins=[{"search": {"lang": search_lang}}, "offline", "curriculum-sanitize"],
        strict=False,
    )
    if config.get("site_url") and lang != languages[0]:
        config["site_url"] = str(config["site_url"]).rstrip("/") + f"/{lang}/"
    return config


SUPPORTED_THEME_LANGUAGES = {
    "af", "ar", "az", "be", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "eo", "es", "et", "eu", "fa", "fi",
    "fr", "gl", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka", "kn", "ko", "ku-IQ", "lb", "lt", "lv",
    "mk", "mn", "ms", "my", "nb", "nl", "nn", "pl", "pt", "pt-BR", "ro", "ru", "sa", "sh", "si", "sk", "sl",
    "sq", "sr", "sv", "ta", "te", "th", "tl", "tr", "uk", "ur", "uz", "vi", "zh", "zh-Hant", "zh-TW",
}
