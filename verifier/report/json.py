"""The JSON report: a stable contract (version 1) documented in the README."""

from __future__ import annotations

import datetime as dt

from claims_db.query import FactRow

from ..run import AnyRun, FileResult, Finding, Totals
from . import Writer, jsonstream
from .jsonstream import Each, Fields, Later

VERSION = 1


def plain(value):
    """A value as JSON shows it: dates in ISO form, whole floats as integers."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def value_with_unit(fact: FactRow) -> str:
    """A fact's value as reports write it: "26 people", "2025-04-22"."""
    value = plain(fact.value)
    return f"{value} {fact.unit}" if fact.unit else str(value)


def fact_dict(fact: FactRow | None) -> dict | None:
    if fact is None:
        return None
    return {"id": fact.uid, "subject": fact.subject, "predicate": fact.predicate, "value": plain(fact.value),
            "unit": fact.unit, "date": plain(fact.date), "valid_from": plain(fact.valid_from),
            "valid_to": plain(fact.valid_to),
            "source": {"title": fact.source.title, "publisher": fact.source.publisher, "url": fact.source.url,
                       "accessed": plain(fact.source.accessed)}}


def claim_dict(finding: Finding) -> dict:
    judgement = finding.judgement
    claim = judgement.claim
    return {"text": claim.text, "start": claim.start, "end": claim.end, "line": finding.line,
            "column": finding.column, "end_line": finding.end_line, "end_column": finding.end_column,
            "kind": claim.kind, "value": plain(claim.value), "unit": claim.unit, "hedge": claim.hedge,
            "verdict": judgement.verdict.value, "reason": judgement.reason, "fact": fact_dict(judgement.fact),
            "suggestion": judgement.suggestion, "rule": finding.rule.id, "severity": finding.severity,
            "fingerprint": finding.fingerprint, "decided_by": judgement.decided_by, "trace": list(judgement.trace),
            "detail": judgement.detail}


def file_dict(file: FileResult) -> dict:
    return {"file": file.path, "as_of": file.report.as_of.date.isoformat(), "as_of_source": file.report.as_of.source,
            "claims": [claim_dict(x) for x in file.findings], "summary": file.summary(),
            "notices": [{"line": n.line, "message": n.message} for n in file.notices]}


def write(run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    totals = Totals()
    document = Fields((
        ("version", VERSION),
        ("store", {"location": run.store.location, "schema_version": run.store.schema_version,
                   "facts": run.store.facts, "digest": run.store.digest, "drafts_included": run.store.drafts}),
        ("notices", [n.message for n in run.notices]),
        ("files", Each(map(file_dict, totals.counted(run.files)))),
        ("summary", Later(lambda: totals.claims)),
        ("errors", Later(lambda: [{"file": e.path, "message": e.message} for e in run.errors])),
    ))
    jsonstream.write(out, document)
