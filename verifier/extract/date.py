"""Dates and years: "April 22", "June 26, 2025", "22 April 2025", "in May 2025", "in 2023",
"on Thursday", "last year", "yesterday".

A date without a year takes the as-of year (the year before, when that would put it
more than a week after the as-of date); a weekday is the last such day on or before
the as-of date. `precision` says what the text fixed: day, month, year or weekday.
"""

from __future__ import annotations

import datetime as dt
import re

from ..document import Document
from ..records import Claim
from .base import Kind
from .lexicon import MONTHS, WEEKDAYS, alternation

_MONTH = alternation(MONTHS)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DAY_MONTH = re.compile(
    rf"""\b(?:(?P<month>{_MONTH})\.?\s+(?P<day>{_DAY})\b(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?
        | (?P<day2>{_DAY})\s+(?:of\s+)?(?P<month2>{_MONTH})\b\.?(?:,?\s+(?P<year2>(?:19|20)\d{{2}})\b)?)""",
    re.VERBOSE | re.IGNORECASE)
ISO = re.compile(r"(?<![\w-])(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])")
MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE)
YEAR = re.compile(
    r"""(?:\b(?P<lead>in|since|by|until|till|from|during|of|for|before|after|between|and|to|early|late|mid|
        year|the|end\s+of|start\s+of)[\s-]+|(?<=[\s(]))(?P<year>(?:19|20)\d{2})(?![\w-]|[.,]\d)""",
    re.VERBOSE | re.IGNORECASE)
WEEKDAY = re.compile(rf"\b(?P<some>an?\s+)?(?P<weekday>{alternation(WEEKDAYS)})\b", re.IGNORECASE)
RELATIVE = re.compile(r"\b(?P<which>last|this|next|previous)\s+(?P<unit>year|month)\b|\b(?P<day>yesterday|today)\b",
                      re.IGNORECASE)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _with_year(month: int, day: int, as_of: dt.date) -> dt.date | None:
    try:
        date = dt.date(as_of.year, month, day)
        return date.replace(year=as_of.year - 1) if (date - as_of).days > 7 else date
    except ValueError:
        return None


def _claim(text: str, start: int, end: int, value: str, precision: str, **details) -> Claim:
    return Claim("date", start, end, text[start:end], value, unit=precision, anchor=start, figure_end=end, precision=precision,
                 details=tuple(sorted(details.items())))


def find(document: Document):
    text, as_of = document.text, document.as_of.date
    for match in DAY_MONTH.finditer(text):
        month_name = match.group("month") or match.group("month2")
        if month_name[0].islower() or (month_name.lower() == "may" and match.group("month") and not match.group("year")
                                       and not re.match(r"\s+\d{1,2}\b(?!:)", text[match.end("month"):])):
            continue
        day = int(re.match(r"\d+", match.group("day") or match.group("day2")).group())
        year = match.group("year") or match.group("year2")
        try:
            date = dt.date(int(year), _month(month_name), day) if year else _with_year(_month(month_name), day, as_of)
        except ValueError:
            date = None
        if date:
            yield _claim(text, match.start(), match.end(), date.isoformat(), "day", year_given=bool(year))
    for match in ISO.finditer(text):
        try:
            date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        yield _claim(text, match.start(), match.end(), date.isoformat(), "day", year_given=True)
    for match in MONTH_YEAR.finditer(text):
        if match.group("month")[0].isupper():
            yield _claim(text, match.start(), match.end(), f"{match['year']}-{_month(match['month']):02d}", "month")
    for match in YEAR.finditer(text):
        start = match.start("year") if (match.group("lead") or "").lower() in ("the", "and", "to") else match.start()
        yield _claim(text, start, match.end(), match.group("year"), "year")
    for match in WEEKDAY.finditer(text):
        if not match.group("weekday")[0].isupper():
            continue
        back = (as_of.weekday() - WEEKDAYS[match.group("weekday").lower()]) % 7
        # "on Thursday" is the last Thursday; "on a Thursday" says only which day of the week.
        yield _claim(text, match.start(), match.end(), (as_of - dt.timedelta(days=back)).isoformat(), "weekday",
                     any_week=bool(match.group("some")))
    for match in RELATIVE.finditer(text):
        if match.group("day"):
            shift = 1 if match.group("day").lower() == "yesterday" else 0
            yield _claim(text, match.start(), match.end(), (as_of - dt.timedelta(days=shift)).isoformat(), "day")
        elif match.group("unit").lower() == "year":
            step = {"last": -1, "previous": -1, "this": 0, "next": 1}[match.group("which").lower()]
            yield _claim(text, match.start(), match.end(), str(as_of.year + step), "year")


KIND = Kind("date", find, rank=30, judged_as=("date", "entity"), judge="dates", examples=(
    ("The attack took place on April 22.", "April 22"),
    ("The summit opened on June 26, 2025, in the port city.", "June 26, 2025"),
    ("Polling ended on 4 July 2024.", "4 July 2024"),
    ("Iran joined the bloc in 2023.", "in 2023"),
    ("The ministers met on Thursday.", "Thursday"),
    ("Exports fell last year.", "last year"),
    ("The plan was unveiled in May 2025.", "May 2025"),
    ("Prices may rise 10 per cent.", None),
))
