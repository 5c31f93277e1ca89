"""Domain exceptions of the store; the CLI turns them into one-line messages."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be opened, read or written."""


class InterchangeError(StoreError):
    """A record of an interchange file is invalid; names file, line and field."""

    def __init__(self, path: str, line: int, field: str | None, message: str):
        self.path, self.line, self.field = path, line, field
        where = f"{path}:{line}" + (f": field '{field}'" if field else "")
        super().__init__(f"{where}: {message}")
