"""Helpers every judge uses: describing facts and building judgements."""

from __future__ import annotations

import datetime as dt

from claims_db.query import FactRow

from ..records import Claim, Judgement, Verdict
from ..rulebook import Rule


def show_date(day: dt.date | None) -> str:
    """A day as an editor writes it: 15 June 2001 (never a locale's month names)."""
    if day is None:
        return "an unrecorded date"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def show_value(fact: FactRow) -> str:
    value = fact.value
    if isinstance(value, dt.date):
        return show_date(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, float):
        value = float(f"{value:.6g}")  # a converted unit: 35.4741 mi, not 35.474081364829395
    if isinstance(value, (int, float)):
        value = f"{value:,}" if abs(value) >= 10000 else str(value)
    return f"{value} {fact.unit}" if fact.unit else str(value)


def states(fact: FactRow) -> str:
    """A fact in plain words: "2025 Pahalgam attack: death toll is 26 people", "Belarus: member of SCO".

    A quantity's or a date's label is a noun ("death toll"), an entity's a relation ("member of")."""
    verb = "" if fact.value_type == "entity" else " is"
    return f"{fact.subject}: {fact.plain_predicate}{verb} {show_value(fact)}"


def show_period(fact: FactRow) -> str:
    if fact.valid_from and fact.valid_to:
        return f"from {show_date(fact.valid_from)} to {show_date(fact.valid_to)}"
    if fact.valid_from:
        return f"since {show_date(fact.valid_from)}"
    if fact.valid_to:
        return f"until {show_date(fact.valid_to)}"
    return ""


def verdict(claim: Claim, kind: Verdict, reason: str, fact: FactRow | None = None,
            suggestion: str | None = None, *, rule: Rule, trace: tuple[str, ...] = (),
            guess: tuple[str | None, str | None] = (None, None)) -> Judgement:
    """A judgement decided by `rule`, after the rules in `trace` shaped it; with no fact, its subject and predicate
    are the `guess` linking made (for a to-do list)."""
    subject, predicate = (fact.subject, fact.predicate) if fact else guess
    return Judgement(claim, kind, reason, fact, suggestion if kind is Verdict.CONFLICTING else None,
                     subject, predicate, rule.id, tuple(dict.fromkeys((*trace, rule.id))))


def replace_figure(claim: Claim, text: str, new: str, keep_prefix: bool = False) -> str:
    """The claim's text with its figure (or name) replaced; a hedge before a figure is dropped."""
    prefix = text[claim.start:claim.anchor] if keep_prefix else ""
    return prefix + new + text[claim.figure_end:claim.end]


def within_week(day: dt.date, as_of: dt.date) -> bool:
    return 0 <= (as_of - day).days <= 6
