"""Word tables shared by the claim kinds: numbers, scales, hedges, currencies, calendar, titles.

Data, not code: each table is what a kind's patterns are compiled from.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
# Multipliers after a number ("1.5 million", "Rs 500 crore", "$3bn").
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6, "millions": 1e6,
    "crore": 1e7, "crores": 1e7, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
    "mn": 1e6, "bn": 1e9, "tn": 1e12, "k": 1e3, "m": 1e6, "b": 1e9,
}
# Scale words that only count after a digit written with the currency ("€3m", "$2bn").
SHORT_SCALES = {"k", "m", "b", "mn", "bn", "tn"}
DOZENS = {"dozen": 12, "dozens": 12, "score": 20}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25,
             "fourth": 0.25, "fourths": 0.25, "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}

# Hedge phrase -> meaning; the judge gives each meaning its interval (verifier/judge/numeric.py).
HEDGES = {
    "more than": "gt", "over": "gt", "above": "gt", "in excess of": "gt", "upwards of": "gt",
    "exceeding": "gt", "greater than": "gt", "higher than": "gt",
    "at least": "ge", "no fewer than": "ge", "no less than": "ge", "a minimum of": "ge", "not less than": "ge",
    "less than": "lt", "fewer than": "lt", "under": "lt", "below": "lt", "lower than": "lt",
    "at most": "le", "no more than": "le", "up to": "le", "a maximum of": "le", "as many as": "le",
    "not more than": "le",
    "nearly": "near", "almost": "near", "close to": "near", "just under": "near", "just shy of": "near",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx", "some": "approx",
    "an estimated": "approx", "estimated": "approx", "circa": "approx", "approx.": "approx",
    "nearly about": "approx", "over about": "approx",
    "just over": "just_over", "just above": "just_over", "slightly more than": "just_over",
    "a little over": "just_over", "a little more than": "just_over", "just more than": "just_over",
}

# Currency symbol or word -> ISO code.
CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD", "us dollars": "USD",
    "€": "EUR", "eur": "EUR", "euros": "EUR", "euro": "EUR",
    "£": "GBP", "gbp": "GBP", "pounds": "GBP", "pound sterling": "GBP",
    "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "rupees": "INR", "rupee": "INR",
    "¥": "JPY", "yen": "JPY", "yuan": "CNY", "rmb": "CNY", "cny": "CNY",
    "roubles": "RUB", "rubles": "RUB", "rub": "RUB", "pkr": "PKR", "pakistani rupees": "PKR",
}

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

DURATION_UNITS = {"year": "year", "years": "year", "yr": "year", "yrs": "year", "decade": "decade",
                  "decades": "decade", "century": "century", "centuries": "century", "month": "month",
                  "months": "month", "week": "week", "weeks": "week", "day": "day", "days": "day",
                  "fortnight": "fortnight"}
# Length of each duration unit in days, to compare durations with dates.
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30.4375, "year": 365.25, "decade": 3652.5,
             "century": 36525}

# Office titles a role claim may name; matched case-insensitively, longest first.
TITLES = [
    "defence minister", "defense minister", "minister of defence", "minister of defense", "defence secretary",
    "defense secretary", "foreign minister", "minister of foreign affairs", "external affairs minister",
    "minister of external affairs", "foreign secretary", "home minister", "interior minister",
    "finance minister", "minister of finance", "prime minister", "deputy prime minister", "president",
    "vice president", "vice-president", "chief minister", "chancellor", "secretary of state",
    "secretary-general", "secretary general", "army chief", "chief of army staff", "chief of defence staff",
    "national security adviser", "national security advisor", "governor", "lieutenant governor", "mayor",
    "speaker", "king", "queen", "emperor", "crown prince", "emir", "premier", "commerce minister",
    "trade minister", "health minister", "education minister", "railway minister", "railways minister",
]
# A title borrowed from the nearest role before it ("his Russian counterpart X").
COUNTERPART = "counterpart"
# Ranks and honorifics between a title and the name; skipped, not part of the name.
RANKS = ["lieutenant general", "lt gen", "lt. gen.", "major general", "maj gen", "general", "gen.", "admiral",
         "vice admiral", "air chief marshal", "air marshal", "marshal", "colonel", "col.", "brigadier",
         "captain", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof.", "professor", "sir",
         "sheikh", "shri", "smt."]
FORMER = ["former", "ex-", "then", "then-", "outgoing", "erstwhile", "late"]


def alternation(words) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)

# Words that put a figure in the past ("had", "up from"): an earlier value may be right then.
PAST_MARKERS = ["had", "until", "up from", "down from", "previously", "at the time", "then", "used to",
                "originally", "initially", "back then"]
# Words that make a figure someone else's claim or a forecast, not the draft's own statement.
ATTRIBUTED = ["claimed", "claims", "claim", "alleged", "allegedly", "denied", "disputed", "initial", "initially",
              "early reports", "first reports", "preliminary", "revised", "expected to", "is expected", "are expected",
              "could", "might", "may", "would", "aims", "aim", "aiming", "target of", "set a target", "plans to",
              "planned", "plan to", "forecast", "projected", "projection", "hopes", "hope to", "seeks", "proposed",
              "rather than", "instead of"]
# Words that make a figure a part of a total ("including four in Pakistan").
PART_MARKERS = ["including", "of whom", "of them", "among them", "among whom", "of which", "among which", "out of"]
# Words that make a date the start of a period ("joined in 2017", "took office in May 2024").
START_CUES = ["joined", "join", "joins", "became", "become", "becomes", "took office", "took over", "takes over",
              "appointed", "sworn in", "admitted", "assumed office", "assumed", "elected", "inducted", "acceded",
              "accession", "named"]
# Words before a figure in its clause that put it in the present ("now has 10 members", "counts").
PRESENT_MARKERS = ["now", "currently", "today", "at present", "as of now", "has", "have", "is", "are", "counts",
                   "comprises", "includes", "stands at", "remains"]
