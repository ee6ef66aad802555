"""Every language in a real browser: the switcher keeps the page, search per language, notices, 404."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, edit, run_cli, serve_folder

from generator.build import build_project

pytestmark = pytest.mark.browser


def search(page, words: str) -> list[str]:
    """Type into Material's search box and return the titles of the results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words, delay=20)
    # Material searches on keyup; playwright types letters that are not on a US keyboard ("á",
    # "ư") as inserted text, without key events, so one key press makes it search what is typed.
    box.press("End")
    page.locator(".md-search-result__meta").wait_for()
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta').textContent.includes('…')")
    page.wait_for_timeout(300)
    return [t.strip() for t in page.locator(".md-search-result__item > a article h1").all_inner_texts()]


def switch_to(page, lang: str) -> None:
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang='{lang}']").click()
    page.wait_for_load_state()


def title(page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def test_language_switcher_leads_to_the_same_module(page, mini_url):
    page.goto(mini_url + "modules/m02/index.html")
    assert title(page) == "M02 · 5S and visual management"
    switch_to(page, "es")
    assert page.url == mini_url + "es/modules/m02/index.html"
    assert title(page) == "M02 · 5S y gestión visual"
    assert page.locator("html").get_attribute("lang") == "es"
    switch_to(page, "fr")
    assert page.url == mini_url + "fr/modules/m02/index.html"
    switch_to(page, "en")
    assert page.url == mini_url + "modules/m02/index.html"


def test_language_switcher_works_from_a_folder(page, mini_site: Path):
    page.goto((mini_site / "handouts/walk.html").as_uri())
    switch_to(page, "es")
    assert page.url == (mini_site / "es/handouts/walk.html").as_uri()
    assert title(page) == "Lista de verificación del recorrido gemba"
    switch_to(page, "vi")
    assert page.url == (mini_site / "vi/handouts/walk.html").as_uri()
    assert [u for u in page.requested if not u.startswith(("file:", "data:", "blob:"))] == []


def test_spanish_search_finds_an_inflected_word(page, mini_url):
    page.goto(mini_url + "es/index.html")
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Búsqueda"
    found = search(page, "capacitaciones")
    assert "Programa Mini de Facilitadores" in found  # its text says "capacitación"
    assert "Impartición de la capacitación" in found


def test_stemmed_search_works_from_a_folder(page, mini_site: Path):
    page.goto((mini_site / "es/index.html").as_uri())
    assert "Programa Mini de Facilitadores" in search(page, "capacitaciones")


def test_vietnamese_search_finds_an_accented_word(page, mini_url):
    page.goto(mini_url + "vi/index.html")
    assert search(page, "hoá") == ["Chương trình Giảng viên Mini"]  # not every page with "ho..." in it
    page.goto(mini_url + "vi/index.html")
    assert search(page, "chất lượng") == ["Chương trình Giảng viên Mini"]
    page.goto(mini_url + "vi/index.html")
    assert search(page, "tồn") == ["Chương trình Giảng viên Mini"]  # written "(tồn kho": punctuation splits words


def test_an_untranslated_french_page_shows_the_notice(page, mini_url):
    page.goto(mini_url + "fr/modules/m01/index.html")
    assert title(page) == "M01 · Kaizen basics"  # the original text...
    notice = page.locator(".admonition.translation-notice")
    assert notice.locator(".admonition-title").inner_text() == "Cette page n’a pas encore été traduite"
    assert "Elle est affichée en anglais, sa langue d’origine." in notice.inner_text()
    assert "Objectifs" in page.locator("article").inner_text()  # ...with the labels in French
    notice.locator("a").click()
    assert page.url == mini_url + "fr/translations/index.html"
    assert title(page) == "État des traductions"


def test_a_translated_page_has_no_notice(page, mini_url):
    page.goto(mini_url + "es/modules/m02/index.html")
    assert page.locator(".translation-notice").count() == 0
    page.goto(mini_url + "modules/m02/index.html")
    assert page.locator(".translation-notice").count() == 0


def test_spanish_404_page_is_in_spanish(page, mini_url):
    page.goto(mini_url + "es/404.html")
    assert page.locator("html").get_attribute("lang") == "es"
    assert title(page) == "Página no encontrada"
    page.get_by_text("Ir a la página de inicio").click()
    assert page.url == mini_url + "es/index.html"
    assert title(page) == "Programa Mini de Facilitadores"
    page.goto(mini_url + "404.html")
    assert title(page) == "Page not found"


def test_editing_the_source_shows_the_outdated_notice_until_marked(page, tmp_path: Path):
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    edit(root / "content/modules/m02.md", "plan a monthly audit", "plan a weekly audit")
    assert "  outdated    content/modules/m02.md" in run_cli("i18n", "status", str(root), "--lang", "es").out
    assert build_project(root, root / "site").built
    with serve_folder(root / "site") as url:
        page.goto(url + "es/modules/m02/index.html")
        notice = page.locator(".admonition.translation-notice")
        assert notice.locator(".admonition-title").inner_text() == "Esta traducción puede estar desactualizada"
        # one of the page's four units (a quarter of its words) changed: the notice says how much
        assert "El 25\xa0% de su texto ha cambiado en el original en inglés desde que se tradujo." in notice.inner_text()
        assert "Sostener es la S más difícil" in page.locator("article").inner_text()  # the translation is shown

    assert run_cli("i18n", "mark", str(root / "content/modules/m02.es.md")).code == 0
    assert "  translated  content/modules/m02.md" in run_cli("i18n", "status", str(root), "--lang", "es").out
    assert build_project(root, root / "site").built
    with serve_folder(root / "site") as url:
        page.goto(url + "es/modules/m02/index.html")
        assert page.locator(".translation-notice").count() == 0
