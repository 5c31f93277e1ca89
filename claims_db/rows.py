"""Rows written straight to the driver for `claims_db.bulk`, and what an import keeps on disk meanwhile.

Values are bound by their columns' own SQLAlchemy types, so rows are stored exactly as the ORM stored them,
without a statement compiled per row; PostgreSQL takes a batch by COPY. On SQLite the import runs without
the full-text insert triggers and, when it brings more facts than the store holds, without the secondary
indexes of facts and history: both are made again before the commit, in the same transaction.
"""

from __future__ import annotations

import gc
import json
import marshal
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter

from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection

from .models import Fact, History

SPOOL_CHUNK = 1000  # objects a spool writes at once
COPY_FROM = 100  # rows from which a batch goes by COPY on PostgreSQL; fewer go in one executemany INSERT
SQLITE_CACHE_KB = 32 * 1024  # a page cache this big keeps a batch's index pages in memory instead of spilling them
FACTS, HISTORY = Fact.__table__, History.__table__


@contextmanager
def collector_frozen() -> Iterator[None]:
    """Leave the objects alive before an import out of the cycle collector's full passes while it runs (gc.freeze):
    an import allocates millions of objects, so the collector makes a full pass every few seconds, and each pass
    walked every object of the modules loaded (0.9 s of 10 at 100k facts). Refcounting frees them as ever."""
    if gc.get_freeze_count():  # the host froze its own objects (a pre-fork server, say): its collector is its own
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Spool:
    """Objects written to a temporary file and read back in order: memory stays flat however many. They go to disk
    SPOOL_CHUNK at a time, one marshal call a chunk (a call an object cost twice as much per object)."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()
        self.chunks = 0
        self.pending: list = []

    def add(self, item) -> None:
        self.pending.append(item)
        if len(self.pending) >= SPOOL_CHUNK:
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        data = marshal.dumps(self.pending)
        self.file.seek(0, 2)
        self.file.write(len(data).to_bytes(4, "little"))
        self.file.write(data)
        self.chunks += 1
        self.pending = []

    def __iter__(self) -> Iterator:
        self._flush()
        self.file.seek(0)
        read = self.file.read
        for _ in range(self.chunks):  # marshal.load reads a file in small pieces: slow; a length prefix is not
            yield from marshal.loads(read(int.from_bytes(read(4), "little")))


class Ids:
    """Ids for new rows of a table, handed out in order: max + 1 on SQLite, the table's sequence elsewhere
    (taken a block at a time, and set to the last one used at the end)."""

    def __init__(self, conn: Connection, table: str, block: int):
        self.conn, self.table, self.block = conn, table, block
        self.sequence = conn.dialect.name == "postgresql"
        self.next = self.end = 0
        if not self.sequence:
            self.next = (conn.scalar(sql_text(f"SELECT max(id) FROM {table}")) or 0) + 1
            self.end = None
        self.first = None

    def take(self) -> int:
        if self.sequence and self.next >= self.end:
            seq = f"pg_get_serial_sequence('{self.table}', 'id')"
            last = self.conn.scalar(sql_text(f"SELECT setval({seq}, nextval({seq}) + {self.block - 1})"))
            self.next, self.end = last - self.block + 1, last + 1
        taken, self.next = self.next, self.next + 1
        if self.first is None:
            self.first = taken
        return taken

    def finish(self) -> None:
        if self.sequence and self.first is not None:
            self.conn.execute(sql_text(f"SELECT setval(pg_get_serial_sequence('{self.table}', 'id'), :last)"),
                              {"last": self.next - 1})


class _Insert:
    """One INSERT of many rows straight to the driver (COPY on PostgreSQL): each value in the form its column's
    SQLAlchemy type binds it, so rows are stored as the ORM stored them, without compiling a statement per row."""

    def __init__(self, conn: Connection, table, columns: tuple[str, ...], ready: tuple[str, ...] = ()):
        """`ready`: columns whose values come in their bound form already (see `Writer.json`)."""
        dialect = conn.dialect
        self.conn, self.columns = conn, columns
        # A processor that binds None as None (a date's, a float's) is mapped over its column as it is; one that
        # binds None otherwise (JSON's 'null') is called only for the values that are not None.
        self.processors = [(i, p if p(None) is None else _keep_none(p)) for i, c in enumerate(columns) if c not in ready
                           and (p := table.c[c].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
        self.values = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
        self.copy = dialect.name == "postgresql" and dialect.driver == "psycopg"
        names = ", ".join(columns)
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self.sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join([mark] * len(columns))})"
        self.copy_sql = f"COPY {table.name} ({names}) FROM STDIN"

    def __call__(self, rows: list[dict]) -> None:
        values = list(map(self.values, rows))
        if self.processors:  # a column at a time: one map over its values instead of a call per value in a loop
            columns = list(zip(*values))
            for i, process in self.processors:
                columns[i] = map(process, columns[i])
            values = list(zip(*columns))
        if not self.copy or len(values) < COPY_FROM:
            self.conn.exec_driver_sql(self.sql, values)
            return
        with self.conn.connection.driver_connection.cursor() as cursor, cursor.copy(self.copy_sql) as copy:
            for value in values:
                copy.write_row(value)


def _keep_none(process: Callable) -> Callable:
    """A bind processor that binds None as it always does (JSON's None is 'null') without being called for it."""
    none = process(None)
    return lambda value: none if value is None else process(value)


class Writer:
    """Inserts for an import. On SQLite the full-text tables' insert triggers are dropped while it runs (a
    trigger per row costs eight times an INSERT ... SELECT per batch) and made again before the commit; every
    batch of new rows is added to its full-text table at once, before any later statement may update it."""

    def __init__(self, conn: Connection, expected_facts: int, stored_facts: int):
        from .search import FTS_COLUMNS

        self.conn, self.inserts = conn, {}
        self.indexes = []
        if conn.dialect.name == "sqlite" and expected_facts > stored_facts:  # the count kept in meta, not a scan
            # More facts coming than there are: the secondary indexes are cheaper made again, sorted, at the end
            # than kept up row by row (SQLite's DDL is transactional, and readers keep the old ones meanwhile).
            self.indexes = [*FACTS.indexes, *HISTORY.indexes]
            for index in self.indexes:
                index.drop(conn)
        self.fts = FTS_COLUMNS if conn.dialect.name == "sqlite" else {}
        self.triggers = {}
        if self.fts:  # the connection's own page cache is given back in `close`
            self.cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
            conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
        for table in self.fts:
            sql = conn.scalar(sql_text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
                              {"name": f"{table}_ai"})
            if sql is None:  # a store whose search tables are missing: nothing to keep in step
                continue
            self.triggers[table] = sql
            conn.exec_driver_sql(f'DROP TRIGGER "{table}_ai"')

    def json(self, value) -> str:
        """A JSON column's value as the column stores it (SQLAlchemy's JSON type writes json.dumps of it), so a
        history row can wait on disk as two short texts rather than two records."""
        return "null" if value is None else json.dumps(value)

    def bound(self, table, column: str, value):
        """A value as its column's type binds it: for a value every row of an insert shares, bound once."""
        dialect = self.conn.dialect
        process = table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
        return value if process is None else process(value)

    def insert(self, table, rows: list[dict], ready: tuple[str, ...] = ()) -> None:
        if not rows:
            return
        columns = tuple(rows[0])
        write = self.inserts.get((table.name, columns))
        if write is None:
            write = self.inserts[(table.name, columns)] = _Insert(self.conn, table, columns, ready)
        # New rows take ids past the table's highest, read now: not past the highest an earlier batch left, since
        # rows deleted meanwhile (office names made again) give their ids back to the rows that replace them.
        high = self.conn.scalar(sql_text(f"SELECT max(id) FROM {table.name}")) if table.name in self.triggers else 0
        write(rows)
        if table.name in self.triggers:
            columns = ", ".join(self.fts[table.name])
            self.conn.execute(sql_text(f"INSERT INTO {table.name}_fts (rowid, {columns}) "
                                       f"SELECT id, {columns} FROM {table.name} WHERE id > :high"), {"high": high or 0})

    def update_unsearched(self, table, statement, rows: Sequence[dict]) -> None:
        """Run an executemany UPDATE that sets none of `table`'s full-text columns; on SQLite without the table's
        update trigger, which would take every row's words out of the full-text table and put them back."""
        sql = None
        if table.name in self.fts:
            sql = self.conn.scalar(sql_text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
                                   {"name": f"{table.name}_au"})
        if sql is not None:
            self.conn.exec_driver_sql(f'DROP TRIGGER "{table.name}_au"')
        self.conn.execute(statement, rows)
        if sql is not None:  # made again in the same transaction: a failure above rolls the drop back too
            self.conn.exec_driver_sql(sql)

    def finish(self) -> None:
        """Make the set-aside indexes and triggers again, before the commit."""
        for index in self.indexes:
            index.create(self.conn)
        for sql in self.triggers.values():
            self.conn.exec_driver_sql(sql)

    def close(self) -> None:
        """Give the connection back its page cache, however the import ended: a PRAGMA is the connection's, and a
        rollback leaves it as it was set (the pool would hand the next user a 32 MB cache)."""
        if self.fts:
            self.conn.exec_driver_sql(f"PRAGMA cache_size = {int(self.cache)}")
