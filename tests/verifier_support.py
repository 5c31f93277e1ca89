"""Helpers for the verifier's tests: a fictional test world store and a one-call check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from claims_db.interchange import parse_files
from claims_db.query import Reader
from claims_db.store import Store
from verifier.check import Checker, Options

WORLD = Path(__file__).parent / "data" / "world.jsonl"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def build_world(directory: Path) -> str:
    path = str(directory / "world.sqlite")
    store = Store(path, create=True)
    store.import_parsed(parse_files([str(WORLD)]))
    store.engine.dispose()
    return path


def check(reader: Reader, text: str, as_of: str = "2025-06-26"):
    """Judgements of a text as of a date, as a list."""
    checker = Checker(reader, Options(as_of=dt.date.fromisoformat(as_of)))
    return list(checker.check_text("draft.txt", text).judgements)


def verdict_of(judgements, quote: str):
    """The judgement whose claim overlaps the quote's first occurrence."""
    matches = [j for j in judgements if quote in j.claim.text or j.claim.text in quote]
    assert matches, f"no claim for {quote!r}; claims: {[j.claim.text for j in judgements]}"
    return matches[0]
