"""The rules of linking, each a named value with its examples on the tests' fictional world.

The code that applies them is in `linker` (predicates, time) and `subjects` (which entity); a
rule's id is what a verdict's trace names (see verifier.rulebook).
"""

from __future__ import annotations

from ..rulebook import FERRY, Example, Rule, declare


# --- the rules of linking, each with its examples on the tests' fictional world --------------------------------
NO_ENTITY = Rule(
    "link.none.no-entity", "No entity of the store is named in the sentence, nor one topic before it.",
    fires=(Example("A storm killed 41 people in a distant province.", "41 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))

NO_PREDICATE = Rule(
    "link.none.no-predicate", "No cue phrase or counted noun of the sentence says what the figure measures.",
    fires=(Example("The Aldmere ferry disaster was reported by 12 journalists.", "12 journalists", FERRY),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))

NO_FACT = Rule(
    "link.none.no-fact", "The store has no fact of the entities named under the predicates the text points at.",
    fires=(Example("Kestria grew 8.1 per cent.", "8.1 per cent"),),
    quiet=(Example("The Valdorian economy grew 6.5 per cent.", "6.5 per cent"),))

PART_OF_TOTAL = Rule(
    "link.none.part-of-total", "A part of a total ('including four in ...') is not checked against the total.",
    fires=(Example("The Aldmere ferry disaster killed 41 people, including 12 children.", "12 children", FERRY),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))

VALUE_NOT_NAMED = Rule(
    "link.none.value-not-named", "The facts found relate the entity to another entity this sentence does not name.",
    fires=(Example("Kestria joined in 2023.", "2023"),),
    quiet=(Example("Kestria joined the NTC in 2023.", "2023"),))

DATED_OTHER_EVENT = Rule(
    "link.none.dated-other-event", "A date written onto an event the store does not name ('the May 29 election') is that event's.",
    fires=(Example("Voters went to the polls in the May 29 election and in the Valdorian general election.", "May 29"),),
    quiet=(Example("Voters went to the polls in the June 2 Valdorian general election.", "June 2"),))

END_EVENT = Rule(
    "link.time.end-event", "'Y came N after X': the duration runs from X's date to the date of Y, the event its clause "
                           "reports, when the store dates Y.",
    fires=(Example("The Harbour Summit came a year after Operation Grey Heron.", "a year", "2025-07-01"),
           Example("The Selwick bridge collapse happened three months after the Brenholt mine collapse.", "three months"),
           Example("Operation Grey Heron began two months after the Aldmere ferry disaster.", "two months")),
    quiet=(Example("The summit comes just over a month after Operation Grey Heron.", "just over a month", "2024-06-20"),))

NAMED = Rule(
    "link.subject.named", "The entity is named in the claim's sentence, not across a contrast ('while', 'against').",
    fires=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster shocked the port. Rescuers said 41 people were killed.", "41 people", FERRY),))

ANTECEDENT = Rule(
    "link.subject.antecedent", "'the disaster', 'the canal' stand for the nearest earlier mention whose name has that "
                               "head word.",
    fires=(Example("The Aldmere ferry disaster shocked the port. Officials said the disaster killed 41 people.",
                   "41 people", FERRY),
           Example("The Orrin Canal opened to ships. Engineers said the canal is 57 km long.", "57 km"),
           Example("The Northern Trade Council met in May. By then the council had 12 members.", "12 members")),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))

DESCRIBED = Rule(
    "link.subject.described-event", "An event described by its head word and a place the sentence names ('the "
                                    "ferry disaster off Aldmere') is the store's event of that name, when the "
                                    "sentence's date is its date or it happened within a month of the as-of date.",
    fires=(Example("A ferry disaster off Aldmere killed 41 people on March 1.", "41 people", "2024-03-20"),
           Example("Rescuers said the disaster at Aldmere had killed 41 people.", "41 people", "2024-03-20"),
           Example("In 2024 a disaster in Aldmere killed 41 people.", "41 people", "2025-06-26")),
    quiet=(Example("A disaster in Aldmere killed 41 people.", "41 people", "2025-06-26"),
           Example("A disaster in Aldmere killed 41 people in 2019.", "41 people", "2025-06-26")))

TOPIC_RULE = Rule(
    "link.subject.topic", "A sentence naming nothing with such facts is about the one earlier entity that has them.",
    fires=(Example("The Aldmere ferry disaster shocked the port. Rescuers said 41 people were killed.", "41 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster and the Brenholt mine collapse shocked the region. Rescuers said 41 "
                   "people were killed.", "41 people", FERRY),))

STORY_TOPIC = Rule(
    "link.subject.story-topic", "A sentence that names nothing with such facts, with nothing earlier that has them, is "
                                "about the one entity one of the next two sentences names that has them (a lede names "
                                "its subject afterwards).",
    fires=(Example("Rescuers said 41 people were killed. The Aldmere ferry disaster shocked the port.", "41 people", FERRY),
           Example("A ferry sank with 41 dead, officials said. The Aldmere ferry disaster was the worst in years.",
                   "41 dead", FERRY),
           Example("Some 41 people were killed overnight. Divers reached the Aldmere ferry sinking at dawn.",
                   "41 people", FERRY)),
    quiet=(Example("Rescuers said 41 people were killed. The Aldmere ferry disaster and the Brenholt mine collapse "
                   "shocked the region.", "41 people", FERRY),
           Example("The Aldmere ferry disaster shocked the port. Rescuers said 41 people were killed.", "41 people",
                   FERRY),
           Example("Rescuers said 41 people were killed. Divers searched. Tugs came. The Aldmere ferry disaster was "
                   "the worst in years.", "41 people", FERRY)))

AGE = Rule(
    "link.time.age", "An age ('the 41-year-old', '41 years old', 'aged 41') runs from its subject's birth (a person) "
                     "or founding (a body) to the as-of date; a nearest person or body named beside it is the subject.",
    fires=(Example("Oren Talvik, the 51-year-old minister, visited the port.", "51-year-old"),
           Example("The 51-year-old Oren Talvik visited the port.", "51-year-old"),
           Example("Oren Talvik, 51 years old, visited the port.", "51 years old")),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))

SPAN = Rule(
    "link.time.span", "A duration that names a span ('a 53-day mission', 'the 20-year war', '286 days in space') runs "
                      "between the first and last dates the store has for its one subject with exactly two; weakly, "
                      "since the store may lack one of the span's dates.",
    fires=(Example("The Orrin Canal's 14-year construction ended in May.", "14-year"),
           Example("The Lunar Heron mission's 40-day flight ended in April.", "40-day"),
           Example("Lunar Heron spent 40 days in space.", "40 days")),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))

MEASURED_FROM_RULE = Rule(
    "link.time.measured-from", "'a month after X', 'since X', 'three decades of X': the duration starts at X's date.",
    fires=(Example("The summit comes just over a month after Operation Grey Heron.", "just over a month", "2024-06-20"),),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))

