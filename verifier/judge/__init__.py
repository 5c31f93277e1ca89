"""Judging: one module per kind of comparison (named by each claim kind's `judge`), and how candidates combine.

Each candidate fact group is judged on its own; the best-ranked one decides,
except that a conflict stands only when it is surely meant: linked by a cue
(not a noun alone or a bare date), no other fact in the sentence agrees with
the claim, and the sentence does not report someone's claim or a forecast.
"""

from __future__ import annotations

import importlib
from dataclasses import replace

from ..context import Context
from ..extract.registry import KINDS
from ..link import Link
from ..records import Claim, Judgement, Verdict
from .common import verdict
from .numeric import applicable, test

NUMERIC = ("quantity", "money", "percent", "ordinal")

JUDGES = {kind.name: importlib.import_module(f"{__name__}.{kind.judge}").judge for kind in KINDS
          if kind.judge and kind.judge != "role"}


def judge(claim: Claim, link: Link, context: Context) -> Judgement:
    if claim.kind not in JUDGES:
        return verdict(claim, Verdict.UNVERIFIED, f"{claim.kind} claims are reported but not checked")
    if not link.candidates:
        return replace(verdict(claim, Verdict.UNVERIFIED, link.reason), subject=link.guess[0], predicate=link.guess[1])
    results = [(c, JUDGES[claim.kind](claim, c.facts, context)) for c in link.candidates]
    best, result = results[0]
    if link.unmatched_cue and result.fact is not None and (claim.kind in NUMERIC or result.verdict is not Verdict.CONSISTENT):
        # "killed at least 137 people" is not borne out by 5,000 injured: the nearer cue says what it counts.
        # (A date that matches a fact to the day is evidence enough, whichever date word is nearer.)
        return verdict(claim, Verdict.UNVERIFIED, f"a nearer cue speaks of {link.unmatched_cue}, which the store has "
                                                  f"no fact for here ({result.reason})", result.fact)
    if result.verdict is Verdict.CONSISTENT:
        return _explained(result, best, results)
    # The text prefers no reading over one that ties with it (a shared name, or no cue at all): one that agrees wins.
    tied = next((r for c, r in results[1:] if r.verdict is Verdict.CONSISTENT and c.cue_distance == best.cue_distance
                 and (best.weak or c.entity_distance == best.entity_distance)), None)
    if tied is not None:
        return tied
    # Another fact the same cue points at ("established" for the SCO and the Shanghai Five) that agrees.
    agreeing = next((r for c, r in results if r.verdict is Verdict.CONSISTENT and c.cue_distance <= best.cue_distance),
                    None)
    if result.verdict is Verdict.CONFLICTING:
        if agreeing is not None:
            return verdict(claim, Verdict.UNVERIFIED, f"disagrees with {best.subject} {best.predicate} but agrees with "
                                                      f"{agreeing.subject} {agreeing.predicate}, also named here",
                           result.fact)
        if best.weak:
            return verdict(claim, Verdict.UNVERIFIED, f"{result.reason}; but no cue phrase ties the claim to "
                                                      f"{best.predicate}, so it may be about something else", result.fact)
        if best.shared_with:
            return verdict(claim, Verdict.UNVERIFIED, f"{result.reason}; but '{best.named_as}' may also name "
                                                      f"{best.shared_with}", result.fact)
        if best.inferred:
            return verdict(claim, Verdict.UNVERIFIED, f"{result.reason}; but {best.subject} is only named in an "
                                                      "earlier sentence and this one names others", result.fact)
        if link.unmatched_subject:
            return verdict(claim, Verdict.UNVERIFIED, f"{result.reason}; but {link.unmatched_subject}, named nearer, "
                                                      f"has no such fact in the store", result.fact)
        taken = _matched_elsewhere(claim, result, context)
        if taken is not None:
            return verdict(claim, Verdict.UNVERIFIED, f"{result.reason}; but that figure is what '{taken.text}' in "
                                                      "this sentence states, so this one is about something else",
                           result.fact)
        if context.attributed(claim):
            return verdict(claim, Verdict.UNVERIFIED, f"{result.reason}; but the sentence reports a claim, an early "
                                                      "figure or a forecast", result.fact)
        rivals = [r for c, r in results[1:] if (c.cue_distance, c.entity_distance) == (best.cue_distance, best.entity_distance)]
        if any(r.fact and result.fact and r.fact.uid != result.fact.uid for r in rivals):
            return verdict(claim, Verdict.UNVERIFIED, f"ambiguous: the text points equally at {best.subject} and "
                                                      f"{rivals[0].subject}", result.fact)
    return _explained(result, best, results)


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


def _explained(result: Judgement, best, results) -> Judgement:
    """Say why the fact was chosen when the sentence offered others."""
    if len(results) < 2 or result.fact is None:
        return result
    runner = results[1][0]
    because = (f"its cue for {best.predicate} is nearest the figure" if best.cue_distance < runner.cue_distance
               else f"'{best.named_as}' is named nearest the figure")
    return replace(result, reason=f"{result.reason}; chosen over {runner.subject} {runner.predicate}: {because}")
