"""Accessibility of every page kind, measured by axe-core in chromium (WCAG 2.1 A and AA, best practice).

axe-core comes from the npm registry at the version package-lock.json pins (`make axe`). The site
is the programme of this repository, built once per session: English and Spanish are complete,
French is partial, and French pages without a translation show the English text. A few pages of
the small project (tests/fixtures/mini) check the theme's default palette, which it keeps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# One page of each kind; below each language root.
KINDS = {
    "home": "index.html",
    "programme": "programme/index.html",
    "module": "modules/m02/index.html",
    "rubric": "rubrics/delivery/index.html",
    "scoring sheet": "rubrics/delivery/sheet.html",
    "schedule": "schedules/sv-2026-1/index.html",
    "topics": "tags/index.html",
    "handbook": "handbook/index.html",
    "authored page": "glossary.html",
    "translation status": "translations/index.html",
    "404": "404.html",
}
PAGES = [lang + path for lang in ("", "es/", "fr/") for path in KINDS.values()]
FALLBACK = "fr/modules/m05/index.html"  # no French translation: the module is shown in English


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `make axe` installs axe-core from package-lock.json")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def axe_figures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where each test of this module writes what axe found per page: url, then the violations by
    impact (critical, serious, moderate, minor) and their rule ids, one page a line (one file per worker)."""
    return tmp_path_factory.getbasetemp() / "axe-figures.tsv"


def record(figures: Path, site: str, url: str, violations: list[dict]) -> None:
    counts = [sum(v["impact"] == impact for v in violations) for impact in ("critical", "serious", "moderate", "minor")]
    ids = ",".join(sorted(f"{v['id']}({v['impact']})" for v in violations))
    with open(figures, "a", encoding="utf-8") as handle:
        handle.write("\t".join([site, url.split("/", 3)[3], *map(str, counts), ids]) + "\n")


def axe_violations(page, axe_source: str) -> list[dict]:
    """The violations axe finds on the loaded page, with the rules it ran."""
    page.evaluate(axe_source)
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return {ran: [...r.passes, ...r.violations, ...r.incomplete].map(x => x.id),
                    violations: r.violations.map(v => ({id: v.id, impact: v.impact,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))};
        }""", TAGS)
    assert "color-contrast" in result["ran"] and "region" in result["ran"], result["ran"]
    return result["violations"]


# The small project sets no palette: the theme's default colours, with trainer notes and the switch.
MINI_PAGES = ["index.html", "modules/m01/index.html", "fr/modules/m01/index.html"]


def assert_no_grave_violation(page, axe_source: str, url: str, figures: Path, site: str) -> None:
    page.goto(url)
    assert page.locator("article h1").count() >= 1  # the page itself, not an error page
    found = axe_violations(page, axe_source)
    record(figures, site, url, found)
    grave = [v for v in found if v["impact"] in ("serious", "critical")]
    assert grave == [], "\n".join(f"{v['impact']} {v['id']}: {v['nodes']}" for v in grave)


@pytest.mark.parametrize("path", [*PAGES, FALLBACK])
def test_no_serious_or_critical_accessibility_violation(page, sample_url, axe_source, axe_figures, path):
    assert_no_grave_violation(page, axe_source, sample_url + path, axe_figures, "repository")


@pytest.mark.parametrize("path", MINI_PAGES)
def test_no_serious_or_critical_violation_with_the_default_palette(page, mini_url, axe_source, axe_figures, path):
    assert_no_grave_violation(page, axe_source, mini_url + path, axe_figures, "mini")


def test_the_fallback_page_is_french_with_english_text(sample_site: Path):
    html = (sample_site / FALLBACK).read_text(encoding="utf-8")
    assert '<html lang="fr"' in html and '<div lang="en">' in html  # its module body, in English


# Pages of a published site of several versions: the version selector, the older-release notice
# and the What changed page (the small project, published with three releases and dev).
VERSION_PAGES = ["2026.1/index.html", "es/2026.1/modules/m02/index.html", "2026.3/changes.html", "dev/index.html"]


@pytest.fixture(scope="module")
def versions_url(published) -> str:
    from conftest import serve_folder

    with serve_folder(published.site) as url:
        yield url


@pytest.mark.parametrize("path", VERSION_PAGES)
def test_no_serious_or_critical_violation_on_version_pages(page, versions_url, axe_source, axe_figures, path):
    assert_no_grave_violation(page, axe_source, versions_url + path, axe_figures, "mini, published")


def test_a_latest_redirect_page_is_a_page_of_its_language(page, versions_url, axe_source, axe_figures):
    # Its script and its refresh lead on at once: answering them "204 No Content" keeps the browser on it.
    page.route("**/2026.3/**", lambda route: route.fulfill(status=204))
    url = versions_url + "es/latest/modules/m02/index.html"
    page.goto(url, wait_until="commit")  # its load never ends: the redirect is pending
    page.wait_for_timeout(500)
    assert page.url == url
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.title() == "Abriendo la versión 2026.3"
    link = page.get_by_role("link", name="Abrir la versión 2026.3 de esta página")
    assert link.is_visible() and link.get_attribute("href") == "../../../2026.3/modules/m02/index.html"
    found = axe_violations(page, axe_source)
    record(axe_figures, "mini, published", url, found)
    grave = [v for v in found if v["impact"] in ("serious", "critical")]
    assert grave == [], "\n".join(f"{v['impact']} {v['id']}: {v['nodes']}" for v in grave)
