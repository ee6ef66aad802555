"""The working documents of a programme: every page kind, picture and download, in every language."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from conftest import edit

from generator import model as m
from generator.render import render
from generator.render.pictures import phase_bars, phases_picture, prerequisite_graph
from generator.render.rubric_csv import rubric_csv
from generator.source.load import load

SVG = "{http://www.w3.org/2000/svg}"
PAGES = ("programme/index.html", "modules/m01/index.html", "modules/m02/index.html", "rubrics/delivery/index.html",
         "rubrics/delivery/sheet.html", "schedules/cohort-1/index.html", "tags/index.html", "handbook/index.html")
FILES = ("curriculum.json", "programme/prerequisites.svg", "rubrics/delivery/delivery.csv",
         "schedules/cohort-1/cohort-1.ics", "schedules/cohort-1/phases.svg")


def events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_every_page_kind_and_download_exists_in_every_language(mini_site: Path):
    for root in (mini_site, mini_site / "es"):
        for name in PAGES + FILES:
            assert (root / name).is_file(), root / name
        assert '<html lang="es"' in (mini_site / "es/handbook/index.html").read_text(encoding="utf-8")


def test_calendar_has_one_event_per_session_at_local_times(mini_site: Path):
    for root in (mini_site, mini_site / "es"):
        found = events(root / "schedules/cohort-1/cohort-1.ics")
        assert len(found) == 4
        tz = ZoneInfo("America/El_Salvador")
        starts = sorted(e.decoded("dtstart") for e in found)
        assert starts == [dt.datetime(2026, 2, 2, 8, 0, tzinfo=tz), dt.datetime(2026, 2, 2, 10, 0, tzinfo=tz),
                          dt.datetime(2026, 2, 3, 8, 0, tzinfo=tz), dt.datetime(2026, 2, 3, 10, 0, tzinfo=tz)]
        assert all(str(e.decoded("dtstart").tzinfo) == "America/El_Salvador" for e in found)
        first = min(found, key=lambda e: e.decoded("dtstart"))
        assert first.decoded("dtend") == dt.datetime(2026, 2, 2, 9, 30, tzinfo=tz)
        assert str(first["summary"]) == "M01 · The seven wastes"
        assert str(first["location"]) == "San Salvador"
        assert len({str(e["uid"]) for e in found}) == 4
        assert len({e.decoded("dtstamp") for e in found}) == 1
    calendar = (mini_site / "schedules/cohort-1/cohort-1.ics").read_bytes()
    assert b"BEGIN:VTIMEZONE\r\nTZID:America/El_Salvador" in calendar


def test_calendar_uids_are_the_same_in_every_language(mini_site: Path):
    uids = [sorted(str(e["uid"]) for e in events(root / "schedules/cohort-1/cohort-1.ics"))
            for root in (mini_site, mini_site / "es")]
    assert uids[0] == uids[1]
    assert uids[0][0] == "cohort-1-20260202-0800-m01-s1@mini"


def test_rubric_csv_has_a_row_per_criterion(mini_site: Path):
    raw = (mini_site / "rubrics/delivery/delivery.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Id", "Criterion", "Weight (%)", "1 Beginning", "2 Developing", "3 Competent", "4 Expert"]
    assert rows[1] == ["preparation", "Preparation and objectives", "40", "No plan.", "A plan without objectives.",
                       "A plan with objectives.", "A plan others reuse."]
    assert len(rows) == 3


def test_csv_cells_are_quoted_and_never_formulas():
    rubric = m.Rubric.model_validate({
        "id": "r", "title": "R", "kind": "rubric", "levels": [{"score": 1, "label": "=1+1"}],
        "criteria": [{"id": "c", "title": '=HYPERLINK("http://x")', "weight": 100,
                      "descriptors": {1: 'Says "yes", then\nno; -2 *emphasis*'}}],
        "pass": {"weighted_mean": 1.0, "minimum_level": 1},
    })
    rows = list(csv.reader(io.StringIO(rubric_csv(rubric, lambda s: s).decode("utf-8-sig"))))
    assert rows[1] == ["c", "'=HYPERLINK(\"http://x\")", "100", 'Says "yes", then no; -2 emphasis']


def test_export_holds_the_whole_curriculum_with_derived_values(mini_site: Path):
    data = json.loads((mini_site / "curriculum.json").read_text(encoding="utf-8"))
    assert data["format"] == "curriculum-site/export" and data["format_version"] == 1
    assert data["language"] == "en" and data["languages"] == ["en", "es", "fr", "vi"]
    assert data["programme"]["id"] == "mini" and data["programme"]["minutes"] == 360
    assert [x["id"] for x in data["modules"]] == ["m01", "m02"]
    m01 = data["modules"][0]
    assert m01["minutes"] == 210 and m01["minutes_by_method"] == {"lecture": 90, "field-practice": 120}
    assert m01["successors"] == ["m02"] and m01["url"] == "modules/m01/index.html"
    assert m01["sessions"][1]["url"] == "modules/m01/index.html#session-s2"
    rubric = data["rubrics"][0]
    assert rubric["pass"] == {"weighted_mean": 3.0, "minimum_level": 2}
    assert rubric["criteria"][0]["descriptors"]["1"] == "No plan."
    schedule = data["schedules"][0]
    assert schedule["ics_url"] == "schedules/cohort-1/cohort-1.ics"
    assert sum(len(d["sessions"]) for d in schedule["days"]) == 4
    assert schedule["days"][0]["sessions"][0] == {"start": "08:00", "end": "09:30", "module": "m01",
                                                   "session": "s1", "minutes": 90}
    assert schedule["phases"][0] == {"title": "Classroom block", "start": "2026-02-02", "end": "2026-02-03"}
    assert json.loads((mini_site / "es/curriculum.json").read_text(encoding="utf-8"))["language"] == "es"


def test_prerequisite_picture_has_a_box_per_module_and_an_arrow_per_prerequisite(mini_site: Path):
    for root in (mini_site, mini_site / "es"):
        svg = ET.parse(root / "programme/prerequisites.svg").getroot()
        boxes = svg.findall(f".//{SVG}g[@class='module']")
        assert [b.get("data-module") for b in boxes] == ["m01", "m02"]
        arrows = svg.findall(f".//{SVG}g[@class='arrows']/{SVG}path")
        assert [(a.get("data-from"), a.get("data-to")) for a in arrows] == [("m01", "m02")]


def test_phases_picture_draws_the_schedule_phases(mini_site: Path):
    svg = ET.parse(mini_site / "schedules/cohort-1/phases.svg").getroot()
    labels = ["".join(g.find(f"{SVG}text").itertext()) for g in svg.findall(f".//{SVG}g[@class='phase']")]
    assert labels == ["Classroom block", "OJT cycle"]
    assert len(svg.findall(f".//{SVG}g[@class='training-days']/{SVG}rect")) == 2


def _schedule(days: list[str]) -> m.Schedule:
    return m.Schedule.model_validate({
        "id": "s", "title": "S", "timezone": "UTC", "location": "L",
        "days": [{"date": d, "sessions": [{"start": "08:00", "end": "09:00", "module": f"m{i}", "session": "s1"}]}
                 for i, d in enumerate(days)],
    })


def test_without_phases_the_picture_shows_blocks_of_training_days():
    schedule = _schedule(["2026-02-02", "2026-02-03", "2026-02-05", "2026-03-02", "2026-03-03"])
    bars = phase_bars(schedule, str.upper, lambda s: s)
    assert [(b.title, b.start.isoformat(), b.end.isoformat()) for b in bars] == [
        ("Block 1: M0, M1, M2", "2026-02-02", "2026-02-05"), ("Block 2: M3, M4", "2026-03-02", "2026-03-03")]
    svg = ET.fromstring(phases_picture(schedule, bars, "en", lambda s: s))
    assert len(svg.findall(f".//{SVG}g[@class='phase']")) == 2
    ticks = ["".join(t.itertext()) for t in svg.findall(f".//{SVG}g[@class='axis']/{SVG}text")]
    assert ticks[:3] == ["2026", "Feb 2", "Feb 9"]


def test_pictures_escape_every_text():
    words = 'Costs < prices & "margins" ]]> \'>\''
    module = m.Module.model_validate({
        "id": "m01", "title": words + " <script>alert(1)</script>", "summary": "s", "level": "senior",
        "objectives": [], "prerequisites": [], "sessions": [], "assessment": [],
    })
    svg = prerequisite_graph([module], {"senior": words}, lambda s: s).decode("utf-8")
    root = ET.fromstring(svg)  # well-formed XML
    assert "<script" not in svg and "alert(1)" not in svg
    box = root.find(f".//{SVG}g[@class='module']")
    assert box.find(f"{SVG}title").text == f"M01 · {words} (Senior)".replace("(Senior)", f"({words})")
    legend = [t.text for t in root.findall(f".//{SVG}g[@class='legend']/{SVG}text")]
    assert legend[2] == words


def test_prerequisite_graph_keeps_long_arrows_off_the_boxes():
    def module(mid: str, pres: list[str]) -> m.Module:
        return m.Module.model_validate({"id": mid, "title": mid, "summary": "s", "level": "foundation",
                                        "objectives": [], "prerequisites": pres, "sessions": [], "assessment": []})

    modules = [module("a", []), module("b", ["a"]), module("c", ["b"]), module("d", ["a", "c"])]
    root = ET.fromstring(prerequisite_graph(modules, {}, lambda s: s))
    boxes = root.findall(f".//{SVG}g[@class='module']")
    rows = {g.get("data-module"): float(g.find(f"{SVG}rect").get("y")) for g in boxes}
    assert rows["a"] < rows["b"] < rows["c"] < rows["d"]
    long_arrow = next(p for p in root.findall(f".//{SVG}path[@data-from='a']") if p.get("data-to") == "d")
    assert long_arrow.get("d").count("C") == 3  # bends through rows b and c instead of crossing them


def test_every_format_escapes_yaml_text(mini: Path):
    hostile = 'Kaizen <script>alert(1)</script> & "x", y; z\\ {{ 7*7 }}'
    edit(mini / "curriculum/modules/m01.yaml", "title: The seven wastes", f"title: '{hostile}'")
    edit(mini / "curriculum/schedules/cohort-1.yaml", "location: San Salvador", f"location: '{hostile}'")
    edit(mini / "curriculum/rubrics/delivery.yaml", "title: Participation", f"title: '{hostile}'")
    cur, problems = load(mini)
    out = render(cur, "en")
    ET.fromstring(out.files["programme/prerequisites.svg"])
    ET.fromstring(out.files["schedules/cohort-1/phases.svg"])
    event = next(e for e in icalendar.Calendar.from_ical(out.files["schedules/cohort-1/cohort-1.ics"]).walk("VEVENT")
                 if "Kaizen" in str(e["summary"]))
    words = 'Kaizen & "x", y; z\\ {{ 7*7 }}'  # the script's content is dropped with its tags
    assert str(event["summary"]) == f"M01 · {words}"
    assert str(event["location"]) == words
    rows = list(csv.reader(io.StringIO(out.files["rubrics/delivery/delivery.csv"].decode("utf-8-sig"))))
    assert rows[2][1] == words
    data = json.loads(out.files["curriculum.json"])
    assert data["modules"][0]["sessions"][0]["title"] == hostile
    for name, text in out.pages.items():
        assert "<script>alert(1)" not in text, name
        assert "49" not in text.replace("2026", ""), name


@pytest.mark.parametrize("lang", ["en", "es"])
def test_session_rows_have_the_anchors_that_schedules_link_to(mini_site: Path, lang: str):
    root = mini_site if lang == "en" else mini_site / lang
    module = (root / "modules/m02/index.html").read_text(encoding="utf-8")
    assert 'id="session-s1"' in module and 'id="session-s2"' in module
    schedule = (root / "schedules/cohort-1/index.html").read_text(encoding="utf-8")
    assert 'href="../../modules/m02/index.html#session-s2"' in schedule
    assert 'id="day-2026-02-03"' in schedule and 'href="#day-2026-02-03"' in schedule


def test_pages_with_trainer_notes_offer_the_participant_view(mini: Path):
    walk = mini / "content/handouts/walk.md"
    walk.write_text(walk.read_text(encoding="utf-8") + '\n!!! trainer "Trainer notes"\n    Bring spare pens.\n',
                    encoding="utf-8")
    cur, problems = load(mini)
    out = render(cur, "en")
    switch = 'id="cv-participant-view"'
    assert out.pages["handouts/walk.md"].startswith("# Gemba walk checklist\n\n<p class=\"cv-participant-switch\">")
    assert switch in out.pages["modules/m01/index.md"] and switch in out.pages["handbook/index.md"]
    assert switch not in out.pages["modules/m02/index.md"] and switch not in out.pages["index.md"]
    assert out.pages["handbook/index.md"].count(switch) == 1


def test_every_link_and_picture_of_the_generated_pages_leads_somewhere(mini_site: Path):
    import re

    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    checked = 0
    for root in (mini_site, mini_site / "es"):
        for name in PAGES:
            page = root / name
            article = page.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
            for target in re.findall(r'\s(?:href|src)="([^"]+)"', article):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    continue
                path, _hash, fragment = target.partition("#")
                file = (page.parent / path).resolve() if path else page
                assert file.is_file(), f"{name}: {target}"
                if fragment and file.suffix == ".html":
                    assert fragment in anchors(file), f"{name}: {target}"
                checked += 1
    assert checked > 100


def test_a_regional_locale_writes_numbers_and_dates_as_that_region_does(mini: Path, tmp_path: Path):
    """es writes 1,5 h; es-SV, as El Salvador does, 1.5 h (shared/DOMAIN.md, section 6)."""
    from generator.build import build_project

    out = tmp_path / "site"
    assert build_project(mini, out).built
    assert "2,5 h" in (out / "es/modules/m02/index.html").read_text(encoding="utf-8")
    edit(mini / "curriculum/programme.yaml", "languages: [en, es, fr, vi]", "languages: [en, es, fr, vi]\nlocales: {es: es-SV}")
    assert build_project(mini, out).built
    spanish = (out / "es/modules/m02/index.html").read_text(encoding="utf-8")
    assert "2.5 h" in spanish and "2,5 h" not in spanish
    assert "2 de febrero de 2026" in (out / "es/schedules/cohort-1/index.html").read_text(encoding="utf-8")


def test_tags_show_the_names_the_programme_gives_them_in_each_language(mini: Path, tmp_path: Path):
    from generator.build import build_project

    edit(mini / "curriculum/programme.yaml", "outcomes:", "tags: {5s: 5S and visual order, quality: Quality}\noutcomes:")
    with (mini / "curriculum/programme.es.yaml").open("a", encoding="utf-8") as overlay:
        overlay.write("tags: {quality: Calidad}\n")
    out = tmp_path / "site"
    assert build_project(mini, out).built
    english = (out / "modules/m02/index.html").read_text(encoding="utf-8")
    assert ">5S and visual order</a>" in english and ">Quality</a>" in english
    spanish_tags = (out / "es/tags/index.html").read_text(encoding="utf-8")
    assert "Calidad" in spanish_tags and ">kaizen <small>" in spanish_tags  # a tag without a name keeps its id
    assert spanish_tags.index("5S and visual order") < spanish_tags.index("Calidad") < spanish_tags.index("kaizen")
