"""Open a store for curation: create the schema, import, export, add, digest.

This is the writing side and imports SQLAlchemy's ORM; the verifier reads
through `claims_db.query`, which stays light.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import create_engine, event, func, inspect, select
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from . import SCHEMA_VERSION, integrity
from .aliases import merge
from .bulk import Progress
from .errors import StoreError, driver_error
from .history import Recorder
from .records import ENTITY_FIELDS, FACT_FIELDS, entity_record, fact_columns, fact_record, record_hash
from .interchange import Parsed, iter_records, parse_files
from .locate import VOCABULARY, redact, sqlite_path, sqlite_ro_uri, to_url, wal_needs_immutable
from .models import Alias, AliasForm, Base, Entity, Fact, Meta, Predicate, Status, ValueType
from .text import normalise

IMMEDIATE = "claims_db_immediate"  # execution option: this transaction writes, so SQLite locks at BEGIN
SQLITE_LOCK_WAIT = 60  # seconds a writer waits for another to finish before "database is locked"
# Writers on SQLite use the write-ahead log: readers (checks) never wait for a writer, nor a writer for them.
JOURNAL_MODE = "wal"
LIKE_ESCAPE = "\\"


@dataclass(frozen=True)
class Page:
    """Some of the facts a query matches, and how many it matches in all."""

    facts: list[dict]
    total: int


def _engine(url: str, immutable: bool = False) -> Engine:
    """An engine; on SQLite, foreign keys on and a busy timeout on each connection.

    `immutable` opens the file read-only as one nobody writes (see `locate.wal_needs_immutable`).
    """
    if not url.startswith("sqlite"):
        return create_engine(url)
    if immutable:
        uri = sqlite_ro_uri(sqlite_path(url), immutable=True)
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    else:
        engine = create_engine(url, connect_args={"timeout": SQLITE_LOCK_WAIT})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_LOCK_WAIT * 1000}")
        dbapi_connection.isolation_level = None  # transactions are begun by the hook below, not by the driver

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # Two writers that began deferred and both read would deadlock when upgrading to write;
        # taking the write lock up front makes the second wait for the first to commit.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(IMMEDIATE) else "BEGIN")

    return engine


class Store:
    """A writable store; every write method is one transaction, all-or-nothing."""

    def __init__(self, location: str | None, create: bool = False, read_only: bool = False, older: bool = False):
        """Open (or with `create`, make) a store; `read_only` for reading commands: the journal mode is left as is;
        `older` admits a store of an older schema, for `upgrade` only."""
        if location is None:
            raise StoreError("writing needs an explicit --db (the bundled store is read-only)")
        self.url = to_url(location)
        self.shown = redact(self.url)  # how messages and stats name the store: never with its password
        path = sqlite_path(self.url)
        if not create and path is not None and not os.path.exists(path):
            # SQLite would create an empty file here and leave it behind.
            shown = redact(location)
            raise StoreError(f"no store at {shown} (create one with 'claims-db init --db {shown}')")
        try:
            immutable = read_only and path is not None and not create and wal_needs_immutable(path)
            self.engine = _engine(self.url, immutable=immutable)
            self._session = sessionmaker(self.engine, expire_on_commit=False)
            self._writing = sessionmaker(self.engine.execution_options(**{IMMEDIATE: True}), expire_on_commit=False)
            if create:
                self.create_schema()
            else:
                self.check_schema(older)
            if path is not None and not read_only:
                self._set_journal_mode()
            elif not read_only and not create:  # a PostgreSQL store made before its search indexes gains them
                self._enable_fts()
        except (SQLAlchemyError, ValueError) as exc:  # ValueError: a URL SQLAlchemy cannot parse (a bad port)
            raise driver_error(f"cannot open store {self.shown}", self.url, exc) from None

    def _set_journal_mode(self) -> None:
        """Put a SQLite store in JOURNAL_MODE, once its schema is known good (never a file that is no store).

        The mode is kept in the file, so this is a no-op after the first time. Run outside any
        transaction, as SQLite requires: on the driver's connection, which commits on its own.
        """
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}").fetchall()
        finally:
            raw.close()

    # -- schema -----------------------------------------------------------
    def create_schema(self) -> None:
        """Create missing tables and stamp the schema version; safe to repeat."""
        Base.metadata.create_all(self.engine)
        with self.session(write=True) as session:
            new = session.get(Meta, "schema_version") is None
            if new:
                from .migrate import stamp_new

                session.add(Meta(key="schema_version", value=str(SCHEMA_VERSION)))
                stamp_new(session.connection())
        self._enable_fts()
        self.check_schema()
        if new:  # the default vocabulary's history is its source file's, as the bundled store's is
            self.import_parsed(parse_files([str(VOCABULARY)]), history=False)

    def _enable_fts(self) -> None:
        """Full-text indexes for `claims-db search`, made outside the migrations as they only speed up search:
        FTS5 tables kept in sync by triggers on SQLite, GIN indexes on PostgreSQL (see `claims_db.search`)."""
        from .search import FTS_COLUMNS, create_postgres_indexes, may_create_indexes, missing_postgres_indexes

        path = sqlite_path(self.url)
        if path is None:
            if self.engine.dialect.name == "postgresql":
                with self.session() as session:
                    missing = missing_postgres_indexes(session) and may_create_indexes(session)
                if missing:  # under the write lock, so two writers opening at once do not both create them
                    with self.session(write=True) as session:
                        create_postgres_indexes(session)
            return
        import sqlite_utils

        db = sqlite_utils.Database(path)
        for table, columns in FTS_COLUMNS.items():
            if not db[table].detect_fts():
                db[table].enable_fts(list(columns), create_triggers=True)
        db.close()

    def check_schema(self, older: bool = False) -> None:
        """Refuse what is no claims store, a newer schema (or an older one, unless `older`), or a damaged store,
        before any command works on it."""
        # session() turns a missing table into a bare "no such table"; look for them first.
        tables = inspect(self.engine).get_table_names()
        version = None
        if Meta.__tablename__ in tables:
            with self.session() as session:
                version = session.scalar(select(Meta.value).where(Meta.key == "schema_version"))
        self.schema_version = integrity.schema_version(self.shown, version)
        if self.schema_version < SCHEMA_VERSION and not older:
            raise StoreError(f"store {self.shown} has schema {self.schema_version}, older than this tool's "
                             f"({SCHEMA_VERSION}): run 'claims-db upgrade --db ...' (checks can still read it)")
        integrity.check_tables(self.shown, tables, self.schema_version)
        with self.session() as session:
            # Raw rows: the ORM would fail on a bad one with a JSON or enum error naming no store.
            for row in session.execute(sql_text("SELECT name, value_type, cues, nouns FROM predicates")):
                integrity.vocabulary_row(self.shown, *row)

    def upgrade(self) -> tuple[int, int]:
        """Bring an older store to this tool's schema, all-or-nothing and under the write lock: (from, to)."""
        from .migrate import upgrade

        before = self.schema_version
        if before == SCHEMA_VERSION:
            return before, before
        with self.session(write=True) as session:
            after = upgrade(session.connection(), before)
        self.check_schema()
        return before, after

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error.

        A writing one holds the store's write lock from its first statement, so concurrent
        writers run one after another and each starts from what the one before committed
        (the digest and the fact count are read-modify-write): SQLite takes the lock with
        BEGIN IMMEDIATE, other engines with a row lock on meta's schema_version.
        """
        try:
            with (self._writing if write else self._session)() as session, session.begin():
                if write:  # FOR UPDATE renders as nothing on SQLite, where BEGIN IMMEDIATE has the lock
                    session.execute(select(Meta.key).where(Meta.key == "schema_version").with_for_update())
                yield session
        except SQLAlchemyError as exc:
            raise driver_error(f"store {self.shown}", self.url, exc) from None

    # -- writing ----------------------------------------------------------
    def value_types(self) -> dict[str, str]:
        with self.session() as session:
            return {p.name: p.value_type.value for p in session.scalars(select(Predicate))}

    def import_parsed(self, parsed: Parsed, status: str | None = None, by: str | None = None,
                      why: str | None = None, history: bool = True, action: str = "import",
                      progress: Progress | None = None) -> dict[str, int]:
        """Write validated records in one transaction and refresh the digest; `status` ("draft") overrides every
        fact's. Each fact or entity created or changed gets a history row (`action`, by `by`, for `why`) unless
        not `history` (the bundled store, built from its source, whose history is that file's)."""
        return self._import(parsed.records, False, status, by, why, history, action, progress)

    def import_files(self, paths: Iterable[str], status: str | None = None, by: str | None = None,
                     why: str | None = None, progress: Progress | None = None) -> dict[str, int]:
        """Import JSONL or CSV files as `import_parsed` does, reading them a record at a time (they are checked
        whole before anything is written, and kept on disk meanwhile), so memory does not grow with them."""
        return self._import(iter_records(paths), True, status, by, why, True, "import", progress)

    def _import(self, records: Iterable, on_disk: bool, status: str | None, by: str | None, why: str | None,
                history: bool, action: str, progress: Progress | None) -> dict[str, int]:
        from .bulk import BulkImport
        from .rows import collector_frozen
        from .validated import Validated

        value_types = self.value_types()
        with collector_frozen():
            checked = Validated(value_types, status, on_disk)
            for count, (record, row) in enumerate(records, 1):
                checked.add(record, row)
                if progress is not None and count % 10_000 == 0:
                    progress("records read", count, 0)
            source = checked.finish(lambda predicates: self._check_retyped(predicates, value_types))
            recorder = Recorder(by, why or "imported from " + ", ".join(checked.paths))
            with self.session(write=True) as session, session.no_autoflush:
                return BulkImport(session, self.shown, recorder, action, history, progress).run(
                    source, _upsert_predicate, _predicate_record)

    def _check_retyped(self, predicates: list, value_types: dict[str, str]) -> None:
        """Refuse to change the type of a predicate that has facts: their values would be lost."""
        retyped = [(r, row) for r, row in predicates
                   if value_types.get(r["predicate"], r["value_type"]) != r["value_type"]]
        if not retyped:
            return
        with self.session() as session:
            used = set(session.scalars(select(Predicate.name).join(Fact, Fact.predicate_id == Predicate.id)
                                       .where(Predicate.name.in_([r["predicate"] for r, _ in retyped]))))
        for record, row in retyped:
            if record["predicate"] in used:
                raise row.fail("value_type", f"cannot change predicate {record['predicate']!r} from "
                                             f"{value_types[record['predicate']]} to {record['value_type']}: "
                                             "the store has facts under it")

    def retire(self, uid: str, why: str | None = None, by: str | None = None) -> None:
        """Mark a draft or approved fact retired: kept, never used by checks again."""
        from .curate import set_status

        set_status(self, [uid], Status.RETIRED, why, by)

    def set_status(self, uids: Iterable[str], status: str, why: str | None, by: str | None = None) -> list[str]:
        """Approve or reject drafts (`claims-db review`), all of them or none."""
        from .curate import set_status

        return set_status(self, uids, Status(status), why, by)

    def edit(self, uid: str, changes: dict, why: str, by: str | None = None, expect_version: int | None = None):
        """Supersede a fact by a new version (see `claims_db.curate.edit`); an `Edited`."""
        from .curate import edit

        return edit(self, uid, changes, why, by, expect_version)

    def versions(self, uid: str) -> list[dict]:
        """Every version of fact `uid`, oldest first, each a fact record with its id; empty when no such fact."""
        from .history import lineage

        with self.session() as session:
            fact = session.scalar(select(Fact).where(Fact.uid == uid))
            return [{**fact_dict(f), "version": f.version} for f in lineage(session, fact)] if fact else []

    def history(self, name: str):
        """Every change recorded about a fact (by id, all its versions) or an entity, as a `history.Trail`."""
        from .history import trail

        with self.session() as session:
            return trail(session, name)

    def _update_digest(self, session: Session, rows: Iterable[Entity | Predicate | Fact], facts_added: int) -> None:
        """Fold changed rows into the digest: XOR out each old record hash, XOR in the new one.

        The digest is the XOR of the SHA-256 of every exported record, so equal
        content gives an equal digest whatever the order of writes, and a write
        costs what it touched, not the size of the store.
        """
        meta = dict(session.execute(select(Meta.key, Meta.value).where(Meta.key.in_(("digest", "facts")))).all())
        digest = integrity.digest(self.shown, meta.get("digest"))
        seen = set()
        for row in rows:
            if id(row) in seen:
                continue
            seen.add(id(row))
            new = record_hash(_row_record(row))
            digest ^= int(row.row_hash or "0", 16) ^ int(new, 16)
            row.row_hash = new
        session.merge(Meta(key="digest", value=f"{digest:064x}"))
        # Kept here so a reader reports the size without counting rows.
        count = integrity.fact_count(self.shown, meta.get("facts"))
        session.merge(Meta(key="facts", value=str(count + facts_added)))

    def describe(self, description: str) -> None:
        """Name the store for reports (meta `description`); an empty one leaves reports naming the file."""
        text = integrity.description(description)
        with self.session(write=True) as session:
            if text:
                session.merge(Meta(key="description", value=text))
            elif (row := session.get(Meta, "description")) is not None:
                session.delete(row)

    def refresh_digest(self) -> str:
        """Recompute every row hash, the digest and the fact count from the content (`claims-db refresh`)."""
        from .digest import refresh

        with self.session(write=True) as session:
            predicates = [(p.id, p.row_hash, _predicate_record(p)) for p in session.scalars(select(Predicate))]
            digest = refresh(session.connection(), iter(predicates))
            session.merge(Meta(key="digest", value=f"{digest:064x}"))
            session.merge(Meta(key="facts", value=str(session.scalar(select(func.count(Fact.id))))))
            return f"{digest:064x}"

    # -- reading ----------------------------------------------------------
    def export(self) -> list[dict]:
        with self.session() as session:
            return list(_export_records(session))

    def find(self, subject: str | None = None, predicate: str | None = None, text: str | None = None,
             status: str | None = None, limit: int = 200) -> list[dict]:
        """Facts by entity name or alias, predicate, full text and status; each record carries its `id`."""
        return self.find_page(subject, predicate, text, status, limit).facts

    def find_page(self, subject: str | None = None, predicate: str | None = None, text: str | None = None,
                  status: str | None = None, limit: int = 200) -> Page:
        """The first `limit` facts matching, in id order, and how many match in all (for honest paging)."""
        with self.session() as session:
            query = select(Fact).join(Predicate, Fact.predicate_id == Predicate.id)
            if subject:
                ids = select(Alias.entity_id).where(Alias.norm == normalise(subject))
                query = query.where(Fact.subject_id.in_(ids))
            if predicate:
                query = query.where(Predicate.name == predicate)
            if status:
                query = query.where(Fact.status == Status(status))
            if text:
                entity_ids, fact_ids = self._text_matches(session, text)
                query = query.where(Fact.subject_id.in_(entity_ids) | Fact.id.in_(fact_ids))
            total = session.scalar(select(func.count()).select_from(query.subquery()))
            facts = [fact_dict(f) for f in session.scalars(query.order_by(Fact.uid).limit(max(limit, 0)))]
            return Page(facts, total)

    def _text_matches(self, session: Session, text: str) -> tuple[set[int], set[int]]:
        """Entity and fact ids matching `text`: full text on SQLite and PostgreSQL (`claims_db.search`),
        a LIKE match on other engines."""
        from . import search

        dialect = self.engine.dialect.name
        if dialect in ("sqlite", "postgresql"):
            matches = search.sqlite_matches if dialect == "sqlite" else search.postgres_matches
            hits = matches(session, search.phrases(text))
            return hits["entities"] | hits["aliases"], hits["facts"]
        pattern = contains_pattern(text)

        def like(column):
            return column.ilike(pattern, escape=LIKE_ESCAPE)

        entities = set(session.scalars(select(Entity.id).where(like(Entity.name) | like(Entity.note))))
        entities |= set(session.scalars(select(Alias.entity_id).where(like(Alias.text))))
        facts = set(session.scalars(select(Fact.id).where(like(Fact.note) | like(Fact.source_title))))
        return entities, facts

    def show(self, name: str, on: dt.date) -> list:
        """Every entity `name` (a name, an alias or an id) resolves to, as `claims_db.ask.EntityView`s."""
        from . import ask

        with self.session() as session:
            return ask.show(session, name, on)

    def names(self, name: str) -> list:
        """Every entity `name` resolves to, with its parts and names by origin, as `claims_db.ask.EntityNames`."""
        from . import ask

        with self.session() as session:
            return ask.names(session, name)

    def who(self, office: str, on: dt.date) -> list:
        """Who held the office named `office` on `on`, as `claims_db.ask.Holding`s."""
        from . import ask

        with self.session() as session:
            return ask.who(session, office, on)

    def validate(self) -> list:
        """What the store must not hold, as `claims_db.validate.Problem`s (empty when sound)."""
        from . import validate

        with self.session() as session:
            return validate.problems(session)

    def stats(self) -> dict:
        from .snapshot import stats_entry

        with self.session() as session:
            meta = {m.key: m.value for m in session.scalars(select(Meta))}
            by_status = dict(session.execute(select(Fact.status, func.count()).group_by(Fact.status)).all())
            by_predicate = session.execute(
                select(Predicate.name, func.count(Fact.id)).join(Fact, Fact.predicate_id == Predicate.id, isouter=True)
                .group_by(Predicate.name).order_by(Predicate.name)).all()
            return {
                "location": self.shown, "schema_version": int(meta["schema_version"]), "digest": meta.get("digest"),
                "entities": session.scalar(select(func.count(Entity.id))),
                "aliases": session.scalar(select(func.count(Alias.id))),
                "predicates": len(by_predicate),
                "facts": sum(by_status.values()),
                "facts_by_status": {s.value: by_status.get(s, 0) for s in Status},
                "facts_by_predicate": {name: n for name, n in by_predicate},
                **stats_entry(meta),
            }


class _EntityCache:
    """Find-or-create entities by name within one import."""

    def __init__(self, session: Session):
        self.session, self.by_name = session, {}
        self.before: dict[str, dict | None] = {}  # each entity's record before this import (None: new)

    def get(self, name: str, kind: str = "other") -> Entity:
        entity = self.by_name.get(name)
        if entity is None:
            entity = self.session.scalar(select(Entity).where(Entity.name == name))
            if entity is None:
                entity = Entity(name=name, kind=kind)
                self.session.add(entity)
                self.add_aliases(entity, [name])
                self.before[name] = None
            else:
                self.before[name] = _row_record(entity)
            self.by_name[name] = entity
        return entity

    def add_aliases(self, entity: Entity, names: Iterable[str], form: AliasForm = AliasForm.NAME) -> None:
        """Add new names, by the rule of `claims_db.aliases`."""
        known = {a.norm: a for a in entity.aliases}

        def make(text: str, norm: str, form: AliasForm) -> Alias:
            entity.aliases.append(Alias(text=text, norm=norm, form=form))
            return entity.aliases[-1]

        for name in names:
            merge(known, entity.name, name, form, make)


def _upsert_predicate(session: Session, record: dict) -> dict | None:
    """Write a predicate record; return its record as it was before (None: new)."""
    predicate = session.scalar(select(Predicate).where(Predicate.name == record["predicate"]))
    before = _predicate_record(predicate) if predicate is not None else None
    if predicate is None:
        predicate = Predicate(name=record["predicate"])
        session.add(predicate)
    predicate.value_type = ValueType(record["value_type"])
    predicate.label, predicate.description = record.get("label"), record["description"]
    predicate.cues, predicate.nouns = record["cues"], record["nouns"]
    session.flush()  # so a second declaration in the same import finds it, and updates it: the later one wins
    return before


def _fill_fact(fact: Fact, record: dict, subject: Entity, predicate: Predicate, entities: _EntityCache) -> None:
    fact.subject, fact.predicate = subject, predicate
    for column, value in fact_columns(record, predicate.value_type.value).items():
        setattr(fact, column, value)
    fact.value_entity = entities.get(record["value"]) if predicate.value_type is ValueType.ENTITY else None

def _predicate_record(p: Predicate) -> dict:
    # A label only when set: a predicate without one keeps the record (and row hash) it had before labels existed.
    label = {"label": p.label} if p.label else {}
    return {"record": "predicate", "predicate": p.name, "value_type": p.value_type.value, **label,
            "description": p.description, "cues": sorted(p.cues), "nouns": sorted(p.nouns)}


def _entity_record(e: Entity, aliases: Iterable[tuple[str, AliasForm]]) -> dict:
    """An entity as written: parts and names a curator gave, never the names made from an office's parts."""
    return entity_record(_columns(e, ENTITY_FIELDS), e.jurisdiction.name if e.jurisdiction_id else None, aliases)


def _columns(row, fields: tuple[str, ...]) -> dict:
    return {f: getattr(row, f) for f in fields}

def _row_record(row: Entity | Predicate | Fact) -> dict:
    if isinstance(row, Predicate):
        return _predicate_record(row)
    if isinstance(row, Entity):
        return _entity_record(row, ((a.text, a.form) for a in row.aliases))
    return _fact_record(row, row.subject.name, row.value_entity.name if row.value_entity else None)


def _export_records(session: Session) -> Iterator[dict]:
    """All records in canonical order: predicates, entities, then facts."""
    for p in session.scalars(select(Predicate).order_by(Predicate.name)):
        yield _predicate_record(p)
    aliases: dict[int, list[tuple[str, AliasForm]]] = {}
    for entity_id, text, form in session.execute(select(Alias.entity_id, Alias.text, Alias.form)
                                                 .where(Alias.form != AliasForm.GENERATED)):
        aliases.setdefault(entity_id, []).append((text, form))
    names = {}
    for e in session.scalars(select(Entity).order_by(Entity.name)):
        names[e.id] = e.name
        yield _entity_record(e, aliases.get(e.id, []))
    rows = session.execute(
        select(Fact, Predicate.name, Predicate.value_type)
        .join(Predicate, Fact.predicate_id == Predicate.id)
        .join(Entity, Fact.subject_id == Entity.id)
        .order_by(Entity.name, Predicate.name, Fact.key).execution_options(yield_per=2000))
    for fact, _, _ in rows:
        yield _fact_record(fact, names[fact.subject_id], names.get(fact.value_entity_id))


def fact_dict(fact: Fact) -> dict:
    """A fact's exported record with its public `id`, as `find` and `show` give it."""
    return {"id": fact.uid, **_fact_record(fact, fact.subject.name, fact.value_entity.name if fact.value_entity else None)}


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its `%`, `_` and escape character taken literally."""
    for char in (LIKE_ESCAPE, "%", "_"):
        text = text.replace(char, LIKE_ESCAPE + char)
    return f"%{text}%"


def _fact_record(fact: Fact, subject: str, value_entity: str | None) -> dict:
    return fact_record(_columns(fact, FACT_FIELDS), subject, fact.predicate.name, fact.predicate.value_type.value,
                       value_entity)
