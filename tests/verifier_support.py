"""Helpers for the verifier's tests: a fictional test world store and a one-call check."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from claims_db.interchange import parse_files
from claims_db.query import Reader
from claims_db.store import Store
from verifier.check import Checker, Options

WORLD = Path(__file__).parent / "data" / "world.jsonl"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _source(topic: str) -> dict:
    return {"title": f"Test world: {topic}", "publisher": "Test Desk", "url": f"https://example.org/{topic}"}


def _fact(subject: str, predicate: str, value, topic: str, **fields) -> dict:
    return {"subject": subject, "predicate": predicate, "value": value, **fields, "source": _source(topic)}


# More of the fictional world, for the linking rules: a second disaster (two topics at once), an event known
# only by its injured, a name two places share, an election, a canal, and figures for the precision rules.
EXTRA = [
    {"record": "predicate", "predicate": "vote_share", "value_type": "quantity",
     "description": "a candidate's share of the vote, in per cent", "cues": ["of the vote", "vote share"], "nouns": []},
    {"record": "predicate", "predicate": "unemployment_rate", "value_type": "quantity",
     "description": "share of the labour force out of work, in per cent", "cues": ["unemployment", "jobless rate"],
     "nouns": []},
    {"record": "predicate", "predicate": "length", "value_type": "quantity", "description": "length of a structure",
     "cues": ["long", "length", "stretches"], "nouns": ["km", "kilometres"]},
    {"record": "predicate", "predicate": "born_on", "value_type": "date", "description": "the day a person was born",
     "cues": ["born"], "nouns": []},
    {"record": "predicate", "predicate": "opened_on", "value_type": "date", "description": "the day a structure opened",
     "cues": ["opened", "inaugurated"], "nouns": []},
    {"record": "predicate", "predicate": "returned_on", "value_type": "date",
     "description": "the day a spacecraft came back to Earth", "cues": ["returned", "splashed down"], "nouns": []},
    {"record": "predicate", "predicate": "won_title", "value_type": "date", "description": "the day a team won a title",
     "cues": ["won a title", "won their last title", "lifted the cup", "title"], "nouns": []},
    {"record": "predicate", "predicate": "titles_won", "value_type": "quantity", "description": "titles a team has won",
     "cues": ["have won", "has won"], "nouns": ["titles"]},
    {"record": "predicate", "predicate": "wickets_taken", "value_type": "quantity",
     "description": "wickets a bowler took in a match", "cues": ["took"], "nouns": ["wickets"]},
    {"record": "predicate", "predicate": "target_band_low", "value_type": "quantity",
     "description": "the lower bound of a central bank's target band for its policy rate, in per cent",
     "cues": ["target band", "target range"], "nouns": []},
    {"record": "predicate", "predicate": "target_band_high", "value_type": "quantity",
     "description": "the upper bound of a central bank's target band for its policy rate, in per cent",
     "cues": ["target band", "target range"], "nouns": []},
    {"record": "predicate", "predicate": "sales_growth", "value_type": "quantity",
     "description": "a company's sales growth against the same period a year earlier, in per cent",
     "cues": ["sales", "up", "rose", "from a year earlier"], "nouns": []},
    {"record": "predicate", "predicate": "profit_growth", "value_type": "quantity",
     "description": "a company's profit growth against the same period a year earlier, in per cent",
     "cues": ["profit", "up", "rose"], "nouns": []},
    {"record": "predicate", "predicate": "sales_growth_quarterly", "value_type": "quantity",
     "description": "a company's sales growth against the previous quarter, in per cent",
     "cues": ["from the previous quarter", "quarter-on-quarter"], "nouns": []},
    {"record": "predicate", "predicate": "height", "value_type": "quantity", "description": "height of a structure",
     "cues": ["high", "tall", "height"], "nouns": ["m", "metres"]},
    {"record": "entity", "subject": "Bank of Valdoria", "kind": "organisation", "aliases": ["Bank of Valdoria"]},
    {"record": "entity", "subject": "Kestrel Motors", "kind": "organisation", "aliases": ["Kestrel Motors", "Kestrel"]},
    {"record": "entity", "subject": "Port Aldmere", "kind": "place", "aliases": ["Aldmere"]},
    {"record": "entity", "subject": "Lunar Heron mission", "kind": "event", "aliases": ["Lunar Heron"]},
    {"record": "entity", "subject": "Brenholt mine collapse", "kind": "event", "aliases": ["Brenholt mine collapse"]},
    {"record": "entity", "subject": "Selwick bridge collapse", "kind": "event", "aliases": ["Selwick bridge collapse"]},
    {"record": "entity", "subject": "Republic of Tessaly", "kind": "country", "aliases": ["Tessaly"]},
    {"record": "entity", "subject": "Tessaly (city)", "kind": "place", "aliases": ["Tessaly"]},
    {"record": "entity", "subject": "Merrow", "kind": "country", "aliases": ["Merrovian"]},
    {"record": "entity", "subject": "Dorit Rask", "kind": "person", "aliases": ["Rask"]},
    {"record": "entity", "subject": "2024 Valdorian general election", "kind": "event",
     "aliases": ["Valdorian general election"]},
    {"record": "entity", "subject": "Orrin Canal", "kind": "place", "aliases": ["Orrin Canal"]},
    {"record": "entity", "subject": "Corvin Rovers", "kind": "organisation", "aliases": ["Corvin Rovers"]},
    {"record": "entity", "subject": "Corvin Rovers Women", "kind": "organisation", "aliases": ["Corvin Rovers"]},
    {"record": "entity", "subject": "Captain of Corvin Rovers", "kind": "office",
     "aliases": ["Rovers captain", "captain of the Rovers", "captain"]},
    {"record": "entity", "subject": "Lina Hartmann", "kind": "person", "aliases": ["Hartmann"]},
    {"record": "entity", "subject": "Petra Vos", "kind": "person", "aliases": ["Vos"]},
    _fact("Bank of Valdoria", "target_band_low", 3.25, "bank", unit="%", date="2025-04-30"),
    _fact("Bank of Valdoria", "target_band_high", 3.5, "bank", unit="%", date="2025-04-30"),
    _fact("Kestrel Motors", "sales_growth", 31, "kestrel", unit="%", date="2025-04-30"),
    _fact("Kestrel Motors", "sales_growth", 24, "kestrel", unit="%", date="2024-04-30"),
    _fact("Kestrel Motors", "profit_growth", 12, "kestrel", unit="%", date="2025-04-30"),
    _fact("Kestrel Motors", "sales_growth_quarterly", 6, "kestrel", unit="%", date="2025-04-30"),
    _fact("Brenholt mine collapse", "killed", 17, "mine", unit="people", date="2024-02-20"),
    _fact("Selwick bridge collapse", "injured", 23, "bridge", unit="people", date="2024-09-02"),
    _fact("Republic of Tessaly", "population", 3200000, "tessaly", unit="people", date="2025-04-30"),
    _fact("Tessaly (city)", "population", 410000, "tessaly", unit="people", date="2025-04-30"),
    _fact("Republic of Tessaly", "gdp_growth", 2.8, "tessaly", unit="%", date="2025-04-30"),
    _fact("Merrow", "gdp_growth", 4.6, "merrow", unit="%", date="2025-04-30"),
    _fact("Dorit Rask", "vote_share", 27.4, "election", unit="%", date="2024-06-02"),
    _fact("2024 Valdorian general election", "occurred_on", "2024-06-02", "election"),
    _fact("Valdoria", "unemployment_rate", 4.93, "economy", unit="%", date="2025-04-30"),
    _fact("Valdoria", "unemployment_rate", 5.2, "economy", unit="%", date="2025-01-31"),
    _fact("Orrin Canal", "launched_on", "2011-03-14", "canal"),
    _fact("Orrin Canal", "opened_on", "2025-05-02", "canal"),
    _fact("Oren Talvik", "born_on", "1974-02-11", "cabinet"),
    _fact("Lunar Heron mission", "launched_on", "2024-03-01", "heron"),
    _fact("Lunar Heron mission", "returned_on", "2024-04-10", "heron"),
    _fact("Orrin Canal", "length", 57.09, "canal", unit="km"),
    _fact("Dorit Rask", "wickets_taken", 4, "match", unit="wickets", date="2025-04-30"),
    _fact("Selwick bridge collapse", "occurred_on", "2024-09-02", "bridge"),
    _fact("Petra Vos", "holds_office", "Captain of Corvin Rovers", "rovers", valid_from="2019-08-01", valid_to="2023-07-31"),
    _fact("Lina Hartmann", "holds_office", "Captain of Corvin Rovers", "rovers", valid_from="2023-08-01"),
    _fact("Corvin Rovers", "won_title", "2014-05-10", "rovers"),
    _fact("Corvin Rovers", "won_title", "2018-05-12", "rovers"),
    _fact("Corvin Rovers", "won_title", "2024-04-30", "rovers"),
    _fact("Corvin Rovers", "titles_won", 3, "rovers", unit="titles", date="2025-04-30"),
    _fact("Corvin Rovers Women", "titles_won", 5, "rovers", unit="titles", date="2025-04-30"),
]


def build_world(directory: Path) -> str:
    """Build the test world (world.jsonl and EXTRA) as a store in a directory; return its path."""
    path = str(directory / "world.sqlite")
    extra = directory / "world-extra.jsonl"
    extra.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in EXTRA), encoding="utf-8")
    store = Store(path, create=True)
    store.import_parsed(parse_files([str(WORLD), str(extra)]))
    store.engine.dispose()
    return path


def check(reader: Reader, text: str, as_of: str = "2025-06-26"):
    """Judgements of a text as of a date, as a list."""
    checker = Checker(reader, Options(as_of=dt.date.fromisoformat(as_of) if as_of else None))
    return list(checker.check_text("draft.txt", text).judgements)


def verdict_of(judgements, quote: str):
    """The judgement whose claim overlaps the quote's first occurrence."""
    matches = [j for j in judgements if quote in j.claim.text or j.claim.text in quote]
    assert matches, f"no claim for {quote!r}; claims: {[j.claim.text for j in judgements]}"
    return matches[0]
