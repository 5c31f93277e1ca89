"""Judge counts, money and percentages against quantity facts, as of the draft's date.

A sentence that names an earlier time ("in 2017, the SCO had eight members") is
judged against the figures in force then; a figure equal to a revised earlier
value is "outdated" unless the sentence speaks of the past.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claims_db.query import FactRow

from ..context import Context
from ..records import Claim, Judgement, Verdict
from ..rulebook import FERRY, Example, Rule, declare
from .common import replace_figure, show_date, show_value, states, verdict
from .numeric import applicable, current, during, format_number, format_ordinal, in_claims_unit, narrower, test

# A figure of an ongoing entity recorded this long before the as-of date may have been superseded (a quarter).
STALE_AFTER_DAYS = 90
DATED_NAME = re.compile(r"\b(?:1[89]|20)\d\d\b")  # a year in an entity's name: an edition, a dated event

OTHER_MEASURE = Rule(
    "judge.quantity.other-measure", "The store's figures for this are in another unit, currency or group of people.",
    fires=(Example("Bilateral trade under the Valdoria-Kestria ties reached €4.2 billion.", "€4.2 billion"),),
    quiet=(Example("Bilateral trade under the Valdoria-Kestria ties reached $4.2 billion.", "$4.2 billion"),))
MATCHES = Rule(
    "judge.quantity.matches", "The figure, with its hedge and written precision, agrees with a fact in force.",
    fires=(Example("The Aldmere ferry disaster killed 41 people, officials said.", "41 people", FERRY),
           Example("More than 40 people were killed in the Aldmere ferry disaster.", "More than 40 people", FERRY)),
    quiet=(Example("The Aldmere ferry disaster killed 44 people, officials said.", "44 people", FERRY),))
DIFFERS = Rule(
    "judge.quantity.differs", "Every fact in force lies outside what the figure's wording allows.",
    fires=(Example("The Aldmere ferry disaster killed 44 people, officials said.", "44 people", FERRY),
           Example("More than 60 people were killed in the Aldmere ferry disaster.", "More than 60 people", FERRY)),
    quiet=(Example("The Aldmere ferry disaster killed 41 people, officials said.", "41 people", FERRY),
           Example("The Aldmere ferry disaster killed 38 people.", "38 people", FERRY)))
OUTDATED = Rule(
    "judge.quantity.outdated", "The figure was right on an earlier date and has been revised since.",
    fires=(Example("The Aldmere ferry disaster killed 38 people.", "38 people", FERRY),
           Example("Kestrel Motors said sales were up 24% on a year earlier.", "24%", "2025-06-01")),
    quiet=(Example("The Aldmere ferry disaster killed 38 people.", "38 people", "2024-03-02"),
           Example("The Aldmere ferry disaster killed 44 people.", "44 people", FERRY),
           Example("Kestrel Motors said sales were up 24% on a year earlier.", "24%", "2025-12-01")))
VAGUE = Rule(
    "judge.quantity.vague", "The hedge neither covers the fact nor surely excludes it ('nearly 50' for 41).",
    fires=(Example("Nearly 50 people were killed in the Aldmere ferry disaster.", "Nearly 50 people", FERRY),),
    quiet=(Example("More than 40 people were killed in the Aldmere ferry disaster.", "More than 40 people", FERRY),))
COUNT_MAY_HAVE_GROWN = Rule(
    "judge.quantity.count-may-have-grown", "An ordinal one above a dated count may be the one that grew it.",
    fires=(Example("Kestria became the 13th member of the NTC.", "13th member"),),
    quiet=(Example("Kestria became the 14th member of the NTC.", "14th member"),))
EARLIER_ORDINAL = Rule(
    "judge.quantity.earlier-ordinal", "An ordinal below today's count may have been right when it happened.",
    fires=(Example("Kestria became the 11th member of the NTC.", "11th member"),),
    quiet=(Example("Kestria became the 12th member of the NTC.", "12th member"),))
NARROWER_GROUP = Rule(
    "judge.quantity.narrower-group", "A smaller count of a narrower group ('25 tourists') may be a part of everyone counted.",
    fires=(Example("The Aldmere ferry disaster killed 30 tourists.", "30 tourists", FERRY),),
    quiet=(Example("The Aldmere ferry disaster killed 30 people.", "30 people", FERRY),))
PAST_FIGURE = Rule(
    "judge.quantity.past-figure", "An earlier value in a sentence that speaks of the past ('had', 'until') is not outdated.",
    fires=(Example("The Aldmere ferry disaster had killed 38 people.", "38 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster killed 38 people.", "38 people", FERRY),))
NOT_YET_KNOWN = Rule(
    "judge.quantity.not-yet-known", "The store's figures all date from after the as-of date.",
    fires=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", "2024-02-01"),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))
AT_NAMED_TIME = Rule(
    "judge.quantity.at-named-time", "A sentence naming an earlier year is judged by the figures in force then.",
    fires=(Example("On 2 March 2024, the Aldmere ferry disaster had killed 38 people.", "38 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster had killed 38 people.", "38 people", FERRY),))
NAMED_TIME_UNKNOWN = Rule(
    "judge.quantity.named-time-unknown", "The sentence names an earlier time the store has no figure for.",
    fires=(Example("In 2010, the NTC had 9 members.", "9 members"),),
    quiet=(Example("The NTC now has 12 members.", "12 members"),))
STALE = Rule(
    "judge.quantity.newer-figure-possible", "A figure of something ongoing (a company, a country, a team) that the "
                                            "store last recorded long before the as-of date may have changed since.",
    fires=(Example("The Valdorian economy grew 8.1 per cent.", "8.1 per cent", "2025-12-01"),
           Example("The NTC has 14 members.", "14 members", "2025-12-01"),
           Example("Tessaly grew 4.1 per cent.", "4.1 per cent", "2025-09-01"),
           Example("Kestrel Motors said sales were up 24% on a year earlier.", "24%", "2025-12-01")),
    quiet=(Example("The Valdorian economy grew 8.1 per cent.", "8.1 per cent", "2025-06-26"),
           Example("Kestrel Motors said sales were up 24% on a year earlier.", "24%", "2025-06-01"),
           Example("The Aldmere ferry disaster killed 44 people.", "44 people", "2025-12-01")))
IN_CLAIMS_UNIT = Rule(
    "judge.quantity.in-claims-unit", "A length, mass, power or speed in another unit of the same dimension is compared "
                                     "in the claim's unit (2.023 km against 2023 m), within the claim's written precision.",
    fires=(Example("The Orrin Canal is 57,090 m long.", "57,090 m"),
           Example("The Orrin Canal is 35.5 miles long.", "35.5 miles"),
           Example("The Orrin Canal is 40 miles long.", "40 miles")),
    quiet=(Example("The Orrin Canal is 57 km long.", "57 km"),))
EVENT_YEAR = Rule(
    "judge.quantity.event-year", "An earlier year the store has no figure for, named in a sentence about an event, "
                                 "dates the event; its figure is the one counted since ('In 2019, the disaster killed 41').",
    fires=(Example("In 2022, the Aldmere ferry disaster killed 41 people.", "41 people", FERRY),
           Example("Back in 2023 the Brenholt mine collapse killed 17 people.", "17 people", FERRY),
           Example("In 2023, the Brenholt mine collapse killed 19 people.", "19 people", FERRY)),
    quiet=(Example("On 2 March 2024, the Aldmere ferry disaster had killed 38 people.", "38 people", FERRY),
           Example("In 2010, the NTC had 9 members.", "9 members")))
declare(EVENT_YEAR, IN_CLAIMS_UNIT, STALE, OTHER_MEASURE, MATCHES, DIFFERS, OUTDATED, VAGUE, COUNT_MAY_HAVE_GROWN, EARLIER_ORDINAL, NARROWER_GROUP,
        PAST_FIGURE, NOT_YET_KNOWN, AT_NAMED_TIME, NAMED_TIME_UNKNOWN)


def judge(claim: Claim, facts: tuple[FactRow, ...], context: Context) -> Judgement:
    converted = tuple(in_claims_unit(claim, f) for f in facts)
    result = _judge(claim, converted, context)
    if _event_year(claim, converted, context):
        result = replace(result, trace=(EVENT_YEAR.id, *result.trace))
    if result.fact is not None and result.fact not in facts:  # judged against a fact in the claim's unit
        return replace(result, trace=(IN_CLAIMS_UNIT.id, *result.trace))
    return result


def _judge(claim: Claim, facts: tuple[FactRow, ...], context: Context) -> Judgement:
    as_of = context.as_of
    write = format_ordinal if claim.kind == "ordinal" else format_number
    facts = tuple(f for f in facts if applicable(claim, f))
    if not facts:
        return verdict(claim, Verdict.UNVERIFIED, "the store's figures measure something else (unit or group)",
                       rule=OTHER_MEASURE)
    figure = context.text(claim.anchor, claim.figure_end)
    earlier_times = [] if context.present(claim) else [
        (first, last) for first, last in context.times(claim)
        if first <= as_of and not first <= as_of <= last and first.year != as_of.year]
    if earlier_times:
        then = [f for first, last in earlier_times for f in during(facts, first, last)]
        agree = next((f for f in then if test(claim, figure, f.value, f.tolerance or 0.0) is Verdict.CONSISTENT), None)
        if agree is not None:
            return verdict(claim, Verdict.CONSISTENT, f"{states(agree)}"
                                                      f" as of {show_date(agree.date)} (the time the sentence names)", agree,
                           rule=AT_NAMED_TIME)
        if claim.kind == "ordinal":  # "their third title, the first since 1986": the event's own time may be meant
            earlier_times = []
        elif not then and all(f.subject_kind == "event" for f in facts):
            # "In 2011, a quake killed nearly 20,000": the year dates the event; its toll was counted later.
            earlier_times = []
    if earlier_times:
        if not then:
            return verdict(claim, Verdict.UNVERIFIED, "the sentence speaks of an earlier time the store has no "
                                                      "figure for", rule=NAMED_TIME_UNKNOWN)
        if any(test(claim, figure, f.value, f.tolerance or 0.0) is Verdict.UNVERIFIED for f in then):
            return verdict(claim, Verdict.UNVERIFIED, "vague for the time the sentence names", then[-1], rule=VAGUE)
        # Every figure in force then disagrees: whichever moment the sentence means, the claim is wrong.
        fact = then[-1]
        values = ", ".join(dict.fromkeys(show_value(f) for f in then))
        return verdict(claim, Verdict.CONFLICTING, f"{fact.subject}: {fact.plain_predicate} was {values} in the time the "
                                                   f"sentence names, not {claim.text.strip()}", fact,
                       replace_figure(claim, context.document.text,
                                      claim.detail("prefix", "") + write(fact.value, figure)), rule=AT_NAMED_TIME)
    now, earlier = current(facts, as_of)
    if not now:
        return verdict(claim, Verdict.UNVERIFIED, f"the store has no figure known by {as_of}", facts[0],
                       rule=NOT_YET_KNOWN)
    results = [(test(claim, figure, f.value, f.tolerance or 0.0), f) for f in now]
    for result, fact in results:
        if result is Verdict.CONSISTENT:
            return verdict(claim, result, f"{states(fact)}"
                                          + (f" (as of {show_date(fact.date)})" if fact.date else ""), fact, rule=MATCHES)
    conflicting = [f for r, f in results if r is Verdict.CONFLICTING]
    if len(conflicting) == len(results):
        fact = conflicting[0]
        if claim.kind == "ordinal" and claim.value == fact.value + 1 and (fact.date is None or fact.date < as_of):
            # A count grows: "their third title" after a store figure of 2 may be the title that made it 3.
            return verdict(claim, Verdict.UNVERIFIED, f"{fact.subject}: {fact.plain_predicate} was {show_value(fact)}"
                                                      f"{f' as of {show_date(fact.date)}' if fact.date else ''}; the count may "
                                                      "have grown since", fact, rule=COUNT_MAY_HAVE_GROWN)
        if claim.kind == "ordinal" and claim.value < fact.value:
            # "became the 11th member" when there are 12 now: it may have been the 11th then.
            return verdict(claim, Verdict.UNVERIFIED, f"{fact.subject}: {fact.plain_predicate} is {show_value(fact)} now; "
                                                      f"the {figure} may have come earlier", fact,
                           rule=EARLIER_ORDINAL)
        if narrower(claim, fact) and claim.value < fact.value:
            return verdict(claim, Verdict.UNVERIFIED, f"'{claim.noun}' may be a part of the {show_value(fact)} "
                                                      f"of {fact.subject} {fact.plain_predicate}", fact,
                           rule=NARROWER_GROUP)
        old = next((f for f in earlier if test(claim, figure, f.value, f.tolerance or 0.0) is Verdict.CONSISTENT), None)
        if _stale(fact, as_of):  # the newest figure known is old itself: a later one may differ, or agree
            before = f"{show_value(old)} was the figure as of {show_date(old.date)}, and " if old is not None else ""
            return verdict(claim, Verdict.UNVERIFIED, f"{before}{fact.subject}: {fact.plain_predicate} was {show_value(fact)} "
                                                      f"as of {show_date(fact.date)}; a later figure may differ", fact, rule=STALE)
        if old is not None and context.past():
            return verdict(claim, Verdict.UNVERIFIED, f"{show_value(old)} was the figure as of {show_date(old.date)}, and the "
                                                      f"sentence speaks of the past; it is {show_value(fact)} now", old,
                           rule=PAST_FIGURE)
        suggestion = replace_figure(claim, context.document.text,
                                    claim.detail("prefix", "") + write(fact.value, figure))
        if old is not None:
            reason = (f"outdated: {show_value(old)} was the figure as of {show_date(old.date)}; "
                      f"{fact.subject} {fact.plain_predicate} is {show_value(fact)} as of {show_date(fact.date)}")
        else:
            reason = f"{fact.subject}: {fact.plain_predicate} is {show_value(fact)}, not {claim.text.strip()}"
        return verdict(claim, Verdict.CONFLICTING, reason, fact, suggestion, rule=OUTDATED if old else DIFFERS)
    fact = next(f for r, f in results if r is Verdict.UNVERIFIED)
    return verdict(claim, Verdict.UNVERIFIED,
                   f"vague: '{claim.text.strip()}' neither matches nor surely contradicts "
                   f"{fact.subject} {fact.plain_predicate} {show_value(fact)}", fact, rule=VAGUE)


def _event_year(claim: Claim, facts: tuple[FactRow, ...], context: Context) -> bool:
    """Whether the sentence names an earlier time the store has no figure for, of an event: its own date."""
    if claim.kind == "ordinal" or context.present(claim) or not facts or any(f.subject_kind != "event" for f in facts):
        return False
    as_of = context.as_of
    times = [(first, last) for first, last in context.times(claim)
             if first <= as_of and not first <= as_of <= last and first.year != as_of.year]
    return bool(times) and not [f for first, last in times for f in during(facts, first, last)]


def _stale(fact: FactRow, as_of) -> bool:
    """Whether the fact is an ongoing entity's figure recorded long enough ago to have been superseded.

    An event's figures settle, and so do those of an entity named for a dated edition ("China at the
    2010 Asian Games"); a company's revenue, a country's growth or a team's title count move on.
    """
    if fact.subject_kind == "event" or DATED_NAME.search(fact.subject):
        return False
    return fact.date is not None and (as_of - fact.date).days > STALE_AFTER_DAYS
