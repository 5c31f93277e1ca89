"""Judge dates, months, years and weekdays against date facts and periods (offices, memberships).

Only what the text fixed is compared: "April 22" is checked by month and day when
its year was inferred; "in 2023" against the year of a date, or against the years a
period covers ("India's presidency of SCO in 2023" against September 2022 - July 2023).
"""

from __future__ import annotations

import calendar
import datetime as dt

from claims_db.query import FactRow

from ..context import Context, date_range
from ..records import Claim, Judgement, Verdict
from ..rulebook import FERRY, Example, Rule, declare
from .common import replace_figure, show_date, show_period, show_value, states, verdict, within_week

MATCHES = Rule(
    "judge.date.matches", "The date agrees with a date fact, in what the text fixed (day and month when the year was inferred).",
    fires=(Example("The Aldmere ferry disaster of March 1 shocked the nation.", "March 1", FERRY),
           Example("The Aldmere ferry disaster on 1 March 2024 shocked the nation.", "1 March 2024", FERRY),
           Example("Divers worked at the Aldmere ferry disaster site on February 29 and March 1.",
                   "February 29 and March 1", FERRY)),
    quiet=(Example("The Aldmere ferry disaster of March 3 shocked the nation.", "March 3", FERRY),))
DIFFERS = Rule(
    "judge.date.differs", "The date differs from the date fact it is linked to.",
    fires=(Example("The Aldmere ferry disaster of March 3 shocked the nation.", "March 3", FERRY),
           Example("The Aldmere ferry disaster in 2023 shocked the nation.", "2023", FERRY)),
    quiet=(Example("The Aldmere ferry disaster of March 1 shocked the nation.", "March 1", FERRY),))
SCHEDULED = Rule(
    "judge.date.scheduled", "A date after the as-of date agrees when a fact has it, and else stays open.",
    fires=(Example("The Harbour Summit will be held on June 25.", "June 25", "2025-06-01"),
           Example("The Harbour Summit will be held on June 28.", "June 28", "2025-06-01")),
    quiet=(Example("Ministers met at the Harbour Summit on Thursday.", "on Thursday"),))
WEEKDAY_ANY_WEEK = Rule(
    "judge.date.weekday-any-week", "'on a Friday' is the weekday of the event's date, whatever the week.",
    fires=(Example("The Aldmere ferry disaster happened on a Friday.", "on a Friday"),
           Example("The Aldmere ferry disaster happened on a Monday.", "on a Monday")),
    quiet=(Example("Ministers met at the Harbour Summit on Thursday.", "on Thursday"),))
NOT_THIS_WEEK = Rule(
    "judge.date.not-this-week", "A bare weekday is a day of the week before the as-of date; the store's date is not.",
    fires=(Example("Kestria joined the NTC on Tuesday.", "Tuesday"),),
    quiet=(Example("Kestria joined the NTC on Tuesday.", "Tuesday", "2023-07-06"),))
PERIOD_START = Rule(
    "judge.date.period-start", "'joined in 2017', 'took office in May': the date is when a period (membership, office) began.",
    fires=(Example("Kestria joined the NTC on Tuesday.", "Tuesday", "2023-07-06"),
           Example("Kestria joined the NTC on Monday.", "Monday", "2023-07-06")),
    quiet=(Example("Valdoria's presidency of the NTC in 2023 was busy.", "2023"),))
IN_PERIOD = Rule(
    "judge.date.in-period", "A year agrees with a period (a presidency, a term) that covers it, else conflicts.",
    fires=(Example("Valdoria's presidency of the NTC in 2023 was busy.", "2023"),
           Example("Valdoria's presidency of the NTC in 2020 was busy.", "2020")),
    quiet=(Example("The Aldmere ferry disaster in 2023 shocked the nation.", "2023", FERRY),))
NO_DATE = Rule(
    "judge.date.no-date", "None of the linked facts has a date to compare, or only a period whose ends the day is not.",
    fires=(Example("Valdoria chaired the NTC on 9 May 2023.", "9 May 2023"),),
    quiet=(Example("The Aldmere ferry disaster of March 1 shocked the nation.", "March 1", FERRY),))
MANY = Rule(
    "judge.date.many-valued", "A subject with several separate dates for one predicate (titles won, launches, visits) "
                              "may have more than the store lists: a date matching none is unverified.",
    fires=(Example("Corvin Rovers won a title in 2019.", "2019"),
           Example("Corvin Rovers lifted the cup in 2016.", "2016"),
           Example("Corvin Rovers won their last title on 3 May 2021.", "3 May 2021")),
    quiet=(Example("Ministers met at the Harbour Summit on Monday.", "on Monday"),
           Example("The Aldmere ferry disaster in 2023 shocked the nation.", "2023", FERRY)))
