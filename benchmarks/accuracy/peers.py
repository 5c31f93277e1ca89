"""The peers' English test cases (Microsoft Recognizers-Text specs, quantulum3's own tests),
read and scored.

Each suite is a list of Case(input, gold); gold items are Item(start, end, value) with
`end` exclusive and `value` normalised (a float, or an interval tuple for ranges). A
predictor turns a sentence into Items of the same shape; `score_case` matches them.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

PEER_SUITES = Path(__file__).resolve().parents[3] / "shared" / "peer-suites"
RECOGNIZERS = PEER_SUITES / "recognizers-text"


@dataclass(frozen=True)
class Item:
    start: int
    end: int  # exclusive
    value: object  # float, interval tuple (lo_bracket, lo, hi, hi_bracket), or None (span only)
    unit: str | None = None
    kind: str | None = None  # quantulum3's suites: Number, Percent, Currency or Duration


@dataclass
class Case:
    text: str
    gold: list[Item]
    ignored: tuple[tuple[int, int], ...] = ()  # spans of excluded expected results: finds there are not scored


@dataclass
class Suite:
    name: str
    path: str  # relative to RECOGNIZERS
    cases: list[Case] = field(default_factory=list)
    excluded_cases: int = 0  # whole cases left out (every expected result out of scope)
    excluded_results: Counter = field(default_factory=Counter)  # reason -> expected results left out


# --- normalising expected values -------------------------------------------------------

def number(text) -> float | None:
    if text is None:
        return None
    text = str(text).strip().rstrip("%")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


INTERVAL = re.compile(r"^\s*([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])\s*$")


def interval(text) -> tuple | None:
    """"(20,35]" -> ("(", 20.0, 35.0, "]"); a missing bound is None and its bracket is open."""
    match = INTERVAL.match(str(text or ""))
    if not match:
        return None
    lo_b, lo, hi, hi_b = match.groups()
    lo_v, hi_v = (number(lo) if lo else None), (number(hi) if hi else None)
    if (lo and lo_v is None) or (hi and hi_v is None) or (lo_v is None and hi_v is None):
        return None
    return ("(" if lo_v is None else lo_b, lo_v, hi_v, ")" if hi_v is None else hi_b)


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def equal(a, b) -> bool:
    if a is None or b is None:  # span-only suites
        return a is None and b is None
    if isinstance(a, tuple) or isinstance(b, tuple):
        if not (isinstance(a, tuple) and isinstance(b, tuple)):
            return False
        return (a[0] == b[0] and a[3] == b[3]
                and all((x is None and y is None) or (x is not None and y is not None and close(x, y))
                        for x, y in ((a[1], b[1]), (a[2], b[2]))))
    return close(float(a), float(b))


# Currency names of the peer's resolution -> ISO code, for the separate unit check.
CURRENCY_NAMES = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound": "GBP", "british pound": "GBP",
    "japanese yen": "JPY", "chinese yuan": "CNY", "rupee": "INR", "indian rupee": "INR",
    "russian ruble": "RUB", "pakistani rupee": "PKR",
}


# Hundredth parts the peer resolves in their own unit ("470 pence" is 470 Pence); ours are written in
# the main unit (4.70 GBP), so the expected value is converted before comparing.
SUBUNITS = {"cent": ("USD", 100), "pence": ("GBP", 100), "penny": ("GBP", 100), "satoshi": ("BTC", 1e8)}


def currency_code(resolution: dict) -> str | None:
    return resolution.get("isoCurrency") or CURRENCY_NAMES.get(str(resolution.get("unit", "")).lower())


# --- reading the suites -----------------------------------------------------------------

def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig") as handle:
        return json.load(handle)


def load_suite(name: str, relative: str) -> Suite | None:
    """The suite's cases with expected results normalised; None when the file is absent."""
    path = RECOGNIZERS / relative
    if not path.is_file():
        return None
    suite = Suite(name, relative)
    for raw in _read(path):
        text, gold, dropped = raw["Input"], [], 0
        for result in raw.get("Results", []):
            if "Length" in result:  # *Extractor.json: spans only
                gold.append(Item(result["Start"], result["Start"] + result["Length"], None))
                continue
            start, end = result["Start"], result["End"] + 1
            resolution = result.get("Resolution") or {}
            reason, value, unit = None, None, None
            if name == "Ordinal":
                if result.get("TypeName") == "ordinal.relative":
                    reason = "relative ordinal (last, next, previous): no figure to check"
                else:
                    value = number(resolution.get("value"))
            elif name == "NumberRange":
                value = interval(resolution.get("value"))
            else:
                value = number(resolution.get("value"))
                if name == "Currency":
                    unit = currency_code(resolution)
                    sub = SUBUNITS.get(str(resolution.get("unit", "")).lower())
                    if sub and value is not None:
                        unit, value = sub[0], value / sub[1]
            if reason is None and value is None:
                reason = "no numeric value expected (a bare unit word such as \"dollar\", or \"%\" alone)"
            if reason:
                suite.excluded_results[reason] += 1
                dropped += 1
                continue
            gold.append(Item(start, end, value, unit))
        if dropped and not gold:
            suite.excluded_cases += 1  # nothing left to find; a prediction there would be judged on nothing
            continue
        suite.cases.append(Case(text, gold))
    return suite


# --- quantulum3's own English tests --------------------------------------------------------

