"""The interchange format: JSONL and CSV records of facts, entities and predicates.

Parsing validates every field and raises InterchangeError naming file, line and
field; nothing here touches a database, so a bad file is rejected before any
write begins. Records are plain dicts in canonical form (see `FIELDS`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import VALUE_TYPES
from .errors import InterchangeError

RECORD_KINDS = ("fact", "entity", "predicate")
STATUSES = ("draft", "approved", "retired", "superseded", "rejected")  # = claims_db.models.Status
ENTITY_KINDS = ("person", "organisation", "country", "place", "event", "relation", "office", "other")
SOURCE_FIELDS = ("title", "publisher", "url", "accessed")

# Every field a record may carry, in output order; CSV uses these as columns
# with the source flattened to source_title, source_publisher, ...
FIELDS = {
    "fact": ("subject", "aliases", "predicate", "value", "unit", "date", "valid_from", "valid_to",
             "tolerance", "source", "status", "note", "version", "superseded_by"),
    "entity": ("subject", "kind", "title", "portfolio", "body", "jurisdiction", "aliases", "demonyms", "note"),
    "predicate": ("predicate", "value_type", "label", "description", "cues", "nouns"),
}
CSV_COLUMNS = ("record", "subject", "kind", "aliases", "predicate", "value_type", "value", "unit",
               "date", "valid_from", "valid_to", "tolerance",
               *(f"source_{f}" for f in SOURCE_FIELDS), "status", "note", "label", "description", "cues",
               "nouns", "version", "superseded_by", "title", "portfolio", "body", "jurisdiction", "demonyms")
OFFICE_PARTS = ("title", "portfolio", "body", "jurisdiction")  # see claims_db.offices
LIST_SEPARATOR = " | "
TODO = "todo"  # a fact field `verifier check --todo` writes: such a record imports as a draft, whatever it says
FACT_ID = re.compile(r"f[0-9a-f]{15}")
MAX_DEPTH = 32  # a record nests two deep (source, aliases); far deeper is hostile, and would exhaust the parser


class _Row:
    """One raw record with its origin, and validators that fail with file:line:field."""

    def __init__(self, path: str, line: int, data: dict):
        self.path, self.line, self.data = path, line, data

    def fail(self, field: str | None, message: str) -> InterchangeError:
        return InterchangeError(self.path, self.line, field, message)

    def text(self, field: str, required: bool = False) -> str | None:
        value = self.data.get(field)
        if isinstance(value, str):
            value = value.strip()  # so that a blank required field counts as missing
        if value is None or value == "":
            if required:
                raise self.fail(field, "is required")
            return None
        if not isinstance(value, str):
            raise self.fail(field, f"must be text, got {value!r}")
        return value

    def date(self, field: str, value=None) -> str | None:
        value = self.data.get(field) if value is None else value
        if value is None or value == "":
            return None
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise self.fail(field, f"is not a date (YYYY-MM-DD): {value!r}") from None

    def number(self, field: str, value=None) -> int | float | None:
        value = self.data.get(field) if value is None else value
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise self.fail(field, f"is not a number: {value!r}")
        try:
            number = float(value)
        except OverflowError:  # an integer too large for a float (JSON allows any number of digits)
            raise self.fail(field, f"is out of range: a number of {len(str(abs(value)))} digits") from None
        except (TypeError, ValueError):
            raise self.fail(field, f"is not a number: {value!r}") from None
        if not math.isfinite(number):
            raise self.fail(field, f"is not a finite number: {value!r}")
        return int(number) if number.is_integer() else number

    def strings(self, field: str) -> list[str]:
        value = self.data.get(field)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            value = value.split("|")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(field, f"must be a list of text, got {value!r}")
        return sorted({" ".join(v.split()) for v in value if v.strip()})

    def choice(self, field: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(field) or default
        if value not in choices:
            raise self.fail(field, f"must be one of {', '.join(choices)}, got {value!r}")
        return value


def _canonical(row: _Row) -> dict:
    fact = _plain_fact(row.data)
    return fact if fact is not None else _checked(row)


_PLAIN_FACT_FIELDS = frozenset(("record", *FIELDS["fact"])) - {"version", "superseded_by"}
_PLAIN_STATUSES = frozenset(STATUSES) - {"superseded"}
_SOURCE_FIELD_SET = frozenset(SOURCE_FIELDS)


def _plain_fact(data: dict) -> dict | None:
    """The canonical record of a row that is a plain fact (no lineage, no to-do mark, no field `_checked` refuses):
    what `_checked` returns for it, in a fraction of the time most rows of a big file cost; None for any other row,
    which `_checked` then reads field by field, raising its first error in its order."""
    if not _PLAIN_FACT_FIELDS.issuperset(data):
        return None
    get = data.get
    kind, subject, predicate, source, value = (get("record"), get("subject"), get("predicate"), get("source"),
                                               get("value"))
    if ((kind is not None and kind != "fact") or subject.__class__ is not str or predicate.__class__ is not str
            or source.__class__ is not dict or not _SOURCE_FIELD_SET.issuperset(source)
            or value is None or value == ""):
        return None
    title, publisher, url = source.get("title"), source.get("publisher"), source.get("url")
    if title.__class__ is not str or publisher.__class__ is not str or url.__class__ is not str:
        return None
    subject, predicate, title, publisher, url = (subject.strip(), predicate.strip(), title.strip(),
                                                 publisher.strip(), url.strip())
    status, unit, note, aliases, tolerance = get("status"), get("unit"), get("note"), get("aliases"), get("tolerance")
    for written in (status, unit, note):
        if written is not None and written.__class__ is not str:
            return None
    status = status and status.strip() or "approved"
    if not (subject and predicate and title and publisher and url) or status not in _PLAIN_STATUSES:
        return None
    if aliases is None or aliases == "":
        aliases = []
    elif aliases.__class__ is list and all(a.__class__ is str for a in aliases):
        aliases = sorted({" ".join(a.split()) for a in aliases if a.strip()})
    else:
        return None
    if tolerance == "":
        tolerance = None
    elif tolerance is not None:
        if tolerance.__class__ not in (int, float, str):
            return None
        try:
            number = float(tolerance)
        except (OverflowError, ValueError):
            return None
        if not math.isfinite(number) or number < 0:
            return None
        tolerance = int(number) if number.is_integer() else number
    try:
        date, valid_from, valid_to, accessed = (_plain_date(get("date")), _plain_date(get("valid_from")),
                                                _plain_date(get("valid_to")), _plain_date(source.get("accessed")))
    except ValueError:
        return None
    if valid_from and valid_to and valid_to < valid_from:
        return None
    return {"record": "fact", "subject": subject, "aliases": aliases, "predicate": predicate, "value": value,
            "unit": unit and unit.strip() or None, "date": date, "valid_from": valid_from, "valid_to": valid_to,
            "tolerance": tolerance,
            "source": {"title": title, "publisher": publisher, "url": url, "accessed": accessed},
            "status": status, "note": note and note.strip() or None}


def _plain_date(value) -> str | None:
    """A date field as `_Row.date` reads it, for text or nothing; ValueError for anything else."""
    if value is None or value == "":
        return None
    if value.__class__ is not str:
        raise ValueError(value)
    return dt.date.fromisoformat(value).isoformat()


def _checked(row: _Row) -> dict:
    """A row's canonical record, every field read and checked in turn (the first bad one raises)."""
    kind = row.choice("record", RECORD_KINDS, default="fact")
    allowed = set(FIELDS[kind]) | {"record"} | ({TODO} if kind == "fact" else set())
    for field in row.data:
        if field not in allowed and row.data[field] not in (None, ""):
            raise row.fail(field, f"is not a field of a {kind} record (allowed: {', '.join(FIELDS[kind])})")
    if kind == "predicate":
        label = row.text("label")  # only when given: a predicate without one keeps its old record and hash
        return {"record": kind, "predicate": row.text("predicate", required=True),
                "value_type": row.choice("value_type", VALUE_TYPES), **({"label": label} if label else {}),
                "description": row.text("description"),
                "cues": row.strings("cues"), "nouns": row.strings("nouns")}
    if kind == "entity":
        demonyms = row.strings("demonyms")  # only when given: an entity without them keeps its record and hash
        return {"record": kind, "subject": row.text("subject", required=True),
                "kind": row.choice("kind", ENTITY_KINDS, default="other"), **_office_parts(row),
                "aliases": row.strings("aliases"), **({"demonyms": demonyms} if demonyms else {}),
                "note": row.text("note")}
    source = row.data.get("source")
    if not isinstance(source, dict) or not source:
        raise row.fail("source", "is required: an object with title, publisher, url (and accessed)")
    for field in source:
        if field not in SOURCE_FIELDS:
            raise row.fail(f"source.{field}", "is not a source field")
    fact = {"record": kind, "subject": row.text("subject", required=True),
            "aliases": row.strings("aliases"), "predicate": row.text("predicate", required=True),
            "value": row.data.get("value"), "unit": row.text("unit"),
            "date": row.date("date"), "valid_from": row.date("valid_from"), "valid_to": row.date("valid_to"),
            "tolerance": row.number("tolerance"), "source": {}, "status": row.choice("status", STATUSES, "approved"),
            "note": row.text("note"), **_lineage(row)}
    if row.data.get(TODO) not in (None, "", False):
        if "superseded_by" in fact:
            raise row.fail("superseded_by", "a to-do record is no version of a fact")
        fact["status"] = "draft"  # a curator approves it in review, never by editing the file
    for field in ("title", "publisher", "url"):
        value = source.get(field)
        if not isinstance(value, str) or not value.strip():
            raise row.fail(f"source.{field}", "is required")
        fact["source"][field] = value.strip()
    fact["source"]["accessed"] = row.date("source.accessed", source.get("accessed"))
    if fact["value"] is None or fact["value"] == "":
        raise row.fail("value", "is required")
    if fact["tolerance"] is not None and fact["tolerance"] < 0:
        raise row.fail("tolerance", "must not be negative")
    if fact["valid_from"] and fact["valid_to"] and fact["valid_to"] < fact["valid_from"]:
        raise row.fail("valid_to", f"{fact['valid_to']} is before valid_from {fact['valid_from']}")
    return fact