BASELINE = Rule(
    "link.time.baseline-is-no-time", "A year a change is measured from ('up 18% from 2024', 'on the previous year', "
                                     "'compared with 2024') is the comparison's base, not the figure's time.",
    fires=(Example("The Valdorian economy grew 6.5 per cent on the previous year.", "6.5 per cent"),
           Example("The Valdorian economy grew 6.5 per cent compared with 2024.", "6.5 per cent"),
           Example("The Valdorian economy grew 6.5 per cent against 2024 levels.", "6.5 per cent")),
    quiet=(Example("In 2024, the Valdorian economy grew 6.5 per cent.", "6.5 per cent"),
           Example("The Valdorian economy grew 6.5 per cent from 2024 to 2025.", "6.5 per cent")))

RESTATED = Rule(
    "link.predicate.restated", "A figure in brackets right after another of its kind restates it in another unit "
                               "('57.09km (35.5 miles)', '€3.9bn ($4.2bn)'): it measures what that one measures.",
    fires=(Example("The Orrin Canal, 57.09 km (35.5 miles) in all, opened after years of work.", "35.5 miles"),
           Example("Trade under the Valdoria-Kestria ties reached €3.9 billion ($4.2 billion).", "$4.2 billion"),
           Example("The Orrin Canal stretches 57.09 km (35.47 mi) between two ports.", "35.47 mi")),
    quiet=(Example("The Orrin Canal stretches 57.09 km between two ports.", "57.09 km"),))

