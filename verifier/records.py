"""Immutable records passed between the stages: extract -> link -> judge -> report."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import MISSING, dataclass, field, fields
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claims_db.query import FactRow


class Verdict(str, Enum):
    CONSISTENT = "consistent"
    CONFLICTING = "conflicting"
    UNVERIFIED = "unverified"


def filled_at_once(cls: type) -> type:
    """Give a frozen dataclass an `__init__` that fills the new record's dict in one step.

    The generated one sets each field with `object.__setattr__` (a frozen class refuses plain assignment), a call
    per field: extraction makes a Claim per figure, and those calls were a fifteenth of its time. The parameters and
    defaults are the fields'; equality, hashing, `repr` and `dataclasses.replace` are the dataclass's own.
    """
    declared = fields(cls)
    if any(not f.init or f.kw_only or f.default_factory is not MISSING for f in declared) \
            or hasattr(cls, "__post_init__") or "__slots__" in vars(cls):
        raise TypeError(f"{cls.__name__}: only plain fields can be filled at once")
    defaults = {f"_default_{f.name}": f.default for f in declared if f.default is not MISSING}
    parameters = ", ".join(f.name if f.default is MISSING else f"{f.name}=_default_{f.name}" for f in declared)
    items = ", ".join(f"{f.name!r}: {f.name}" for f in declared)
    namespace = dict(defaults)
    exec(f"def __init__(self, {parameters}):\n    self.__dict__.update({{{items}}})", namespace)  # as dataclasses does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


@filled_at_once
@dataclass(frozen=True)
class Claim:
    """A factual claim at [start, end) of the draft.

    `value` is normalised by kind: a number (quantity, money, percent, duration,
    ordinal), an ISO date or year string (date), a person's name (role).
    `anchor` is where the figure itself sits, for measuring distance to cues.
    """

    kind: str
    start: int
    end: int
    text: str
    value: float | str
    unit: str | None = None
    hedge: str | None = None
    value_high: float | None = None
    anchor: int = 0
    figure_end: int = 0  # [anchor, figure_end) is the figure (or name) a suggestion replaces
    precision: str | None = None  # dates: day, month, year, weekday; numbers: digits, rounded
    noun: str | None = None       # the counted noun ("civilians")
    details: tuple[tuple[str, object], ...] = ()

    def detail(self, key: str, default=None):
        return dict(self.details).get(key, default)


@dataclass(frozen=True)
class Judgement:
    claim: Claim
    verdict: Verdict
    reason: str
    fact: FactRow | None = None
    suggestion: str | None = None
    subject: str | None = None
    predicate: str | None = None
    decided_by: str = ""  # the id of the rule that decided the verdict (verifier.rulebook)
    trace: tuple[str, ...] = ()  # the ids of the rules that shaped it, in the order they acted
    detail: str | None = None  # how the linker chose among facts: for --explain, not for the editor's reason

    @property
    def plain_predicate(self) -> str | None:
        """The predicate as reasons name it: its label in the store, else its name in words."""
        if self.fact is not None:
            return self.fact.plain_predicate
        return self.predicate.replace("_", " ") if self.predicate else None


@dataclass(frozen=True)
class AsOf:
    date: dt.date
    source: str


@dataclass(frozen=True)
class FileReport:
    path: str
    as_of: AsOf
    judgements: tuple[Judgement, ...]
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)
    sentences: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    cuts: tuple[int, ...] = ()  # where an overlong sentence was cut into parts to check

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The [start, end) of the sentence holding `offset` (the whole text when unknown)."""
        index = bisect_right(self.sentences, (offset, float("inf"))) - 1
        return self.sentences[max(index, 0)] if self.sentences else (0, 0)