def _office_parts(row: _Row) -> dict:
    """An office's parts (see claims_db.offices), present only when given, so other entities keep their records."""
    parts = {field: row.text(field) for field in OFFICE_PARTS if row.text(field)}
    if parts and row.text("kind") != "office":
        raise row.fail(next(iter(parts)), "is a part of an office: give it to an entity of kind office")
    if parts and "title" not in parts:
        raise row.fail("title", "is required for an office declared by its parts (e.g. Minister, President)")
    return parts


def _lineage(row: _Row) -> dict:
    """A fact's `version` (when above 1) and, for a superseded one, the id of the version after it."""
    fields = {}
    version = row.number("version")
    if version is not None and (not isinstance(version, int) or version < 1):
        raise row.fail("version", f"must be a whole number from 1, got {row.data['version']!r}")
    if version is not None and version > 1:
        fields["version"] = version
    successor = row.text("superseded_by")
    superseded = row.text("status") == "superseded"
    if superseded and successor is None:
        raise row.fail("superseded_by", "is required for a superseded fact: the id of its next version")
    if successor is not None:
        if not superseded:
            raise row.fail("superseded_by", "is only for a fact of status 'superseded'")
        if not FACT_ID.fullmatch(successor):
            raise row.fail("superseded_by", f"is not a fact id (f and 15 hex digits): {successor!r}")
        fields["superseded_by"] = successor
    return fields


