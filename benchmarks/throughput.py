"""Throughput: extraction and the whole check in MB of draft per CPU second, beside quantulum3 and Recognizers-Text.

    python -m benchmarks.throughput [--copies 10] [--runs 7] [--peer-runs 3]

Two texts, read at run time from ../shared/real-news: claim-dense news (the ten drafts' bodies,
one after another) and sparse news (only their sentences without a digit). Each is repeated
`--copies` times. On the same text in the same run it times our extraction (reading the draft
and the seven kinds over the whole text; and the kinds alone, on a draft read beforehand), our
whole check against the bundled store (extract, link, judge), quantulum3's
`parser.parse` and Recognizers-Text's `recognize_number` (English), and prints the ratios.
The peers are fed one sentence per call, the way they run fastest (quantulum3 fed a whole text
is ten times slower: its cost grows with the input). Times are CPU seconds of this process
(`time.process_time`), the median of the runs, so other work on the machine disturbs them less;
each run reads a fresh copy of the text (a blank line more), so no cache of an earlier run is timed.
The peers are the `bench` extra (`pip install -e '.[bench]'`); without them their rows say so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

NEWS = Path(__file__).resolve().parents[2] / "shared" / "real-news" / "drafts"
AS_OF = dt.date(2025, 6, 30)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def texts(copies: int) -> dict[str, str]:
    """The claim-dense and the sparse text, each `copies` times over."""
    drafts = [path.read_text(encoding="utf-8").strip() for path in sorted(NEWS.glob("*.txt"))]
    if not drafts:
        raise SystemExit(f"no drafts in {NEWS}: the texts are read from ../shared/real-news")
    dense = "\n\n".join(drafts)
    sparse = "\n\n".join(s for s in _sentences(dense) if not re.search(r"\d", s))
    return {"claim-dense news": "\n\n".join([dense] * copies), "sparse news": "\n\n".join([sparse] * copies)}


def cpu_seconds(work: Callable, text: str, runs: int, prepare: Callable | None = None) -> float:
    """The median CPU time of `work` over `runs` fresh copies of the text (given `prepare`d, untimed, if any)."""
    timings = []
    for run in range(runs):
        fresh = text + "\n" * (run + 1)
        given = prepare(fresh) if prepare else fresh
        started = time.process_time()
        work(given)
        timings.append(time.process_time() - started)
    return statistics.median(timings)


def peers() -> dict[str, Callable[[str], object] | str]:
    """Each peer's work on a text, one sentence per call, or why it cannot run."""
    found: dict[str, Callable[[str], object] | str] = {}
    try:
        warnings.filterwarnings("ignore", module="quantulum3")
        from quantulum3 import parser as quantulum

        quantulum.parse("warm up with 3 words")  # its first call loads its tables
        found["quantulum3 parse"] = lambda text: [quantulum.parse(s) for s in _sentences(text)]
    except ImportError:
        found["quantulum3 parse"] = "not installed (pip install -e '.[bench]')"
    try:
        from recognizers_number import Culture, recognize_number

        recognize_number("warm up with 3 words", Culture.English)
        found["Recognizers-Text recognize_number"] = \
            lambda text: [recognize_number(s, Culture.English) for s in _sentences(text)]
    except ImportError:
        found["Recognizers-Text recognize_number"] = "not installed (pip install -e '.[bench]')"
    return found


def _sentences(text: str) -> list[str]:
    return [s for paragraph in text.split("\n\n") for s in SENTENCE_END.split(paragraph) if s.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput", description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of each text (default 10)")
    parser.add_argument("--runs", type=int, default=7, help="runs of ours, for the median (default 7)")
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of each peer (default 3)")
    parser.add_argument("--no-peers", action="store_true", help="time ours only")
    parser.add_argument("--db", action="append", default=[], metavar="PATH|URL",
                        help="also time the whole check against this store (repeatable), e.g. check_scale's "
                             "1M-fact store: /tmp/bench_stores/check-1000000.sqlite")
    args = parser.parse_args(argv)

    from claims_db.query import Reader
    from verifier.check import Checker, Options
    from verifier.document import load
    from verifier.extract.registry import extract

    checker = Checker(Reader(None), Options(as_of=AS_OF))
    ours = {"ours, extraction (7 kinds)": (lambda text: extract(load("bench.txt", text, AS_OF)), None),
            "ours, extraction of a loaded draft": (extract, lambda text: load("bench.txt", text, AS_OF)),
            "ours, whole check": (lambda text: checker.check_text("bench.txt", text), None)}
    for db in args.db:
        big = Checker(Reader(db), Options(as_of=AS_OF))
        ours[f"ours, whole check, {Path(db).name}"] = (lambda text, big=big: big.check_text("bench.txt", text), None)
    others = {} if args.no_peers else peers()
    for name, text in texts(args.copies).items():
        megabytes = len(text.encode("utf-8")) / 1e6
        claims = len(extract(load("bench.txt", text, AS_OF)))
        print(f"{name}: {megabytes:.3f} MB ({args.copies} copies), {claims:,} claims of ours, "
              f"{claims / megabytes / 1000:.1f} per KB")
        rates = {}
        for label, (work, prepare) in ours.items():
            seconds = cpu_seconds(work, text, args.runs, prepare)
            rates[label] = megabytes / seconds
            print(f"  {label:44s} {seconds:8.3f} s  {rates[label]:7.2f} MB/s")
        extraction = rates["ours, extraction (7 kinds)"]
        for label, work in others.items():
            if isinstance(work, str):
                print(f"  {label:44s} {work}")
                continue
            seconds = cpu_seconds(work, text, args.peer_runs)
            rate = megabytes / seconds
            print(f"  {label:44s} {seconds:8.3f} s  {rate:7.2f} MB/s  (our extraction: {extraction / rate:5.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
