"""Extraction: every kind's own examples, the traps, and the registry's structure."""

import importlib
import pkgutil

import pytest

import verifier.extract
from verifier.document import load
from verifier.extract.registry import KINDS, extract

EXAMPLES = [(kind.name, text, expected) for kind in KINDS for text, expected in kind.examples]


def claims(text, kinds=None):
    return extract(load("draft.txt", text, today=__import__("datetime").date(2025, 6, 26)), kinds)


@pytest.mark.parametrize("kind, text, expected", EXAMPLES, ids=[f"{k}:{t[:40]}" for k, t, _ in EXAMPLES])
def test_kind_examples(kind, text, expected):
    found = [c.text for c in claims(text, (kind,))]
    if expected is None:
        assert found == []
    else:
        assert expected in found


def test_every_kind_is_registered_with_examples_both_ways():
    modules = {m.name for m in pkgutil.iter_modules(verifier.extract.__path__)} - {"base", "lexicon", "numbers", "registry", "trie", "anchors"}
    registered = {kind.name for kind in KINDS}
    assert modules == registered, "a kind module is missing from the registry (or the reverse)"
    for kind in KINDS:
        assert importlib.import_module(f"verifier.extract.{kind.name}").KIND is kind
        assert any(e is not None for _, e in kind.examples) and any(e is None for _, e in kind.examples), kind.name


VALUES = [
    ("twenty-six people were hurt", "twenty-six people", 26, None),
    ("a dozen boats sank", "a dozen boats", 12, None),
    ("1.5 million voters", "1.5 million voters", 1_500_000, None),
    ("3,000 troops", "3,000 troops", 3000, None),
    ("1,50,000 pilgrims", "1,50,000 pilgrims", 150_000, None),
    ("nearly 30 villages", "nearly 30 villages", 30, "near"),
    ("almost 30 villages", "almost 30 villages", 30, "near"),
    ("about 30 villages", "about 30 villages", 30, "approx"),
    ("around 30 villages", "around 30 villages", 30, "approx"),
    ("up to 30 villages", "up to 30 villages", 30, "le"),
    ("at least 30 villages", "at least 30 villages", 30, "ge"),
    ("over 30 villages", "over 30 villages", 30, "gt"),
    ("some 30 villages", "some 30 villages", 30, "approx"),
    ("a budget of Rs 500 crore", "Rs 500 crore", 5e9, None),
    ("a plan worth ₹1.2 lakh crore", "₹1.2 lakh crore", 1.2e12, None),
    ("three lakh crore rupees", "three lakh crore rupees", 3e12, None),
    ("a fee of €3m", "€3m", 3e6, None),
    ("profits of $4.2 billion", "$4.2 billion", 4.2e9, None),
    ("inflation of 4.2%", "4.2%", 4.2, None),
    ("growth of 6.5 per cent", "6.5 per cent", 6.5, None),
    ("a 33-year history", "33-year", 33, None),
    ("for 10 years", "10 years", 10, None),
    ("just over a month after the vote", "just over a month", 1, "just_over"),
    # spelled fractions, mixed numbers and scales of them
    ("nearly three quarters of the budget", "nearly three quarters", 0.75, "near"),
    ("two and a half hectares", "two and a half hectares", 2.5, None),
    ("half a million pilgrims", "half a million pilgrims", 500_000, None),
    ("four and a half million voters", "four and a half million voters", 4_500_000, None),
    ("a quarter million tonnes", "a quarter million tonnes", 250_000, None),
    ("the pass is 7 million and a half", "7 million and a half", 7_500_000, None),
    ("the ratio was ¾", "¾", 0.75, None),
    ("about 1/25 of the budget", "about 1/25", 0.04, "approx"),
    # signs, suffixes, digit groups and compounds written in pieces
    ("temperatures of -8 degrees", "-8 degrees", -8, None),
    ("a reading of minus four", "minus four", -4, None),
    ("some 40k marchers", "some 40k marchers", 40_000, "approx"),
    ("a pool of 12 bln roubles", "12 bln roubles", 12e9, None),
    ("a crowd of 2 345 678 fans", "2 345 678 fans", 2_345_678, None),
    ("6 hundred and 45 seats", "6 hundred and 45 seats", 645, None),
    ("seven point two five metres", "seven point two five metres", 7.25, None),
    ("four dozen eggs", "four dozen eggs", 48, None),
    # bounds after the figure, two-sided bounds and symbols
    ("40 villages or more", "40 villages or more", 40, "ge"),
    ("500 or fewer seats", "500 or fewer seats", 500, "le"),
    ("above 10 and below 40 metres", "above 10 and below 40 metres", 10, "range"),
    ("rated >= 7 points", ">= 7 points", 7, "ge"),
    ("exceeded 3,000 cases", "exceeded 3,000 cases", 3000, "gt"),
    ("less than or equal to 90 days", "less than or equal to 90 days", 90, "le"),
    # percent and money forms
    ("a share of twelve percentage", "twelve percentage", 12, None),
    ("a fall of minus three percent", "minus three percent", -3, None),
    ("a bill of 640 USD", "640 USD", 640, None),
    ("USD250 in fees", "USD250", 250, None),
    ("nine million yen in gifts", "nine million yen", 9e6, None),
    ("stock closed at 312 pence", "312 pence", 3.12, None),
    ("a fee of 40 swiss francs", "40 swiss francs", 40, None),
    ("fines of 45 MEUR", "45 MEUR", 45e6, None),
    ("it cost 8 dollars 25 cents", "8 dollars 25 cents", 8.25, None),
    ("a public debt of $1.5T", "$1.5T", 1.5e12, None),
    ("a fare of 7 dimes", "7 dimes", 0.7, None),
    # ordinals alone and spelled in compounds
    ("she placed fourth", "fourth", 4, None),
    ("the 17th", "17th", 17, None),
    ("the one hundred and third", "one hundred and third", 103, None),
    ("its two hundredth", "two hundredth", 200, None),
]


