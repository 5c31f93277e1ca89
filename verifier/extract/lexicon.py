"""Word tables shared by the claim kinds: numbers, scales, hedges, currencies, calendar, titles.

Data, not code: each table is what a kind's patterns are compiled from.
"""

from __future__ import annotations

from .trie import trie

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
# Words for nought that the judge never writes back ("nought point five").
ZEROS = {"nought": 0, "naught": 0}
# Multipliers after a number ("1.5 million", "Rs 500 crore", "$3bn", "10 bln").
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6, "millions": 1e6,
    "crore": 1e7, "crores": 1e7, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
    "mn": 1e6, "bn": 1e9, "tn": 1e12, "k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12,
    "mln": 1e6, "bln": 1e9, "tln": 1e12, "mil": 1e6, "mm": 1e6,
}
# Scale words that only count after a digit written with the currency ("€3m", "$2bn", "$2.1T").
SHORT_SCALES = {"k", "m", "b", "t", "mn", "bn", "tn"}
# Abbreviations a figure in digits may carry on its own ("10k", "3bn", "10 bln", "1MM"); "m" (metres)
# and "b" stay money-only, and "K", "M", "G" (4K, 3M, 5G) are designations, not scales.
DIGIT_SUFFIXES = {"k": 1e3, "bn": 1e9, "mn": 1e6, "tn": 1e12, "mln": 1e6, "bln": 1e9, "tln": 1e12, "mil": 1e6,
                  "MM": 1e6}
# Words that scale the whole number before them ("two thousand", "six crore"); "hundred" scales a group.
BIG_SCALES = {"thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6, "crore": 1e7, "crores": 1e7,
              "billion": 1e9, "trillion": 1e12}
DOZENS = {"dozen": 12, "dozens": 12, "dz": 12, "dzs": 12, "doz": 12, "dozs": 12}
# Denominators of spelled fractions: singular after "a"/"one" ("a third"), plural after a count
# ("two thirds"); "second" and "first" only inside a compound ("three twenty-firsts").
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "eleventh": 11, "elevenths": 11, "twelfth": 12,
    "twelfths": 12, "thirteenth": 13, "thirteenths": 13, "fourteenth": 14, "fourteenths": 14, "fifteenth": 15,
    "fifteenths": 15, "sixteenth": 16, "sixteenths": 16, "seventeenth": 17, "seventeenths": 17,
    "eighteenth": 18, "eighteenths": 18, "nineteenth": 19, "nineteenths": 19, "twentieth": 20,
    "twentieths": 20, "thirtieth": 30, "thirtieths": 30, "fortieth": 40, "fortieths": 40, "fiftieth": 50,
    "fiftieths": 50, "sixtieth": 60, "sixtieths": 60, "seventieth": 70, "seventieths": 70, "eightieth": 80,
    "eightieths": 80, "ninetieth": 90, "ninetieths": 90, "hundredth": 100, "hundredths": 100,
    "thousandth": 1e3, "thousandths": 1e3, "millionth": 1e6, "millionths": 1e6, "billionth": 1e9,
    "billionths": 1e9, "trillionth": 1e12, "trillionths": 1e12,
}
VULGAR_FRACTIONS = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5,
                    "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅐": 1 / 7, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8,
                    "⅑": 1 / 9, "⅒": 1 / 10}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "nineth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9,
    "trillionth": 1e12,
}

