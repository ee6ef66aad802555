"""The working documents in a real browser: schedules, calendars, rubrics, printing, pictures."""

from __future__ import annotations

import io
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from conftest import FIXTURES, serve_folder

from generator.build import build_project

pytestmark = pytest.mark.browser
pypdf = pytest.importorskip("pypdf")

SVG = "{http://www.w3.org/2000/svg}"


def text(value: str) -> str:
    """Text as a reader sees it: Babel's narrow and non-breaking spaces as plain spaces."""
    return " ".join(value.replace("\u202f", " ").replace("\xa0", " ").split())


def pdf_pages(page, paper: str = "A4") -> list[str]:
    """The text of each printed page of `page`."""
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
    return [text(p.extract_text() or "") for p in reader.pages]


def test_schedule_lists_the_sessions_of_a_day_and_links_into_them(page, mini_url):
    page.goto(mini_url + "schedules/cohort-1/index.html")
    table = page.locator("xpath=//h3[@id='day-2026-02-03']/following::table[1]")
    rows = [[text(c) for c in row.locator("td").all_inner_texts()] for row in table.locator("tbody tr").all()]
    assert rows == [["8:00 AM–9:30 AM", "M02", "Red-tag campaign", "Workshop"],
                    ["10:00 AM–11:00 AM", "M02", "Teach-back of the audit", "Assessment"]]
    assert text(page.locator("h3#day-2026-02-03").inner_text()).startswith("Tuesday, February 3, 2026")
    page.locator(".cv-month a[href='#day-2026-02-03']").click()
    assert page.url.endswith("#day-2026-02-03")
    table.locator("a", has_text="Teach-back of the audit").click()
    page.wait_for_url("**/modules/m02/index.html#session-s2")
    reached = page.locator("tr:has(.cv-anchor:target)")
    assert reached.count() == 1 and "Teach-back of the audit" in reached.inner_text()


def test_calendar_download_holds_every_session_at_local_time(page, mini_url):
    page.goto(mini_url + "schedules/cohort-1/index.html")
    with page.expect_download() as download:
        page.locator("a[href='cohort-1.ics']").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    found = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert len(found) == 4  # the schedule has four sessions
    assert [(e.decoded("dtstart").strftime("%Y-%m-%d %H:%M"), e.decoded("dtend").strftime("%H:%M"),
             str(e.decoded("dtstart").tzinfo)) for e in found] == [
        ("2026-02-02 08:00", "09:30", "America/El_Salvador"), ("2026-02-02 10:00", "12:00", "America/El_Salvador"),
        ("2026-02-03 08:00", "09:30", "America/El_Salvador"), ("2026-02-03 10:00", "11:00", "America/El_Salvador")]
    assert found[0].decoded("dtstart").utcoffset().total_seconds() == -6 * 3600


def test_rubric_page_shows_every_criterion_and_level(page, mini_url):
    page.goto(mini_url + "rubrics/delivery/index.html")
    table = page.locator("xpath=//h2[@id='criteria']/following::table[1]")
    headers = [text(h) for h in table.locator("thead th").all_inner_texts()]
    assert headers == ["Criterion", "Weight", "1 · Beginning", "2 · Developing", "3 · Competent", "4 · Expert"]
    rows = [[text(c) for c in row.locator("td").all_inner_texts()] for row in table.locator("tbody tr").all()]
    assert rows[0] == ["Preparation and objectives", "40 %", "No plan.", "A plan without objectives.",
                       "A plan with objectives.", "A plan others reuse."]
    assert rows[1][:3] == ["Participation", "60 %", "Reads slides."]
    article = text(page.locator("article").inner_text())
    rule = "To pass, the weighted mean must be at least 3, and no criterion may be below level 2 (Developing)."
    assert rule in article
    page.locator("a", has_text="Scoring sheet (one page)").click()
    assert page.locator(".cv-sheet h1").inner_text().startswith("Scoring sheet: Training delivery")
    page.locator("a.cv-sheet-back").click()
    page.wait_for_url("**/rubrics/delivery/index.html")


LONG_RUBRIC = """id: long
title: Selection of OJT companies for the second cycle of on-the-job training
kind: selection
levels:
  - {score: 1, label: Poor}
  - {score: 2, label: Fair}
  - {score: 3, label: Good}
  - {score: 4, label: Very good}
  - {score: 5, label: Excellent}
eligibility:
""" + "".join(
    f"  - {{id: e{i}, text: 'The company meets condition {i} of the programme, shown by a document signed by the "
    "owner and checked by the centre.'}\n" for i in range(1, 7)
) + "criteria:\n" + "".join(
    f"  - id: c{i}\n    title: Criterion {i}, observed at the workstation and in the records of the company owner\n"
    f"    weight: {9 if i <= 4 else 8}\n"
    "    descriptors: {1: a, 2: b, 3: c, 4: d, 5: e}\n" for i in range(1, 13)
) + "pass: {weighted_mean: 3.0, minimum_level: 2}\n"


