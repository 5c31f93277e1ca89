"""Verdicts on real news drafts written by others (../shared/real-news), scored like the corpus.

    python -m benchmarks.accuracy.realnews [--misses] [--rules] [--only SLUG...]

The drafts, labels and curated store are read at run time from `../shared/real-news/` beside the
project (its README gives the format and the scoring rule); nothing of them is copied here. The
store is the bundled records plus the set's `store.jsonl`; each draft is checked as of its
publication date as written, with one claim made wrong, and with one claim's facts retired.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from . import corpus

REAL_NEWS = Path(__file__).resolve().parents[2].parent / "shared" / "real-news"


def _marked(text: str, raw: dict, where: str) -> corpus.Marked:
    start, end = raw["start"], raw["end"]
    if text[start:end] != raw["span"]:
        raise corpus.CorpusError(f"{where}: claim {raw['id']}: span {raw['span']!r} is not at {start}-{end}")
    facts = tuple(raw.get("facts") or ())
    return corpus.Marked(raw["kind"], start, end, raw["value"], raw.get("unit"), raw.get("value_high"),
                         facts[0] if facts else {}, raw.get("wrong") or {}, raw.get("expected", "consistent"), facts)


def load_drafts(directory: Path = REAL_NEWS, split: str = "real-news") -> list[corpus.Passage]:
    """One passage per draft, its labelled claims in text order, `also_wrong` as claim indices."""
    where = str(directory / "expected.json")
    try:
        expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
        passages = []
        for slug, draft in sorted(expected["drafts"].items()):
            text = (directory / draft["file"]).read_text(encoding="utf-8")
            raws = sorted((c for c in expected["claims"] if c["draft"] == slug), key=lambda c: (c["start"], c["end"]))
            index = {raw["id"]: i for i, raw in enumerate(raws)}
            claims = []
            for raw in raws:
                marked = _marked(text, raw, where)
                also = tuple(index[other] for other in raw.get("also_wrong") or () if other in index)
                claims.append(corpus.Marked(**{**marked.__dict__, "also_wrong": also}))
            traps = tuple((t["start"], t["end"]) for t in draft.get("traps", ()))
            passages.append(corpus.Passage(slug, split, "real-news", dt.date.fromisoformat(draft["as_of"]), text,
                                           tuple(claims), f"{draft['file']}", traps))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise corpus.CorpusError(f"{where}: {type(exc).__name__}: {exc}") from None
    return passages


def facts_files(directory: Path = REAL_NEWS) -> list[str]:
    return [str(corpus.BUNDLED), str(directory / "store.jsonl")]


def available(directory: Path = REAL_NEWS) -> bool:
    return (directory / "expected.json").is_file()


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="python -m benchmarks.accuracy.realnews", description=__doc__.split("\n\n")[0])
    args.add_argument("--misses", action="store_true", help="also list what went wrong")
    args.add_argument("--rules", action="store_true", help="also list, per deciding rule, its verdicts and how many were right")
    args.add_argument("--only", metavar="SLUG", nargs="+", help="score only these drafts")
    args.add_argument("--dir", type=Path, default=REAL_NEWS, help="a set in the real-news layout (default: ../shared/real-news)")
    options = args.parse_args(argv)
    if not available(options.dir):
        print(f"accuracy: real news skipped: no {options.dir / 'expected.json'}")
        return 0
    try:
        passages = load_drafts(options.dir)
        if options.only:
            passages = [p for p in passages if p.id in options.only]
        tallies = corpus.evaluate(passages, facts_files(options.dir))
    except corpus.CorpusError as exc:
        print(f"accuracy: {exc}", file=sys.stderr)
        return 2
    print(corpus.table(tallies))
    print()
    print(corpus.summary(tallies))
    if options.rules:
        print()
        print(corpus.rules_table(tallies["all"]))
    if options.misses:
        print()
        print(corpus.misses(tallies, "all"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
