"""Configuration: `[tool.verifier]` in pyproject.toml or a `.verifier.toml`, found by walking up, then flags.

Every value remembers where it came from, so `verifier config` can say so. A
bad configuration raises ConfigError naming the file and key: it never passes silently.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath

from .report import FINDINGS_ONLY, FORMATS
from .rules import RULES, SEVERITIES

FAIL_ON = ("conflicting", "unverified", "never")
AS_OF_POLICIES = ("auto", "today")
OFF = "off"


class ConfigError(Exception):
    """The configuration is invalid; the message names the file and the key."""


@dataclass(frozen=True)
class Override:
    """Severities for the drafts whose path matches one of `paths` (globs, relative to the config file)."""

    paths: tuple[str, ...]
    severity: dict[str, str]


@dataclass(frozen=True)
class Config:
    db: str | None = None
    db_as_written: str | None = None  # what reports show: a path relative to the config file stays so
    fail_on: str = "conflicting"
    format: str = "text"
    ignore: tuple[str, ...] = ()
    as_of: str = "auto"  # auto (dateline, front matter...), today, or a date YYYY-MM-DD
    kinds: tuple[str, ...] | None = None
    show_consistent: bool | None = None  # None: as the format does (see report.FINDINGS_ONLY)
    max_file_size: int = 2_000_000  # bytes; a larger draft is an error for that file, not hours of CI
    severity: dict[str, str] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    root: Path = Path(".")  # globs and relative store paths are relative to this
    file: Path | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def severity_of(self, rule: str, path: str) -> str:
        """A rule's severity for one draft: the last matching override, else the rule setting, else the default."""
        chosen = self.severity.get(rule, RULES[rule].default_severity)
        relative = _relative(path, self.root)
        for override in self.overrides:
            if rule in override.severity and any(_match(relative, g) for g in override.paths):
                chosen = override.severity[rule]
        return chosen

    def ignored(self, path: str) -> bool:
        relative = _relative(path, self.root)
        return any(_match(relative, glob) for glob in self.ignore)

    def shows_consistent(self) -> bool:
        """Whether consistent claims are reported: as configured, else unless the format is findings-only."""
        return self.format not in FINDINGS_ONLY if self.show_consistent is None else self.show_consistent

    def fixed_as_of(self) -> dt.date | None:
        return None if self.as_of in AS_OF_POLICIES else dt.date.fromisoformat(self.as_of)

    def shown(self, key: str):
        """A setting as output may show it: a store URL never with its password."""
        value = getattr(self, key)
        if key == "db" and value:
            from claims_db.query import redact

            return redact(value)
        return value


@lru_cache(maxsize=4096)
def _relative(path: str, root: Path) -> str:
    """A draft's path relative to the configuration's root, resolved once per draft (not once per finding)."""
    try:
        return PurePosixPath(Path(path).resolve().relative_to(root.resolve())).as_posix()
    except ValueError:
        return PurePosixPath(Path(path)).as_posix()


def _match(path: str, glob: str) -> bool:
    """Glob match where `**/` may match no directory and a directory glob matches what is under it."""
    glob = glob.rstrip("/")
    candidates = {glob, glob.replace("**/", ""), f"{glob}/*"}
    return any(fnmatch.fnmatch(path, g) for g in candidates)


def discover(start: Path) -> Path | None:
    """The nearest `.verifier.toml`, or `pyproject.toml` with a [tool.verifier] table, from `start` upwards."""
    directory = start.resolve()
    if directory.is_file():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        candidate = folder / ".verifier.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "verifier" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def load(path: Path | None) -> Config:
    """Read a configuration file (None: the defaults), checking every key and value."""
    if path is None:
        return Config(sources={key: "default" for key in _KEYS})
    table = _read(path)
    if path.name == "pyproject.toml" or set(table) == {"tool"}:
        # pyproject.toml's [tool.verifier]; a .verifier.toml may use the same header (copied from one), or none
        table = table.get("tool", {}).get("verifier", {})
    where = f"{path}"
    values: dict = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}' (known: {', '.join(_KEYS)})")
        values[key] = _KEYS[key](f"{where}: key '{key}'", value)
    config = Config(root=path.parent, file=path, **values)
    if config.db and "://" not in config.db and not Path(config.db).is_absolute():
        config = replace(config, db=str(path.parent / config.db), db_as_written=config.db)
    sources = {key: (f"{path}" if key in values else "default") for key in _KEYS}
    return replace(config, sources=sources)


