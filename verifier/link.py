"""Link each claim to the facts it speaks of, through claims_db.query only.

A claim is about an entity named in its sentence (or, for "the attack", the
nearest earlier mention) and a predicate whose cue phrase or counted noun sits
near the figure. Facts come from index look-ups for those entities and
predicates; among them the group the text points at most closely wins, and a
tie between groups that disagree is left for the judge to treat as ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims_db.query import FactRow, Mention, PredicateInfo, Reader

from .document import Document
from .extract.lexicon import alternation
from .extract.registry import KINDS
from .records import Claim

JUDGED_AS = {kind.name: kind.judged_as for kind in KINDS}
JUDGED = {"quantity", "money", "percent", "date", "duration", "role"}  # ordinals are reported, not judged
# Date predicates a date or duration claim falls back on when no cue names one.
EVENT_DATES = ("occurred_on", "launched_on", "established")
# "a month after X" is measured from X's date; "three decades of X" from X's start.
MEASURED_FROM = re.compile(r"\s+(?:(?P<after>after|since|from)|of)\s+(?:the\s+)?", re.IGNORECASE)
NOUN_ONLY = 500  # a counted noun alone points at a predicate more weakly than any cue phrase
DEFINITE = re.compile(r"\bthe\s+(?:\w+\s+){0,2}?(?P<head>attack|attacks|operation|meeting|summit|strikes?|blast|"
                      r"explosion|bombing|visit|relations|ties|agreement|treaty|incident|crash|earthquake|war|"
                      r"disaster|accident|sinking|collision|stampede|flood|floods|fire|storm|cyclone|election|conflict)\b",
                      re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[;:]|\s[—–]\s|\bwhile\b|\bbut\b|\bwhereas\b", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """Facts of one (subject, predicate) pair, with how closely the text points at them."""

    subject: str
    predicate: str
    facts: tuple[FactRow, ...]
    cue_distance: int
    entity_distance: int
    named_as: str  # the words that named the subject


@dataclass(frozen=True)
class Link:
    """The best candidates (several only when tied), or none with the reason."""

    candidates: tuple[Candidate, ...]
    reason: str = ""
    mentions: tuple[Mention, ...] = ()
    why: str = ""  # why these candidates won over others, when there were others


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _unambiguous(mentions: Sequence[Mention]) -> list[Mention]:
    """Drop names shared by several entities ("Defence Minister"): they say nothing about which one."""
    spans: dict[tuple[int, int], int] = {}
    for m in mentions:
        spans[(m.start, m.end)] = spans.get((m.start, m.end), 0) + 1
    return [m for m in mentions if spans[(m.start, m.end)] == 1]


def _names(entities: dict) -> str:
    names = sorted({m.name for m, _ in entities.values()})
    return ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")


def _noun_matches(noun: str, nouns: Sequence[str]) -> bool:
    """Whether a counted noun phrase ends with one of a predicate's nouns (plural-blind)."""
    words = noun.lower().replace("-", " ").split()
    for candidate in nouns:
        tail = candidate.lower().split()
        if len(tail) <= len(words) and [w.rstrip("s") for w in words[-len(tail):]] == [t.rstrip("s") for t in tail]:
            return True
    return False


