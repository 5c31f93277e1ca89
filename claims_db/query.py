"""The one way the verifier reads the store: read-only, index look-ups only.

Plain SQL over a DB-API connection keeps a check's cold start small: SQLite
is opened with the standard library (mode=ro), other engines through a
SQLAlchemy engine set read-only. Every query here hits an index (aliases.norm,
facts(subject_id, predicate_id), facts(predicate_id, value_entity_id)), so its
cost does not grow with the number of facts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import SCHEMA_VERSION
from .errors import StoreError
from .locate import default_store, sqlite_path, to_url
from .text import COMMON_WORDS, MAX_ALIAS_TOKENS, normalise, tokens

__all__ = ["Reader", "Mention", "FactRow", "PredicateInfo", "StoreInfo", "normalise"]

CHUNK = 500


@dataclass(frozen=True)
class StoreInfo:
    location: str
    schema_version: int
    facts: int
    digest: str


@dataclass(frozen=True)
class PredicateInfo:
    name: str
    value_type: str
    cues: tuple[str, ...]
    nouns: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """An entity named in a text, at [start, end)."""

    entity_id: int
    name: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str
    accessed: dt.date | None


@dataclass(frozen=True)
class FactRow:
    uid: str
    subject_id: int
    subject: str
    predicate: str
    value_type: str
    value: float | dt.date | str
    value_entity_id: int | None
    unit: str | None
    tolerance: float | None
    date: dt.date | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: Source
    note: str | None
    subject_kind: str = "other"  # the subject entity's kind: an event's figures settle, others' keep changing

    def in_force(self, day: dt.date) -> bool:
        """Whether the fact holds on `day` by its validity period."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


_FACT_SQL = """
SELECT f.uid, f.subject_id, s.name, p.name, p.value_type, f.value_number, f.value_date, f.value_entity_id,
       v.name, f.value_text, f.unit, f.tolerance, f.date, f.valid_from, f.valid_to,
       f.source_title, f.source_publisher, f.source_url, f.source_accessed, f.note, s.kind
FROM facts f JOIN entities s ON s.id = f.subject_id JOIN predicates p ON p.id = f.predicate_id
LEFT JOIN entities v ON v.id = f.value_entity_id
WHERE f.status = 'approved' AND """


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _fact(row: Sequence) -> FactRow:
    (uid, subject_id, subject, predicate, value_type, number, date_value, entity_id, entity_name, text,
     unit, tolerance, date, valid_from, valid_to, title, publisher, url, accessed, note, kind) = row
    value = {"quantity": number, "date": _date(date_value), "entity": entity_name, "text": text}[value_type]
    return FactRow(uid, subject_id, subject, predicate, value_type, value, entity_id, unit, tolerance,
                   _date(date), _date(valid_from), _date(valid_to),
                   Source(title, publisher, url, _date(accessed)), note, kind)


