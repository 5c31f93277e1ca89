"""Judge "Defence Minister X" against the office's holders and their terms at the as-of date.

A title without a country ("Defence Minister Singh") is resolved through the person:
it is consistent when X held any office of that title then. A named office that
someone else held on that day is a conflict, with that holder as the correction.
"""

from __future__ import annotations

from ..context import OPENING, Context, date_range
from ..link import RoleLink
from ..records import Claim, Judgement, Verdict
from ..rulebook import Example, Rule, declare
from .common import replace_figure, show_date, show_period, verdict, within_week

UNLINKED = Rule(
    "judge.role.unlinked", "The store knows no person by the name written, or no office by the title; when it knows "
                           "the one office named, the reason names who held it then (the editor may mean them).",
    fires=(Example("Valdorian Defence Minister Petra Lune visited the port.", "Petra Lune"),
           Example("Petra Lune, Valdoria's Defence Minister, toured the harbour.", "Petra Lune"),
           Example("The Defence Minister of Valdoria, Petra Lune, met the crew.", "Petra Lune")),
    quiet=(Example("Valdorian Defence Minister Oren Talvik visited the port.", "Oren Talvik"),))
HOLDS = Rule(
    "judge.role.holds", "The person held an office of that title on the as-of date, or in the time the sentence names.",
    fires=(Example("Valdorian Defence Minister Oren Talvik visited the port.", "Oren Talvik"),
           Example("Defence Minister Talvik visited the port.", "Talvik")),
    quiet=(Example("Kestrian Defence Minister Oren Talvik visited the port.", "Oren Talvik"),))
FORMER = Rule(
    "judge.role.former", "'Former X' claims a past term, which must be recorded.",
    fires=(Example("Former Defence Minister Mira Castell visited the port.", "Mira Castell"),),
    quiet=(Example("The Defence Minister of Valdoria, Mira Castell, visited the port.", "Mira Castell"),))
OUTDATED = Rule(
    "judge.role.outdated", "The person's term in the office ended before the time the sentence speaks of.",
    fires=(Example("The Defence Minister of Valdoria, Mira Castell, visited the port.", "Mira Castell"),),
    quiet=(Example("The Defence Minister of Valdoria, Mira Castell, visited the port.", "Mira Castell", "2023-06-26"),))
HANDOVER = Rule(
    "judge.role.handover", "On the day a term ends, the one sworn in is the successor: a sentence telling of a start "
                           "that day does not name the outgoing holder.",
    fires=(Example("Valdorian Defence Minister Mira Castell took office on 30 April 2024.", "Mira Castell"),
           Example("Defence Minister Mira Castell of Valdoria was sworn in on 30 April 2024.", "Mira Castell"),
           Example("On 30 April 2024, Valdorian Defence Minister Mira Castell assumed office.", "Mira Castell")),
    quiet=(Example("Valdorian Defence Minister Mira Castell signed the order on 30 April 2024.", "Mira Castell"),))
RECENTLY_ENDED = Rule(
    "judge.role.recently-ended", "A term that ended in the week before the as-of date may be the one the story reports "
                                 "(a captain on the day of his last match): not outdated.",
    fires=(Example("The Defence Minister of Valdoria, Mira Castell, visited the port.", "Mira Castell", "2024-05-03"),
           Example("Valdorian Defence Minister Mira Castell signed the order on Monday.", "Mira Castell", "2024-05-06"),
           Example("Mira Castell, Valdoria's Defence Minister, left the talks early.", "Mira Castell", "2024-05-05")),
    quiet=(Example("The Defence Minister of Valdoria, Mira Castell, visited the port.", "Mira Castell", "2024-06-26"),
           Example("Valdorian Defence Minister Mira Castell signed the order on Monday.", "Mira Castell", "2024-05-08")))
NOT_YET = Rule(
    "judge.role.not-yet-in-office", "The person took the office only after the time the sentence speaks of.",
    fires=(Example("Valdorian Defence Minister Oren Talvik visited the port.", "Oren Talvik", "2023-06-26"),),
    quiet=(Example("Valdorian Defence Minister Oren Talvik visited the port.", "Oren Talvik"),))
