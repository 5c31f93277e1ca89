"""Accuracy: our extractor and quantulum3 on the peers' English test cases, then our verdicts
on the labelled news corpus (benchmarks/accuracy/corpus.py).

    python -m benchmarks.accuracy [--misses [SUITE]] [--min-seconds 0.5] [--skip-peers]

Prints the tables and exits 0; non-zero only on an error, never on a low score. See
benchmarks/accuracy/README.md for the scoring rules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import warnings
from collections import Counter

from verifier.document import load
from verifier.extract.registry import extract

from . import corpus
from .peers import PEER_SUITES, RECOGNIZERS, SUBUNITS, Item, Score, Suite, load_suite, score_case

AS_OF = dt.date(2024, 12, 5)  # the date of the copied specs; no suite here depends on it

# name, file, whether quantulum3 is scored on it
SUITES = (
    ("Number", "Number/English/NumberModel.json", True),
    ("Percent", "Number/English/PercentModel.json", True),
    ("Ordinal", "Number/English/OrdinalModel.json", False),
    ("NumberRange", "Number/English/NumberRangeModel.json", False),
    ("Currency", "NumberWithUnit/English/CurrencyModel.json", True),
    ("Duration", "DateTime/English/DurationExtractor.json", False),
)

RANGE = {"gt": lambda v, h: ("(", v, None, ")"), "ge": lambda v, h: ("[", v, None, ")"),
         "lt": lambda v, h: ("(", None, v, ")"), "le": lambda v, h: ("(", None, v, "]"),
         "range": lambda v, h: ("[", v, h, "]")}
# The peer writes every "between a and b", "a-b", "a to b" as half-open [a,b); ours is the same
# phrase, so a range whose text did not fix its brackets is scored in the peer's notation.
PEER_RANGE = ("[", ")")


def interval(claim) -> tuple | None:
    """Our quantity claim as the peer's interval, or None when it states no bound."""
    value, high = float(claim.value), None if claim.value_high is None else float(claim.value_high)
    bounds = claim.detail("bounds")
    if claim.hedge is None:
        return ("[", value, value, "]") if bounds == "[]" else None  # "equal to 20"
    if claim.hedge not in RANGE:
        return None
    if claim.hedge == "range":
        low, up = bounds or "".join(PEER_RANGE)
        return (low, value, high, up)
    return RANGE[claim.hedge](value, high)


# --- our extractor ----------------------------------------------------------------------

def ours_claims(text: str):
    return extract(load("case.txt", text, as_of=AS_OF))


def ours_items(suite: str, claims) -> list[Item]:
    items = []
    for c in claims:
        if suite == "Number" and c.kind in ("quantity", "money", "percent"):
            start, end = (c.anchor, c.figure_end) if c.figure_end > c.anchor else (c.start, c.end)
            items.append(Item(start, end, float(c.value)))
            if c.value_high is not None:
                items.append(Item(start, end, float(c.value_high)))
        elif suite == "Percent" and c.kind == "percent":
            items.append(Item(c.start, c.end, float(c.value)))
        elif suite == "Ordinal" and c.kind == "ordinal":
            start, end = (c.anchor, c.figure_end) if c.figure_end > c.anchor else (c.start, c.end)
            items.append(Item(start, end, float(c.value)))
        elif suite == "Currency" and c.kind == "money":
            items.append(Item(c.start, c.end, float(c.value), c.unit))
        elif suite == "NumberRange" and c.kind == "quantity" and interval(c) is not None:
            items.append(Item(c.start, c.end, interval(c)))
        elif suite == "Duration" and c.kind == "duration":
            items.append(Item(c.start, c.end, None))
    return items


# --- quantulum3 -------------------------------------------------------------------------

def quantulum_parser():
    """quantulum3's parser after one warm-up call (its first call loads its data), or None."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from quantulum3 import parser
        except ImportError:
            return None
        parser.parse("warm-up: 3 km and $5")
    return parser


def quantulum_items(suite: str, quantities) -> list[Item]:
    items = []
    for q in quantities:
        try:
            value = float(q.value)
        except (TypeError, ValueError):
            continue
        start, end = q.span
        if suite == "Number":
            items.append(Item(start, end, value))
        elif suite == "Percent" and q.unit.name == "percentage":
            items.append(Item(start, end, value))
        elif suite == "Currency" and q.unit.entity.name == "currency":
            code, parts = SUBUNITS.get(q.unit.name.lower(), (getattr(q.unit, "currency_code", None), 1))
            items.append(Item(start, end, value / parts, code))  # like the expected values: "34 cents" is 0.34
    return items


# --- running ------------------------------------------------------------------------------

def timed(run, texts: list[str], min_seconds: float) -> tuple[list, float]:
    """The results of the first pass, and KB/s over as many passes as fill `min_seconds`."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    results, passes, started = None, 0, time.perf_counter()
    while True:
        out = [run(t) for t in texts]
        results = results or out
        passes += 1
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            return results, size * passes / 1000 / elapsed


