"""Where a store lives: paths and URLs, and the bundled default store.

Kept free of SQLAlchemy so that a check can find its store without paying
for the ORM import.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, unquote_plus

DATA = Path(__file__).parent / "data"
VOCABULARY = DATA / "predicates.jsonl"  # the default predicates every new store starts with
DEFAULT_SOURCE = DATA / "default.jsonl"  # the curated facts of the bundled store
DEFAULT_DESCRIPTION = "bundled reference store (SCO, India, Russia, 2025)"  # how reports name it
BUILDERS = ("models.py", "interchange.py", "store.py", "text.py")  # the code whose output the store is

# scheme://user:PASSWORD@host: the password runs to the last '@' before the query, as a raw '@' may be in it.
_USERINFO = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/?#\s]*:)([^?#\s]*)(@)", re.IGNORECASE)
# ?password=..., &sslpassword=..., &access_token=...: any query key naming a secret.
_QUERY_SECRET = re.compile(r"([?&;][\w.-]*(?:password|passwd|pwd|secret|token)[\w.-]*=)([^&#\s]*)", re.IGNORECASE)
HIDDEN = "***"


def to_url(location: str) -> str:
    """Accept a SQLAlchemy URL or a path to a SQLite file."""
    if "://" in location:
        # psycopg (version 3) is the driver this project installs for PostgreSQL.
        for plain in ("postgresql://", "postgres://"):
            if location.startswith(plain):
                return "postgresql+psycopg://" + location[len(plain):]
        return location
    # Quote what a URL would read as syntax, so "a#b" or "50%" stay part of the path.
    path = str(Path(location).expanduser().resolve())
    return "sqlite:///" + path.replace("%", "%25").replace("?", "%3F").replace("#", "%23")


def redact(text: str, url: str | None = None) -> str:
    """Hide passwords so no log shows one: in every URL of `text`, and every secret of `url` wherever it is.

    `redact(location)` is how a store is named in any output; `redact(message, url)` cleans a
    driver's error, which may quote the bare password (also percent-decoded) without the URL.
    """
    if url:
        secrets = {s for pattern in (_USERINFO, _QUERY_SECRET) for m in pattern.finditer(url) if (s := m.group(2))}
        # Longest first, so a secret that contains another is hidden whole.
        for secret in sorted(secrets | {unquote(s) for s in secrets} | {unquote_plus(s) for s in secrets},
                             key=len, reverse=True):
            text = text.replace(secret, HIDDEN)
    text = _USERINFO.sub(lambda m: m.group(1) + (HIDDEN if m.group(2) else "") + m.group(3), text)
    return _QUERY_SECRET.sub(lambda m: m.group(1) + HIDDEN, text)


def sqlite_path(url: str) -> str | None:
    """The file behind a SQLite URL, or None for other engines."""
    if url.startswith("sqlite:///"):
        return unquote(url[len("sqlite:///"):].split("?", 1)[0])
    return None


SQLITE_WAL_UNREADABLE = (14, 1544)  # CANTOPEN, READONLY_DIRECTORY: a WAL file whose -shm cannot be made


def sqlite_ro_uri(path: str, immutable: bool = False) -> str:
    """A URI opening the file read-only; `immutable`: as a file nobody writes (no locks, no -shm)."""
    # as_uri() escapes '#', '?' and '%', which would otherwise end the path and drop mode=ro.
    return Path(path).as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")


def wal_needs_immutable(path: str) -> bool:
    """Whether a SQLite file can be read only as immutable: in WAL mode where its -shm cannot be made
    (a read-only directory), and with no -wal file, so every committed write is in the file itself
    and no writer is at work (it would have made one)."""
    import sqlite3

    if os.path.exists(path + "-wal"):
        return False
    try:
        conn = sqlite3.connect(sqlite_ro_uri(path), uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:  # anything else (no database at all, damage) is reported by the open that follows
        return getattr(exc, "sqlite_errorcode", None) in SQLITE_WAL_UNREADABLE
    return False


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claim-verifier"


def default_store() -> str:
    """Path of the bundled store, built once from its curated JSONL source.

    The file name carries a hash of the source and of the code that builds it,
    so an edited source or a new schema builds a new store and a stale one is
    never used.
    """
    inputs = (VOCABULARY, DEFAULT_SOURCE, *(Path(__file__).with_name(m) for m in BUILDERS))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in inputs)).hexdigest()[:16]
    for directory in (_cache_dir(), Path(tempfile.gettempdir()) / "claim-verifier"):
        path = directory / f"default-{digest}.sqlite"
        if path.exists():
            return str(path)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            _build(path)
            return str(path)
        except OSError:
            continue
    raise OSError("cannot build the bundled store: no writable cache directory")


def _build(path: Path) -> None:
    """Build into a temporary file and rename it, so readers never see half a store."""
    from .interchange import parse_files
    from .store import Store

    fd, tmp = tempfile.mkstemp(suffix=".sqlite", dir=path.parent)
    os.close(fd)
    try:
        store = Store(tmp, create=True)
        store.import_parsed(parse_files([str(DEFAULT_SOURCE)]), history=False)  # its history is its git log
        store.describe(DEFAULT_DESCRIPTION)
        store.engine.dispose()
        _rollback_journal(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _rollback_journal(path: str) -> None:
    """Fold the write-ahead log into the file and leave WAL mode: the bundled store is only read,
    and a WAL file cannot be opened where its -shm and -wal files cannot be made (a read-only cache)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = DELETE").fetchall()
    finally:
        conn.close()
