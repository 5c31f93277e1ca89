"""A part of a report written before the part that precedes it is known (SARIF's results before its invocations,
JUnit's suites before their totals): kept in memory while small, then in a temporary file, never in a list."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

IN_MEMORY = 4 * 1024 * 1024  # characters held before the spool moves to a temporary file
BLOCK = 1024 * 1024  # characters copied out at a time


class Spool:
    """Write text now, read it back once, in blocks, where it belongs in the report."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY, mode="w+", encoding="utf-8", newline="")
        self.empty = True

    def write(self, text: str) -> None:
        if text:
            self.empty = False
            self._file.write(text)

    def chunks(self) -> Iterator[str]:
        """The text written, from the start, in blocks; the spool is closed after."""
        try:
            self._file.seek(0)
            while block := self._file.read(BLOCK):
                yield block
        finally:
            self.close()

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