@pytest.mark.parametrize("text, claim_text, value, hedge", VALUES, ids=[v[1] for v in VALUES])
def test_values_and_hedges(text, claim_text, value, hedge):
    found = {c.text: c for c in claims(text)}
    assert claim_text in found, list(found)
    assert found[claim_text].value == pytest.approx(value)
    assert found[claim_text].hedge == hedge


TRAPS = [
    "The army inducted the S-400 system and more T-90 tanks.",
    "Pilots trained on the Su-30 MKI and the MiG-29.",
    "Factories will make AK-203 rifles under licence.",
    "Covid-19 cases fell after the G20 meeting.",
    "The court heard pleas on Article 370 and Section 144.",
    "The Boeing 787-8 and a C-130J landed at the base.",
    "The session begins at 10:30 am and ends at 4 pm.",
    "For details call +91 11 2301 2345 or write to desk@example.org.",
    "The report is at https://example.org/2025/06/26/report-123 online.",
    "The server at 192.168.10.20 runs iOS 17.4.1 and a 4K panel.",
    "The 5G rollout and the 3M plant opened in Room 3b.",
    "The desk is staffed 24/7 and closes on 12/25 and 1/15.",
]

# Wordings that look like one number but are two, or none; (sentence, claim texts expected).
SPLITS = [
    ("Two three-judge benches sat.", ["Two three-judge benches"]),
    ("In 4000 3 hundred people came.", ["4000", "3 hundred people"]),
    ("On June 5 100 people marched.", ["100 people"]),
    ("Dozens of people were hurt.", []),
    ("At one point five soldiers were missing.", ["five soldiers"]),
    ("> 26 people were killed, the post said.", ["26 people"]),
    ("More than 40 and less than 10 are not a range.", ["More than 40", "less than 10"]),
    ("He came first. She won a third term.", ["first", "third term"]),
    ("He was the first to arrive.", []),
    ("Two thirds of members voted.", ["Two thirds"]),
    # A figure written in digits ends at its scale: a number word after it starts the next phrase.
    ("Profit was $9.4 billion, against $7.1 billion three months earlier.", ["$9.4 billion", "$7.1 billion", "three months"]),
    ("The fund raised $40 million two years ago.", ["$40 million", "two years"]),
    ("Exports hit 3.5 billion euros, 2 billion six years back.", ["3.5 billion euros", "six years"]),
    ("Some two million three hundred thousand people voted.", ["Some two million three hundred thousand people"]),
]


@pytest.mark.parametrize("text, expected", SPLITS, ids=[t[:30] for t, _ in SPLITS])
def test_numbers_are_read_whole_and_never_joined_across_words(text, expected):
    assert [c.text for c in claims(text) if c.kind != "date"] == expected


