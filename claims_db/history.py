"""The store's history: every change to a fact or an entity, with who made it, when (UTC), why and what changed.

History is the one place wall time belongs; it is kept apart from the records, so no digest or export depends
on it. Rows are written in bulk (one INSERT of many rows per transaction) and read back by fact or entity.
"""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from .models import Fact, History

ACTIONS = ("create", "import", "edit", "approve", "reject", "retire")


def actor(by: str | None) -> str:
    """Who makes a change: `--by`, else the user the environment names."""
    if by and by.strip():
        return " ".join(by.split())
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment nor the password database
        return "unknown"


def changed_fields(old: dict | None, new: dict) -> tuple[dict | None, dict]:
    """The fields that differ between two records, old and new (all of `new` when there was nothing before)."""
    if old is None:
        return None, dict(new)
    keys = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
    return {k: old.get(k) for k in keys}, {k: new.get(k) for k in keys}


class Recorder:
    """The history rows of one transaction: one author, one reason, one time."""

    def __init__(self, by: str | None, why: str | None, at: dt.datetime | None = None):
        self.by, self.why = actor(by), (" ".join(why.split()) if why else None)
        self.at = at or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)  # stored as naive UTC everywhere
        self.rows: list[dict] = []

    def add(self, action: str, old: dict | None, new: dict, fact_uid: str | None = None,
            entity_id: int | None = None, predicate: str | None = None) -> None:
        """Record one change unless it changed nothing."""
        before, after = changed_fields(old, new)
        if before == after:
            return
        self.rows.append({"changed_at": self.at, "changed_by": self.by, "action": action, "fact_uid": fact_uid,
                          "entity_id": entity_id, "predicate": predicate, "why": self.why, "old": before,
                          "new": after})

    def write(self, session: Session) -> int:
        """Insert the rows recorded so far in one executemany; return how many."""
        if self.rows:
            session.execute(insert(History), self.rows)
        count, self.rows = len(self.rows), []
        return count


@dataclass(frozen=True)
class Change:
    """One row of history, as `claims-db history` shows it."""

    id: int
    at: dt.datetime
    by: str
    action: str
    fact: str | None
    entity: str | None
    why: str | None
    old: dict | None
    new: dict | None
    predicate: str | None = None  # the predicate changed

    def as_dict(self) -> dict:
        return {"id": self.id, "at": self.at.isoformat() + "Z", "by": self.by, "action": self.action,
                "fact": self.fact, "entity": self.entity, "why": self.why, "old": self.old, "new": self.new,
                **({"predicate": self.predicate} if self.predicate else {})}


@dataclass(frozen=True)
class Trail:
    """A fact's versions (oldest first) or an entity, and every change recorded about it."""

    name: str  # what was asked about: a fact id or an entity's name
    versions: tuple[tuple[str, int, str], ...]  # (id, version, status) of a fact's versions; empty for an entity
    changes: tuple[Change, ...]

    @property
    def current(self) -> str | None:
        """The newest version of the fact: the one to cite or edit."""
        return self.versions[-1][0] if self.versions else None

    def as_dict(self) -> dict:
        return {"name": self.name, "current": self.current,
                "versions": [{"id": i, "version": v, "status": s} for i, v, s in self.versions],
                "changes": [c.as_dict() for c in self.changes]}


def lineage(session: Session, fact: Fact) -> list[Fact]:
    """Every version of a fact, oldest first: back through the versions it superseded, on through its successors."""
    chain = [fact]
    while (before := session.scalar(select(Fact).where(Fact.superseded_by == chain[0].uid))) is not None:
        chain.insert(0, before)
    while chain[-1].superseded_by and (after := session.scalar(
            select(Fact).where(Fact.uid == chain[-1].superseded_by))) is not None:
        chain.append(after)
    return chain


def trail(session: Session, name: str) -> Trail:
    """The history of a fact (by id: all its versions), a predicate (by its name), or an entity (by name, alias or
    id: it and its facts)."""
    from .ask import resolve
    from .models import Entity, Predicate

    fact = session.scalar(select(Fact).where(Fact.uid == name.strip()))
    if fact is not None:
        versions = lineage(session, fact)
        where = History.fact_uid.in_([f.uid for f in versions])
        described = tuple((f.uid, f.version, f.status.value) for f in versions)
    elif session.scalar(select(Predicate.id).where(Predicate.name == name.strip())) is not None:
        where, described = History.predicate == name.strip(), ()
    else:
        entities = resolve(session, name)
        where, described = History.entity_id.in_([e.id for e in entities]), ()
    rows = session.execute(select(History, Entity.name).join(Entity, Entity.id == History.entity_id, isouter=True)
                           .where(where).order_by(History.id)).all()
    return Trail(name, described, tuple(_change(h, entity) for h, entity in rows))


def _change(row: History, entity: str | None) -> Change:
    return Change(row.id, row.changed_at, row.changed_by, row.action, row.fact_uid, entity, row.why, row.old, row.new,
                  row.predicate)
