"""Link each claim to the facts it speaks of, through claims_db.query only.

A claim is about an entity (see `subjects`) and a predicate whose cue phrase or counted noun sits
near the figure; facts come from index look-ups for those entities and predicates. Every
(subject, predicate) group found becomes a candidate, ranked by how strongly the text points at
it (Evidence, then nearness); the judge weighs them all, so a fact the sentence names but the
figure is not about can never alone make a conflict. Every rule applied is named (`rules`).
"""

from __future__ import annotations

from dataclasses import replace

from claims_db.query import FactRow, Mention, PredicateInfo, Reader

from ..context import Context
from ..extract.lexicon import measure
from ..extract.role import RANKS_ONLY
from ..records import Claim
from ..rulebook import Rule
from ..wordscan import word_key, word_pattern
from .records import Candidate, Evidence, Link, RoleLink
from .rules import (AGE, ANTECEDENT, CHANGED_FROM, DESCRIBED, END_EVENT, MEASURED_FROM_RULE, MORE_CUES, NAMED, NO_ENTITY, NO_FACT,
                    NO_PREDICATE, ONE_FIGURE_PER_FACT, PART_OF_TOTAL, RESTATED, SPAN, UNITS_FIT, VALUE_NOT_NAMED)
from .subjects import SubjectFinder
from .text import (AGE_PREDICATES, BYSTANDERS, CLAUSE_BREAK, CONTRAST, DEFINITE, DURATION_PREDICATES, ELAPSED, EVENT_DATES,
                   JUDGED_AS, MEASURED_FROM, MEASURED_IN_UNITS, RIVALS, UNIT_SORTED, UNIT_WORDS, _beside, _distance,
                   _guess, _names, _nearer_subject, changed_from, _noun_matched, _noun_matches, _overlaps, _restates, _spans,
                   _unit_sort, is_age, unambiguous)


