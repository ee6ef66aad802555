"""The project's `mkdocs.yml`, read safely, and the MkDocs configuration of each language build.

Authors own `mkdocs.yml` (site name, palette, extra...). MkDocs' own loader accepts
`!!python/name` tags, which run code on the build machine, so we read the file with our safe
loader, keep the keys we know to be harmless, and write the configuration MkDocs gets ourselves.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from generator.problems import Problem, Where
from generator.render.labels import translator
from generator.site.settings import checked_settings
from generator.source.load import inside
from generator.source.profile import Country, local
from generator.source.yamlsource import load_yaml

OVERRIDES = Path(__file__).parent / "overrides"

# Keys of the checked mkdocs.yml that go into every language's configuration.
PASSED = {"site_name", "site_description", "site_author", "site_url", "copyright", "repo_url", "repo_name",
          "edit_uri", "extra", "extra_css"}

# Languages that lunr-languages (shipped with Material) can stem or segment.
LUNR = {"ar", "da", "de", "du", "el", "es", "fi", "fr", "he", "hi", "hu", "hy", "it", "ja", "kn", "ko", "nl",
        "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi", "zh"}

# Of those, the ones with a Snowball stemmer: "capacitaciones" finds "capacitación".
STEMMED = {"ar", "da", "de", "du", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ro", "ru", "sv", "tr"}

# Words end at spaces and punctuation (Material's default splits at spaces and '-' only and leaves
# punctuation to lunr's trimmers); a full stop between digits stays, so "3.5" is one word.
SEARCH_SEPARATOR = r"""[\s\u200b\-_,:;!?=\[\]()"“”‘’'`/«»…]+|\.(?!\d)"""

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
    # Our own: accessible tables made on the Markdown tree, far cheaper than parsing the HTML.
    "generator.site.tables_md",
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
    if path.is_symlink() and any(part.startswith(".") for part in path.resolve().relative_to(root.resolve()).parts):
        return {}, [Where("mkdocs.yml").error(
            "unsafe-link", "this is a link into a hidden folder, whose files must never be read; copy the file in")]
    doc, problems = load_yaml(path, "mkdocs.yml")
    if doc is None:
        return {}, problems
    if not isinstance(doc.data, dict):
        return {}, problems + [doc.where().error("wrong-type", "mkdocs.yml must be a mapping of keys")]
    config, more = checked_settings(doc, root)
    problems += more
    if "site_name" not in doc.data:
        problems.append(doc.where().error("missing-key", "mkdocs.yml needs 'site_name: ...'"))
    return config, problems


def profile_config(project: dict[str, Any], profile: Country | None, lang: str, default: str) -> dict[str, Any]:
    """The project's MkDocs settings with the country profile's theme: it wins over mkdocs.yml.

    A fork edits one file, its profile, to get its own site name, logo, colours and footer.
    """
    if profile is None:
        return project
    theme_of = profile.theme
    config = dict(project)
    theme = dict(config.get("theme", {}) or {})
    theme["palette"] = {"primary": theme_of.primary, "accent": theme_of.accent}
    if theme_of.logo:
        theme["logo"] = theme_of.logo
    config["theme"] = theme
    if theme_of.site_name is not None:
        config["site_name"] = local(theme_of.site_name, lang, default)
    if theme_of.footer is not None:
        config["copyright"] = html.escape(str(local(theme_of.footer, lang, default)), quote=False)
    return config


def language_name(lang: str) -> str:
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_")) or lang
    except (ValueError, UnknownLocaleError):
        return lang
    return name[:1].upper() + name[1:]


def root_of(lang: str, default: str) -> str:
    """Where a language's site sits below the site root: '' for the default language."""
    return "" if lang == default else f"{lang}/"


@dataclass(frozen=True)
class Versioned:
    """The build of one version of a site of several (`curriculum publish`), mike's layout.

    The version's pages sit in `<language root>/<name>/`; Material's own version selector reads
    `versions.json` from the language root at run time, so a release built once stays valid
    whatever versions come after it.
    """

    name: str
    current: list[str] = field(default_factory=list)
    """Material's `extra.version.default`: regular expressions of the versions that are not outdated."""
    bundle: str | None = None
    """The name of this version's offline zips in `downloads/`, `<bundle>-<lang>.zip`, if the site offers them."""


def alternate_links(lang: str, languages: list[str], pages: dict[str, list[str]] | None = None,
                    version: str | None = None) -> list[dict[str, Any]]:
    """Material's language selector entries, relative to the `lang` site's root.

    Relative links work from a web server's sub-path and from a copy opened with file://.
    `root` and `pages` (the page URLs of that language's site) let our `partials/alternate.html`
    lead to the same page in the other language instead of its home page. In a versioned build
    the other language's page is the one of the same `version`.
    """
    default = languages[0]
    up = ("" if lang == default else "../") + ("../" if version else "")
    inside = f"{version}/" if version else ""
    entries: list[dict[str, Any]] = []
    for other in languages:
        root = f"{up}{root_of(other, default)}{inside}"
        entry: dict[str, Any] = {"name": language_name(other), "link": f"{root}index.html", "lang": other}
        if pages is not None:
            # A mapping, not a list: the template asks `page.url in alt.pages` on every page, and a
            # list would be scanned from the start each time.
            entry.update(root=root, pages=dict.fromkeys(sorted(pages.get(other, [])), 1))
        entries.append(entry)
    return entries


def page_urls(pages: dict[str, str] | list[str]) -> list[str]:
    """The URLs MkDocs gives these docs pages (`use_directory_urls: false`): `a/b.md` -> `a/b.html`."""
    return sorted(name[: -len(".md")] + ".html" for name in pages if name.endswith(".md"))


def interface_labels(lang: str, root: Path | None = None) -> dict[str, str]:
    """Our texts in theme templates (the 404 page, the versions' notices), in `lang` (with the project's own labels)."""
    _ = translator(lang, root)
    return {
        "not_found": _("Page not found"),
        "not_found_text": _("There is no page at this address. It may have moved when the programme was revised."),
        "home": _("Go to the home page"),
        "outdated": _("You are reading an older release of the programme."),
        "outdated_link": _("Read this page in the latest release"),
        "download": _("Download this version for reading offline"),
    }


def search_settings(lang: str) -> dict[str, Any]:
    """Material's search plugin settings for the site in `lang`: one lunr language, not several.

    Each language site is searched in its own language only. lunr's multi-language mode would
    stem every word twice (English, then Spanish) and a search for "capacitaciones" would miss
    "capacitación". Material keeps only the stop-word filter unless told otherwise, so stemming
    is asked for where lunr-languages has a stemmer (with `search_assets`' patch, without which a
    stemmed index finds nothing as people type). Vietnamese has none, and its trimmer is
    meant to cut non-letters off word edges but its letter class misses most accented letters
    (ạ, ấ, ệ...: "hoạ" would become "ho"; in the copy Material ships the class is malformed and
    trims nothing), so no trimmer is used anywhere.
    """
    base = lang.split("-")[0]
    # Stemming needs search_assets.py's patch, which rides on lunr.<lang>.min.js; English has no
    # such file, so English keeps Material's default: prefix matching without a stemmer.
    pipeline = ["stemmer", "stopWordFilter"] if base in STEMMED else ["stopWordFilter"]
    if base != "en" and base not in LUNR:
        base = "en"  # no lunr support: English stop words, and nothing that assumes English letters
    # No trimmer anywhere: the separator removes punctuation, and the trimmers' letter classes
    # (English: \w) would cut accented letters off word edges.
    return {"lang": [base], "separator": SEARCH_SEPARATOR, "pipeline": pipeline}


def mkdocs_config(
    project: dict[str, Any],
    lang: str,
    languages: list[str],
    docs_dir: Path,
    site_dir: Path,
    nav: list[dict[str, Any]],
    site_name: str,
    pages: dict[str, list[str]] | None = None,
    root: Path | None = None,
    versioned: Versioned | None = None,
) -> dict[str, Any]:
    """The complete MkDocs configuration of the build of one language (of one version, if `versioned`)."""
    theme = dict(project.get("theme", {}))
    theme.update(
        name="material",
        language=lang if lang in SUPPORTED_THEME_LANGUAGES else lang.split("-")[0],
        font=False,  # Material would fetch Google Fonts: the site must work offline.
        custom_dir=str(OVERRIDES),
    )
    features = list(theme.get("features") or ["navigation.top", "navigation.sections", "search.highlight",
                                               "content.tabs.link"])
    # Only the navigation a reader can see goes into a page: without this, every page carried
    # every module's entry, and the site grew with the square of the curriculum.
    if "navigation.prune" not in features and "navigation.expand" not in features:
        features.append("navigation.prune")
    theme["features"] = features
    extra = dict(project.get("extra", {}) or {})
    extra.pop("version", None)
    version = versioned.name if versioned else None
    if versioned:
        # Material's own selector (provider mike) reads ../versions.json at run time.
        # `alias` shows "latest" beside the newest release in the selector.
        extra["version"] = {"provider": "mike", "default": list(versioned.current), "alias": True}
        bundle = f"{versioned.bundle}-{lang}.zip" if versioned.bundle else None
        extra["curriculum_version"] = {"name": versioned.name, "bundle": bundle,
                                       "path": f"{root_of(lang, languages[0])}{versioned.name}/"}
    extra["alternate"] = alternate_links(lang, languages, pages, version)
    extra["curriculum_labels"] = interface_labels(lang, root)
    extra.setdefault("generator", False)
    # Material's offline plugin adds this shim from a CDN unless the site already ships one.
    extra["polyfills"] = ["assets/curriculum/vendor/iframe-worker-shim.js"]
    config: dict[str, Any] = {k: v for k, v in project.items() if k in PASSED}
    config.update(
        site_name=html.escape(str(project.get("site_name", site_name)), quote=True),
        docs_dir=str(docs_dir),
        site_dir=str(site_dir),
        use_directory_urls=False,  # links to .../index.html also work from a USB stick (file://)
        nav=nav,
        theme=theme,
        extra=extra,
        extra_css=["assets/curriculum/curriculum.css"] + list(project.get("extra_css", []) or []),
        markdown_extensions=MARKDOWN_EXTENSIONS,
        plugins=[{"search": search_settings(lang)}, "offline", {"curriculum-sanitize": {"language": lang}}],
        strict=False,
    )
    if config.get("site_url") and (lang != languages[0] or version):
        config["site_url"] = str(config["site_url"]).rstrip("/") + "/" + root_of(lang, languages[0]) + (
            f"{version}/" if version else "")
    # The 404 page is served at any address, so MkDocs gives it links from the server's root (or
    # from site_url's path): without site_url, the home of this language is below /<lang>/.
    extra["curriculum_labels"]["home_link"] = (
        "index.html" if config.get("site_url") else f"{root_of(lang, languages[0])}{version + '/' if version else ''}index.html")
    return config


SUPPORTED_THEME_LANGUAGES = {
    "af", "ar", "az", "be", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "eo", "es", "et", "eu", "fa", "fi",
    "fr", "gl", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka", "kn", "ko", "ku-IQ", "lb", "lt", "lv",
    "mk", "mn", "ms", "my", "nb", "nl", "nn", "pl", "pt", "pt-BR", "ro", "ru", "sa", "sh", "si", "sk", "sl",
    "sq", "sr", "sv", "ta", "te", "th", "tl", "tr", "uk", "ur", "uz", "vi", "zh", "zh-Hant", "zh-TW",
}
