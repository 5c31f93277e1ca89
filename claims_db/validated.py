"""An import's records checked in one pass before anything is written, and kept for the pass that writes them.

The errors come in the order they always did, whatever the size of the files: the first malformed record
(raised by `interchange` as it is read), then a predicate retyped under the store's facts, then the first fact
whose value its predicate's type refuses (or whose predicate nobody declares), then the first superseded
version that `--status` would override. A few records (a `Parsed`) stay in memory; files are kept on disk
(`bulk.Spool`), so the memory an import takes does not grow with its files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .bulk import Source
from .errors import InterchangeError
from .interchange import row_at, type_value
from .rows import Spool


class _Kept:
    """(record, row) pairs in memory."""

    def __init__(self) -> None:
        self.items: list = []

    def add(self, record: dict, row) -> None:
        self.items.append((record, row))

    def __iter__(self) -> Iterator:
        return iter(self.items)


class _Spooled:
    """(record, row) pairs on disk, each row remembered by its file and line only."""

    def __init__(self) -> None:
        self.spool, self.paths = Spool(), {}

    def add(self, record: dict, row) -> None:
        self.spool.add((record, self.paths.setdefault(row.path, len(self.paths)), row.line))

    def __iter__(self) -> Iterator:
        paths = list(self.paths)
        for record, path, line in self.spool:
            yield record, row_at(paths[path], line)


class Validated:
    """Records added one by one, checked against the store's predicate types and those the import declares."""

    def __init__(self, value_types: dict[str, str], status: str | None, on_disk: bool):
        self.stored, self.declared, self.status = dict(value_types), {}, status
        make = _Spooled if on_disk else _Kept
        self.predicates: list = []
        self.entities, self.offices, self.facts = make(), make(), make()
        self.paths: dict[str, None] = {}  # the files records came from, in order (the default reason)
        self.entity_count = self.fact_count = 0
        self._checked: dict[str, set[str]] = {}  # predicate -> the types its facts were checked against
        self._recheck = False  # a fact came before its predicate was declared
        self._type_error = self._status_error = None

    def add(self, record: dict, row) -> None:
        self.paths.setdefault(row.path)
        kind = record["record"]
        if kind == "predicate":
            self.predicates.append((record, row))
            self.declared[record["predicate"]] = record["value_type"]
        elif kind == "entity":
            self.entities.add(record, row)
            self.entity_count += 1
            if "title" in record:
                self.offices.add(record, row)
        else:
            self._add_fact(record, row)

    def _add_fact(self, record: dict, row) -> None:
        name = record["predicate"]
        value_type = self.declared.get(name) or self.stored.get(name)
        typed = None  # the value typed as its predicate is now, kept for when that is its type at the end
        if value_type is None:
            self._recheck = True
        else:
            self._checked.setdefault(name, set()).add(value_type)
            if self._type_error is None:
                try:
                    typed = _typed_value(record["value"], value_type, row)
                except InterchangeError as exc:  # raised once the pass is over, if nothing comes before it
                    self._type_error = exc
        if self.status is not None:
            if record["status"] == "superseded":
                self._status_error = self._status_error or row.fail(
                    "status", f"a superseded version cannot be imported as {self.status}")
            else:
                record["status"] = self.status
        self.facts.add((record, typed), row)
        self.fact_count += 1

    def finish(self, check_retyped: Callable[[list], None]) -> Source:
        """Raise the first error, in the order above; else the records to write, each fact's value typed."""
        check_retyped(self.predicates)
        types = {**self.stored, **self.declared}
        retyped = self._recheck or any(checked - {types[name]} for name, checked in self._checked.items())
        if retyped:
            for (record, _), row in self.facts:  # a type changed under facts already checked: all again, in order
                _typed(record, types, row)
        elif self._type_error is not None:
            raise self._type_error
        if self._status_error is not None:
            raise self._status_error
        return Source(self.predicates, self.entities, self.offices, _typed_facts(self.facts, types, retyped),
                      self.entity_count, self.fact_count)


def _typed(record: dict, types: dict[str, str], row):
    value_type = types.get(record["predicate"])
    if value_type is None:
        raise row.fail("predicate", f"unknown predicate {record['predicate']!r}; "
                                    "declare it with a predicate record or use a known one")
    return _typed_value(record["value"], value_type, row)


def _typed_value(value, value_type: str, row):
    typed = {"value": value}
    type_value(typed, value_type, row)
    return typed["value"]


def _typed_facts(facts, types: dict[str, str], retyped: bool) -> Iterator:
    """Each fact with its value typed: as it was typed when read, unless a predicate's type changed since."""
    for (record, typed), row in facts:
        record["value"] = _typed(record, types, row) if retyped else typed
        yield record, row
