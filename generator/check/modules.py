"""Rules about modules: their ids, prerequisites and cycles, assessment rubrics and materials."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.util import (
    content_target,
    duplicates,
    existing,
    hint,
    similar_path,
)
from generator.problems import Problem
from generator.source.load import Curriculum


def duplicate_ids(cur: Curriculum) -> Iterator[Problem]:
    """Objective and session ids are unique in their module; objective ids are best unique everywhere."""
    owner: dict[str, str] = {}
    for module_id, loaded in sorted(cur.modules.items()):
        doc = loaded.doc
        yield from duplicates(doc, loaded.model.objectives, "objectives", "objective")
        yield from duplicates(doc, loaded.model.sessions, "sessions", "session")
        for i, objective in enumerate(loaded.model.objectives):
            other = owner.setdefault(objective.id, module_id)
            if other != module_id:
                # Usually a module copied from another one with its objectives not renamed yet.
                yield doc.where(("objectives", i, "id")).warning(
                    "objective-id-reused", f"objective id '{objective.id}' is also used in module '{other}'; "
                    f"give this module's objectives their own ids, e.g. {module_id}.{i + 1}")


def _cycles(cur: Curriculum) -> Iterator[tuple[str, str, list[str]]]:
    """(module, prerequisite, cycle) for each prerequisite cycle, once, at the link that closes it."""
    graph = {k: [p for p in v.model.prerequisites if p in cur.modules and p != k] for k, v in cur.modules.items()}
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    reported: set[frozenset[str]] = set()
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        state[start] = 1
        while stack:  # depth first, without recursion: a long chain of modules must not overflow
            node, i = stack[-1]
            if i < len(graph[node]):
                stack[-1] = (node, i + 1)
                nxt = graph[node][i]
                if state.get(nxt) == 1:
                    cycle = path[path.index(nxt):]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        yield node, nxt, cycle
                elif not state.get(nxt):
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
                stack.pop()


def prerequisites(cur: Curriculum) -> Iterator[Problem]:
    """Prerequisites name existing modules, once, come earlier in the programme and form no cycle."""
    files = existing(cur, "module", cur.modules)
    order = {mid: i for i, mid in reversed(list(enumerate(cur.programme.model.modules)))} if cur.programme else {}
    in_cycle: set[tuple[str, str]] = set()
    cycles = list(_cycles(cur))
    for _node, _nxt, cycle in cycles:
        in_cycle |= {(a, b) for a in cycle for b in cycle}
    for module_id, loaded in sorted(cur.modules.items()):
        seen: set[str] = set()
        for i, pre in enumerate(loaded.model.prerequisites):
            where = loaded.doc.where(("prerequisites", i))
            if pre == module_id:
                yield where.error(
                    "self-prerequisite", f"module '{module_id}' lists itself as a prerequisite; remove it")
            elif pre in seen:
                yield where.error("duplicate-prerequisite", f"prerequisite '{pre}' is listed twice; keep one")
            elif pre not in files:
                yield where.error(
                    "unknown-prerequisite", f"prerequisite '{pre}' is not a module; {hint(pre, files, 'modules')}")
            elif pre in order and module_id in order and order[pre] > order[module_id] \
                    and (module_id, pre) not in in_cycle:
                yield where.warning(
                    "prerequisite-order", f"prerequisite '{pre}' comes after module '{module_id}' in the programme's "
                    f"order; move '{pre}' before '{module_id}' under 'modules:' in curriculum/programme.yaml")
            seen.add(pre)
    for node, nxt, cycle in cycles:
        loop = " -> ".join(cycle + [nxt])
        index = cur.modules[node].model.prerequisites.index(nxt)
        yield cur.modules[node].doc.where(("prerequisites", index)).error(
            "prerequisite-cycle", f"prerequisites form a cycle: {loop}; remove one of these links")


def assessment(cur: Curriculum) -> Iterator[Problem]:
    """Modules are assessed with rubrics that exist, not with selection matrices."""
    files = existing(cur, "rubric", cur.rubrics)
    for _module_id, loaded in sorted(cur.modules.items()):
        for i, rubric_id in enumerate(loaded.model.assessment):
            where = loaded.doc.where(("assessment", i))
            if rubric_id not in files:
                yield where.error(
                    "unknown-rubric", f"rubric '{rubric_id}' does not exist (no curriculum/rubrics/{rubric_id}.yaml); "
                    f"{hint(rubric_id, files, 'rubrics')}")
            elif rubric_id in cur.rubrics and cur.rubrics[rubric_id].model.kind == "selection":
                yield where.warning(
                    "selection-as-assessment", f"'{rubric_id}' is a selection matrix, which chooses candidates; "
                    "a module is assessed with a rubric of kind: rubric")


def materials(cur: Curriculum) -> Iterator[Problem]:
    """Materials are files under content/."""
    for _module_id, loaded in sorted(cur.modules.items()):
        for i, session in enumerate(loaded.model.sessions):
            for j, material in enumerate(session.materials):
                where = loaded.doc.where(("sessions", i, "materials", j))
                path, why = content_target("", material)
                if path is None:
                    fix = "write '/' between folders" if why == "backslash" else \
                        "give a path relative to content/, e.g. handouts/sheet.md"
                    yield where.error("material-outside", f"material '{material}' is not a path inside content/; {fix}")
                elif path not in cur.content_files:
                    close = similar_path(path, cur.content_files)
                    fix = f"did you mean '{close}'?" if close else "create it or fix the path"
                    yield where.error(
                        "missing-material", f"material '{material}' does not exist: no file content/{path}; {fix}")


RULES = [duplicate_ids, prerequisites, assessment, materials]
