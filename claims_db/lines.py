"""How `claims-db` writes its answers as text lines; the CLI prints them, nothing here prints."""

from __future__ import annotations

import json
from collections.abc import Iterator

from .ask import EntityView, Holding, Term
from .history import Change, Trail


def period(valid_from: str | None, valid_to: str | None) -> str:
    return f"{valid_from or '…'} – {valid_to or 'now'}"


def fact(record: dict) -> str:
    """One fact: id, subject, predicate, value, dates, publisher and status."""
    span = f" [{period(record['valid_from'], record['valid_to'])}]" if record["valid_from"] or record["valid_to"] else ""
    when = f" on {record['date']}" if record["date"] else ""
    unit = f" {record['unit']}" if record["unit"] else ""
    return (f"{record['id']}  {record['subject']}  {record['predicate']}  {record['value']}{unit}{when}{span}"
            f"  ({record['source']['publisher']}) {record['status']}")


def count(shown: int, total: int) -> str:
    """'N fact(s)', or 'N of M fact(s); --limit N to see more' when the page does not hold them all."""
    if shown >= total:
        return f"{total} fact(s)"
    return f"{shown} of {total} fact(s); --limit {total} to see more"


def _term(term: Term, name: str) -> str:
    return f"  {_term_period(term)}  {name}  {term.fact_id}"


def _term_period(term: Term) -> str:
    return period(term.valid_from and term.valid_from.isoformat(), term.valid_to and term.valid_to.isoformat())


def _names(terms: tuple[Term, ...]) -> str:
    return " and ".join(f"{t.holder} ({_term_period(t)}, {t.fact_id})" for t in terms)


def entity(view: EntityView) -> Iterator[str]:
    """`claims-db show`: the entity, its aliases, offices held, holders if an office, then its facts."""
    yield f"{view.name}  ({view.kind}, id {view.id})"
    yield "aliases: " + (", ".join(view.aliases) if view.aliases else "none")
    if view.made:
        yield f"made from its parts: {len(view.made)} names (claims-db entity show lists them)"
    if view.note:
        yield f"note: {view.note}"
    if view.offices:
        yield "offices held:"
        yield from (_term(t, t.office) for t in view.offices)
    if view.is_office:
        yield "holders:" if view.holders else "holders: none known"
        yield from (_term(t, t.holder) for t in view.holders)
        yield f"holder on {view.on}: " + (_names(view.current) if view.current else "nobody known")
    yield f"facts ({len(view.facts)}):" if view.facts else "facts: none"
    yield from ("  " + fact(f) for f in view.facts)


def holding(answer: Holding) -> str:
    """`claims-db who`: the holders of one office on one day, or the nearest known terms around it."""
    if answer.holders:
        return f"{answer.office} on {answer.on}: {_names(answer.holders)}"
    around = [f"last known: {t.holder} until {t.valid_to} ({t.fact_id})" for t in [answer.last_before] if t]
    around += [f"next known: {t.holder} from {t.valid_from} ({t.fact_id})" for t in [answer.next_after] if t]
    return f"{answer.office} on {answer.on}: nobody known" + (f" ({'; '.join(around)})" if around else "")


def versions(uid: str, records: list[dict]) -> Iterator[str]:
    """`claims-db show FACT_ID`: which version the id is, then every version, the current one marked."""
    asked = next(r for r in records if r["id"] == uid)
    current = records[-1]
    where = "the current one" if asked is current else f"superseded; the current one is {current['id']}"
    yield f"fact {uid}: version {asked['version']} of {current['version']}, {where}"
    for record in records:
        yield f"  v{record['version']}  " + fact(record) + ("  (current)" if record is current else "")


def _value(value) -> str:
    """A field's value on one line: text as it is (its line breaks shown as \\n), anything else as JSON."""
    if value is None:
        return "none"
    return value.replace("\n", "\\n") if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def change(item: Change) -> Iterator[str]:
    """One change: when (UTC), what, about which fact or entity, by whom and why, then the fields it changed."""
    about = item.fact or item.entity or item.predicate or "?"
    yield f"{item.at.isoformat(sep=' ', timespec='seconds')}Z  {item.action}  {about}  by {item.by}" + (
        f": {item.why}" if item.why else "")
    for field, new in (item.new or {}).items():
        if item.old is None:
            if new not in (None, "", [], {}) and field not in ("record", "id"):
                yield f"    {field}: {_value(new)}"
        else:
            yield f"    {field}: {_value(item.old.get(field))} -> {_value(new)}"


def trail(item: Trail) -> Iterator[str]:
    """`claims-db history`: a fact's versions, then every change in the order made."""
    if item.versions:
        yield "versions: " + ", ".join(f"{uid} (v{version}, {status})" for uid, version, status in item.versions)
    yield f"{len(item.changes)} change(s)" + ("" if item.changes else " recorded")
    for entry in item.changes:
        yield from change(entry)


def entity_names(view) -> Iterator[str]:
    """`claims-db entity show`: the entity, an office's parts, then its names by where each comes from."""
    yield f"{view.name}  ({view.kind}, id {view.id})"
    if view.parts:
        yield "parts: " + ", ".join(f"{k} {v}" for k, v in view.parts.items())
    yield "aliases: " + (", ".join(view.written) if view.written else "none")
    if view.demonyms:
        yield "demonyms: " + ", ".join(view.demonyms)
    if view.parts:
        yield f"made from its parts ({len(view.made)}): " + (", ".join(view.made) if view.made else "none")
    if view.offices:
        yield "jurisdiction of: " + ", ".join(view.offices)
