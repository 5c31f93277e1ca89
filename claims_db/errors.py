"""Domain exceptions of the store; the CLI turns them into one-line messages."""

from __future__ import annotations

from .locate import redact


class StoreError(Exception):
    """The store cannot be opened, read or written."""


class InterchangeError(StoreError):
    """A record of an interchange file is invalid; names file, line and field."""

    def __init__(self, path: str, line: int, field: str | None, message: str):
        self.path, self.line, self.field = path, line, field
        where = f"{path}:{line}" + (f": field '{field}'" if field else "")
        super().__init__(f"{where}: {message}")


def driver_error(what: str, url: str, exc: BaseException) -> StoreError:
    """`what` failed, then the first line of the driver's own message with no secret of `url` in it."""
    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's exception
    lines = str(cause).strip().splitlines()
    return StoreError(f"{what}: {cause.__class__.__name__}: {redact(lines[0] if lines else '', url)}")