def type_value(record: dict, value_type: str, row: _Row) -> None:
    """Check and convert a fact's value to its predicate's type, in place."""
    value = record["value"]
    if value_type == "quantity":
        record["value"] = row.number("value", value)
    elif value_type == "date":
        record["value"] = row.date("value", value)
    elif not isinstance(value, str) or not value.strip():
        raise row.fail("value", f"must be text (an {value_type}) for this predicate, got {value!r}")
    else:
        record["value"] = value.strip()


def natural_key(fact: dict) -> str:
    """What makes two fact records the same fact: importing it twice updates, never duplicates."""
    value = fact["value"]
    value = format(value, ".15g") if isinstance(value, (int, float)) else str(value)
    return "\x1f".join((fact["subject"], fact["predicate"], value, fact["date"] or "", fact["valid_from"] or ""))


def fact_uid(key: str) -> str:
    """A short public id that stays the same across stores built from the same records."""
    return "f" + hashlib.sha1(key.encode()).hexdigest()[:15]  # 60 bits: no collision in billions


def version_uid(key: str, version: int = 1) -> str:
    """The id of a fact's version: its natural key's id for the first, the key and version number's after."""
    return fact_uid(key if version == 1 else f"{key}\x1fv{version}")


def stored_key(key: str, record: dict) -> str:
    """The key a fact is stored under: its natural key, or for a superseded version the key and its version,
    so the current version holds the natural key that imports match."""
    if record["status"] != "superseded":
        return key
    return f"{key}\x1fv{record.get('version', 1)}"


class Parsed:
    """Validated records of one or more files, each remembered with its origin row."""

    def __init__(self) -> None:
        self.records: list[tuple[dict, _Row]] = []

    def add(self, path: str, line: int, data: dict) -> None:
        """Validate one raw record (from a file row or command-line flags)."""
        row = _Row(path, line, data)
        self.records.append((_canonical(row), row))

    def of_kind(self, kind: str) -> Iterator[tuple[dict, _Row]]:
        return ((r, row) for r, row in self.records if r["record"] == kind)

    def check_values(self, value_types: dict[str, str]) -> None:
        """Validate fact values against predicates known to the store or declared here."""
        declared = dict(value_types)
        declared.update({r["predicate"]: r["value_type"] for r, _ in self.of_kind("predicate")})
        for record, row in self.of_kind("fact"):
            value_type = declared.get(record["predicate"])
            if value_type is None:
                raise row.fail("predicate", f"unknown predicate {record['predicate']!r}; "
                                            "declare it with a predicate record or use a known one")
            type_value(record, value_type, row)


