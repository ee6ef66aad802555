"""The built site in a real browser (Debian's chromium through playwright), served on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def only_local(requests: list[str]) -> list[str]:
    return [u for u in requests if urlparse(u).hostname not in ("127.0.0.1",) and not u.startswith(("data:", "blob:"))]


def search(page, words: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words, delay=30)


def test_home_page_shows_the_programme_title(page, mini_url):
    page.goto(mini_url)
    assert page.locator("article h1").inner_text().rstrip("¶") == "Mini Facilitator Programme"
    assert "Mini programme" in page.title()


def test_module_page_shows_objectives_and_sessions(page, mini_url):
    page.goto(mini_url + "modules/m02/index.html")
    article = page.locator("article")
    assert article.locator("h1").inner_text().startswith("M02 · 5S and visual management")
    assert "Lead a 5S audit of a garment workshop floor." in article.inner_text()
    rows = article.locator("table").nth(1).locator("tbody tr")
    assert rows.count() == 3  # two sessions and the total
    assert "Red-tag campaign" in rows.nth(0).inner_text()
    assert "Teach-back of the audit" in rows.nth(1).inner_text()


def test_search_finds_a_module_by_a_word_of_its_objectives(page, mini_url):
    page.goto(mini_url)
    search(page, "garment")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert "5S and visual management" in page.locator(".md-search-result").inner_text()


def test_browsing_requests_nothing_outside_localhost(page, mini_url):
    for path in ("", "modules/m01/index.html", "rubrics/delivery/index.html", "schedules/cohort-1/index.html",
                 "es/index.html", "es/modules/m02/index.html"):
        page.goto(mini_url + path)
        page.wait_for_load_state("networkidle")
    search(page, "kaizen")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert len(page.requested) > 10
    assert only_local(page.requested) == []


def test_site_works_from_a_folder_without_a_server(page, mini_site):
    page.goto((mini_site / "index.html").as_uri())
    page.locator("a[href$='modules/m01/index.html']").first.click()
    assert page.locator("article h1").inner_text().startswith("M01 · Kaizen basics")
    assert [u for u in page.requested if not u.startswith(("file:", "data:", "blob:"))] == []
