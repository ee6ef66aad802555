"""A synthetic curriculum that follows the contract, of any size, in 1 to 4 languages.

Each module has about 300 words of body, 4 sessions, 3 objectives, a prerequisite and a rubric;
one schedule uses every session of every module. Every other language has an overlay for each
module (title, summary, objectives, sessions), a translated body, and translated programme, rubric
and schedule overlays, so that the site has as many pages in every language.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.i18n.translate import digest

LANGUAGES = ["en", "es", "fr", "vi"]
SESSIONS = (("s1", 90, "lecture"), ("s2", 120, "workshop"), ("s3", 60, "case-study"), ("s4", 90, "assessment"))
SLOTS = (("08:00", "09:30"), ("10:00", "12:00"), ("13:00", "14:00"), ("14:30", "16:00"))
RUBRICS = ("delivery", "advisory", "portfolio")
PARAGRAPH = {
    "en": "A facilitator walks the shop floor with the owner before the session, notes where materials wait "
          "and where people search for tools, and brings three photographs back to the group to discuss.",
    "es": "Un facilitador recorre el taller con la dueña antes de la sesión, anota dónde esperan los materiales "
          "y dónde se buscan herramientas, y trae tres fotografías al grupo para conversar.",
    "fr": "Un facilitateur parcourt l'atelier avec la gérante avant la séance, note où attendent les matières "
          "et où l'on cherche les outils, et rapporte trois photographies au groupe pour en discuter.",
    "vi": "Người hướng dẫn đi xem xưởng cùng chủ trước buổi học, ghi lại nơi vật liệu chờ và nơi mọi người "
          "tìm dụng cụ, rồi mang ba bức ảnh về cho nhóm thảo luận.",
}
WORD = {"en": "Module", "es": "Módulo", "fr": "Module", "vi": "Học phần"}


def module_id(i: int) -> str:
    return f"m{i:04d}"


def module_yaml(i: int) -> str:
    mid = module_id(i)
    prereqs = ", ".join(module_id(j) for j in (i - 1,) if j >= 1)
    sessions = "\n".join(
        f"  - {{id: {sid}, title: Session {sid} of module {i}, minutes: {minutes}, method: {method}}}"
        for sid, minutes, method in SESSIONS)
    return (
        f"id: {mid}\ntitle: Module {i} on waste and flow\n"
        f"summary: How a small enterprise sees and removes waste, part {i}.\n"
        "level: practitioner\nobjectives:\n"
        f"  - {{id: {mid}.1, text: Explain waste number {i}., outcomes: [O{i % 5 + 1}]}}\n"
        f"  - {{id: {mid}.2, text: Apply the idea of module {i} in a company., outcomes: [O1, O2]}}\n"
        f"  - {{id: {mid}.3, text: Coach a facilitator through module {i}., outcomes: [O3]}}\n"
        f"prerequisites: [{prereqs}]\nsessions:\n{sessions}\n"
        f"assessment: [{RUBRICS[i % len(RUBRICS)]}]\ntags: [topic-{i % 10}, benchmark]\n")


def module_overlay(i: int, lang: str) -> str:
    mid = module_id(i)
    sessions = "\n".join(f"  - {{id: {sid}, title: {WORD[lang]} {i} / {sid}}}" for sid, _m, _k in SESSIONS)
    return (f'source_hash: ""\ntitle: {WORD[lang]} {i}\nsummary: {WORD[lang]} {i}.\nobjectives:\n'
            + "".join(f"  - {{id: {mid}.{k}, text: {WORD[lang]} {i} objetivo {k}.}}\n" for k in (1, 2, 3))
            + f"sessions:\n{sessions}\n")


def body(i: int, lang: str) -> str:
    """About 300 words in four parts, with a link to the previous module."""
    link = f"[{WORD[lang]} {i - 1}](../modules/{module_id(i - 1)}/index.md)" if i > 1 else WORD[lang]
    return "".join(f"## {WORD[lang]} {i}.{p}\n\n{PARAGRAPH[lang]} {PARAGRAPH[lang]} {link}.\n\n"
                   f"- {PARAGRAPH[lang][:60]}\n- {PARAGRAPH[lang][60:120]}\n\n" for p in range(1, 5))


def rubric_yaml(rid: str) -> str:
    criteria = "\n".join(
        f"  - id: c{c}\n    title: Criterion {c}\n    weight: {w}\n"
        f"    descriptors: {{1: Not yet., 2: Partly., 3: As expected., 4: Beyond expectations.}}"
        for c, w in enumerate((20, 30, 25, 25), 1))
    return (f"id: {rid}\ntitle: Rubric {rid}\nkind: rubric\nlevels:\n"
            "  - {score: 1, label: Beginning}\n  - {score: 2, label: Developing}\n"
            "  - {score: 3, label: Competent}\n  - {score: 4, label: Expert}\n"
            f"criteria:\n{criteria}\npass: {{weighted_mean: 3.0, minimum_level: 2}}\n")


def schedule_yaml(n: int) -> str:
    first = dt.date(2026, 1, 5)
    lines = ["id: cohort-1", "title: Everything, once", "timezone: America/El_Salvador", "location: San Salvador",
             "days:"]
    for i in range(1, n + 1):
        lines += [f"  - date: {first + dt.timedelta(days=i - 1)}", "    sessions:"]
        for (sid, _minutes, _method), (start, end) in zip(SESSIONS, SLOTS, strict=True):
            lines.append(f'      - {{start: "{start}", end: "{end}", module: {module_id(i)}, session: {sid}}}')
    return "\n".join(lines) + "\n"


def generate(root: Path, n: int, languages: list[str]) -> Path:
    """Write a project of `n` modules in `languages` (the first is the default) into `root`."""
    for folder in ("curriculum/modules", "curriculum/rubrics", "curriculum/schedules", "content/modules"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: Benchmark\ntheme:\n  name: material\n", encoding="utf-8")
    outcomes = "\n".join(f"  - {{id: O{k}, text: Outcome number {k}.}}" for k in range(1, 6))
    modules = ", ".join(module_id(i) for i in range(1, n + 1))
    (root / "curriculum/programme.yaml").write_text(
        f'id: bench\ntitle: Benchmark programme\nversion: "1"\nsummary: Synthetic, {n} modules.\n'
        f"languages: [{', '.join(languages)}]\noutcomes:\n{outcomes}\nmodules: [{modules}]\n", encoding="utf-8")
    for rid in RUBRICS:
        (root / f"curriculum/rubrics/{rid}.yaml").write_text(rubric_yaml(rid), encoding="utf-8")
    (root / "curriculum/schedules/cohort-1.yaml").write_text(schedule_yaml(n), encoding="utf-8")
    (root / "content/index.md").write_text(
        "# Benchmark\n\nStart with [the first module](modules/m0001/index.md).\n", encoding="utf-8")
    for lang in languages[1:]:
        (root / f"curriculum/programme.{lang}.yaml").write_text(
            f'source_hash: ""\ntitle: {WORD[lang]}s\nsummary: {WORD[lang]}s.\n', encoding="utf-8")
        (root / f"content/index.{lang}.md").write_text(
            f'---\nsource_hash: "{digest((root / "content/index.md").read_text(encoding="utf-8"))}"\n---\n\n'
            f"# {WORD[lang]}s\n\n[{WORD[lang]} 1](modules/m0001/index.md).\n", encoding="utf-8")
        for rid in RUBRICS:
            (root / f"curriculum/rubrics/{rid}.{lang}.yaml").write_text(
                f'source_hash: ""\ntitle: {WORD[lang]} {rid}\n', encoding="utf-8")
        (root / f"curriculum/schedules/cohort-1.{lang}.yaml").write_text(
            f'source_hash: ""\ntitle: {WORD[lang]} cohort\n', encoding="utf-8")
    for i in range(1, n + 1):
        mid = module_id(i)
        (root / f"curriculum/modules/{mid}.yaml").write_text(module_yaml(i), encoding="utf-8")
        source = body(i, "en")
        (root / f"content/modules/{mid}.md").write_text(source, encoding="utf-8")
        for lang in languages[1:]:
            (root / f"curriculum/modules/{mid}.{lang}.yaml").write_text(module_overlay(i, lang), encoding="utf-8")
            (root / f"content/modules/{mid}.{lang}.md").write_text(
                f'---\nsource_hash: "{digest(source)}"\n---\n\n{body(i, lang)}', encoding="utf-8")
    if languages[1:]:
        mark_translations(root)
    return root


def mark_translations(root: Path) -> None:
    """Record every translation as made from its source as it is now, unit by unit (what
    `curriculum i18n mark` writes), so that the project checks clean."""
    from generator.i18n.files import parse
    from generator.i18n.record import mark
    from generator.source.load import load

    cur, _problems = load(root)
    for path in sorted(p for d in ("content", "curriculum") for p in (root / d).rglob("*") if p.is_file()):
        translation = parse(path.relative_to(root).as_posix())
        if translation is not None:
            text, _note = mark(cur, translation)
            path.write_text(text, encoding="utf-8")