def with_flags(config: Config, **flags) -> Config:
    """Command-line flags over the file: only the flags actually given."""
    given = {k: v for k, v in flags.items() if v is not None}
    if "as_of" in given and isinstance(given["as_of"], dt.date):
        given["as_of"] = given["as_of"].isoformat()
    sources = dict(config.sources)
    sources.update({key: "command line" for key in given})
    if "db" in given:
        given["db_as_written"] = None
    return replace(config, sources=sources, **given)


# -- validation of each key -------------------------------------------------
def _choice(options):
    def check(where: str, value):
        if value not in options:
            raise ConfigError(f"{where}: must be one of {', '.join(options)}, got {value!r}")
        return value
    return check


def _text(where: str, value) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: must be a non-empty string, got {value!r}")
    return value


def _globs(where: str, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: must be a list of glob strings, got {value!r}")
    return tuple(value)


def _as_of(where: str, value) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if value in AS_OF_POLICIES:
        return value
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ConfigError(f"{where}: must be 'auto', 'today' or a date YYYY-MM-DD, got {value!r}") from None


def _kinds(where: str, value) -> tuple[str, ...]:
    from .extract.registry import KINDS

    names = [k.name for k in KINDS]
    if not isinstance(value, list) or not value or any(v not in names for v in value):
        raise ConfigError(f"{where}: must be a non-empty list of claim kinds among {', '.join(names)}, got {value!r}")
    return tuple(value)


def _flag(where: str, value) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: must be true or false, got {value!r}")
    return value


def _size(where: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: must be a positive number of bytes, got {value!r}")
    return value


def _severity(where: str, value) -> dict[str, str]:
    """Rule id = severity; a key with a wildcard (`consistent-*`, `*-role`) sets every rule it matches, and a rule
    named outright wins over any wildcard, wherever it stands in the table."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: must be a table of rule id = severity, got {value!r}")
    expanded: dict[str, str] = {}
    for pattern, level in sorted(value.items(), key=lambda item: not _is_wildcard(item[0])):
        rules = fnmatch.filter(RULES, pattern) if _is_wildcard(pattern) else [pattern] if pattern in RULES else []
        if not rules:
            raise ConfigError(f"{where}: unknown rule '{pattern}' (rules are VERDICT-KIND, e.g. conflicting-quantity; "
                              "a wildcard such as consistent-* must match one)")
        if level not in (*SEVERITIES, OFF):
            raise ConfigError(f"{where}: rule '{pattern}' must be one of {', '.join((*SEVERITIES, OFF))}, got {level!r}")
        expanded.update(dict.fromkeys(rules, level))
    return expanded


def _is_wildcard(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def _overrides(where: str, value) -> tuple[Override, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{where}: must be an array of tables with 'paths' and 'severity'")
    result = []
    for number, table in enumerate(value, 1):
        unknown = set(table) - {"paths", "severity"}
        if unknown or "paths" not in table:
            raise ConfigError(f"{where} #{number}: needs 'paths' and may have 'severity' only")
        result.append(Override(_globs(f"{where} #{number} paths", table["paths"]),
                               _severity(f"{where} #{number} severity", table.get("severity", {}))))
    return tuple(result)


_KEYS = {"db": _text, "fail_on": _choice(FAIL_ON), "format": _choice(FORMATS), "ignore": _globs, "as_of": _as_of,
         "kinds": _kinds, "show_consistent": _flag, "max_file_size": _size, "severity": _severity, "overrides": _overrides}
