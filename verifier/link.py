"""Link each claim to the facts it speaks of, through claims_db.query only.

A claim is about an entity named in its sentence (or, for "the attack", the
nearest earlier mention) and a predicate whose cue phrase or counted noun sits
near the figure. Facts come from index look-ups for those entities and
predicates. Every (subject, predicate) group found becomes a candidate, ranked
by how closely the text points at it; the judge weighs them all, so a fact the
sentence names but the figure is not about can never alone make a conflict.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import IntEnum

from claims_db.query import FactRow, Mention, PredicateInfo, Reader

from .context import Context, date_range
from .extract.lexicon import CURRENCIES, PEOPLE_WORDS, UNIT_SIZES, alternation, measure
from .extract.registry import KINDS
from .records import Claim
from .rulebook import Example, Rule, declare

JUDGED_AS = {kind.name: kind.judged_as for kind in KINDS}
JUDGED = {kind.name for kind in KINDS if kind.judge}
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


def _by_last_word(context: Context) -> dict[str, list[Mention]]:
    """The document's mentions (not offices) by the last word of their text, singular, in text order: built once."""
    cache = context.document.__dict__.setdefault("_mentions_by_last_word", {})
    if id(context.mentions) not in cache:
        index: dict[str, list[Mention]] = {}
        text = context.document.text
        for m in context.mentions:
            words = text[m.start:m.end].lower().split()
            if m.kind != "office" and words:
                index.setdefault(words[-1].rstrip("s"), []).append(m)
        cache.clear()
        cache[id(context.mentions)] = index
    return cache[id(context.mentions)]


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
FERRY = "2025-01-10"

# --- the rules of linking, each with its examples on the tests' fictional world --------------------------------
NO_ENTITY = Rule(
    "link.none.no-entity", "No entity of the store is named in the sentence, nor one topic before it.",
    fires=(Example("A storm killed 41 people in a distant province.", "41 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))
NO_PREDICATE = Rule(
    "link.none.no-predicate", "No cue phrase or counted noun of the sentence says what the figure measures.",
    fires=(Example("The Aldmere ferry disaster was reported by 12 journalists.", "12 journalists", FERRY),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))
NO_FACT = Rule(
    "link.none.no-fact", "The store has no fact of the entities named under the predicates the text points at.",
    fires=(Example("Kestria grew 8.1 per cent.", "8.1 per cent"),),
    quiet=(Example("The Valdorian economy grew 6.5 per cent.", "6.5 per cent"),))
PART_OF_TOTAL = Rule(
    "link.none.part-of-total", "A part of a total ('including four in ...') is not checked against the total.",
    fires=(Example("The Aldmere ferry disaster killed 41 people, including 12 children.", "12 children", FERRY),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))
VALUE_NOT_NAMED = Rule(
    "link.none.value-not-named", "The facts found relate the entity to another entity this sentence does not name.",
    fires=(Example("Kestria joined in 2023.", "2023"),),
    quiet=(Example("Kestria joined the NTC in 2023.", "2023"),))
DATED_OTHER_EVENT = Rule(
    "link.none.dated-other-event", "A date written onto an event the store does not name ('the May 29 election') is that event's.",
    fires=(Example("Voters went to the polls in the May 29 election and in the Valdorian general election.", "May 29"),),
    quiet=(Example("Voters went to the polls in the June 2 Valdorian general election.", "June 2"),))
END_EVENT = Rule(
    "link.time.end-event", "'Y came N after X': the duration runs from X's date to the date of Y, the event its clause "
                           "reports, when the store dates Y.",
    fires=(Example("The Harbour Summit came a year after Operation Grey Heron.", "a year", "2025-07-01"),
           Example("The Selwick bridge collapse happened three months after the Brenholt mine collapse.", "three months"),
           Example("Operation Grey Heron began two months after the Aldmere ferry disaster.", "two months")),
    quiet=(Example("The summit comes just over a month after Operation Grey Heron.", "just over a month", "2024-06-20"),))
NAMED = Rule(
    "link.subject.named", "The entity is named in the claim's sentence, not across a contrast ('while', 'against').",
    fires=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster shocked the port. Rescuers said 41 people were killed.", "41 people", FERRY),))
ANTECEDENT = Rule(
    "link.subject.antecedent", "'the disaster', 'the canal' stand for the nearest earlier mention whose name has that "
                               "head word.",
    fires=(Example("The Aldmere ferry disaster shocked the port. Officials said the disaster killed 41 people.",
                   "41 people", FERRY),
           Example("The Orrin Canal opened to ships. Engineers said the canal is 57 km long.", "57 km"),
           Example("The Northern Trade Council met in May. By then the council had 12 members.", "12 members")),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))
DESCRIBED = Rule(
    "link.subject.described-event", "An event described by its head word and a place the sentence names ('the "
                                    "ferry disaster off Aldmere') is the store's event of that name, when the "
                                    "sentence's date is its date or it happened within a month of the as-of date.",
    fires=(Example("A ferry disaster off Aldmere killed 41 people on March 1.", "41 people", "2024-03-20"),
           Example("Rescuers said the disaster at Aldmere had killed 41 people.", "41 people", "2024-03-20"),
           Example("In 2024 a disaster in Aldmere killed 41 people.", "41 people", "2025-06-26")),
    quiet=(Example("A disaster in Aldmere killed 41 people.", "41 people", "2025-06-26"),
           Example("A disaster in Aldmere killed 41 people in 2019.", "41 people", "2025-06-26")))
TOPIC_RULE = Rule(
    "link.subject.topic", "A sentence naming nothing with such facts is about the one earlier entity that has them.",
    fires=(Example("The Aldmere ferry disaster shocked the port. Rescuers said 41 people were killed.", "41 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster and the Brenholt mine collapse shocked the region. Rescuers said 41 "
                   "people were killed.", "41 people", FERRY),))
STORY_TOPIC = Rule(
    "link.subject.story-topic", "A sentence that names nothing with such facts, with nothing earlier that has them, is "
                                "about the one entity a later sentence names that has them (a lede names its subject "
                                "afterwards).",
    fires=(Example("Rescuers said 41 people were killed. The Aldmere ferry disaster shocked the port.", "41 people", FERRY),
           Example("A ferry sank with 41 dead, officials said. The Aldmere ferry disaster was the worst in years.",
                   "41 dead", FERRY),
           Example("Some 41 people were killed overnight. Divers reached the Aldmere ferry sinking at dawn.",
                   "41 people", FERRY)),
    quiet=(Example("Rescuers said 41 people were killed. The Aldmere ferry disaster and the Brenholt mine collapse "
                   "shocked the region.", "41 people", FERRY),
           Example("The Aldmere ferry disaster shocked the port. Rescuers said 41 people were killed.", "41 people",
                   FERRY)))
AGE = Rule(
    "link.time.age", "An age ('the 41-year-old', '41 years old', 'aged 41') runs from its subject's birth (a person) "
                     "or founding (a body) to the as-of date; a nearest person or body named beside it is the subject.",
    fires=(Example("Oren Talvik, the 51-year-old minister, visited the port.", "51-year-old"),
           Example("The 51-year-old Oren Talvik visited the port.", "51-year-old"),
           Example("Oren Talvik, 51 years old, visited the port.", "51 years old")),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))
SPAN = Rule(
    "link.time.span", "A duration that names a span ('a 53-day mission', 'the 20-year war', '286 days in space') runs "
                      "between the first and last dates the store has for its one subject with exactly two; weakly, "
                      "since the store may lack one of the span's dates.",
    fires=(Example("The Orrin Canal's 14-year construction ended in May.", "14-year"),
           Example("The Lunar Heron mission's 40-day flight ended in April.", "40-day"),
           Example("Lunar Heron spent 40 days in space.", "40 days")),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))
MEASURED_FROM_RULE = Rule(
    "link.time.measured-from", "'a month after X', 'since X', 'three decades of X': the duration starts at X's date.",
    fires=(Example("The summit comes just over a month after Operation Grey Heron.", "just over a month", "2024-06-20"),),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))
