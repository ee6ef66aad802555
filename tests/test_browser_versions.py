"""Versions in a real browser: Material's selector keeps page and language, the language switcher
keeps the version, older releases say so, and all of it also from file:// and from a bundle."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Published, run_cli, serve_folder
from test_browser_languages import search, switch_to, title

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(published: Published) -> Iterator[str]:
    with serve_folder(published.site) as url:
        yield url


def choose_version(page, version: str) -> None:
    page.locator(".md-version").wait_for()
    page.locator(".md-version").hover()
    page.locator(".md-version__link", has_text=version).click()
    page.wait_for_url(f"**/{version}/**")
    page.wait_for_load_state()


@pytest.mark.parametrize("where", ["http", "file"])
def test_the_version_selector_keeps_the_spanish_module_page(page, published: Published, site_url: str, where: str):
    base = site_url if where == "http" else published.site.as_uri() + "/"
    page.goto(base + "es/2026.1/modules/m02/index.html")
    assert page.locator(".md-version__current").inner_text().strip() == "2026.1"
    choose_version(page, "2026.2")
    assert page.url == base + "es/2026.2/modules/m02/index.html"
    assert title(page) == "M02 · 5S y gestión visual"
    assert page.locator("html").get_attribute("lang") == "es"
    # m03 came with 2026.2: in 2026.1 the selector leads to the home page of that version.
    page.goto(base + "es/2026.2/modules/m03/index.html")
    choose_version(page, "2026.1")
    assert page.url in (base + "es/2026.1/", base + "es/2026.1/index.html")
    assert [u for u in page.requested if not u.startswith((site_url, "file:", "data:", "blob:"))] == []


def test_switching_language_on_a_release_page_stays_in_that_release(page, site_url: str):
    page.goto(site_url + "2026.1/modules/m02/index.html")
    switch_to(page, "es")
    assert page.url == site_url + "es/2026.1/modules/m02/index.html"
    switch_to(page, "vi")
    assert page.url == site_url + "vi/2026.1/modules/m02/index.html"
    switch_to(page, "en")
    assert page.url == site_url + "2026.1/modules/m02/index.html"
    assert title(page) == "M02 · 5S and visual management"


@pytest.mark.parametrize("where", ["http", "file"])
def test_an_older_release_shows_the_notice_that_leads_to_latest(page, published: Published, site_url: str,
                                                              where: str):
    base = site_url if where == "http" else published.site.as_uri() + "/"
    page.goto(base + "2026.3/modules/m01/index.html")
    page.locator(".md-version").wait_for()
    assert not page.locator("[data-md-component=outdated]").is_visible()
    page.goto(base + "dev/modules/m01/index.html")
    page.locator(".md-version").wait_for()
    assert not page.locator("[data-md-component=outdated]").is_visible()
    page.goto(base + "es/2026.1/modules/m01/index.html")
    notice = page.locator("[data-md-component=outdated]")
    notice.wait_for(state="visible")
    assert "Está leyendo una versión anterior del programa." in notice.inner_text()
    notice.locator("a").click()
    page.wait_for_url("**/2026.3/**")
    assert page.url == base + "es/2026.3/modules/m01/index.html"


def test_the_root_leads_to_the_newest_release(page, site_url: str):
    page.goto(site_url)
    page.wait_for_url("**/2026.3/index.html")
    page.goto(site_url + "fr/")
    page.wait_for_url("**/fr/2026.3/index.html")


def test_a_bundle_opened_from_a_folder_navigates_and_finds_a_word(page, published: Published, tmp_path: Path):
    zip_path = tmp_path / "mini-es.zip"
    result = run_cli("bundle", str(published.repo), "--version", "2026.2", "--lang", "es", "--out", str(zip_path))
    assert result.code == 0, result.err
    zipfile.ZipFile(zip_path).extractall(tmp_path / "unzipped")
    page.goto((tmp_path / "unzipped/mini-2026.2-es/index.html").as_uri())
    page.wait_for_url("**/2026.2/index.html")
    page.locator("nav.md-nav a", has_text="M03").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/mini-2026.2-es/2026.2/modules/m03/index.html")
    assert search(page, "auditoría")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state()
    assert "/mini-2026.2-es/2026.2/" in page.url
    assert [u for u in page.requested if not u.startswith(("file:", "data:", "blob:"))] == []
