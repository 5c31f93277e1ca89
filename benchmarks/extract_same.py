"""Whether the extractor still finds the same claims: every field of every claim, over fixed texts.

    python -m benchmarks.extract_same                      # compare with tests/data/extract_fingerprints.json
    python -m benchmarks.extract_same --write-fingerprints # record the current claims as the reference
    python -m benchmarks.extract_same --dump FILE          # every claim as JSON, to diff two versions
    python -m benchmarks.extract_same --diff FILE          # the claims that differ from such a dump

The texts are read at run time: ../shared/real-news drafts, the seed article and its mutated copy,
the Recognizers-Text spec sentences in ../shared/peer-suites, the labelled corpus of
benchmarks/accuracy, tests/data, the examples, the adversarial shapes, and variants of them all
(cut and joined at random places, letters' case and spaces changed) made from a fixed seed.
A speed change must leave each text's claims as they were: the fingerprint of a text is a hash of
its claims, so a test can hold the reference without copying the texts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FINGERPRINTS = ROOT / "tests" / "data" / "extract_fingerprints.json"
AS_OF = dt.date(2025, 6, 30)
VARIANTS = 3  # variants made of each text
SEED = 13


def texts() -> Iterator[tuple[str, str, dt.date]]:
    """(name, text, as-of date) of every text compared, in a fixed order; absent sources are skipped."""
    news = SHARED / "real-news"
    if (news / "expected.json").is_file():
        drafts = json.loads((news / "expected.json").read_text(encoding="utf-8"))["drafts"]
        for slug, draft in sorted(drafts.items()):
            yield f"real-news/{slug}", (news / draft["file"]).read_text(encoding="utf-8"), \
                dt.date.fromisoformat(draft["as_of"])
    for path in sorted([*(SHARED / "seed").glob("*.txt"), *(SHARED / "cases").glob("*.txt")]):
        yield f"shared/{path.name}", path.read_text(encoding="utf-8"), AS_OF
    for path in sorted((SHARED / "peer-suites").rglob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
        inputs = [case["Input"] for case in cases if isinstance(case, dict) and isinstance(case.get("Input"), str)]
        for start in range(0, len(inputs), 50):  # sentences in groups: one document each
            yield f"peers/{path.stem}/{start}", "\n".join(inputs[start:start + 50]), AS_OF
    for path in sorted((ROOT / "benchmarks" / "accuracy" / "corpus").glob("*.jsonl")):
        if path.name.endswith(".facts.jsonl"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            yield f"corpus/{record['id']}", record["text"], dt.date.fromisoformat(record["as_of"])
    data = ROOT / "tests" / "data"
    yield "tests/true-statements", (data / "true-statements.txt").read_text(encoding="utf-8"), AS_OF
    lines = (data / "false-statements.jsonl").read_text(encoding="utf-8").splitlines()
    statements = [json.loads(line)["text"] for line in lines]
    yield "tests/false-statements", "\n".join(statements), AS_OF
    for path in sorted((ROOT / "examples").rglob("*.md")):
        yield f"examples/{path.relative_to(ROOT / 'examples')}", path.read_text(encoding="utf-8"), AS_OF
    from benchmarks.adversarial import INPUTS, build
    for name, unit in INPUTS.items():
        yield f"adversarial/{name}", build(unit, 2000), AS_OF


def with_variants(sources) -> Iterator[tuple[str, str, dt.date]]:
    """Each text, then variants of it: joined to a cut of the next, case and spaces changed at random. A variant is
    named by both its texts and drawn from a generator seeded by them, so adding or dropping a source (a missing
    ../shared) changes no other text's variants."""
    sources = list(sources)
    for index, (name, text, as_of) in enumerate(sources):
        yield name, text, as_of
        other_name, other = sources[(index + 1) % len(sources)][:2]
        rng = random.Random(f"{SEED}/{name}/{other_name}")
        for n in range(VARIANTS):
            cut, other_cut = rng.randrange(len(text) + 1), rng.randrange(len(other) + 1)
            chars = list(text[:cut] + other[other_cut:])
            for _ in range(len(chars) // 40):
                i = rng.randrange(len(chars))
                chars[i] = rng.choice((chars[i].swapcase(), chars[i] + " ", "", chars[i] + "-", chars[i] + "\n"))
            yield f"{name}~{other_name}~{n}", "".join(chars), as_of


def claims_of(name: str, text: str, as_of: dt.date) -> list:
    """Every field of every claim extracted from the text, as JSON-ready lists."""
    from verifier.document import load
    from verifier.extract.registry import extract

    suffix = Path(name.split("~")[0]).suffix or ".txt"
    return [[c.kind, c.start, c.end, c.text, c.value, c.unit, c.hedge, c.value_high, c.anchor, c.figure_end,
             c.precision, c.noun, [[k, v] for k, v in c.details]]
            for c in extract(load("draft" + suffix, text, as_of))]


def fingerprint(claims: list) -> str:
    return hashlib.sha256(json.dumps(claims, sort_keys=True, default=repr).encode()).hexdigest()[:16]


def current() -> dict[str, list]:
    return {name: claims_of(name, text, as_of) for name, text, as_of in with_variants(texts())}


def differences(reference: dict[str, str], claims: dict[str, list]) -> list[str]:
    """The texts whose claims' fingerprint is not the reference's (texts absent here are not compared)."""
    return [name for name, found in claims.items() if name in reference and reference[name] != fingerprint(found)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extract_same", description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-fingerprints", action="store_true", help=f"write {FINGERPRINTS.relative_to(ROOT)}")
    parser.add_argument("--dump", type=Path, help="write every claim of every text to this JSON file")
    parser.add_argument("--diff", type=Path, help="compare with a file written by --dump and list what differs")
    args = parser.parse_args(argv)
    claims = current()
    total = sum(len(found) for found in claims.values())
    if args.write_fingerprints:
        FINGERPRINTS.write_text(json.dumps({name: fingerprint(found) for name, found in claims.items()}, indent=0,
                                           sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote fingerprints of {len(claims):,} texts ({total:,} claims) to {FINGERPRINTS}")
        return 0
    if args.dump:
        args.dump.write_text(json.dumps(claims, default=repr), encoding="utf-8")
        print(f"wrote {total:,} claims of {len(claims):,} texts to {args.dump}")
        return 0
    if args.diff:
        before = json.loads(args.diff.read_text(encoding="utf-8"))
        now = json.loads(json.dumps(claims, default=repr))
        changed = [name for name in now if name in before and before[name] != now[name]]
        for name in changed:
            old, new = {json.dumps(c) for c in before[name]}, {json.dumps(c) for c in now[name]}
            print(f"{name}:")
            for line in sorted(old - new):
                print(f"  - {line}")
            for line in sorted(new - old):
                print(f"  + {line}")
        print(f"{len(changed)} of {len(now):,} texts differ")
        return 1 if changed else 0
    reference = json.loads(FINGERPRINTS.read_text(encoding="utf-8"))
    changed = differences(reference, claims)
    for name in changed:
        print(f"differs: {name}")
    print(f"{len(claims):,} texts, {total:,} claims; {len(changed)} differ from the reference")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
