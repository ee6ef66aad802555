"""Hostile content in a real browser: the mini programme built once with script and request
payloads in pages, YAML text, mkdocs.yml and a translated title, then opened over http and
file://. No dialog may open, no injected script may set its `window` marker, and no request
may leave for another host.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import FIXTURES, edit, serve_folder

from generator.build import build_project

pytestmark = pytest.mark.browser

MARK = "window.__pwned=1"
PAGE_PAYLOADS = f"""

<script>{MARK};alert(1)</script>
<img src="x.png" onerror="{MARK}">
<a href="javascript:{MARK}" id="js-link">a link</a>
<img src="/\\evil.example/a.png"><img src="https:evil.example/b.png"><img src="ht	tps://evil.example/c.png">
<img src="//evil.example/d.png" srcset="https://evil.example/e.png 2x">
<iframe src="https://evil.example/"></iframe><object data="https://evil.example/o"></object>
<base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<style>@import url(https://evil.example/y.css); body {{ background: url(//evil.example/z.png) }}</style>
<svg><script>{MARK}</script><image href="https://evil.example/s.png"/></svg>
<details open ontoggle="{MARK}"><summary>x</summary>y</details>
<form action="https://evil.example/"><button id="go">go</button></form>

A paragraph with attributes.
{{: onclick="{MARK}" style="background:url(https://evil.example/p.png)" }}

[data link](data:text/html,<script>alert(1)</script>) and [script link](javascript:alert(1))
"""
SITE_NAME = 'Mini" autofocus onfocus="window.__pwned=1" x="'
TITLE_ES = 'Programa" autofocus onfocus="window.__pwned=1" x="'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    (root / "mkdocs.yml").write_text(
        f"site_name: '{SITE_NAME}'\ncopyright: '<img src=x onerror={MARK}>'\n"
        f"site_description: '\" onmouseover=\"{MARK}'\ntheme:\n  name: material\n"
        # Material's script would ask api.github.com for the repository's stars from every page.
        "repo_url: https://github.com/example/curriculum\n", encoding="utf-8")
    with open(root / "content/index.md", "a", encoding="utf-8") as handle:
        handle.write(PAGE_PAYLOADS)
    edit(root / "curriculum/programme.es.yaml", "title: Programa Mini de Facilitadores", f"title: '{TITLE_ES}'")
    edit(root / "curriculum/modules/m01.yaml", "title: The seven wastes",
         f"title: '<script>{MARK}</script> [x](javascript:{MARK})'")
    outcome = build_project(root, root / "site")
    assert outcome.built, [p.text() for p in outcome.problems]
    assert (root / "site" / ".curriculum-site").is_file()  # the next build may replace this folder
    return root / "site"


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve_folder(hostile_site) as url:
        yield url


PAGES = ["index.html", "modules/m01/index.html", "es/index.html", "es/modules/m01/index.html"]


def _visit(page, url: str) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # failed pictures fire their error events after load
    for selector in ("#js-link", "#go", "article p"):  # a reader clicks around
        if page.locator(selector).count():
            page.locator(selector).first.click(no_wait_after=True)
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert not dialogs
    return dialogs


@pytest.mark.parametrize("name", PAGES)
def test_no_script_and_no_other_host_over_http(page, hostile_url: str, name: str) -> None:
    _visit(page, hostile_url + name)
    host = urlparse(hostile_url).hostname
    others = [u for u in page.requested if urlparse(u).hostname != host and not u.startswith(("data:", "blob:"))]
    assert others == []


@pytest.mark.parametrize("name", PAGES[::3])
def test_no_script_and_no_other_host_over_file(page, hostile_site: Path, name: str) -> None:
    _visit(page, (hostile_site / name).as_uri())
    assert [u for u in page.requested if not u.startswith(("file:", "data:", "blob:"))] == []


def test_payload_text_is_shown_as_text(page, hostile_url: str) -> None:
    """The quotes reach the reader as text: escaped, neither removed nor run."""
    page.goto(hostile_url + "index.html")
    assert SITE_NAME in page.title()
    assert f"<img src=x onerror={MARK}>" in page.locator(".md-copyright").inner_text()
    page.goto(hostile_url + "es/index.html")
    assert TITLE_ES in page.locator(".md-header__topic").first.inner_text()
    page.goto(hostile_url + "modules/m01/index.html")
    assert f"<script>{MARK}</script>" in page.locator("article").inner_text()
