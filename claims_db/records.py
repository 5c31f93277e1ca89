"""A row as its interchange record, and a record as a row's columns: what export writes, the digest hashes
and history compares.

Built from plain column values (an ORM object, a Core row or a dict), so the ORM, the bulk importer and a
digest refresh make the same record, and so the same hash, of the same row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping

from .interchange import jsonl_line
from .models import AliasForm, Status

# The columns of a fact that its record is made of (besides its subject, predicate and value entity).
FACT_FIELDS = ("value_number", "value_date", "value_text", "unit", "tolerance", "date", "valid_from", "valid_to",
               "source_title", "source_publisher", "source_url", "source_accessed", "status", "note", "version",
               "superseded_by")
ENTITY_FIELDS = ("name", "kind", "note", "title", "portfolio", "body")


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def number(value: float | None):
    return int(value) if value is not None and float(value).is_integer() else value


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _same(value):
    return value


# The columns `fact_columns(..., bound=True)` leaves as text: the form they are bound in (SQLite's DATE binds a date
# as its ISO text, PostgreSQL reads that text as the same date; an enum binds as its value).
BOUND_FIELDS = ("value_date", "date", "valid_from", "valid_to", "source_accessed", "status")


def fact_columns(record: dict, value_type: str, bound: bool = False) -> dict:
    """A validated fact record's columns (all of FACT_FIELDS but `version`, which an update keeps), its value in
    the column of its predicate's type; an entity value is the caller's to resolve. With `bound`, the columns of
    BOUND_FIELDS stay the text the record holds, for an INSERT that skips their types' bind processors."""
    value = record["value"]
    source = record["source"]
    day = _same if bound else _date
    return {"value_number": value if value_type == "quantity" else None,
            "value_date": day(value) if value_type == "date" else None,
            "value_text": value if value_type == "text" else None,
            "unit": record["unit"], "tolerance": record["tolerance"], "date": day(record["date"]),
            "valid_from": day(record["valid_from"]), "valid_to": day(record["valid_to"]),
            "source_title": source["title"], "source_publisher": source["publisher"], "source_url": source["url"],
            "source_accessed": day(source.get("accessed")),
            "status": record["status"] if bound else Status(record["status"]),
            "note": record["note"], "superseded_by": record.get("superseded_by")}


def validated_fact_record(record: dict, version: int) -> dict:
    """What `fact_record` makes of the columns `fact_columns(record)` sets on a fact of version `version`, without
    the trip through them: a validated record is its fact's record already, but for its aliases (its subject's
    names, not the fact's) and a version the fact kept from an earlier record."""
    out = dict(record)
    out["aliases"] = []
    if record.get("version", 1) != version:
        out.pop("version", None)
        successor = out.pop("superseded_by", None)
        out.update(_lineage({"version": version, "superseded_by": successor}))
    return out


def fact_record(c: Mapping, subject: str, predicate: str, value_type: str, value_entity: str | None) -> dict:
    """The exported record of a fact whose columns (FACT_FIELDS) are `c`."""
    if value_type == "quantity":
        value = number(c["value_number"])
    elif value_type == "date":
        value = iso(c["value_date"])
    else:
        value = value_entity if value_type == "entity" else c["value_text"]
    status = c["status"]
    return {"record": "fact", "subject": subject, "aliases": [], "predicate": predicate,
            "value": value, "unit": c["unit"], "date": iso(c["date"]), "valid_from": iso(c["valid_from"]),
            "valid_to": iso(c["valid_to"]), "tolerance": number(c["tolerance"]),
            "source": {"title": c["source_title"], "publisher": c["source_publisher"], "url": c["source_url"],
                       "accessed": iso(c["source_accessed"])},
            "status": status.value if isinstance(status, Status) else status, "note": c["note"], **_lineage(c)}


def _lineage(c: Mapping) -> dict:
    """A fact's place among its versions, in its record only past the first version (so a fact never edited keeps
    the record, and the row hash, it had before versions existed)."""
    version, successor = c["version"], c["superseded_by"]
    return {**({"version": version} if version and version > 1 else {}),
            **({"superseded_by": successor} if successor else {})}


def entity_record(c: Mapping, jurisdiction: str | None, aliases: Iterable[tuple[str, str]]) -> dict:
    """An entity as written, its columns (ENTITY_FIELDS) `c`: parts and names a curator gave, never the names made
    from an office's parts; `aliases` are (text, form) pairs."""
    names, demonyms = [], []
    for text, form in aliases:
        if form == AliasForm.DEMONYM:
            demonyms.append(text)
        elif form == AliasForm.NAME and text != c["name"]:
            names.append(text)
    # Parts and demonyms only when set: an entity without them keeps the record (and hash) it had before schema 4.
    parts = {"title": c["title"], "portfolio": c["portfolio"], "body": c["body"],
             "jurisdiction": jurisdiction} if c["title"] else {}
    return {"record": "entity", "subject": c["name"], "kind": c["kind"], **{k: v for k, v in parts.items() if v},
            "aliases": sorted(names), **({"demonyms": sorted(demonyms)} if demonyms else {}), "note": c["note"]}


def record_hash(record: dict) -> str:
    """The SHA-256 of a record as export writes it: the digest is the XOR of these over every row."""
    return hashlib.sha256(jsonl_line(record).encode()).hexdigest()
