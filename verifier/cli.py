"""`verifier`: check drafts against the reference store. Only this module prints or picks exit codes."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_LEVELS = {"conflicting": ("conflicting",), "unverified": ("conflicting", "unverified"), "never": ()}
DEFAULT_BASELINE = ".verifier-baseline.json"


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line naming the problem, exit code 2."""

    def error(self, message: str):
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    from .report import FORMATS

    parser = OneLineParser(prog="verifier", description="Check the factual claims of news drafts.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="Check drafts and report each claim's verdict with its evidence.",
                           description="Check drafts (files or directories of .md, .markdown, .txt, .html) and "
                                       "report each claim's verdict with its evidence.")
    files = check.add_argument("files", nargs="+", metavar="PATH",
                       help="draft files, directories (walked for drafts), quoted glob patterns ('drafts/**/*.md'), "
                            "or - for standard input")
    check.add_argument("--stdin-filename", metavar="NAME",
                       help="the name reports give the draft read from -, and whose suffix picks its format "
                            "(default: -, plain text)")
    files.complete = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}  # shtab's file completion
    check.add_argument("--db", help="SQLite path or SQLAlchemy URL of the store (default: the bundled store)")
    check.add_argument("--as-of", type=_date, metavar="DATE", help="the date the drafts speak from (YYYY-MM-DD)")
    check.add_argument("--format", choices=FORMATS, help="output format (default: text)")
    check.add_argument("--fail-on", choices=tuple(FAIL_LEVELS),
                       help="exit 1 when a finding has this verdict or worse (default: conflicting)")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    check.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file, not the one found")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline")
    check.add_argument("--write-baseline", nargs="?", const=DEFAULT_BASELINE, metavar="FILE",
                       help=f"record today's findings as the baseline and exit 0; the report goes only to -o "
                            f"(default file: {DEFAULT_BASELINE})")
    check.add_argument("--diff", metavar="REV", help="report only claims on lines changed since this git revision")
    check.add_argument("--jobs", "-j", type=int, metavar="N", default=os.cpu_count() or 1,
                       help="check drafts in N processes (default: the number of cores)")
    check.add_argument("--color", "--colour", dest="color", choices=("auto", "always", "never"), default="auto",
                       help="colour the terminal report: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR "
                            "forces it), always or never")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="report findings only: no consistent claims, no progress line")
    check.add_argument("--show-consistent", action="store_const", const=True, dest="show_consistent",
                       help="also report consistent claims in the findings-only formats (sarif, github, rdjson)")
    check.add_argument("--statistics", action="store_true",
                       help="print how many findings each rule made instead of the report, whatever the format")
    check.add_argument("--explain", action="store_true",
                       help="print under each claim the rules that decided its verdict (text format)")
    check.add_argument("--suggest", action="store_true",
                       help="write a corrected copy of each draft with conflicts (draft.suggested.md), never over it")
    check.add_argument("--include-drafts", action="store_true",
                       help="also use the store's draft facts (not yet approved); the report says so")
    check.add_argument("--todo", metavar="FILE",
                       help="write unverified claims as interchange records for curators to complete and import")
    check.set_defaults(func=cmd_check)
    rules = sub.add_parser("rules", help="List the linking and judging rules, or show one with its examples.",
                           description="List the rules that link claims to facts and judge them (the ids verdicts "
                                       "name in decided_by and --explain), or show one rule with its examples.")
    rules.add_argument("rule", nargs="?", metavar="RULE", help="a rule id, e.g. judge.veto.reported-speech")
    rules.set_defaults(func=cmd_rules)
    config = sub.add_parser("config", help="Print the effective configuration and where each value comes from.",
                            description="Print the effective configuration and where each value comes from.")
    config.add_argument("path", nargs="?", default=".", help="a draft or directory to find the configuration for")
    config.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file")
    config.set_defaults(func=cmd_config)
    review = sub.add_parser("review", help="Walk a draft's conflicting claims on a terminal and fix each with a key.",
                            description="Check a draft, then show its conflicting (then, on request, unverified) "
                                        "claims one at a time: a accepts the suggestion, s suppresses the finding, "
                                        "t sends the claim to the to-do file, n skips, q quits.")
    review.add_argument("path", metavar="DRAFT", help="the draft; edited in place, the version read kept in DRAFT.orig")
    review.add_argument("--db", help="SQLite path or SQLAlchemy URL of the store (default: the bundled store)")
    review.add_argument("--as-of", type=_date, metavar="DATE", help="the date the draft speaks from (YYYY-MM-DD)")
    review.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file, not the one found")
    review.add_argument("--todo", metavar="FILE", help="the curators' to-do file t adds to (default: todo.jsonl)")
    review.set_defaults(func=cmd_review)
    completion = sub.add_parser("completion", help="Print a shell completion script (bash, zsh or tcsh).",
                                description="Print a completion script for your shell, e.g. "
                                            "`verifier completion bash > ~/.local/share/bash-completion/completions/"
                                            "verifier`, or `eval \"$(verifier completion zsh)\"` in ~/.zshrc.")
    completion.add_argument("shell", choices=("bash", "zsh", "tcsh"), help="the shell to complete in")
    completion.set_defaults(func=cmd_completion)
    return parser


