"""Verdicts on the labelled news corpus: extraction against the editor's claims, and verdicts
on the passages as written, with one claim changed, and with one claim's fact removed.

    python -m benchmarks.accuracy.corpus [--misses [tune|heldout|all]]

The corpus format is in benchmarks/accuracy/corpus/README.md; the scoring rule in
benchmarks/accuracy/README.md. Everything is built in a temporary directory: the store is
the bundled store's records plus every group's facts file, and a removed-fact variant is a copy of
it with that claim's facts retired (a curator's removal: checks no longer see them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from claims_db.interchange import fact_uid, natural_key, parse_files
from claims_db.query import Reader
from claims_db.store import Store
from claims_db.text import normalise
from verifier.check import Checker, Options
from verifier.extract.lexicon import UNIT_DAYS
from verifier.extract.registry import KINDS
from verifier.records import Judgement

CORPUS = Path(__file__).resolve().parent / "corpus"
SPLITS = ("tune", "heldout")
KIND_NAMES = tuple(kind.name for kind in KINDS)
VERDICTS = ("consistent", "conflicting", "unverified")
VARIANTS = ("original", "changed", "removed")
EXPECTED = {"original": "consistent", "changed": "conflicting", "removed": "unverified"}
MISSED = "unverified"  # a claim the tool does not report is, to the editor, a claim left unverified


class CorpusError(Exception):
    """A malformed passage or facts file: names the file and line."""


@dataclass(frozen=True)
class Marked:
    """A claim an editor marked: where it is, what it says, the facts it rests on, a wrong version."""

    kind: str
    start: int
    end: int
    value: object
    unit: str | None
    value_high: float | None
    fact: dict
    wrong: dict
    expected: str = "consistent"  # the verdict on the text as written
    facts: tuple[dict, ...] = ()  # every selector of the facts it rests on (default: `fact` alone)
    also_wrong: tuple[int, ...] = ()  # indices of other claims the wrong variant makes wrong too

    @property
    def selectors(self) -> tuple[dict, ...]:
        return self.facts or (self.fact,)


@dataclass(frozen=True)
class Passage:
    id: str
    split: str
    topic: str
    as_of: dt.date
    text: str
    claims: tuple[Marked, ...]
    origin: str  # file:line
    traps: tuple[tuple[int, int], ...] = ()  # spans that are no claims (designations, period labels)


# --- reading -----------------------------------------------------------------------------

def _marked(text: str, raw: dict, where: str) -> Marked:
    span, nth = raw["span"], int(raw.get("nth", 1))
    start = -1
    for _ in range(nth):
        start = text.find(span, start + 1)
        if start < 0:
            raise CorpusError(f"{where}: span {span!r} (occurrence {nth}) is not in the text")
    if raw["kind"] not in KIND_NAMES:
        raise CorpusError(f"{where}: kind {raw['kind']!r} is not one of {', '.join(KIND_NAMES)}")
    wrong = raw.get("wrong") or {}
    if wrong and wrong.get("from") not in span:
        raise CorpusError(f"{where}: wrong.from {wrong.get('from')!r} is not in span {span!r}")
    fact = raw.get("fact") or {}
    if not fact.get("subject") or not fact.get("predicate"):
        raise CorpusError(f"{where}: claim {span!r} needs fact.subject and fact.predicate")
    return Marked(raw["kind"], start, start + len(span), raw["value"], raw.get("unit"),
                  raw.get("value_high"), fact, wrong)


def load_passages(directory: Path = CORPUS) -> list[Passage]:
    passages, seen = [], set()
    for path in sorted(directory.glob("*.jsonl")):
        if path.name.endswith(".facts.jsonl"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                raw = json.loads(line)
                text = raw["text"]
                passage = Passage(raw["id"], raw["split"], raw["topic"], dt.date.fromisoformat(raw["as_of"]),
                                  text, tuple(_marked(text, c, where) for c in raw["claims"]), where)
            except (ValueError, KeyError, TypeError) as exc:
                raise CorpusError(f"{where}: {type(exc).__name__}: {exc}") from None
            if passage.split not in SPLITS:
                raise CorpusError(f"{where}: split {passage.split!r} is not one of {', '.join(SPLITS)}")
            if passage.id in seen:
                raise CorpusError(f"{where}: duplicate id {passage.id!r}")
            seen.add(passage.id)
            passages.append(passage)
    return sorted(passages, key=lambda p: p.id)


BUNDLED = Path(__file__).resolve().parents[2] / "claims_db" / "data" / "default.jsonl"


def facts_files(directory: Path = CORPUS) -> list[str]:
    """The bundled store's records (a newsroom builds on them), then every group's facts file."""
    return [str(BUNDLED), *(str(p) for p in sorted(directory.glob("*.facts.jsonl")))]


# --- the stores --------------------------------------------------------------------------

class Stores:
    """The corpus store, and copies of it with some facts retired, built once each."""

    def __init__(self, work: Path, files: list[str]):
        self.work, self.base = work, work / "corpus.sqlite"
        parsed = parse_files(files)
        store = Store(str(self.base), create=True)
        store.import_parsed(parsed)
        store.engine.dispose()
        self.facts = [record for record, _ in parsed.of_kind("fact")]
        self.copies: dict[frozenset[str], Path] = {}

    def uids(self, selectors: tuple[dict, ...], where: str) -> frozenset[str]:
        """The ids of every fact a claim's selectors name (subject, predicate, maybe value)."""
        found = set()
        for selector in selectors:
            matched = {fact_uid(natural_key(f)) for f in self.facts
                       if f["subject"] == selector["subject"] and f["predicate"] == selector["predicate"]
                       and ("value" not in selector or _same_value(f["value"], selector["value"]))}
            if not matched:
                raise CorpusError(f"{where}: no fact matches {selector}")
            found |= matched
        return frozenset(found)

    def without(self, uids: frozenset[str]) -> Path:
        if uids not in self.copies:
            path = self.work / f"removed{len(self.copies)}.sqlite"
            shutil.copyfile(self.base, path)
            store = Store(str(path))
            for uid in sorted(uids):
                store.retire(uid)
            store.engine.dispose()
            self.copies[uids] = path
        return self.copies[uids]