# Hedge phrase -> meaning; the judge gives each meaning its interval (verifier/judge/numeric.py).
HEDGES = {
    "more than": "gt", "over": "gt", "above": "gt", "in excess of": "gt", "upwards of": "gt",
    "exceeding": "gt", "greater than": "gt", "higher than": "gt", "past": "gt", "surpassing": "gt",
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
    "larger than": "gt", "bigger than": "gt", "exceed": "gt", "exceeds": "gt", "exceeded": "gt",
    "surpass": "gt", "surpasses": "gt", "surpassed": "gt", "smaller than": "lt", "no greater than": "le",
    "greater than or equal to": "ge", "more than or equal to": "ge", "higher than or equal to": "ge",
    "larger than or equal to": "ge", "greater or equal to": "ge", "greater or equal than": "ge",
    "higher or equal than": "ge", "bigger or equal than": "ge", "larger or equal than": "ge",
    "more or equal than": "ge", "equal to or more than": "ge", "equal to or greater than": "ge",
    "equal to or higher than": "ge", "at least or equal to": "ge", "no smaller than": "ge",
    "less than or equal to": "le", "fewer than or equal to": "le", "lower than or equal to": "le",
    "smaller than or equal to": "le", "less or equal to": "le", "less or equal than": "le",
    "smaller or equal than": "le", "lower or equal than": "le", "equal to or less than": "le",
    "equal to or fewer than": "le", "equal to or lower than": "le", "at most or equal to": "le",
    # "equal to 20" states the figure itself: no hedge, but the phrase belongs to the claim.
    "equal to": "eq", "equals": "eq", "equals to": "eq", "equaling": "eq", "equaling to": "eq",
    "equalling": "eq", "is equal to": "eq",
}
# Symbols before a figure (">30", "<= 100"); never a Markdown quote marker at the start of a line.
HEDGE_SYMBOLS = {">": "gt", "<": "lt", ">=": "ge", "<=": "le", "≥": "ge", "≤": "le", "=>": "ge", "=<": "le"}
# Phrases after a figure that bound it ("20 or more", "500 or less"); "or equal" turns gt/lt into ge/le.
HEDGES_AFTER = {
    "or more": "ge", "or greater": "ge", "or higher": "ge", "or above": "ge", "or over": "ge", "and more": "ge",
    "and above": "ge", "and over": "ge", "or larger": "ge", "or bigger": "ge", "or more than": "ge",
    "or greater than": "ge", "or less": "le", "or fewer": "le", "or lower": "le", "or below": "le",
    "or under": "le", "and less": "le", "and below": "le", "and under": "le", "or smaller": "le",
    "or less than": "le", "or fewer than": "le", "or equal": "eq", "or equal to": "eq",
}

# Currency symbol or word -> ISO code (matched without case; ISO codes below are matched in capitals).
CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD", "us dollars": "USD",
    "us dollar": "USD", "usd$": "USD", "united states dollars": "USD", "american dollars": "USD",
    "€": "EUR", "eur": "EUR", "euros": "EUR", "euro": "EUR",
    "£": "GBP", "gbp": "GBP", "pounds": "GBP", "pound sterling": "GBP", "pounds sterling": "GBP",
    "british pounds": "GBP",
    "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "rupees": "INR", "rupee": "INR", "indian rupees": "INR",
    "¥": "JPY", "yen": "JPY", "japanese yen": "JPY", "yuan": "CNY", "rmb": "CNY", "cny": "CNY", "元": "CNY",
    "chinese yuan": "CNY", "renminbi": "CNY",
    "roubles": "RUB", "rubles": "RUB", "rub": "RUB", "russian roubles": "RUB", "russian rubles": "RUB", "₽": "RUB",
    "pkr": "PKR", "pakistani rupees": "PKR", "pakistani rupee": "PKR",
    "australian dollars": "AUD", "australian dollar": "AUD", "a$": "AUD", "aud$": "AUD",
    "canadian dollars": "CAD", "canadian dollar": "CAD", "c$": "CAD", "cad$": "CAD",
    "new zealand dollars": "NZD", "nz$": "NZD", "nzd$": "NZD", "hong kong dollars": "HKD", "hk$": "HKD",
    "singapore dollars": "SGD", "s$": "SGD", "mexican pesos": "MXN", "mex$": "MXN", "mxn$": "MXN",
    "swiss francs": "CHF", "swiss franc": "CHF", "francs": "CHF", "franc": "CHF",
    "french francs": "FRF", "belgian francs": "BEF", "turkish lira": "TRY", "lira": "TRY", "₺": "TRY",
    "italian lire": "ITL", "lire": "ITL", "dutch guilders": "NLG", "guilders": "NLG", "finnish markka": "FIM",
    "markka": "FIM", "deutsche marks": "DEM", "german marks": "DEM", "pesetas": "ESP", "spanish pesetas": "ESP",
    "south african rand": "ZAR", "rand": "ZAR", "brazilian reais": "BRL", "reais": "BRL", "r$": "BRL",
    "saudi riyals": "SAR", "riyals": "SAR", "dirhams": "AED", "uae dirhams": "AED", "taka": "BDT",
    "nepalese rupees": "NPR", "sri lankan rupees": "LKR", "ரூ": "LKR", "naira": "NGN", "₦": "NGN",
    "₩": "KRW", "korean won": "KRW", "₱": "PHP", "philippine pesos": "PHP", "₫": "VND", "₴": "UAH",
    "hryvnias": "UAH", "₡": "CRC", "₾": "GEL", "₭": "LAK", "฿": "THB", "baht": "THB",
    "bitcoins": "BTC", "bitcoin": "BTC", "₿": "BTC",
}
# ISO 4217 codes written in capitals before or after the amount ("USD 25", "500 USD"); "M" before one
# is millions in trade-finance style ("30 MUSD", "MAUD 60").
ISO_CODES = ["USD", "EUR", "GBP", "JPY", "CNY", "INR", "RUB", "PKR", "AUD", "CAD", "CHF", "NZD", "HKD", "SGD", "MXN",
             "BRL", "ZAR", "SAR", "AED", "TRY", "KRW", "SEK", "NOK", "DKK", "PLN", "THB", "IDR", "MYR", "PHP", "VND",
             "BDT", "NPR", "LKR", "NGN", "EGP", "ILS", "UAH", "CZK", "HUF", "KZT", "QAR", "KWD", "BTC"]
