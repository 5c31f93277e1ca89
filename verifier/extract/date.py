"""Dates and years: "April 22", "June 26, 2025", "22 April 2025", "in May 2025", "in February",
"in 2023", "on Thursday", "last year", "yesterday".

A date without a year takes the as-of year (the year before, when that would put it
more than a week after the as-of date); in a sentence about the future ("will", "is due
to") it takes the as-of year, or the next year when that date has passed. A month alone
("in February") is the latest such month not after the as-of date, or in the future the
first not before it. A weekday is the last such day on or before the as-of date.
`precision` says what the text fixed: day, month, year or weekday.

Not claims: a date right after a verb of speech ("officials said on Sunday": when it was
said), a weekday in a name ("Easter Sunday"), a year or a month in a name or designation
("Resolution 1999", "Vision 2030", "Long March 5"), a year in a reporting period's label ("fiscal 2015",
"Q4 2023", "FY2024"), whose fiscal calendar need not be the calendar's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ..document import Document
from ..records import Claim
from .anchors import Anchors, finditer, letters_before, reversed_text, word_before, words_before
from .base import Kind
from .lexicon import FUTURE_MARKERS, MONTHS, SPEECH_VERBS, WEEKDAY_NAMES, WEEKDAYS, alternation
from .numbers import NAME_WORDS

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
_FULL_MONTH = alternation(m for m, i in MONTHS.items() if len(m) > 3 or m == "may")
MONTH_ONLY = re.compile(
    rf"""\b(?P<lead>in|since|by|until|till|from|during|early|late|mid|end\s+of|start\s+of)[\s-]+
        (?P<month>{_FULL_MONTH})\b(?!\.?,?\s*\d|['’])""", re.VERBOSE | re.IGNORECASE)
SPOKEN = re.compile(rf"\b(?:{alternation(SPEECH_VERBS)})(?:\s+[a-z]+){{0,2}}?(?:\s+in\s+a\s+statement)?\s+on\s+$")
FUTURE = re.compile(rf"\b(?:{alternation(FUTURE_MARKERS)})\b", re.IGNORECASE)
NAMED_DAY = re.compile(rf"\b(?:{alternation(WEEKDAY_NAMES)})\s+$", re.IGNORECASE)
_ON_BEFORE_REVERSED = re.compile(r"\s+no")
# A year in a reporting-period label is a label, not a date ("fiscal 2015", "Q4 2023", "FY2024", "H1 2025"):
# companies' fiscal years and quarters need not match the calendar.
PERIOD_LABEL = re.compile(r"\b(?:fiscal(?:\s+year)?|FY|Q[1-4]|H[12]|[1-4]Q|quarter)\s*['’]?$", re.IGNORECASE)
RELATIVE = re.compile(r"\b(?P<which>last|this|next|previous)\s+(?P<unit>year|month)\b|\b(?P<day>yesterday|today)\b",
                      re.IGNORECASE)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _with_year(month: int, day: int, as_of: dt.date, future: bool) -> dt.date | None:
    try:
        date = dt.date(as_of.year, month, day)
        if future:
            return date.replace(year=as_of.year + 1) if date < as_of else date
        return date.replace(year=as_of.year - 1) if (date - as_of).days > 7 else date
    except ValueError:
        return None


def _future(document: Document, start: int) -> bool:
    """Whether the sentence speaks of the future before `start` ("will begin a third term on January 1")."""
    return bool(FUTURE.search(document.text, document.sentence_of(start)[0], start))


def _spoken(text: str, start: int) -> bool:
    """Whether a date only says when something was said ("the ministry said on Friday")."""
    if not _ON_BEFORE_REVERSED.match(reversed_text(text), len(text) - start):
        return False  # SPOKEN ends in "on" and blanks: read leftwards first
    return bool(SPOKEN.search(text, max(0, start - 40), start))


def _in_name(document: Document, start: int) -> bool:
    """Whether a capitalised word mid-sentence runs into the month ("a Long March 5 rocket")."""
    span = letters_before(document.text, start, 20)
    word = document.text[span[0]:span[1]] if span else ""
    if not word or not word[0].isupper() or word.lower() in WEEKDAYS:
        return False
    return document.text[document.sentence_of(start)[0]:span[0]].strip() != ""


def _claim(text: str, start: int, end: int, value: str, precision: str, **details) -> Claim:
    return Claim("date", start, end, text[start:end], value, unit=precision, anchor=start, figure_end=end, precision=precision,
                 details=tuple(sorted(details.items())))


# "June 25 and 26", "May 7, 8 and 9", "3 to 5 March": more days of the same month (dates, not counts).
LISTED_AFTER = re.compile(r"(?:,\s*|\s+and\s+|\s+or\s+|\s*[-–]\s*|\s+to\s+)(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b")
LISTED_BEFORE = re.compile(r"(?<![\w.,])(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:,\s*|\s+and\s+|\s+or\s+|\s*[-–]\s*|\s+to\s+)$")
# What may follow a listed day: punctuation, a year, a capital, or a word that is no counted noun.
AFTER_DAY = re.compile(r"\s*(?:$|[,.;:)!?\]]|(?:19|20)\d{2}\b|[A-Z]|(?:and|or|to|in|at|on|of|when|as|with|before|after|"
                       r"last|this|next|respectively)\b)")


def _listed_days(text: str, match: re.Match, date: dt.date):
    """The other days of a list or range written around one full date, as (start, end, date)."""
    def day(n: int) -> dt.date | None:
        try:
            return date.replace(day=n)
        except ValueError:
            return None
    if match.group("month"):  # "June 25 and 26": the days after
        position = match.end("day")
        for _ in range(6):
            more = LISTED_AFTER.match(text, position)
            if more is None or not AFTER_DAY.match(text, more.end()) or day(int(more["day"])) is None:
                break
            yield more.start("day"), more.end(), day(int(more["day"]))
            position = more.end()
    else:  # "25 and 26 June": the days before
        end = match.start()
        for _ in range(6):
            more = LISTED_BEFORE.search(text, max(0, end - 12), end)
            if more is None or day(int(more["day"])) is None:
                break
            yield more.start(), more.start() + len(more["day"]), day(int(more["day"]))
            end = more.start()


def _leads(text: str, starts: Iterable[int]) -> list[int]:
    """Where a lead before a month or year may start: the word before ("in May", "mid-2024") and the one
    before that ("end of May")."""
    found = []
    for start in starts:
        first = word_before(text, start, "space-hyphen")
        if first is not None:
            found.append(first)
            second = word_before(text, first)
            if second is not None:
                found.append(second)
    return found


def _days_before(text: str, months: Iterable[int]) -> list[int]:
    """Where a day before a month may start ("5 June", "5th of June"): the word before it, or the one before "of"."""
    return [start for month in months for start in words_before(text, month, 2)]


def _years(text: str, anchors: Anchors) -> list[int]:
    return [start for start in anchors.digit_starts() if text.startswith(("19", "20"), start)]


def _years_and_leads(text: str, anchors: Anchors) -> list[int]:
    years = anchors.candidates(_years, text)  # ISO's candidates: worked out once for both
    return [*years, *_leads(text, years)]


# Where each pattern may start (anchors.py): a month or a day's digits, a year's digits or the lead before it.
WHERE = {
    DAY_MONTH: lambda text, anchors: [*anchors.of("month"), *_days_before(text, anchors.of("month"))],
    ISO: _years,
    MONTH_YEAR: lambda text, anchors: anchors.of("month"),
    MONTH_ONLY: lambda text, anchors: _leads(text, anchors.of("month")),
    YEAR: _years_and_leads,
    WEEKDAY: lambda text, anchors: [*anchors.of("weekday"), *_leads(text, anchors.of("weekday"))],
    RELATIVE: lambda text, anchors: anchors.of("relative"),
}


def find(document: Document):
    text, as_of = document.text, document.as_of.date
    for match in finditer(DAY_MONTH, text, WHERE[DAY_MONTH]):
        month_name = match.group("month") or match.group("month2")
        if month_name[0].islower() or (month_name.lower() == "may" and match.group("month") and not match.group("year")
                                       and not re.match(r"\s+\d{1,2}\b(?!:)", text[match.end("month"):])):
            continue
        if _spoken(text, match.start()) or (match.group("month") and _in_name(document, match.start())):
            continue
        day = int(re.match(r"\d+", match.group("day") or match.group("day2")).group())
        year = match.group("year") or match.group("year2")
        try:
            date = dt.date(int(year), _month(month_name), day) if year else _with_year(
                _month(month_name), day, as_of, _future(document, match.start()))
        except ValueError:
            date = None
        if date:
            listed = list(_listed_days(text, match, date))
            if not listed:
                yield _claim(text, match.start(), match.end(), date.isoformat(), "day", year_given=bool(year))
                continue
            # "June 25 and 26": one claim of several days, the first its value; it agrees when a fact has any.
            start, end = min(match.start(), *(a for a, _, _ in listed)), max(match.end(), *(b for _, b, _ in listed))
            days = sorted({date, *(d for _, _, d in listed)})
            yield _claim(text, start, end, days[0].isoformat(), "day", year_given=bool(year),
                         days=tuple(d.isoformat() for d in days))
    for match in finditer(ISO, text, WHERE[ISO]):
        try:
            date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        yield _claim(text, match.start(), match.end(), date.isoformat(), "day", year_given=True)
    for match in finditer(MONTH_YEAR, text, WHERE[MONTH_YEAR]):
        if match.group("month")[0].isupper():
            yield _claim(text, match.start(), match.end(), f"{match['year']}-{_month(match['month']):02d}", "month")
    for match in finditer(MONTH_ONLY, text, WHERE[MONTH_ONLY]):
        if not match.group("month")[0].isupper() or (match.group("month").lower() == "may"
                                                     and match.group("lead").lower() in ("by", "from")):
            continue  # "a speech by May": a person
        month = _month(match.group("month"))
        if _future(document, match.start()):
            year = as_of.year + 1 if month < as_of.month else as_of.year
        else:
            year = as_of.year - 1 if month > as_of.month else as_of.year
        yield _claim(text, match.start(), match.end(), f"{year}-{month:02d}", "month")
    for match in finditer(YEAR, text, WHERE[YEAR]):
        before = letters_before(text, match.start("year"), 20)
        if not match.group("lead") and before and text[before[0]:before[1]].lower() in NAME_WORDS:
            continue  # "Resolution 1999", "Vision 2030"
        if PERIOD_LABEL.search(text, max(0, match.start("year") - 12), match.start("year")):
            continue  # "fiscal 2015", "Q4 2023": a reporting period's label
        start = match.start("year") if (match.group("lead") or "").lower() in ("the", "and", "to") else match.start()
        yield _claim(text, start, match.end(), match.group("year"), "year")
    for match in finditer(WEEKDAY, text, WHERE[WEEKDAY]):
        if not match.group("weekday")[0].isupper() or _spoken(text, match.start()) \
                or NAMED_DAY.search(text, max(0, match.start() - 12), match.start()):
            continue
        back = (as_of.weekday() - WEEKDAYS[match.group("weekday").lower()]) % 7
        # "on Thursday" is the last Thursday; "on a Thursday" says only which day of the week.
        yield _claim(text, match.start(), match.end(), (as_of - dt.timedelta(days=back)).isoformat(), "weekday",
                     any_week=bool(match.group("some")))
    for match in finditer(RELATIVE, text, WHERE[RELATIVE]):
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
    ("The referendum was held in January.", "in January"),
    ("He will begin a third term on January 1.", "January 1"),
    ("The death toll rose to 50, police said on Sunday.", None),
    ("Crowds gathered for Easter Sunday.", None),
    ("The council adopted Resolution 1999 unanimously.", None),
    ("The probe flew on a Long March 5 rocket.", None),
    ("Profit beat the high set in fiscal 2015.", None),
    ("Sales rose 18% from Q4 2023.", None),
    ("The group's FY2024 results were strong.", None),
))
