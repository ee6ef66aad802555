"""The built site per language: search settings, status pages, notices, a language added in one line."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from conftest import edit

from generator.build import build_project
from generator.site.config import search_settings


def article(html_path: Path) -> str:
    return html_path.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]


def test_each_language_has_its_own_search_language(mini_site: Path):
    expected = {"": (["en"], ["stopWordFilter"]), "es/": (["es"], ["stemmer", "stopWordFilter"]),
                "fr/": (["fr"], ["stemmer", "stopWordFilter"]), "vi/": (["vi"], ["stopWordFilter"])}
    for root, (lang, pipeline) in expected.items():
        config = json.loads((mini_site / root / "search/search_index.json").read_text(encoding="utf-8"))["config"]
        assert (config["lang"], config["pipeline"]) == (lang, pipeline), root
    patched = (mini_site / "es/assets/javascripts/lunr/min/lunr.es.min.js").read_text(encoding="utf-8")
    assert patched.startswith("/*!\n * Lunr languages, `Spanish` language") and patched.rstrip().endswith('})(self.lunr, "es");')
    assert "curriculum-site: stem" not in (mini_site / "vi/assets/javascripts/lunr/min/lunr.vi.min.js").read_text(encoding="utf-8")


def test_each_language_ships_only_the_search_scripts_its_search_loads(mini_site: Path):
    # Material copies all of lunr-languages (1 MB: every stemmer, the Thai and Japanese word
    # splitters) into every language's site; a site keeps what its search worker imports.
    def lunr(root: str) -> list[str]:
        folder = mini_site / root / "assets/javascripts/lunr"
        return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []

    assert lunr("") == []
    for code in ("es", "fr", "vi"):
        assert lunr(f"{code}/") == sorted([f"min/lunr.{code}.min.js", "min/lunr.stemmer.support.min.js"]), code
    # The search worker of every language is still there to load them.
    assert all(list((mini_site / root / "assets/javascripts/workers").glob("search.*.min.js")) for root in ("", "es/"))


def test_search_separator_splits_words_at_punctuation():
    separator = re.compile(search_settings("vi")["separator"])
    assert [w for w in separator.split("(sổ sách, tồn kho) “hoá đơn” 3.5 giờ. l’audit") if w] == [
        "sổ", "sách", "tồn", "kho", "hoá", "đơn", "3.5", "giờ", "l", "audit"]
    assert search_settings("pt-BR")["lang"] == ["pt"] and search_settings("sw")["lang"] == ["en"]


def test_the_data_export_of_each_language_holds_its_translation(mini_site: Path):
    spanish = json.loads((mini_site / "es/curriculum.json").read_text(encoding="utf-8"))
    assert spanish["language"] == "es"
    assert [m["title"] for m in spanish["modules"]] == ["Kaizen basics", "5S y gestión visual"]
    assert [p["title"] for p in spanish["schedules"][0]["phases"]] == [
        "Bloque en aula", "Ciclo de práctica en la empresa (OJT)"]


def test_the_site_name_is_the_translated_programme_title(mini_site: Path):
    assert "<title>Inicio - Programa Mini de Facilitadores</title>" in (
        mini_site / "es/index.html").read_text(encoding="utf-8")
    assert "<title>Accueil - Mini programme</title>" in (
        mini_site / "fr/index.html").read_text(encoding="utf-8")  # not translated: the author's site_name


def test_the_interface_and_labels_are_in_the_language_of_the_site(mini_site: Path):
    page = (mini_site / "fr/modules/m02/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert 'placeholder="Rechercher"' in page  # Material's own interface
    assert ">Plan des séances<" in page and ">Prérequis<" in page  # our labels


def test_status_pages(mini_site: Path):
    overview = article(mini_site / "translations/index.html")
    assert "<td>espagnol</td>" not in overview and "<td>español</td>" not in overview
    assert re.search(r"<td>Spanish</td>\s*<td[^>]*>7</td>\s*<td[^>]*>0</td>\s*<td[^>]*>0</td>\s*<td[^>]*>2</td>\s*"
                     r"<td[^>]*>69%</td>", overview), overview
    spanish = article(mini_site / "es/translations/index.html")
    assert "Estado de la traducción" in spanish
    assert re.search(r"El 69&nbsp;% del texto está traducido al español \(147 de 214 palabras\)", spanish), spanish
    assert re.search(r"<code>curriculum/modules/m01.yaml</code></td>\s*<td><code>curriculum/modules/m01.es.yaml"
                     r"</code></td>\s*<td>Sin traducir</td>", spanish)
    assert "Estado de la traducción" in (mini_site / "es/index.html").read_text(encoding="utf-8")  # in the nav


def test_notices_follow_the_state_of_each_page(mini_site: Path):
    assert "translation-notice" not in article(mini_site / "modules/m02/index.html")  # the original
    assert "translation-notice" not in article(mini_site / "es/modules/m02/index.html")  # translated
    assert "translation-missing" in article(mini_site / "es/modules/m01/index.html")
    partial = article(mini_site / "vi/modules/m01/index.html")  # the YAML in part, the body not at all
    assert "translation-partial" in partial and "Một số phần của trang này chưa được dịch" in partial
    assert "Kiến thức cơ bản về Kaizen" in partial and "Explain the seven wastes" in partial


def test_an_outdated_authored_page_shows_the_notice(mini: Path, tmp_path: Path):
    edit(mini / "content/index.md", "Welcome.", "Welcome, trainers.")
    (mini / "content/modules/m01.es.md").write_text("## Puntos clave\n\nDesperdicio.\n", encoding="utf-8")
    assert build_project(mini, tmp_path / "site").built
    home = article(tmp_path / "site/es/index.html")
    assert "translation-outdated" in home and "Bienvenido. Este programa de capacitación" in home
    # one paragraph of the page changed: the notice says how much, in one language
    assert re.search(r"El \d+(?:&nbsp;|\W)*% de su texto ha cambiado en el original en inglés desde que se tradujo\.", home)
    unchecked = article(tmp_path / "site/es/modules/m01/index.html")  # written by hand, never marked
    assert "translation-outdated" in unchecked and "Aún no se ha comparado con el original en inglés." in unchecked
    assert "translation-notice" not in article(tmp_path / "site/es/handouts/walk.html")


def test_a_language_is_added_with_one_line(mini: Path, tmp_path: Path):
    edit(mini / "curriculum/programme.yaml", "languages: [en, es, fr, vi]", "languages: [en, es, fr, vi, pt-BR]")
    # a translator's editor wrote the accents as combining marks: the site gets composed letters
    decomposed = unicodedata.normalize("NFD", "tối ưu hoá")
    edit(mini / "content/index.vi.md", "tối ưu hoá", decomposed)
    out = tmp_path / "site"
    outcome = build_project(mini, out)
    assert outcome.built, outcome.problems
    home = (out / "pt-BR/index.html").read_text(encoding="utf-8")
    assert '<html lang="pt' in home and 'placeholder="Buscar"' in home  # Material's pt-BR interface
    assert "translation-missing" in article(out / "pt-BR/modules/m02/index.html")
    config = json.loads((out / "pt-BR/search/search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["pt"]
    switcher = (out / "modules/m02/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./\.\./pt-BR/modules/m02/index.html" hreflang="pt-BR"[^>]*>\s*Português', switcher)
    assert "Portuguese (Brazil)" in article(out / "translations/index.html")  # Babel's display name
    vi = (out / "vi/index.html").read_text(encoding="utf-8")
    assert "tối ưu hoá" in vi and decomposed not in vi
