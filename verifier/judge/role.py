"""Judge "Defence Minister X" against the office's holders and their terms at the as-of date.

A title without a country ("Defence Minister Singh") is resolved through the person:
it is consistent when X held any office of that title then. A named office that
someone else held on that day is a conflict, with that holder as the correction.
"""

from __future__ import annotations

import datetime as dt
import re

from ..document import Document
from ..link import RoleLink
from ..records import Claim, Judgement, Verdict
from .common import replace_figure, show_period, verdict


def judge(claim: Claim, link: RoleLink, document: Document) -> Judgement:
    if link.reason:
        return verdict(claim, Verdict.UNVERIFIED, link.reason)
    as_of = document.as_of.date
    days = [as_of] + [d for d in _years_named(claim, document) if d < as_of]
    if claim.detail("former"):
        past = [f for f in link.person_terms if f.valid_to and f.valid_to < as_of]
        if past:
            return verdict(claim, Verdict.CONSISTENT, f"{link.person} held {past[0].value} {show_period(past[0])}", past[0])
        return verdict(claim, Verdict.UNVERIFIED, f"no past term of {link.person} in this office is recorded")
    for day in days:
        for term in link.person_terms:
            if term.in_force(day):
                when = "" if day == as_of else f" (on {day})"
                return verdict(claim, Verdict.CONSISTENT, f"{link.person} holds {term.value} {show_period(term)}{when}", term)
    current = {}
    for term in link.holders:
        if term.in_force(as_of):
            current.setdefault(term.value, []).append(term)
    if link.person_terms:
        term = max(link.person_terms, key=lambda f: f.valid_from or as_of)
        successor = current.get(term.value, [])
        reason = f"outdated: {link.person} held {term.value} {show_period(term)}"
        if len(successor) == 1:
            return verdict(claim, Verdict.CONFLICTING, f"{reason}; {successor[0].subject} holds it {show_period(successor[0])}",
                           successor[0], replace_figure(claim, document.text, successor[0].subject, keep_prefix=True))
        return verdict(claim, Verdict.CONFLICTING, reason, term, "former " + claim.text)
    if len(link.offices) == 1 and len(current.get(link.offices[0].name, [])) == 1:
        holder = current[link.offices[0].name][0]
        return verdict(claim, Verdict.CONFLICTING,
                       f"{holder.subject} holds {holder.value} {show_period(holder)}, not {link.person}",
                       holder, replace_figure(claim, document.text, holder.subject, keep_prefix=True))
    return verdict(claim, Verdict.UNVERIFIED, f"no term of {link.person} in {claim.unit} is recorded")


def _years_named(claim: Claim, document: Document):
    """Explicit years in the claim's sentence: "In 2015, Defence Minister X" speaks of 2015."""
    start, end = document.sentence_of(claim.anchor)
    for match in re.finditer(r"\b(?:19|20)\d{2}\b", document.text[start:end]):
        year = int(match.group())
        yield from (dt.date(year, 1, 1), dt.date(year, 12, 31))
