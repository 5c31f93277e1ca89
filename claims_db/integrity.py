"""What a sound store holds, and the one-line error naming what is wrong when it does not.

Shared by the writing side (`store`) and the reading side (`query`), so both refuse a
damaged store with the same message; free of SQLAlchemy for a check's cold start.
Every message names the store (with no password), the damage, and what to do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from . import SCHEMA_VERSION, VALUE_TYPES
from .errors import StoreError

TABLES = ("meta", "predicates", "entities", "aliases", "facts", "history")  # tests/test_store_robustness.py: = models
SINCE = {"history": 3}  # tables an older schema lacks: the schema version that made them
RESTORE = "restore the store from a backup"
DESCRIPTION_MAX = 120


def damaged(location: str, problem: str, remedy: str = RESTORE) -> StoreError:
    return StoreError(f"store {location} is damaged: {problem}; {remedy}")


def check_tables(location: str, present: Iterable[str], version: int = SCHEMA_VERSION) -> None:
    """Refuse a store missing one of the tables its schema `version` has (`meta` is checked first: without it,
    it is no store)."""
    present = set(present)
    missing = [t for t in TABLES if t not in present and SINCE.get(t, 1) <= version]
    if missing:
        raise damaged(location, f"table {missing[0]!r} is missing",
                      f"{RESTORE} ('claims-db init --db ...' would recreate it empty)")


def schema_version(location: str, value: str | None) -> int:
    """The store's schema version, refusing one this tool cannot read."""
    if value is None:
        raise StoreError(f"{location} is not a claims store (run 'claims-db init --db ...' first)")
    try:
        version = int(value)
    except ValueError:
        raise damaged(location, f"its schema version {value!r} is not a number") from None
    if version > SCHEMA_VERSION:
        raise StoreError(f"store schema {version} is newer than this tool's ({SCHEMA_VERSION}); upgrade claim-verifier")
    return version


def fact_count(location: str, value: str | None) -> int:
    """The fact count kept in `meta`; a bad one is recomputed by `claims-db refresh`."""
    if value is None:
        return 0
    try:
        return int(value)
    except ValueError:
        raise damaged(location, f"its recorded fact count {value!r} is not a number",
                      "run 'claims-db refresh --db ...' to recompute it") from None


def digest(location: str, value: str | None) -> int:
    """The digest kept in `meta`, as a number to XOR into; a bad one is recomputed by `claims-db refresh`."""
    if value is None:
        return 0
    try:
        return int(value, 16)
    except ValueError:
        raise damaged(location, f"its recorded digest {value[:70]!r} is not a hex number",
                      "run 'claims-db refresh --db ...' to recompute it") from None


def description(value: str | None) -> str:
    """The store's name for reports, as one short line: whitespace and control characters squashed, at most
    DESCRIPTION_MAX characters, so a hostile store cannot break or flood a report's header."""
    words = "".join(c if c.isprintable() else " " for c in (value or "")).split()
    text = " ".join(words)
    return text if len(text) <= DESCRIPTION_MAX else text[:DESCRIPTION_MAX - 1].rstrip() + "…"


def vocabulary_row(location: str, name: str, value_type: str, cues, nouns) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A predicate row's cues and nouns (JSON text, or lists from a driver that decodes JSON), checked."""
    if value_type not in VALUE_TYPES:
        raise damaged(location, f"predicate {name!r} has an unknown value type {value_type!r}")
    lists = []
    for column, value in (("cues", cues), ("nouns", nouns)):
        if isinstance(value, str):
            try:
                value = json.loads(value) if value else []
            except (ValueError, RecursionError):
                value = False  # neither a list nor empty: refused below
        value = [] if value is None else value  # an empty column is an empty list
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise damaged(location, f"predicate {name!r} has {column} that are not a JSON list of text")
        lists.append(tuple(value))
    return lists[0], lists[1]
