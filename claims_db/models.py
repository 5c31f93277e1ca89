"""SQLAlchemy models of the reference store.

Entities carry aliases (every name a text may use); predicates carry the cue
phrases and counted nouns that express them; facts tie a subject to a value
under a predicate, with a source, validity dates and a review status.
Enums are stored as plain strings so SQLite and PostgreSQL hold the same data.
`row_hash` is the hash of a row's exported record: the store's digest is the XOR
of them all, so a write updates the digest without reading the whole store.
A fact is never deleted: an edit supersedes it by a new version (`version`,
`superseded_by`), and every change is a row of `history`, which no digest covers.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Optional

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class ValueType(str, Enum):
    QUANTITY = "quantity"
    DATE = "date"
    ENTITY = "entity"
    TEXT = "text"


class Status(str, Enum):
    """A fact's review status; checks read approved facts only (drafts too with `--include-drafts`)."""

    DRAFT = "draft"
    APPROVED = "approved"
    RETIRED = "retired"  # was right once, no longer used
    SUPERSEDED = "superseded"  # replaced by a newer version (`superseded_by`); its id stays resolvable
    REJECTED = "rejected"  # a draft a curator turned down in review


def _portable(enum: type[Enum]) -> SAEnum:
    return SAEnum(enum, native_enum=False, values_callable=lambda e: [m.value for m in e], length=16)


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Key-value facts about the store itself: schema version, digest, fact count."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Entity(Base):
    """A named thing; an office may be declared by its parts (title, portfolio, body, jurisdiction), from which
    its regular names are made (claims_db.offices)."""

    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default="other")
    note: Mapped[Optional[str]] = mapped_column(Text)
    row_hash: Mapped[Optional[str]] = mapped_column(String(64))
    title: Mapped[Optional[str]] = mapped_column(String(120))  # "Minister", "President"
    portfolio: Mapped[Optional[str]] = mapped_column(String(120))  # "Defence", "Foreign Affairs"
    body: Mapped[Optional[str]] = mapped_column(String(300))  # "State Council"
    jurisdiction_id: Mapped[Optional[int]] = mapped_column(ForeignKey("entities.id"))  # the country or organisation
    aliases: Mapped[list[Alias]] = relationship(back_populates="entity", cascade="all, delete-orphan")
    jurisdiction: Mapped[Optional[Entity]] = relationship(remote_side=[id])


class AliasForm(str, Enum):
    """Where a name comes from: written by a curator, a demonym, or made from an office's parts."""

    NAME = "name"
    DEMONYM = "demonym"  # "Russian": names the country in text, and its offices ("Russian President")
    GENERATED = "generated"  # made by claims_db.offices; remade on import, never exported


class Alias(Base):
    """A name of an entity; `norm` is what look-ups match (see claims_db.text)."""

    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("entity_id", "norm"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(300))
    norm: Mapped[str] = mapped_column(String(300), index=True)
    form: Mapped[AliasForm] = mapped_column(_portable(AliasForm), default=AliasForm.NAME, server_default="name")
    entity: Mapped[Entity] = relationship(back_populates="aliases")


class Predicate(Base):
    __tablename__ = "predicates"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    value_type: Mapped[ValueType] = mapped_column(_portable(ValueType))
    label: Mapped[Optional[str]] = mapped_column(String(120))  # plain words for reasons: "death toll"
    description: Mapped[Optional[str]] = mapped_column(Text)
    cues: Mapped[list[str]] = mapped_column(JSON, default=list)
    nouns: Mapped[list[str]] = mapped_column(JSON, default=list)
    row_hash: Mapped[Optional[str]] = mapped_column(String(64))


class Fact(Base):
    """One sourced statement; `key` is its natural key, `uid` its public id."""

    __tablename__ = "facts"
    __table_args__ = (
        Index("ix_facts_subject_predicate", "subject_id", "predicate_id"),
        Index("ix_facts_predicate_value_entity", "predicate_id", "value_entity_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(16), unique=True)
    key: Mapped[str] = mapped_column(Text, unique=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    predicate_id: Mapped[int] = mapped_column(ForeignKey("predicates.id"))
    value_number: Mapped[Optional[float]] = mapped_column(Float)
    value_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    value_entity_id: Mapped[Optional[int]] = mapped_column(ForeignKey("entities.id"))
    value_text: Mapped[Optional[str]] = mapped_column(Text)
    unit: Mapped[Optional[str]] = mapped_column(String(64))
    tolerance: Mapped[Optional[float]] = mapped_column(Float)
    date: Mapped[Optional[dt.date]] = mapped_column(Date)
    valid_from: Mapped[Optional[dt.date]] = mapped_column(Date)
    valid_to: Mapped[Optional[dt.date]] = mapped_column(Date)
    source_title: Mapped[str] = mapped_column(Text)
    source_publisher: Mapped[str] = mapped_column(String(300))
    source_url: Mapped[str] = mapped_column(Text)
    source_accessed: Mapped[Optional[dt.date]] = mapped_column(Date)
    status: Mapped[Status] = mapped_column(_portable(Status), default=Status.APPROVED)
    note: Mapped[Optional[str]] = mapped_column(Text)
    row_hash: Mapped[Optional[str]] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # 1, then one more per edit
    superseded_by: Mapped[Optional[str]] = mapped_column(String(16))  # the uid of the next version
    subject: Mapped[Entity] = relationship(foreign_keys=[subject_id])
    predicate: Mapped[Predicate] = relationship()
    value_entity: Mapped[Optional[Entity]] = relationship(foreign_keys=[value_entity_id])


class History(Base):
    """One change to the store: who made it, when (UTC), why, and the fields it changed (old and new, as JSON).

    Not part of any record or digest: two stores of equal content have equal digests whatever their history.
    """

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_fact_uid", "fact_uid"), Index("ix_history_entity_id", "entity_id"),
                      Index("ix_history_predicate", "predicate"))
    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(16))  # see claims_db.history.ACTIONS
    fact_uid: Mapped[Optional[str]] = mapped_column(String(16))  # the fact changed (for an edit: the new version)
    entity_id: Mapped[Optional[int]] = mapped_column(ForeignKey("entities.id"))  # the entity changed, or the fact's subject
    predicate: Mapped[Optional[str]] = mapped_column(String(64))  # the predicate changed (its name)
    why: Mapped[Optional[str]] = mapped_column(Text)
    old: Mapped[Optional[dict]] = mapped_column(JSON)  # the changed fields before; none for a creation
    new: Mapped[Optional[dict]] = mapped_column(JSON)
