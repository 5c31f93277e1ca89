"""The one way the verifier reads the store: read-only, index look-ups only.

Plain SQL over a DB-API connection keeps a check's cold start small: SQLite
is opened with the standard library (mode=ro), other engines through a
SQLAlchemy engine set read-only. Every query here hits an index (aliases.norm,
facts(subject_id, predicate_id), facts(predicate_id, value_entity_id)), so its
cost does not grow with the number of facts.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import integrity
from .errors import StoreError, driver_error
from .locate import SQLITE_WAL_UNREADABLE, default_store, redact, sqlite_path, sqlite_ro_uri, to_url
from .text import COMMON_WORDS, MAX_ALIAS_TOKENS, normalise, token_spans

__all__ = ["Reader", "Mention", "FactRow", "PredicateInfo", "StoreInfo", "normalise", "redact"]

CHUNK = 500
# A name more entities share than this names only the offices made with it from their parts ("Mayor", "Defence
# Minister": role linking tells them apart by the place the sentence names); no sentence can say which of the others
# it means, and reading them all would make a check's cost grow with the store (a synthetic 10M-fact store had
# 8,523 entities called "INS"). Counted before the case rules of `mentions` drop any (see `_named`).
MAX_NAMESAKES = 1000
MADE_FROM_PARTS = "generated"  # AliasForm.GENERATED as stored (a check does not import the ORM models)
_SQLITE_READONLY_ROLLBACK = 776  # a read-only connection met a hot journal it may not roll back
_TABLES_SQL = {"sqlite": "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')",
               "other": "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"}


@dataclass(frozen=True)
class StoreInfo:
    location: str
    schema_version: int
    facts: int
    digest: str
    description: str = ""  # meta `description`: how a report names the store; "" when it has none
    drafts: bool = False  # draft facts are read beside approved ones (`check --include-drafts`)


@dataclass(frozen=True)
class PredicateInfo:
    name: str
    value_type: str
    cues: tuple[str, ...]
    nouns: tuple[str, ...]
    label: str | None = None  # plain words for reasons ("death toll"); see `plain`

    @property
    def plain(self) -> str:
        return plain_label(self.name, self.label)


def plain_label(name: str, label: str | None) -> str:
    """How a reason names a predicate: its label, else its name in words (`count_of_targets`: "count of targets")."""
    return label or name.replace("_", " ")


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
    predicate_label: str | None = None

    @property
    def plain_predicate(self) -> str:
        return plain_label(self.predicate, self.predicate_label)

    def in_force(self, day: dt.date) -> bool:
        """Whether the fact holds on `day` by its validity period."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


_FACT_SQL = """
SELECT f.uid, f.subject_id, s.name, p.name, p.value_type, f.value_number, f.value_date, f.value_entity_id,
       v.name, f.value_text, f.unit, f.tolerance, f.date, f.valid_from, f.valid_to,
       f.source_title, f.source_publisher, f.source_url, f.source_accessed, f.note, s.kind, {label}
FROM facts f JOIN entities s ON s.id = f.subject_id JOIN predicates p ON p.id = f.predicate_id
LEFT JOIN entities v ON v.id = f.value_entity_id
WHERE f.status IN ({statuses}) AND """
APPROVED, WITH_DRAFTS = "'approved'", "'approved', 'draft'"  # what a check reads: never superseded, retired, rejected


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _fact(row: Sequence) -> FactRow:
    (uid, subject_id, subject, predicate, value_type, number, date_value, entity_id, entity_name, text,
     unit, tolerance, date, valid_from, valid_to, title, publisher, url, accessed, note, kind, label) = row
    value = {"quantity": number, "date": _date(date_value), "entity": entity_name, "text": text}[value_type]
    return FactRow(uid, subject_id, subject, predicate, value_type, value, entity_id, unit, tolerance,
                   _date(date), _date(valid_from), _date(valid_to),
                   Source(title, publisher, url, _date(accessed)), note, kind, label)


FACT_CACHE = 4096  # questions (subjects, predicates) whose facts a reader keeps: claims of one story ask the same


