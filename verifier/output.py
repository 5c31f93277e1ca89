"""Files the verifier writes (report, baseline, to-do list, corrected copies): whole or not at all, never through
a symbolic link, since a draft repository is text anyone can put in a pull request."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .document import InputError


def write_text(path: str | Path, text: str, what: str, mode: int = 0o644) -> None:
    """Write `text` to `path` through a temporary file beside it, then rename: a reader never sees half a file.
    A symbolic link at `path` is refused (the run did not create it, and it may point anywhere). `mode`: the
    file's permissions (a draft edited in place keeps its own)."""
    path = Path(path)
    if path.is_symlink():
        raise InputError(f"{path}: is a symbolic link; the verifier writes the {what} only to a regular file")
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the {what}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write the {what}: {exc.strerror}") from None