def _same_value(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-6)
    return str(a) == str(b)


def check(store: Path, passage: Passage, text: str) -> tuple[Judgement, ...]:
    reader = Reader(str(store))
    try:
        report = Checker(reader, Options(as_of=passage.as_of)).check_text(f"{passage.id}.txt", text)
    finally:
        reader.close()
    return report.judgements


# --- matching ----------------------------------------------------------------------------

def same_value(marked: Marked, judgement: Judgement) -> bool:
    """The editor's normalised value equals ours (numbers within 1e-6, names by their words)."""
    claim = judgement.claim
    if marked.kind == "role":
        ours, theirs = set(normalise(str(claim.value)).split()), set(normalise(str(marked.value)).split())
        return bool(ours) and ours <= theirs
    if marked.kind == "date":
        return str(claim.value) == str(marked.value)
    try:
        equal = math.isclose(float(claim.value), float(marked.value), rel_tol=1e-6)
        if marked.value_high is None and claim.value_high is not None:  # a label on one end of a stated range
            equal = equal or math.isclose(float(claim.value_high), float(marked.value), rel_tol=1e-6)
    except (TypeError, ValueError):
        return False
    if marked.value_high is not None:
        equal = equal and claim.value_high is not None and math.isclose(claim.value_high, marked.value_high,
                                                                        rel_tol=1e-6)
    if marked.kind == "duration" and marked.unit:  # "three decades" is 30 years
        days = UNIT_DAYS.get((claim.unit or "").rstrip("s"), 0) * float(claim.value)
        return math.isclose(days, UNIT_DAYS.get(marked.unit.rstrip("s"), 0) * float(marked.value), rel_tol=1e-6)
    if marked.kind == "money" and marked.unit:
        equal = equal and claim.unit == marked.unit
    return equal


