"""How fast is `curriculum check` on a large programme? (A benchmark script, not a test.)

Generates a synthetic, valid curriculum of N modules in a temporary folder (each module with
objectives, four sessions, a handout, a Markdown body with links, prerequisites and a rubric),
three rubrics and one schedule that schedules every session, then times the check stage.

    python benchmarks/check_speed.py            # 200 and 1,000 modules
    python benchmarks/check_speed.py 5000       # any sizes
    python benchmarks/check_speed.py --profile 1000

Goal: 1,000 modules in under 2 s, and time that grows linearly with the number of modules.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build import check_project  # noqa: E402

from synthetic import rubric_yaml  # noqa: E402  (the same rubric as `make bench`'s programmes)

SESSIONS = (("s1", 90, "lecture"), ("s2", 120, "workshop"), ("s3", 60, "case-study"), ("s4", 90, "assessment"))
SLOTS = (("08:00", "09:30"), ("10:00", "12:00"), ("13:00", "14:00"), ("14:30", "16:00"))
RUBRICS = ("delivery", "advisory", "portfolio")


def module_yaml(i: int) -> str:
    mid = f"m{i:04d}"
    prereqs = ", ".join(f"m{j:04d}" for j in (i - 1, i - 7) if j >= 1)
    sessions = "\n".join(
        f"  - id: {sid}\n    title: Session {sid} of module {i}\n    minutes: {minutes}\n    method: {method}\n"
        f"    summary: Participants practise step {sid} of the method in a real workshop.\n"
        f"    materials: [handouts/h{i:04d}.md]"
        for sid, minutes, method in SESSIONS)
    return (
        "# yaml-language-server: $schema=../../schemas/module.schema.json\n"
        f"id: {mid}\ntitle: Module number {i}\n"
        f"summary: A synthetic module that exercises every rule of the checker, number {i}.\n"
        "level: practitioner\n"
        "objectives:\n"
        f"  - {{id: {mid}.1, text: Explain the first idea of module {i}., outcomes: [O{i % 5 + 1}]}}\n"
        f"  - {{id: {mid}.2, text: Apply the second idea of module {i} in a company., outcomes: [O1, O2]}}\n"
        f"  - {{id: {mid}.3, text: Coach a facilitator through module {i}., outcomes: [O3]}}\n"
        f"prerequisites: [{prereqs}]\n"
        f"sessions:\n{sessions}\n"
        f"assessment: [{RUBRICS[i % len(RUBRICS)]}]\n"
        "tags: [synthetic, benchmark]\n"
    )


def schedule_yaml(n: int) -> str:
    first = dt.date(2026, 1, 5)
    lines = ["id: cohort-1", "title: Everything, once", "timezone: America/El_Salvador", "location: San Salvador",
             "phases:", f"  - {{title: All of it, start: {first}, end: {first + dt.timedelta(days=n - 1)}}}", "days:"]
    for i in range(1, n + 1):
        lines.append(f"  - date: {first + dt.timedelta(days=i - 1)}")
        lines.append("    sessions:")
        for (sid, _minutes, _method), (start, end) in zip(SESSIONS, SLOTS, strict=True):
            lines.append(f'      - {{start: "{start}", end: "{end}", module: m{i:04d}, session: {sid}}}')
    return "\n".join(lines) + "\n"


def generate(root: Path, n: int) -> None:
    (root / "curriculum" / "modules").mkdir(parents=True)
    (root / "curriculum" / "rubrics").mkdir()
    (root / "curriculum" / "schedules").mkdir()
    (root / "content" / "modules").mkdir(parents=True)
    (root / "content" / "handouts").mkdir()
    (root / "mkdocs.yml").write_text("site_name: Benchmark\ntheme:\n  name: material\n", encoding="utf-8")
    outcomes = "\n".join(f"  - {{id: O{k}, text: Outcome number {k}.}}" for k in range(1, 6))
    modules = ", ".join(f"m{i:04d}" for i in range(1, n + 1))
    (root / "curriculum" / "programme.yaml").write_text(
        f'id: bench\ntitle: Benchmark programme\nversion: "1"\nsummary: Synthetic.\nlanguages: [en, es]\n'
        f"outcomes:\n{outcomes}\nmodules: [{modules}]\n", encoding="utf-8")
    for rid in RUBRICS:
        (root / "curriculum" / "rubrics" / f"{rid}.yaml").write_text(rubric_yaml(rid), encoding="utf-8")
    (root / "curriculum" / "schedules" / "cohort-1.yaml").write_text(schedule_yaml(n), encoding="utf-8")
    (root / "content" / "index.md").write_text(
        "# Benchmark\n\nStart with [the first module](modules/m0001/index.md).\n", encoding="utf-8")
    for i in range(1, n + 1):
        (root / "curriculum" / "modules" / f"m{i:04d}.yaml").write_text(module_yaml(i), encoding="utf-8")
        (root / "content" / "handouts" / f"h{i:04d}.md").write_text(f"# Handout {i}\n\nFill in the table.\n",
                                                                   encoding="utf-8")
        previous = f"[the previous module](../modules/m{i - 1:04d}/index.md)" if i > 1 else "the programme"
        (root / "content" / "modules" / f"m{i:04d}.md").write_text(
            f"## Key points\n\nThis module follows {previous}. Use the [handout](../handouts/h{i:04d}.md).\n\n"
            "![A diagram](../handouts/h0001.md)\n", encoding="utf-8")


def time_check(n: int, repeat: int = 5, profile: bool = False) -> tuple[float, float]:
    """(wall, CPU) seconds: the best of `repeat` runs of the check stage on a synthetic project of `n` modules.

    The CPU time of the process is printed too, because on a shared machine the wall time also
    counts the time other processes hold the CPU.
    """
    with tempfile.TemporaryDirectory(prefix="curriculum-bench-") as tmp:
        root = Path(tmp)
        generate(root, n)
        best, best_cpu = float("inf"), float("inf")
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            _cur, _config, problems = check_project(root)
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - started_cpu)
        if problems:
            raise SystemExit("the synthetic project should be clean:\n" + "\n".join(p.text() for p in problems[:20]))
        if profile:
            profiler = cProfile.Profile()
            profiler.runcall(check_project, root)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return best, best_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 1000], help="numbers of modules")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one run of the largest size")
    args = parser.parse_args()
    results: dict[int, float] = {}
    cpus: dict[int, float] = {}
    for n in args.sizes:
        results[n], cpus[n] = time_check(n)
        print(f"{n:6,d} modules: {results[n]:6.3f} s  ({results[n] / n * 1000:.2f} ms per module; "
              f"CPU {cpus[n]:.3f} s)")
    if len(results) >= 2:
        small, large = min(results), max(results)
        print(f"{large:,} modules take {results[large] / results[small]:.1f}x the time of {small:,} "
              f"(CPU {cpus[large] / cpus[small]:.1f}x) for {large / small:.0f}x the modules")
    if 1000 in results:
        verdict = "meets" if results[1000] < 2 else "misses"
        print(f"1,000 modules in {results[1000]:.2f} s: {verdict} the goal of 2 s")
    if args.profile:
        time_check(max(args.sizes), repeat=1, profile=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
