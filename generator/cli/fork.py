"""`curriculum fork init` and `curriculum upstream status`: a partner country's fork and its upstream.

Thin: the work is in `releases.fork` and `releases.upstream`.
"""

from __future__ import annotations

import argparse
import re
import sys

from generator.build import UsageError
from generator.cli.arguments import add_project_argument
from generator.releases.fork import ForkError, init, next_steps
from generator.releases.upstream import NoBase, format_text, status
from generator.source.load import load


def cmd_fork_init(args: argparse.Namespace) -> int:
    if not re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})?", args.country):
        raise UsageError(f"'{args.country}' is not a country code: use lowercase letters, e.g. hn")
    if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", args.lang):
        raise UsageError(f"'{args.lang}' is not a language code such as es or pt-BR")
    try:
        path = init(args.project, args.country, args.lang, args.release)
    except ForkError as exc:
        raise UsageError(str(exc)) from exc
    cur, _problems = load(args.project)
    sys.stdout.write(next_steps(args.project, path, args.country, args.lang, cur.languages))
    return 0


def cmd_upstream_status(args: argparse.Namespace) -> int:
    try:
        report = status(args.project, args.upstream)
    except NoBase as exc:
        raise UsageError(str(exc)) from exc
    sys.stdout.write(report.to_json() if args.format == "json" else format_text(report))
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fork = sub.add_parser("fork", help="prepare a partner country's fork of the programme")
    fork_sub = fork.add_subparsers(dest="fork_command", required=True, metavar="COMMAND")
    p = fork_sub.add_parser("init", help="write the fork's country profile, recording the upstream release")
    add_project_argument(p)
    p.add_argument("--country", required=True, metavar="CODE", help="the fork's country code, e.g. hn")
    p.add_argument("--lang", required=True, metavar="L", help="the fork's main language, e.g. es")
    p.add_argument("--release", metavar="REF", help="the upstream release the fork starts from "
                   "(default: the newest v* tag behind the current commit)")
    p.set_defaults(run=cmd_fork_init)

    upstream = sub.add_parser("upstream", help="compare a fork with a newer upstream release")
    up_sub = upstream.add_subparsers(dest="upstream_command", required=True, metavar="COMMAND")
    p = up_sub.add_parser("status", help="what the fork and upstream changed since the fork's base, item by item")
    add_project_argument(p)
    p.add_argument("--upstream", metavar="REF", help="the newer upstream release: a tag, commit or fetched branch "
                   "such as upstream/main (default: the newest v* tag)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="how to print the report")
    p.set_defaults(run=cmd_upstream_status)