NO_YEAR_KNOWN = Rule(
    "judge.date.no-year-known", "A draft whose dateline has no year, in a text naming none, cannot place a date: "
                                "every date claim stays unverified (never a year from the file's date).",
    fires=(Example("PORT ALDMERE, March 2 (Wire) — The Aldmere ferry disaster struck on March 1.", "March 1", None),
           Example("PORT ALDMERE, March 4 (Wire) — Rescuers worked on Sunday.", "Sunday", None),
           Example("PORT ALDMERE, May 9 (Wire) — The ferry sank on March 1 and divers came on March 3.", "March 3",
                   None)),
    quiet=(Example("PORT ALDMERE, March 2 (Wire) — The Aldmere ferry disaster of 2024 struck on March 1.", "March 1",
                   None),))
declare(NO_YEAR_KNOWN, MANY, MATCHES, DIFFERS, SCHEDULED, WEEKDAY_ANY_WEEK, NOT_THIS_WEEK, PERIOD_START, IN_PERIOD, NO_DATE)


def _matches(claim: Claim, day: dt.date) -> bool:
    value = claim.value
    if claim.precision in ("day", "weekday"):
        claimed = dt.date.fromisoformat(value)
        if claim.precision == "day" and not claim.detail("year_given", True):
            return (claimed.month, claimed.day) == (day.month, day.day)
        return claimed == day
    if claim.precision == "month":
        return value == f"{day.year}-{day.month:02d}"
    return value == str(day.year)


def _write_date(claim: Claim, day: dt.date, text: str) -> str:
    """The fact's date written the way the draft wrote its own."""
    if claim.precision == "year":
        return replace_figure(claim, text, text[claim.anchor:claim.end].replace(claim.value, str(day.year)))
    if claim.precision == "month":
        return f"{calendar.month_name[day.month]} {day.year}"
    if claim.precision == "weekday":
        return ("on " if claim.text.lower().startswith("on ") else "") + calendar.day_name[day.weekday()]
    day_first = claim.text.strip()[:1].isdigit()
    month = calendar.month_name[day.month]
    written = f"{day.day} {month}" if day_first else f"{month} {day.day}"
    if claim.detail("year_given"):
        written += f" {day.year}" if day_first else f", {day.year}"
    return written


def _period_years(fact: FactRow, as_of: dt.date) -> tuple[int, int] | None:
    if fact.valid_from is None and fact.valid_to is None:
        return None
    return (fact.valid_from.year if fact.valid_from else 1, (fact.valid_to or as_of).year)


def _weekday(claim: Claim, dated: list[FactRow], text: str) -> Judgement:
    """ "took place on a Thursday": the weekday of the event's date, whatever the week."""
    if not dated:
        return verdict(claim, Verdict.UNVERIFIED, "no date among the linked facts", rule=NO_DATE)
    claimed = dt.date.fromisoformat(claim.value).weekday()
    for fact in dated:
        if fact.value.weekday() == claimed:
            return verdict(claim, Verdict.CONSISTENT, f"{states(fact)}, a "
                                                      f"{calendar.day_name[claimed]}", fact,
                           rule=WEEKDAY_ANY_WEEK)
    fact = dated[0]
    day = calendar.day_name[fact.value.weekday()]
    article = "an" if day[0] in "AEIOU" else "a"
    written = claim.text.split()
    suggestion = " ".join([*(w for w in written[:-2]), article, day]) if len(written) >= 2 else day
    return verdict(claim, Verdict.CONFLICTING, f"{states(fact)} was a {day}, not "
                                               f"{claim.text.strip()}", fact, suggestion, rule=WEEKDAY_ANY_WEEK)


def _start(claim: Claim, periods: list[FactRow], text: str) -> Judgement:
    """ "joined in 2015": the date must be when one of the periods began."""
    for fact in periods:
        if fact.valid_from and _matches(claim, fact.valid_from):
            return verdict(claim, Verdict.CONSISTENT,
                           f"{states(fact)} {show_period(fact)}", fact,
                           rule=PERIOD_START)
    starts = [f for f in periods if f.valid_from]
    if len(starts) != len(periods) or not starts:
        return verdict(claim, Verdict.UNVERIFIED, "a period's start is not recorded", periods[0], rule=PERIOD_START)
    fact = min(starts, key=lambda f: abs((f.valid_from - date_range(claim)[0]).days))
    return verdict(claim, Verdict.CONFLICTING,
                   f"{states(fact)} began on {show_date(fact.valid_from)}, not {claim.text.strip()}",
                   fact, _write_date(claim, fact.valid_from, text), rule=PERIOD_START)


def unplaced(claim: Claim) -> Judgement:
    """A date claim of a draft whose year nobody knows (the dateline names none, nor does the text)."""
    return verdict(claim, Verdict.UNVERIFIED, "the dateline names no year and neither does the text, so a date cannot "
                                              "be placed: set as_of in the configuration or give --as-of",
                   rule=NO_YEAR_KNOWN)


