"""The whole curriculum of one language as one JSON file, `curriculum.json` at the language root.

For programs rather than people: a partner's own tools, dashboards, a future converter. The
shape is the YAML's, with the derived values added (minutes, minutes by method, the modules
that build on each module, page addresses), and is documented in README.md ("Machine-readable
export"). Text fields are the authors' inline Markdown, as written. `format_version` goes up
when a field changes meaning or disappears; new fields may appear at any time.
"""

from __future__ import annotations

import json
from typing import Any

from generator import __version__
from generator.source import paths
from generator.source.load import Curriculum
from generator.source.memo import Memo

FORMAT = "curriculum-site/export"
FORMAT_VERSION = 1


def _url(page: str) -> str:
    """A docs page's address relative to the language root (`use_directory_urls` is off)."""
    return page[: -len(".md")] + ".html" if page.endswith(".md") else page


def export(cur: Curriculum, lang: str) -> dict[str, Any]:
    modules = cur.ordered_modules()
    programme = cur.programme.model.model_dump(mode="json", by_alias=True) if cur.programme else None
    if programme is not None:
        programme["minutes"] = sum(x.minutes for x in modules)
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"curriculum-site {__version__}",
        "language": lang,
        "languages": cur.languages,
        "programme": programme,
        "modules": [],
        "rubrics": [],
        "schedules": [],
    }
    successors: dict[str, list[str]] = {x.id: [] for x in modules}
    for x in modules:
        for pre in dict.fromkeys(x.prerequisites):
            if pre in successors:
                successors[pre].append(x.id)
    for module in modules:
        item = module.model_dump(mode="json", by_alias=True)
        item["minutes"] = module.minutes
        item["minutes_by_method"] = module.minutes_by_method()
        item["successors"] = successors[module.id]
        item["url"] = _url(paths.module_page(module.id))
        for session in item["sessions"]:
            session["url"] = f"{item['url']}#{paths.session_anchor(session['id'])}"
        data["modules"].append(item)
    for rubric_id, loaded in sorted(cur.rubrics.items()):
        item = loaded.model.model_dump(mode="json", by_alias=True)
        item["url"] = _url(paths.rubric_page(rubric_id))
        item["scoring_sheet_url"] = _url(paths.scoring_sheet_page(rubric_id))
        item["csv_url"] = paths.rubric_csv(rubric_id)
        data["rubrics"].append(item)
    for schedule_id, cohort in sorted(cur.schedules.items()):
        item = cohort.model.model_dump(mode="json", by_alias=True)
        item["days"] = sorted(item["days"], key=lambda d: d["date"])
        for day, source in zip(item["days"], sorted(cohort.model.days, key=lambda d: d.date), strict=True):
            day["sessions"] = [
                {**slot.model_dump(mode="json"), "minutes": slot.minutes}
                for slot in sorted(source.sessions, key=lambda s: s.start)
            ]
        item["url"] = _url(paths.schedule_page(schedule_id))
        item["ics_url"] = paths.schedule_ics(schedule_id)
        data["schedules"].append(item)
    return data


def to_json(cur: Curriculum, lang: str, memo: Memo | None = None) -> bytes:
    data = export(cur, lang)
    if memo is None:
        return _indented(data)
    # The compact form (C-encoded, four times faster than `indent`, which is encoded in Python) holds
    # exactly the data the indented file is written from: the key of a complete memo.
    key = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return memo.bytes_for("json", key, lambda: _indented(data))


def _indented(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