CHANGED_FROM = Rule(
    "link.predicate.changed-from", "A figure after 'from' that follows a figure of its kind ('fell to 4.93% from "
                                   "5.2%') measures what that one measures, at an earlier time.",
    fires=(Example("Valdoria's unemployment rate fell to 4.93% from 5.2%.", "5.2%"),
           Example("Valdoria's jobless rate fell to 4.93%, down from 5.6%.", "5.6%"),
           Example("Valdoria's unemployment rate eased to 4.9% in April from 5.6% in January.", "5.6%")),
    quiet=(Example("Valdoria's unemployment rate fell to 4.93% from 5.2%.", "4.93%"),
           Example("The Aldmere ferry disaster killed 41 people from 12 villages.", "12 villages", FERRY)))

UNITS_FIT = Rule(
    "link.predicate.units-fit", "A predicate describes only claims of the sort its facts are in: a percentage owns no "
                                "cue of a revenue in dollars, a plain count none of a growth rate in per cent.",
    fires=(Example("Bilateral trade under the Valdoria-Kestria ties grew 12 per cent to $4.2 billion.", "$4.2 billion"),
           Example("Valdoria's economy grew by 6.5 per cent as trade reached $4.2 billion.", "6.5 per cent"),
           Example("Trade grew 9 per cent to $4.2 billion under the Valdoria-Kestria ties.", "$4.2 billion")),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))

ONE_FIGURE_PER_FACT = Rule(
    "link.predicate.one-figure-per-fact", "Two figures of one sentence in one unit that point first at the same fact "
                                          "cannot both state it ('up 6% on the quarter and 31% on the year'): each also "
                                          "gets the subject's other facts in that unit, weakly, to agree with.",
    fires=(Example("Kestrel Motors said sales were up 6% on the spring and up 31% on a year earlier.", "6%"),
           Example("Kestrel Motors sales rose 6% on the quarter and 41% on the year.", "6%"),
           Example("Sales at Kestrel Motors were up 6% on the quarter, and up 30.5% from a year earlier.", "6%")),
    quiet=(Example("Kestrel Motors said sales were up 6% on a year earlier.", "6%"),
           Example("Kestrel Motors said sales were up 31% on a year earlier.", "31%"),
           Example("The Orrin Canal stretches 57.09 km (35.47 mi) between two ports.", "35.47 mi")))

MORE_CUES = Rule(
    "link.predicate.more-cues", "Of predicates whose cues are equally near, the one more of the claim's cues name is "
                                "meant: 'sales rose 31%' is sales growth, though 'rose' names every growth rate.",
    fires=(Example("Kestrel Motors said sales rose 31%.", "31%"),
           Example("Kestrel Motors said sales rose 35%.", "35%"),
           Example("Kestrel Motors posted a profit of $2 billion, up 12%.", "12%")),
    quiet=(Example("Kestrel Motors said the figure was up 12%.", "12%"),
           Example("The Valdorian economy grew 6.5 per cent.", "6.5 per cent")))

