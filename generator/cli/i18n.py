"""`curriculum i18n status|mark|export|import`: the translators' commands.

A thin layer like `cli/__init__.py`: arguments in, calls into `translate`, `po` and `translation_files`,
text out. `mark` and `import` are the only commands that write under content/ and curriculum/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from generator.build import UsageError, source_date_epoch
from generator.cli.arguments import add_project_argument as project
from generator.i18n.files import find_root, parse, set_hash
from generator.source.textfile import conflict_markers
from generator.i18n.po import dump, export, import_catalogue, load_catalogue
from generator.i18n.textfields import SPECS, kind_of, units
from generator.i18n.translate import (
    FileStatus,
    LanguageStatus,
    State,
    digest,
    language_status,
    source_of,
    units_hash,
)
from generator.render import formatting as fmt
from generator.source.load import Curriculum, load


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
    if f.state is State.OUTDATED:
        why = "no source_hash recorded" if not f.recorded else f"translated from {f.recorded}, the source is now {f.current}"
        return f"  ({why})"
    if f.state is State.PARTIAL:
        return f"  ({len(f.missing)} text{'s' * (len(f.missing) != 1)} not translated: " + \
            ", ".join("/".join(k) for k in f.missing[:4]) + (" ..." if len(f.missing) > 4 else "") + ")"
    return ""


def status_text(statuses: list[LanguageStatus]) -> str:
    lines = []
    for status in statuses:
        lines.append(f"{status.lang}: {status.percent:.1f}% translated ({status.done} of {status.words} words), "
                     f"{status.percent_outdated:.1f}% outdated ({status.stale} words)")
        for f in status.files:
            lines.append(f"  {f.state.value:<10}  {f.source}{_describe(f)}")
    return "\n".join(lines) + "\n"


def status_json(statuses: list[LanguageStatus]) -> str:
    data = {"languages": [{"lang": s.lang, "percent": round(s.percent, 1), "words": s.words,
                           "translated_words": s.done, "outdated_words": s.stale,
                           "percent_outdated": round(s.percent_outdated, 1),
                           "files": [f.to_json() for f in s.files]} for s in statuses]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def cmd_status(args: argparse.Namespace) -> int:
    cur = _load(args.project)
    langs = [_language(cur, args.lang)] if args.lang else cur.languages[1:]
    statuses = [language_status(cur, lang) for lang in langs]
    sys.stdout.write(status_json(statuses) if args.format == "json" else status_text(statuses))
    incomplete = [s.lang for s in statuses if not s.complete()]
    if args.strict and incomplete:
        print(f"failed: translations are missing or outdated in {', '.join(incomplete)}", file=sys.stderr)
        return 1
    return 0


# --- mark ----------------------------------------------------------------------------------


def cmd_mark(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        if Path(name).is_symlink():
            raise UsageError(f"{name}: is a link; mark the file itself (nothing is written through links)")
        path = Path(name).resolve()
        if not path.is_file():
            raise UsageError(f"{name}: no such file")
        root = args.project or find_root(path.parent)
        if root is None:
            raise UsageError(f"{name}: not inside a project (no curriculum/programme.yaml above it)")
        try:
            rel = path.relative_to(root.resolve()).as_posix()
        except ValueError:
            raise UsageError(f"{name}: not inside the project {root}") from None
        translation = parse(rel)
        if translation is None:
            raise UsageError(f"{name}: not a translation; its name needs a language code, as in m02.es.yaml")
        cur = _load(root)
        _language(cur, translation.lang)
        if translation.is_yaml:
            loaded, kind = source_of(cur, translation.source), kind_of(translation.source)
            if loaded is None or kind is None:
                print(f"{rel}: its source {translation.source} is missing or invalid; run `curriculum check`",
                      file=sys.stderr)
                failed = True
                continue
            value = units_hash(units(SPECS[kind], loaded.doc.data))
        else:
            source = root / translation.source
            if not source.is_file():
                print(f"{rel}: its source {translation.source} does not exist", file=sys.stderr)
                failed = True
                continue
            value = digest(source.read_text(encoding="utf-8").removeprefix("\ufeff"))
        try:
            changed = set_hash(path, translation, value, root.resolve())
        except ValueError as exc:
            print(f"{rel}: cannot record the source hash ({exc}); run `curriculum check`", file=sys.stderr)
            failed = True
            continue
        verdict = "marked as translated from" if changed else "already records"
        print(f"{rel}: {verdict} {translation.source} {value}", file=sys.stderr)
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
    catalog = load_catalogue(data)
    cur = _load(args.project)
    lang = args.lang or (str(catalog.locale).replace("_", "-") if catalog.locale else "")
    if not lang:
        raise UsageError(f"{args.file} names no language (no Language: header); give --lang")
    result = import_catalogue(cur, catalog, _language(cur, lang))
    for note in result.notes:
        print(note, file=sys.stderr)
    for path in result.written:
        print(f"wrote {path}", file=sys.stderr)
    for problem in result.problems:
        print(problem.text(), file=sys.stderr)
    if not result.written and not result.problems:
        print("nothing to write: every translated entry is already in place", file=sys.stderr)
    return 1 if result.problems else 0


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `curriculum i18n ...` on the main parser's subcommands."""
    top = sub.add_parser("i18n", help="translation status, marking, PO export and import")
    commands = top.add_subparsers(dest="i18n_command", required=True, metavar="COMMAND")

    p = commands.add_parser("status", help="how far each file is translated into each language")
    project(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", help="only this language")
    p.add_argument("--strict", action="store_true", help="exit 1 if anything is missing or outdated")
    p.set_defaults(run=cmd_status)

    p = commands.add_parser("mark", help="record that translations are up to date with their source")
    p.add_argument("files", nargs="+", metavar="FILE", help="translation files, e.g. curriculum/modules/m02.es.yaml")
    p.add_argument("--project", type=lambda v: Path(v).resolve(), help="the project folder (default: found above FILE)")
    p.set_defaults(run=cmd_mark)

    p = commands.add_parser("export", help="write what is left to translate as a PO catalogue")
    project(p)
    p.add_argument("--lang", required=True, help="the language to translate into")
    p.add_argument("--out", metavar="FILE", help="where to write the catalogue (default: standard output)")
    p.set_defaults(run=cmd_export)

    p = commands.add_parser("import", help="write the translations of a PO catalogue into the translation files")
    p.add_argument("file", metavar="FILE.po")
    project(p)
    p.add_argument("--lang", help="the language of the catalogue (default: its Language: header)")
    p.set_defaults(run=cmd_import)
