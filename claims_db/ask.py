"""Ask the store about one entity: its names and facts, the offices it held, an office's holders on a day.

Terms of office come from approved `holds_office` facts and their validity
(`valid_from`/`valid_to`, both days included; a missing end is open).
Functions take a session and an explicit day, so an answer depends on the
store's content and the question only, never on the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import StoreError
from .models import Alias, AliasForm, Entity, Fact, Predicate, Status
from .store import fact_dict
from .text import normalise

HOLDS_OFFICE = "holds_office"


@dataclass(frozen=True)
class Term:
    """One term of office: an approved holds_office fact."""

    fact_id: str
    holder: str
    office: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def in_force(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def as_dict(self) -> dict:
        return {"fact": self.fact_id, "holder": self.holder, "office": self.office,
                "valid_from": _iso(self.valid_from), "valid_to": _iso(self.valid_to)}


@dataclass(frozen=True)
class EntityView:
    """Everything `claims-db show` tells about an entity."""

    id: int
    name: str
    kind: str
    note: str | None
    aliases: tuple[str, ...]  # the names curators gave it (and a country's demonyms)
    made: tuple[str, ...]  # an office's names made from its parts (`claims-db entity show` lists them)
    facts: tuple[dict, ...]  # every fact with it as subject, whatever its status
    offices: tuple[Term, ...]  # the offices it holds or held
    holders: tuple[Term, ...]  # if it is an office: who held it, in order
    on: dt.date
    current: tuple[Term, ...]  # its holders on `on`

    @property
    def is_office(self) -> bool:
        return self.kind == "office" or bool(self.holders)

    def as_dict(self) -> dict:
        record = {"id": self.id, "name": self.name, "kind": self.kind, "note": self.note,
                  "aliases": list(self.aliases), "made_from_parts": list(self.made), "facts": list(self.facts),
                  "offices": [t.as_dict() for t in self.offices]}
        if self.is_office:
            record.update(holders=[t.as_dict() for t in self.holders], on=self.on.isoformat(),
                          current=[t.as_dict() for t in self.current])
        return record


@dataclass(frozen=True)
class EntityNames:
    """Everything `claims-db entity show` tells: an entity's parts and its names, by where each comes from."""

    id: int
    name: str
    kind: str
    parts: dict[str, str]  # an office's title, portfolio, body, jurisdiction (when declared by parts)
    written: tuple[str, ...]  # names a curator gave
    demonyms: tuple[str, ...]
    made: tuple[str, ...]  # names made from the office's parts (claims_db.offices)
    offices: tuple[str, ...]  # offices whose jurisdiction it is

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "parts": self.parts,
                "aliases": list(self.written), "demonyms": list(self.demonyms), "made_from_parts": list(self.made),
                "jurisdiction_of": list(self.offices)}


@dataclass(frozen=True)
class Holding:
    """Who held an office on a day; when nobody is known, the nearest terms either side."""

    office_id: int
    office: str
    on: dt.date
    holders: tuple[Term, ...]
    last_before: Term | None
    next_after: Term | None

    def as_dict(self) -> dict:
        return {"office_id": self.office_id, "office": self.office, "on": self.on.isoformat(),
                "holders": [t.as_dict() for t in self.holders],
                "last_before": self.last_before.as_dict() if self.last_before else None,
                "next_after": self.next_after.as_dict() if self.next_after else None}


def resolve(session: Session, name: str) -> list[Entity]:
    """Entities by name or alias (normalised as look-ups are), or by numeric id; refused when none."""
    query = select(Alias.entity_id).where(Alias.norm == normalise(name))
    ids = set(session.scalars(query))
    given = name.strip().lstrip("#")
    if given.isdigit():
        ids |= set(session.scalars(select(Entity.id).where(Entity.id == int(given))))
    if not ids:
        raise StoreError(f"no entity named {name!r} (try 'claims-db search {name}')")
    return list(session.scalars(select(Entity).where(Entity.id.in_(ids)).order_by(Entity.name, Entity.id)))


def _names_by_form(entity: Entity) -> dict[AliasForm, tuple[str, ...]]:
    """An entity's names other than its own, sorted, by where each comes from (a curator, a demonym, its parts)."""
    return {form: tuple(sorted(a.text for a in entity.aliases if a.form == form and a.text != entity.name))
            for form in AliasForm}


def show(session: Session, name: str, on: dt.date) -> list[EntityView]:
    """Every entity `name` resolves to, with its aliases, facts, offices and, for an office, its holders."""
    views = []
    for entity in resolve(session, name):
        facts = session.scalars(select(Fact).where(Fact.subject_id == entity.id).order_by(Fact.uid))
        holders = _terms(session, Fact.value_entity_id == entity.id)
        by_form = _names_by_form(entity)
        views.append(EntityView(
            entity.id, entity.name, entity.kind, entity.note,
            tuple(sorted((*by_form[AliasForm.NAME], *by_form[AliasForm.DEMONYM]))), by_form[AliasForm.GENERATED],
            tuple(fact_dict(f) for f in facts), _terms(session, Fact.subject_id == entity.id),
            holders, on, tuple(t for t in holders if t.in_force(on))))
    return views


def names(session: Session, name: str) -> list[EntityNames]:
    """Every entity `name` resolves to, with its parts and its names by origin."""
    views = []
    for entity in resolve(session, name):
        by_form = _names_by_form(entity)
        parts = {"title": entity.title, "portfolio": entity.portfolio, "body": entity.body,
                 "jurisdiction": entity.jurisdiction.name if entity.jurisdiction else None}
        offices = session.scalars(select(Entity.name).where(Entity.jurisdiction_id == entity.id).order_by(Entity.name))
        views.append(EntityNames(entity.id, entity.name, entity.kind, {k: v for k, v in parts.items() if v},
                                 by_form[AliasForm.NAME], by_form[AliasForm.DEMONYM], by_form[AliasForm.GENERATED],
                                 tuple(offices)))
    return views


def who(session: Session, office: str, on: dt.date) -> list[Holding]:
    """Who held the office named `office` on `on`, for every office the name resolves to."""
    entities = resolve(session, office)
    found = [(e, _terms(session, Fact.value_entity_id == e.id)) for e in entities]
    offices = [(e, terms) for e, terms in found if e.kind == "office" or terms]
    if not offices:
        named = ", ".join(f"{e.name} ({e.kind})" for e in entities)
        raise StoreError(f"{office!r} names no office but {named}; 'claims-db show {office}' shows what it holds")
    answers = []
    for entity, terms in offices:
        before = [t for t in terms if t.valid_to is not None and t.valid_to < on]
        after = [t for t in terms if t.valid_from is not None and t.valid_from > on]
        answers.append(Holding(entity.id, entity.name, on, tuple(t for t in terms if t.in_force(on)),
                               max(before, key=lambda t: t.valid_to, default=None),
                               min(after, key=lambda t: t.valid_from, default=None)))
    return answers


def _terms(session: Session, where) -> tuple[Term, ...]:
    """Approved holds_office facts matching `where`, oldest term first (an unknown start first of all)."""
    rows = session.scalars(
        select(Fact).join(Predicate, Fact.predicate_id == Predicate.id)
        .where(Predicate.name == HOLDS_OFFICE, Fact.status == Status.APPROVED, where))
    terms = [Term(f.uid, f.subject.name, f.value_entity.name, f.valid_from, f.valid_to)
             for f in rows if f.value_entity is not None]
    return tuple(sorted(terms, key=lambda t: (t.valid_from or dt.date.min, t.valid_to or dt.date.max,
                                              t.holder, t.office, t.fact_id)))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