def judge(claim: Claim, facts: tuple[FactRow, ...], context: Context) -> Judgement:
    as_of, document = context.as_of, context.document
    dated = [f for f in facts if f.value_type == "date"]
    if date_range(claim)[0] > as_of:
        # A scheduled day ("will take office on October 1") agrees with the store's, or stays open.
        for fact in facts:
            for day in (fact.value if fact.value_type == "date" else None, fact.valid_from, fact.valid_to):
                if isinstance(day, dt.date) and _matches(claim, day):
                    period = "" if fact.value_type == "date" else " " + show_period(fact)
                    return verdict(claim, Verdict.CONSISTENT,
                                   f"{states(fact)}{period} (after the as-of date)", fact,
                                   rule=SCHEDULED)
        return verdict(claim, Verdict.UNVERIFIED, f"speaks of a time after the as-of date {as_of}", rule=SCHEDULED)
    periods = [f for f in facts if f.value_type == "entity" and _period_years(f, as_of)]
    if claim.precision == "weekday" and claim.detail("any_week"):
        return _weekday(claim, dated, document.text)
    if claim.precision == "weekday":
        # "became a member on Thursday": a dated fact, or a period that began or ended, in the week before.
        dated = [f for f in dated if within_week(f.value, as_of)]
        periods = [f for f in periods if any(d and within_week(d, as_of) for d in (f.valid_from, f.valid_to))]
        if not dated and not periods:
            return verdict(claim, Verdict.UNVERIFIED, "the store's date for this is not in the week before the as-of date",
                           facts[0] if facts else None, rule=NOT_THIS_WEEK)
    for fact in dated:
        if _matches(claim, fact.value) or str(fact.value) in claim.detail("days", ()):  # "June 25 and 26"
            return verdict(claim, Verdict.CONSISTENT, f"{states(fact)}", fact,
                           rule=MATCHES)
    if periods and not dated and context.starts_period(claim):
        return _start(claim, periods, document.text)
    if claim.precision == "year":
        year = int(claim.value)
        for fact in periods:
            first, last = _period_years(fact, as_of)
            if first <= year <= last:
                return verdict(claim, Verdict.CONSISTENT,
                               f"{states(fact)} {show_period(fact)}", fact,
                               rule=IN_PERIOD)
    elif periods and not dated:
        # "joined on July 4, 2024": a day or month is right when a period starts or ends then, else unchecked.
        for fact in periods:
            if any(day and _matches(claim, day) for day in (fact.valid_from, fact.valid_to)):
                return verdict(claim, Verdict.CONSISTENT,
                               f"{states(fact)} {show_period(fact)}", fact,
                               rule=PERIOD_START)
        return verdict(claim, Verdict.UNVERIFIED, "only a period is known, and the day is neither its start nor its end",
                       periods[0], rule=NO_DATE)
    if dated and _many_valued(dated):
        return verdict(claim, Verdict.UNVERIFIED, f"{dated[0].subject}: {dated[0].plain_predicate} has several dates "
                                                  f"({', '.join(sorted({str(f.value) for f in dated})[:4])}), none "
                                                  "this one; the store may not list every one", dated[0], rule=MANY)
    if dated:
        fact = dated[0]
        suggestion = None if claim.detail("days") else _write_date(claim, fact.value, document.text)  # a list: the editor's
        return verdict(claim, Verdict.CONFLICTING, f"{fact.subject}: {fact.plain_predicate} is {show_value(fact)}, not {claim.text.strip()}",
                       fact, suggestion, rule=DIFFERS)
    if periods:
        fact = periods[0]
        first, last = _period_years(fact, as_of)
        if fact.valid_to is None or first == last:
            years = str(first)
        else:
            years = f"{first}-{str(last)[-2:]}" if first + 1 == last else f"{first}-{last}"
        suggestion = replace_figure(claim, document.text, document.text[claim.anchor:claim.end].replace(claim.value, years))
        return verdict(claim, Verdict.CONFLICTING,
                       f"{states(fact)} {show_period(fact)}, not in {claim.value}",
                       fact, suggestion, rule=IN_PERIOD)
    return verdict(claim, Verdict.UNVERIFIED, "no date among the linked facts", rule=NO_DATE)


def _many_valued(dated: list[FactRow]) -> bool:
    """Whether one subject's dates under one predicate are separate occasions, not the days of one event."""
    by_subject: dict[str, list[dt.date]] = {}
    for fact in dated:
        by_subject.setdefault(fact.subject, []).append(fact.value)
    for days in by_subject.values():
        days = sorted(set(days))
        if len(days) >= 2 and any((b - a).days > 1 for a, b in zip(days, days[1:])):
            return True
    return False
