"""Rules about rubrics and selection matrices: ids, levels, weights, descriptors, the pass rule."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.util import duplicates
from generator.problems import Problem
from generator.source.load import Curriculum


def rubric_ids(cur: Curriculum) -> Iterator[Problem]:
    for _rubric_id, loaded in sorted(cur.rubrics.items()):
        yield from duplicates(loaded.doc, loaded.model.criteria, "criteria", "criterion")
        yield from duplicates(loaded.doc, loaded.model.eligibility, "eligibility", "eligibility filter")


def levels(cur: Curriculum) -> Iterator[Problem]:
    """Each level has its own score, and scores go up."""
    for _rubric_id, loaded in sorted(cur.rubrics.items()):
        doc, scores = loaded.doc, [lv.score for lv in loaded.model.levels]
        for i in range(1, len(scores)):
            if scores[i] in scores[:i]:
                yield doc.where(("levels", i, "score")).error(
                    "duplicate-level", f"level score {scores[i]} is used twice; give each level its own score")
            elif scores[i] < scores[i - 1]:
                yield doc.where(("levels", i, "score")).error(
                    "unordered-levels", f"level scores must go up from the first level to the last: {scores[i]} "
                    f"comes after {scores[i - 1]}; list the levels lowest first")


def weights(cur: Curriculum) -> Iterator[Problem]:
    for _rubric_id, loaded in sorted(cur.rubrics.items()):
        total = sum(c.weight for c in loaded.model.criteria)
        if total != 100:
            shown = " + ".join(str(c.weight) for c in loaded.model.criteria)
            yield loaded.doc.where(("criteria",), key=True).error(
                "weights-not-100", f"the criteria's weights add up to {total} ({shown}), not 100; adjust them")


def descriptors(cur: Curriculum) -> Iterator[Problem]:
    """Every criterion describes every level, and only the rubric's levels."""
    for _rubric_id, loaded in sorted(cur.rubrics.items()):
        doc, scores = loaded.doc, [lv.score for lv in loaded.model.levels]
        for i, criterion in enumerate(loaded.model.criteria):
            missing = [s for s in dict.fromkeys(scores) if s not in criterion.descriptors]
            if missing:
                yield doc.where(("criteria", i, "descriptors"), key=True).error(
                    "missing-descriptor", f"criterion '{criterion.id}' has no descriptor for level "
                    f"{', '.join(map(str, missing))}; describe what each level looks like")
            for score in criterion.descriptors:
                if score not in scores:
                    # The YAML key was text ("5") or a number (5): find its place either way.
                    loc = ("criteria", i, "descriptors")
                    key = str(score) if loc + (str(score),) in doc.key_marks else score
                    yield doc.where(loc + (key,), key=True).error(
                        "unknown-level", f"criterion '{criterion.id}' describes level {score}, which is not a level "
                        f"of this rubric ({', '.join(map(str, scores))}); remove it or add the level")


def pass_rule(cur: Curriculum) -> Iterator[Problem]:
    """The pass rule lies within the levels."""
    for _rubric_id, loaded in sorted(cur.rubrics.items()):
        doc, rubric = loaded.doc, loaded.model
        scores = [lv.score for lv in rubric.levels]
        low, high = min(scores), max(scores)
        mean = rubric.pass_.weighted_mean
        if not low <= mean <= high:
            yield doc.where(("pass", "weighted_mean")).error(
                "pass-out-of-range", f"the pass mean {mean:g} is outside the levels' scores ({low} to {high}); "
                "set a mean between them")
        if rubric.pass_.minimum_level not in scores:
            yield doc.where(("pass", "minimum_level")).error(
                "pass-out-of-range", f"the minimum level {rubric.pass_.minimum_level} is not one of the levels' "
                f"scores ({', '.join(map(str, scores))}); use one of them")


RULES = [rubric_ids, levels, weights, descriptors, pass_rule]
