"""Build time for 1 vs 4 languages, on the mini fixture and on a synthetic 200-module curriculum.

    .venv/bin/python benchmarks/build_languages.py [--repeat N] [--modules N]

Each case is built N times into a fresh folder (the best time is kept, to leave out a cold
disk cache) and reported as wall time, with the time spent checking, rendering and in MkDocs.
Languages are built by MkDocs in parallel processes, so the 4-language figure depends on cores.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build import build_project  # noqa: E402

MINI = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "mini"
METHODS = ["lecture", "workshop", "case-study", "role-play", "field-practice"]
PARAGRAPH = ("A facilitator walks the shop floor with the owner before the session, notes where materials "
             "wait and where people search for tools, and brings three photographs back to the group. ")


def synthetic(root: Path, modules: int, languages: list[str]) -> None:
    """A valid project with `modules` modules, bodies, a rubric, and Spanish overlays for half."""
    (root / "curriculum/modules").mkdir(parents=True)
    (root / "curriculum/rubrics").mkdir()
    (root / "content/modules").mkdir(parents=True)
    ids = [f"m{i:03d}" for i in range(1, modules + 1)]
    (root / "mkdocs.yml").write_text("site_name: Synthetic programme\ntheme:\n  name: material\n", encoding="utf-8")
    (root / "curriculum/programme.yaml").write_text(
        f"id: synthetic\ntitle: Synthetic programme\nversion: \"2026.1\"\nsummary: {modules} modules.\n"
        f"languages: [{', '.join(languages)}]\noutcomes:\n  - {{id: O1, text: Graduates can improve a workshop.}}\n"
        f"modules: [{', '.join(ids)}]\n", encoding="utf-8")
    (root / "curriculum/rubrics/delivery.yaml").write_text(
        "id: delivery\ntitle: Delivery\nkind: rubric\nlevels:\n  - {score: 1, label: Beginning}\n"
        "  - {score: 2, label: Competent}\ncriteria:\n  - id: plan\n    title: Plan\n    weight: 100\n"
        "    descriptors: {1: No plan., 2: A plan.}\npass: {weighted_mean: 1.5, minimum_level: 1}\n", encoding="utf-8")
    for n, module_id in enumerate(ids):
        sessions = "".join(
            f"  - {{id: s{s}, title: Session {s} of module {n + 1}, minutes: {60 + 30 * (s % 3)}, "
            f"method: {METHODS[(n + s) % len(METHODS)]}, summary: Participants practise step {s} in a real shop.}}\n"
            for s in range(1, 5))
        prerequisites = f"[{ids[n - 1]}]" if n else "[]"
        (root / f"curriculum/modules/{module_id}.yaml").write_text(
            f"id: {module_id}\ntitle: Module {n + 1} on waste and flow\nsummary: How a small enterprise sees and "
            f"removes waste, part {n + 1}.\nlevel: foundation\nobjectives:\n"
            f"  - {{id: {module_id}.1, text: Explain waste number {n + 1}., outcomes: [O1]}}\n"
            f"  - {{id: {module_id}.2, text: Coach an owner through it., outcomes: [O1]}}\n"
            f"prerequisites: {prerequisites}\nsessions:\n{sessions}assessment: [delivery]\n", encoding="utf-8")
        body = "".join(f"## Part {p}\n\n{PARAGRAPH * 4}\n\n" for p in range(1, 5))
        (root / f"content/modules/{module_id}.md").write_text(body, encoding="utf-8")
        if "es" in languages and n % 2 == 0:
            (root / f"curriculum/modules/{module_id}.es.yaml").write_text(
                f"source_hash: \"\"\ntitle: Módulo {n + 1} sobre desperdicio y flujo\n"
                f"objectives:\n  - {{id: {module_id}.1, text: Explicar el desperdicio número {n + 1}.}}\n",
                encoding="utf-8")
    (root / "content/index.md").write_text("# Synthetic programme\n\nWelcome.\n", encoding="utf-8")


def with_languages(project: Path, languages: list[str], target: Path) -> Path:
    shutil.copytree(project, target)
    programme = target / "curriculum/programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(re.sub(r"^languages: .*$", f"languages: [{', '.join(languages)}]", text, flags=re.M),
                         encoding="utf-8")
    return target


def measure(project: Path, repeat: int) -> dict[str, float]:
    best: dict[str, float] | None = None
    for i in range(repeat):
        out = project.parent / f"site-{i}"
        started = time.perf_counter()
        outcome = build_project(project, out)
        wall = time.perf_counter() - started
        if not outcome.built:
            raise SystemExit(f"build of {project} failed: {[p.text() for p in outcome.problems][:5]}")
        figures = {"wall": wall, **outcome.seconds}
        if best is None or wall < best["wall"]:
            best = figures
        shutil.rmtree(out)
    assert best is not None
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--modules", type=int, default=200)
    args = parser.parse_args()
    four = ["en", "es", "fr", "vi"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-languages-") as tmp:
        work = Path(tmp)
        synthetic(work / "synthetic-src", args.modules, four)
        for name, source in (("mini", MINI), (f"synthetic ({args.modules} modules)", work / "synthetic-src")):
            for languages in (["en"], four):
                case = work / f"{name.split()[0]}-{len(languages)}"
                case.mkdir()
                project = with_languages(source, languages, case / "project")
                figures = measure(project, args.repeat)
                rows.append((name, len(languages), figures))
                print(f"{name:<26} {len(languages)} language(s): {figures['wall']:6.2f} s  "
                      f"(check {figures['check']:.2f}, render {figures['render']:.2f}, mkdocs {figures['mkdocs']:.2f})",
                      flush=True)
    print(f"\n{os.cpu_count()} cores; best of {args.repeat}; Python {sys.version.split()[0]}")
    print("\n| project | languages | wall s | check s | render s | mkdocs s |\n|---|--:|--:|--:|--:|--:|")
    for name, count, f in rows:
        print(f"| {name} | {count} | {f['wall']:.2f} | {f['check']:.2f} | {f['render']:.2f} | {f['mkdocs']:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