class Linker(SubjectFinder):
    """Holds the store's vocabulary, compiled once; links claims one at a time in their context."""

    def __init__(self, reader: Reader):
        self.reader = reader
        self.predicates: dict[str, PredicateInfo] = reader.predicates()
        cues: dict[str, set[str]] = {}
        for predicate in self.predicates.values():
            for cue in predicate.cues:
                cues.setdefault(word_key(cue), set()).add(predicate.name)  # as a match of it is read
        self.cue_predicates = cues
        owners: dict[str, set[str]] = {}
        for predicate in self.predicates.values():
            for noun in predicate.nouns:
                owners.setdefault(noun.lower().rstrip("s"), set()).add(predicate.name)
        # A counted noun only one predicate counts names it ("32,208,417 votes"); "people" does not.
        self.specific_nouns = {noun for noun, names in owners.items() if len(names) == 1}
        # Not the first half of a compound: "high-speed", "long-awaited" say nothing of a height or a length.
        self.cue_pattern = word_pattern(cues, after=r"\b(?!-\w)") if cues else None
        self._of_kind = {kind: frozenset(name for name, p in self.predicates.items() if p.value_type in judged_as)
                         for kind, judged_as in JUDGED_AS.items()}  # the predicates a claim of each kind may state
        self._predicates_of: dict[tuple, frozenset[str]] = {}  # (kind, noun, age, elapsed) -> predicates
        self._unit_fit: dict[tuple[str, str], bool] = {}  # (claim kind, predicate) -> facts in units of its sort
        self._cache: dict = {}  # per-sentence cues and rivals of the document being linked
        self._noun_cache: dict[str, tuple[str, ...]] = {}  # per predicate: its nouns and plural cue words
        self._phrases: dict[str, list[Mention]] = {}  # described events' names looked up, across documents


    def _labels(self, predicates) -> str:
        """Predicates in plain words, as a list an editor reads: "founding date, launch date or date"."""
        vocabulary = self.reader.predicates()
        words = sorted(dict.fromkeys(vocabulary[p].plain if p in vocabulary else p.replace("_", " ")
                                     for p in predicates))
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
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
                (m.start(), m.end(), self.cue_predicates[word_key(m.group())])
                for m in self.cue_pattern.finditer(context.document.text, *context.sentence.span)]
        return self._cache[key]

    def _owners(self, claim: Claim, context: Context) -> list[tuple[dict[str, int], bool]]:
        """For each cue of the sentence: the least distance, per predicate, from it to a claim it could
        describe, and whether it lies inside a claim's words. Computed once per sentence and kind."""
        key = (id(context.document), context.sentence.span, JUDGED_AS[claim.kind])
        if key not in self._cache:
            rivals = [c for c in context.sentence.claims if c.kind in RIVALS[claim.kind]]
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

    def _predicates(self, claim: Claim, text: str) -> frozenset[str]:
        """The predicates the claim may state, by its kind, its counted noun and (a duration) how it is worded:
        the same answer for every claim alike, so found once per such claim."""
        age = claim.kind == "duration" and is_age(claim, text)
        elapsed = claim.kind == "duration" and not age and bool(ELAPSED.match(text, claim.end))
        key = (claim.kind, claim.noun, age, elapsed)
        if key not in self._predicates_of:
            self._predicates_of[key] = frozenset(self._stated(claim, age, elapsed))
        return self._predicates_of[key]

    def _stated(self, claim: Claim, age: bool, elapsed: bool) -> set[str]:
        names = set(self._of_kind[claim.kind])
        if age:
            return names & set(AGE_PREDICATES)  # "the 32-year-old": a person's birth or a body's founding
        if claim.kind == "duration" and not elapsed:
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

    def _cue_distances(self, claim: Claim, context: Context, predicates: set[str]
                       ) -> tuple[dict[str, tuple[Evidence, int]], dict[str, int]]:
        """For each predicate, how the text points at it: its nearest cue this claim owns, else a counted noun;
        and how many of the claim's cues name it (`link.predicate.more-cues`).

        A cue belongs to the nearest claim that could be what it describes, so in
        "killed 26 ... expelled 50 diplomats" "killed" is 26's; a cue inside another
        claim's words ("nine terror sites") is that claim's.
        """
        span = (claim.start, claim.end)
        distances: dict[str, tuple[Evidence, int]] = {}
        support: dict[str, int] = {}
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
                    support[name] = support.get(name, 0) + 1
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
        return distances, support

    def link_sentence(self, claims: list[Claim], context: Context) -> list[Link]:
        """Link the claims of one sentence; figures that point first at the same fact get its subject's other
        facts in their unit as well (`link.predicate.one-figure-per-fact`)."""
        links = [self.link(claim, context) for claim in claims]
        pointed: dict[tuple, list[int]] = {}  # each fact group a figure points at first (ties included): the figures
        for i, (claim, link) in enumerate(zip(claims, links)):
            if claim.kind in MEASURED_IN_UNITS and link.candidates and not claim.detail("interval") \
                    and RESTATED.id not in link.trace and CHANGED_FROM.id not in link.trace:
                for first in (c for c in link.candidates if c.rank == link.candidates[0].rank):
                    pointed.setdefault((claim.kind, first.subject, first.predicate), []).append(i)
        contested = {i for group in pointed.values() if len({claims[i].value for i in group}) > 1 for i in group}
        for i in sorted(contested):
            links[i] = self._with_siblings(claims[i], links[i], context)
        return links

    def _with_siblings(self, claim: Claim, link: Link, context: Context) -> Link:
        """The link with the best subject's other facts in the claim's unit added, weakest, last."""
        best = link.candidates[0]
        known = {c.predicate for c in link.candidates if c.subject == best.subject}
        others = sorted(self._predicates(claim, context.document.text) - known)
        groups: dict[str, list[FactRow]] = {}
        for fact in self.reader.facts([best.facts[0].subject_id], others):
            groups.setdefault(fact.predicate, []).append(fact)
        siblings = tuple(Candidate(best.subject, predicate, tuple(facts), (Evidence.FALLBACK, 0), best.entity_distance,
                                   best.named_as, span=best.span, found_by=ONE_FIGURE_PER_FACT)
                         for predicate, facts in sorted(groups.items()))
        return replace(link, candidates=(*link.candidates, *siblings)) if siblings else link

    def link(self, claim: Claim, context: Context) -> Link:
        trace: list[str] = []
        found = self._link(claim, context, trace)
        merged = tuple(dict.fromkeys((*trace, *found.trace)))
        return found if merged == found.trace else replace(found, trace=merged)

    def _link(self, claim: Claim, context: Context, trace: list[str]) -> Link:
        if context.part_of_total(claim):
            return Link((), "a part of a total ('including ...'): not checked against the total", PART_OF_TOTAL)
        predicates = self._predicates(claim, context.document.text)
        if self._misfit_cue(claim, context):
            trace.append(UNITS_FIT.id)  # a cue of the sentence names a predicate whose facts are of another sort
        restated = _restates(claim, context)
        start_of = changed_from(claim, context) if restated is None else None
        age = claim.kind == "duration" and is_age(claim, context.document.text)
        support: dict[str, int] = {}
        if age:
            cue_distance = {name: (Evidence.NOUN_PHRASE, 0) for name in predicates}  # "-year-old" says what it is
            trace.append(AGE.id)
        elif restated is not None or start_of is not None:
            # "2.023km (1.257 miles)": the figure in brackets is the one before it, restated; "fell to 4.93% from
            # 5.2%": the figure a change starts from measures what its end measures.
            source = restated or start_of
            distances, support = self._cue_distances(source, context, self._predicates(source, context.document.text))
            cue_distance = {p: d for p, d in distances.items() if p in predicates}
            trace.append(RESTATED.id if restated is not None else CHANGED_FROM.id)
        else:
            cue_distance, support = self._cue_distances(claim, context, predicates)
        until: tuple[FactRow, ...] = ()
        entities = self._entities(start_of or claim, context, trace)  # a change's start is its end's subject's
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
            cue_distance, support = {name: (Evidence.CUE, 1) for name in names}, {}
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
                # Christchurch"); another event or body named here, or one of the topic's own kind (a tunnel
                # named here with no length, another tunnel the topic), may be what the figure is about.
                (kind,) = {m.kind for m, _ in topic[0].values()}
                inferred = any(m.kind not in BYSTANDERS or m.kind == kind for m, _ in entities.values())
                entities, groups, rule = topic
                found = dict.fromkeys(entities, rule)
        if not entities:
            return Link((), "no entity of the store is named in this sentence", NO_ENTITY, guess=_guess(entities, cue_distance))
        if not cue_distance:
            what = f"'{claim.noun}'" if claim.noun else "this figure"
            return Link((), f"nothing in the store measures {what} (the sentence names {_names(entities)})",
                        NO_PREDICATE, guess=_guess(entities, cue_distance))
        if not groups:
            return Link((), f"the store has no {self._labels(cue_distance)} for {_names(entities)}", NO_FACT,
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
                                            (mention.start, mention.end), found_by=found_by, until=until,
                                            support=support.get(predicate, 1)))
        if not candidates:
            return Link((), "the facts found concern entities this sentence does not name", VALUE_NOT_NAMED,
                        guess=_guess(entities, cue_distance))
        # "China" names the country and its Olympic teams: among teams, the name does not tell which one.
        kinds = {m.name: m.kind for m, _ in entities.values()}
        candidates = [_sharing(c, kinds[c.subject], context) for c in candidates]
        candidates.sort(key=lambda c: (c.rank, c.entity_distance, c.subject, c.predicate))
        if len(candidates) > 1 and candidates[0].pointer == candidates[1].pointer and candidates[0].rank < candidates[1].rank:
            trace.append(MORE_CUES.id)
        return Link(tuple(candidates), unmatched_cue=self._nearer_cue(claim, cue_distance, support, candidates),
                    unmatched_subject=_nearer_subject(entities, candidates), baseline_for=start_of)

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

    def _nearer_cue(self, claim: Claim, cue_distance: dict[str, tuple[Evidence, int]], support: dict[str, int],
                    candidates: list[Candidate]) -> str | None:
        """A predicate whose cue is nearer the claim than the best candidate's (or as near, and named by more of its
        cues) and which has no fact here (when the claim counts something, only a predicate that counts it): what the
        claim is likely about."""
        fitting = [p for p in cue_distance if (not claim.noun or _noun_matches(claim.noun, self.predicates[p].nouns))
                   and self._fits_units(claim, p)]
        rank = {p: (*cue_distance[p], -support.get(p, 1)) for p in fitting}
        nearest = min(fitting, key=lambda p: (rank[p], p), default=None)
        if nearest is None or rank[nearest] >= candidates[0].rank:
            return None
        return None if nearest in {c.predicate for c in candidates} else nearest

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

    def _misfit_cue(self, claim: Claim, context: Context) -> bool:
        """Whether a cue of the sentence names a predicate whose facts come in units of another sort than the claim's:
        the same for every claim of its kind in the sentence, so found once."""
        key = (id(context.document), context.sentence.span, "misfit", claim.kind)
        if key not in self._cache:
            self._cache[key] = any(not self._fits_units(claim, name) for _, _, names in self._cues(context)
                                   for name in names)
        return self._cache[key]

    def _fits_units(self, claim: Claim, predicate: str) -> bool:
        """Whether the predicate's facts come in a unit of the claim's sort: %, a currency, or anything else."""
        if self.predicates[predicate].value_type != "quantity" or claim.kind not in UNIT_SORTED:
            return True
        key = (claim.kind, predicate)  # asked for every predicate of every claim: answered once per store
        if key not in self._unit_fit:
            units = self.reader.predicate_units(predicate)
            self._unit_fit[key] = not units or any(_unit_sort(u) == UNIT_SORTED[claim.kind] for u in units)
        return self._unit_fit[key]

    def _measured_from(self, claim: Claim, context: Context) -> tuple[Mention, tuple[str, ...]] | None:
        """For "a month after Operation Sindoor": the entity a duration is measured from, and which dates."""
        if claim.kind != "duration":
            return None
        match = MEASURED_FROM.match(context.document.text, claim.end)
        if match is None:
            return None
        mention = next((m for m in unambiguous(context.sentence.mentions) if m.start == match.end()), None)
        if mention is None:
            definite = match.group("the") and DEFINITE.exact.match(context.document.text, match.start("the"))
            mention = self._antecedent(definite, context) if definite else None  # "after the quake"
        if mention is None:
            return None
        return mention, EVENT_DATES if match.group("after") else ("established",)

    @staticmethod
    def _other_event(claim: Claim, start: Mention, context: Context) -> Mention | None:
        """In "Sindoor came 15 days after the attack" the duration ends at another event, the one its clause reports."""
        return next((m for m in context.sentence.mentions if m.kind == "event" and m.entity_id != start.entity_id), None)


