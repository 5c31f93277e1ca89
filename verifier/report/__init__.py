"""Renderers: each turns a RunResult into one output format and nothing else.

A format is a module of this package with `render(result, colour=False, explain=False) -> str`
(`explain`: also the rules behind each verdict, where the format is for people to read);
FORMATS lists them, so adding one touches its module and this line.
"""

from __future__ import annotations

import importlib

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


def render(name: str, result, colour: bool = False, explain: bool = False) -> str:
    output = importlib.import_module(f"{__name__}.{name}").render(result, colour=colour, explain=explain)
    if not any(chr(code) in output for code in BIDI):
        return output
    shown = "\\u{:04x}" if name in JSON_FORMATS else "[U+{:04X}]"  # JSON: an escape inside its string
    return output.translate({code: shown.format(code) for code in BIDI})
