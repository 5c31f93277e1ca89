"""Which entity a claim is about: named in its sentence, behind "the bridge", described by an event's head word
and a place, the story's topic before or after it; and who is cut off (contrasts, parts, relative clauses)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from claims_db.query import FactRow, Mention

from ..context import Context, date_range
from ..records import Claim
from ..wordscan import word_key
from .records import Candidate, Evidence, Link
from .rules import (ANTECEDENT, CONTRAST_CUTS, DATED_OTHER_EVENT, NO_FACT, PART_CUTS, POSSESSOR_SKIPPED, RELATIVE_CUTS,
                    STORY_TOPIC, TOPIC_RULE)
from .text import (CONTRAST, DATED_EVENT, DEFINITE, DESCRIBED_WITHIN_DAYS, EVENT_DATES, EVENT_HEAD, HEAD_SYNONYMS,
                   NAMED_HEAD, PLACES, POSSESSIVE, RELATIVE, TOPIC, ATTACHMENT, EarlierMentions, _distance, subjects)


LEDE_SENTENCES = 2  # a lede names its subject within the next two sentences, or not at all

class SubjectFinder:
    """The subject half of the Linker: needs `self.reader` and `self._cache` (per document)."""

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
            word = word_key(head.group("head"))
            words = {word, HEAD_SYNONYMS.get(word, "")} - {""}
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

    def _sentence_subjects(self, context: Context) -> tuple[list[Mention], set[Mention]]:
        """The sentence's possible subjects and which of them possess the next one ("the SCO's anti-terror body"):
        found once per sentence, each mention compared with the one after it only."""
        key = (id(context.document), context.sentence.span, "subjects")
        if key not in self._cache:
            text, mentions = context.document.text, subjects(context.sentence.mentions)
            starts = [n.start for n in mentions]
            possessors = set()
            for m in mentions:  # the next mention starting after m ends (twins of one span are skipped)
                i = bisect_left(starts, m.end)
                if i < len(mentions) and POSSESSIVE.fullmatch(text, m.end, mentions[i].start):
                    possessors.add(m)
            self._cache[key] = (mentions, possessors)
        return self._cache[key]

    def _entities(self, claim: Claim, context: Context, trace: list[str]) -> dict[int, tuple[Mention, int]]:
        """Entities of the sentence with their distance; not across a contrast ("..., while X killed 40"),
        nor in the parts of a total after it, nor a possessor of another entity ("the SCO's anti-terror body,
        set up in 2004"). The rules that left one out go on the trace."""
        span = (claim.start, claim.end)
        mentions, possessors = self._sentence_subjects(context)
        named_before = any(n.end <= span[0] for n in mentions)
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
            if m.start >= span[1] and named_before and context.sentence.between(
                    RELATIVE, span[1], m.start):
                trace.append(RELATIVE_CUTS.id)
                continue
            distance = _distance((m.start, m.end), span)
            if m.entity_id not in entities or entities[m.entity_id][1] > distance:
                entities[m.entity_id] = (m, distance)
        return entities

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
            later = subjects(context.mentions[bisect_right(context.ends, context.sentence.span[1]):
                                              bisect_right(context.ends, _ahead(context, LEDE_SENTENCES))])
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
        definite = DEFINITE.exact.match(text, start)
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
        return next(iter(SubjectFinder._antecedents(definite, context)), None)

    @staticmethod
    def _antecedents(definite: re.Match, context: Context) -> list[Mention]:
        """The earlier mentions a definite may stand for, latest first: one for an event's head ("the quake"); for
        a common noun ("the bridge"), each entity whose name ends with it, so that their facts decide."""
        head, index = word_key(definite.group("head")).rstrip("s"), EarlierMentions.of(context)
        if definite.re is not NAMED_HEAD:
            latest = index.latest_containing(head, definite.start())
            return [latest] if latest is not None else []
        return index.ending_with(head, definite.start(), most=3)

    def _add_antecedents(self, claim: Claim, context: Context, entities: dict) -> list[int]:
        """ "the attack" stands for the nearest earlier mention whose name says attack; the ids added."""
        added = []
        for span, mentions in self._definite_antecedents(context):
            distance = _distance(span, (claim.start, claim.end))
            for mention in mentions:
                if mention.entity_id not in entities or entities[mention.entity_id][1] > distance:
                    entities[mention.entity_id] = (mention, distance)
                    added.append(mention.entity_id)
        return added

    def _definite_antecedents(self, context: Context) -> list[tuple[tuple[int, int], list[Mention]]]:
        """Each definite of the sentence that is not part of a name, with the mentions it may stand for: the same
        for every claim of the sentence, so found once per sentence."""
        key = (id(context.document), context.sentence.span, "antecedents")
        if key not in self._cache:
            found = []
            for match in self._definites(context):
                head_at = match.start("head")
                following = context.mentions[bisect_right(context.ends, head_at):bisect_right(context.ends, head_at) + 4]
                if any(m.start <= head_at < m.end for m in following):
                    continue  # part of a name already found
                found.append((match.span(), self._antecedents(match, context)))
            self._cache[key] = found
        return self._cache[key]


def _ahead(context: Context, count: int) -> int:
    """Where the `count`-th sentence after the claim's ends: how far a lede's subject may be named after it."""
    spans = context.document.sentences
    index = bisect_right(spans, (context.sentence.span[0], len(context.document.text) + 1)) - 1
    return spans[min(index + count, len(spans) - 1)][1]
