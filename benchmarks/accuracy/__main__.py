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

from . import corpus, realnews
from .peers import (DURATION_DAYS, KINDS, PEER_SUITES, RECOGNIZERS, SUBUNITS, Case, Item, Score, Suite,
                    load_quantulum_suite, load_suite, quantulum_item, quantulum_tests_dir, score_case)

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
# quantulum3's own tests: name, file in its package, whether each kind gets a row of its own
QUANTULUM_SUITES = (
    ("quantulum3-own", "quantities.json", True),
    ("quantulum3-ambiguity", "quantities.ambiguity.json", False),
)
OUR_KINDS = {"quantity": "Number", "percent": "Percent", "money": "Currency", "duration": "Duration"}

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


def ours_kind_items(claims) -> list[Item]:
    """Our claims in quantulum3's terms: a range is its midpoint, a duration is in days."""
    items = []
    for c in claims:
        kind = OUR_KINDS.get(c.kind)
        if kind is None:
            continue
        value = float(c.value) if c.value_high is None else (float(c.value) + float(c.value_high)) / 2
        start, end = (c.anchor, c.figure_end) if kind == "Number" and c.figure_end > c.anchor else (c.start, c.end)
        if kind == "Duration":
            value *= DURATION_DAYS[c.unit]
        items.append(Item(start, end, value, c.unit if kind == "Currency" else None, kind))
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


def _valued(quantities):
    """quantulum3's quantities with a numeric value, and that value."""
    for q in quantities:
        try:
            yield q, float(q.value)
        except (TypeError, ValueError):
            continue


def quantulum_items(suite: str, quantities) -> list[Item]:
    items = []
    for q, value in _valued(quantities):
        start, end = q.span
        if suite == "Number":
            items.append(Item(start, end, value))
        elif suite == "Percent" and q.unit.name == "percentage":
            items.append(Item(start, end, value))
        elif suite == "Currency" and q.unit.entity.name == "currency":
            code, parts = SUBUNITS.get(q.unit.name.lower(), (getattr(q.unit, "currency_code", None), 1))
            items.append(Item(start, end, value / parts, code))  # like the expected values: "34 cents" is 0.34
    return items


def quantulum_kind_items(quantities) -> list[Item]:
    """quantulum3's quantities of the in-scope kinds, through the same unit tables as the gold."""
    items = []
    for q, value in _valued(quantities):
        item = quantulum_item(*q.span, value, q.unit.name, q.unit.entity.name, getattr(q.unit, "currency_code", None))
        if item is not None:
            items.append(item)
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


def _by_kind(cases: list[Case], found: list[list[Item]]) -> dict[str, Score]:
    """One score per kind: gold and predictions of that kind only, matched as in score_case."""
    scores = {kind: Score() for kind in KINDS}
    for case, items in zip(cases, found):
        for kind, score in scores.items():
            score_case(score, Case(case.text, [g for g in case.gold if g.kind == kind], case.ignored),
                       [p for p in items if p.kind == kind])
    return scores


def run_quantulum_suite(suite: Suite, parser, by_kind: bool, min_seconds: float) -> list[dict]:
    """The suite's all-kinds row, then (with `by_kind`) a row per kind with expected results."""
    texts = [case.text for case in suite.cases]
    claims, ours_kbs = timed(ours_claims, texts, min_seconds)
    ours = _by_kind(suite.cases, [ours_kind_items(found) for found in claims])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantities, peer_kbs = timed(parser.parse, texts, min_seconds)
    peer = _by_kind(suite.cases, [quantulum_kind_items(found) for found in quantities])
    total_ours, total_peer = Score(), Score()
    for kind in KINDS:
        total_ours.add(ours[kind])
        total_peer.add(peer[kind])
    rows = [{"suite": suite, "name": suite.name, "cases": len(suite.cases), "ours": total_ours, "peer": total_peer,
             "ours_kbs": ours_kbs, "peer_kbs": peer_kbs, "kinds": (ours, peer)}]
    for kind in KINDS if by_kind else ():
        cases = sum(any(g.kind == kind for g in case.gold) for case in suite.cases)
        if cases:
            rows.append({"suite": suite, "name": f"{suite.name} {kind}", "cases": cases, "ours": ours[kind],
                         "peer": peer[kind], "ours_kbs": ours_kbs, "peer_kbs": peer_kbs, "kind": kind})
    return rows