def cmd_completion(args) -> int:
    import shtab

    print(shtab.complete(build_parser(), shell=args.shell), end="")
    return EXIT_OK


def _configuration(args):
    from .config import discover, load, with_flags

    first = args.files[0] if hasattr(args, "files") else args.path
    if first == "-":  # standard input: the configuration of the name it stands for, else of the working directory
        first = getattr(args, "stdin_filename", None) or "."
    start = Path(first)
    path = args.config if args.config else discover(start if start.exists() else Path("."))
    config = load(path)
    flags = {k: getattr(args, k, None) for k in ("db", "fail_on", "format", "as_of", "show_consistent")}
    if getattr(args, "quiet", False):
        flags["show_consistent"] = False
    return with_flags(config, **flags)


def cmd_rules(args) -> int:
    from .document import InputError
    from .rulebook import describe, load

    if args.rule is None:
        for rule in load():
            print(f"{rule.id:45} {rule.doc}")
        return EXIT_OK
    try:
        print(describe(args.rule), end="")
    except KeyError:
        raise InputError(f"no rule {args.rule!r}; `verifier rules` lists them") from None
    return EXIT_OK


def cmd_config(args) -> int:
    config = _configuration(args)
    print(f"configuration file: {config.file or '(none found; defaults)'}")
    for key, source in config.sources.items():
        value = config.shown(key)  # a store URL without its password
        if key == "overrides":
            value = [{"paths": list(o.paths), "severity": o.severity} for o in value]
        elif isinstance(value, tuple):
            value = list(value)
        print(f"{key} = {json.dumps(value)}    # {source}")
    return EXIT_OK


def cmd_review(args) -> int:
    from .review import review

    return review(args.path, _configuration(args), args.todo)


def cmd_check(args) -> int:
    from dataclasses import replace

    from claims_db.query import Reader

    from .document import InputError
    from .report import write
    from .run import stream

    config = _configuration(args)
    baseline = _read_baseline(args.baseline) if args.baseline else None
    if args.diff and "-" in args.files:
        raise InputError("--diff cannot read standard input: give the draft's path")
    reader = Reader(config.db, shown=config.db_as_written, include_drafts=args.include_drafts)
    today = dt.datetime.now(dt.timezone.utc).date()
    to_stdout = not args.output and not args.write_baseline
    # The progress line would break into a report streaming to the same terminal.
    progress = sys.stderr.isatty() and not args.quiet and not (to_stdout and sys.stdout.isatty())
    run = stream(args.files, config, reader, today, baseline, args.diff, max(1, args.jobs),
                 progress=_progress if progress else None, show_consistent=config.shows_consistent(),
                 stdin=getattr(sys.stdin, "buffer", None), stdin_name=args.stdin_filename,
                 writes=(args.output,) if args.output else ())
    colour = wants_colour(args.color, os.environ, writes_terminal=args.output is None and sys.stdout.isatty())
    with contextlib.ExitStack() as files:
        # Every file the run writes is opened before the first draft is checked: one that cannot be written stops
        # the run with nothing written, and each is renamed into place only once the report is whole.
        from .output import AtomicFile

        report = files.enter_context(AtomicFile(args.output, "report")) if args.output else None
        effects = files.enter_context(_Effects(args, baseline, config.fail_on))
        out = report or (_Stdout(sys.stdout) if to_stdout else None)
        observed = replace(run, files=effects.each(run.files))
        if out is None:  # --write-baseline without -o: the report goes nowhere
            for _ in observed.files:
                pass
        else:
            write("statistics" if args.statistics else config.format, observed, out, colour=colour,
                  explain=args.explain)
        if report:  # first: when the report cannot be written, nothing else is
            report.commit()
        elif out is not None:
            out.close()
        effects.finish(run.errors)
    # Writing a baseline accepts today's findings: the run succeeds, and the report is only written where -o says.
    args.exit_code = EXIT_FINDINGS if effects.failing else EXIT_OK
    if not effects.files and not run.errors:
        print("verifier: nothing to check: no drafts (.md, .markdown, .txt, .html) in the paths given, or every one "
              "is ignored by the configuration", file=sys.stderr)
    for error in run.errors:  # one line each on stderr, whatever the format; the others were checked
        print(f"verifier: error: {error.message}", file=sys.stderr)
    if run.errors:
        args.exit_code = EXIT_ERROR
    return args.exit_code


