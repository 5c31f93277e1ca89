"""What linking reads off the text: patterns, word lists and small helpers over spans and mentions."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

from claims_db.query import Mention

from ..context import Context
from ..extract.lexicon import CURRENCIES, PEOPLE_WORDS, UNIT_SIZES, alternation, measure
from ..extract.registry import KINDS
from ..records import Claim
from ..wordscan import Either, word_pattern
from .records import Candidate, Evidence

JUDGED_AS = {kind.name: kind.judged_as for kind in KINDS}

JUDGED = {kind.name for kind in KINDS if kind.judge}

# The judged kinds whose claims may state what a claim of each kind states: rivals for the sentence's cues.
RIVALS = {kind: frozenset(k for k in JUDGED if set(JUDGED_AS[k]) & set(JUDGED_AS[kind])) for kind in JUDGED_AS}

# Date predicates a date claim falls back on when no cue names one (a weak link).
EVENT_DATES = ("occurred_on", "launched_on", "established")

# A duration names its start: "a month after X", "since X", "three decades of X" (X's start).
MEASURED_FROM = re.compile(r"\s+(?:(?P<after>after|before|since|from)|of)\s+(?P<the>the\s+)?", re.IGNORECASE)

# Durations judged through a cue measure from a start date to the as-of date ("33-year history").
DURATION_PREDICATES = ("established",)

# An age runs from a birth or a founding to the as-of date: "the 32-year-old captain", "aged 41", "41 years old".
AGE_PREDICATES = ("born_on", "established")

AGE_AFTER = re.compile(r"(?:-old\b|\s+old\b)", re.IGNORECASE)

AGE_BEFORE = re.compile(r"\baged\s+$", re.IGNORECASE)

class EarlierMentions:
    """The document's mentions (in order of their ends) looked up by a word of their text, so "the quake" finds the
    latest earlier "earthquake" by bisection: linking a long draft never reads every earlier mention again."""

    def __init__(self, context: Context):
        text, self.mentions, self.ends = context.document.text, context.mentions, context.ends
        self._by_text: dict[str, list[int]] = {}  # lowered text -> indices, in order
        for i, m in enumerate(self.mentions):
            self._by_text.setdefault(text[m.start:m.end].lower(), []).append(i)
        self._containing: dict[str, list[int]] = {}
        # last word, singular -> entity id -> indices of that entity's mentions (not offices) ending with it, in order
        self._last_word: dict[str, dict[int, list[int]]] = {}
        last = {lowered: lowered.split()[-1].rstrip("s") for lowered in self._by_text if lowered.split()}
        for i, m in enumerate(self.mentions):
            word = last.get(text[m.start:m.end].lower())
            if word is not None and m.kind != "office":
                self._last_word.setdefault(word, {}).setdefault(m.entity_id, []).append(i)

    @classmethod
    def of(cls, context: Context) -> EarlierMentions:
        """The index of the context's document, built once for its mentions."""
        cache = context.document.__dict__.setdefault("_earlier_mentions", {})
        if id(context.mentions) not in cache:
            cache.clear()
            cache[id(context.mentions)] = cls(context)
        return cache[id(context.mentions)]

    def latest_containing(self, word: str, position: int) -> Mention | None:
        """The last mention ending by `position` whose text holds `word` ("quake" in "Marrakesh earthquake")."""
        if word not in self._containing:
            self._containing[word] = sorted(i for lowered, indices in self._by_text.items() if word in lowered
                                            for i in indices)
        indices = self._containing[word]
        k = bisect_left(indices, bisect_right(self.ends, position))
        return self.mentions[indices[k - 1]] if k else None

    def ending_with(self, word: str, position: int, most: int) -> list[Mention]:
        """Up to `most` entities named by a mention ending by `position` whose last word is `word`, latest first:
        a bisection per entity that has such a name, whatever the draft's length."""
        before = bisect_right(self.ends, position)
        latest = []
        for indices in self._last_word.get(word, {}).values():
            k = bisect_left(indices, before)
            if k:
                latest.append(indices[k - 1])
        return [self.mentions[i] for i in sorted(latest, reverse=True)[:most]]


