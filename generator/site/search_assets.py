"""Search files added to a language's docs folder so that stemmed search works as people type.

Material's search worker loads `assets/javascripts/lunr/min/lunr.<lang>.min.js` (a copy of
lunr-languages shipped with Material). A file of the same path in the docs folder takes the
place of the theme's, so we write the theme's file followed by `assets/search-stemming.js`,
which stems the wildcard terms that search-as-you-type produces (see that file for why).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from generator.site.config import search_settings
from generator.site.static import ASSETS

PATCH = ASSETS / "search-stemming.js"
LUNR = "assets/javascripts/lunr"
LUNR_DIR = f"{LUNR}/min"


def material_lunr(lang: str) -> Path | None:
    """Material's copy of lunr-languages' script for `lang`, if it has one."""
    import material

    path = Path(material.__file__).parent / "templates" / LUNR_DIR / f"lunr.{lang}.min.js"
    return path if path.is_file() else None


def search_files(lang: str) -> dict[str, bytes]:
    """The stemming patch for the docs of `lang` by its path, if its search uses a stemmer."""
    settings = search_settings(lang)
    if "stemmer" not in settings["pipeline"]:
        return {}
    code = settings["lang"][0]
    original = material_lunr(code)
    if original is None:  # English has no such file: Material's stemmer is lunr's own
        return {}
    patch = PATCH.read_text(encoding="utf-8").replace("__LANG__", code)
    text = original.read_text(encoding="utf-8") + "\n" + patch
    return {f"{LUNR_DIR}/lunr.{code}.min.js": text.encode("utf-8")}


def lunr_files(lang: str) -> list[str]:
    """The theme's lunr files that the search of the site in `lang` loads; Material copies them all
    (1 MB: every language's stemmer, Thai and Japanese word splitters) into every language's site.

    Material's search worker (`workers/search.*.js`, function of `config.lang`) imports, for each
    search language: `tinyseg.js` for ja, `wordcut.js` for hi and th, `min/lunr.<lang>.min.js` but
    for en; `min/lunr.multi.min.js` if there are several; and `min/lunr.stemmer.support.min.js`
    before any of them. An English site loads none.
    """
    wanted: list[str] = []
    codes = search_settings(lang)["lang"]
    for code in codes:
        if code == "ja":
            wanted.append(f"{LUNR}/tinyseg.js")
        elif code in ("hi", "th"):
            wanted.append(f"{LUNR}/wordcut.js")
        if code != "en":
            wanted.append(f"{LUNR_DIR}/lunr.{code}.min.js")
    if len(codes) > 1:
        wanted.append(f"{LUNR_DIR}/lunr.multi.min.js")
    if wanted:
        wanted.append(f"{LUNR_DIR}/lunr.stemmer.support.min.js")
    return sorted(wanted)


def unused_theme_file(src_uri: str, lang: str) -> bool:
    """Whether a theme file is one of the lunr files that no page of the `lang` site loads."""
    return src_uri.startswith(f"{LUNR}/") and src_uri not in lunr_files(lang)


def write_search_assets(docs_dir: Path, lang: str) -> None:
    """Add the stemming patch to the docs of `lang` if its search uses a stemmer."""
    for name, data in search_files(lang).items():
        target = docs_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def composed(pages: dict[str, str]) -> None:
    """Write every page's text in Unicode NFC, in place.

    An editor may save "hoá" as "hoa" plus a combining accent; it looks the same but search,
    which compares code points, would not find it when a reader types the composed letter.
    """
    for name, text in pages.items():
        pages[name] = unicodedata.normalize("NFC", text)
