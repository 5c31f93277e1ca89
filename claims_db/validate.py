"""Find what a sound store must not hold: contradictions, double holders, ambiguous names, unsourced facts.

Each check is a function from a session to problems; `CHECKS` lists them in the
order they are reported. A store's own repository can gate on `claims-db validate`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from .models import Alias, AliasForm, Entity, Fact, Predicate, Status
from .store import fact_dict

# Predicates a subject has one value of at a time (for one `date` and unit). The vocabulary carries no
# such mark, so it is defined here. Left out on purpose: occurred_on (a two-day event is one fact per
# day), located_in (a place lies in a district and a country), manufactured_by (joint builders),
# amount (a subject may carry several sums), and the relations holds_office, member_of, chairs, ...
FUNCTIONAL = frozenset({
    "killed", "injured", "count_of_targets", "member_count", "population", "bilateral_trade",
    "launched_on", "ended_on", "established", "commissioned_on", "headquartered_in",
})
HOLDS_OFFICE = "holds_office"
IN_USE = (Status.APPROVED, Status.DRAFT)  # a draft is checked too: it is on its way to approval


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the store, naming the facts (or entities) involved."""

    check: str
    facts: tuple[str, ...]
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.message}"

    def as_dict(self) -> dict:
        return {"check": self.check, "facts": list(self.facts), "message": self.message}


@dataclass(frozen=True)
class _Period:
    """A fact's validity, both days included; None is open-ended."""

    start: dt.date | None
    end: dt.date | None

    def overlap(self, other: _Period) -> tuple[dt.date | None, dt.date | None] | None:
        """The days both hold (None: unbounded), or None when they share no day."""
        start = max((d for d in (self.start, other.start) if d), default=None)
        end = min((d for d in (self.end, other.end) if d), default=None)
        return None if start and end and start > end else (start, end)

    def __str__(self) -> str:
        return f"{self.start or '…'} – {self.end or 'now'}"


def _period(fact: Fact) -> _Period:
    return _Period(fact.valid_from, fact.valid_to)


def _value(record: dict) -> str:
    return f"{record['value']}" + (f" {record['unit']}" if record["unit"] else "")


def two_values(session: Session) -> Iterator[Problem]:
    """Two approved facts of a functional predicate about one subject, with different values, in force together."""
    facts = session.scalars(
        select(Fact).join(Predicate, Fact.predicate_id == Predicate.id)
        .where(Predicate.name.in_(sorted(FUNCTIONAL)), Fact.status == Status.APPROVED).order_by(Fact.uid))
    groups: dict[tuple, list[dict]] = defaultdict(list)
    periods = {}
    for fact in facts:
        record = fact_dict(fact)
        periods[record["id"]] = _period(fact)
        groups[(record["subject"], record["predicate"], record["date"], record["unit"])].append(record)
    for (subject, predicate, date, _), records in groups.items():
        records.sort(key=lambda r: (r["valid_from"] or "", str(r["value"]), r["id"]))  # the earlier first
        for a, b in combinations(records, 2):
            if a["value"] != b["value"] and periods[a["id"]].overlap(periods[b["id"]]):
                when = f" on {date}" if date else ""
                yield Problem("two-values", (a["id"], b["id"]),
                              f"{a['id']}, {b['id']}: {subject} {predicate}{when} is {_value(a)} and {_value(b)}, "
                              f"valid {periods[a['id']]} and {periods[b['id']]}")


def two_holders(session: Session) -> Iterator[Problem]:
    """An office held by two people on the same day.

    A term ending on the day the next begins is a handover, not two holders: sources date
    the end of one term and the start of the next with the same day.
    """
    facts = session.scalars(
        select(Fact).join(Predicate, Fact.predicate_id == Predicate.id)
        .where(Predicate.name == HOLDS_OFFICE, Fact.status == Status.APPROVED).order_by(Fact.uid))
    by_office: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.value_entity is not None:
            by_office[fact.value_entity.name].append(fact)
    for office, terms in sorted(by_office.items()):
        terms.sort(key=lambda f: (f.valid_from or dt.date.min, f.subject.name, f.uid))  # the earlier first
        for a, b in combinations(terms, 2):
            if a.subject_id == b.subject_id:
                continue
            if _period(a).overlap(_period(b)) is None or _handover(a, b):
                continue
            yield Problem("two-holders", (a.uid, b.uid),
                          f"{a.uid}, {b.uid}: {office} is held by {a.subject.name} ({_period(a)}) "
                          f"and {b.subject.name} ({_period(b)}) at once")