# Hundredth parts, written after the amount: "50 cents" is 0.50 USD, "470 pence" 4.70 GBP.
SUBUNITS = {"cents": ("USD", 100), "cent": ("USD", 100), "¢": ("USD", 100), "pence": ("GBP", 100),
            "penny": ("GBP", 100), "pennies": ("GBP", 100), "euro cents": ("EUR", 100), "paise": ("INR", 100),
            "dime": ("USD", 10), "dimes": ("USD", 10), "satoshis": ("BTC", 1e8), "satoshi": ("BTC", 1e8)}

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
# Words before a weekday that make it a name, not a date ("Easter Sunday", "Black Friday").
WEEKDAY_NAMES = ["easter", "good", "black", "cyber", "super", "ash", "palm", "holy", "maundy", "bloody", "shrove",
                 "whit", "giving"]
# Verbs of speech: a date right after them ("officials said on Sunday") is when it was said, not a claim.
SPEECH_VERBS = ["said", "says", "told", "added", "stated", "reported"]
# Words before a date in its sentence that put it in the future ("is due to take office on October 1").
FUTURE_MARKERS = ["will", "shall", "is due to", "are due to", "is set to", "are set to", "is scheduled to",
                  "are scheduled to", "scheduled for", "is expected to", "are expected to", "is to", "are to",
                  "plans to", "upcoming"]
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
    "chief justice", "first minister",
]
# Titles that name an office only with the portfolio or body written before them: "Transport Minister",
# "Police Commissioner", "INEC chairman", "AU Chairperson"; alone ("the minister, X") they name no office.
QUALIFIED_TITLES = ["minister", "commissioner", "chairman", "chairwoman", "chairperson", "chair"]
# A title borrowed from the nearest role before it ("his Russian counterpart X").
COUNTERPART = "counterpart"
# Ranks and honorifics between a title and the name; skipped, not part of the name.
RANKS = ["lieutenant general", "lt gen", "lt. gen.", "major general", "maj gen", "general", "gen.", "admiral",
         "vice admiral", "air chief marshal", "air marshal", "marshal", "colonel", "col.", "brigadier",
         "captain", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof.", "professor", "sir",
         "sheikh", "shri", "smt."]
FORMER = ["former", "ex-", "then", "then-", "outgoing", "erstwhile", "late"]