BASELINE = Rule(
    "link.time.baseline-is-no-time", "A year a change is measured from ('up 18% from 2024', 'on the previous year', "
                                     "'compared with 2024') is the comparison's base, not the figure's time.",
    fires=(Example("The Valdorian economy grew 6.5 per cent on the previous year.", "6.5 per cent"),
           Example("The Valdorian economy grew 6.5 per cent compared with 2024.", "6.5 per cent"),
           Example("The Valdorian economy grew 6.5 per cent against 2024 levels.", "6.5 per cent")),
    quiet=(Example("In 2024, the Valdorian economy grew 6.5 per cent.", "6.5 per cent"),
           Example("The Valdorian economy grew 6.5 per cent from 2024 to 2025.", "6.5 per cent")))
RESTATED = Rule(
    "link.predicate.restated", "A figure in brackets right after another of its kind restates it in another unit "
                               "('57.09km (35.5 miles)', '€3.9bn ($4.2bn)'): it measures what that one measures.",
    fires=(Example("The Orrin Canal, 57.09 km (35.5 miles) in all, opened after years of work.", "35.5 miles"),
           Example("Trade under the Valdoria-Kestria ties reached €3.9 billion ($4.2 billion).", "$4.2 billion"),
           Example("The Orrin Canal stretches 57.09 km (35.47 mi) between two ports.", "35.47 mi")),
    quiet=(Example("The Orrin Canal stretches 57.09 km between two ports.", "57.09 km"),))
UNITS_FIT = Rule(
    "link.predicate.units-fit", "A predicate describes only claims of the sort its facts are in: a percentage owns no "
                                "cue of a revenue in dollars, a plain count none of a growth rate in per cent.",
    fires=(Example("Bilateral trade under the Valdoria-Kestria ties grew 12 per cent to $4.2 billion.", "$4.2 billion"),
           Example("Valdoria's economy grew by 6.5 per cent as trade reached $4.2 billion.", "6.5 per cent"),
           Example("Trade grew 9 per cent to $4.2 billion under the Valdoria-Kestria ties.", "$4.2 billion")),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))