@pytest.mark.parametrize("text", TRAPS, ids=[t[:30] for t in TRAPS])
def test_names_times_phones_and_urls_are_not_quantities(text):
    numeric = [c.text for c in claims(text) if c.kind in ("quantity", "money", "percent", "duration")]
    assert numeric == []


@pytest.mark.parametrize("text, expected", [
    ("The lot holds 12-\u00b2 units.", ["12"]),  # a superscript two is str.isdigit, yet no digit of a range
    ("The jet was a 787-8 and flew 20-25 people.", ["20-25 people"]),
], ids=["hyphen then superscript", "hyphen then digits"])
def test_a_hyphen_after_digits_reads_only_real_digits_after_it(text, expected):
    assert [c.text for c in claims(text) if c.kind == "quantity"] == expected


def test_relative_dates_resolve_against_the_as_of_date():
    found = {c.text: c.value for c in claims("Talks began on Monday; exports fell last year; the vote was on June 20.")}
    assert found["Monday"] == "2025-06-23"
    assert found["last year"] == "2024"
    assert found["June 20"] == "2025-06-20"


def test_roles_keep_name_and_office():
    found = {c.text: c for c in claims("Earlier, the Defence Minister of Kestria, Ilse Brandt, met Prime Minister Oren Talvik.")}
    brandt = found["Defence Minister of Kestria, Ilse Brandt"]
    assert (brandt.value, brandt.unit) == ("Ilse Brandt", "Defence Minister of Kestria")
    assert found["Prime Minister Oren Talvik"].value == "Oren Talvik"


def test_spans_point_into_the_text():
    text = "Officials said 26 people died.\nA second line with 4.2% growth."
    for claim in claims(text):
        assert text[claim.start:claim.end] == claim.text


ROLES = [
    ("Transport Minister Elsa Varga opened the line.", "Transport Minister Elsa Varga", "Elsa Varga"),
    ("Civil Aviation Minister Tomas Reyes Ortega flew in.", "Civil Aviation Minister Tomas Reyes Ortega",
     "Tomas Reyes Ortega"),
    ("First Minister Alba Moray switched on the lights.", "First Minister Alba Moray", "Alba Moray"),
    ("Police Commissioner Ian Hale said the toll rose.", "Police Commissioner Ian Hale", "Ian Hale"),
    ("Chief Justice Ruth Okafor swore him in.", "Chief Justice Ruth Okafor", "Ruth Okafor"),
    ("The poll body's head, NEC chairman Musa Adamu, spoke.", "NEC chairman Musa Adamu", "Musa Adamu"),
    ("Leaders welcomed AU Chairperson Ali Sow.", "AU Chairperson Ali Sow", "Ali Sow"),
    ("Prime Minister Anna May's cabinet resigned.", "Prime Minister Anna May", "Anna May"),
    ("Deputy Prime Minister Ivo Rank met them.", "Deputy Prime Minister Ivo Rank", "Ivo Rank"),
    ("It beat rival Jon Barr, Chief Justice Ada Lind announced.", "Chief Justice Ada Lind", "Ada Lind"),
]


@pytest.mark.parametrize("text, claim_text, name", ROLES, ids=[r[1] for r in ROLES])
def test_titles_of_any_portfolio_before_a_name(text, claim_text, name):
    found = {c.text: c for c in claims(text, ("role",))}
    assert list(found) == [claim_text]
    assert found[claim_text].value == name


def test_a_bare_minister_or_chairman_names_no_office():
    assert claims("The minister, Ivo Rank, and the chairman Musa Adamu spoke.", ("role",)) == []


# (sentence, claim text, value) with the as-of date 2025-06-26
DATES = [
    ("The referendum was held in January.", "in January", "2025-01"),
    ("Prices fell in September.", "in September", "2024-09"),
    ("The vote will be held in March.", "in March", "2026-03"),
    ("Exports fell in July.", "in July", "2024-07"),
    ("He will begin a second term on January 1.", "January 1", "2026-01-01"),
    ("She is due to take office on October 1.", "October 1", "2025-10-01"),
    ("The strike began on October 1.", "October 1", "2024-10-01"),
    ("The bridge opened on May 29.", "May 29", "2025-05-29"),
]