class _Effects:
    """What a check does beside its report, file by file as the report is written: the exit code's verdict, the new
    baseline, the count the old one hid, the to-do list and the corrected copies. Nothing is kept per finding."""

    def __init__(self, args, baseline: set[tuple[str, str]] | None, fail_on: str) -> None:
        from .output import AtomicFile
        from .report.jsonstream import Items, around

        self._args, self._baseline = args, baseline
        self._failing = () if args.write_baseline else FAIL_LEVELS[fail_on]
        self.failing, self.files, self._hidden, self._suggested = False, 0, 0, []
        self._stack = contextlib.ExitStack()
        self._new_baseline = self._todo = None
        if args.write_baseline:
            self._new_baseline = self._stack.enter_context(AtomicFile(args.write_baseline, "baseline"))
            head, self._baseline_end = around((("version", 1),), "findings")
            self._new_baseline.write(head)
            self._entries = Items(self._new_baseline, level=1)
        if args.todo:
            self._todo = self._stack.enter_context(AtomicFile(args.todo, "to-do list"))

    def each(self, files):
        """The files, each one's effects done as it passes."""
        from . import suggest, todo

        for file in files:
            self.files += 1
            self.failing = self.failing or any(f.verdict.value in self._failing for f in file.findings)
            if self._baseline is not None:
                self._hidden += sum((file.path, x.fingerprint) in self._baseline for x in file.unfiltered)
            if self._new_baseline is not None:  # everything found now, whatever --baseline or --diff hid
                for x in file.unfiltered:
                    if x.verdict.value != "consistent":
                        self._entries.add({"file": file.path, "rule": x.rule.id, "line": x.line,
                                           "text": x.judgement.claim.text, "fingerprint": x.fingerprint})
            if self._todo is not None:
                self._todo.write("".join(map(todo.line, todo.records([file]))))
            if self._args.suggest and (copy := suggest.prepare(file)) is not None:
                self._suggested.append(self._stack.enter_context(copy))  # in place only once the report is
            yield file

    def finish(self, errors) -> None:
        """Put the baseline and the to-do list in place (after the report) and say what was written."""
        args = self._args
        if self._new_baseline is not None:
            if errors:
                print("verifier: error: baseline not written: some drafts could not be checked", file=sys.stderr)
            else:
                self._entries.close()
                self._new_baseline.write(self._baseline_end + "\n")
                self._new_baseline.commit()
                print(f"verifier: {self._entries.count} finding(s) written to {args.write_baseline}",
                      file=sys.stderr)
        if self._baseline is not None:
            print(f"verifier: {self._hidden} finding(s) hidden by the baseline {args.baseline}", file=sys.stderr)
        if self._todo is not None:
            self._todo.commit()
        for copy in self._suggested:
            copy.commit()
            print(f"verifier: corrected copy written to {copy.path}", file=sys.stderr)

    def __enter__(self) -> _Effects:
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()  # what was not put in place is removed


class _Stdout:
    """The report on standard output as UTF-8, whatever the terminal's encoding. A reader that goes away (`| head`)
    ends the writing, not the run: the verdict still decides the exit code."""

    def __init__(self, stream) -> None:
        self._stream, self._buffer, self._broken = stream, getattr(stream, "buffer", None), False
        if self._buffer is not None:
            stream.flush()  # what was printed before stays before

    def write(self, text: str) -> None:
        if not self._broken:
            self._guarded(lambda: self._buffer.write(text.encode("utf-8")) if self._buffer is not None
                          else self._stream.write(text))

    def close(self) -> None:
        if not self._broken:
            self._guarded(lambda: (self._buffer or self._stream).flush())

    def _guarded(self, action) -> None:
        try:
            action()
        except BrokenPipeError:
            self._broken = True
            try:  # Python would fail again flushing it at exit
                os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())
            except (OSError, ValueError, AttributeError):
                pass


def wants_colour(choice: str, environ, writes_terminal: bool) -> bool:
    """--color always/never decides; auto: NO_COLOR (any value) turns it off, FORCE_COLOR (not "0") on, else only
    when the report goes to a terminal. Formats that have no colour ignore it."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return writes_terminal


def _progress(done: int, total: int) -> None:
    """A progress line on stderr when it is a terminal, for long runs of any format: the report itself is never
    touched (it goes to stdout or -o)."""
    if total >= 20:
        end = "\n" if done == total else ""
        print(f"\rchecked {done}/{total} drafts", end=end, file=sys.stderr, flush=True)


def _read_baseline(path: str) -> set[str]:
    from .document import InputError

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {(entry["file"], entry["fingerprint"]) for entry in data["findings"]}
    except FileNotFoundError:
        raise InputError(f"{path}: no such baseline; write one with --write-baseline") from None
    except (ValueError, KeyError, TypeError):
        raise InputError(f"{path}: not a verifier baseline (JSON with a 'findings' list)") from None


def main(argv: list[str] | None = None) -> int:
    from claims_db.errors import StoreError

    from .config import ConfigError
    from .document import InputError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_ERROR if exc.code else EXIT_OK
    try:
        return args.func(args)
    except (InputError, StoreError, ConfigError) as exc:
        print(f"verifier: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader went away: the verdict still decides the exit code
        return getattr(args, "exit_code", EXIT_ERROR)
    except Exception as exc:  # a bug must not look like "findings" (exit 1) to CI
        print(f"verifier: internal error: {exc.__class__.__name__}: {exc} (please report it)", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
