"""The digest recomputed from every row (`claims-db refresh`): rows read through Core in id ranges, each with
the names its record needs joined in, and only the row hashes that changed written back.

The digest is the XOR of the SHA-256 of every exported record (see `claims_db.records`); writes keep it up
to date as they go, so this is for a store whose hashes are not to be trusted (or a bulk load by hand).
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from .models import Alias, AliasForm, Entity, Fact, Predicate
from .records import ENTITY_FIELDS, FACT_FIELDS, entity_record, fact_record, record_hash

RANGE = 20_000  # ids per query
ENTITIES, ALIASES, FACTS, PREDICATES = (m.__table__ for m in (Entity, Alias, Fact, Predicate))


def _ranges(conn: Connection, table) -> Iterator[tuple[int, int]]:
    low, high = conn.execute(select(func.min(table.c.id), func.max(table.c.id))).one()
    if low is None:
        return
    for start in range(low, high + 1, RANGE):
        yield start, start + RANGE - 1


def _rewrite(conn: Connection, table, changed: list[dict]) -> None:
    if changed:
        conn.execute(update(table).where(table.c.id == bindparam("_id")).values(row_hash=bindparam("row_hash")),
                     changed)


def _fold(rows: Iterator[tuple[int, str | None, dict]]) -> tuple[int, list[dict]]:
    """XOR of the records' hashes, and the rows whose stored hash differs."""
    digest, changed = 0, []
    for row_id, stored, record in rows:
        new = record_hash(record)
        digest ^= int(new, 16)
        if new != stored:
            changed.append({"_id": row_id, "row_hash": new})
    return digest, changed


def _entities(conn: Connection, low: int, high: int) -> Iterator[tuple[int, str | None, dict]]:
    place = aliased(Entity)
    names: dict[int, list] = {}
    for a in conn.execute(select(ALIASES.c.entity_id, ALIASES.c.text, ALIASES.c.form)
                          .where(ALIASES.c.entity_id.between(low, high), ALIASES.c.form != AliasForm.GENERATED)):
        names.setdefault(a.entity_id, []).append((a.text, a.form))
    for row in conn.execute(select(*(ENTITIES.c[f] for f in ENTITY_FIELDS), ENTITIES.c.id, ENTITIES.c.row_hash,
                                   place.name.label("jurisdiction"))
                            .outerjoin(place, place.id == ENTITIES.c.jurisdiction_id)
                            .where(ENTITIES.c.id.between(low, high))).mappings():
        yield row["id"], row["row_hash"], entity_record(row, row["jurisdiction"], names.get(row["id"], ()))


def _facts(conn: Connection, low: int, high: int, types: dict[int, tuple[str, str]]) -> Iterator:
    subject, value = aliased(Entity), aliased(Entity)
    for row in conn.execute(select(FACTS.c.id, FACTS.c.row_hash, FACTS.c.predicate_id,
                                   *(FACTS.c[f] for f in FACT_FIELDS),
                                   subject.name.label("subject"), value.name.label("value_entity"))
                            .join(subject, subject.id == FACTS.c.subject_id)
                            .outerjoin(value, value.id == FACTS.c.value_entity_id)
                            .where(FACTS.c.id.between(low, high))).mappings():
        name, value_type = types[row["predicate_id"]]
        yield row["id"], row["row_hash"], fact_record(row, row["subject"], name, value_type, row["value_entity"])


def refresh(conn: Connection, predicate_hashes: Iterator[tuple[int, str | None, dict]]) -> int:
    """Recompute and store every row hash (predicates' given as (id, stored hash, record)); the digest."""
    digest, changed = _fold(predicate_hashes)
    _rewrite(conn, PREDICATES, changed)
    types = {p.id: (p.name, p.value_type.value) for p in conn.execute(select(PREDICATES.c.id, PREDICATES.c.name,
                                                                              PREDICATES.c.value_type))}
    for table, rows in ((ENTITIES, lambda low, high: _entities(conn, low, high)),
                        (FACTS, lambda low, high: _facts(conn, low, high, types))):
        for low, high in _ranges(conn, table):
            part, changed = _fold(rows(low, high))
            digest ^= part
            _rewrite(conn, table, changed)
    return digest