def alternation(words) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace; factored as a trie,
    so a scan tries one branch per character, not every phrase (trie.py)."""
    return trie(words)

# Words that put a figure in the past ("had", "up from"): an earlier value may be right then.
PAST_MARKERS = ["had", "until", "up from", "down from", "previously", "at the time", "then", "used to",
                "originally", "initially", "back then"]
# Words that make a figure someone else's claim or a forecast, not the draft's own statement.
# Words that make a sentence report someone's claim or an early figure, wherever they stand in it.
# "claimed it shot down five jets", not "claimed three wickets" (a taking, not a saying).
_CLAIMED = [f"{verb} {word}" for verb in ("claimed", "claims", "claim")
            for word in ("that", "to", "it", "they", "he", "she", "we", "there")]
REPORTED = [*_CLAIMED, "alleged", "allegedly", "denied", "disputed", "initially", "initial toll",
            "initial estimate", "initial estimates", "initial figure", "initial figures", "initial count", "initial reports",
            "early reports", "first reports", "preliminary", "revised", "rather than", "instead of"]
# Words that make a figure a forecast or an aim, in the figure's own clause ("is expected to reach 500";
# not "killed 137 people, warning that the toll could rise").
FORECAST = ["expected to", "is expected", "are expected", "could", "might", "may", "would", "aims", "aim", "aiming",
            "target of", "set a target", "plans to", "planned", "plan to", "forecast", "projected", "projection",
            "hopes", "hope to", "seeks", "proposed"]
# An earlier figure, perhaps another's: "the previous record of 171", "a former high of 2.85 trillion yen".
EARLIER_WORDS = ["previous", "prior", "former", "earlier", "old", "past", "preceding"]
RECORD_NOUNS = ["record", "high", "low", "peak", "best", "mark", "figure", "total", "tally", "estimate", "level",
                "count", "toll", "benchmark", "all-time high", "all-time low"]
# Words that make a figure a part of a total ("including four in Pakistan").
PART_MARKERS = ["including", "included", "include", "includes", "of whom", "of them", "among them", "among whom",
                "of which", "among which", "out of"]
# Words that make a date the start of a period ("joined in 2017", "took office in May 2024").
START_CUES = ["joined", "join", "joins", "became", "become", "becomes", "took office", "took over", "takes over",
              "appointed", "sworn in", "admitted", "assumed office", "assumed", "elected", "inducted", "acceded",
              "accession", "named"]
# Words before a figure in its clause that put it in the present ("now has 10 members", "counts").
PRESENT_MARKERS = ["now", "currently", "today", "at present", "as of now", "has", "have", "is", "are", "counts",
                   "comprises", "includes", "stands at", "remains"]
# Verbs that put the event a sentence reports on the day it is written: "The visit comes a month after X".
NOW_VERBS = [*PRESENT_MARKERS, "comes", "come", "marks", "mark", "this week"]
# Irregular past forms (the regular ones end in -ed): a clause in the past reports a day of its own.
IRREGULAR_PAST = """arose awoke was were bore beat became began bent bit bled blew broke brought built burnt bought caught
chose clung came cost crept cut dealt dug did drew drank drove ate fell fed felt fought found fled flew forbade forgot
forgave froze got gave went ground grew hung had heard hid hit held hurt kept knelt knew laid led leapt left lent let
lay lit lost made meant met paid put quit read rode rang rose ran said saw sought sold sent set shook shone shot
showed shrank shut sang sank sat slept slid spoke spent spun split spread sprang stood stole stuck stung stank
strode struck swore swept swam swung took taught tore told thought threw understood undertook overtook withdrew woke
wore won wound wrote""".split()


# Units of measure, by their usual spellings: a claim and a fact in different ones measure different things.
MEASURES = {"km": "km", "kilometre": "km", "kilometer": "km", "m": "m", "metre": "m", "meter": "m", "mi": "mi",
            "mile": "mi", "km/h": "km/h", "kmh": "km/h", "kph": "km/h", "kilometres per hour": "km/h", "mph": "mph",
            "kg": "kg", "kilogram": "kg", "tonne": "t", "ton": "t", "t": "t", "mw": "MW", "megawatt": "MW",
            "gw": "GW", "gigawatt": "GW", "kw": "kW", "ft": "ft", "foot": "ft", "feet": "ft", "ha": "ha", "hectare": "ha"}


# Words for people that count as "people" for a predicate that counts people ("2,000 troops", "85 women").
PEOPLE_WORDS = frozenset("""people person persons individual civilian resident villager tourist pilgrim passenger
traveller traveler worker employee staff crew member soldier troop personnel officer policeman police firefighter
rescuer student child children woman women man men girl boy adult victim survivor migrant refugee fan spectator
other national citizen inhabitant patient voter miner""".split())
# Each unit of measure as a dimension and its size in that dimension's base unit, to compare "2.023km" with 2023 m.
UNIT_SIZES = {"km": ("length", 1000.0), "m": ("length", 1.0), "mi": ("length", 1609.344), "ft": ("length", 0.3048),
              "kg": ("mass", 1.0), "t": ("mass", 1000.0), "kW": ("power", 1e3), "MW": ("power", 1e6),
              "GW": ("power", 1e9), "km/h": ("speed", 1.0), "mph": ("speed", 1.609344)}


def measure(word: str) -> str | None:
    """The unit of measure a word spells ("kilometres" -> "km"), or None."""
    word = word.lower()
    return MEASURES.get(word, MEASURES.get(word.rstrip("s")))