@pytest.mark.parametrize("text, claim_text, value", DATES, ids=[d[0][:40] for d in DATES])
def test_months_alone_and_days_without_a_year_resolve_by_tense(text, claim_text, value):
    found = {c.text: c.value for c in claims(text, ("date",))}
    assert found[claim_text] == value


NOT_DATES = [
    "The toll rose to 40, police said on Sunday.",
    "The ministry said on Friday that exports grew.",
    "The minister told reporters on Monday that talks went well.",
    "The agency said in a statement on Tuesday that it would appeal.",
    "Crowds gathered for Easter Sunday prayers.",
    "The council passed Resolution 1999 and the Vision 2030 plan.",
    "The probe rode a Long March 5 rocket.",
    "The report was backed by May in cabinet.",
]


@pytest.mark.parametrize("text", NOT_DATES, ids=[t[:40] for t in NOT_DATES])
def test_times_of_saying_and_dates_in_names_are_not_claims(text):
    assert claims(text, ("date",)) == []


def test_a_weekday_that_is_not_a_time_of_saying_stays():
    assert [c.text for c in claims("Officials said the strike began on Monday.", ("date",))] == ["Monday"]


MEASURES = [
    ("a 57-km rail tunnel", "57-km", 57, "km"),
    ("the 53.9-km undersea tunnel", "53.9-km", 53.9, "km"),
    ("the 15-member council", "15-member", 15, "member"),
]


@pytest.mark.parametrize("text, claim_text, value, noun", MEASURES, ids=[m[1] for m in MEASURES])
def test_adjectival_measures_count_the_word_after_the_hyphen(text, claim_text, value, noun):
    found = {c.text: c for c in claims(text, ("quantity",))}
    assert (found[claim_text].value, found[claim_text].noun) == (value, noun)


def test_an_age_is_a_duration():
    (claim,) = claims("The 21-year-old union met in Accra.", ("duration",))
    assert (claim.text, claim.value, claim.unit) == ("21-year-old", 21, "year")


@pytest.mark.parametrize("text", [
    "The final went to Game 7 in Boston.", "Trains on Line 14 were halted.", "Flights left from Terminal 1 today.",
    "The team topped Group 3 unbeaten.", "Its Falcon 9 rocket flew again.",
])
def test_a_number_after_a_capitalised_designation_is_a_name(text):
    assert claims(text, ("quantity",)) == []


def test_a_capitalised_first_word_is_no_designation():
    assert [c.text for c in claims("Some 300 delegates came.", ("quantity",))] == ["Some 300 delegates"]


@pytest.mark.parametrize("text", [
    "It was the first full budget of the new government.", "She will be the first woman to lead.",
    "He was sent off in the first half.", "First Minister Alba Moray spoke.", "The first stage landed.",
])
def test_a_bare_first_is_descriptive(text):
    assert claims(text, ("ordinal",)) == []


ORDINAL_NOUNS = [
    ("They won their third World Cup title.", "third World Cup title", "World Cup title"),
    ("It was his 26th World Cup appearance.", "26th World Cup appearance", "World Cup appearance"),
    ("She won a third term.", "third term", "term"),
    ("It was India's first-ever presidency.", "first-ever presidency", "presidency"),
    ("The side won the second Test by ten runs.", "second Test", "Test"),
]


@pytest.mark.parametrize("text, claim_text, noun", ORDINAL_NOUNS, ids=[o[1] for o in ORDINAL_NOUNS])
def test_an_ordinal_counts_the_noun_phrase_to_its_head(text, claim_text, noun):
    found = {c.text: c for c in claims(text, ("ordinal",))}
    assert found[claim_text].noun == noun


# Days of one month written as a list or a range are one date claim of several days, not counts.
LISTED_DAYS = [
    ("The summit, held on July 14 and 15, closed early.", [("date", "July 14 and 15")]),
    ("Talks ran on 2, 3 and 4 May in the capital.", [("date", "2, 3 and 4 May")]),
    ("Ballots were cast on March 9 or 10, officials said.", [("date", "March 9 or 10")]),
    ("On August 3, 40 volunteers signed up.", [("date", "August 3"), ("quantity", "40 volunteers")]),
]


@pytest.mark.parametrize("text, expected", LISTED_DAYS, ids=[t[:30] for t, _ in LISTED_DAYS])
def test_days_listed_with_a_date_are_one_date(text, expected):
    assert [(c.kind, c.text) for c in claims(text)] == expected
