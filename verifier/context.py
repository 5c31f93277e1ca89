"""What a claim's sentence says around it: the other claims, the entities named, the dates, the markers.

Built once per sentence (so linking a long draft stays linear) and handed to
the linker and the judges, which never re-read the raw text for it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from claims_db.query import Mention

from .document import Document
from .extract.lexicon import (EARLIER_WORDS, FORECAST, PART_MARKERS, PAST_MARKERS, PRESENT_MARKERS, RECORD_NOUNS,
                              REPORTED, START_CUES, alternation)
from .records import Claim
from .wordscan import Scanner, word_pattern

_PAST = re.compile(rf"\b(?:{alternation(PAST_MARKERS)})\b")
_REPORTED = re.compile(rf"\b(?:{alternation(REPORTED)})\b")
_FORECAST = re.compile(rf"\b(?:{alternation(FORECAST)})\b")
OPENING = 12  # a date this close to the sentence's start ("In 2019, ...") sets the time of the whole sentence
_CLAUSE = re.compile(r"[,;:](?=\s)|\s[—–]\s")  # not the comma or point inside "1,175" or "3.5"
_PART = word_pattern(PART_MARKERS, after=r"\b")
_CLAUSE_END = re.compile(r"[,;.]")
_PRESENT = word_pattern(PRESENT_MARKERS, after=r"\b")
_START = word_pattern(START_CUES, after=r"\b")
# "the previous record of", "its former peak,": an earlier figure's words right before the claim.
_EARLIER = re.compile(rf"\b(?:{alternation(EARLIER_WORDS)})\s+(?:[\w-]+\s+){{0,2}}?(?:{alternation(RECORD_NOUNS)})"
                      rf"\s*(?:of|at|was|stood at|,)?\s*(?:about|some|around|nearly|almost|over|more than)?\s*$",
                      re.IGNORECASE)
EARLIER_REACH = 60
# "up 18% from 2023", "compared with a year earlier", "on the previous year": the base a change is measured from.
_BASELINE = re.compile(r"\b(?:compared\s+(?:with|to)|from|than|versus|vs\.?|against|on)\s+(?:the\s+|a\s+)?$",
                       re.IGNORECASE)
_RANGE_ON = re.compile(r"\s*(?:-|–|to|through|until|till)\s", re.IGNORECASE)  # how far before a figure its earlier figure's words may start
START_REACH = 60  # how far before a date a start cue may stand ("joined the SCO as a full member in 2017")


@dataclass(frozen=True)
class Sentence:
    """A sentence's claims and mentions, and where its markers sit, found once however many claims it has."""

    span: tuple[int, int]
    claims: tuple[Claim, ...]
    mentions: tuple[Mention, ...]
    text: str = field(repr=False, default="")  # the whole document's text

    def positions(self, pattern: Scanner) -> list[int]:
        """Start offsets of a pattern's matches in this sentence, cached per pattern."""
        cache = self.__dict__.setdefault("_positions", {})
        if pattern not in cache:
            cache[pattern] = [m.start() for m in pattern.finditer(self.text, *self.span)]
        return cache[pattern]

    def between(self, pattern: Scanner, lo: int, hi: int) -> bool:
        """Whether a match of the pattern starts in [lo, hi)."""
        found = self.positions(pattern)
        i = bisect_left(found, lo)
        return i < len(found) and found[i] < hi

    def previous(self, claim: Claim) -> Claim | None:
        """The last claim of the claim's kind that ends before it starts: an index look-up, not a scan."""
        index = self.__dict__.setdefault("_by_kind", {})
        if claim.kind not in index:
            ordered = sorted((c for c in self.claims if c.kind == claim.kind), key=lambda c: (c.end, c.start))
            index[claim.kind] = ([c.end for c in ordered], ordered)
        ends, ordered = index[claim.kind]
        i = bisect_right(ends, claim.start)
        return ordered[i - 1] if i else None

    def last_before(self, pattern: Scanner, offset: int) -> int | None:
        found = self.positions(pattern)
        i = bisect_left(found, offset)
        return found[i - 1] if i else None


