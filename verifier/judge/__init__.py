"""Judging: one module per kind of comparison (named by each claim kind's `judge`), and how candidates combine.

Each candidate fact group is judged on its own; the best-ranked one decides (`judge.pick.*`),
and then the vetoes (`judge.veto.*`, in the order of VETOES) may turn its verdict into
unverified: a conflict stands only when no veto fires. Every veto is a named rule with its
examples; the first that fires decides, and the verdict names it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..context import Context
from ..document import NO_YEAR
from ..extract.registry import KINDS
from ..link import BASELINE, Candidate, Link
from ..link.rules import ONE_FIGURE_PER_FACT
from ..records import Claim, Judgement, Verdict
from ..rulebook import FERRY, Example, Rule, declare
from .change import judge_from
from .common import verdict
from .dates import unplaced
from .numeric import applicable, current, test

NUMERIC = ("quantity", "money", "percent", "ordinal")

JUDGES = {kind.name: importlib.import_module(f"{__name__}.{kind.judge}").judge for kind in KINDS
          if kind.judge and kind.judge != "role"}

NOT_JUDGED = Rule("judge.pick.not-judged", "The claim kind is reported but has no judge.")
BEST = Rule(
    "judge.pick.best", "The candidate the text points at most strongly (evidence, then nearness) decides.",
    fires=(Example("The Aldmere ferry disaster killed 41 and injured 112 people.", "112 people", FERRY),),
    quiet=(Example("Tessaly is home to 410,000 people.", "410,000 people"),))
TIED_AGREES = Rule(
    "judge.pick.tied-reading-agrees", "Of readings the text points at equally (a shared name, no cue), one that agrees wins.",
    fires=(Example("Tessaly is home to 410,000 people.", "410,000 people"),),
    quiet=(Example("Tessaly is home to 3.2 million people.", "3.2 million people"),))


@dataclass(frozen=True)
class Reading:
    """What the vetoes weigh: the claim, its link, the best candidate's verdict and every candidate's."""

    claim: Claim
    link: Link
    context: Context
    best: Candidate
    result: Judgement
    results: tuple[tuple[Candidate, Judgement], ...]


@dataclass(frozen=True)
class Veto:
    """A named doubt: `why(reading)` returns the reason it fires, or None."""

    rule: Rule
    why: Callable[[Reading], str | None]
    also_matches: bool = False  # it withholds a match as well as a conflict (numeric claims)


def _nearer_cue(r: Reading) -> str | None:
    if r.link.unmatched_cue and r.result.fact is not None and (
            r.claim.kind in NUMERIC or r.result.verdict is not Verdict.CONSISTENT):
        return f"a nearer cue speaks of {r.link.unmatched_cue}, which the store has no fact for here"
    return None


def _other_fact_agrees(r: Reading) -> str | None:
    agreeing = next((j for c, j in r.results if j.verdict is Verdict.CONSISTENT and c.rank <= r.best.rank), None)
    if agreeing is None:
        return None
    return f"it agrees with {agreeing.subject} {agreeing.plain_predicate}, also named here"


def _weak(r: Reading) -> str | None:
    return (f"no cue phrase ties the claim to {r.best.plain_predicate}, so it may be about something else"
            if r.best.weak else None)


def _shared_name(r: Reading) -> str | None:
    return f"'{r.best.named_as}' may also name {r.best.shared_with}" if r.best.shared_with else None


def _inferred(r: Reading) -> str | None:
    return (f"{r.best.subject} is named only in another sentence, and this one names others"
            if r.best.inferred else None)


def _nearer_subject(r: Reading) -> str | None:
    return (f"{r.link.unmatched_subject}, named nearer, has no such fact in the store"
            if r.link.unmatched_subject else None)


def _stated_elsewhere(r: Reading) -> str | None:
    taken = _matched_elsewhere(r.claim, r.result, r.context)
    return (f"that figure is what '{taken.text}' in this sentence states, so this one is about something else"
            if taken is not None else None)


def _reported(r: Reading) -> str | None:
    return "the sentence reports a claim, an early figure or a forecast" if r.context.attributed(r.claim) else None


def _ambiguous(r: Reading) -> str | None:
    rivals = [j for c, j in r.results[1:] if (c.rank, c.entity_distance) == (r.best.rank, r.best.entity_distance)]
    if any(j.fact and r.result.fact and j.fact.uid != r.result.fact.uid for j in rivals):
        return f"ambiguous: the text points equally at {r.best.subject} and {rivals[0].subject}"
    return None


VETOES = (
    Veto(Rule("judge.veto.nearer-cue-without-fact",
              "A nearer cue names a predicate the store has no fact for here: the figure is about that.",
              fires=(Example("The Selwick bridge collapse killed 300 people.", "300 people"),
                     Example("The Selwick bridge collapse killed at least 20 people.", "at least 20 people")),
              quiet=(Example("The Selwick bridge collapse injured 30 people.", "30 people"),)),
         _nearer_cue, also_matches=True),
    Veto(Rule("judge.veto.other-fact-agrees", "Another fact the same cue points at agrees with the claim.",
              fires=(Example("The Selwick bridge collapse, like the Harbour Summit, happened in 2024.", "2024"),),
              quiet=(Example("The Aldmere ferry disaster killed 44 people.", "44 people", FERRY),)),
         _other_fact_agrees),
    Veto(Rule("judge.veto.weak-link", "Only a counted noun or a bare date links the claim: never enough to conflict.",
              fires=(Example("For the Valdoria-Kestria ties, $5.1 billion is a milestone.", "$5.1 billion"),),
              quiet=(Example("Bilateral trade under the Valdoria-Kestria ties reached $5.1 billion.", "$5.1 billion"),)),
         _weak),
    Veto(Rule("judge.veto.shared-name", "The name that links the subject also names another entity of its kind.",
              fires=(Example("Corvin Rovers have won 9 titles.", "9 titles"),),
              quiet=(Example("Tessaly grew 4.1 per cent.", "4.1 per cent"),)),
         _shared_name),
    Veto(Rule("judge.veto.topic-among-others", "The subject comes from another sentence, and this one names other "
                                              "events or bodies, or an entity of the subject's own kind, the figure "
                                              "may be about.",
              fires=(Example("The Aldmere ferry disaster shocked the port. The NTC said 44 people were killed.",
                             "44 people", FERRY),
                     Example("Port Aldmere is 12 km long. The Orrin Canal opened later.", "12 km"),
                     Example("The Orrin Canal opened in 2025. The quay at Port Aldmere stretches 9 km.", "9 km"),
                     Example("The Orrin Canal opened in 2025. Port Aldmere, by contrast, is 30 km long.", "30 km")),
              quiet=(Example("The Aldmere ferry disaster shocked the port. Oren Talvik said 44 people were killed.",
                             "44 people", FERRY),
                     Example("The Orrin Canal opened in 2025. Officials said it is 50 km long.", "50 km"))),
         _inferred),
    Veto(Rule("judge.veto.nearer-subject-without-fact", "An entity of the subject's kind is named nearer the figure "
                                                       "and has no such fact.",
              fires=(Example("Unlike Valdoria, Kestria grew 8.1 per cent.", "8.1 per cent"),),
              quiet=(Example("Valdoria grew 8.1 per cent, Oren Talvik said.", "8.1 per cent"),)),
         _nearer_subject),
    Veto(Rule("judge.veto.figure-stated-elsewhere", "Another figure of the sentence states the fact, so this one is "
                                                   "about something else.",
              fires=(Example("The Merrovian economy grew 5.4% in the fourth quarter from 4.6% in the third.", "5.4%"),),
              quiet=(Example("The Merrovian economy grew 5.4% in the fourth quarter.", "5.4%"),)),
         _stated_elsewhere),
    Veto(Rule("judge.veto.reported-speech", "The sentence reports someone's claim or an early figure, or the claim's "
                                           "clause a forecast.",
              fires=(Example("Rask claimed that she took 7 wickets.", "7 wickets"),
                     Example("The death toll of the Aldmere ferry disaster is expected to reach 60.", "60", FERRY)),
              quiet=(Example("Rask claimed 7 wickets.", "7 wickets"),
                     Example("Officials said the Aldmere ferry disaster killed 44 people, warning that the toll could "
                             "rise.", "44 people", FERRY))),
         _reported),
    Veto(Rule("judge.veto.earlier-figure", "The figure is named as an earlier one ('the previous record of', 'a former "
                                          "high of'): it may be another time's or another's.",
              fires=(Example("Valdoria's growth beat the previous record of 5.9 per cent.", "5.9 per cent"),
                     Example("The toll of the Aldmere ferry disaster passed its earlier high of 30 people.", "30 people",
                             FERRY),
                     Example("The NTC has passed its former peak of 14 members.", "14 members")),
              quiet=(Example("The Valdorian economy grew 5.9 per cent.", "5.9 per cent"),
                     Example("The Aldmere ferry disaster killed 30 people, a record.", "30 people", FERRY))),
         lambda r: "it is named as an earlier figure" if r.context.earlier_figure(r.claim) else None),
    Veto(Rule("judge.veto.ambiguous", "The text points equally at two subjects whose facts differ.",
              fires=(Example("Tessaly is home to 900,000 people.", "900,000 people"),),
              quiet=(Example("The Valdorian economy grew 8.1 per cent.", "8.1 per cent"),)),
         _ambiguous),
)
OWNED_ELSEWHERE = Rule(
    "judge.pick.fact-owned-elsewhere", "When the best reading's fact is what another figure of the sentence states, "
                                       "the figure is about another fact the text points at, and may agree with it.",
    fires=(Example("Valdoria grew 6.5 per cent and Tessaly 2.8 per cent.", "6.5 per cent"),
           Example("Valdoria grew 6.5 per cent, Tessaly 2.8 per cent.", "6.5 per cent"),
           Example("Valdoria grew 6.5 per cent and Merrow 4.6 per cent in the year.", "6.5 per cent")),
    quiet=(Example("The Valdorian economy grew 6.5 per cent.", "6.5 per cent"),))
SIBLING_AGREES = Rule(
    "judge.pick.sibling-fact-agrees", "When another figure of the sentence points first at the same fact, a fact of the "
                                      "same subject in the claim's unit that agrees with it decides.",
    fires=ONE_FIGURE_PER_FACT.fires,
    quiet=(Example("Kestrel Motors said sales were up 6% on a year earlier.", "6%"),
           Example("Kestrel Motors said sales were up 9% on the spring and up 31% on a year earlier.", "9%")))
declare(NOT_JUDGED, BEST, TIED_AGREES, OWNED_ELSEWHERE, SIBLING_AGREES, *(v.rule for v in VETOES))


INTERVAL = Rule(
    "judge.pick.interval-ends", "An interval written with its unit on both ends ('4.5%-4.75%') is two figures: it "
                                "agrees only when both ends do, and conflicts when one end surely does.",
    fires=(Example("Valdoria's growth band is 3%-4%.", "3%-4%"),
           Example("The Bank of Valdoria's target band is now 3.25%-4.5%.", "3.25%-4.5%"),
           Example("The Bank of Valdoria's target band is now 2.25%-3.5%.", "2.25%-3.5%")),
    quiet=(Example("Valdoria's economy grew 6-7 per cent.", "6-7 per cent"),))
IN_ORDER = Rule(
    "judge.pick.interval-ends-in-order", "When the text points equally at two facts of one subject for an interval "
                                         "(a band's bounds), its low end is judged against the lower, its high end "
                                         "against the higher.",
    fires=(Example("The Bank of Valdoria's target band is now 3.25%-3.5%.", "3.25%-3.5%"),
           Example("The Bank of Valdoria's target band is now 3.5%-4%.", "3.5%-4%"),
           Example("The Bank of Valdoria's target band is now 3%-3.25%.", "3%-3.25%")),
    quiet=(Example("Valdoria's growth band is 3%-4%.", "3%-4%"),))
ENDS_APART = Rule(
    "judge.pick.interval-ends-apart", "An interval's two ends are two figures: the fact one end agrees with is that "
                                      "end's, so the other end is judged against the other readings only.",
    fires=(Example("Valdoria's growth band is 4%-6.5%.", "4%-6.5%"),
           Example("Valdoria's growth band is 6.5%-8%.", "6.5%-8%"),
           Example("Valdoria's growth band is 5.5%-6.5%.", "5.5%-6.5%")),
    quiet=(Example("Valdoria's growth band is 3%-4%.", "3%-4%"),
           Example("The Bank of Valdoria's target band is now 3.25%-3.5%.", "3.25%-3.5%")))
declare(INTERVAL, IN_ORDER, ENDS_APART)


def judge(claim: Claim, link: Link, context: Context) -> Judgement:
    if claim.kind == "date" and context.document.as_of.source == NO_YEAR:
        return unplaced(claim)
    if claim.detail("interval") and link.candidates:
        return _interval(claim, link, context)
    if claim.kind not in JUDGES:
        return verdict(claim, Verdict.UNVERIFIED, f"{claim.kind} claims are reported but not checked", rule=NOT_JUDGED)
    if not link.candidates:
        return verdict(claim, Verdict.UNVERIFIED, link.reason, rule=link.rule, trace=link.trace, guess=link.guess)
    if link.baseline_for is not None and claim.kind in NUMERIC:
        return _traced(judge_from(claim, link, context), link.candidates[0], link, context)
    # A duration between two events also gets the dates of the one it ends at.
    results = tuple((c, _traced(JUDGES[claim.kind](claim, c.facts, context, *((c.until,) if c.until else ())), c, link,
                                context)) for c in link.candidates)
    best, result = results[0]
    reading = Reading(claim, link, context, best, result, results)
    for veto in (v for v in VETOES if v.also_matches):  # doubts that withhold a match as well
        why = veto.why(reading) if result.verdict is not Verdict.UNVERIFIED else None
        if why:
            return _vetoed(result, veto.rule, why)
    if result.verdict is Verdict.CONSISTENT:
        return _explained(result, best, results)
    # The text prefers no reading over one that ties with it (a shared name, or no cue at all): one that agrees wins.
    tied = next((j for c, j in results[1:] if j.verdict is Verdict.CONSISTENT and c.rank == best.rank
                 and (best.weak or c.entity_distance == best.entity_distance)), None)
    if tied is not None:
        return _decided(tied, TIED_AGREES)
    if result.verdict is Verdict.UNVERIFIED:
        return _explained(result, best, results)
    sibling = next((j for c, j in results if c.found_by is ONE_FIGURE_PER_FACT and j.verdict is Verdict.CONSISTENT), None)
    if sibling is not None:
        return _decided(sibling, SIBLING_AGREES)
    if _matched_elsewhere(claim, result, context) is not None:
        # The best fact is another figure's ("up 18% ... and up 262%"): a reading the text also points at may agree.
        owned = next((j for c, j in results[1:] if j.verdict is Verdict.CONSISTENT and not c.weak
                      and _matched_elsewhere(claim, j, context) is None), None)
        if owned is not None:
            return _decided(owned, OWNED_ELSEWHERE)
    for veto in (v for v in VETOES if not v.also_matches):
        why = veto.why(reading)
        if why:
            return _vetoed(result, veto.rule, why)
    return _explained(result, best, results)


def _interval(claim: Claim, link: Link, context: Context) -> Judgement:
    """Judge each end of an interval as a figure of its own, then both together."""
    high_start, high_end = claim.detail("high_span")
    low = replace(claim, hedge=None, value_high=None, details=(), text=context.text(claim.anchor, claim.figure_end))
    high = replace(claim, value=claim.value_high, hedge=None, value_high=None, anchor=high_start, figure_end=high_end,
                   details=(), text=context.text(high_start, high_end))
    first = link.candidates[0]
    pair = {(c.subject, c.predicate): c for c in link.candidates if c.rank == first.rank and c.subject == first.subject}
    if len(pair) == 2:  # a band the store gives as two facts: the low end is the lower one's, the high end the other's
        lower, upper = sorted(pair.values(), key=lambda c: _latest(c, context).value)
        ends = [judge(end, replace(link, candidates=(group,)), context) for end, group in ((low, lower), (high, upper))]
        ends = [replace(e, trace=(*e.trace, IN_ORDER.id)) for e in ends]
    else:
        ends = [judge(end, link, context) for end in (low, high)]
        agreeing = [e for e in ends if e.verdict is Verdict.CONSISTENT]
        if len(agreeing) == 1:
            i = 1 - ends.index(agreeing[0])
            ends[i] = _apart(ends[i].claim, agreeing[0], link, context)
    trace = tuple(dict.fromkeys(r for end in ends for r in end.trace))
    wrong = next((e for e in ends if e.verdict is Verdict.CONFLICTING), None)
    if wrong is not None:
        right = [e for e in ends if e is not wrong]
        # The end's correction is the interval from that end on; the high end keeps the low end before it.
        prefix = context.document.text[claim.start:high_start] if wrong.claim is high else ""
        suggestion = prefix + wrong.suggestion if wrong.suggestion else None
        return replace(wrong, claim=claim, suggestion=suggestion, reason=f"{'low' if wrong.claim is low else 'high'} "
                       f"end: {wrong.reason}" + (f"; the other end: {right[0].verdict.value}" if right else ""),
                       decided_by=INTERVAL.id, trace=(*trace, INTERVAL.id))
    if all(e.verdict is Verdict.CONSISTENT for e in ends):
        return replace(ends[0], claim=claim, reason=f"{ends[0].reason}; and {ends[1].reason}", decided_by=INTERVAL.id,
                       trace=(*trace, INTERVAL.id))
    open_end = next(e for e in ends if e.verdict is Verdict.UNVERIFIED)
    return replace(open_end, claim=claim, reason=f"one end unverified: {open_end.reason}", decided_by=INTERVAL.id,
                   trace=(*trace, INTERVAL.id))


def _latest(candidate: Candidate, context: Context):
    """The candidate's fact in force on the as-of date (its first when none is)."""
    now, _ = current(candidate.facts, context.as_of)
    return (now or candidate.facts)[0]


