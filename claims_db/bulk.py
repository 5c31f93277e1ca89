"""Write validated records at database speed: BATCH rows at a time, a few statements each, one transaction.

Every import comes here (`Store.import_parsed`, `Store.import_files`), so one writer makes a store. A batch
reads what it needs in a few IN queries (the entities it names, the facts it matches), writes its rows in a
few executemany statements, and folds its rows into the digest. Memory holds a batch, the names of the
entities the import touched and their ids; each touched entity's record before the import and each fact's
history row wait in temporary files. At the end offices' names are remade, the touched entities hashed, and
history written in the order the changes were first made: predicates, entities, then facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from . import aliases, integrity
from .history import Recorder, changed_fields
from .interchange import natural_key, stored_key, version_uid
from .models import Alias, AliasForm, Entity, Fact, History, Meta, Predicate
from .offices import made_names
from .records import (BOUND_FIELDS, ENTITY_FIELDS, FACT_FIELDS, entity_record, fact_columns, fact_record, record_hash,
                      validated_fact_record)
from .rows import Ids, Spool, Writer

BATCH = 2000  # records per batch: big enough that statements amortise, small enough for IN lists and memory
ENTITIES, ALIASES, FACTS, HISTORY = (m.__table__ for m in (Entity, Alias, Fact, History))
Progress = Callable[[str, int, int], None]  # (what is read or written, how many so far, of how many; 0: unknown)


def batches(items: Iterable, size: int | None = None) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= (size or BATCH):
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(eq=False)
class _Name:
    """An alias in a batch: `id` None until written; `dirty` when its text or form changed."""

    text: str
    norm: str
    form: AliasForm
    id: int | None = None
    dirty: bool = False

    def __setattr__(self, name, value):
        if name in ("text", "form") and getattr(self, "id", None) is not None:
            object.__setattr__(self, "dirty", True)
        object.__setattr__(self, name, value)


class _Touched:
    """The entities an import touched, by name, in the order first touched, with their ids; each one's record
    before the import waits in a spool (None for a new one), in the same order."""

    def __init__(self, conn: Connection, writer: Writer):
        self.conn, self.writer = conn, writer
        self.ids: dict[str, int] = {}
        self.before = Spool()
        self.new = Ids(conn, "entities", BATCH)


class _EntityBatch:
    """The entities one batch of records names: found, made, given names and kinds, then written by `flush`."""

    def __init__(self, touched: _Touched, names: Iterable[str], with_aliases: Iterable[str]):
        self.touched, self.conn = touched, touched.conn
        self.rows: dict[str, dict] = {}  # entities made in this batch, by name
        self.updates: list[dict] = []  # kind and note of entities already written
        self.known: dict[int, dict[str, _Name]] = {}  # names of the entities whose names this batch may change
        self.stored: dict[str, dict] = {}  # entities of the store this import had not touched yet, by name
        self._load(list(dict.fromkeys(n for n in names if n not in touched.ids)),
                   [touched.ids[n] for n in dict.fromkeys(with_aliases) if n in touched.ids])

    def _load(self, names: list[str], touched_ids: list[int]) -> None:
        place = aliased(Entity)
        for chunk in batches(names):
            for row in self.conn.execute(select(*(ENTITIES.c[f] for f in ENTITY_FIELDS), ENTITIES.c.id,
                                                place.name.label("jurisdiction"))
                                         .outerjoin(place, place.id == ENTITIES.c.jurisdiction_id)
                                         .where(ENTITIES.c.name.in_(chunk))).mappings():
                self.stored[row["name"]] = dict(row)
        ids = [*(e["id"] for e in self.stored.values()), *touched_ids]
        self.known.update((i, {}) for i in ids)
        for chunk in batches(ids):
            for a in self.conn.execute(select(ALIASES.c.id, ALIASES.c.entity_id, ALIASES.c.text, ALIASES.c.norm,
                                              ALIASES.c.form).where(ALIASES.c.entity_id.in_(chunk))):
                self.known[a.entity_id][a.norm] = _Name(a.text, a.norm, a.form, a.id)

    def get(self, name: str, kind: str = "other") -> int:
        """The id of the entity of this name, touching it (made with `kind` when the store has none)."""
        entity_id = self.touched.ids.get(name)
        if entity_id is not None:
            return entity_id
        stored = self.stored.get(name)
        if stored is not None:
            entity_id = stored["id"]
            names = self.known[entity_id].values()
            self.touched.before.add(entity_record(stored, stored["jurisdiction"], ((a.text, a.form) for a in names)))
        else:
            entity_id = self.touched.new.take()
            self.rows[name] = {"id": entity_id, "name": name, "kind": kind, "note": None}
            self.known[entity_id] = {}
            self.add_names(entity_id, name, [name])
            self.touched.before.add(None)
        self.touched.ids[name] = entity_id
        return entity_id

    def describe(self, entity_id: int, name: str, kind: str, note: str | None) -> None:
        """Set an entity's kind, and its note unless `note` is empty, as its entity record says."""
        row = self.rows.get(name)
        if row is not None:
            row["kind"], row["note"] = kind, note or row["note"]
        else:
            self.updates.append({"_id": entity_id, "kind": kind, "note": note})

    def add_names(self, entity_id: int, name: str, names: Iterable[str], form: AliasForm = AliasForm.NAME) -> None:
        """Give an entity names (its aliases for this batch were loaded if the batch was told it may need them)."""
        if not names:
            return
        known = self.known[entity_id]
        for text in names:
            aliases.merge(known, name, text, form, _Name)

    def flush(self) -> None:
        if self.rows:
            self.touched.writer.insert(ENTITIES, list(self.rows.values()))
        if self.updates:
            self.conn.execute(update(ENTITIES).where(ENTITIES.c.id == bindparam("_id"))
                              .values(kind=bindparam("kind"), note=func.coalesce(bindparam("note"), ENTITIES.c.note)),
                              self.updates)
        new = [{"entity_id": i, "text": a.text, "norm": a.norm, "form": a.form}
               for i, names in self.known.items() for a in names.values() if a.id is None]
        changed = [{"_id": a.id, "text": a.text, "form": a.form}
                   for names in self.known.values() for a in names.values() if a.dirty]
        self.touched.writer.insert(ALIASES, new)
        if changed:
            self.conn.execute(update(ALIASES).where(ALIASES.c.id == bindparam("_id"))
                              .values(text=bindparam("text"), form=bindparam("form")), changed)


