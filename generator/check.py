"""Stage 2, check: the rules that span files (cross-references, sums, the schedule).

Shape problems come from `load`; here every rule looks at the validated model and points at the
exact value it concerns. Each rule is a small function that yields problems, so that a run
reports all of them and a new rule is one more function in `RULES`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path

from . import model as m
from .load import Curriculum
from .problems import Problem


def _programme_modules(cur: Curriculum) -> Iterator[Problem]:
    if cur.programme is None:
        return
    doc, prog = cur.programme.doc, cur.programme.model
    seen: dict[str, int] = {}
    for i, module_id in enumerate(prog.modules):
        if module_id in seen:
            yield doc.where(("modules", i)).error(
                "module-listed-twice", f"module '{module_id}' is listed twice (also item {seen[module_id] + 1}); "
                "keep one")
            continue
        seen[module_id] = i
        if module_id not in cur.modules and not (cur.root / "curriculum" / "modules" / f"{module_id}.yaml").exists():
            yield doc.where(("modules", i)).error(
                "unknown-module", f"module '{module_id}' has no file curriculum/modules/{module_id}.yaml; "
                "create it or remove it from the list")
    for module_id, loaded in sorted(cur.modules.items()):
        if module_id not in seen:
            yield loaded.doc.where(("id",)).error(
                "module-not-in-programme", f"module '{module_id}' is not listed under 'modules:' in "
                "curriculum/programme.yaml; add it where it belongs in the programme's order")


def _duplicate_ids(cur: Curriculum) -> Iterator[Problem]:
    def dupes(doc, items, field_path, what):  # type: ignore[no-untyped-def]
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                yield doc.where(field_path + (i, "id")).error(
                    f"duplicate-{what}", f"{what} id '{item.id}' is used twice (also item {seen[item.id] + 1}); "
                    "ids must be unique")
            else:
                seen[item.id] = i

    if cur.programme:
        yield from dupes(cur.programme.doc, cur.programme.model.outcomes, ("outcomes",), "outcome")
    for loaded in cur.modules.values():
        yield from dupes(loaded.doc, loaded.model.objectives, ("objectives",), "objective")
        yield from dupes(loaded.doc, loaded.model.sessions, ("sessions",), "session")
    for loaded in cur.rubrics.values():
        yield from dupes(loaded.doc, loaded.model.criteria, ("criteria",), "criterion")
        yield from dupes(loaded.doc, loaded.model.eligibility, ("eligibility",), "eligibility")


def _prerequisites(cur: Curriculum) -> Iterator[Problem]:
    for module_id, loaded in sorted(cur.modules.items()):
        for i, pre in enumerate(loaded.model.prerequisites):
            if pre == module_id:
                yield loaded.doc.where(("prerequisites", i)).error(
                    "self-prerequisite", f"module '{module_id}' lists itself as a prerequisite; remove it")
            elif pre not in cur.modules:
                yield loaded.doc.where(("prerequisites", i)).error(
                    "unknown-prerequisite", f"prerequisite '{pre}' is not a module; "
                    f"known modules: {', '.join(sorted(cur.modules)) or 'none'}")
    yield from _cycles(cur)


def _cycles(cur: Curriculum) -> Iterator[Problem]:
    """Each prerequisite cycle once, named in full, reported at the edge that closes it."""
    graph = {k: [p for p in v.model.prerequisites if p in cur.modules and p != k] for k, v in cur.modules.items()}
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    reported: set[frozenset[str]] = set()
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        state[start] = 1
        while stack:
            node, i = stack[-1]
            if i < len(graph[node]):
                stack[-1] = (node, i + 1)
                nxt = graph[node][i]
                if state.get(nxt) == 1:
                    cycle = path[path.index(nxt):]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        loop = " -> ".join(cycle + [nxt])
                        index = cur.modules[node].model.prerequisites.index(nxt)
                        yield cur.modules[node].doc.where(("prerequisites", index)).error(
                            "prerequisite-cycle", f"prerequisites form a cycle: {loop}; remove one of these links")
                elif not state.get(nxt):
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
                stack.pop()


def _outcomes(cur: Curriculum) -> Iterator[Problem]:
    if cur.programme is None:
        return
    known = {o.id for o in cur.programme.model.outcomes}
    served: set[str] = set()
    for module_id, loaded in sorted(cur.modules.items()):
        for i, objective in enumerate(loaded.model.objectives):
            for j, outcome in enumerate(objective.outcomes):
                served.add(outcome)
                if outcome not in known:
                    yield loaded.doc.where(("objectives", i, "outcomes", j)).error(
                        "unknown-outcome", f"outcome '{outcome}' is not a programme outcome; "
                        f"known outcomes: {', '.join(sorted(known)) or 'none'}")
    for i, outcome in enumerate(cur.programme.model.outcomes):
        if outcome.id not in served:
            yield cur.programme.doc.where(("outcomes", i, "id")).warning(
                "outcome-not-served", f"no module objective serves outcome '{outcome.id}'; "
                "map an objective to it or remove it")


def _assessment(cur: Curriculum) -> Iterator[Problem]:
    for module_id, loaded in sorted(cur.modules.items()):
        for i, rubric in enumerate(loaded.model.assessment):
            if rubric not in cur.rubrics:
                yield loaded.doc.where(("assessment", i)).error(
                    "unknown-rubric", f"rubric '{rubric}' does not exist; "
                    f"known rubrics: {', '.join(sorted(cur.rubrics)) or 'none'}")
    if cur.programme and cur.programme.model.certification:
        for i, rubric in enumerate(cur.programme.model.certification.rubrics):
            if rubric not in cur.rubrics:
                yield cur.programme.doc.where(("certification", "rubrics", i)).error(
                    "unknown-rubric", f"rubric '{rubric}' does not exist; "
                    f"known rubrics: {', '.join(sorted(cur.rubrics)) or 'none'}")


def _rubrics(cur: Curriculum) -> Iterator[Problem]:
    for rubric_id, loaded in sorted(cur.rubrics.items()):
        doc, rubric = loaded.doc, loaded.model
        scores = [lv.score for lv in rubric.levels]
        for i in range(1, len(scores)):
            if scores[i] == scores[i - 1] or scores[i] in scores[:i]:
                yield doc.where(("levels", i, "score")).error(
                    "duplicate-level", f"level score {scores[i]} is used twice; each level needs its own score")
            elif scores[i] < scores[i - 1]:
                yield doc.where(("levels", i, "score")).error(
                    "unordered-levels", f"level scores must go up: {scores[i]} comes after {scores[i - 1]}")
        total = sum(c.weight for c in rubric.criteria)
        if total != 100:
            yield doc.where(("criteria",), key=True).error(
                "weights-not-100", f"the criteria's weights add up to {total}, not 100; adjust them")
        for i, criterion in enumerate(rubric.criteria):
            missing = [s for s in scores if s not in criterion.descriptors]
            extra = [s for s in criterion.descriptors if s not in scores]
            if missing:
                yield doc.where(("criteria", i, "descriptors"), key=True).error(
                    "missing-descriptor", f"criterion '{criterion.id}' has no descriptor for level "
                    f"{', '.join(map(str, missing))}; describe what each level looks like")
            for s in extra:
                yield doc.where(("criteria", i, "descriptors", str(s)), key=True).error(
                    "unknown-level", f"criterion '{criterion.id}' describes level {s}, which is not a level "
                    f"of this rubric ({', '.join(map(str, scores))})")
        low, high = min(scores), max(scores)
        if not low <= rubric.pass_.weighted_mean <= high:
            yield doc.where(("pass", "weighted_mean")).error(
                "pass-out-of-range", f"the pass mean {rubric.pass_.weighted_mean} is outside the levels {low}-{high}")
        if rubric.pass_.minimum_level not in scores:
            yield doc.where(("pass", "minimum_level")).error(
                "pass-out-of-range", f"the minimum level {rubric.pass_.minimum_level} is not one of the levels "
                f"({', '.join(map(str, scores))})")


def _schedules(cur: Curriculum) -> Iterator[Problem]:
    for schedule_id, loaded in sorted(cur.schedules.items()):
        doc, schedule = loaded.doc, loaded.model
        scheduled: set[tuple[str, str]] = set()
        for d, day in enumerate(schedule.days):
            spans: list[tuple[int, int, int]] = []
            for s, slot in enumerate(day.sessions):
                loc = ("days", d, "sessions", s)
                start, end = m.to_minutes(slot.start), m.to_minutes(slot.end)
                if end <= start:
                    yield doc.where(loc + ("end",)).error(
                        "slot-ends-before-start", f"the slot ends at {slot.end}, not after its start {slot.start}")
                    continue
                for other_start, other_end, t in spans:
                    if start < other_end and other_start < end:
                        yield doc.where(loc + ("start",)).error(
                            "slot-overlap", f"{slot.start}-{slot.end} overlaps the slot {day.sessions[t].start}-"
                            f"{day.sessions[t].end} on {day.date.isoformat()}")
                        break
                spans.append((start, end, s))
                module = cur.modules.get(slot.module)
                if module is None:
                    yield doc.where(loc + ("module",)).error(
                        "unknown-module", f"module '{slot.module}' does not exist")
                    continue
                session = next((x for x in module.model.sessions if x.id == slot.session), None)
                if session is None:
                    yield doc.where(loc + ("session",)).error(
                        "unknown-session", f"module '{slot.module}' has no session '{slot.session}'; "
                        f"its sessions: {', '.join(x.id for x in module.model.sessions)}")
                    continue
                scheduled.add((slot.module, slot.session))
                if end - start != session.minutes:
                    yield doc.where(loc + ("end",)).error(
                        "slot-length", f"{slot.start}-{slot.end} is {end - start} minutes, but session "
                        f"{slot.module}/{slot.session} takes {session.minutes}; fix the times or the minutes")
        if cur.programme:
            missing = [(mid, s.id) for mid in cur.programme.model.modules if mid in cur.modules
                       for s in cur.modules[mid].model.sessions if (mid, s.id) not in scheduled]
            if missing:
                shown = ", ".join(f"{a}/{b}" for a, b in missing[:8]) + (" ..." if len(missing) > 8 else "")
                yield doc.where(("days",), key=True).warning(
                    "session-not-scheduled", f"{len(missing)} session(s) are never scheduled: {shown}")


def _materials(cur: Curriculum) -> Iterator[Problem]:
    content = (cur.root / "content").resolve()
    for module_id, loaded in sorted(cur.modules.items()):
        for i, session in enumerate(loaded.model.sessions):
            for j, material in enumerate(session.materials):
                where = loaded.doc.where(("sessions", i, "materials", j))
                normal = posixpath.normpath(material)
                if material.startswith("/") or normal.startswith("..") or "://" in material:
                    yield where.error("material-outside", f"material '{material}' is not a path inside content/; "
                                      "give a path relative to content/, e.g. handouts/sheet.md")
                    continue
                target = (cur.root / "content" / normal)
                if not target.is_file():
                    yield where.error("missing-material", f"material '{material}' does not exist: "
                                      f"no file content/{normal}")
                elif not _within(target, content):
                    yield where.error("material-outside", f"material '{material}' leads outside content/")


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
        return True
    except ValueError:
        return False


RULES: list[Callable[[Curriculum], Iterator[Problem]]] = [
    _programme_modules,
    _duplicate_ids,
    _prerequisites,
    _outcomes,
    _assessment,
    _rubrics,
    _schedules,
    _materials,
]


def check(cur: Curriculum) -> list[Problem]:
    """Every cross-file problem of the curriculum."""
    return [problem for rule in RULES for problem in rule(cur)]