def _apart(end: Claim, owner: Judgement, link: Link, context: Context) -> Judgement:
    """Judge one end of an interval without the fact group the other end agrees with."""
    owned = (owner.subject, owner.predicate)
    rest = tuple(c for c in link.candidates if (c.subject, c.predicate) != owned)
    if not rest:
        return verdict(end, Verdict.UNVERIFIED, f"the other end states {owner.subject} {owner.plain_predicate}, and the store "
                       f"has no other figure here for this end", rule=ENDS_APART, trace=(ENDS_APART.id,))
    result = judge(end, replace(link, candidates=rest), context)
    return replace(result, trace=(*result.trace, ENDS_APART.id))


def _traced(result: Judgement, candidate: Candidate, link: Link, context: Context) -> Judgement:
    """A candidate's judgement, with the linking rules that found it (and set its time) before the judging rule."""
    timed = (BASELINE.id,) if result.claim.kind in NUMERIC and context.baselines(result.claim) else ()
    return replace(result, trace=tuple(dict.fromkeys((*link.trace, *candidate.trace, *timed, *result.trace))))


def _decided(result: Judgement, rule: Rule) -> Judgement:
    return replace(result, decided_by=rule.id, trace=(*result.trace, rule.id))


def _vetoed(result: Judgement, rule: Rule, why: str) -> Judgement:
    """The verdict made unverified by a veto: the comparison's reason, then the doubt."""
    return replace(result, verdict=Verdict.UNVERIFIED, reason=f"{result.reason}; but {why}", suggestion=None,
                   decided_by=rule.id, trace=(*result.trace, rule.id))