def _handover(a: Fact, b: Fact) -> bool:
    """Whether one term ends on the day the other begins (then that day is all they share)."""
    return (a.valid_to is not None and a.valid_to == b.valid_from) or \
        (b.valid_to is not None and b.valid_to == a.valid_from)


def shared_alias(session: Session) -> Iterator[Problem]:
    """A name that two entities of one kind answer to: a draft using it cannot say which is meant.

    A bare title ("Defence Minister", "President") that offices of different jurisdictions share is no
    problem: it names every office of the title by design, and the linker picks one by the country the
    sentence names. Offices count so only when declared with a jurisdiction the alias does not name.
    """
    rows = session.execute(select(Alias.norm, Alias.text, Entity.kind, Entity.name)
                           .join(Entity, Alias.entity_id == Entity.id).order_by(Alias.norm, Entity.name))
    named: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for norm, text, kind, name in rows:
        named[(norm, kind)].setdefault(name, text)
    places = _jurisdiction_names(session)
    for (norm, kind), entities in sorted(named.items()):
        if len(entities) > 1 and not _bare_title(norm, entities, places):
            alias = min(entities.values())
            yield Problem("shared-alias", (),
                          f"{alias!r} names {len(entities)} entities of kind {kind}: {', '.join(sorted(entities))}")


def _jurisdiction_names(session: Session) -> dict[str, set[str]]:
    """For each office declared with a jurisdiction, the normalised names and demonyms of that jurisdiction."""
    place = aliased(Entity)
    rows = session.execute(select(Entity.name, Alias.norm).join(place, Entity.jurisdiction_id == place.id)
                           .join(Alias, Alias.entity_id == place.id)
                           .where(Alias.form != AliasForm.GENERATED))
    names: dict[str, set[str]] = defaultdict(set)
    for office, norm in rows:
        names[office].add(norm)
    return names


def _bare_title(norm: str, entities: dict[str, str], places: dict[str, set[str]]) -> bool:
    """Whether every entity sharing the alias is an office with a jurisdiction, and the alias names none."""
    words = f" {norm} "
    return all(name in places and not any(f" {p} " in words for p in places[name]) for name in entities)


def no_source_url(session: Session) -> Iterator[Problem]:
    """A fact in use whose source has no URL a reader could follow (scheme://host...)."""
    for fact in _in_use(session):
        url = (fact.source_url or "").strip()
        parts = urlsplit(url)
        if not (parts.scheme and parts.netloc):
            shown = f"{url!r}, not a URL" if url else "no URL"
            yield Problem("no-source-url", (fact.uid,),
                          f"{fact.uid}: {fact.subject.name} {fact.predicate.name}: source "
                          f"{fact.source_title!r} has {shown}")


def date_outside_validity(session: Session) -> Iterator[Problem]:
    """A fact in use dated outside the period it says it is valid for."""
    for fact in _in_use(session):
        period = _period(fact)
        if fact.date and ((period.start and fact.date < period.start) or (period.end and fact.date > period.end)):
            yield Problem("date-outside-validity", (fact.uid,),
                          f"{fact.uid}: {fact.subject.name} {fact.predicate.name}: dated {fact.date}, "
                          f"valid {period}")


def _in_use(session: Session) -> Iterable[Fact]:
    return session.scalars(select(Fact).where(Fact.status.in_(IN_USE)).order_by(Fact.uid))


CHECKS: tuple[Callable[[Session], Iterable[Problem]], ...] = (
    two_values, two_holders, shared_alias, no_source_url, date_outside_validity)


def problems(session: Session) -> list[Problem]:
    """Every problem of the store, check by check, in a stable order."""
    return [problem for check in CHECKS for problem in check(session)]