_APPOSED = re.compile(r"\s*,?\s*(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)

def _beside(claim: Claim, context: Context) -> Mention | None:
    """The person or body named right after an age ("the 73-year-old Rajnath Singh"), or right before it
    ("Siya Kolisi, the 32-year-old"); a title or a word or two may come between after it."""
    text = context.document.text
    for m in context.sentence.mentions:
        if m.kind in ("person", "organisation", "other") and (
                (m.start >= claim.end and m.start - claim.end <= 30 and "," not in text[claim.end:m.start])
                or (m.end <= claim.start and _APPOSED.fullmatch(text, m.end, claim.start))):
            return m
    return None

def is_age(claim: Claim, text: str) -> bool:
    """Whether a duration is an age ("the 32-year-old", "41 years old", "aged 41")."""
    return (claim.text.lower().endswith("old") or AGE_AFTER.match(text, claim.end) is not None
            or AGE_BEFORE.search(text, max(0, claim.start - 8), claim.start) is not None)

# ... unless the duration says it is time elapsed ("14 years after construction began", "40 days after
# lift-off"): then any date a cue names. A length ("a two-day visit") is never measured to the as-of date.
ELAPSED = re.compile(r"\s+(?:after|before|since|ago|later|earlier)\b", re.IGNORECASE)

# Kinds whose figure carries its unit: they link only to predicates that count no things, or count that unit.
MEASURED_IN_UNITS = ("money", "percent")

UNIT_WORDS = {"%", "percent", "per cent", "percentage points", *CURRENCIES, *(c.lower() for c in CURRENCIES.values())}

# What sort of unit each numeric claim kind is in; a predicate fits a claim when its facts have a unit of that sort.
UNIT_SORTED = {"percent": "percent", "money": "currency", "quantity": "other", "ordinal": "other"}

CURRENCY_CODES = frozenset(CURRENCIES.values())

def _unit_sort(unit: str) -> str:
    if unit.lower() in ("%", "percent", "pp", "percentage points"):
        return "percent"
    return "currency" if unit.upper() in CURRENCY_CODES else "other"

BYSTANDERS = ("person", "office", "place")

TOPIC = 10_000   # an entity named only in an earlier sentence is farther than any named in the claim's own

ATTACHMENT = re.compile(r"\s*(?:,|of|on|in|at|'s)?\s*", re.IGNORECASE)

# The head words of an event's name ("the attack", "a crash at Muan"); as a trie, bounded by \b on both sides (so a
# word's match does not depend on the order of the alternatives).
EVENT_HEAD_WORDS = ("attack", "attacks", "operation", "meeting", "summit", "strike", "strikes", "blast",
                    "explosion", "bombing", "bombings", "visit", "relations", "ties", "agreement", "treaty",
                    "incident", "crash", "earthquake", "war", "disaster", "accident", "sinking", "collision",
                    "stampede", "flood", "floods", "fire", "storm", "cyclone", "election", "conflict", "quake",
                    "tsunami", "hurricane", "typhoon", "shooting", "tournament", "mission", "launch", "landing",
                    "final", "referendum", "invasion", "coup")
EVENT_HEADS = alternation(EVENT_HEAD_WORDS)

DEFINITE = word_pattern(("the",), after=rf"\s+(?:\w+\s+){{0,2}}?(?P<head>{EVENT_HEADS})\b")

# "the earthquake that hit the Philippines", "a crash at Muan": an event's head word in the sentence of a place.
EVENT_HEAD = word_pattern(EVENT_HEAD_WORDS, after=r"\b", group="head")

HEAD_SYNONYMS = {"quake": "earthquake", "earthquake": "quake", "blast": "explosion", "explosion": "blast"}

PLACES = ("place", "country")

DESCRIBED_WITHIN_DAYS = 30  # a described event with no date in its sentence is news only this long after it

# "the bridge", "the council", "the canal": a common noun that ends an earlier name stands for it.
# Begins with a class, so a scan skips to a "t" ("\b[Tt]he" would be tried at every position): [Tt] not after a word
# character is [Tt] after \b.
NAMED_HEAD = re.compile(r"[Tt](?<!\w.)he\s+(?P<head>[a-z]{3,})\b")

# "the May 29 election": a date written onto an event that may have no name in the store.
DATED_EVENT = re.compile(rf"\s+(?:\w+\s+)?(?P<head>{EVENT_HEADS})\b", re.IGNORECASE)

# Marks (never letters) and words: scanned apart, they cannot overlap.
CLAUSE_BREAK = Either((re.compile(r"[;:](?=\s)|\s[—–]\s"), word_pattern(("while", "but", "whereas"), after=r"\b")))

POSSESSIVE = re.compile(r"['’]s?\s+")

# Entities do not reach across these: "..., while X killed 40", "59.8% against 27.5% for X", "lower than X's 5.1%".
# A comparison with a period ("compared with Q4 2023", "against a year earlier") compares times, not entities.
_PERIOD_AFTER = (r"(?!\s+(?:Q[1-4]|H[12]|FY|fiscal|(?:the\s+)?(?:previous|preceding|prior|same|last|year|quarter)|"
                 r"a\s+(?:year|quarter|month|week)|(?:19|20)\d\d)\b)")

CONTRAST = re.compile(rf";|\b(?:while|whereas|but|(?:against|versus|vs\.?|compared (?:with|to)){_PERIOD_AFTER}|"
                      r"(?:lower|higher|smaller|larger|bigger|up|down) (?:than|from))\b",  # not "more than": a hedge
                      re.IGNORECASE)

def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0

def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]

def unambiguous(mentions: Sequence[Mention]) -> list[Mention]:
    """Drop names shared by several entities ("Defence Minister"): they say nothing about which one."""
    spans: dict[tuple[int, int], int] = {}
    for m in mentions:
        spans[(m.start, m.end)] = spans.get((m.start, m.end), 0) + 1
    return [m for m in mentions if spans[(m.start, m.end)] == 1]