def _matched_elsewhere(claim: Claim, result: Judgement, context: Context) -> Claim | None:
    """Another figure of the sentence that the conflicting fact agrees with ("grew 5.4% in Q4 from 4.6% in Q3"
    against the Q3 fact): the fact is that figure's, and this claim is about something the store lacks."""
    fact = result.fact
    if fact is None or fact.value_type != "quantity" or claim.kind not in NUMERIC:
        return None
    for other in context.sentence.claims:
        if other is not claim and other.kind == claim.kind and other.hedge in (None, "approx") and applicable(other, fact) and test(
                other, context.text(other.anchor, other.figure_end), fact.value, fact.tolerance or 0.0
        ) is Verdict.CONSISTENT:
            return other
    return None


def _explained(result: Judgement, best: Candidate, results) -> Judgement:
    """Say why the fact was chosen when the sentence offered others."""
    if len(results) < 2 or result.fact is None:
        return result
    runner = results[1][0]
    because = (f"its cue for {best.plain_predicate} is nearest the figure" if best.rank < runner.rank
               else f"'{best.named_as}' is named nearest the figure")
    # How the linker chose is for --explain and the JSON `detail`; the editor's reason states the fact alone.
    return replace(result, detail=f"chosen over {runner.subject} {runner.plain_predicate}: {because}",
                   trace=(*result.trace, BEST.id))
