"""`claims-db snapshot`: a store's approved facts in one SQLite file, for CI runners that only check.

A snapshot holds the source's whole vocabulary, its approved facts and the entities a check can meet:
those the approved facts name, and those no fact names at all (places, offices, organisations curated
for the linker); an entity that only draft or retired facts name is left out with them. Fact ids are
those of the source, so a report made against a snapshot names facts curators can look up. It is
written to a temporary file beside the output and renamed into place, so a runner never reads half a
snapshot, and it is left in a rollback journal, one self-contained file. Its meta records where it
came from (the source's location, never with a password, and its digest) and when.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy import text as sql_text

from .errors import StoreError
from .locate import redact
from .interchange import Parsed
from .models import Meta, Predicate
from .store import Store, _export_records

# meta key -> the name `claims-db stats` gives it (the source's location last: it is the longest)
META = {"snapshot_taken": "taken", "snapshot_source_digest": "source_digest", "snapshot_of": "source"}
SIDE_FILES = ("-wal", "-journal")  # SQLite would apply either to whatever file then bears the name


@dataclass(frozen=True)
class Written:
    """What a snapshot holds, for the command's one-line summary."""

    output: str
    facts: int
    entities: int
    source_digest: str


def taken_at() -> dt.datetime:
    """The snapshot's time: now, or SOURCE_DATE_EPOCH when set, so a rebuild can be byte for byte the same."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise StoreError(f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}") from None
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def approved_records(records: list[dict], approved_only: bool = True) -> list[dict]:
    """The records a snapshot keeps, in their canonical order (see the module's docstring)."""
    value_types = {r["predicate"]: r["value_type"] for r in records if r["record"] == "predicate"}

    def named(fact: dict) -> set[str]:
        return {fact["subject"], *([fact["value"]] if value_types[fact["predicate"]] == "entity" else [])}

    facts = [r for r in records if r["record"] == "fact"]
    kept = [f for f in facts if f["status"] == "approved" or not approved_only]
    needed = set().union(*map(named, kept))
    named_at_all = set().union(*map(named, facts))
    return [r for r in records if r["record"] == "predicate"
            or (r["record"] == "entity" and (r["subject"] in needed or r["subject"] not in named_at_all))
            or (r["record"] == "fact" and (r["status"] == "approved" or not approved_only))]


def _read(source: Store) -> tuple[list[dict], dict[str, str]]:
    """The source's records and meta, from one consistent view of it (a writer may be at work)."""
    with source.session() as session:
        if session.bind.dialect.name == "postgresql":  # else each statement sees the latest commit
            session.execute(sql_text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        meta = {m.key: m.value for m in session.scalars(select(Meta))}
        return list(_export_records(session)), meta


def _check_output(source: Store, output: str) -> None:
    directory = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(directory):
        raise StoreError(f"cannot write {output}: no directory {directory}")
    if os.path.isdir(output):
        raise StoreError(f"cannot write {output}: it is a directory (give a file name, e.g. {output}/store.sqlite)")
    from .locate import sqlite_path

    path = sqlite_path(source.url)
    if path is not None and os.path.exists(output) and os.path.samefile(path, output):
        raise StoreError(f"{output} is the source store itself: write the snapshot to another file")
    for suffix in SIDE_FILES:
        if os.path.exists(output + suffix):
            raise StoreError(f"{output}{suffix} is beside {output}: close what has it open (or remove it) first")


def write(source: Store, output: str, approved_only: bool = True, shown: str | None = None) -> Written:
    """Write `source`'s snapshot to `output` (a SQLite file) in one rename; `approved_only=False` keeps every fact.

    `shown` is how its meta names the source, if not by its location (always without a password)."""
    from .locate import _rollback_journal

    _check_output(source, output)
    records, meta = _read(source)
    kept = approved_records(records, approved_only)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(output)}.", suffix=".tmp",
                               dir=os.path.dirname(os.path.abspath(output)))
    os.close(fd)
    try:
        store = Store(tmp, create=True)
        try:
            _fill(store, kept, meta, redact(shown or source.shown))
        finally:
            store.engine.dispose()
        _rollback_journal(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as any new file: mkstemp makes it private
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(tmp, output)
    finally:
        for leftover in (tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    facts = sum(r["record"] == "fact" for r in kept)
    return Written(output, facts, sum(r["record"] == "entity" for r in kept), meta.get("digest", ""))


def _fill(store: Store, records: list[dict], meta: dict[str, str], shown: str) -> None:
    parsed = Parsed()
    for n, record in enumerate(records, 1):
        parsed.add("<snapshot>", n, record)
    store.import_parsed(parsed, history=False)  # a copy for CI: its history is the source's
    vocabulary = {r["predicate"] for r in records if r["record"] == "predicate"}
    with store.session(write=True) as session:
        # A new store starts with the default vocabulary; the snapshot has the source's, no more.
        session.execute(delete(Predicate).where(Predicate.name.not_in(vocabulary)))
        for key, value in (("description", meta.get("description")), ("snapshot_of", shown),
                           ("snapshot_source_digest", meta.get("digest", "")),
                           ("snapshot_taken", taken_at().isoformat().replace("+00:00", "Z"))):
            if value:
                session.merge(Meta(key=key, value=value))
    store.refresh_digest()


def stats_entry(meta: dict[str, str]) -> dict:
    """`claims-db stats`'s "snapshot" entry: where and when a snapshot was taken; {} for any other store."""
    found = {name: meta[key] for key, name in META.items() if key in meta}
    return {"snapshot": found} if found else {}