def match(marked: tuple[Marked, ...], spans: list[tuple[int, int]], judgements: tuple[Judgement, ...],
          by_value: bool = True) -> dict[int, int]:
    """Editor claim index -> judgement index: same kind, overlapping spans, and (if asked) equal
    values; one to one, greedy in text order, except that two labels on one span (a range's two
    ends) are both scored on the one claim that states them."""
    taken, pairs = {}, {}
    for i, (m, (start, end)) in enumerate(zip(marked, spans)):
        for j, judgement in enumerate(judgements):
            claim = judgement.claim
            if ((j in taken and taken[j] != (start, end)) or claim.kind != m.kind or claim.end <= start
                    or end <= claim.start or (by_value and not same_value(m, judgement))):
                continue
            taken[j] = (start, end)
            pairs[i] = j
            break
    return pairs


# --- scoring -----------------------------------------------------------------------------

@dataclass
class Tally:
    """Counts for one split."""

    passages: int = 0
    marked: Counter = field(default_factory=Counter)     # kind -> editor claims
    found: Counter = field(default_factory=Counter)      # kind -> our claims
    matched: Counter = field(default_factory=Counter)    # kind -> our claims matching an editor's
    verdicts: dict = field(default_factory=lambda: {v: Counter() for v in VARIANTS})  # (expected, got)
    false_conflicts: Counter = field(default_factory=Counter)  # variant -> claims wrongly conflicting
    judged: Counter = field(default_factory=Counter)            # variant -> claims that could be
    misses: list = field(default_factory=list)
    trap_hits: int = 0  # reported claims on a span that is no claim
    rules: Counter = field(default_factory=Counter)  # (rule id, right or wrong) -> labelled verdicts it decided

    def add(self, other: Tally) -> None:
        self.passages += other.passages
        self.trap_hits += other.trap_hits
        self.rules.update(other.rules)
        for name in ("marked", "found", "matched", "false_conflicts", "judged"):
            getattr(self, name).update(getattr(other, name))
        for variant in VARIANTS:
            self.verdicts[variant].update(other.verdicts[variant])
        self.misses += other.misses

    @property
    def recall(self) -> float:
        return _ratio(sum(self.matched.values()), sum(self.marked.values()))

    @property
    def precision(self) -> float:
        return _ratio(sum(self.matched.values()), sum(self.found.values()))

    def accuracy(self, variant: str) -> float:
        counts = self.verdicts[variant]
        return _ratio(sum(n for (e, g), n in counts.items() if e == g), sum(counts.values()))

    def macro_f1(self) -> float:
        pooled = Counter()
        for variant in VARIANTS:
            pooled.update(self.verdicts[variant])
        scores = []
        for verdict in VERDICTS:
            tp = pooled[(verdict, verdict)]
            predicted = sum(n for (_, g), n in pooled.items() if g == verdict)
            expected = sum(n for (e, _), n in pooled.items() if e == verdict)
            p, r = _ratio(tp, predicted), _ratio(tp, expected)
            scores.append(2 * p * r / (p + r) if p + r else 0.0)
        return sum(scores) / len(scores)

    def false_conflict_rate(self, variant: str) -> float:
        return _ratio(self.false_conflicts[variant], self.judged[variant])


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _verdict(judgements: tuple[Judgement, ...], pairs: dict[int, int], i: int) -> str:
    return judgements[pairs[i]].verdict.value if i in pairs else MISSED


def _count_false_conflicts(tally: Tally, variant: str, judgements: tuple[Judgement, ...],
                           pairs: dict[int, int], expected_conflicting: set[int]) -> None:
    """Of the claims we report, every one called conflicting but those expected to conflict (the one
    changed on purpose, a claim the editor marked wrong) is a false conflict, marked or not (the
    editor sees them all)."""
    allowed = {pairs[i] for i in expected_conflicting if i in pairs}
    tally.judged[variant] += len(judgements)
    for j, judgement in enumerate(judgements):
        if judgement.verdict.value == "conflicting" and j not in allowed:
            tally.false_conflicts[variant] += 1
            tally.misses.append((variant, "false conflict", judgement.claim.text, judgement.reason))


def _tally_verdict(tally: Tally, variant: str, expected: str, judgements, pairs, i: int, text: str) -> None:
    """Count one labelled claim's verdict, the rule that decided it, and a miss when it is wrong."""
    got = _verdict(judgements, pairs, i)
    tally.verdicts[variant][(expected, got)] += 1
    if i in pairs:
        rule = getattr(judgements[pairs[i]], "decided_by", None) or "-"
        tally.rules[(rule, variant, got == expected)] += 1
    if got != expected:
        reason = judgements[pairs[i]].reason if i in pairs else "not extracted"
        tally.misses.append((variant, got, text, reason))