class Linker:
    """Holds the store's vocabulary, compiled once; links the claims of one document at a time."""

    def __init__(self, reader: Reader):
        self.reader = reader
        self.predicates: dict[str, PredicateInfo] = reader.predicates()
        cues: dict[str, set[str]] = {}
        for predicate in self.predicates.values():
            for cue in predicate.cues:
                cues.setdefault(cue.lower(), set()).add(predicate.name)
        self.cue_predicates = cues
        self.cue_pattern = re.compile(rf"\b(?:{alternation(cues)})\b", re.IGNORECASE) if cues else None

    def mentions(self, document: Document) -> list[Mention]:
        """Every entity the document names: one look-up for the whole text."""
        return self.reader.mentions(document.text)

    def cues(self, document: Document, sentence: tuple[int, int]) -> list[tuple[int, int, set[str]]]:
        if self.cue_pattern is None:
            return []
        return [(m.start(), m.end(), self.cue_predicates[re.sub(r"\s+", " ", m.group().lower())])
                for m in self.cue_pattern.finditer(document.text, *sentence)]

    def link(self, claim: Claim, document: Document, claims: Sequence[Claim], mentions: Sequence[Mention]) -> Link:
        value_types = JUDGED_AS[claim.kind]
        if claim.kind == "date" and claim.precision != "year":
            value_types = ("date",)  # a day is checked against dates; only a year against periods
        sentence = document.sentence_of(claim.anchor)
        in_sentence = [m for m in _unambiguous(mentions) if sentence[0] <= m.start and m.end <= sentence[1]]
        span = (claim.start, claim.end)
        predicates = {name for name, p in self.predicates.items() if p.value_type in value_types}
        if claim.noun:
            predicates = {p for p in predicates if not self.predicates[p].nouns
                          or _noun_matches(claim.noun, self.predicates[p].nouns)}
        # A cue belongs to the nearest claim of a kind it could describe, so
        # "killed 26 ... expelled 50 diplomats" gives "killed" to 26 only.
        rivals = [c for c in claims if c is not claim and sentence[0] <= c.anchor < sentence[1] and c.kind in JUDGED
                  and set(JUDGED_AS[c.kind]) & set(value_types)]
        cue_distance: dict[str, int] = {}
        for start, end, names in self.cues(document, sentence):
            if start < claim.end and claim.start < end:
                continue  # the claim's own words are not a cue
            here = _distance((start, end), span)
            if self._crosses_clause(document, (start, end), span):
                continue
            nearer = [c for c in rivals if _distance((start, end), (c.start, c.end)) < here
                      and not (c.start < end and start < c.end)]
            for name in names & predicates:
                if not any(self._accepts(c, name) for c in nearer):
                    cue_distance[name] = min(cue_distance.get(name, here), here)
        if claim.noun:
            for name in predicates:
                if self.predicates[name].nouns and _noun_matches(claim.noun, self.predicates[name].nouns):
                    cue_distance.setdefault(name, NOUN_ONLY)
        entities = {m.entity_id: (m, _distance((m.start, m.end), span)) for m in in_sentence}
        measured = self._measured_from(claim, document, in_sentence)
        if measured is not None:
            anchor, names = measured
            entities = {anchor.entity_id: (anchor, 0)}
            for name in names:
                cue_distance.setdefault(name, 1)
        else:
            self._add_antecedents(document, sentence, mentions, entities, span)
        if not cue_distance and claim.kind == "date":
            cue_distance = {name: 60 for name in EVENT_DATES if name in predicates}
        if not entities:
            return Link((), "no entity of the store is named in this sentence", tuple(in_sentence))
        if not cue_distance:
            what = f"'{claim.noun}'" if claim.noun else "this figure"
            return Link((), f"no predicate of the store describes {what} (entities named: {_names(entities)})",
                        tuple(in_sentence))
        facts = self.reader.facts(entities, cue_distance)
        groups: dict[tuple[int, str], list[FactRow]] = {}
        for fact in facts:
            groups.setdefault((fact.subject_id, fact.predicate), []).append(fact)
        if not groups:
            return Link((), f"no fact for {' or '.join(sorted(cue_distance))} of {_names(entities)}", tuple(in_sentence))
        named = {m.entity_id for m in in_sentence}
        candidates = []
        for (subject_id, predicate), group in groups.items():
            # For "India chairs SCO" the value entity, when the text names it, must be the one named.
            valued = [f for f in group if f.value_entity_id is None or f.value_entity_id in named]
            if not valued:
                continue
            mention, distance = entities[subject_id]
            candidates.append(Candidate(mention.name, predicate, tuple(valued), cue_distance[predicate], distance,
                                        document.text[mention.start:mention.end]))
        if not candidates:
            return Link((), "the facts found concern entities this sentence does not name", tuple(in_sentence))
        candidates.sort(key=lambda c: (c.cue_distance, c.entity_distance, c.subject, c.predicate))
        best = candidates[0]
        tied = tuple(c for c in candidates if (c.cue_distance, c.entity_distance) == (best.cue_distance, best.entity_distance))
        why = ""
        if len(tied) < len(candidates):
            runner = candidates[len(tied)]
            because = (f"its cue for {best.predicate} is nearest the figure" if best.cue_distance < runner.cue_distance
                       else f"'{best.named_as}' is named nearest the figure")
            why = f"chosen over {runner.subject} {runner.predicate}: {because}"
        return Link(tied, "", tuple(in_sentence), why)

    def _accepts(self, claim: Claim, predicate: str) -> bool:
        """Whether a claim could be what a predicate's cue describes (its counted noun fits)."""
        nouns = self.predicates[predicate].nouns
        return not claim.noun or bool(nouns) and _noun_matches(claim.noun, nouns)

    def _crosses_clause(self, document: Document, cue: tuple[int, int], span: tuple[int, int]) -> bool:
        lo, hi = min(cue[1], span[1]), max(cue[0], span[0])
        return lo < hi and CLAUSE_BREAK.search(document.text, lo, hi) is not None

    def _measured_from(self, claim: Claim, document: Document,
                       in_sentence: Sequence[Mention]) -> tuple[Mention, tuple[str, ...]] | None:
        """For "a month after Operation Sindoor": the entity a duration is measured from, and which dates."""
        if claim.kind != "duration":
            return None
        match = MEASURED_FROM.match(document.text, claim.end)
        if match is None:
            return None
        mention = next((m for m in in_sentence if m.start == match.end()), None)
        if mention is None:
            return None
        return mention, EVENT_DATES if match.group("after") else ("established",)

    def _add_antecedents(self, document: Document, sentence: tuple[int, int], mentions: Sequence[Mention],
                         entities: dict, span: tuple[int, int]) -> None:
        """ "the attack" stands for the nearest earlier mention whose name says attack."""
        for match in DEFINITE.finditer(document.text, *sentence):
            head = match.group("head").lower().rstrip("s")
            if any(m.start <= match.start("head") < m.end for m in mentions):
                continue  # part of a name already found
            earlier = [m for m in mentions if m.end <= match.start() and head in document.text[m.start:m.end].lower()]
            if earlier:
                mention = earlier[-1]
                distance = _distance(match.span(), span)
                if mention.entity_id not in entities or entities[mention.entity_id][1] > distance:
                    entities[mention.entity_id] = (mention, distance)


