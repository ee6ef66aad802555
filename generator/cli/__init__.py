"""The `curriculum` command: a thin layer over the pipeline (see `build.py`).

Exit status: 0 success; 1 the content has errors (or warnings under --strict); 2 misuse.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.build import UsageError, build_project, check_project
from generator.cli.arguments import add_project_argument, report
from generator.cli.diff import add_parser as add_diff_parser
from generator.cli.fork import add_parsers as add_fork_parsers
from generator.cli.i18n import add_parser as add_i18n_parser
from generator.cli.releases import add_parsers as add_release_parsers
from generator.problems import FORMATTERS


def cmd_check(args: argparse.Namespace) -> int:
    from generator.problems import sort_problems
    from generator.releases.registry import release_problems

    _cur, _config, problems = check_project(args.project)
    return report(sort_problems(problems + release_problems(args.project)), args.format, args.strict)


def cmd_build(args: argparse.Namespace) -> int:
    out = Path(args.out).resolve() if args.out else args.project / "site"
    outcome = build_project(args.project, out, strict=args.strict, country=args.country)
    code = report(outcome.problems, "text", args.strict)
    if outcome.built:
        print(f"built {out} in {sum(outcome.seconds.values()):.1f} s; open {out / 'index.html'}", file=sys.stderr)
    else:
        print(f"not built: {out} is unchanged", file=sys.stderr)
    return code


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.check.schema import write_schemas

    out = Path(args.out).resolve() if args.out else args.project / "schemas"
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file, not a folder")
    written = write_schemas(out)
    print(f"wrote {len(written)} JSON Schemas to {out}: {', '.join(p.name for p in written)}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    return serve(args.project, args.port, args.host, open_browser=args.open)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="curriculum", description="Check a curriculum and build its site.")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    top.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("check", help="check every file and report all problems")
    add_project_argument(p)
    p.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="how to print problems")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("build", help="check, then build the site (the previous site stays if anything fails)")
    add_project_argument(p)
    p.add_argument("--out", metavar="DIR", help="where the site goes (default: PROJECT/site)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--country", metavar="CODE", help="build for the profile curriculum/countries/CODE.yaml "
                   "(default: the one programme.yaml names)")
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("schema", help="write the JSON Schema of each file kind, for editors")
    add_project_argument(p)
    p.add_argument("--out", metavar="DIR", help="where the schemas go (default: PROJECT/schemas)")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("serve", help="build, serve on localhost and rebuild when a source changes")
    add_project_argument(p)
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--open", action="store_true", help="open the site in a browser")
    p.set_defaults(run=cmd_serve)

    add_i18n_parser(sub)
    add_release_parsers(sub)
    add_diff_parser(sub)
    add_fork_parsers(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    # A message quotes the author's text; a terminal that cannot show a character must not turn
    # that into a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"curriculum: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the one funnel for our own bugs: never a traceback unless asked
        if args.debug:
            traceback.print_exc()
        else:
            print(f"curriculum: internal error: {exc!r}; run again with --debug and report it", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
