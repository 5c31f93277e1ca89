"""`verifier`: check drafts against the reference store. Only this module prints or picks exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_LEVELS = {"conflicting": ("conflicting",), "unverified": ("conflicting", "unverified"), "never": ()}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line naming the problem, exit code 2."""

    def error(self, message: str):
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="verifier", description="Check the factual claims of news drafts.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="Check drafts and report each claim's verdict with its evidence.",
                           description="Check drafts and report each claim's verdict with its evidence.")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--db", help="SQLite path or SQLAlchemy URL of the store (default: the bundled store)")
    check.add_argument("--as-of", type=_date, metavar="DATE", help="the date the drafts speak from (YYYY-MM-DD)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--fail-on", choices=tuple(FAIL_LEVELS), default="conflicting",
                       help="exit 1 when a claim has this verdict or worse (default: conflicting)")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    check.set_defaults(func=cmd_check)
    return parser


def _file_date(path: str) -> dt.date | None:
    try:
        return dt.datetime.fromtimestamp(os.stat(path).st_mtime, dt.timezone.utc).date()
    except OSError:
        return None


def cmd_check(args) -> int:
    from claims_db.query import Reader

    from .check import Checker, Options
    from .document import read_text

    texts = [(path, read_text(path)) for path in args.files]  # every file readable before any output
    reader = Reader(args.db)
    checker = Checker(reader, Options(as_of=args.as_of, today=dt.datetime.now(dt.timezone.utc).date()))
    reports = [checker.check_text(path, text, _file_date(path)) for path, text in texts]
    if args.format == "json":
        from .report.json import render

        output = render(reports, reader.info)
    else:
        from .report.text import render

        colour = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        output = render(reports, reader.info, colour=colour)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(output)
    else:
        sys.stdout.write(output)
    failing = FAIL_LEVELS[args.fail_on]
    return EXIT_FINDINGS if any(j.verdict.value in failing for r in reports for j in r.judgements) else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from claims_db.errors import StoreError

    from .document import InputError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_ERROR if exc.code else EXIT_OK
    try:
        return args.func(args)
    except (InputError, StoreError) as exc:
        print(f"verifier: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug must not look like "findings" (exit 1) to CI
        print(f"verifier: internal error: {exc.__class__.__name__}: {exc} (please report it)", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
