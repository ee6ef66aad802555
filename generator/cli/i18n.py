"""`curriculum i18n status|mark|export|import`: the translators' commands.

A thin layer like `cli/__init__.py`: arguments in, calls into `translate`, `po` and `translation_files`,
text out. `mark` and `import` are the only commands that write under content/ and curriculum/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import sys
import textwrap
from pathlib import Path

from generator.build import UsageError, source_date_epoch
from generator.cli.arguments import add_project_argument as project
from generator.i18n.files import (
    TranslationFile,
    UnsafeTarget,
    find_root,
    parse,
    read,
    write_inside,
)
from generator.i18n.history import History
from generator.i18n.po import dump, export, import_catalogue, load_catalogue
from generator.i18n.pofile import PoError
from generator.i18n.project_labels import LabelsError, write_template
from generator.i18n.record import (
    RecordError,
    is_legacy,
    mark,
    migrate,
    project_translations,
)
from generator.i18n.translate import (
    FileStatus,
    LanguageStatus,
    State,
    language_status,
)
from generator.problems import Where
from generator.render import formatting as fmt
from generator.source.load import Curriculum, load
from generator.source.textfile import conflict_markers


def _load(project: Path) -> Curriculum:
    cur, _problems = load(project)
    if cur.programme is None:
        raise UsageError(f"{project} has no valid curriculum/programme.yaml; run `curriculum check` first")
    return cur


def _language(cur: Curriculum, lang: str) -> str:
    if lang not in cur.languages[1:]:
        raise UsageError(f"'{lang}' is not a translated language of this programme; "
                         f"they are: {', '.join(cur.languages[1:]) or 'none'} (see 'languages:' in programme.yaml)")
    return lang


# --- status --------------------------------------------------------------------------------


def _describe(f: FileStatus) -> str:
    notes = []
    if f.state is State.OUTDATED:
        if f.unchecked:
            notes.append("no source version recorded: review it, then run `curriculum i18n mark`")
        else:
            notes.append(f"{f.count(State.OUTDATED)} of {len(f.units)} units outdated")
        if f.orphans:
            notes.append(f"{f.orphans} translated unit{'s' * (f.orphans != 1)} whose source was removed")
    if f.missing and f.state is not State.MISSING:
        notes.append(f"{len(f.missing)} unit{'s' * (len(f.missing) != 1)} not translated: "
                     + ", ".join(f.missing[:4]) + (" ..." if len(f.missing) > 4 else ""))
    if f.legacy and f.state is not State.MISSING:
        notes.append("records one hash for the whole file: run `curriculum i18n migrate`")
    return f"  ({'; '.join(notes)})" if notes else ""


def _counts(status: LanguageStatus) -> str:
    parts = []
    for state, name in ((State.TRANSLATED, "current"), (State.OUTDATED, "outdated"), (State.MISSING, "not translated")):
        parts.append(f"{status.count(state)} {name} ({status.words_in(state)} words)")
    return "  units: " + ", ".join(parts)


def status_text(statuses: list[LanguageStatus]) -> str:
    lines = []
    for status in statuses:
        lines.append(f"{status.lang}: {status.percent:.1f}% translated ({status.done} of {status.words} words), "
                     f"{status.percent_outdated:.1f}% outdated ({status.stale} words)")
        lines.append(_counts(status))
        for f in status.files:
            lines.append(f"  {f.state.value:<10}  {f.source}{_describe(f)}")
        outdated = [(f, u) for f in status.files for u in f.outdated]
        if outdated:
            lines.append(f"  outdated units ({len(outdated)}):")
        for f, u in outdated:
            first = " ".join(u.text.split())
            lines.append(f"    {f.source}:{u.line}: {u.key}: {first[:60]}{'…' if len(first) > 60 else ''}")
    return "\n".join(lines) + "\n"


def _column(text: str, width: int) -> list[str]:
    rows: list[str] = []
    for line in text.splitlines() or [""]:
        rows += textwrap.wrap(line, width, drop_whitespace=False, replace_whitespace=False) or [""]
    return rows


def side_by_side(old: str | None, new: str, width: int = 100) -> str:
    """Two columns: the source text a translation was made from, and the source now."""
    half = (width - 3) // 2
    left = _column(old if old is not None else "(this version is not in git history)", half)
    right = _column(new, half)
    rows = [f"{'translated from':<{half}} | source now", f"{'-' * half}-+-{'-' * half}"]
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        rows.append(f"{a:<{half}} | {b}".rstrip())
    return "\n".join(rows) + "\n"


def status_diff(cur: Curriculum, statuses: list[LanguageStatus]) -> str:
    history = History(cur.root)
    out = []
    for status in statuses:
        for f in status.files:
            for u in f.outdated:
                out.append(f"{status.lang}  {f.source}:{u.line}: {u.key}\n")
                out.append(side_by_side(history.text(f.source, u.recorded), u.text) + "\n")
    return "".join(out) or "no outdated units\n"


def status_json(statuses: list[LanguageStatus]) -> str:
    data = {"languages": [{"lang": s.lang, "percent": round(s.percent, 1), "words": s.words,
                           "translated_words": s.done, "outdated_words": s.stale,
                           "percent_outdated": round(s.percent_outdated, 1),
                           "units": {state.value: s.count(state) for state in
                                     (State.TRANSLATED, State.OUTDATED, State.MISSING)},
                           "files": [f.to_json() for f in s.files]} for s in statuses]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def cmd_status(args: argparse.Namespace) -> int:
    cur = _load(args.project)
    langs = [_language(cur, args.lang)] if args.lang else cur.languages[1:]
    statuses = [language_status(cur, lang) for lang in langs]
    if args.diff:
        sys.stdout.write(status_diff(cur, statuses))
    else:
        sys.stdout.write(status_json(statuses) if args.format == "json" else status_text(statuses))
    incomplete = [s.lang for s in statuses if not s.complete()]
    if args.strict and incomplete:
        print(f"failed: translations are missing or outdated in {', '.join(incomplete)}", file=sys.stderr)
        return 1
    return 0


# --- mark ----------------------------------------------------------------------------------


def _translation(name: str, project: Path | None) -> tuple[Path, Path, TranslationFile]:
    if Path(name).is_symlink():
        raise UsageError(f"{name}: is a link; mark the file itself (nothing is written through links)")
    path = Path(name).resolve()
    if not path.is_file():
        raise UsageError(f"{name}: no such file")
    root = project or find_root(path.parent)
    if root is None:
        raise UsageError(f"{name}: not inside a project (no curriculum/programme.yaml above it)")
    try:
        rel = path.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{name}: not inside the project {root}") from None
    translation = parse(rel)
    if translation is None:
        raise UsageError(f"{name}: not a translation; its name needs a language code, as in m02.es.yaml")
    return root, path, translation


def cmd_mark(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        root, path, translation = _translation(name, args.project)
        cur = _load(root)
        _language(cur, translation.lang)
        try:
            new, note = mark(cur, translation)
        except RecordError as exc:
            print(f"{translation.path}: cannot record the source version: {exc}", file=sys.stderr)
            failed = True
            continue
        changed = new != read(path)
        if changed:
            try:
                write_inside(root.resolve(), translation.path, new)
            except UnsafeTarget as exc:
                print(f"error: {exc}", file=sys.stderr)
                failed = True
                continue
        if note:
            print(f"{translation.path}: note: {note}", file=sys.stderr)
        verdict = "marked as translated from" if changed else "already records"
        print(f"{translation.path}: {verdict} {translation.source} as it is now, unit by unit", file=sys.stderr)
    return 1 if failed else 0


def cmd_migrate(args: argparse.Namespace) -> int:
    cur = _load(args.project)
    failed = False
    count = 0
    for translation in project_translations(cur):
        if translation.lang not in cur.languages[1:]:
            continue
        try:
            if not is_legacy(cur, translation):
                continue
            new, found = migrate(cur, translation)
        except RecordError as exc:
            print(f"{translation.path}: cannot migrate: {exc}", file=sys.stderr)
            failed = True
            continue
        count += 1
        how = "from the source version it names" if found else \
            "as not yet checked (the source version it names is neither the file now nor in git history)"
        if args.dry_run:
            print(f"would migrate {translation.path} {how}", file=sys.stderr)
            continue
        try:
            write_inside(cur.root.resolve(), translation.path, new)
        except UnsafeTarget as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed = True
            continue
        print(f"migrated {translation.path} {how}", file=sys.stderr)
    if not count and not failed:
        print("nothing to migrate: every translation records one source hash per unit", file=sys.stderr)
    return 1 if failed else 0


# --- export and import ---------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    cur = _load(args.project)
    lang = _language(cur, args.lang)
    when = dt.datetime.fromtimestamp(source_date_epoch(args.project), tz=dt.timezone.utc)
    catalog = export(cur, lang, when)
    data = dump(catalog)
    count = sum(1 for message in catalog if message.id)
    words = sum(len(str(message.id).split()) for message in catalog if message.id)
    if args.out:
        Path(args.out).write_bytes(data)
        print(f"{count} texts ({fmt.number(words, 'en')} words) to translate into {lang} written to {args.out}",
              file=sys.stderr)
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0


def _unsafe(root: Path, rel: str) -> str:
    """Why `rel` must not be written ("" if it may): a symbolic link on the way, or outside."""
    here = root
    for part in Path(rel).parts:
        here = here / part
        if here.is_symlink():
            return f"{rel}: {here.relative_to(root).as_posix()} is a symbolic link"
    return "" if root.resolve() in (root / rel).resolve().parents else f"{rel}: outside the project"


def cmd_import(args: argparse.Namespace) -> int:
    po_path = Path(args.file)
    if not po_path.is_file():
        raise UsageError(f"{args.file}: no such file")
    data = po_path.read_bytes()
    markers = conflict_markers(data.decode("utf-8", "replace"), args.file)
    if markers:  # half of a merge would be written into the translations as if it were reviewed
        for problem in markers:
            print(problem.text(), file=sys.stderr)
        return 1
    try:
        catalog = load_catalogue(data)
    except PoError as exc:
        problem = Where(args.file, exc.line).error("po-invalid", f"{exc.message}; nothing was imported")
        print(problem.text(), file=sys.stderr)
        return 1
    cur = _load(args.project)
    lang = args.lang or (str(catalog.locale).replace("_", "-") if catalog.locale else "")
    if not lang:
        raise UsageError(f"{args.file} names no language (no Language: header); give --lang")
    result = import_catalogue(cur, catalog, _language(cur, lang), args.file)
    for note in result.notes:
        print(note, file=sys.stderr)
    if result.problems:
        for problem in result.problems:
            print(problem.text(), file=sys.stderr)
        print("nothing was imported", file=sys.stderr)
        return 1
    unsafe = [p for p in result.changes if _unsafe(cur.root, p)]
    if unsafe and not args.dry_run:
        for path in unsafe:
            problem = Where(path).error("unsafe-write", f"not written: {_unsafe(cur.root, path)}; nothing was imported")
            print(problem.text(), file=sys.stderr)
        return 1
    for path, (old, new) in sorted(result.changes.items()):
        if args.dry_run:
            diff = difflib.unified_diff((old or "").splitlines(keepends=True), new.splitlines(keepends=True),
                                        f"a/{path}", f"b/{path}")
            sys.stdout.write("".join(diff))
            print(f"would write {path}", file=sys.stderr)
        else:
            write_inside(cur.root.resolve(), path, new)
            print(f"wrote {path}", file=sys.stderr)
    if not result.changes:
        print("nothing to write: every translated entry is already in place", file=sys.stderr)
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    root = args.project
    if not (root / "curriculum" / "programme.yaml").is_file():
        raise UsageError(f"{root} is not a project (no curriculum/programme.yaml)")
    try:
        path = write_template(root, args.lang)
    except LabelsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(root).as_posix()}: translate each msgstr, then run `curriculum check`",
          file=sys.stderr)
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `curriculum i18n ...` on the main parser's subcommands."""
    top = sub.add_parser("i18n", help="translation status, marking, PO export and import")
    commands = top.add_subparsers(dest="i18n_command", required=True, metavar="COMMAND")

    p = commands.add_parser("status", help="how far each file is translated into each language")
    project(p)
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text (default): a summary and one line per file and outdated unit; json: the same figures "
                        "for scripts, with every outdated unit")
    p.add_argument("--lang", help="only this language")
    p.add_argument("--diff", action="store_true",
                   help="for each outdated unit, print the source it was translated from and the source now, side by side")
    p.add_argument("--strict", action="store_true", help="exit 1 if anything is missing or outdated")
    p.set_defaults(run=cmd_status)

    p = commands.add_parser("mark", help="record that translations are up to date with their source")
    p.add_argument("files", nargs="+", metavar="FILE", help="translation files, e.g. curriculum/modules/m02.es.yaml")
    p.add_argument("--project", type=lambda v: Path(v).resolve(), help="the project folder (default: found above FILE)")
    p.set_defaults(run=cmd_mark)

    p = commands.add_parser("migrate", help="record one source hash per unit in translations that record one per file")
    project(p)
    p.add_argument("--dry-run", action="store_true", help="say what would be migrated, write nothing")
    p.set_defaults(run=cmd_migrate)

    p = commands.add_parser("labels", help="start the project's own catalogue of the site's labels for a language")
    project(p)
    p.add_argument("--lang", required=True, help="the language, e.g. pt; writes PROJECT/locales/LANG.po, never over a file")
    p.set_defaults(run=cmd_labels)

    p = commands.add_parser("export", help="write what is left to translate as a PO catalogue")
    project(p)
    p.add_argument("--lang", required=True, help="the language to translate into")
    p.add_argument("--out", metavar="FILE", help="where to write the catalogue (default: standard output)")
    p.set_defaults(run=cmd_export)

    p = commands.add_parser("import", help="write the translations of a PO catalogue into the translation files")
    p.add_argument("file", metavar="FILE.po",
                   help="a catalogue written by `curriculum i18n export` and filled in by a translator; a file that "
                        "is not clean PO is refused whole")
    project(p)
    p.add_argument("--lang", help="the language of the catalogue (default: its Language: header)")
    p.add_argument("--dry-run", action="store_true", help="print what would change as a diff, write nothing")
    p.set_defaults(run=cmd_import)
