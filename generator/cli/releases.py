"""`curriculum publish`, `curriculum release` and `curriculum bundle`: versions of a site."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from generator.build import UsageError
from generator.cli.arguments import add_project_argument
from generator.problems import Severity, format_text


def _print_report(report: object) -> None:
    from generator.releases.publish import Report

    assert isinstance(report, Report)
    sys.stdout.write(format_text(report.problems))
    if report.built:
        print(f"built: {', '.join(report.built)}", file=sys.stderr)
    if report.reused:
        print(f"reused from the cache: {', '.join(report.reused)}", file=sys.stderr)
    if report.skipped:
        print(f"skipped (see above): {', '.join(report.skipped)}", file=sys.stderr)


def cmd_publish(args: argparse.Namespace) -> int:
    from generator.releases.publish import publish, publish_assembled

    out = Path(args.out).resolve()
    if args.assemble:
        if args.only or args.lang or args.dev or args.no_dev or args.cache or args.country:
            raise UsageError("--assemble takes slice folders and --out only")
        summary = publish_assembled([Path(p) for p in args.assemble], out)
        print(f"published {out} from {len(args.assemble)} slices ({'; '.join(summary)})", file=sys.stderr)
        return 0
    if args.lang and not args.only:
        raise UsageError("--lang builds one language of one version: give --only VERSION too")
    dev = None if args.no_dev else (args.dev or "dev")
    from generator.releases.publish import check_dev_name

    if dev:
        check_dev_name(dev)
    cache = Path(args.cache).resolve() if args.cache else None
    report = publish(args.project, out, dev=dev, cache=cache, only=args.only, lang=args.lang, country=args.country)
    _print_report(report)
    if not report.published:
        print(f"not published: {out} is unchanged", file=sys.stderr)
        return 1 if any(p.severity is Severity.ERROR for p in report.problems) or report.skipped else 2
    what = "slice" if args.only else "site"
    print(f"published the {what} {out}" + (f" ({'; '.join(report.languages)})" if report.languages else ""),
          file=sys.stderr)
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from generator.releases.record import record

    line = record(args.project, args.version, args.note or "")
    print(f"recorded in curriculum/releases.yaml: {line}\ncommit that file to publish the release", file=sys.stderr)
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from generator.releases.bundle import write_zip
    from generator.releases.publish import publish

    out = Path(args.out).resolve()
    if out.suffix != ".zip":
        raise UsageError(f"--out {args.out}: a bundle is a .zip file")
    if out.is_dir():
        raise UsageError(f"--out {args.out} is a folder; name the .zip file to write")
    work = Path(tempfile.mkdtemp(prefix="curriculum-bundle-"))
    try:
        cache = Path(args.cache).resolve() if args.cache else None
        report = publish(args.project, work / "slice", dev=args.dev or "dev", cache=cache,
                         only=args.version, lang=args.lang)
        _print_report(report)
        site = work / "slice" / "site"
        if not report.published:
            print(f"no bundle: {out} is unchanged", file=sys.stderr)
            return 1
        from generator.releases.slices import Manifest

        manifest = Manifest.load(work / "slice")
        if args.lang not in manifest.languages:
            raise UsageError(f"--lang {args.lang}: version {args.version} has the languages "
                             f"{', '.join(manifest.all_languages)}")
        default = manifest.all_languages[0]
        root = site if args.lang == default else site / args.lang
        prefix = f"{manifest.bundle or out.stem}-{args.lang}" if manifest.bundle else out.stem
        write_zip(root / args.version, prefix, args.version, out, args.lang)
        print(f"wrote {out}: version {args.version} in '{args.lang}'; unzip it and open {prefix}/index.html",
              file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("publish", help="build every release and the working tree side by side")
    p.add_argument("project", nargs="?", default=".", metavar="PROJECT",
                   help="the project folder (default: the current folder)")
    p.add_argument("--out", metavar="DIR", required=True, help="where the site (or the slice) goes")
    p.add_argument("--dev", metavar="NAME", help="the working tree's version name (default: dev)")
    p.add_argument("--no-dev", action="store_true", help="publish the releases only, not the working tree")
    p.add_argument("--only", metavar="VERSION", help="build the slice of this version only")
    p.add_argument("--lang", metavar="L", help="with --only: build this language only")
    p.add_argument("--assemble", nargs="+", metavar="SLICE_DIR", help="join slices built with --only into --out")
    p.add_argument("--cache", metavar="DIR", help="where built releases are kept (default: PROJECT/.curriculum-cache)")
    p.add_argument("--country", metavar="CODE", help="build every version for the profile curriculum/countries/CODE.yaml "
                   "(default: the one each version's programme.yaml names)")
    p.set_defaults(run=_with_project(cmd_publish))

    p = sub.add_parser("release", help="record the current commit as a release in curriculum/releases.yaml")
    p.add_argument("version", metavar="VERSION", help="the programme's version, as programme.yaml says it")
    add_project_argument(p)
    p.add_argument("--note", metavar="TEXT", help="one line on what the release is (e.g. First cohort)")
    p.set_defaults(run=cmd_release)

    p = sub.add_parser("bundle", help="a zip of one version in one language, to read offline")
    add_project_argument(p)
    p.add_argument("--version", dest="version", metavar="V", required=True, help="the release (or dev)")
    p.add_argument("--lang", metavar="L", required=True, help="the language")
    p.add_argument("--out", metavar="FILE.zip", required=True, help="the zip to write")
    p.add_argument("--dev", metavar="NAME", help="the working tree's version name (default: dev)")
    p.add_argument("--cache", metavar="DIR", help="where built releases are kept (default: PROJECT/.curriculum-cache)")
    p.set_defaults(run=cmd_bundle)


def _with_project(run):  # type: ignore[no-untyped-def]
    """publish --assemble takes no project; otherwise PROJECT is checked as every command does."""

    def wrapped(args: argparse.Namespace) -> int:
        if not args.assemble:
            path = Path(args.project)
            if not path.is_dir():
                raise UsageError(f"{args.project} is not a folder")
            args.project = path.resolve()
        return int(run(args))

    return wrapped
