"""A project's own label catalogues (`locales/<lang>.po` at its root): starting one, checking them.

The generator ships labels for some languages; a project that builds another (or wants other
words) keeps its catalogue in its own folder, so that a fork never edits the tool. `check` says
how many labels a built language lacks and where to add them, and refuses a catalogue that does
not parse, since a damaged one would silently fall back to English.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.pofile import read_po

from generator.i18n.catalogues import label_ids, project_template
from generator.i18n.pofile import PoError, read_strict
from generator.problems import Problem, Where
from generator.render.labels import LOCALES, PROJECT_LOCALES, catalogue, project_catalogue_path, unsafe_label
from generator.source.load import Curriculum


class LabelsError(ValueError):
    """The template cannot be written; the message says why."""


def write_template(root: Path, lang: str) -> Path:
    """Write `<root>/locales/<lang>.po` from messages.pot; never over a file, a symlink or the tool."""
    folder = root / PROJECT_LOCALES
    path = project_catalogue_path(root, lang)
    if folder.is_symlink() or path.is_symlink():
        raise LabelsError(f"{path.relative_to(root)} is a symbolic link; the template is written only into a real folder")
    if path.exists():
        raise LabelsError(f"{path.relative_to(root)} exists already; it is left as it is (delete or rename it to start again)")
    generator = LOCALES.parents[1].resolve()
    if folder.resolve() == generator or generator in folder.resolve().parents:
        raise LabelsError(f"{folder} is inside the generator; a project's labels live in the project")
    folder.mkdir(exist_ok=True)
    path.write_bytes(project_template(lang))
    return path


def _project_files(cur: Curriculum) -> list[Path]:
    folder = cur.root / PROJECT_LOCALES
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(p for p in folder.glob("*.po") if p.is_file() and not p.is_symlink())


def _file_problems(cur: Curriculum, path: Path) -> list[Problem]:
    rel = path.relative_to(cur.root).as_posix()
    data = path.read_bytes()
    try:
        read_strict(data)
    except PoError as exc:
        return [Where(rel, exc.line).error("labels-invalid", (
            f"{exc.message}; this catalogue is not used until it parses (pages show the generator's labels)"))]
    problems = []
    for message in read_po(io.BytesIO(data)):
        if message.id and isinstance(message.string, str) and message.string and not message.fuzzy:
            why = unsafe_label(str(message.id), message.string)
            if why:
                problems.append(Where(rel, message.lineno or 1).warning("labels-unsafe", (
                    f"the translation of '{message.id}' is not used: {why}")))
    return problems


def check_labels(cur: Curriculum) -> list[Problem]:
    """The project's own catalogues, and every built language whose labels are not all translated."""
    problems = [p for path in _project_files(cur) for p in _file_problems(cur, path)]
    ids = label_ids()
    for lang in cur.languages:
        if lang.split("-")[0] == "en":
            continue
        table = catalogue(lang, cur.root)
        missing = [i for i in ids if i not in table]
        if not missing:
            continue
        path = project_catalogue_path(cur.root, lang)
        rel = path.relative_to(cur.root).as_posix()
        if path.is_file():
            where, how = Where(rel, 1), f"add them to {rel}"
        else:
            where = cur.programme.doc.where(("languages",)) if cur.programme else Where("curriculum/programme.yaml")
            how = f"run `curriculum i18n labels --lang {lang}` to start {rel}, then translate them there"
        problems.append(where.warning("labels-untranslated", (
            f"{len(missing)} of {len(ids)} labels have no {lang} translation (for example '{missing[0]}'), so "
            f"pages in {lang} show them in English; {how}")))
    return problems
