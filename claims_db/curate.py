"""Curators' changes to facts already in the store: edit (a new version), approve, reject, retire.

Nothing is deleted. An edit supersedes a fact: the old row stays, status `superseded`, naming its successor,
and its id resolves forever; the new version gets a new id. Each change is one transaction under the store's
write lock, all-or-nothing, with one history row per fact changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import StoreError
from .history import Recorder, lineage
from .interchange import Parsed, natural_key, stored_key, version_uid
from .models import Fact, Status

CURRENT = (Status.DRAFT, Status.APPROVED)  # what an edit or a retirement may start from
FROM = {Status.APPROVED: (Status.DRAFT,), Status.REJECTED: (Status.DRAFT,), Status.RETIRED: CURRENT}
ACTION = {Status.APPROVED: "approve", Status.REJECTED: "reject", Status.RETIRED: "retire"}
EDITABLE = ("value", "unit", "tolerance", "date", "valid_from", "valid_to", "note", "source")
CHUNK = 500


class StaleEdit(StoreError):
    """The fact changed after the version an edit was based on was read."""


@dataclass(frozen=True)
class Edited:
    """What an edit did: the old version's id, the new version's id and number."""

    old: str
    new: str
    version: int


def edit(store, uid: str, changes: dict, why: str, by: str | None = None,
         expect_version: int | None = None) -> Edited:
    """Supersede fact `uid` by a new version with `changes` (fields of EDITABLE; `source` a dict of the source
    fields to change). With `expect_version`, refuse when the fact is no longer at that version (someone else
    edited it since it was read); without, the version read in this same transaction is the one edited."""
    from .store import _EntityCache, _fill_fact, _row_record, fact_dict

    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise StoreError(f"cannot edit field {unknown[0]!r} (only {', '.join(EDITABLE)})")
    recorder = Recorder(by, why)
    with store.session(write=True) as session, session.no_autoflush:
        old = _current(session, uid, expect_version)
        before = fact_dict(old)
        record = _edited_record(before, changes, old.predicate.name, old.predicate.value_type.value)
        key = natural_key(record)
        if _comparable(record) == _comparable(before):
            raise StoreError(f"the edit changes nothing in fact {uid}")
        version = old.version + 1
        new_uid = version_uid(key, version)
        old.key, old.status = stored_key(old.key, {"status": "superseded", "version": old.version}), Status.SUPERSEDED
        old.superseded_by = new_uid
        session.flush()  # the natural key is free for the new version
        if (clash := session.scalar(select(Fact).where((Fact.key == key) | (Fact.uid == new_uid)))) is not None:
            raise StoreError(f"fact {clash.uid} ({clash.status.value}) already states this: retire one of the two, "
                             "or edit that one")
        entities = _EntityCache(session)
        new = Fact(key=key, uid=new_uid, version=version)
        session.add(new)
        _fill_fact(new, record, old.subject, old.predicate, entities)
        session.flush()
        store._update_digest(session, [old, new, *entities.by_name.values()], 1)
        for name, entity in entities.by_name.items():
            if entities.before[name] is None:  # a value naming an entity the store did not know
                recorder.add("create", None, _row_record(entity), entity_id=entity.id)
        recorder.add("edit", before, fact_dict(new), new.uid, new.subject_id)
        recorder.write(session)
        return Edited(uid, new_uid, version)


def set_status(store, uids: Iterable[str], status: Status, why: str | None, by: str | None = None) -> list[str]:
    """Approve or reject drafts, or retire drafts and approved facts: all of `uids` or none; return the ids changed
    (one already of `status` is left as it is)."""
    from .store import fact_dict

    wanted = list(dict.fromkeys(u.strip() for u in uids if u.strip()))
    if not wanted:
        raise StoreError("no fact ids given")
    recorder = Recorder(by, why)
    with store.session(write=True) as session:
        found = {}
        for start in range(0, len(wanted), CHUNK):
            found.update((f.uid, f) for f in session.scalars(select(Fact).where(Fact.uid.in_(wanted[start:start + CHUNK]))))
        unchanged = "; nothing changed" if len(wanted) > 1 else ""
        for uid in wanted:
            fact = found.get(uid)
            if fact is None:
                raise StoreError(f"no fact with id {uid}{unchanged}")
            if fact.status not in (*FROM[status], status):
                hint = " ('claims-db review' lists the drafts)" if FROM[status] == (Status.DRAFT,) else ""
                raise StoreError(f"fact {uid} is {_status(session, fact)}, so it cannot be {status.value}"
                                 f"{unchanged}{hint}")
        facts = [found[uid] for uid in wanted if found[uid].status is not status]  # twice is harmless
        befores = [fact_dict(f) for f in facts]
        for fact in facts:
            fact.status = status
        store._update_digest(session, facts, 0)
        for fact, before in zip(facts, befores):
            recorder.add(ACTION[status], before, fact_dict(fact), fact.uid, fact.subject_id)
        recorder.write(session)
    return [f.uid for f in facts]


def _current(session: Session, uid: str, expect_version: int | None) -> Fact:
    """The fact to edit: it exists, is its newest version (at `expect_version` when given), draft or approved."""
    fact = session.scalar(select(Fact).where(Fact.uid == uid))
    if fact is None:
        raise StoreError(f"no fact with id {uid}")
    if fact.status is Status.SUPERSEDED:
        newest = lineage(session, fact)[-1]
        if expect_version is not None:
            raise StaleEdit(f"fact {uid} changed after version {expect_version} was read: it is now {newest.uid}, "
                            f"version {newest.version}; see 'claims-db history {newest.uid}' and edit that")
        raise StoreError(f"fact {uid} is superseded by {newest.uid} (version {newest.version}): edit that one")
    if expect_version is not None and fact.version != expect_version:
        raise StaleEdit(f"fact {uid} is at version {fact.version}, not {expect_version}: it changed after it was "
                        f"read; see 'claims-db history {uid}'")
    if fact.status not in CURRENT:
        raise StoreError(f"fact {uid} is {fact.status.value}: only drafts and approved facts are edited "
                         "(add a new fact instead)")
    return fact


def _edited_record(before: dict, changes: dict, predicate: str, value_type: str) -> dict:
    """The new version's record: the old one with `changes`, validated as an imported record would be."""
    data = {k: v for k, v in before.items() if k not in ("id", "version", "superseded_by")}
    for field, value in changes.items():
        if field == "source":
            data["source"] = {**data["source"], **value}
        else:
            data[field] = value
    data["source"] = {k: v for k, v in data["source"].items() if v not in (None, "")}
    parsed = Parsed()
    parsed.add("<edit>", 1, {k: v for k, v in data.items() if v is not None})
    parsed.check_values({predicate: value_type})
    return parsed.records[0][0]


def _comparable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("id", "version", "superseded_by", "aliases")}


def _status(session: Session, fact: Fact) -> str:
    if fact.status is Status.SUPERSEDED:
        return f"superseded by {lineage(session, fact)[-1].uid}"
    return fact.status.value