def subjects(mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions that may be a claim's subject. A name several entities share ("China": the country, its
    Olympic team) stays, and their facts decide (equal rivals never make a conflict); a bare title shared
    by many offices ("Defence Minister") does not."""
    shared = set(unambiguous(mentions))
    return [m for m in mentions if m in shared or m.kind != "office"]

def _nearer_subject(entities: dict, candidates: list[Candidate]) -> str | None:
    """An entity of the best candidate's kind, named nearer the claim, with no fact here ("South Africa won
    their fourth title, edging New Zealand": no title count for South Africa is no reason to use New Zealand's)."""
    kinds = {m.name: m.kind for m, _ in entities.values()}
    rival, distance = min(entities.values(), key=lambda md: (md[1], md[0].name))
    best = candidates[0]
    if distance < best.entity_distance and rival.kind == kinds[best.subject] and rival.name not in {c.subject for c in candidates}:
        return rival.name
    return None

def _names(entities: dict) -> str:
    names = sorted({m.name for m, _ in entities.values()})
    return ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")

def _guess(entities: dict, cue_distance: dict[str, tuple[Evidence, int]]) -> tuple[str | None, str | None]:
    """The nearest entity and the predicate with the nearest cue: what a curator would fill in."""
    subject = min(entities.values(), key=lambda md: (md[1], md[0].name))[0].name if entities else None
    predicate = min(cue_distance, key=lambda p: (cue_distance[p], p)) if cue_distance else None
    return subject, predicate

@lru_cache(maxsize=8192)  # pure, and asked again for every candidate predicate of every claim
def _noun_matched(noun: str, nouns: tuple[str, ...]) -> str | None:
    """The longest of a predicate's nouns that the counted noun phrase ends with (plural-blind); for a unit of
    measure, any of its nouns that measures the same dimension ("miles" for a length counted in km)."""
    words = noun.lower().replace("-", " ").split()
    for candidate in sorted(nouns, key=lambda n: (-len(n.split()), n)):
        tail = candidate.lower().split()
        if len(tail) <= len(words) and [w.rstrip("s") for w in words[-len(tail):]] == [t.rstrip("s") for t in tail]:
            return candidate
    dimension = UNIT_SIZES.get(measure(noun.split()[0]) or "", (None,))[0] if len(words) == 1 else None
    if dimension:
        return next((n for n in sorted(nouns) if UNIT_SIZES.get(measure(n) or "", (None,))[0] == dimension), None)
    # "2,000 troops", "85 women": people a predicate's list does not name are still its people.
    if words[-1] in PEOPLE_WORDS or words[-1].rstrip("s") in PEOPLE_WORDS:
        return next((n for n in sorted(nouns) if n.lower() in ("people", "persons")), None)
    return None

def _noun_matches(noun: str, nouns: tuple[str, ...]) -> bool:
    return _noun_matched(noun, nouns) is not None

# A duration that names a span of something: "a 53-day mission", "the 20-year war", "286 days in space".
SPAN_NOUNS = {"mission", "journey", "voyage", "flight", "trip", "visit", "stay", "war", "conflict", "construction",
              "siege", "strike", "drought", "reign", "tenure", "presidency", "occupation", "lockdown", "standoff",
              "expedition", "tour", "campaign", "odyssey", "ordeal"}

SPAN_AFTER = re.compile(r"\s+(?:in\s+(?:space|orbit)|aboard|of\s+(?:construction|work|war|fighting))\b", re.IGNORECASE)

def _spans(claim: Claim, context: Context) -> bool:
    """Whether a duration measures a span of something rather than time since it."""
    noun = (claim.noun or "").lower().rstrip("s")
    return noun in SPAN_NOUNS or SPAN_AFTER.match(context.document.text, claim.end) is not None

_BRACKET = re.compile(r"\s*[(\[]\s*")

# "fell to 4.93% from 5.2%", "5.4% in Q4 from 4.6%", "$26bn, up from $22bn": a change's start after its end.
_CHANGED_FROM = re.compile(r"(?:\s+(?:in|on|at|for|during|by)\s[^,;:()]{0,40}?)?(?:,?\s+(?:up|down))?\s+from\s+",
                           re.IGNORECASE)


def changed_from(claim: Claim, context: Context) -> Claim | None:
    """For B of "to A from B": the claim A, a figure of B's kind (a count in B's unit) just before it."""
    before = context.sentence.previous(claim)
    if before is None or (claim.kind not in MEASURED_IN_UNITS and before.unit != claim.unit):
        return None
    if claim.start - before.end > 60:
        return None
    return before if _CHANGED_FROM.fullmatch(context.document.text, before.end, claim.start) else None

def _restates(claim: Claim, context: Context) -> Claim | None:
    """The figure a bracketed figure restates in another unit ("2.023km (1.257 miles)", "€2.5bn ($2.8bn)")."""
    before = context.sentence.previous(claim)
    if before is not None and _BRACKET.fullmatch(context.document.text, before.end, claim.start):
        return before
    return None

RELATIVE = re.compile(r",\s+(?:which|who|whose|whom)\b", re.IGNORECASE)