def link_role(linker: Linker, claim: Claim, context: Context) -> RoleLink:
    """Resolve the person by the exact name written and the office by the title's aliases."""
    name_start, name_end = claim.detail("name_span")
    people = [m for m in context.sentence.mentions
              if (m.start, m.end) == (name_start, name_end) and m.kind in ("person", "other")]
    if not people:  # the store's alias may carry the honorific the name leaves out: "Sheikh Abdullah bin Zayed"
        people = [m for m in context.sentence.mentions if m.kind == "person" and m.end == name_end
                  and claim.start <= m.start < name_start and RANKS_ONLY.fullmatch(context.text(m.start, name_start))]
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
        # The office alone may still say who held it: the judge names that holder in its reason.
        only = {m.entity_id for m in offices}
        holders = linker.reader.facts_with_value("holds_office", only) if len(only) == 1 else []
        return RoleLink(None, tuple(offices), (), tuple(holders), f"no person named '{claim.value}' in the store")
    if not offices:
        return RoleLink(people[0].name, (), (), (), f"no office '{claim.unit}' in the store")
    office_ids = {m.entity_id for m in offices}
    terms = [f for f in linker.reader.facts([p.entity_id for p in people], ["holds_office"])
             if f.value_entity_id in office_ids]
    # Holders matter for the office the claim names, or the one the person held: never all offices of a title.
    pointed = {f.value_entity_id for f in terms} or (office_ids if len(office_ids) == 1 else set())
    holders = linker.reader.facts_with_value("holds_office", pointed)
    return RoleLink(people[0].name, tuple(offices), tuple(terms), tuple(holders))


def _sharing(candidate: Candidate, kind: str, context: Context) -> Candidate:
    """The candidate, told of another entity of its subject's kind named by overlapping words ("China")."""
    shared = next((m.name for m in context.sentence.mentions if m.name != candidate.subject
                   and m.kind == kind and _overlaps((m.start, m.end), candidate.span)), None)
    return candidate if shared is None else replace(candidate, shared_with=shared)