def run_suite(suite: Suite, parser, scored_by_peer: bool, min_seconds: float) -> dict:
    texts = [case.text for case in suite.cases]
    claims, ours_kbs = timed(ours_claims, texts, min_seconds)
    ours = Score()
    for case, found in zip(suite.cases, claims):
        score_case(ours, case, ours_items(suite.name, found))
    peer, peer_kbs = None, None
    if parser is not None and scored_by_peer:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantities, peer_kbs = timed(parser.parse, texts, min_seconds)
        peer = Score()
        for case, found in zip(suite.cases, quantities):
            score_case(peer, case, quantulum_items(suite.name, found))
    return {"suite": suite, "ours": ours, "peer": peer, "ours_kbs": ours_kbs, "peer_kbs": peer_kbs}


def _prf(score: Score | None) -> list[str]:
    if score is None:
        return ["-", "-", "-"]
    return [f"{score.precision:.2f}", f"{score.recall:.2f}", f"{score.f1:.2f}"]


def table(rows: list[dict]) -> str:
    head = ["suite", "cases", "ours P", "R", "F1", "quantulum3 P", "R", "F1", "ours KB/s", "quantulum3 KB/s"]
    body = []
    for row in rows:
        body.append([row["suite"].name, str(len(row["suite"].cases)), *_prf(row["ours"]), *_prf(row["peer"]),
                     f"{row['ours_kbs']:.0f}", "-" if row["peer_kbs"] is None else f"{row['peer_kbs']:.1f}"])
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


def details(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        suite, ours, peer = row["suite"], row["ours"], row["peer"]
        excluded = sum(suite.excluded_results.values())
        line = (f"{suite.name}: {suite.path}; ours tp {ours.tp} fp {ours.fp} fn {ours.fn}, exact spans {ours.exact}")
        if suite.name == "Currency":
            line += f", unit agrees {ours.unit_ok}"
        if peer is not None:
            line += f"; quantulum3 tp {peer.tp} fp {peer.fp} fn {peer.fn}, exact spans {peer.exact}"
            if suite.name == "Currency":
                line += f", unit agrees {peer.unit_ok}"
        if excluded or suite.excluded_cases:
            reasons = "; ".join(f"{n} {reason}" for reason, n in suite.excluded_results.items())
            line += f"\n    excluded: {suite.excluded_cases} case(s), {excluded} expected result(s): {reasons}"
        lines.append(line)
    return "\n".join(lines)


def misses(rows: list[dict], which: str) -> str:
    lines = []
    for row in rows:
        if which not in ("all", row["suite"].name):
            continue
        found = row["ours"].misses
        lines.append(f"== {row['suite'].name}: our misses by kind: "
                     + ", ".join(f"{k} {n}" for k, n in Counter(m[0] for m in found).most_common()))
        for kind, text, detail in found:
            lines.append(f"  {kind:11} {detail}   in {text[:100]!r}")
    return "\n".join(lines)


def peers(options) -> None:
    """Part 1: extraction on the peers' suites, ours and quantulum3."""
    if not RECOGNIZERS.is_dir():
        print(f"accuracy: peers' suites skipped: none at {RECOGNIZERS} (expected ../shared/peer-suites "
              f"beside the project)")
        return
    parser = quantulum_parser()
    if parser is None:
        print("accuracy: quantulum3 is not installed (.venv/bin/pip install quantulum3); scoring ours only")
    rows = []
    for name, relative, scored_by_peer in SUITES:
        suite = load_suite(name, relative)
        if suite is None:
            print(f"accuracy: skipped {name}: {PEER_SUITES.name}/{RECOGNIZERS.name}/{relative} is absent")
            continue
        rows.append(run_suite(suite, parser, scored_by_peer, options.min_seconds))
    print(table(rows))
    print()
    print(details(rows))
    if options.misses:
        print()
        print(misses(rows, options.misses))


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__.split("\n\n")[0])
    args.add_argument("--misses", nargs="?", const="all", metavar="SUITE",
                      help="also list our misses on the peers' suites (all, or one: Number, Percent, ...)")
    args.add_argument("--min-seconds", type=float, default=0.5,
                      help="repeat each timed pass until this many seconds have gone by (default 0.5)")
    args.add_argument("--skip-peers", action="store_true", help="score the news corpus only")
    options = args.parse_args(argv)
    if not options.skip_peers:
        print("== Extraction on the peers' own test suites\n")
        peers(options)
        print()
    print("== Verdicts on the labelled news corpus (benchmarks/accuracy/corpus)\n")
    return corpus.main([])


if __name__ == "__main__":
    sys.exit(main())