class Reader:
    """A read-only view of a store; it can never write."""

    def __init__(self, location: str | None = None, shown: str | None = None, include_drafts: bool = False):
        """Open a store; `shown` is how reports name it (the path as the user wrote it), if not `location`;
        `include_drafts` reads draft facts as if approved (a curator trying drafts before review)."""
        self.location = location or default_store()
        self.include_drafts = include_drafts
        self._statuses = WITH_DRAFTS if include_drafts else APPROVED
        # Reports name the store as the user gave it, so they do not depend on a cache path; never with a password.
        given = shown or location
        self._shown = redact(given) if given else "bundled:" + Path(self.location).name
        self._conn = self._engine = None
        url = to_url(self.location)
        self._path = sqlite_path(url)
        try:
            if self._path is not None:
                self._conn = self._connect_sqlite()
                self._run = lambda sql, params=(): self._conn.execute(sql, tuple(params)).fetchall()
            else:
                self._open_sqlalchemy(url)
            meta = dict(self._query("SELECT key, value FROM meta", opening=True))
            version = integrity.schema_version(self._shown, meta.get("schema_version"))
            integrity.check_tables(self._shown, (name for (name,) in self._query(
                _TABLES_SQL["sqlite" if self._path is not None else "other"])), version)
            integrity.digest(self._shown, meta.get("digest"))  # refused here if it is not one
            # Schema 1 has no predicate labels; a check reads such a store as it is (reasons then use names).
            self._fact_sql = _FACT_SQL.format(label="p.label" if version >= 2 else "NULL", statuses=self._statuses)
            self._predicate_sql = f"SELECT name, value_type, cues, nouns, {'label' if version >= 2 else 'NULL'} " \
                                  "FROM predicates"
            self._forms = version >= 4  # schema 4 gave aliases their form (names made for offices from their parts)
            self.info = StoreInfo(self._shown, version, integrity.fact_count(self._shown, meta.get("facts")),
                                  meta.get("digest", ""), integrity.description(meta.get("description")),
                                  include_drafts)
        except Exception as exc:
            self.close()
            if isinstance(exc, StoreError):
                raise
            # Any driver's error means the same here; its message may quote the URL or the password.
            raise driver_error(f"cannot open store {self._shown}", self.location, exc) from None
        self._predicates: dict[str, PredicateInfo] | None = None

    _arrays = False  # whether the driver takes a list as one array parameter (PostgreSQL)
    _immutable = False  # whether SQLite reads the file as one nobody writes (see _read_wal_store_as_immutable)

    def _connect_sqlite(self, mode: str = "ro", immutable: bool = False) -> sqlite3.Connection:
        uri = sqlite_ro_uri(self._path, immutable) if mode == "ro" else Path(self._path).as_uri() + f"?mode={mode}"
        conn = sqlite3.connect(uri, uri=True)
        if mode == "ro":
            conn.execute("PRAGMA query_only = ON")
        return conn

    def _open_sqlalchemy(self, url: str) -> None:
        from sqlalchemy import create_engine, make_url

        connect_args = {}
        if url.startswith("postgresql"):
            # connect_args replaces the URL's own `options` (e.g. a search_path), so keep them.
            options = make_url(url).query.get("options") or ""
            connect_args = {"options": f"{options} -c default_transaction_read_only=on".strip()}
        engine = self._engine = create_engine(url, connect_args=connect_args)
        # Each read its own (read-only) transaction: a long check holds no lock between queries, and each
        # query sees what is committed, as under READ COMMITTED anyway.
        connection = self._conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        self._arrays = engine.dialect.name == "postgresql"
        self._run = lambda sql, params=(): connection.exec_driver_sql(
            sql.replace("?", "%s"), tuple(params)).fetchall()

    def _query(self, sql: str, params: Sequence = (), opening: bool = False) -> list:
        """Run one read; a driver's error becomes a StoreError naming the store."""
        try:
            try:
                return self._run(sql, params)
            except sqlite3.OperationalError as exc:
                code = getattr(exc, "sqlite_errorcode", None)
                if code in SQLITE_WAL_UNREADABLE and self._read_wal_store_as_immutable():
                    return self._run(sql, params)
                if code != _SQLITE_READONLY_ROLLBACK:
                    raise
                self._roll_back_interrupted_write()
                return self._run(sql, params)
        except StoreError:
            raise
        except Exception as exc:  # any driver's error means the same thing here
            what = "cannot open store" if opening else "cannot read store"
            raise driver_error(f"{what} {self._shown}", self.location, exc) from None

    def _read_wal_store_as_immutable(self) -> bool:
        """Read a WAL-mode file where its -shm and -wal files cannot be made (a read-only directory).

        Only when no -wal file is there (see `claims_db.locate.wal_needs_immutable`).
        """
        if self._path is None or self._immutable or os.path.exists(self._path + "-wal"):
            return False
        self._immutable = True
        self._conn.close()
        self._conn = self._connect_sqlite(immutable=True)
        return True

    def _roll_back_interrupted_write(self) -> None:
        """Let SQLite roll back a write that was killed mid-way (its "hot journal"), then read on.

        A read-only connection may not roll back, so one read-write connection is opened for
        that alone: the rollback restores the content from before the interrupted write, and
        nothing else is written. Then the read-only connection is opened again.
        """
        self._conn.close()
        conn = self._connect_sqlite("rw")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"store {self._shown}: a write to it was interrupted and must be rolled back, "
                             f"which needs write access; run 'claims-db stats --db ...' on it as a user who "
                             f"may write it ({exc})") from None
        finally:
            conn.close()
        self._conn = self._connect_sqlite()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._engine is not None:
            self._engine.dispose()  # else the pool keeps the server connection open

    def predicates(self) -> dict[str, PredicateInfo]:
        """The predicate vocabulary: small, read once per reader."""
        if self._predicates is None:
            predicates = {}
            for name, value_type, cues, nouns, plain in self._query(self._predicate_sql):
                checked = integrity.vocabulary_row(self._shown, name, value_type, cues, nouns)
                predicates[name] = PredicateInfo(name, value_type, *checked, plain)
            self._predicates = dict(sorted(predicates.items()))
        return self._predicates

    def mentions(self, text: str) -> list[Mention]:
        """Entities named in `text`, longest alias first, never overlapping."""
        words, starts, ends = token_spans(text)
        grams = self._all_grams(words) if self._arrays else self._prefix_grams(words)
        found: dict[str, list[tuple[int, str, str, str]]] = {}
        for norm, alias_text, entity_id, name, kind in self._named(sorted(grams)):
            found.setdefault(norm, []).append((entity_id, name, kind, alias_text))
        spans = []
        for norm, entities in found.items():
            for i, j in grams[norm]:
                start, end = starts[i], ends[j - 1]
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

    def _named(self, keys: list[str]) -> list[tuple]:
        """(norm, alias text, entity id, name, kind) of the entities these keys name. At most MAX_NAMESAKES + 1 of a
        key are read, so a crowded name costs the same on a store of any size. A key more share names only the
        offices made with it from their parts: when those read hold such a name (a title, "Mayor"), a second
        look-up reads that key's office names alone; else (an acronym 8,523 entities share) it names none."""
        rows = self._aliases(keys, MAX_NAMESAKES + 1)
        counts = Counter(row[0] for row in rows)
        crowded = {norm for norm, count in counts.items() if count > MAX_NAMESAKES}
        titles = sorted({row[0] for row in rows if row[0] in crowded and row[5] == MADE_FROM_PARTS})
        kept = [row for row in rows if row[0] not in crowded]
        if titles:
            kept += self._aliases(titles, None, MADE_FROM_PARTS)
        return [row[:5] for row in kept]

    def _aliases(self, keys: list[str], most: int | None, form: str | None = None) -> list[tuple]:
        """The aliases of these norms, each with its entity and its form: at most `most` of a norm; of one form, if
        given."""
        columns = f"SELECT a.norm, a.text, e.id, e.name, e.kind, {'a.form' if self._forms else 'NULL'}"
        limit = f" LIMIT {most}" if most else ""
        of_form = f" AND b.form = '{form}'" if form else ""
        if self._arrays:
            # One array parameter: one statement, and a plan that sees a list, not 500 guesses.
            return self._query(f"{columns} FROM unnest(?::text[]) AS v(norm) CROSS JOIN LATERAL (SELECT b.norm, "
                               f"b.text, b.entity_id{', b.form' if self._forms else ''} FROM aliases b "
                               f"WHERE b.norm = v.norm{of_form}{limit}) a "
                               "JOIN entities e ON e.id = a.entity_id", [keys]) if keys else []
        rows = []
        for chunk in (keys[i:i + CHUNK] for i in range(0, len(keys), CHUNK)):
            values = ",".join("(?)" for _ in chunk)
            rows += self._query(f"WITH v(norm) AS (VALUES {values}) {columns} FROM v, aliases a, entities e "
                                f"WHERE a.id IN (SELECT b.id FROM aliases b WHERE b.norm = v.norm{of_form}{limit}) "
                                "AND e.id = a.entity_id", chunk)
        return rows

    @staticmethod
    def _all_grams(words: list[str]) -> dict[str, list[tuple[int, int]]]:
        """Every n-gram of up to MAX_ALIAS_TOKENS words, with the (first, past-last) word indexes of each place."""
        grams: dict[str, list[tuple[int, int]]] = {}
        for i in range(len(words)):
            key = ""
            for j in range(i, min(i + MAX_ALIAS_TOKENS, len(words))):
                key = f"{key} {words[j]}" if key else words[j]
                grams.setdefault(key, []).append((i, j + 1))
        return grams

    def _prefix_grams(self, words: list[str]) -> dict[str, list[tuple[int, int]]]:
        """The n-grams that begin some alias, a word longer at a time: each round asks which of its distinct
        n-grams begin an alias and only those grow by the next word. Every alias of the text is among them (an
        alias begins with each of its own prefixes), and a draft costs index probes of the n-grams that could
        still be names, on a store of any size, rather than every n-gram from every word."""
        grams: dict[str, list[tuple[int, int]]] = {}
        begun = self._alias_prefixes(set(words))
        growing = {i: word for i, word in enumerate(words) if word in begun}
        for length in range(1, MAX_ALIAS_TOKENS + 1):
            for i, key in growing.items():
                grams.setdefault(key, []).append((i, i + length))
            if length == MAX_ALIAS_TOKENS:
                break
            longer = {i: f"{key} {words[i + length]}" for i, key in growing.items() if i + length < len(words)}
            if not longer:
                break
            begun = self._alias_prefixes(set(longer.values()))
            growing = {i: key for i, key in longer.items() if key in begun}
        return grams

    def _alias_prefixes(self, keys: set[str]) -> set[str]:
        """The keys (normalised words joined by spaces) some alias is or begins with, before a space: one index
        range probe per key. Norms hold letters, digits and single spaces only, so [key, key + "!") is exactly
        "key" and "key ...". On SQLite (BINARY order); PostgreSQL's collation may not order so, and there one
        array look-up of every n-gram is a single statement anyway."""
        found: set[str] = set()
        ordered = sorted(keys)
        for chunk in (ordered[i:i + CHUNK] for i in range(0, len(ordered), CHUNK)):
            values = ",".join("(?)" for _ in chunk)
            sql = (f"WITH v(word) AS (VALUES {values}) SELECT word FROM v WHERE EXISTS "
                   "(SELECT 1 FROM aliases WHERE norm >= word AND norm < word || '!')")
            found.update(word for (word,) in self._query(sql, chunk))
        return found

    def facts(self, subject_ids: Iterable[int], predicates: Iterable[str]) -> list[FactRow]:
        """Approved facts (and drafts, if included) about these subjects under these predicates."""
        subject_ids, predicates = sorted(set(subject_ids)), sorted(set(predicates))
        if not subject_ids or not predicates:
            return []
        key = (tuple(subject_ids), tuple(predicates))
        cache = self.__dict__.setdefault("_facts", {})  # a read-only store: the same question, the same answer
        if key not in cache:
            sql = (self._fact_sql + f"f.subject_id IN ({','.join('?' * len(subject_ids))}) "
                   f"AND p.name IN ({','.join('?' * len(predicates))}) ORDER BY f.uid")
            self.predicates()  # the vocabulary is checked before any fact of it is read
            if len(cache) >= FACT_CACHE:
                del cache[next(iter(cache))]  # the oldest question: memory stays bounded on a long run
            cache[key] = tuple(_fact(r) for r in self._query(sql, [*subject_ids, *predicates]))
        return list(cache[key])

    def predicate_units(self, predicate: str, sample: int = 20) -> frozenset[str]:
        """The units a predicate's facts are given in, from a bounded sample (an index range, not a scan):
        enough to tell a percentage from a currency from a count. Read once per predicate."""
        cache = self.__dict__.setdefault("_units", {})
        if predicate not in cache:
            rows = self._query("SELECT f.unit FROM facts f "
                               "WHERE f.predicate_id = (SELECT id FROM predicates WHERE name = ?) "
                               f"AND f.status IN ({self._statuses}) LIMIT {int(sample)}", [predicate])
            cache[predicate] = frozenset(unit for (unit,) in rows if unit)
        return cache[predicate]

    def facts_with_value(self, predicate: str, value_entity_ids: Iterable[int]) -> list[FactRow]:
        """Approved facts whose value is one of these entities (the holders of an office)."""
        ids = sorted(set(value_entity_ids))
        if not ids:
            return []
        sql = (self._fact_sql + f"p.name = ? AND f.value_entity_id IN ({','.join('?' * len(ids))}) ORDER BY f.uid")
        self.predicates()
        return [_fact(r) for r in self._query(sql, [predicate, *ids])]