@dataclass
class Source:
    """Validated records to write: predicates in memory; entities, offices (entity records with parts) and facts
    as iterables read once each, in file order, as (record, row) pairs."""

    predicates: list
    entities: Iterable
    offices: Iterable
    facts: Iterable
    entity_count: int = 0
    fact_count: int = 0


@dataclass
class _Facts:
    """What the fact batches leave for the end: history in a spool, and what later batches changed."""

    history: Spool = field(default_factory=Spool)
    amended: dict[str, dict] = field(default_factory=dict)  # uid -> its record after a later batch touched it again
    touched_old: bytearray = field(default_factory=bytearray)  # a bit per fact id the store had before
    successors: dict[str, object] = field(default_factory=dict)  # superseded_by -> the row naming it


class BulkImport:
    """One import, in the write transaction of `session`."""

    def __init__(self, session: Session, location: str, recorder: Recorder, action: str, history: bool,
                 progress: Progress | None = None):
        self.session, self.conn, self.location = session, session.connection(), location
        self.recorder, self.action, self.history = recorder, action, history
        self.progress = progress or (lambda what, done, total: None)
        self.touched: _Touched | None = None
        self.counts = {"predicates": 0, "entities": 0, "facts_added": 0, "facts_updated": 0}
        self.digest = 0

    def run(self, source: Source, upsert_predicate, predicate_record) -> dict[str, int]:
        """Write everything; `upsert_predicate(session, record)` and `predicate_record(p)` are the store's."""
        stored = integrity.fact_count(self.location, self.conn.scalar(select(Meta.value).where(Meta.key == "facts")))
        self.writer = Writer(self.conn, source.fact_count, stored)
        try:
            return self._write(source, upsert_predicate, predicate_record)
        finally:
            self.writer.close()

    def _write(self, source: Source, upsert_predicate, predicate_record) -> dict[str, int]:
        self.changed_at = self.writer.bound(HISTORY, "changed_at", self.recorder.at)  # the same in every row
        self.touched = _Touched(self.conn, self.writer)
        before = {}
        for record, _ in source.predicates:
            before.setdefault(record["predicate"], upsert_predicate(self.session, record))
            self.counts["predicates"] += 1
        self.session.flush()
        predicates = {p.name: p for p in self.session.scalars(select(Predicate))}
        for name in before:
            self.digest ^= _fold(predicates[name], predicate_record(predicates[name]))
        self._entities(source.entities, source.entity_count)
        self._offices(source.offices)
        facts = self._facts(source.facts, predicates, source.fact_count)
        self.touched.new.finish()
        self._refuse_missing_successors(facts.successors)
        self._remake_names()
        entity_history = self._hash_entities()
        if self.history:
            for name, old in before.items():
                self.recorder.add(self.action, old, predicate_record(predicates[name]), predicate=name)
            self.recorder.write(self.session)
            self._write_history(entity_history)
            self._write_history(self._fact_history(facts))
        else:
            for _ in entity_history:  # the entities are hashed as it runs; only the rows it yields are not wanted
                pass
        self._store_digest(self.counts["facts_added"])
        self.writer.finish()
        return self.counts

    # -- entities ----------------------------------------------------------
    def _entities(self, records: Iterable, total: int) -> None:
        for batch in batches(records):
            entities = _EntityBatch(self.touched, (r["subject"] for r, _ in batch),
                                    (r["subject"] for r, _ in batch if r["aliases"] or r.get("demonyms")))
            for record, _ in batch:
                name = record["subject"]
                entity_id = entities.get(name, record["kind"])
                entities.describe(entity_id, name, record["kind"], record["note"])
                entities.add_names(entity_id, name, record["aliases"])
                entities.add_names(entity_id, name, record.get("demonyms", ()), AliasForm.DEMONYM)
                self.counts["entities"] += 1
            entities.flush()
            self.progress("entities", self.counts["entities"], total)

    def _offices(self, records: Iterable) -> None:
        """Give offices the parts their records declare, once every entity of the import is written."""
        for batch in batches(records):
            wanted = [r["jurisdiction"] for r, _ in batch if r.get("jurisdiction")]
            stored = {}
            for chunk in batches([n for n in dict.fromkeys(wanted) if n not in self.touched.ids]):
                stored.update(self.conn.execute(select(ENTITIES.c.name, ENTITIES.c.id)
                                                .where(ENTITIES.c.name.in_(chunk))).all())
            rows = []
            for record, row in batch:
                place = record.get("jurisdiction")
                place_id = (self.touched.ids.get(place) or stored.get(place)) if place else None
                if place and place_id is None:
                    raise row.fail("jurisdiction", f"no entity {place!r} in the store or this import: "
                                                   "add the country or organisation first, by its canonical name")
                rows.append({"_id": self.touched.ids[record["subject"]], "title": record["title"],
                             "portfolio": record.get("portfolio"), "body": record.get("body"),
                             "jurisdiction_id": place_id})
            self.conn.execute(update(ENTITIES).where(ENTITIES.c.id == bindparam("_id"))
                              .values(**{c: bindparam(c) for c in ("title", "portfolio", "body", "jurisdiction_id")}),
                              rows)

    # -- facts -------------------------------------------------------------
    def _facts(self, records: Iterable, predicates: dict[str, Predicate], total: int) -> _Facts:
        facts = _Facts()
        ids = Ids(self.conn, "facts", BATCH)
        first_new = ids.next if not ids.sequence else None
        types = {name: p.value_type.value for name, p in predicates.items()}
        predicate_ids = {name: p.id for name, p in predicates.items()}
        done = 0
        for batch in batches(records):
            naturals = [natural_key(r) for r, _ in batch]
            keys = [stored_key(k, r) for k, (r, _) in zip(naturals, batch)]
            existing = self._stored_facts(keys)
            uids = self._refuse_taken_ids(batch, naturals, keys, existing)
            names = []
            for record, _ in batch:
                names.append(record["subject"])
                if types[record["predicate"]] == "entity":
                    names.append(record["value"])
            entities = _EntityBatch(self.touched, names, (r["subject"] for r, _ in batch if r["aliases"]))
            states: dict[str, dict] = {}  # key -> the fact's row as this batch leaves it
            for key, (record, row) in zip(keys, batch):
                subject = record["subject"]
                subject_id = entities.get(subject)
                entities.add_names(subject_id, subject, record["aliases"])
                value_type = types[record["predicate"]]
                state = states.get(key)
                if state is None and key in existing:
                    state = states[key] = existing[key]
                if state is None:
                    version = record.get("version", 1)
                    state = states[key] = {"id": ids.take(), "uid": uids[key],
                                           "key": key, "version": version, "row_hash": None, "before": None,
                                           "new": True}
                    self.counts["facts_added"] += 1
                else:
                    self.counts["facts_updated"] += 1
                state["record"] = record  # the last record of its key in the batch: its columns are the fact's
                state["subject_id"], state["subject"] = subject_id, subject
                state["predicate_id"], state["predicate"] = predicate_ids[record["predicate"]], record["predicate"]
                state["value_type"] = value_type
                state["value_entity"] = record["value"] if value_type == "entity" else None
                state["value_entity_id"] = entities.get(record["value"]) if value_type == "entity" else None
                if record.get("superseded_by"):
                    facts.successors[record["superseded_by"]] = row
            entities.flush()
            if first_new is None:
                first_new = ids.first
            self._write_facts(states.values(), facts, first_new)
            done += len(batch)
            self.progress("facts", done, total)
        ids.finish()
        return facts

    def _stored_facts(self, keys: list[str]) -> dict[str, dict]:
        """The facts of the store under these keys, each as a state: columns, names and record before."""
        subject, value = aliased(Entity), aliased(Entity)
        rows = self.conn.execute(
            select(FACTS.c.id, FACTS.c.uid, FACTS.c.key, FACTS.c.row_hash, *(FACTS.c[f] for f in FACT_FIELDS),
                   subject.name.label("subject"), value.name.label("value_entity"),
                   Predicate.__table__.c.name.label("predicate"),
                   Predicate.__table__.c.value_type.label("value_type"))
            .join(subject, subject.id == FACTS.c.subject_id).outerjoin(value, value.id == FACTS.c.value_entity_id)
            .join(Predicate.__table__, Predicate.__table__.c.id == FACTS.c.predicate_id)
            .where(FACTS.c.key.in_(keys))).mappings()
        states = {}
        for row in rows:
            state = dict(row)
            state["value_type"] = state["value_type"].value
            state.update(new=False, before=_fact_dict(state))
            states[state["key"]] = state
        return states

    def _refuse_taken_ids(self, batch: list, naturals: list[str], keys: list[str], existing: dict) -> dict[str, str]:
        """Refuse a new record whose id an older version of a fact already holds: it would bring an old value back
        beside the current one; `claims-db edit` does that, as a new version. The new facts' ids, by key."""
        uids, new = {}, {}
        for (record, row), natural, key in zip(batch, naturals, keys):
            if key not in existing:
                uid = version_uid(natural, record.get("version", 1))
                uids.setdefault(key, uid)  # the fact is made by the first record of its key
                new[uid] = row
        if not new:
            return uids
        for taken in self.conn.execute(select(FACTS.c.uid, FACTS.c.status, FACTS.c.superseded_by)
                                       .where(FACTS.c.uid.in_(sorted(new))).order_by(FACTS.c.uid).limit(1)):
            after = f" by {taken.superseded_by}" if taken.superseded_by else ""
            raise new[taken.uid].fail("value", f"this is fact {taken.uid}, {taken.status.value}{after}: edit the "
                                               "current version with 'claims-db edit' instead")
        return uids

    def _write_facts(self, states: Iterable[dict], facts: _Facts, first_new: int) -> None:
        """Insert and update a batch's facts, fold them into the digest and keep their history for the end."""
        inserts, updates = [], []
        for state in states:
            record = validated_fact_record(state["record"], state["version"])
            new_hash = record_hash(record)
            unchanged = state["row_hash"] == new_hash  # a stored fact imported again as it is: no write
            self.digest ^= int(new_hash, 16) ^ (int(state["row_hash"], 16) if state["row_hash"] else 0)
            state["row_hash"] = new_hash
            if state["new"]:
                inserts.append({**{c: state[c] for c in _KEYS}, "version": state["version"],
                                **fact_columns(state["record"], state["value_type"], bound=True)})
            elif not unchanged:
                updates.append({**{c: state[c] for c in _KEYS}, **fact_columns(state["record"], state["value_type"]),
                                "_id": state["id"]})
            if not self.history:  # a new store's bundled records: no history rows
                continue
            after = {"id": state["uid"], **record}
            if self._touched_before(state, facts, first_new):
                facts.amended[state["uid"]] = after
            else:
                old, new = changed_fields(state["before"], after)
                texts = (None, None) if old == new else (self.writer.json(old), self.writer.json(new))
                facts.history.add((state["uid"], state["subject_id"], state["before"], *texts))
        self.writer.insert(FACTS, inserts, ready=BOUND_FIELDS)
        if updates:
            self.conn.execute(update(FACTS).where(FACTS.c.id == bindparam("_id"))
                              .values(**{c: bindparam(c) for c in _FACT_COLUMNS if c not in _KEPT}), updates)

    @staticmethod
    def _touched_before(state: dict, facts: _Facts, first_new: int) -> bool:
        """Whether an earlier batch of this import wrote this fact (its history row is in the spool already)."""
        if state["new"]:
            return False
        fact_id = state["id"]
        if first_new is not None and fact_id >= first_new:
            return True
        bits = facts.touched_old
        if len(bits) <= fact_id >> 3:
            bits.extend(bytes((fact_id >> 3) - len(bits) + 1))
        seen = bits[fact_id >> 3] & (1 << (fact_id & 7))
        bits[fact_id >> 3] |= 1 << (fact_id & 7)
        return bool(seen)

    def _refuse_missing_successors(self, wanted: dict) -> None:
        """Refuse a superseded version whose successor is neither in the store nor in the import."""
        known = set()
        for chunk in batches(sorted(wanted)):
            known.update(self.conn.scalars(select(FACTS.c.uid).where(FACTS.c.uid.in_(chunk))))
        for uid, row in wanted.items():
            if uid not in known:
                raise row.fail("superseded_by", f"no fact {uid} in the store or in this import")

    def _fact_history(self, facts: _Facts) -> Iterator[dict | None]:
        for uid, subject_id, before, old, new in facts.history:
            if uid in facts.amended:  # touched again by a later batch: what changed from before to the last
                yield self._history_row(before, facts.amended[uid], fact_uid=uid, entity_id=subject_id)
            elif new is not None:
                yield self._history_texts(old, new, fact_uid=uid, entity_id=subject_id)

    # -- names, hashes, history ----------------------------------------------
    def _remake_names(self) -> None:
        """Remake the names of every office the import touched, or whose jurisdiction it touched."""
        touched = list(self.touched.ids.values())
        offices = {}
        for chunk in batches(touched):
            offices.update((i, None) for i in self.conn.scalars(
                select(ENTITIES.c.id).where(ENTITIES.c.id.in_(chunk) & ENTITIES.c.title.is_not(None))))
        # jurisdiction_id has no index: one scan of the offices that have one, not one a chunk of touched ids (a
        # whole table scanned for every 2000 entities touched), taken chunk by chunk in the order that scan gave
        placed = self.conn.execute(select(ENTITIES.c.id, ENTITIES.c.jurisdiction_id)
                                   .where(ENTITIES.c.jurisdiction_id.is_not(None)).order_by(ENTITIES.c.id)).all()
        chunk_of = {entity_id: n // BATCH for n, entity_id in enumerate(touched)}
        offices.update((i, None) for i, place in sorted((row for row in placed if row[1] in chunk_of),
                                                        key=lambda row: chunk_of[row[1]]))
        for chunk in batches(list(offices)):
            self._remake(chunk)

    def _remake(self, ids: list[int]) -> None:
        parts = self.conn.execute(select(ENTITIES.c.id, ENTITIES.c.title, ENTITIES.c.portfolio, ENTITIES.c.body,
                                         ENTITIES.c.jurisdiction_id).where(ENTITIES.c.id.in_(ids))).all()
        places = {p.jurisdiction_id for p in parts if p.jurisdiction_id is not None}
        place_names = dict(self.conn.execute(select(ENTITIES.c.id, ENTITIES.c.name)
                                             .where(ENTITIES.c.id.in_(places))).all()) if places else {}
        names: dict[int, list] = {}
        for a in self.conn.execute(select(ALIASES.c.id, ALIASES.c.entity_id, ALIASES.c.text, ALIASES.c.norm,
                                          ALIASES.c.form).where(ALIASES.c.entity_id.in_([*ids, *places]))):
            names.setdefault(a.entity_id, []).append(a)
        drop, add = [], []
        for office in parts:
            made = {}
            if office.title:
                place = office.jurisdiction_id
                made = made_names(office.title, office.portfolio, office.body, place_names.get(place),
                                  ((a.text, a.form) for a in names.get(place, ())))
            known = {a.norm: a for a in names.get(office.id, ())}
            drop += [a.id for a in known.values() if a.form == AliasForm.GENERATED and a.norm not in made]
            add += [{"entity_id": office.id, "text": name, "norm": norm, "form": AliasForm.GENERATED}
                    for norm, name in made.items() if norm not in known]
        if drop:
            self.conn.execute(delete(ALIASES).where(ALIASES.c.id.in_(drop)))
        self.writer.insert(ALIASES, add)

    def _hash_entities(self) -> Iterator[dict]:
        """Fold every touched entity into the digest, store its row hash; yields its history rows, in order
        (the hashing happens as they are read, so read them all)."""
        place = aliased(Entity)
        befores = iter(self.touched.before)
        for chunk in batches(list(self.touched.ids.values())):
            rows = {r["id"]: r for r in self.conn.execute(
                select(*(ENTITIES.c[f] for f in ENTITY_FIELDS), ENTITIES.c.id, ENTITIES.c.row_hash,
                       place.name.label("jurisdiction"))
                .outerjoin(place, place.id == ENTITIES.c.jurisdiction_id).where(ENTITIES.c.id.in_(chunk))).mappings()}
            names: dict[int, list] = {}
            for a in self.conn.execute(select(ALIASES.c.entity_id, ALIASES.c.text, ALIASES.c.form)
                                       .where(ALIASES.c.entity_id.in_(chunk) & (ALIASES.c.form != AliasForm.GENERATED))):
                names.setdefault(a.entity_id, []).append((a.text, a.form))
            hashes, history = [], []
            for entity_id in chunk:
                row = rows[entity_id]
                record = entity_record(row, row["jurisdiction"], names.get(entity_id, ()))
                new_hash = record_hash(record)
                self.digest ^= int(row["row_hash"] or "0", 16) ^ int(new_hash, 16)
                if new_hash != row["row_hash"]:  # an entity a fact only named keeps its row as it was
                    hashes.append({"_id": entity_id, "row_hash": new_hash})
                history.append(self._history_row(next(befores), record, entity_id=entity_id))
            if hashes:
                self.writer.update_unsearched(ENTITIES, update(ENTITIES).where(ENTITIES.c.id == bindparam("_id"))
                                              .values(row_hash=bindparam("row_hash")), hashes)
            yield from history

    def _history_row(self, old: dict | None, new: dict, fact_uid: str | None = None,
                     entity_id: int | None = None) -> dict | None:
        before, after = changed_fields(old, new)
        if before == after:
            return None
        return self._history_texts(self.writer.json(before), self.writer.json(after), fact_uid, entity_id)

    def _history_texts(self, old: str, new: str, fact_uid: str | None, entity_id: int | None) -> dict:
        return {"changed_at": self.changed_at, "changed_by": self.recorder.by, "action": self.action,
                "fact_uid": fact_uid, "entity_id": entity_id, "predicate": None, "why": self.recorder.why,
                "old": old, "new": new}

    def _write_history(self, rows: Iterable[dict | None]) -> None:
        for batch in batches(r for r in rows if r is not None):
            self.writer.insert(HISTORY, batch, ready=("changed_at", "old", "new"))

    def _store_digest(self, facts_added: int) -> None:
        meta = dict(self.conn.execute(select(Meta.key, Meta.value).where(Meta.key.in_(("digest", "facts")))).all())
        digest = integrity.digest(self.location, meta.get("digest")) ^ self.digest
        count = integrity.fact_count(self.location, meta.get("facts")) + facts_added
        self.session.merge(Meta(key="digest", value=f"{digest:064x}"))
        self.session.merge(Meta(key="facts", value=str(count)))  # kept so a reader reports the size without counting


# A fact's columns beside those of its record.
_KEYS = ("id", "uid", "key", "subject_id", "predicate_id", "value_entity_id", "row_hash")
_FACT_COLUMNS = (*_KEYS, *FACT_FIELDS)
_KEPT = ("id", "uid", "key", "version")  # what an update of a fact leaves as it was


def _fact_dict(state: dict) -> dict:
    return {"id": state["uid"], **fact_record(state, state["subject"], state["predicate"], state["value_type"],
                                              state["value_entity"])}


def _fold(row, record: dict) -> int:
    """Set an ORM row's hash to its record's; what to XOR into the digest."""
    new = record_hash(record)
    folded = int(row.row_hash or "0", 16) ^ int(new, 16)
    row.row_hash = new
    return folded