OTHER_HOLDER = Rule(
    "judge.role.other-holder", "Someone else, and one person only, held the named office then.",
    fires=(Example("Kestrian Defence Minister Oren Talvik visited the port.", "Oren Talvik"),),
    quiet=(Example("Valdorian Defence Minister Oren Talvik visited the port.", "Oren Talvik"),))
NO_TERM = Rule(
    "judge.role.no-term", "No term of the person in the office is recorded, and the store cannot say who held it.",
    fires=(Example("In 2010, Valdorian Defence Minister Ilse Brandt visited the port.", "Ilse Brandt"),),
    quiet=(Example("Valdorian Defence Minister Oren Talvik visited the port.", "Oren Talvik"),))
declare(UNLINKED, HOLDS, FORMER, OUTDATED, HANDOVER, RECENTLY_ENDED, NOT_YET, OTHER_HOLDER, NO_TERM)


def judge(claim: Claim, link: RoleLink, context: Context) -> Judgement:
    if link.reason:
        return verdict(claim, Verdict.UNVERIFIED, link.reason + _holder_then(link, context.as_of), rule=UNLINKED)
    as_of, document = context.as_of, context.document
    # "In 2023, Defence Minister X" speaks of 2023 only; a year elsewhere in the sentence may be
    # about something else ("who was chief minister in 2013"), so there any day named or today will do.
    opening = [date_range(c) for c in context.sentence.claims
               if c.kind == "date" and c.start - context.sentence.span[0] <= OPENING and c.end <= claim.start]
    if opening and opening[0][1] < as_of:
        periods = [(as_of, as_of)] + opening  # the opening year decides: see `named` below
    else:
        periods = [(as_of, as_of)] + [(first, min(last, as_of)) for first, last in context.periods(claim)
                                      if first <= as_of]
    if claim.detail("former"):
        past = [f for f in link.person_terms if f.valid_to and f.valid_to < as_of]
        if past:
            return verdict(claim, Verdict.CONSISTENT, f"{link.person} held {past[0].value} {show_period(past[0])}", past[0],
                           rule=FORMER)
        return verdict(claim, Verdict.UNVERIFIED, f"no past term of {link.person} in this office is recorded",
                       rule=FORMER)
    for first, last in (periods[1:] if opening and opening[0][1] < as_of else periods):
        for term in link.person_terms:
            # A term that ends on a period's first day held only the handover day of it.
            # A term that ends on the day the sentence names held it that day, unless the sentence tells of a
            # start then ("X was sworn in on 10 December"): the outgoing holder is not the one sworn in.
            handover = first == last and context.tells_a_start()
            ends_after = term.valid_to is None or (first <= term.valid_to if first == last and not handover
                                                   else first < term.valid_to)
            if (term.valid_from is None or term.valid_from <= last) and ends_after:
                when = "" if (first, last) == (as_of, as_of) else f" (in the time the sentence names, {first} to {last})"
                return verdict(claim, Verdict.CONSISTENT, f"{link.person} holds {term.value} {show_period(term)}{when}", term,
                               rule=HOLDS)
    handed = [(t, first) for first, last in periods[1:] if first == last and context.tells_a_start()
              for t in link.person_terms if t.valid_to == first]
    if handed:  # "X was sworn in on the day X's term ended": the one sworn in that day, if the store knows them
        term, day = handed[0]
        incoming = [h for h in link.holders if h.value == term.value and h.valid_from == day and h.subject != link.person]
        if len(incoming) == 1:
            return verdict(claim, Verdict.CONFLICTING, f"{link.person}'s term in {term.value} ended on {show_date(day)}; "
                                                       f"{incoming[0].subject} took it that day", incoming[0],
                           replace_figure(claim, document.text, incoming[0].subject, keep_prefix=True), rule=HANDOVER)
        return verdict(claim, Verdict.UNVERIFIED, f"{link.person}'s term in {term.value} ended on {show_date(day)}, the day the "
                                                  "sentence tells of a start", term, rule=HANDOVER)
    named = [(first, last) for first, last in periods[1:] if last < as_of]
    current = {}
    for term in link.holders:
        if term.in_force(as_of):
            current.setdefault(term.value, []).append(term)
    if link.person_terms and all(t.valid_from and t.valid_from > as_of for t in link.person_terms):
        # Not yet in office: wrong when the store knows who held the office on the day, else unknown.
        term = min(link.person_terms, key=lambda f: f.valid_from)
        holders = current.get(term.value, [])
        if len(holders) != 1:  # (every time the sentence names is before the as-of date, so before the term too)
            return verdict(claim, Verdict.UNVERIFIED, f"{link.person} took this office only after {show_date(as_of)}", term,
                           rule=NOT_YET)
        return verdict(claim, Verdict.CONFLICTING, f"{link.person} took {term.value} only on {show_date(term.valid_from)}; "
                                                   f"{holders[0].subject} holds it {show_period(holders[0])}",
                       holders[0], replace_figure(claim, document.text, holders[0].subject, keep_prefix=True),
                       rule=NOT_YET)
    if named:
        return _then(claim, link, named[0], context)
    if link.person_terms:
        term = max(link.person_terms, key=lambda f: f.valid_from or as_of)
        if term.valid_to and within_week(term.valid_to, as_of):
            return verdict(claim, Verdict.UNVERIFIED, f"{link.person} held {term.value} {show_period(term)}, until the "
                                                      "week the story reports on", term, rule=RECENTLY_ENDED)
        successor = current.get(term.value, [])
        reason = f"outdated: {link.person} held {term.value} {show_period(term)}"
        if len(successor) == 1:
            return verdict(claim, Verdict.CONFLICTING, f"{reason}; {successor[0].subject} holds it {show_period(successor[0])}",
                           successor[0], replace_figure(claim, document.text, successor[0].subject, keep_prefix=True),
                           rule=OUTDATED)
        return verdict(claim, Verdict.CONFLICTING, reason, term, "former " + claim.text, rule=OUTDATED)
    if len(link.offices) == 1 and len(current.get(link.offices[0].name, [])) == 1:
        holder = current[link.offices[0].name][0]
        return verdict(claim, Verdict.CONFLICTING,
                       f"{holder.subject} holds {holder.value} {show_period(holder)}, not {link.person}",
                       holder, replace_figure(claim, document.text, holder.subject, keep_prefix=True), rule=OTHER_HOLDER)
    return verdict(claim, Verdict.UNVERIFIED, f"no term of {link.person} in {claim.unit} is recorded", rule=NO_TERM)