def _too_deep(line: str) -> tuple[bool, str | None]:
    """Whether a JSON line nests deeper than MAX_DEPTH, and under which top-level field; a scan, no recursion."""
    depth, key, last, in_string, escaped, start = 0, None, None, False, False, 0
    for i, char in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string, last = False, line[start:i]
        elif char == '"':
            in_string, start = True, i + 1
        elif char == ":" and depth == 1:
            key = last
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True, (json.loads(f'"{key}"') if key is not None and line.lstrip().startswith("{") else None)
        elif char in "]}":
            depth -= 1
    return False, None


def _rows_jsonl(path: str, handle: io.TextIOBase) -> Iterator[_Row]:
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        # A cheap count first: only a line with that many brackets is scanned.
        if line.count("[") + line.count("{") > MAX_DEPTH and (deep := _too_deep(line))[0]:
            raise InterchangeError(path, number, deep[1], f"nests more than {MAX_DEPTH} levels deep")
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InterchangeError(path, number, None, f"malformed JSON: {exc.msg} (column {exc.colno})") from None
        except RecursionError:  # the scan above should have caught it; never a traceback
            raise InterchangeError(path, number, None, "malformed JSON: nested too deeply") from None
        except ValueError:  # an integer of more digits than Python converts
            raise InterchangeError(path, number, None, "malformed JSON: a number has more than "
                                                       f"{sys.get_int_max_str_digits()} digits") from None
        if not isinstance(data, dict):
            raise InterchangeError(path, number, None, "a record must be a JSON object")
        yield _Row(path, number, data)


def _rows_csv(path: str, handle: io.TextIOBase) -> Iterator[_Row]:
    reader = csv.DictReader(handle)
    unknown = set(reader.fieldnames or ()) - set(CSV_COLUMNS)
    if unknown:
        raise InterchangeError(path, 1, sorted(unknown)[0], "is not a known column")
    for data in reader:
        if None in data:
            raise InterchangeError(path, reader.line_num, None, "row has more cells than the header")
        data = {k: v for k, v in data.items() if v not in (None, "")}
        source = {f: data.pop(f"source_{f}") for f in SOURCE_FIELDS if f"source_{f}" in data}
        if source:
            data["source"] = source
        yield _Row(path, reader.line_num, data)


def iter_records(paths: Iterable[str]) -> Iterator[tuple[dict, _Row]]:
    """Read and validate files (JSONL, or CSV by extension) a record at a time; the first bad row raises."""
    for path in paths:
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                rows = _rows_csv if Path(path).suffix.lower() == ".csv" else _rows_jsonl
                for row in rows(path, handle):
                    yield _canonical(row), row
        except OSError as exc:
            raise InterchangeError(path, 0, None, f"cannot read: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise InterchangeError(path, 0, None, "is not UTF-8 text") from None


def parse_files(paths: Iterable[str]) -> Parsed:
    """Read and validate whole files into memory (see `iter_records`)."""
    parsed = Parsed()
    parsed.records.extend(iter_records(paths))
    return parsed


def row_at(path: str, line: int) -> _Row:
    """A row known by its place only: what a record read back from disk is remembered by, for its errors."""
    return _Row(path, line, {})


_EMPTY = (None, "", [], {})  # built once: a literal with a list and a dict in it is built anew at every test
_EMPTY_PART = (None, "", [])


def _compact(record: dict) -> dict:
    """Drop empty fields so exports stay short and diffs readable."""
    out = {}
    for field, value in record.items():
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if v not in _EMPTY_PART}
        if value not in _EMPTY and not (field == "record" and value == "fact"):
            out[field] = value
    return out


_LINE = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) makes anew at every call


def jsonl_line(record: dict) -> str:
    """A record as one line of a JSONL file, its empty fields left out."""
    return _LINE.encode(_compact(record)) + "\n"


def dump_jsonl(records: Iterable[dict], out: io.TextIOBase) -> None:
    for record in records:
        out.write(jsonl_line(record))


def dump_csv(records: Iterable[dict], out: io.TextIOBase) -> None:
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = dict(record)
        for f, v in (row.pop("source", None) or {}).items():
            row[f"source_{f}"] = v
        for field in ("aliases", "demonyms", "cues", "nouns"):
            if field in row:
                row[field] = LIST_SEPARATOR.join(row[field])
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
