"""Files the verifier writes (report, baseline, to-do list, corrected copies): whole or not at all, never through
a symbolic link, since a draft repository is text anyone can put in a pull request."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .document import InputError


class AtomicFile:
    """A file written whole or not at all: text goes to a temporary file beside `path` and is renamed over it by
    `commit()`; a run that fails first (or `discard()`s it) leaves no file. A symbolic link at `path` is refused (the
    run did not create it, and it may point anywhere). `mode`: the file's permissions (a draft edited in place keeps
    its own)."""

    def __init__(self, path: str | Path, what: str, mode: int = 0o644) -> None:
        self.path, self._what, self._mode = Path(path), what, mode
        if self.path.is_symlink():
            raise InputError(f"{self.path}: is a symbolic link; the verifier writes the {what} only to a regular file")
        directory = self.path.parent if str(self.path.parent) else Path(".")
        try:
            handle, self._temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=directory)
        except OSError as exc:
            raise self._failed(exc) from None
        self._file = os.fdopen(handle, "w", encoding="utf-8", newline="")
        self._committed = False

    def _failed(self, exc: OSError) -> InputError:
        return InputError(f"{self.path}: cannot write the {self._what}: {exc.strerror}")

    def write(self, text: str) -> None:
        try:
            self._file.write(text)
        except OSError as exc:
            self.discard()
            raise self._failed(exc) from None

    def close(self) -> None:
        """Finish writing, holding no open file, without putting the file in place yet (`commit` does)."""
        try:
            self._file.close()
        except OSError as exc:
            self.discard()
            raise self._failed(exc) from None

    def commit(self) -> None:
        """Put the file in place."""
        self.close()
        try:
            os.chmod(self._temporary, self._mode)
            os.replace(self._temporary, self.path)
            self._committed = True
        except OSError as exc:
            self.discard()
            raise self._failed(exc) from None

    def discard(self) -> None:
        """Leave no file (nor the temporary one); committed already, nothing happens."""
        if self._committed:
            return
        try:
            self._file.close()
        except OSError:
            pass
        Path(self._temporary).unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()


def write_text(path: str | Path, text: str, what: str, mode: int = 0o644) -> None:
    """Write `text` to `path` through a temporary file beside it, then rename: a reader never sees half a file."""
    with AtomicFile(path, what, mode) as file:
        file.write(text)
        file.commit()
