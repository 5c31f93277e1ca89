"""JSON written piece by piece, byte for byte as `json.dumps(document, indent=2)` writes it whole.

A report is mostly one long list (files, results, diagnostics): `Each` writes a
list item by item as its iterable yields them, so no list of the whole run is
ever held, and `Later` stands for a value known only once the list before it is
written (a summary, the errors). An object whose values are lazy is `Fields`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

INDENT = "  "


@dataclass(frozen=True)
class Each:
    """A list written as `items` yields them; an item may itself be lazy (Fields)."""

    items: Iterable[Any]


@dataclass(frozen=True)
class Later:
    """A value computed when the writer reaches it: after everything before it was written."""

    compute: Callable[[], Any]


@dataclass(frozen=True)
class Fields:
    """An object as (key, value) pairs in order; values may be Each, Later, Fields or already written text."""

    pairs: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Written:
    """A value already written as JSON at its place's indent (e.g. a list spooled to a file), as text chunks."""

    chunks: Iterable[str]


def dumps(value: Any, level: int = 0) -> str:
    """One value as the whole-document dump writes it at nesting `level`."""
    text = json.dumps(value, ensure_ascii=False, indent=len(INDENT), allow_nan=False)
    return text.replace("\n", "\n" + INDENT * level) if level else text


def chunks(value: Any, level: int = 0) -> Iterator[str]:
    """The JSON text of `value` at nesting `level`, in pieces: one or a few per list item."""
    if isinstance(value, Fields):
        if not value.pairs:
            yield "{}"
            return
        for n, (key, item) in enumerate(value.pairs):
            yield f"{',' if n else '{'}\n{INDENT * (level + 1)}{json.dumps(key, ensure_ascii=False)}: "
            yield from chunks(item, level + 1)
        yield f"\n{INDENT * level}}}"
    elif isinstance(value, Each):
        empty = True
        for item in value.items:
            yield _before_item(empty, level)
            empty = False
            yield from chunks(item, level + 1)
        yield _list_end(empty, level)
    elif isinstance(value, Later):
        yield from chunks(value.compute(), level)
    elif isinstance(value, Written):
        yield from value.chunks
    else:
        yield dumps(value, level)


def _before_item(first: bool, level: int) -> str:
    return f"{'[' if first else ','}\n{INDENT * (level + 1)}"


def _list_end(empty: bool, level: int) -> str:
    return "[]" if empty else f"\n{INDENT * level}]"


class Items:
    """A list written item by item as they are given, where Each takes them from an iterable: for a list fed from
    elsewhere (a baseline's entries, as the report's files pass by)."""

    def __init__(self, out, level: int = 0) -> None:
        self._out, self._level, self.count = out, level, 0

    def add(self, item: Any) -> None:
        self._out.write(_before_item(self.count == 0, self._level) + dumps(item, self._level + 1))
        self.count += 1

    def close(self) -> None:
        self._out.write(_list_end(self.count == 0, self._level))


def around(pairs: tuple[tuple[str, Any], ...], key: str) -> tuple[str, str]:
    """An object's text before and after the value of its last key `key` (written apart, e.g. by Items)."""
    pieces = list(chunks(Fields((*pairs, (key, Written(()))))))
    return "".join(pieces[:-1]), pieces[-1]


def write(out, document: Any) -> None:
    """Write `document` and the newline the reports end with."""
    for piece in chunks(document):
        out.write(piece)
    out.write("\n")