def score_passage(passage: Passage, stores: Stores) -> Tally:
    tally = Tally(passages=1)
    spans = [(m.start, m.end) for m in passage.claims]
    where = passage.origin
    marked_conflicting = {i for i, m in enumerate(passage.claims) if m.expected == "conflicting"}

    judgements = check(stores.base, passage, passage.text)
    tally.marked.update(m.kind for m in passage.claims)
    tally.found.update(j.claim.kind for j in judgements)
    pairs = match(passage.claims, spans, judgements)
    for i, j in pairs.items():
        tally.matched[judgements[j].claim.kind] += 1
    for i, m in enumerate(passage.claims):
        if i not in pairs:
            tally.misses.append(("original", "not extracted", passage.text[m.start:m.end], f"{m.kind} {m.value}"))
            tally.verdicts["original"][(m.expected, MISSED)] += 1
        else:
            _tally_verdict(tally, "original", m.expected, judgements, pairs, i, passage.text[m.start:m.end])
    for j, judgement in enumerate(judgements):
        if j not in pairs.values():
            claim = judgement.claim
            on_trap = any(claim.start < end and start < claim.end for start, end in passage.traps)
            tally.trap_hits += on_trap
            tally.misses.append(("original", "on a trap" if on_trap else "not marked", claim.text,
                                 f"{claim.kind} {claim.value}"))
    _count_false_conflicts(tally, "original", judgements, pairs, marked_conflicting)

    for i, m in enumerate(passage.claims):
        if m.wrong:
            span = passage.text[m.start:m.end]
            changed = span.replace(m.wrong["from"], m.wrong["to"], 1)
            text = passage.text[:m.start] + changed + passage.text[m.end:]
            shift = len(changed) - len(span)
            shifted = [(s + shift, e + shift) if s >= m.end else (s, e) for s, e in spans]
            shifted[i] = (m.start, m.start + len(changed))
            judgements = check(stores.base, passage, text)
            pairs = match(passage.claims, shifted, judgements, by_value=False)
            _tally_verdict(tally, "changed", "conflicting", judgements, pairs, i, changed)
            _count_false_conflicts(tally, "changed", judgements, pairs,
                                   {i, *m.also_wrong} | (marked_conflicting - {i}))

        store = stores.without(stores.uids(m.selectors, where))
        judgements = check(store, passage, passage.text)
        pairs = match(passage.claims, spans, judgements)
        _tally_verdict(tally, "removed", "unverified", judgements, pairs, i, passage.text[m.start:m.end])
        _count_false_conflicts(tally, "removed", judgements, pairs, marked_conflicting - {i})
    tally.misses = [(passage.id, *entry) for entry in tally.misses]
    return tally


def evaluate(passages: list[Passage], files: list[str]) -> dict[str, Tally]:
    """Tallies per split and for all passages."""
    named = {p.split for p in passages}
    tallies = {split: Tally() for split in (*(s for s in SPLITS if s in named), *sorted(named - set(SPLITS)), "all")}
    with tempfile.TemporaryDirectory(prefix="accuracy-corpus-") as work:
        stores = Stores(Path(work), files)
        for passage in passages:
            one = score_passage(passage, stores)
            tallies.setdefault(passage.split, Tally()).add(one)
            tallies["all"].add(one)
    return tallies


# --- printing ----------------------------------------------------------------------------

# Issue 9's targets for verdicts (every set, every variant), and the extraction targets before them.
TARGETS = {"recall": 0.95, "precision": 0.90, "macro-F1": 0.90, "false conflicts": 0.005, "caught": 0.75}


