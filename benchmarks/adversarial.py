"""Adversarial inputs: time of a whole `verifier check` as each input doubles in size.

    python -m benchmarks.adversarial [--start KB] [--stop KB] [--limit SECONDS]

Each input is a small pattern repeated (the shapes that once made a check grow faster than
its input: unclosed markup, a figure per word, a sentence that never ends). The input
doubles from --start to --stop KB; the table prints each run's seconds and the ratio to the
run before, which stays about 2 when time grows linearly (the issue's bound: <= 2.2), and the
exponent k of time ~ size^k over the whole series (1 is linear). A run over --limit seconds ends
that input's series.
"""

from __future__ import annotations

import argparse
import io
import math
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

# name (its suffix picks the format) -> the repeated unit
INPUTS = {
    "meta-date.html": '<meta name="date" ',
    "ones.txt": "1 ",
    "long-line.txt": "India and Pakistan signed 12 deals with Russia as China watched ",
    "twenty-six.txt": "twenty-six ",
    "link-open.md": "](",
    "comment-open.html": "<!-- 26 ",
    "tag-open.html": "<a 26 ",
    "script-open.html": "<script>26 ",
    "brackets.md": "[26 ",
    "digits-dots.txt": "1.2.3.4.5 ",
    "dotted-run.txt": "a.1.",  # no space: one run an e-mail address could start anywhere in
    "money-words.txt": "$5 million two ",
    "dates.txt": "on 5 June 2024, ",
}


def build(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def run_check(path: Path) -> float:
    from verifier.cli import main

    started = time.perf_counter()
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        main(["check", str(path), "--format", "json", "--as-of", "2025-06-30", "--fail-on", "never", "--jobs", "1"])
    return time.perf_counter() - started


def series(name: str, unit: str, start_kb: int, stop_kb: int, limit: float, work: Path) -> list[tuple[int, float]]:
    rows, size = [], start_kb * 1024
    while size <= stop_kb * 1024:
        path = work / name
        path.write_text(build(unit, size), encoding="utf-8")
        seconds = run_check(path)
        rows.append((size, seconds))
        if seconds > limit:
            break
        size *= 2
    return rows


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="python -m benchmarks.adversarial", description=__doc__.split("\n\n")[0])
    args.add_argument("--start", type=int, default=64, help="first size in KB (default 64)")
    args.add_argument("--stop", type=int, default=1024, help="last size in KB (default 1024)")
    args.add_argument("--limit", type=float, default=60.0, help="end an input's series after a run this long")
    args.add_argument("--only", nargs="+", metavar="NAME", help="these inputs only")
    options = args.parse_args(argv)
    worst = 0.0
    print("| input | " + " | ".join(f"{s} KB" for s in _sizes(options)) + " | worst ratio | exponent |")
    print("|---|" + "---|" * (len(_sizes(options)) + 2))
    with tempfile.TemporaryDirectory() as work:
        for name, unit in INPUTS.items():
            if options.only and name not in options.only:
                continue
            rows = series(name, unit, options.start, options.stop, options.limit, Path(work))
            ratios = [b / a for (_, a), (_, b) in zip(rows, rows[1:]) if a > 0.05]
            cells = [f"{seconds:.2f} s" + (f" (x{seconds / rows[i - 1][1]:.2f})" if i and rows[i - 1][1] > 0.05 else "")
                     for i, (_, seconds) in enumerate(rows)]
            cells += ["—"] * (len(_sizes(options)) - len(cells))
            ratio = max(ratios, default=0.0)
            worst = max(worst, ratio)
            # Time ~ size^k over the whole series: 1 is linear, and less noisy than one doubling's ratio.
            (first_size, first), (last_size, last) = rows[0], rows[-1]
            exponent = math.log(last / first) / math.log(last_size / first_size) if len(rows) > 1 and first > 0 else 0.0
            print(f"| {name} | " + " | ".join(cells) + f" | {ratio:.2f} | {exponent:.2f} |", flush=True)
    print(f"\nworst time ratio per doubling: {worst:.2f} (bound: 2.2)")
    return 0


def _sizes(options) -> list[int]:
    sizes, size = [], options.start
    while size <= options.stop:
        sizes.append(size)
        size *= 2
    return sizes


if __name__ == "__main__":
    sys.exit(main())