class Reader:
    """A read-only view of a store; it can never write."""

    def __init__(self, location: str | None = None, shown: str | None = None):
        """Open a store; `shown` is how reports name it (the path as the user wrote it), if not `location`."""
        self.location = location or default_store()
        location = shown or location
        # Reports name the store as the user gave it, so they do not depend on a cache path.
        shown = re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", location) if location else "bundled:" + Path(self.location).name
        self._conn = self._engine = None
        url = to_url(self.location)
        path = sqlite_path(url)
        try:
            if path is not None:
                # as_uri() escapes '#', '?' and '%', which would otherwise end the path and drop mode=ro.
                self._conn = sqlite3.connect(Path(path).as_uri() + "?mode=ro", uri=True)
                self._conn.execute("PRAGMA query_only = ON")
                self._run = lambda sql, params=(): self._conn.execute(sql, tuple(params)).fetchall()
            else:
                self._open_sqlalchemy(url)
            meta = dict(self._run("SELECT key, value FROM meta"))
        except Exception as exc:  # any driver's error means the same thing here
            self.close()
            raise StoreError(f"cannot open store {self.location}: {exc}".splitlines()[0]) from None
        if "schema_version" not in meta:
            self.close()
            raise StoreError(f"{self.location} is not a claims store")
        if int(meta["schema_version"]) > SCHEMA_VERSION:
            self.close()
            raise StoreError(f"store schema {meta['schema_version']} is newer than this tool's ({SCHEMA_VERSION}); "
                             "upgrade claim-verifier")
        self.info = StoreInfo(shown, int(meta["schema_version"]),
                              int(meta.get("facts", 0)), meta.get("digest", ""))
        self._predicates: dict[str, PredicateInfo] | None = None

    _arrays = False  # whether the driver takes a list as one array parameter (PostgreSQL)

    def _open_sqlalchemy(self, url: str) -> None:
        from sqlalchemy import create_engine, make_url

        connect_args = {}
        if url.startswith("postgresql"):
            # connect_args replaces the URL's own `options` (e.g. a search_path), so keep them.
            options = make_url(url).query.get("options") or ""
            connect_args = {"options": f"{options} -c default_transaction_read_only=on".strip()}
        engine = create_engine(url, connect_args=connect_args)
        connection = engine.connect()
        self._conn, self._engine = connection, engine
        self._arrays = engine.dialect.name == "postgresql"
        self._run = lambda sql, params=(): connection.exec_driver_sql(
            sql.replace("?", "%s"), tuple(params)).fetchall()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._engine is not None:
            self._engine.dispose()  # else the pool keeps the server connection open

    def predicates(self) -> dict[str, PredicateInfo]:
        """The predicate vocabulary: small, read once per reader."""
        if self._predicates is None:
            rows = self._run("SELECT name, value_type, cues, nouns FROM predicates ORDER BY name")
            self._predicates = {
                name: PredicateInfo(name, value_type, tuple(_json_list(cues)), tuple(_json_list(nouns)))
                for name, value_type, cues, nouns in rows}
        return self._predicates

    def mentions(self, text: str) -> list[Mention]:
        """Entities named in `text`, longest alias first, never overlapping."""
        toks = tokens(text)
        grams: dict[str, list[tuple[int, int]]] = {}
        words = [t for t, _, _ in toks]
        for i in range(len(words)):
            key = ""
            for j in range(i, min(i + MAX_ALIAS_TOKENS, len(words))):
                key = f"{key} {words[j]}" if key else words[j]
                grams.setdefault(key, []).append((i, j + 1))
        found: dict[str, list[tuple[int, str, str, str]]] = {}
        keys = sorted(grams)
        select = "SELECT a.norm, a.text, e.id, e.name, e.kind FROM aliases a JOIN entities e ON e.id = a.entity_id "
        if self._arrays:
            # One array parameter: one statement, and a plan that sees a list, not 500 guesses.
            batches = [(select + "WHERE a.norm = ANY(?) ORDER BY e.name", [keys])] if keys else []
        else:
            batches = [(select + f"WHERE a.norm IN ({','.join('?' * len(chunk))}) ORDER BY e.name", chunk)
                       for chunk in (keys[i:i + CHUNK] for i in range(0, len(keys), CHUNK))]
        for sql, params in batches:
            for norm, alias_text, entity_id, name, kind in self._run(sql, params):
                found.setdefault(norm, []).append((entity_id, name, kind, alias_text))
        spans = []
        for norm, entities in found.items():
            for i, j in grams[norm]:
                start, end = toks[i][1], toks[j - 1][2]
                surface = text[start:end]
                for entity_id, name, kind, alias_text in entities:
                    # A proper name written all in lower case is an ordinary word ("may", "china").
                    if surface.islower() and not alias_text.islower():
                        continue
                    # An acronym ("WHO", "US") is not the common word it spells ("Who", "us"); "Nato" is fine.
                    if alias_text.isupper() and not surface.isupper() and surface.lower() in COMMON_WORDS:
                        continue
                    spans.append((start, end, entity_id, name, kind))
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[0], s[3]))
        taken: list[tuple[int, int]] = []  # sorted, never overlapping (equal spans are kept once)
        chosen = []
        for start, end, entity_id, name, kind in spans:
            i = bisect_left(taken, (start, end))
            if i < len(taken) and taken[i] == (start, end):
                chosen.append(Mention(entity_id, name, kind, start, end))  # another entity of the same name
                continue
            if (i < len(taken) and taken[i][0] < end) or (i > 0 and taken[i - 1][1] > start):
                continue
            taken.insert(i, (start, end))
            chosen.append(Mention(entity_id, name, kind, start, end))
        return sorted(chosen, key=lambda m: (m.start, m.end, m.name))

    def facts(self, subject_ids: Iterable[int], predicates: Iterable[str]) -> list[FactRow]:
        """Approved facts about these subjects under these predicates."""
        subject_ids, predicates = sorted(set(subject_ids)), sorted(set(predicates))
        if not subject_ids or not predicates:
            return []
        sql = (_FACT_SQL + f"f.subject_id IN ({','.join('?' * len(subject_ids))}) "
               f"AND p.name IN ({','.join('?' * len(predicates))}) ORDER BY f.uid")
        return [_fact(r) for r in self._run(sql, [*subject_ids, *predicates])]

    def predicate_units(self, predicate: str, sample: int = 20) -> frozenset[str]:
        """The units a predicate's facts are given in, from a bounded sample (an index range, not a scan):
        enough to tell a percentage from a currency from a count. Read once per predicate."""
        cache = self.__dict__.setdefault("_units", {})
        if predicate not in cache:
            rows = self._run("SELECT f.unit FROM facts f WHERE f.predicate_id = (SELECT id FROM predicates WHERE name = ?) "
                             f"AND f.status = 'approved' LIMIT {int(sample)}", [predicate])
            cache[predicate] = frozenset(unit for (unit,) in rows if unit)
        return cache[predicate]

    def facts_with_value(self, predicate: str, value_entity_ids: Iterable[int]) -> list[FactRow]:
        """Approved facts whose value is one of these entities (the holders of an office)."""
        ids = sorted(set(value_entity_ids))
        if not ids:
            return []
        sql = (_FACT_SQL + f"p.name = ? AND f.value_entity_id IN ({','.join('?' * len(ids))}) ORDER BY f.uid")
        return [_fact(r) for r in self._run(sql, [predicate, *ids])]


def _json_list(value) -> list[str]:
    if isinstance(value, list):
        return value
    return json.loads(value) if value else []
