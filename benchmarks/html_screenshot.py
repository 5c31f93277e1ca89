"""Renew docs/html-report.png: the HTML review page of examples/sco-defence-talks.md in headless Chromium.

    python -m benchmarks.html_screenshot            # writes docs/html-report.png
    python -m benchmarks.html_screenshot -o x.png   # elsewhere

It checks the example with the bundled store (the example's front matter gives
its date, so the page is the same on every run) and shows the top of the page
at a laptop's width: the summary, the draft and the first findings, conflicts first.
Needs Debian's `chromium`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.browser import Browser, BrowserError
from verifier.cli import main as verifier

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = Path("examples") / "sco-defence-talks.md"
SCREENSHOT = ROOT / "docs" / "html-report.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-o", "--output", type=Path, default=SCREENSHOT, help="the PNG to write")
    parser.add_argument("--width", type=int, default=1280, help="the window's width in CSS pixels")
    parser.add_argument("--height", type=int, default=1000, help="the window's height in CSS pixels")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        page = Path(directory) / "report.html"
        here = os.getcwd()
        os.chdir(ROOT)  # the page names the draft by the path given: a relative one, as in the README
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                code = verifier(["check", str(EXAMPLE), "--format", "html", "-o", str(page)])
        finally:
            os.chdir(here)
        if code not in (0, 1):
            print(f"html_screenshot: verifier check {EXAMPLE} failed (exit {code})", file=sys.stderr)
            return 2
        try:
            with Browser(args.width, args.height) as browser:
                browser.open(page)
                browser.screenshot(args.output, full_page=False)
        except BrowserError as exc:
            print(f"html_screenshot: {exc}", file=sys.stderr)
            return 2
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
