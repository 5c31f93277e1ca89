"""`claims-db browse`: the store in Datasette, read-only, with every table and column described.

Datasette reads SQLite only, so a PostgreSQL store is browsed through a snapshot of all its facts
(every status, see `claims_db.snapshot`) in a temporary file, removed when browsing ends. A SQLite
store is opened as Datasette opens any file, `mode=ro`, so it shows what curators commit meanwhile;
the bundled store and a snapshot, which nobody writes, are opened immutable. Datasette is an optional
extra (`pip install 'claim-verifier[browse]'`), imported only by the server it runs.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError

INSTALL = "pip install 'claim-verifier[browse]'"
HOST = "127.0.0.1"  # only this machine: the store is shown to whoever can reach the port
DEFAULT_PORT = 8001  # Datasette's own default

# table -> (what it holds, {column: what it holds}); tests/test_store_browse.py keeps them equal to the models.
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "facts": ("One sourced statement each: a subject, a predicate and a value, with its source, validity and "
              "review status. Checks use approved facts only.", {
        "id": "row number in this store (not stable across stores: use uid)",
        "uid": "the fact's public id, as reports and 'claims-db list' show it",
        "key": "natural key (subject, predicate, value, date, valid_from): importing it again updates the fact",
        "subject_id": "the entity the fact is about",
        "predicate_id": "what the fact states",
        "value_number": "the value of a quantity predicate",
        "value_date": "the value of a date predicate",
        "value_entity_id": "the value of an entity predicate (an office held, an organisation joined)",
        "value_text": "the value of a text predicate",
        "unit": "unit of a quantity (people, member states, a currency code)",
        "tolerance": "how far a draft's figure may be from the value and still be consistent",
        "date": "the day a point-in-time figure refers to",
        "valid_from": "first day the fact holds",
        "valid_to": "last day the fact holds (empty: it still holds)",
        "source_title": "title of the source document",
        "source_publisher": "who published the source",
        "source_url": "where the source can be read",
        "source_accessed": "the day the source was read",
        "status": "draft (waiting for review), approved (used by checks), retired (kept, no longer used), "
                  "superseded (replaced by a newer version) or rejected (a draft review turned down)",
        "note": "free text for curators",
        "row_hash": "SHA-256 of the fact's exported record; the store's digest is the XOR of them all",
        "version": "1, then one more per edit ('claims-db edit')",
        "superseded_by": "the uid of the version that replaced this one",
    }),
    "history": ("Every change to the store: who, when (UTC), why and the fields it changed. Not in any digest.", {
        "id": "row number, in the order changes were made",
        "changed_at": "when the change was committed (UTC)",
        "changed_by": "who made it (--by, else the system user)",
        "action": "create, import, edit, approve, reject or retire",
        "fact_uid": "the fact changed (for an edit: the new version)",
        "entity_id": "the entity changed, or the fact's subject",
        "predicate": "the predicate changed, by name",
        "why": "the reason given",
        "old": "the changed fields before (JSON); empty for a creation",
        "new": "the changed fields after (JSON)",
    }),
    "entities": ("People, organisations, countries, places, events and offices that facts are about.", {
        "id": "row number; 'claims-db show ID' takes it",
        "name": "canonical name",
        "kind": "person, organisation, country, place, event, office, relation, ... (events' figures settle)",
        "note": "free text for curators",
        "row_hash": "SHA-256 of the entity's exported record (with its aliases)",
        "title": "an office's title ('Minister', 'President'): its regular names are made from its parts",
        "portfolio": "an office's portfolio ('Defence', 'Foreign Affairs')",
        "body": "the body an office heads or sits in ('State Council')",
        "jurisdiction_id": "the country or organisation of an office (an entity id)",
    }),
    "aliases": ("Every name a text may use for an entity; look-ups match the normalised form.", {
        "id": "row number",
        "entity_id": "the entity this name belongs to",
        "text": "the name as written",
        "norm": "the name normalised (case, accents, apostrophes and dashes folded): what look-ups match",
        "form": "name (a curator's), demonym ('Russian'), or generated (made from an office's parts, never exported)",
    }),
    "predicates": ("What facts can state: the vocabulary, with the words that express each predicate in text.", {
        "id": "row number",
        "name": "the predicate's name in records and commands",
        "value_type": "quantity, date, entity or text: which value column its facts fill",
        "label": "plain words reasons use ('death toll')",
        "description": "what the predicate means",
        "cues": "phrases that express it in a draft (JSON list)",
        "nouns": "nouns that count it ('people', 'member states'; JSON list)",
        "row_hash": "SHA-256 of the predicate's exported record",
    }),
    "meta": ("Facts about the store itself: schema version, digest, fact count, description; a snapshot's "
             "source, source digest and time.", {
        "key": "what the row records",
        "value": "its value",
    }),
}
LABELS = {"entities": "name", "predicates": "name"}  # how a foreign key to them shows on a page
FACETS = {"facts": ["status", "predicate_id"], "entities": ["kind"], "predicates": ["value_type"]}
HIDDEN = ("alembic_version",)


@dataclass(frozen=True)
class Target:
    """The SQLite file Datasette serves, how it opens it, and how pages name the store."""

    path: str
    immutable: bool
    shown: str
    description: str


def require_datasette() -> None:
    """Refuse at once, in one line, when the optional extra is missing."""
    if importlib.util.find_spec("datasette") is None:
        raise StoreError(f"browsing needs Datasette, an optional extra: {INSTALL}")


def metadata(database: str, shown: str, description: str) -> dict:
    """Datasette metadata: a title naming the store, and the tables and their columns described."""
    tables = {}
    for table, (about, columns) in TABLES.items():
        tables[table] = {"description": about, "columns": columns}
        if table in LABELS:
            tables[table]["label_column"] = LABELS[table]
        if table in FACETS:
            tables[table]["facets"] = FACETS[table]
    tables["facts"]["sort"] = "uid"
    tables.update({name: {"hidden": True} for name in HIDDEN})
    return {"title": f"claims store {description or shown}",
            "description": f"{shown}, read-only. Checks use the approved facts; 'claims-db --help' edits them.",
            "databases": {database: {"tables": tables}}}


def command(target: Target, port: int, metadata_file: str) -> list[str]:
    """The Datasette command line serving `target` on HOST:port."""
    files = ["-i", target.path] if target.immutable else [target.path]
    return [sys.executable, "-m", "datasette", "serve", *files, "--host", HOST, "--port", str(port),
            "--metadata", metadata_file, "--setting", "default_page_size", "50"]


@contextmanager
def served_file(store, bundled: bool) -> Iterator[Target]:
    """The SQLite file to serve for an open `claims_db.store.Store`: itself, or a temporary snapshot of it."""
    from .locate import sqlite_path, wal_needs_immutable
    from .models import Meta

    stats = store.stats()
    with store.session() as session:
        row = session.get(Meta, "description")
        description = row.value if row is not None else ""
    path = sqlite_path(store.url)
    if path is not None and not bundled:
        yield Target(path, "snapshot" in stats or wal_needs_immutable(path), stats["location"], description)
        return
    with tempfile.TemporaryDirectory(prefix="claims-db-browse-") as directory:
        if path is not None:  # Datasette names a database by its file: "bundled", not the cache's hashed name
            os.symlink(path, os.path.join(directory, "bundled.sqlite"))
            yield Target(os.path.join(directory, "bundled.sqlite"), True, "the bundled store", description)
            return
        from . import snapshot

        copy = os.path.join(directory, "store.sqlite")
        snapshot.write(store, copy, approved_only=False)
        yield Target(copy, True, store.shown, description)


def check_port(port: int) -> None:
    """Refuse a port another server holds, in one line, before a snapshot is made for nothing."""
    import socket

    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            raise StoreError(f"cannot serve on {HOST}:{port}: {exc.strerror} (choose another with --port)") from None


def _stop_on_sigterm() -> None:
    """Turn SIGTERM into KeyboardInterrupt, so a temporary snapshot is removed however browsing ends."""
    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def serve(target: Target, port: int, announce=print) -> int:
    """Run Datasette on `target` until it stops or is interrupted; its exit code (0 when interrupted)."""
    database = Path(target.path).stem
    with tempfile.TemporaryDirectory(prefix="claims-db-metadata-") as directory:
        metadata_file = os.path.join(directory, "metadata.json")
        with open(metadata_file, "w", encoding="utf-8") as out:
            json.dump(metadata(database, target.shown, target.description), out, ensure_ascii=False, indent=2)
        _stop_on_sigterm()
        announce(f"browsing {target.shown} read-only at http://{HOST}:{port}/{database} (Ctrl-C to stop)")
        sys.stdout.flush()
        child = subprocess.Popen(command(target, port, metadata_file))
        try:
            return child.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