def _prf(score: Score | None) -> list[str]:
    if score is None:
        return ["-", "-", "-"]
    return [f"{score.precision:.2f}", f"{score.recall:.2f}", f"{score.f1:.2f}"]


def table(rows: list[dict]) -> str:
    head = ["suite", "cases", "ours P", "R", "F1", "quantulum3 P", "R", "F1", "ours KB/s", "quantulum3 KB/s"]
    body = []
    for row in rows:
        name, cases = row.get("name", row["suite"].name), row.get("cases", len(row["suite"].cases))
        peer_kbs = "-" if row["peer_kbs"] is None else f"{row['peer_kbs']:.1f}"
        body.append([name, str(cases), *_prf(row["ours"]), *_prf(row["peer"]), f"{row['ours_kbs']:.0f}", peer_kbs])
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


def details(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        if "kind" in row:  # a kind's row of a quantulum3 suite: counted on its suite's line
            continue
        suite, ours, peer = row["suite"], row["ours"], row["peer"]
        excluded = sum(suite.excluded_results.values())
        line = (f"{suite.name}: {suite.path}; ours tp {ours.tp} fp {ours.fp} fn {ours.fn}, exact spans {ours.exact}")
        if suite.name == "Currency":
            line += f", unit agrees {ours.unit_ok}"
        if peer is not None:
            line += f"; quantulum3 tp {peer.tp} fp {peer.fp} fn {peer.fn}, exact spans {peer.exact}"
            if suite.name == "Currency":
                line += f", unit agrees {peer.unit_ok}"
        if "kinds" in row:
            for tool, scores in zip(("ours", "quantulum3"), row["kinds"]):
                line += f"\n    {tool} by kind: " + "; ".join(
                    f"{kind} tp {sc.tp} fp {sc.fp} fn {sc.fn}" for kind, sc in scores.items()
                    if sc.tp + sc.fp + sc.fn)
            line += (f"\n    finds only on an excluded quantity, not scored: ours {ours.ignored}, "
                     f"quantulum3 {peer.ignored}")
        if excluded or suite.excluded_cases:
            reasons = "; ".join(f"{n} {reason}" for reason, n in suite.excluded_results.most_common())
            line += f"\n    excluded: {suite.excluded_cases} case(s), {excluded} expected result(s): {reasons}"
        lines.append(line)
    return "\n".join(lines)


def misses(rows: list[dict], which: str) -> str:
    lines = []
    for row in rows:
        if "kind" in row or which not in ("all", row["suite"].name):
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
    if parser is None:
        print("accuracy: quantulum3's own tests skipped: quantulum3 is not installed")
    for name, filename, by_kind in QUANTULUM_SUITES if parser is not None else ():
        suite = load_quantulum_suite(name, filename)
        if suite is None:
            print(f"accuracy: skipped {name}: {filename} is not in the installed quantulum3 ({quantulum_tests_dir()})")
            continue
        rows.extend(run_quantulum_suite(suite, parser, by_kind, options.min_seconds))
    print(table(rows))
    print()
    print(details(rows))
    if options.misses:
        print()
        print(misses(rows, options.misses))


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__.split("\n\n")[0])
    args.add_argument("--misses", nargs="?", const="all", metavar="SUITE",
                      help="also list our misses on the peers' suites (all, or one: Number, ..., quantulum3-own)")
    args.add_argument("--min-seconds", type=float, default=0.5,
                      help="repeat each timed pass until this many seconds have gone by (default 0.5)")
    args.add_argument("--skip-peers", action="store_true", help="score the news corpus and real news only")
    args.add_argument("--rules", action="store_true", help="also print, per deciding rule, its verdicts and how many were right")
    options = args.parse_args(argv)
    if not options.skip_peers:
        print("== Extraction on the peers' own test suites\n")
        peers(options)
        print()
    print("== Verdicts on the labelled news corpus (benchmarks/accuracy/corpus)\n")
    status = corpus.main(["--rules"] if options.rules else [])
    print("\n== Verdicts on real news drafts by other writers (../shared/real-news)\n")
    return status or realnews.main(["--rules"] if options.rules else [])


if __name__ == "__main__":
    sys.exit(main())