QUANTULUM_TESTS = "_lang/en_US/tests"  # inside the installed quantulum3 package
KINDS = ("Number", "Percent", "Currency", "Duration")
# The units of the kinds a news claim verifier checks, as quantulum3 names them, with the factor to
# our notation. Counts: "a dozen" is 1 dozen there and 12 here.
COUNT_UNITS = {"dimensionless": 1, "dozen": 12, "baker's dozen": 13, "gross": 144}
PERCENT_UNITS = {"percentage": 1}
# Currency: (ISO code, parts per main unit); "3 dimes" is 0.30 USD here, like "34 cents" is 0.34.
CURRENCY_UNITS = {"dollar": ("USD", 1), "euro": ("EUR", 1), "pound sterling": ("GBP", 1),
                  "cent": ("USD", 100), "dime": ("USD", 10), "penny": ("GBP", 100)}
# Durations are compared in days, both tools' units through this one table (ours: day .. century).
DURATION_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14,
                 "month": 30.4375, "year": 365.25, "decade": 3652.5, "century": 36525}


def quantulum_item(start: int, end: int, value: float, unit: str, entity: str | None = None,
                   code: str | None = None) -> Item | None:
    """A quantity in quantulum3's terms (value in `unit`) as a scored Item, or None when out of scope."""
    if unit in COUNT_UNITS:
        return Item(start, end, value * COUNT_UNITS[unit], kind="Number")
    if unit in PERCENT_UNITS:
        return Item(start, end, value, kind="Percent")
    if unit in CURRENCY_UNITS or (entity == "currency" and code):
        code, parts = CURRENCY_UNITS.get(unit, (code, 1))
        return Item(start, end, value / parts, code, kind="Currency")
    if unit in DURATION_DAYS:
        return Item(start, end, value * DURATION_DAYS[unit], kind="Duration")
    return None


def _entities() -> dict[str, str]:
    """quantulum3's unit name (lower case) -> its entity ("length", "mass"), to name exclusions."""
    try:
        from quantulum3 import load
        return {name.lower(): unit.entity.name for name, unit in load.units("en_US").names.items()}
    except Exception:  # only labels the exclusions; any failure leaves them "other unit"
        return {}


def quantulum_tests_dir() -> Path | None:
    """The folder of quantulum3's English tests in the installed package, or None."""
    try:
        from importlib import resources
        folder = resources.files("quantulum3").joinpath(QUANTULUM_TESTS)
    except (ImportError, ModuleNotFoundError, TypeError):
        return None
    return Path(str(folder)) if folder.is_dir() else None


def load_quantulum_suite(name: str, filename: str) -> Suite | None:
    """quantulum3's test file as a Suite whose gold items carry their kind; None when absent.

    A quantity's span is the first occurrence of its `surface` in the sentence. Quantities of
    other kinds (lengths, weights, temperatures, rates) are left out, counted by entity, and their
    spans are kept so that a find there is not scored.
    """
    folder = quantulum_tests_dir()
    if folder is None or not (folder / filename).is_file():
        return None
    suite, entities = Suite(name, f"quantulum3/{QUANTULUM_TESTS}/{filename}"), _entities()
    for raw in _read(folder / filename):
        text, gold, ignored = raw["req"], [], []
        for result in raw["res"]:
            start = text.find(result["surface"])
            if start < 0:
                raise ValueError(f"{suite.path}: surface {result['surface']!r} not in {text!r}")
            end, unit = start + len(result["surface"]), result["unit"]
            item = quantulum_item(start, end, float(result["value"]), unit)
            if item is not None:
                gold.append(item)
                continue
            entity = entities.get(unit.lower())
            if entity == "time":
                entity = "time beyond years (Ma, Ga)"
            elif entity is None:
                entity = "compound unit (rate or product: $/hour, W/min, MWh)"
            suite.excluded_results[entity] += 1
            ignored.append((start, end))
        if ignored and not gold:
            suite.excluded_cases += 1
            continue
        suite.cases.append(Case(text, gold, tuple(ignored)))
    return suite


# --- scoring ----------------------------------------------------------------------------

@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0  # true positives whose span is exactly the expected one
    unit_ok: int = 0  # true positives whose unit also agrees (currency)
    ignored: int = 0  # predictions on an excluded expected result only (a length read as a count)
    misses: list = field(default_factory=list)  # (category, case text, detail)

    def add(self, other: "Score") -> None:
        for name in ("tp", "fp", "fn", "exact", "unit_ok", "ignored"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _show(text: str, item: Item) -> str:
    value = item.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{text[item.start:item.end]!r}={value}" + (f" {item.unit}" if item.unit else "")


def score_case(score: Score, case: Case, predicted: list[Item]) -> None:
    """Greedy one-to-one matching: a true positive overlaps an expected span and has its value."""
    kept = [p for p in predicted
            if not any(p.start < end and start < p.end for start, end in case.ignored)
            or any(p.start < g.end and g.start < p.end for g in case.gold)]
    score.ignored += len(predicted) - len(kept)
    predicted = kept
    used: set[int] = set()
    for gold in case.gold:
        found = None
        for i, pred in enumerate(predicted):
            if i not in used and pred.start < gold.end and gold.start < pred.end and equal(pred.value, gold.value):
                found = i
                break
        if found is None:
            score.fn += 1
            near = [p for p in predicted if p.start < gold.end and gold.start < p.end]
            if near:
                score.misses.append(("wrong value", case.text,
                                     f"expected {_show(case.text, gold)}, got {_show(case.text, near[0])}"))
            else:
                score.misses.append(("not found", case.text, f"expected {_show(case.text, gold)}"))
            continue
        used.add(found)
        pred = predicted[found]
        score.tp += 1
        score.exact += (pred.start, pred.end) == (gold.start, gold.end)
        score.unit_ok += gold.unit is not None and pred.unit == gold.unit
    for i, pred in enumerate(predicted):
        if i not in used:
            score.fp += 1
            if not any(pred.start < g.end and g.start < pred.end for g in case.gold):
                score.misses.append(("spurious", case.text, f"found {_show(case.text, pred)}"))