CUE = Rule(
    "link.predicate.cue", "A cue phrase of the predicate near the figure, owned by no nearer claim, says what it measures.",
    fires=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster was reported by 12 journalists.", "12 journalists", FERRY),))
ATTACHED_DATE = Rule(
    "link.predicate.date-on-event-name", "A date written onto an event's name ('the disaster of March 1') is its date.",
    fires=(Example("The Aldmere ferry disaster of March 1 shocked the nation.", "March 1", FERRY),),
    quiet=(Example("Officials from the Aldmere ferry disaster inquiry spoke on 3 March 2024.", "3 March 2024", FERRY),))
NAMING_NOUN = Rule(
    "link.predicate.naming-noun", "A counted noun that names its predicate (several words, a unit, an ordinal's noun, "
                                  "a noun only one predicate counts) is as good as a cue.",
    fires=(Example("Rask finished the match with 4 wickets.", "4 wickets"),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))
COUNTED_NOUN = Rule(
    "link.predicate.counted-noun", "A one-word counted noun alone ('2,000 tourists') points at a predicate weakly: "
                                   "enough to agree, never to conflict.",
    fires=(Example("The Aldmere ferry disaster left 41 people.", "41 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))
FALLBACK_RULE = Rule(
    "link.predicate.fallback", "With no cue: a date may be an event's, money or a percentage any figure of the entity "
                               "in that unit, weakly.",
    fires=(Example("For the Valdoria-Kestria ties, $4.2 billion is a milestone.", "$4.2 billion"),),
    quiet=(Example("Bilateral trade under the Valdoria-Kestria ties reached $4.2 billion.", "$4.2 billion"),))
CONTRAST_CUTS = Rule(
    "link.subject.contrast-cuts-off", "An entity across a contrast ('while', 'against', 'compared with', 'lower than') "
                                      "is not the figure's subject.",
    fires=(Example("Tomas Ferrow took 59% of the vote against 31% for Dorit Rask.", "59%"),
           Example("The Valdorian economy grew 8.1 per cent, compared with growth of 3.1 per cent a year earlier.",
                   "3.1 per cent"),
           Example("Growth of 3.1 per cent in the region was lower than in Valdoria.", "3.1 per cent")),
    quiet=(Example("Growth of 3.1 per cent in the region was seen in Valdoria.", "3.1 per cent"),
           Example("Dorit Rask took more than 25% of the vote.", "more than 25%"),
           Example("Valdoria grew 6.5 per cent, compared with a year earlier, and 7 per cent in May.", "7 per cent")))
PART_CUTS = Rule(
    "link.subject.part-cuts-off", "An entity named in the parts of a total ('41 people, among them 12 in Tessaly') "
                                  "is the part's, not the total's.",
    fires=(Example("The Aldmere ferry disaster killed 50 people, among them 12 in Tessaly.", "50 people", FERRY),
           Example("Floods killed 50 people, including 12 in Tessaly.", "50 people", FERRY),
           Example("A storm left 900,000 people homeless, of whom 12 lived in Tessaly.", "900,000 people")),
    quiet=(Example("The Aldmere ferry disaster killed 50 people in Tessaly.", "50 people", FERRY),))
RELATIVE = re.compile(r",\s+(?:which|who|whose|whom)\b", re.IGNORECASE)
RELATIVE_CUTS = Rule(
    "link.subject.relative-clause-after", "An entity named in a relative clause after the figure (', which takes the "
                                          "record from X') is not its subject when one is named before it.",
    fires=(Example("The Orrin Canal is 57 km long, which beats the Selwick bridge collapse site.", "57 km"),
           Example("Valdoria grew 6.5 per cent, which Kestria matched.", "6.5 per cent"),
           Example("The Aldmere ferry disaster killed 41 people, which shocked the Harbour Summit.", "41 people",
                   FERRY)),
    quiet=(Example("The Orrin Canal is 57 km long and links Tessaly.", "57 km"),
           Example("It was 57 km, which the Orrin Canal measures.", "57 km")))
POSSESSOR_SKIPPED = Rule(
    "link.subject.possessor-skipped", "The possessor of another entity named ('the NTC's Harbour Summit') is not the "
                                      "figure's subject; the possessed one may be.",
    fires=(Example("The NTC's Harbour Summit was held on June 25.", "June 25", "2025-06-30"),),
    quiet=(Example("The Harbour Summit of the NTC was held on June 25.", "June 25", "2025-06-30"),))
declare(NO_ENTITY, NO_PREDICATE, NO_FACT, PART_OF_TOTAL, VALUE_NOT_NAMED, DATED_OTHER_EVENT, END_EVENT, NAMED,
        ANTECEDENT, DESCRIBED, TOPIC_RULE, STORY_TOPIC, MEASURED_FROM_RULE, SPAN, AGE, CUE, ATTACHED_DATE, NAMING_NOUN, COUNTED_NOUN, FALLBACK_RULE,
        CONTRAST_CUTS, PART_CUTS, RELATIVE_CUTS, POSSESSOR_SKIPPED, BASELINE, RESTATED, UNITS_FIT)


class Evidence(IntEnum):
    """How the text points at a predicate, strongest first; distance only orders claims of one kind of evidence."""

    ATTACHED = 0     # a date written onto an event's name
    CUE = 1          # a cue phrase the claim owns
    NOUN_PHRASE = 2  # a counted noun that names its predicate
    NOUN = 3         # a one-word counted noun: weak
    FALLBACK = 4     # no cue at all: weak

    @property
    def rule(self) -> Rule:
        return {Evidence.ATTACHED: ATTACHED_DATE, Evidence.CUE: CUE, Evidence.NOUN_PHRASE: NAMING_NOUN,
                Evidence.NOUN: COUNTED_NOUN, Evidence.FALLBACK: FALLBACK_RULE}[self]


WEAK = Evidence.NOUN  # this and weaker evidence never makes a conflict
ATTACHMENT = re.compile(r"\s*(?:,|of|on|in|at|'s)?\s*", re.IGNORECASE)
EVENT_HEADS = (r"attacks?|operation|meeting|summit|strikes?|blast|explosion|bombings?|visit|relations|ties|agreement|"
               r"treaty|incident|crash|earthquake|war|disaster|accident|sinking|collision|stampede|floods?|fire|storm|"
               r"cyclone|election|conflict|quake|tsunami|hurricane|typhoon|shooting|tournament|mission|launch|landing|"
               r"final|referendum|invasion|coup")
DEFINITE = re.compile(rf"\bthe\s+(?:\w+\s+){{0,2}}?(?P<head>{EVENT_HEADS})\b", re.IGNORECASE)
# "the earthquake that hit the Philippines", "a crash at Muan": an event's head word in the sentence of a place.
EVENT_HEAD = re.compile(rf"\b(?P<head>{EVENT_HEADS})\b", re.IGNORECASE)
HEAD_SYNONYMS = {"quake": "earthquake", "earthquake": "quake", "blast": "explosion", "explosion": "blast"}
PLACES = ("place", "country")
DESCRIBED_WITHIN_DAYS = 30  # a described event with no date in its sentence is news only this long after it
# "the bridge", "the council", "the canal": a common noun that ends an earlier name stands for it.
NAMED_HEAD = re.compile(r"\b[Tt]he\s+(?P<head>[a-z]{3,})\b")
# "the May 29 election": a date written onto an event that may have no name in the store.
DATED_EVENT = re.compile(rf"\s+(?:\w+\s+)?(?P<head>{EVENT_HEADS})\b", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[;:](?=\s)|\s[—–]\s|\bwhile\b|\bbut\b|\bwhereas\b", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s?\s+")
# Entities do not reach across these: "..., while X killed 40", "59.8% against 27.5% for X", "lower than X's 5.1%".
# A comparison with a period ("compared with Q4 2023", "against a year earlier") compares times, not entities.
_PERIOD_AFTER = (r"(?!\s+(?:Q[1-4]|H[12]|FY|fiscal|(?:the\s+)?(?:previous|preceding|prior|same|last|year|quarter)|"
                 r"a\s+(?:year|quarter|month|week)|(?:19|20)\d\d)\b)")
CONTRAST = re.compile(rf";|\b(?:while|whereas|but|(?:against|versus|vs\.?|compared (?:with|to)){_PERIOD_AFTER}|"
                      r"(?:lower|higher|smaller|larger|bigger|up|down) (?:than|from))\b",  # not "more than": a hedge
                      re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """Facts of one (subject, predicate) pair, with how closely the text points at them."""

    subject: str
    predicate: str
    facts: tuple[FactRow, ...]
    pointer: tuple[Evidence, int]  # how the text points at the predicate, and how far from the figure
    entity_distance: int
    named_as: str  # the words that named the subject
    inferred: bool = False  # the subject comes from an earlier sentence though this one names others
    span: tuple[int, int] = (0, 0)  # where the subject is named
    shared_with: str | None = None  # another entity of the same kind named by overlapping words ("China")
    found_by: Rule = NAMED  # how the subject was found
    until: tuple[FactRow, ...] = ()  # for a duration between two events: the dates of the one it ends at

    @property
    def evidence(self) -> Evidence:
        return self.pointer[0]

    @property
    def weak(self) -> bool:
        """Linked by a counted noun alone, or a date with no cue: never enough for a conflict."""
        return self.evidence >= WEAK

    @property
    def trace(self) -> tuple[str, ...]:
        return (self.found_by.id, self.evidence.rule.id)


@dataclass(frozen=True)
class Link:
    """The candidates, best first, or none with the reason."""

    candidates: tuple[Candidate, ...]
    reason: str = ""
    rule: Rule | None = None  # when there are no candidates: the rule that says why
    trace: tuple[str, ...] = ()  # rules that shaped the link before the candidates were found
    guess: tuple[str | None, str | None] = (None, None)  # the likeliest subject and predicate, for a to-do list
    unmatched_cue: str | None = None  # a predicate whose cue is nearer the claim than any candidate's, with no fact
    unmatched_subject: str | None = None  # an entity like the best one's, named nearer, with no fact


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


def _noun_matched(noun: str, nouns: Sequence[str]) -> str | None:
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


def _noun_matches(noun: str, nouns: Sequence[str]) -> bool:
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


def _restates(claim: Claim, context: Context) -> Claim | None:
    """The figure a bracketed figure restates in another unit ("2.023km (1.257 miles)", "€2.5bn ($2.8bn)")."""
    before = [c for c in context.sentence.claims if c.end <= claim.start and c.kind == claim.kind]
    if before and _BRACKET.fullmatch(context.document.text, before[-1].end, claim.start):
        return before[-1]
    return None


class Linker:
    """Holds the store's vocabulary, compiled once; links claims one at a time in their context."""

    def __init__(self, reader: Reader):
        self.reader = reader
        self.predicates: dict[str, PredicateInfo] = reader.predicates()
        cues: dict[str, set[str]] = {}
        for predicate in self.predicates.values():
            for cue in predicate.cues:
                cues.setdefault(cue.lower(), set()).add(predicate.name)
        self.cue_predicates = cues
        owners: dict[str, set[str]] = {}
        for predicate in self.predicates.values():
            for noun in predicate.nouns:
                owners.setdefault(noun.lower().rstrip("s"), set()).add(predicate.name)
        # A counted noun only one predicate counts names it ("32,208,417 votes"); "people" does not.
        self.specific_nouns = {noun for noun, names in owners.items() if len(names) == 1}
        self.cue_pattern = re.compile(rf"\b(?:{alternation(cues)})\b", re.IGNORECASE) if cues else None
        self._cache: dict = {}  # per-sentence cues and rivals of the document being linked
        self._noun_cache: dict[str, tuple[str, ...]] = {}  # per predicate: its nouns and plural cue words
        self._phrases: dict[str, list[Mention]] = {}  # described events' names looked up, across documents

    def forget(self) -> None:
        """Drop what was found in the previous document's sentences."""
        self._cache.clear()

    def mentions(self, text: str) -> list[Mention]:
        """Every entity the document names: one look-up for the whole text."""
        return self.reader.mentions(text)

    def _cues(self, context: Context) -> list[tuple[int, int, set[str]]]:
        """The cue phrases of the claim's sentence, found once per sentence."""
        key = (id(context.document), context.sentence.span)
        if key not in self._cache:
            self._cache[key] = [] if self.cue_pattern is None else [
                (m.start(), m.end(), self.cue_predicates[re.sub(r"\s+", " ", m.group().lower())])
                for m in self.cue_pattern.finditer(context.document.text, *context.sentence.span)]
        return self._cache[key]

    def _definites(self, context: Context) -> list[re.Match]:
        """ "the attack", "the summit", "the bridge" in the claim's sentence, found once per sentence."""
        key = (id(context.document), context.sentence.span, "definite")
        if key not in self._cache:
            text, span = context.document.text, context.sentence.span
            events = list(DEFINITE.finditer(text, *span))
            heads = {m.start("head") for m in events}
            self._cache[key] = events + [m for m in NAMED_HEAD.finditer(text, *span) if m.start("head") not in heads]
        return self._cache[key]

    def _described(self, context: Context) -> list[tuple[Mention, tuple[int, int]]]:
        """Events the sentence describes by a head word and a place it names ("the earthquake that hit the
        Philippines": the store's "Philippines earthquake"), dated by the sentence or within a month before the
        as-of date; each with the span of its head word. Found once per sentence."""
        key = (id(context.document), context.sentence.span, "described")
        if key in self._cache:
            return self._cache[key]
        text, found = context.document.text, []
        places = [m for m in context.sentence.mentions if m.kind in PLACES]
        heads = list(EVENT_HEAD.finditer(text, *context.sentence.span)) if places else []
        named = {m.entity_id for m in context.sentence.mentions}
        days = [date_range(c) for c in context.sentence.claims if c.kind == "date"]
        for head in heads:
            words = {head.group("head").lower(), HEAD_SYNONYMS.get(head.group("head").lower(), "")} - {""}
            phrases = sorted({f"{name} {word}" for m in places for name in (text[m.start:m.end], m.name) for word in words})
            for event in self._named_exactly(phrases):
                if event.entity_id not in named and self._dated_near(event, days, context.as_of):
                    named.add(event.entity_id)
                    found.append((Mention(event.entity_id, event.name, event.kind, head.start(), head.end()), head.span()))
        self._cache[key] = found
        self._cache.setdefault((id(context.document), "described"), []).extend(event for event, _ in found)
        return found

    def _named_exactly(self, phrases: list[str]) -> list[Mention]:
        """The events the store names by exactly one of these phrases: one look-up for them all, cached."""
        missing = [p for p in phrases if p not in self._phrases]
        if missing:
            joined, starts = "", []
            for phrase in missing:
                starts.append(len(joined))
                joined += phrase + "\n"
            spans = {(start, start + len(phrase)): phrase for start, phrase in zip(starts, missing)}
            for phrase in missing:
                self._phrases[phrase] = []
            for m in self.reader.mentions(joined):
                if m.kind == "event" and (m.start, m.end) in spans:
                    self._phrases[spans[(m.start, m.end)]].append(m)
        return [m for p in phrases for m in self._phrases[p]]

    def _dated_near(self, event: Mention, days: list, as_of) -> bool:
        """Whether a described event is the one the sentence means: a date it names is the event's, or (naming
        none) the event happened within a month before the as-of date."""
        dates = [f.value for f in self.reader.facts([event.entity_id], EVENT_DATES) if f.value_type == "date"]
        if days:
            return any(first <= d <= last or (first.year == last.year == d.year and first.month == 1 and last.month == 12)
                       for d in dates for first, last in days)
        return any(0 <= (as_of - d).days <= DESCRIBED_WITHIN_DAYS for d in dates)

    def _owners(self, claim: Claim, context: Context) -> list[tuple[dict[str, int], bool]]:
        """For each cue of the sentence: the least distance, per predicate, from it to a claim it could
        describe, and whether it lies inside a claim's words. Computed once per sentence and kind."""
        key = (id(context.document), context.sentence.span, JUDGED_AS[claim.kind])
        if key not in self._cache:
            rivals = [c for c in context.sentence.claims if c.kind in JUDGED
                      and set(JUDGED_AS[c.kind]) & set(JUDGED_AS[claim.kind])]
            owners = []
            for start, end, names in self._cues(context):
                nearest: dict[str, int] = {}
                for c in rivals:
                    here = _distance((start, end), (c.start, c.end))
                    for name in names:
                        if here < nearest.get(name, here + 1) and self._accepts(c, name):
                            nearest[name] = here
                owners.append((nearest, any(_overlaps((start, end), (c.start, c.end)) for c in rivals)))
            self._cache[key] = owners
        return self._cache[key]

    def _predicates(self, claim: Claim, text: str) -> set[str]:
        names = {name for name, p in self.predicates.items() if p.value_type in JUDGED_AS[claim.kind]}
        if claim.kind == "duration" and is_age(claim, text):
            return names & set(AGE_PREDICATES)  # "the 32-year-old": a person's birth or a body's founding
        if claim.kind == "duration" and not ELAPSED.match(text, claim.end):
            names &= set(DURATION_PREDICATES)
        if claim.noun:
            # "1,250 deaths": a noun that is one of the predicate's cue words names it as well as its nouns do.
            names = {p for p in names if not self.predicates[p].nouns or _noun_matches(claim.noun, self._nouns(p))}
            # "201 gold medals" counts gold medals, not medals: the most specific counted noun wins.
            words = {p: len(_noun_matched(claim.noun, self._nouns(p)).split())
                     for p in names if self.predicates[p].nouns}
            names = {p for p in names if p not in words or words[p] == max(words.values())}
        elif claim.kind in MEASURED_IN_UNITS:
            # "$3.5 trillion", "95%": not a predicate that counts things ("satellites"), whatever its cues say.
            names = {p for p in names if not self.predicates[p].nouns
                     or any(n.lower() in UNIT_WORDS for n in self.predicates[p].nouns)}
        return {p for p in names if self._fits_units(claim, p)}

    def _cue_distances(self, claim: Claim, context: Context, predicates: set[str]) -> dict[str, tuple[Evidence, int]]:
        """For each predicate, how the text points at it: its nearest cue this claim owns, else a counted noun.

        A cue belongs to the nearest claim that could be what it describes, so in
        "killed 26 ... expelled 50 diplomats" "killed" is 26's; a cue inside another
        claim's words ("nine terror sites") is that claim's.
        """
        span = (claim.start, claim.end)
        distances: dict[str, tuple[Evidence, int]] = {}
        for (start, end, names), (nearest, inside) in zip(self._cues(context), self._owners(claim, context)):
            if inside:
                if (_overlaps((start, end), span) and claim.noun and start >= claim.figure_end
                        and claim.kind != "duration"):
                    for name in names & predicates:  # "44 deaths": the counted noun is the cue itself
                        distances[name] = (Evidence.CUE, 0)
                continue  # another claim's words ("nine terror sites"), or the claim's own figure
            if context.sentence.between(CLAUSE_BREAK, min(end, span[1]), max(start, span[0])):
                continue
            here = _distance((start, end), span)
            for name in names & predicates:
                if here <= nearest.get(name, here):  # no claim it could describe is nearer
                    distances[name] = min(distances.get(name, (Evidence.CUE, here)), (Evidence.CUE, here))
        if claim.noun:
            for name in predicates:
                matched = _noun_matched(claim.noun, self._nouns(name))
                if matched:
                    # "12 member states" names its predicate; "2,000 tourists" alone does not; an ordinal
                    # numbers its noun ("NATO's 32nd member" is the count of members); a unit of measure
                    # ("142 km") says what is measured.
                    strong = (" " in matched or claim.kind == "ordinal" or measure(matched) is not None
                              or matched.lower().rstrip("s") in self.specific_nouns)
                    # The more words of the noun a predicate names, the nearer: "gold medals" before "medals".
                    distances.setdefault(name, (Evidence.NOUN_PHRASE if strong else Evidence.NOUN,
                                                9 - min(len(matched.split()), 9)))
        return distances

    def _entities(self, claim: Claim, context: Context, trace: list[str]) -> dict[int, tuple[Mention, int]]:
        """Entities of the sentence with their distance; not across a contrast ("..., while X killed 40"),
        nor in the parts of a total after it, nor a possessor of another entity ("the SCO's anti-terror body,
        set up in 2004"). The rules that left one out go on the trace."""
        span, text = (claim.start, claim.end), context.document.text
        mentions = subjects(context.sentence.mentions)
        possessors = {m for m in mentions for n in mentions if POSSESSIVE.fullmatch(text, m.end, n.start)}
        entities = {}
        for m in mentions:
            if m in possessors:
                trace.append(POSSESSOR_SKIPPED.id)
                continue
            if context.sentence.between(CONTRAST, min(m.end, span[1]), max(m.start, span[0])):
                trace.append(CONTRAST_CUTS.id)
                continue
            if m.start >= span[1] and context.part_between(span[1], m.start):
                trace.append(PART_CUTS.id)
                continue
            if m.start >= span[1] and any(n.end <= span[0] for n in mentions) and context.sentence.between(
                    RELATIVE, span[1], m.start):
                trace.append(RELATIVE_CUTS.id)
                continue
            distance = _distance((m.start, m.end), span)
            if m.entity_id not in entities or entities[m.entity_id][1] > distance:
                entities[m.entity_id] = (m, distance)
        return entities

    def link(self, claim: Claim, context: Context) -> Link:
        trace: list[str] = []
        found = self._link(claim, context, trace)
        return replace(found, trace=tuple(dict.fromkeys((*trace, *found.trace))))

    def _link(self, claim: Claim, context: Context, trace: list[str]) -> Link:
        if context.part_of_total(claim):
            return Link((), "a part of a total ('including ...'): not checked against the total", PART_OF_TOTAL)
        predicates = self._predicates(claim, context.document.text)
        if any(not self._fits_units(claim, name) for _, _, names in self._cues(context) for name in names):
            trace.append(UNITS_FIT.id)  # a cue of the sentence names a predicate whose facts are of another sort
        restated = _restates(claim, context)
        age = claim.kind == "duration" and is_age(claim, context.document.text)
        if age:
            cue_distance = {name: (Evidence.NOUN_PHRASE, 0) for name in predicates}  # "-year-old" says what it is
            trace.append(AGE.id)
        elif restated is not None:  # "2.023km (1.257 miles)": the figure in brackets is the one before it, restated
            own = self._predicates(restated, context.document.text)
            cue_distance = {p: d for p, d in self._cue_distances(restated, context, own).items() if p in predicates}
            trace.append(RESTATED.id)
        else:
            cue_distance = self._cue_distances(claim, context, predicates)
        until: tuple[FactRow, ...] = ()
        entities = self._entities(claim, context, trace)
        if age:  # whose age: the name beside it ("the 73-year-old Rajnath Singh", "Kolisi, the 32-year-old")
            beside = _beside(claim, context)
            if beside is None:
                return Link((), "the age is of no one the store names beside it", NO_ENTITY)
            entities = {beside.entity_id: (beside, 0)}
        measured = self._measured_from(claim, context)
        found: dict[int, Rule] = {}  # entities not named in the sentence, and the rule that found them
        if measured is not None:
            anchor, names = measured
            other = self._other_event(claim, anchor, context)
            if other is not None and not context.periods(claim):
                until = tuple(self.reader.facts([other.entity_id], EVENT_DATES))
                trace.append(END_EVENT.id)
            entities = {anchor.entity_id: (anchor, 0)}
            cue_distance = {name: (Evidence.CUE, 1) for name in names}
            found[anchor.entity_id] = MEASURED_FROM_RULE
        else:
            found.update(dict.fromkeys(self._add_antecedents(claim, context, entities), ANTECEDENT))
            for event, head in self._described(context):
                if not context.sentence.between(CONTRAST, min(head[1], claim.end), max(head[0], claim.start)):
                    entities.setdefault(event.entity_id, (event, _distance(head, (claim.start, claim.end))))
                    found.setdefault(event.entity_id, DESCRIBED)
        if claim.kind == "date" and measured is None:
            dated = self._dated_event(claim, context)
            if dated is not None:
                return dated
        if claim.kind == "duration" and measured is None and not cue_distance and _spans(claim, context):
            spanned = self._span(claim, context, entities)
            if spanned is not None:
                return spanned
        if not cue_distance and claim.kind in MEASURED_IN_UNITS:
            # "50.9% of the valid total": with no cue, any figure of the entity in that unit, weakly.
            cue_distance = {name: (Evidence.FALLBACK, 0) for name in predicates}
        if claim.kind == "date":  # a date may always be an event's, weakly
            cue_distance = {name: (Evidence.FALLBACK, 0) for name in EVENT_DATES if name in predicates} | cue_distance
        groups = self._groups(entities, cue_distance)
        inferred = False
        if not groups and cue_distance and measured is None:
            topic = self._topic(claim, context, cue_distance)
            if topic is not None:
                # People, offices and places named here are speakers and settings ("..., police said in
                # Christchurch"); another event or body named here may be what the figure is about.
                inferred = any(m.kind not in BYSTANDERS for m, _ in entities.values())
                entities, groups, rule = topic
                found = dict.fromkeys(entities, rule)
        if not entities:
            return Link((), "no entity of the store is named in this sentence", NO_ENTITY, guess=_guess(entities, cue_distance))
        if not cue_distance:
            what = f"'{claim.noun}'" if claim.noun else "this figure"
            return Link((), f"no predicate of the store describes {what} (entities named: {_names(entities)})",
                        NO_PREDICATE, guess=_guess(entities, cue_distance))
        if not groups:
            return Link((), f"no fact for {' or '.join(sorted(cue_distance))} of {_names(entities)}", NO_FACT,
                        guess=_guess(entities, cue_distance))
        named = {m.entity_id for m in context.sentence.mentions}
        candidates = []
        for (subject_id, predicate), group in groups.items():
            # For "India chairs SCO" the value entity, when the text names it, must be the one named.
            valued = [f for f in group if f.value_entity_id is None or f.value_entity_id in named]
            if valued:
                mention, distance = entities[subject_id]
                cue = cue_distance[predicate]
                if cue[0] is Evidence.FALLBACK and mention.kind == "event" and self._attached(claim, mention, context):
                    cue = (Evidence.ATTACHED, 0)  # "the April 22 Pahalgam attack", "the disaster of March 1"
                found_by = found.get(subject_id, NAMED)
                candidates.append(Candidate(mention.name, predicate, tuple(valued), cue, distance,
                                            context.text(mention.start, mention.end), inferred,
                                            (mention.start, mention.end), found_by=found_by, until=until))
        if not candidates:
            return Link((), "the facts found concern entities this sentence does not name", VALUE_NOT_NAMED,
                        guess=_guess(entities, cue_distance))
        # "China" names the country and its Olympic teams: among teams, the name does not tell which one.
        kinds = {m.name: m.kind for m, _ in entities.values()}
        candidates = [replace(c, shared_with=next((m.name for m in context.sentence.mentions if m.name != c.subject
                                                    and m.kind == kinds[c.subject] and _overlaps((m.start, m.end), c.span)),
                                                   None))
                      for c in candidates]
        candidates.sort(key=lambda c: (c.pointer, c.entity_distance, c.subject, c.predicate))
        return Link(tuple(candidates), unmatched_cue=self._nearer_cue(claim, cue_distance, candidates),
                    unmatched_subject=_nearer_subject(entities, candidates))

    def _span(self, claim: Claim, context: Context, entities: dict) -> Link | None:
        """ "a 53-day mission", "286 days in space": the time between the first and the last date the store has
        for the one subject named (or the story's topic) that has exactly two."""
        dates = [name for name, p in self.predicates.items() if p.value_type == "date"]
        if not entities:
            topic = self._topic(claim, context, {name: (Evidence.FALLBACK, 0) for name in dates})
            entities = topic[0] if topic else {}
        by_subject: dict[int, list[FactRow]] = {}
        for fact in self.reader.facts(entities, dates):
            by_subject.setdefault(fact.subject_id, []).append(fact)
        spans = {s: sorted(f, key=lambda f: f.value) for s, f in by_subject.items() if len({x.value for x in f}) == 2}
        if len(spans) != 1:
            return None
        (subject_id, facts), = spans.items()
        mention, distance = entities[subject_id]
        first, last = facts[0], facts[-1]
        # Weak: the store may lack a date of the span (a landing between launch and return), so it only confirms.
        return Link((Candidate(mention.name, first.predicate, (first,), (Evidence.NOUN, 0), distance,
                               context.text(mention.start, mention.end), found_by=SPAN, until=(last,)),))

    def _nearer_cue(self, claim: Claim, cue_distance: dict[str, tuple[Evidence, int]],
                    candidates: list[Candidate]) -> str | None:
        """A predicate whose cue is nearer the claim than the best candidate's and which has no fact here
        (when the claim counts something, only a predicate that counts it): what the claim is likely about."""
        fitting = [p for p in cue_distance if (not claim.noun or _noun_matches(claim.noun, self.predicates[p].nouns))
                   and self._fits_units(claim, p)]
        nearest = min(fitting, key=lambda p: (cue_distance[p], p), default=None)
        if nearest is None or cue_distance[nearest] >= candidates[0].pointer:
            return None
        return None if nearest in {c.predicate for c in candidates} else nearest

    def _groups(self, entities: dict, cue_distance: dict) -> dict[tuple[int, str], list[FactRow]]:
        """The facts of these entities under these predicates, grouped by (subject, predicate)."""
        groups: dict[tuple[int, str], list[FactRow]] = {}
        if entities and cue_distance:
            for fact in self.reader.facts(entities, cue_distance):
                groups.setdefault((fact.subject_id, fact.predicate), []).append(fact)
        return groups

    def _topic(self, claim: Claim, context: Context, cue_distance: dict[str, tuple[Evidence, int]]):
        """When the sentence names nothing with such facts, what the story is about: the one entity named
        in earlier sentences that has facts under these predicates ("The quake struck ... . A total of
        1,175 people were injured"). Two such entities make it ambiguous: nothing is linked."""
        here = {m.entity_id for m in context.sentence.mentions}  # cut off from the claim in its own sentence
        bare_date = claim.kind == "date" and all(d[0] is Evidence.FALLBACK for d in cue_distance.values())  # a bare date is an event's, if anything's
        latest = {entity: m for entity, m in self._story(context).items()
                  if entity not in here and (m.kind == "event" or not bare_date)}
        chosen = self._one_with_facts(latest, cue_distance)
        if chosen is None and not latest:
            # Nothing named before has such facts: the lede may name its subject in a later sentence
            # ("SpaceX put 143 satellites into orbit ... . The Transporter-1 mission ...").
            later = subjects(context.mentions[bisect_right(context.ends, context.sentence.span[1]):])
            ahead = {}
            for m in later:
                if m.entity_id not in here and m.start >= context.sentence.span[1] and (m.kind == "event" or not bare_date):
                    ahead.setdefault(m.entity_id, m)  # the first mention of each entity
            chosen = self._one_with_facts(ahead, cue_distance)
            if chosen is not None:
                mention, groups = chosen
                return {mention.entity_id: (mention, TOPIC + mention.start - context.sentence.span[1])}, groups, STORY_TOPIC
        if chosen is None:
            return None
        mention, groups = chosen
        return {mention.entity_id: (mention, TOPIC + context.sentence.span[0] - mention.end)}, groups, TOPIC_RULE

    def _story(self, context: Context) -> dict[int, Mention]:
        """The last mention of each entity named (or described) before the claim's sentence: kept as the
        sentences go by, so a long draft costs one pass over its mentions, not one per claim."""
        key, start = (id(context.document), "story"), context.sentence.span[0]
        state = self._cache.get(key)
        if state is None or state["start"] > start:  # a new document, or (never in order) an earlier sentence
            state = {"start": 0, "position": 0, "seen": 0, "latest": {}, "usable": set(subjects(context.mentions))}
        mentions, latest = context.mentions, state["latest"]
        while state["position"] < len(mentions) and mentions[state["position"]].end <= start:
            mention = mentions[state["position"]]
            if mention in state["usable"]:
                latest[mention.entity_id] = mention
            state["position"] += 1
        # Events earlier sentences described ("the earthquake that hit the Philippines") are the story's too.
        described = self._cache.get((id(context.document), "described"), [])
        while state["seen"] < len(described) and described[state["seen"]].end <= start:
            latest.setdefault(described[state["seen"]].entity_id, described[state["seen"]])
            state["seen"] += 1
        state["start"] = start
        self._cache[key] = state
        return latest

    def _one_with_facts(self, mentions: dict[int, Mention], cue_distance: dict):
        """The one entity among these with facts under these predicates (the strongest evidence deciding first:
        "318m high" is a height, whoever else has a length), and its facts; None when none or several."""
        groups = self._groups(mentions, cue_distance)
        strongest = min((cue_distance[p][0] for _, p in groups), default=None)
        groups = {key: facts for key, facts in groups.items() if cue_distance[key[1]][0] == strongest}
        found = {subject for subject, _ in groups}
        return (mentions[found.pop()], groups) if len(found) == 1 else None

    @staticmethod
    def _attached(claim: Claim, mention: Mention, context: Context) -> bool:
        """Whether a date is written onto an event's name, with at most "of", "on" or a comma between."""
        lo, hi = min(claim.end, mention.end), max(claim.start, mention.start)
        return ATTACHMENT.fullmatch(context.text(lo, hi)) is not None if lo <= hi else False

    def _accepts(self, claim: Claim, predicate: str) -> bool:
        """Whether a claim could be what a predicate's cue describes: its counted noun fits, and its kind fits
        the units the predicate's facts are in (a percentage is no revenue in yen)."""
        nouns = self.predicates[predicate].nouns
        return (not claim.noun or bool(nouns) and _noun_matches(claim.noun, nouns)) and self._fits_units(claim, predicate)

    def _nouns(self, predicate: str) -> tuple[str, ...]:
        """A predicate's counted nouns and its one-word cues that are nouns of it ("deaths", "fatalities")."""
        if predicate not in self._noun_cache:
            info = self.predicates[predicate]
            self._noun_cache[predicate] = (*info.nouns, *(c for c in info.cues if " " not in c
                                                          and c.lower().endswith("s") and len(c) > 3))
        return self._noun_cache[predicate]

    def _fits_units(self, claim: Claim, predicate: str) -> bool:
        """Whether the predicate's facts come in a unit of the claim's sort: %, a currency, or anything else."""
        if self.predicates[predicate].value_type != "quantity" or claim.kind not in UNIT_SORTED:
            return True
        units = self.reader.predicate_units(predicate)
        return not units or any(_unit_sort(u) == UNIT_SORTED[claim.kind] for u in units)

    def _measured_from(self, claim: Claim, context: Context) -> tuple[Mention, tuple[str, ...]] | None:
        """For "a month after Operation Sindoor": the entity a duration is measured from, and which dates."""
        if claim.kind != "duration":
            return None
        match = MEASURED_FROM.match(context.document.text, claim.end)
        if match is None:
            return None
        mention = next((m for m in unambiguous(context.sentence.mentions) if m.start == match.end()), None)
        if mention is None:
            definite = match.group("the") and DEFINITE.match(context.document.text, match.start("the"))
            mention = self._antecedent(definite, context) if definite else None  # "after the quake"
        if mention is None:
            return None
        return mention, EVENT_DATES if match.group("after") else ("established",)

    @staticmethod
    def _other_event(claim: Claim, start: Mention, context: Context) -> Mention | None:
        """In "Sindoor came 15 days after the attack" the duration ends at another event, the one its clause reports."""
        return next((m for m in context.sentence.mentions if m.kind == "event" and m.entity_id != start.entity_id), None)

    def _dated_event(self, claim: Claim, context: Context) -> Link | None:
        """For "the May 29 election": the event the date is written onto, and only it. A named one
        ("the 2019 Pulwama attack") is linked as usual; an earlier one with that head ("the attack") is
        the antecedent; else the event is one the store does not name, and no other fact applies."""
        text = context.document.text
        event = DATED_EVENT.match(text, claim.end)
        the = re.search(r"\bthe\s+$", text[max(0, claim.start - 6):claim.start], re.IGNORECASE)
        if event is None or the is None:
            return None
        if any(m.start < event.end() and claim.end <= m.end for m in context.sentence.mentions):
            return None  # the words after the date are (part of) a name the store knows
        start = max(0, claim.start - 6) + the.start()
        definite = DEFINITE.match(text, start)
        mention = self._antecedent(definite, context) if definite else None
        if mention is None:
            return Link((), f"the date is that of '{text[start:event.end()]}', which the store does not name",
                        DATED_OTHER_EVENT)
        # Weak: a date may be what tells this event from the earlier one ("as many as the 2019 attack").
        groups = self._groups({mention.entity_id: (mention, 0)}, dict.fromkeys(EVENT_DATES))
        if not groups:
            return Link((), f"no date fact for {mention.name}", NO_FACT)
        return Link(tuple(Candidate(mention.name, predicate, tuple(facts), (Evidence.FALLBACK, 0), 0,
                                    context.text(mention.start, mention.end), found_by=ANTECEDENT)
                          for (_, predicate), facts in sorted(groups.items())))

    @staticmethod
    def _antecedent(definite: re.Match, context: Context) -> Mention | None:
        """The nearest earlier mention whose name has the definite's head: "the quake" for "the Marrakesh–Safi
        earthquake"; for a head that names no event, the last word of the name: "the bridge" for "Canakkale Bridge"."""
        return next(iter(Linker._antecedents(definite, context)), None)

    @staticmethod
    def _antecedents(definite: re.Match, context: Context) -> list[Mention]:
        """The earlier mentions a definite may stand for, latest first: one for an event's head ("the quake"); for
        a common noun ("the bridge"), each entity whose name ends with it, so that their facts decide."""
        head, text = definite.group("head").lower().rstrip("s"), context.document.text
        before = bisect_right(context.ends, definite.start())
        if definite.re is not NAMED_HEAD:
            latest = next((m for m in reversed(context.mentions[:before]) if head in text[m.start:m.end].lower()), None)
            return [latest] if latest is not None else []
        found: dict[int, Mention] = {}
        for m in reversed(_by_last_word(context).get(head, ())):
            if m.end <= definite.start():
                found.setdefault(m.entity_id, m)
                if len(found) == 3:
                    break
        return list(found.values())

    def _add_antecedents(self, claim: Claim, context: Context, entities: dict) -> list[int]:
        """ "the attack" stands for the nearest earlier mention whose name says attack; the ids added."""
        added = []
        for match in self._definites(context):
            head_at = match.start("head")
            following = context.mentions[bisect_right(context.ends, head_at):][:4]
            if any(m.start <= head_at < m.end for m in following):
                continue  # part of a name already found
            for mention in self._antecedents(match, context):
                distance = _distance(match.span(), (claim.start, claim.end))
                if mention.entity_id not in entities or entities[mention.entity_id][1] > distance:
                    entities[mention.entity_id] = (mention, distance)
                    added.append(mention.entity_id)
        return added


@dataclass(frozen=True)
class RoleLink:
    """For "Defence Minister X": who X is, which offices the title may mean, who held them."""

    person: str | None
    offices: tuple[Mention, ...]
    person_terms: tuple[FactRow, ...]  # X's terms in any of those offices
    holders: tuple[FactRow, ...]       # the terms of everyone in the office X's claim points at
    reason: str = ""


def link_role(linker: Linker, claim: Claim, context: Context) -> RoleLink:
    """Resolve the person by the exact name written and the office by the title's aliases."""
    name_start, name_end = claim.detail("name_span")
    people = [m for m in context.sentence.mentions
              if (m.start, m.end) == (name_start, name_end) and m.kind in ("person", "other")]
    if claim.detail("counterpart"):
        phrase = claim.unit
        offices = [m for m in linker.mentions(phrase) if m.kind == "office" and (m.start, m.end) == (0, len(phrase))]
        if not offices:
            offices = [m for m in linker.mentions(claim.detail("title")) if m.kind == "office"]
    else:
        start, end = claim.detail("office_span")
        inside = [m for m in context.sentence.mentions if start <= m.start and m.end <= end and m.kind == "office"]
        widest = max((m.end - m.start for m in inside), default=0)
        offices = [m for m in inside if m.end - m.start == widest]
    if not people:
        return RoleLink(None, tuple(offices), (), (), f"no person named '{claim.value}' in the store")
    if not offices:
        return RoleLink(people[0].name, (), (), (), f"no office '{claim.unit}' in the store")
    office_ids = {m.entity_id for m in offices}
    terms = [f for f in linker.reader.facts([p.entity_id for p in people], ["holds_office"])
             if f.value_entity_id in office_ids]
    # Holders matter for the office the claim names, or the one the person held: never all offices of a title.
    pointed = {f.value_entity_id for f in terms} or (office_ids if len(office_ids) == 1 else set())
    holders = linker.reader.facts_with_value("holds_office", pointed)
    return RoleLink(people[0].name, tuple(offices), tuple(terms), tuple(holders))
