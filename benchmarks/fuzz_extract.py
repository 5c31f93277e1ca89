"""Fuzz the extractor for a bounded time: every claim's span must lie in the text and equal its words.

    python -m benchmarks.fuzz_extract [--seconds 60]

With atheris installed (`pip install atheris`, coverage-guided, needs clang to build) it drives the
extractor through libFuzzer; without it, the same property is checked on random drafts built from
the pieces the extractors react to, for the same time. Either way a failure prints the input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time

from verifier.document import load
from verifier.extract.registry import extract

PIECES = ["26", "1,250", "twenty-six", "third", "$4.5bn", "12%", "4.5%-4.75%", "June 25", "2024", "a fortnight",
          "after", "killed", "people", "Minister", ". ", "\n", "\r", "(", ")", "-", " ", "—", "½", "١٢", "\u202e"]


def check_one(text: str) -> None:
    document = load("fuzz.txt", text, dt.date(2025, 1, 10))
    for claim in extract(document):
        if not (0 <= claim.start <= claim.end <= len(text)) or text[claim.start:claim.end] != claim.text:
            raise AssertionError(f"claim {claim.text!r} at {claim.start}-{claim.end} is not the text there: {text!r}")


def _random(seconds: float) -> int:
    rng, done, stop = random.Random(7), 0, time.monotonic() + seconds
    while time.monotonic() < stop:
        check_one("".join(rng.choice(PIECES) if rng.random() < 0.8 else chr(rng.randrange(32, 0x3000))
                          for _ in range(rng.randrange(60))))
        done += 1
    return done


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="python -m benchmarks.fuzz_extract", description=__doc__.split("\n\n")[0])
    args.add_argument("--seconds", type=float, default=60.0)
    options, rest = args.parse_known_args(argv)
    try:
        import atheris
    except ImportError:
        print(f"atheris not installed: random drafts for {options.seconds:.0f} s")
        print(f"{_random(options.seconds)} inputs, no failure")
        return 0

    def one_input(data: bytes) -> None:
        check_one(atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(400))

    atheris.Setup([sys.argv[0], f"-max_total_time={int(options.seconds)}", *rest], one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
