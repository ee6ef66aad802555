"""Every label of the generated pages and files goes through gettext, so every language can translate it.

The site is rendered with a marking translator in Japanese (dates and numbers then hold no Latin
letters). Once the marked labels, the authors' own text and the markup are taken away, no word
may be left: a word left over is a label that no translator could ever reach.
"""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import icalendar
import pytest

import generator.render.renderer as render_module
from generator.render import render
from generator.source.load import load

MARKED = re.compile(r"⟪[^⟫]*⟫")
MARKUP = re.compile(r"\]\([^)\s]*\)|\{[^{}\n]*\}|<[^>\n]+>|&#?\w+;")
WORD = re.compile(r"[A-Za-z]{2,}")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture
def marked(mini: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(render_module, "translator", lambda lang, root=None: lambda message: f"⟪{message}⟫")
    cur, problems = load(mini)
    assert not problems
    authored: list[str] = []
    for loaded in [cur.programme, *cur.modules.values(), *cur.rubrics.values(), *cur.schedules.values()]:
        authored += _strings(loaded.model.model_dump(mode="json", by_alias=True))
    ids = [x for x in authored if re.fullmatch(r"[A-Za-z0-9._-]+", x)]
    authored += [x.upper() for x in ids]
    for page in cur.pages.values():
        authored += [" ".join(MARKUP.sub(" ", line).split()) for line in page.body.splitlines() if line.strip()]
        authored += [line.lstrip("# ") for line in page.body.splitlines() if line.startswith("# ")]
    authored += [html.escape(x, quote=False) for x in authored]
    alternatives = "|".join(re.escape(x) for x in sorted(set(authored), key=len, reverse=True) if x)
    authored_text = re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")

    def leftover(text: str) -> list[str]:
        text = " ".join(MARKUP.sub(" ", MARKED.sub(" ", text)).split())
        return WORD.findall(authored_text.sub(" ", text))

    return render(cur, "ja"), cur, leftover


def test_generated_pages_have_no_untranslatable_words(marked):
    out, cur, leftover = marked
    generated = [name for name, source in out.sources.items() if not source.startswith("content/")]
    generated += [name for name in out.pages if name not in out.sources]
    assert {"programme/index.md", "modules/m01/index.md", "rubrics/delivery/index.md", "rubrics/delivery/sheet.md",
            "schedules/cohort-1/index.md", "tags/index.md", "handbook/index.md"} <= set(generated)
    for name in generated:
        assert leftover(out.pages[name]) == [], name
    nav = [item.title for item in out.nav]
    assert all(MARKED.fullmatch(t) or t in {loaded.model.title for loaded in cur.schedules.values()}
               or leftover(t) == [] for t in nav)


def test_pictures_calendars_and_tables_have_no_untranslatable_words(marked):
    out, _cur, leftover = marked
    for name in ("programme/prerequisites.svg", "schedules/cohort-1/phases.svg"):
        root = ET.fromstring(out.files[name])
        words = " | ".join(" ".join(el.itertext()) for el in root.iter()
                           if el.tag.split("}")[1] in ("text", "title", "desc"))
        assert leftover(words) == [], name
    calendar = icalendar.Calendar.from_ical(out.files["schedules/cohort-1/cohort-1.ics"])
    for event in calendar.walk("VEVENT"):
        assert leftover(str(event["summary"]) + " " + str(event["description"])) == []
    header = next(csv.reader(io.StringIO(out.files["rubrics/delivery/delivery.csv"].decode("utf-8-sig"))))
    assert leftover(" | ".join(header)) == []


def test_the_check_finds_a_label_that_bypasses_gettext(marked):
    _out, _cur, leftover = marked
    assert leftover("| ⟪Time⟫ | Minutes | Gemba walk at a bakery |") == ["Minutes"]


def test_each_language_build_prints_its_own_labels(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from generator.build import build_project

    spanish = {"Session plan": "Plan de sesiones", "Agenda": "Agenda diaria", "Criteria": "Criterios",
               "Scores": "Puntajes", "Outcomes by module": "Resultados por módulo", "Contents": "Contenido",
               "Modules by topic": "Módulos por tema", "Training days": "Días de formación",
               "Criterion": "Criterio", "Printable handbook": "Manual para imprimir"}
    monkeypatch.setattr(render_module, "translator",
                        lambda lang, root=None: (lambda s: spanish.get(s, s)) if lang == "es" else (lambda s: s))
    out = tmp_path / "site"
    assert build_project(mini, out).built
    expected = {"modules/m01/index.html": "Plan de sesiones", "schedules/cohort-1/index.html": "Agenda diaria",
                "rubrics/delivery/index.html": "Criterios", "rubrics/delivery/sheet.html": "Puntajes",
                "programme/index.html": "Resultados por módulo", "handbook/index.html": "Contenido",
                "tags/index.html": "Módulos por tema"}
    for page, label in expected.items():
        assert label in (out / "es" / page).read_text(encoding="utf-8"), page
        assert label not in (out / page).read_text(encoding="utf-8"), page
    assert "Días de formación" in (out / "es/schedules/cohort-1/phases.svg").read_text(encoding="utf-8")
    assert "Criterio" in (out / "es/rubrics/delivery/delivery.csv").read_text(encoding="utf-8-sig")
    assert "Manual para imprimir" in (out / "es/index.html").read_text(encoding="utf-8")
