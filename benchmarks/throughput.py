"""Throughput: extraction alone and the whole check, in megabytes of draft per second.

    python -m benchmarks.throughput [--copies 100]

The text is the example draft of the README repeated (each copy a new paragraph),
checked against the bundled store; the figures are the median of five runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sco-defence-talks.md"


def _median_seconds(work, runs: int = 5) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput", description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of the example draft (default 100)")
    args = parser.parse_args(argv)

    from claims_db.query import Reader
    from verifier.check import Checker, Options
    from verifier.document import load
    from verifier.extract.registry import extract

    body = EXAMPLE.read_text(encoding="utf-8").split("---", 2)[2]
    text = "\n".join([body] * args.copies)
    megabytes = len(text.encode("utf-8")) / 1e6
    as_of = dt.date(2025, 6, 30)
    extraction = _median_seconds(lambda: extract(load("bench.md", text, as_of)))
    checker = Checker(Reader(None), Options(as_of=as_of))
    whole = _median_seconds(lambda: checker.check_text("bench.md", text))
    claims = len(extract(load("bench.md", text, as_of)))
    print(f"{megabytes:.2f} MB of draft ({args.copies} copies of the example), {claims:,} claims")
    print(f"  extraction only : {extraction:6.2f} s  {megabytes / extraction:5.2f} MB/s")
    print(f"  whole check     : {whole:6.2f} s  {megabytes / whole:5.2f} MB/s  (extract, link, judge)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
