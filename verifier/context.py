"""What a claim's sentence says around it: the other claims, the entities named, the dates, the markers.

Built once per sentence (so linking a long draft stays linear) and handed to
the linker and the judges, which never re-read the raw text for it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from claims_db.query import Mention

from .document import Document
from .extract.lexicon import ATTRIBUTED, PART_MARKERS, PAST_MARKERS, alternation
from .records import Claim

_PAST = re.compile(rf"\b(?:{alternation(PAST_MARKERS)})\b")
_ATTRIBUTED = re.compile(rf"\b(?:{alternation(ATTRIBUTED)})\b")
_PART_BEFORE = re.compile(rf"\b(?:{alternation(PART_MARKERS)})\b[^,;.]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    span: tuple[int, int]
    claims: tuple[Claim, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Context:
    """A claim in its sentence, within its document."""

    document: Document
    sentence: Sentence
    mentions: tuple[Mention, ...]  # every mention of the document, for "the attack" looking back

    @property
    def as_of(self) -> dt.date:
        return self.document.as_of.date

    def text(self, start: int, end: int) -> str:
        return self.document.text[start:end]

    def periods(self, claim: Claim) -> list[tuple[dt.date, dt.date]]:
        """The days each other date claim of the sentence covers ("in 2017": the whole year)."""
        return [date_range(c) for c in self.sentence.claims if c.kind == "date" and c is not claim]

    def past(self) -> bool:
        """Whether the sentence speaks of an earlier time ("had", "up from", "until")."""
        return bool(_PAST.search(self.document.text, *self.sentence.span))

    def attributed(self) -> bool:
        """Whether the sentence reports someone's claim, an early figure or a forecast."""
        return bool(_ATTRIBUTED.search(self.document.text, *self.sentence.span))

    def part_of_total(self, claim: Claim) -> bool:
        """Whether the claim counts a part ("including four in Pakistan")."""
        return bool(_PART_BEFORE.search(self.document.text, self.sentence.span[0], claim.start))


def date_range(claim: Claim) -> tuple[dt.date, dt.date]:
    """First and last day a date claim speaks of."""
    if claim.precision == "year":
        year = int(claim.value)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if claim.precision == "month":
        year, month = map(int, claim.value.split("-"))
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return dt.date(year, month, 1), following - dt.timedelta(days=1)
    day = dt.date.fromisoformat(claim.value)
    return day, day


def sentences(document: Document, claims: Sequence[Claim], mentions: Sequence[Mention]) -> dict[tuple[int, int], Sentence]:
    """Claims and mentions grouped by sentence, in one pass over each."""
    starts = [s for s, _ in document.sentences]
    grouped: dict[int, tuple[list, list]] = {}
    for claim in claims:
        grouped.setdefault(max(bisect_right(starts, claim.anchor) - 1, 0), ([], []))[0].append(claim)
    for mention in mentions:
        index = bisect_right(starts, mention.start) - 1
        if index in grouped and mention.end <= document.sentences[index][1]:
            grouped[index][1].append(mention)
    return {document.sentences[i]: Sentence(document.sentences[i], tuple(c), tuple(m)) for i, (c, m) in grouped.items()}