def table(tallies: dict[str, Tally]) -> str:
    head = ["split", "passages", "claims", "extraction P", "R", "verdict acc. original", "changed", "removed",
            "macro-F1", "false conflicts original", "changed", "removed"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for split, t in tallies.items():
        cells = [split, str(t.passages), str(sum(t.marked.values())), f"{t.precision:.2f}", f"{t.recall:.2f}",
                 *(f"{t.accuracy(v):.2f}" for v in VARIANTS), f"{t.macro_f1():.2f}",
                 *(f"{t.false_conflict_rate(v):.1%}" for v in VARIANTS)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary(tallies: dict[str, Tally]) -> str:
    t = tallies["all"]
    worst_false = max(t.false_conflict_rate(v) for v in VARIANTS)
    caught = t.accuracy("changed")
    checks = [("extraction recall", t.recall, t.recall >= TARGETS["recall"], "≥ 0.95"),
              ("extraction precision", t.precision, t.precision >= TARGETS["precision"], "≥ 0.90"),
              ("verdict macro-F1", t.macro_f1(), t.macro_f1() >= TARGETS["macro-F1"], "≥ 0.90"),
              ("false-conflict rate (worst variant)", worst_false, worst_false < TARGETS["false conflicts"], "< 0.5%"),
              ("planted errors caught", caught, caught >= TARGETS["caught"], "≥ 75%")]
    lines = [f"target {name} {target}: {value:.3f} {'met' if ok else 'MISSED'}" for name, value, ok, target in checks]
    if "tune" in tallies and "heldout" in tallies:
        tune, held = tallies["tune"], tallies["heldout"]
        f1_gap = tune.macro_f1() - held.macro_f1()
        fc_gap = max(held.false_conflict_rate(v) for v in VARIANTS) - max(tune.false_conflict_rate(v) for v in VARIANTS)
        lines.append(f"target tune-heldout gap ≤ 3 points of macro-F1: {100 * f1_gap:.1f} "
                     f"{'met' if f1_gap <= 0.03 else 'MISSED'}")
        lines.append(f"target tune-heldout gap ≤ 0.5 points of false conflicts: {100 * fc_gap:.1f} "
                     f"{'met' if fc_gap <= 0.005 else 'MISSED'}")
    kinds = sorted(set(t.marked) | set(t.found))
    lines.append("per kind (all): " + "; ".join(
        f"{k} marked {t.marked[k]} found {t.found[k]} matched {t.matched[k]}" for k in kinds))
    for variant in VARIANTS:
        counts = t.verdicts[variant]
        for expected in VERDICTS:
            if any(e == expected for e, _ in counts):
                lines.append(f"{variant}: expected {expected}; got " + ", ".join(
                    f"{g} {counts[(expected, g)]}" for g in VERDICTS))
    if t.trap_hits:
        lines.append(f"trap hits (designations or period labels read as claims): {t.trap_hits}")
    return "\n".join(lines)


def rules_table(tally: Tally) -> str:
    """Per deciding rule: how many labelled verdicts it decided per variant, and how many were right."""
    names = sorted({rule for rule, _, _ in tally.rules})
    head = ["rule", *(f"{v} right/decided" for v in VARIANTS)]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for rule in names:
        cells = [f"{tally.rules[(rule, v, True)]}/{tally.rules[(rule, v, True)] + tally.rules[(rule, v, False)]}"
                 for v in VARIANTS]
        lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def misses(tallies: dict[str, Tally], split: str) -> str:
    lines = []
    for passage_id, variant, what, text, detail in tallies[split].misses:
        lines.append(f"{passage_id:14} {variant:8} {what:14} {text!r}: {detail}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="python -m benchmarks.accuracy.corpus", description=__doc__.split("\n\n")[0])
    args.add_argument("--misses", nargs="?", const="tune", choices=(*SPLITS, "all"),
                      help="also list what went wrong (default: the tune split only)")
    args.add_argument("--only", metavar="ID", nargs="+", help="score only these passages")
    args.add_argument("--rules", action="store_true", help="also list, per deciding rule, its verdicts and how many were right")
    options = args.parse_args(argv)
    try:
        passages = load_passages()
        if options.only:
            passages = [p for p in passages if p.id in options.only]
        tallies = evaluate(passages, facts_files())
    except CorpusError as exc:
        print(f"accuracy: {exc}", file=sys.stderr)
        return 2
    print(table(tallies))
    print()
    print(summary(tallies))
    if options.rules:
        for split in (s for s in tallies if s != "all"):
            print(f"\nrules deciding labelled verdicts, {split}:\n" + rules_table(tallies[split]))
    if options.misses:
        print()
        print(misses(tallies, options.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