CUE = Rule(
    "link.predicate.cue", "A cue phrase of the predicate near the figure, owned by no nearer claim and not the first "
                          "half of a compound ('high-speed'), says what it measures.",
    fires=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster was reported by 12 journalists.", "12 journalists", FERRY),))

ATTACHED_DATE = Rule(
    "link.predicate.date-on-event-name", "A date written onto an event's name ('the disaster of March 1') is its date.",
    fires=(Example("The Aldmere ferry disaster of March 1 shocked the nation.", "March 1", FERRY),),
    quiet=(Example("Officials from the Aldmere ferry disaster inquiry spoke on 3 March 2024.", "3 March 2024", FERRY),))

NAMING_NOUN = Rule(
    "link.predicate.naming-noun", "A counted noun that names its predicate (several words, a unit, an ordinal's noun, "
                                  "a noun only one predicate counts) is as good as a cue.",
    fires=(Example("Rask finished the match with 4 wickets.", "4 wickets"),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))

COUNTED_NOUN = Rule(
    "link.predicate.counted-noun", "A one-word counted noun alone ('2,000 tourists') points at a predicate weakly: "
                                   "enough to agree, never to conflict.",
    fires=(Example("The Aldmere ferry disaster left 41 people.", "41 people", FERRY),),
    quiet=(Example("The Aldmere ferry disaster killed 41 people.", "41 people", FERRY),))

FALLBACK_RULE = Rule(
    "link.predicate.fallback", "With no cue: a date may be an event's, money or a percentage any figure of the entity "
                               "in that unit, weakly.",
    fires=(Example("For the Valdoria-Kestria ties, $4.2 billion is a milestone.", "$4.2 billion"),),
    quiet=(Example("Bilateral trade under the Valdoria-Kestria ties reached $4.2 billion.", "$4.2 billion"),))

CONTRAST_CUTS = Rule(
    "link.subject.contrast-cuts-off", "An entity across a contrast ('while', 'against', 'compared with', 'lower than') "
                                      "is not the figure's subject.",
    fires=(Example("Tomas Ferrow took 59% of the vote against 31% for Dorit Rask.", "59%"),
           Example("The Valdorian economy grew 8.1 per cent, compared with growth of 3.1 per cent a year earlier.",
                   "3.1 per cent"),
           Example("Growth of 3.1 per cent in the region was lower than in Valdoria.", "3.1 per cent")),
    quiet=(Example("Growth of 3.1 per cent in the region was seen in Valdoria.", "3.1 per cent"),
           Example("Dorit Rask took more than 25% of the vote.", "more than 25%"),
           Example("Valdoria grew 6.5 per cent, compared with a year earlier, and 7 per cent in May.", "7 per cent")))

PART_CUTS = Rule(
    "link.subject.part-cuts-off", "An entity named in the parts of a total ('41 people, among them 12 in Tessaly') "
                                  "is the part's, not the total's.",
    fires=(Example("The Aldmere ferry disaster killed 50 people, among them 12 in Tessaly.", "50 people", FERRY),
           Example("Floods killed 50 people, including 12 in Tessaly.", "50 people", FERRY),
           Example("A storm left 900,000 people homeless, of whom 12 lived in Tessaly.", "900,000 people")),
    quiet=(Example("The Aldmere ferry disaster killed 50 people in Tessaly.", "50 people", FERRY),))


RELATIVE_CUTS = Rule(
    "link.subject.relative-clause-after", "An entity named in a relative clause after the figure (', which takes the "
                                          "record from X') is not its subject when one is named before it.",
    fires=(Example("The Orrin Canal is 57 km long, which beats the Selwick bridge collapse site.", "57 km"),
           Example("Valdoria grew 6.5 per cent, which Kestria matched.", "6.5 per cent"),
           Example("The Aldmere ferry disaster killed 41 people, which shocked the Harbour Summit.", "41 people",
                   FERRY)),
    quiet=(Example("The Orrin Canal is 57 km long and links Tessaly.", "57 km"),
           Example("It was 57 km, which the Orrin Canal measures.", "57 km")))

POSSESSOR_SKIPPED = Rule(
    "link.subject.possessor-skipped", "The possessor of another entity named ('the NTC's Harbour Summit') is not the "
                                      "figure's subject; the possessed one may be.",
    fires=(Example("The NTC's Harbour Summit was held on June 25.", "June 25", "2025-06-30"),),
    quiet=(Example("The Harbour Summit of the NTC was held on June 25.", "June 25", "2025-06-30"),))

declare(NO_ENTITY, NO_PREDICATE, NO_FACT, PART_OF_TOTAL, VALUE_NOT_NAMED, DATED_OTHER_EVENT, END_EVENT, NAMED,
        ANTECEDENT, DESCRIBED, TOPIC_RULE, STORY_TOPIC, MEASURED_FROM_RULE, SPAN, AGE, CUE, ATTACHED_DATE, NAMING_NOUN, COUNTED_NOUN, FALLBACK_RULE,
        CONTRAST_CUTS, PART_CUTS, RELATIVE_CUTS, POSSESSOR_SKIPPED, BASELINE, RESTATED, UNITS_FIT,
        ONE_FIGURE_PER_FACT, MORE_CUES, CHANGED_FROM)