@pytest.fixture(scope="module")
def long_rubric_url(tmp_path_factory: pytest.TempPathFactory):
    """The small project with a selection matrix of 12 criteria, 5 levels and 6 eligibility filters."""
    root = tmp_path_factory.mktemp("long-rubric") / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    (root / "curriculum/rubrics/long.yaml").write_text(LONG_RUBRIC, encoding="utf-8")
    outcome = build_project(root, root / "site")
    assert outcome.built, outcome.problems
    with serve_folder(root / "site") as url:
        yield url


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("rubric", ["delivery", "long"])
def test_scoring_sheet_prints_on_one_page(page, long_rubric_url, rubric, paper):
    page.goto(long_rubric_url + f"rubrics/{rubric}/sheet.html")
    page.emulate_media(media="print")
    assert page.locator(".cv-sheet-back").is_hidden()
    pages = pdf_pages(page, paper)
    assert len(pages) == 1, pages
    assert "Weighted total" in pages[0] and "Assessor's signature" in pages[0]
    if rubric == "long":
        assert "Criterion 12, observed" in pages[0] and "e6" in pages[0]
    boxes = page.locator(".cv-sheet-scores tbody .cv-box")
    levels = 5 if rubric == "long" else 4
    criteria = 12 if rubric == "long" else 2
    assert boxes.count() == criteria * (levels + 1) + 1  # a box per level, a weighted score, the total


def test_overview_pictures_render_with_a_box_per_module(page, mini_url):
    page.goto(mini_url + "programme/index.html")
    pictures = page.locator("img.cv-picture")
    assert pictures.count() == 2  # the prerequisites and the phases of the one schedule
    for i in range(pictures.count()):
        pictures.nth(i).scroll_into_view_if_needed()
        assert pictures.nth(i).evaluate("img => img.complete && img.naturalWidth > 100 && img.naturalHeight > 50")
    source = pictures.first.evaluate("img => img.src")
    svg = ET.fromstring(page.request.get(source).body())
    assert [g.get("data-module") for g in svg.findall(f".//{SVG}g[@class='module']")] == ["m01", "m02"]
    assert pictures.first.get_attribute("alt").startswith("Prerequisites")
    phases = ET.fromstring(page.request.get(pictures.nth(1).evaluate("img => img.src")).body())
    assert len(phases.findall(f".//{SVG}g[@class='phase']")) == 2


def test_handbook_prints_each_module_on_a_new_page(page, mini_url):
    page.goto(mini_url + "handbook/index.html")
    page.emulate_media(media="print")
    pages = pdf_pages(page)
    starts = {}
    for title in ("M01 · Kaizen basics", "M02 · 5S and visual management", "Training delivery", "Gemba walk checklist"):
        starts[title] = next(i for i, p in enumerate(pages) if p.startswith(title))
    assert list(starts.values()) == sorted(set(starts.values())), starts
    assert starts["M01 · Kaizen basics"] >= 1  # the programme overview comes first
    assert all("Printable handbook" not in p and "Search" not in p for p in pages)  # no navigation


def test_participant_view_hides_trainer_notes_on_screen_and_in_print(page, mini_url):
    page.goto(mini_url + "modules/m01/index.html")
    note = page.locator(".admonition.trainer")
    assert note.is_visible()
    page.locator("label[for='cv-participant-view']").click()
    assert note.is_hidden()
    page.emulate_media(media="print")
    printed = " ".join(pdf_pages(page))
    assert "Waste is anything the customer does not pay for" in printed
    assert "real bakery" not in printed and "Participant view" not in printed
    page.emulate_media(media="screen")
    page.locator("label[for='cv-participant-view']").click()
    assert note.is_visible()
    assert "real bakery" in " ".join(pdf_pages(page))


def test_new_pages_request_nothing_outside_localhost(page, mini_url):
    for path in ("programme/index.html", "schedules/cohort-1/index.html", "rubrics/delivery/sheet.html",
                 "tags/index.html", "handbook/index.html", "es/handbook/index.html", "es/programme/index.html"):
        page.goto(mini_url + path)
        page.wait_for_load_state("networkidle")
    outside = [u for u in page.requested if not u.startswith(mini_url) and not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert any(u.endswith("prerequisites.svg") for u in page.requested)


# The printable width of an A4 page at 96 px an inch: 210 mm less the 12 mm margins of @page.
A4_PRINT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)