@dataclass(frozen=True)
class RoleLink:
    """For "Defence Minister X": who X is, which offices the title may mean, who held them."""

    person: str | None
    offices: tuple[Mention, ...]
    person_terms: tuple[FactRow, ...]  # X's terms in any of those offices
    holders: tuple[FactRow, ...]       # everyone's terms in those offices
    reason: str = ""


def link_role(linker: Linker, claim: Claim, document: Document, mentions: Sequence[Mention]) -> RoleLink:
    """Resolve the person by the exact name written and the office by the title's aliases."""
    name_start, name_end = claim.detail("name_span")
    people = [m for m in mentions if (m.start, m.end) == (name_start, name_end) and m.kind in ("person", "other")]
    if claim.detail("counterpart"):
        phrase = claim.unit
        offices = [m for m in linker.reader.mentions(phrase) if m.kind == "office" and (m.start, m.end) == (0, len(phrase))]
        if not offices:
            offices = [m for m in linker.reader.mentions(claim.detail("title")) if m.kind == "office"]
    else:
        start, end = claim.detail("office_span")
        inside = [m for m in mentions if start <= m.start and m.end <= end and m.kind == "office"]
        widest = max((m.end - m.start for m in inside), default=0)
        offices = [m for m in inside if m.end - m.start == widest]
    if not people:
        return RoleLink(None, tuple(offices), (), (), f"no person named '{claim.value}' in the store")
    if not offices:
        return RoleLink(people[0].name, (), (), (), f"no office '{claim.unit}' in the store")
    office_ids = {m.entity_id for m in offices}
    terms = [f for f in linker.reader.facts([p.entity_id for p in people], ["holds_office"]) if f.value_entity_id in office_ids]
    holders = linker.reader.facts_with_value("holds_office", office_ids)
    return RoleLink(people[0].name, tuple(offices), tuple(terms), tuple(holders))
