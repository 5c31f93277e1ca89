"""The figure a change starts from: in "fell to 4.93% from 5.2%", 5.2% is the measure's value before the change."""

from __future__ import annotations

from ..context import Context
from ..link import Link
from ..records import Claim, Judgement, Verdict
from ..rulebook import Example, Rule, declare
from .common import replace_figure, show_date, show_value, verdict
from .numeric import applicable, format_number, test

FROM_FIGURE = Rule(
    "judge.quantity.changed-from", "In 'fell to A from B', B is the measure's value before A: it agrees with a figure of "
                                   "the store before A's, and conflicts with the one before the current figure only when "
                                   "A agrees with the current one.",
    fires=(Example("Valdoria's unemployment rate fell to 4.93% from 5.2%.", "5.2%"),
           Example("Valdoria's jobless rate fell to 4.93%, down from 5.6%.", "5.6%"),
           Example("Valdoria's unemployment rate eased to 4.9% in April from 5.6% in January.", "5.6%")),
    quiet=(Example("Valdoria's unemployment rate fell to 4.93%.", "4.93%"),
           Example("Valdoria's unemployment rate was 5.2% in January.", "5.2%")))
declare(FROM_FIGURE)


def judge_from(claim: Claim, link: Link, context: Context) -> Judgement:
    """Judge B of "to A from B" against the figures before the current one of the fact group A points at."""
    best, to = link.candidates[0], link.baseline_for
    facts = sorted((f for f in best.facts if applicable(claim, f) and f.date and f.date <= context.as_of),
                   key=lambda f: f.date)
    figure = context.text(claim.anchor, claim.figure_end)
    # When A is the store's current figure, B is an earlier one; else the store may not have A yet, and B is its latest.
    now = bool(facts) and test(to, context.text(to.anchor, to.figure_end), facts[-1].value,
                               facts[-1].tolerance or 0.0) is Verdict.CONSISTENT
    agree = next((f for f in (facts[:-1] if now else facts)
                  if test(claim, figure, f.value, f.tolerance or 0.0) is Verdict.CONSISTENT), None)
    if agree is not None:
        return verdict(claim, Verdict.CONSISTENT, f"{agree.subject}: {agree.plain_predicate} was {show_value(agree)} as of "
                                                  f"{show_date(agree.date)}, the figure it changed from", agree, rule=FROM_FIGURE)
    if now and len(facts) >= 2 and not best.weak:
        latest, previous = facts[-1], facts[-2]
        if test(claim, figure, previous.value, previous.tolerance or 0.0) is Verdict.CONFLICTING:
            return verdict(claim, Verdict.CONFLICTING, f"{previous.subject}: {previous.plain_predicate} was "
                                                       f"{show_value(previous)} as of {show_date(previous.date)}, before the current "
                                                       f"{show_value(latest)}; not {claim.text.strip()}", previous,
                           replace_figure(claim, context.document.text, format_number(previous.value, figure)),
                           rule=FROM_FIGURE)
    return verdict(claim, Verdict.UNVERIFIED, f"the figure {best.subject} {best.plain_predicate} changed from: the store has "
                                              f"no earlier figure it agrees with, nor one it surely contradicts",
                   facts[-1] if facts else None, rule=FROM_FIGURE)