def _then(claim: Claim, link: RoleLink, period, context: Context) -> Judgement:
    """ "In 2010, Defence Minister X": X did not hold the office then; who did, if one person did."""
    first, last = period
    then = [t for t in link.holders if (t.valid_from is None or t.valid_from <= last)
            and (t.valid_to is None or first <= t.valid_to)]
    held = "; ".join(f"{t.value} {show_period(t)}" for t in link.person_terms) or "no recorded term"
    if len({t.subject for t in then}) == 1 and len({t.value for t in then}) == 1:
        holder = then[0]
        return verdict(claim, Verdict.CONFLICTING,
                       f"{holder.subject} held {holder.value} in the time the sentence names ({show_date(first)} to {show_date(last)}); "
                       f"{link.person}: {held}", holder,
                       replace_figure(claim, context.document.text, holder.subject, keep_prefix=True), rule=OTHER_HOLDER)
    return verdict(claim, Verdict.UNVERIFIED, f"{link.person} held no such office in the time the sentence names "
                                              f"({show_date(first)} to {show_date(last)}), and the store does not say who did; {held}",
                   rule=NO_TERM)


def _holder_then(link: RoleLink, day) -> str:
    """"; the store's Minister of Defence of Valdoria on 26 June 2025 is Oren Talvik", when one person held the one
    office named on that day; else nothing. Said, never judged: the name written may be one the store lacks."""
    then = {t.subject for t in link.holders if t.in_force(day)}
    if len(then) != 1 or not link.holders:
        return ""
    return f"; the store's {link.holders[0].value} on {show_date(day)} is {then.pop()}"
