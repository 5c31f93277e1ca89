"""The records linking hands to judging: how the text points at a fact (evidence), candidates, links."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from claims_db.query import FactRow, Mention

from ..records import Claim
from ..rulebook import Rule
from .rules import ATTACHED_DATE, COUNTED_NOUN, CUE, FALLBACK_RULE, NAMED, NAMING_NOUN

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
    support: int = 1  # how many of the claim's cues name the predicate

    @property
    def plain_predicate(self) -> str:
        """The predicate as reasons name it: its label in the store, else its name in words."""
        return self.facts[0].plain_predicate if self.facts else self.predicate.replace("_", " ")

    @property
    def evidence(self) -> Evidence:
        return self.pointer[0]

    @property
    def rank(self) -> tuple[Evidence, int, int]:
        """How strongly the text points at the predicate: evidence, nearness, then the cues naming it (of cues
        equally near, "up" names every growth rate, "net profit ..., up 26.9%" one of them twice)."""
        return (*self.pointer, -self.support)

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
    baseline_for: Claim | None = None  # in "fell to A from B", for B: the claim A, whose measure B is an earlier value of

@dataclass(frozen=True)
class RoleLink:
    """For "Defence Minister X": who X is, which offices the title may mean, who held them."""

    person: str | None
    offices: tuple[Mention, ...]
    person_terms: tuple[FactRow, ...]  # X's terms in any of those offices
    holders: tuple[FactRow, ...]       # the terms of everyone in the office X's claim points at
    reason: str = ""