@dataclass(frozen=True)
class Context:
    """A claim in its sentence, within its document."""

    document: Document
    sentence: Sentence
    mentions: tuple[Mention, ...]  # every mention of the document, for "the attack" looking back
    ends: tuple[int, ...] = ()     # the mentions' ends, in order, to find those before a point

    @property
    def as_of(self) -> dt.date:
        return self.document.as_of.date

    def text(self, start: int, end: int) -> str:
        return self.document.text[start:end]

    def periods(self, claim: Claim) -> list[tuple[dt.date, dt.date]]:
        """The days each other date claim of the sentence covers ("in 2017": the whole year)."""
        return [date_range(c) for c in self.sentence.claims if c.kind == "date" and c is not claim]

    def times(self, claim: Claim) -> list[tuple[dt.date, dt.date]]:
        """The periods of the dates that set a figure's time: in its clause, or opening the sentence; not a
        date in another clause ("won 159 seats, losing the majority it had held since 1994"), nor the base
        a change is measured from ("up 26.9 percent on the previous year")."""
        start, end = self.clause(claim)
        return [date_range(c) for c in self.sentence.claims if c.kind == "date" and c is not claim
                and (start <= c.start < end or c.start - self.sentence.span[0] <= OPENING)
                and not self.baseline(c)]

    def baseline(self, date: Claim) -> bool:
        """Whether a year or month is the base of a comparison ("from 2023", "on the previous year"), not a time."""
        if date.precision not in ("year", "month"):
            return False
        text = self.document.text
        lead = _BASELINE.search(text, max(self.sentence.span[0], date.anchor - 24), date.anchor)
        return lead is not None and not _RANGE_ON.match(text, date.end)

    def baselines(self, claim: Claim) -> bool:
        """Whether the claim's clause measures a change from a base date."""
        start, end = self.clause(claim)
        return any(c.kind == "date" and start <= c.start < end and self.baseline(c) for c in self.sentence.claims)

    def clause(self, claim: Claim) -> tuple[int, int]:
        """The [start, end) of the claim's clause: between the punctuation breaks around it."""
        breaks = self.sentence.positions(_CLAUSE)
        before, after = bisect_left(breaks, claim.start), bisect_left(breaks, claim.end)
        return (breaks[before - 1] if before else self.sentence.span[0],
                breaks[after] if after < len(breaks) else self.sentence.span[1])

    def past(self) -> bool:
        """Whether the sentence speaks of an earlier time ("had", "up from", "until")."""
        return bool(self.sentence.positions(_PAST))

    def attributed(self, claim: Claim) -> bool:
        """Whether the sentence reports someone's claim or an early figure, or the claim's clause a forecast."""
        if self.sentence.positions(_REPORTED):
            return True
        return self.sentence.between(_FORECAST, *self.clause(claim))

    def present(self, claim: Claim) -> bool:
        """Whether the figure's clause puts it in the present ("..., now counts 10 member states")."""
        stop = self.sentence.last_before(_CLAUSE_END, claim.start)
        start = self.sentence.span[0] if stop is None else stop
        return self.sentence.between(_PRESENT, start, claim.start)

    def tells_a_start(self) -> bool:
        """Whether the sentence tells of something beginning ("took office", "was sworn in", "joined")."""
        return bool(self.sentence.positions(_START))

    def starts_period(self, claim: Claim) -> bool:
        """Whether the date is when something began ("joined in 2017", "took office in May 2024")."""
        cue = self.sentence.last_before(_START, claim.start)
        if cue is None or claim.start - cue > START_REACH:
            return False
        stop = self.sentence.last_before(_CLAUSE_END, claim.start)
        return stop is None or stop < cue

    def earlier_figure(self, claim: Claim) -> bool:
        """Whether the figure is named as an earlier one ("the previous record of 171"): maybe another's."""
        start = max(self.sentence.span[0], claim.start - EARLIER_REACH)
        return _EARLIER.search(self.document.text, start, claim.start) is not None

    def part_between(self, lo: int, hi: int) -> bool:
        """Whether a part-of-total marker ("among them", "including") stands in [lo, hi)."""
        return self.sentence.between(_PART, lo, hi)

    def part_of_total(self, claim: Claim) -> bool:
        """Whether the claim counts a part ("including four in Pakistan"): a marker in its clause, before it."""
        marker = self.sentence.last_before(_PART, claim.start)
        if marker is None:
            return False
        stop = self.sentence.last_before(_CLAUSE_END, claim.start)
        return stop is None or stop < marker


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
    return {document.sentences[i]: Sentence(document.sentences[i], tuple(c), tuple(m), document.text)
            for i, (c, m) in grouped.items()}