TABLES_PAST_THE_EDGE = """() => {
    const edge = document.documentElement.clientWidth;
    const tables = [...document.querySelectorAll('article table')];
    const past = tables.filter(t => t.getBoundingClientRect().right > edge + 0.5)
                       .map(t => (t.closest('.cv-scroll') || t).getAttribute('aria-label'));
    const widest = Math.max(...tables.map(t => t.getBoundingClientRect().width));
    return {count: tables.length, past, edge, widest};
}"""


def test_no_handbook_table_is_wider_than_the_printed_page(browser, sample_url, tmp_path_factory):
    context = browser.new_context(viewport={"width": A4_PRINT_WIDTH, "height": 1000})
    page = context.new_page()
    page.goto(sample_url + "handbook/index.html")
    on_screen = page.evaluate(TABLES_PAST_THE_EDGE)
    assert len(on_screen["past"]) > 10  # on a screen this narrow, wide tables scroll: the measure sees them
    page.emulate_media(media="print")
    printed = page.evaluate(TABLES_PAST_THE_EDGE)
    assert printed["count"] > 250 and printed["past"] == []
    assert printed["widest"] <= printed["edge"] <= A4_PRINT_WIDTH
    with open(tmp_path_factory.getbasetemp() / "print-figures.tsv", "a", encoding="utf-8") as figures:
        figures.write(f"handbook tables\t{printed['count']}\twidest {printed['widest']:.1f} px\t"
                      f"printed width {printed['edge']} px\n")
    assert "Average observed time" in " ".join(pdf_pages(page))  # the last column of the widest form
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("sheet", ["fr/rubrics/delivery", "vi/rubrics/delivery", "fr/rubrics/company-selection",
                                   "vi/rubrics/company-selection"])
def test_untranslated_scoring_sheet_prints_on_one_page_without_its_notice(page, sample_url, sheet, paper,
                                                                         tmp_path_factory):
    page.goto(sample_url + f"{sheet}/sheet.html")
    notice = page.locator(".translation-notice")
    assert notice.is_visible()  # on screen the reader is told the sheet is in English
    title = text(notice.locator(".admonition-title").inner_text())
    assert title
    page.emulate_media(media="print")
    pages = pdf_pages(page, paper)
    with open(tmp_path_factory.getbasetemp() / "print-figures.tsv", "a",
              encoding="utf-8") as figures:
        figures.write(f"{sheet}/sheet.html\t{paper}\t{len(pages)} page(s)\n")
    assert len(pages) == 1, pages
    # pypdf splits some Vietnamese letters from their marks with spaces: compare without spaces.
    printed = unicodedata.normalize("NFC", pages[0].replace(" ", ""))
    assert unicodedata.normalize("NFC", title.replace(" ", "")) not in printed
    last = text(page.locator(".cv-sheet-signatures th").first.inner_text())  # the sheet's last row
    assert unicodedata.normalize("NFC", last.replace(" ", "")) in printed


FOCUSED = """() => {
    const e = document.activeElement, style = getComputedStyle(e);
    return {html: e.outerHTML.slice(0, 200), id: e.id, box: e.classList.contains('cv-scroll'), label: e.getAttribute('aria-label'),
            role: e.getAttribute('role'), scrolls: e.scrollWidth > e.clientWidth,
            outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth)};
}"""


def test_the_keyboard_reaches_the_switch_and_every_table_box_and_shows_where_it_is(page, mini_url):
    page.set_viewport_size({"width": 420, "height": 800})  # a phone: the session plan scrolls sideways
    page.goto(mini_url + "modules/m01/index.html")
    reached = []
    while len(reached) < 80 and reached.count(reached[0] if reached else None) < 2:  # once round the page
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED))
    reached = reached[:-1]
    switch = [r for r in reached if r["id"] == "cv-participant-view"]
    assert len(switch) == 1 and switch[0]["outline"] >= 2
    boxes = [r for r in reached if r["box"]]
    assert len(boxes) == page.locator("article table").count() == 2
    assert all(b["outline"] >= 2 and b["role"] == "region" for b in boxes)
    assert [b["label"] for b in boxes] == ["M01 · Kaizen basics", "Session plan"]
    assert boxes[1]["scrolls"]  # the wide one: reached, so it can be scrolled with the arrow keys
    page.keyboard.press("Shift+Tab")
    while not page.evaluate(FOCUSED)["box"]:
        page.keyboard.press("Shift+Tab")
    box = page.locator(".cv-scroll:focus")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    assert box.evaluate("e => e.scrollLeft") > 0
