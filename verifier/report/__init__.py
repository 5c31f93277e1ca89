"""Renderers: each turns a run into one output format and nothing else.

A format is a module of this package with `write(run, out, colour=False, explain=False)`, which writes the
report to `out` file by file as `run.files` yields them (`explain`: also the rules behind each verdict, where
the format is for people to read); FORMATS lists them, so adding one touches its module and this line.
A format whose head depends on the whole run (totals, a worst severity) spools the files' part (spool.py).
"""

from __future__ import annotations

import importlib
import io
import re
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..run import AnyRun, RunResult

GENERATOR = "claim-verifier"  # named in the reports it writes, so a later check of that folder skips them
GENERATED_MARK = f'<meta name="generator" content="{GENERATOR}'.encode()
FORMATS = ("text", "json", "concise", "html", "sarif", "github", "junit", "rdjson", "claimreview")
# Formats whose every entry is an alert (on a pull request, in an editor's problem list): they carry findings
# (conflicting, unverified) and no consistent claims unless asked (--show-consistent). The others are reports, where
# a consistent claim is evidence an editor reads (text, html), data (json, claimreview) or a passing test (junit).
FINDINGS_ONLY = ("concise", "sarif", "github", "rdjson")


# Unicode bidi controls reorder what a reader sees ("Trojan Source"): every report shows them, never obeys them.
BIDI = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
JSON_FORMATS = ("json", "sarif", "rdjson", "claimreview")
_ANY_BIDI = re.compile("[" + "".join(map(chr, BIDI)) + "]")


class Writer(Protocol):
    """Where a report goes: a file, standard output, a spool, a string."""

    def write(self, text: str) -> None: ...


class _Shown:
    """A writer that shows bidi controls as escapes, whatever piece of the report holds them."""

    def __init__(self, out, json_format: bool) -> None:
        self._out = out
        self._table = {code: ("\\u{:04x}" if json_format else "[U+{:04X}]").format(code) for code in BIDI}

    def write(self, text: str) -> None:
        if _ANY_BIDI.search(text):
            text = text.translate(self._table)  # JSON: an escape inside its string
        self._out.write(text)


def write(name: str, run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    """Write `run`'s report in format `name` to `out` (anything with `write(str)`), file by file."""
    module = importlib.import_module(f"{__name__}.{name}")
    module.write(run, _Shown(out, name in JSON_FORMATS), colour=colour, explain=explain)


def render(name: str, result: RunResult, colour: bool = False, explain: bool = False) -> str:
    """The whole report as one string."""
    buffer = io.StringIO()
    write(name, result, buffer, colour=colour, explain=explain)
    return buffer.getvalue()
