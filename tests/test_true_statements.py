"""No false alarms: true statements about the bundled store's world are never reported as conflicting.

`data/true-statements.txt` holds true sentences in wire style (one per line), written for this
project by a reviewer trying to make the checker cry wolf: figures of earlier years, parts of totals,
durations between two events, other events' numbers in the same sentence, attributions.
"""

import datetime as dt
from pathlib import Path

import pytest
from claims_db.query import Reader

from verifier.check import Checker, Options

SENTENCES = [line for line in (Path(__file__).parent / "data" / "true-statements.txt").read_text(encoding="utf-8")
             .splitlines() if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def checker():
    reader = Reader(None)
    yield Checker(reader, Options(as_of=dt.date(2025, 6, 30)))
    reader.close()


def test_no_true_statement_is_reported_as_conflicting(checker):
    alarms = [(sentence, j.claim.text, j.reason) for sentence in SENTENCES
              for j in checker.check_text("true.txt", sentence).judgements if j.verdict.value == "conflicting"]
    assert alarms == []


def test_true_statements_are_mostly_confirmed(checker):
    verdicts = [j.verdict.value for s in SENTENCES for j in checker.check_text("true.txt", s).judgements]
    assert verdicts.count("consistent") >= 140, "the checker stopped confirming what it used to"


def test_false_statements_are_caught(checker):
    """`data/false-statements.jsonl`: sentences stating one fact wrongly, the wrong span quoted.

    A floor, not a target: it fails when recall drops below what the checker reaches today.
    """
    import json

    rows = [json.loads(line) for line in (Path(__file__).parent / "data" / "false-statements.jsonl")
            .read_text(encoding="utf-8").splitlines() if line.strip()]
    caught = 0
    for row in rows:
        start = row["text"].index(row["quote"])
        end = start + len(row["quote"])
        judgements = checker.check_text("false.txt", row["text"]).judgements
        caught += any(j.verdict.value == "conflicting" for j in judgements if j.claim.start < end and start < j.claim.end)
    assert caught / len(rows) >= 0.70, f"{caught} of {len(rows)} caught"
