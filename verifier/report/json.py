"""The JSON report: a stable contract (version 1) documented in the README."""

from __future__ import annotations

import datetime as dt
import json

from claims_db.query import FactRow

from ..run import Finding, RunResult

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


def render(result: RunResult, colour: bool = False, explain: bool = False) -> str:
    document = {
        "version": VERSION,
        "store": {"location": result.store.location, "schema_version": result.store.schema_version,
                  "facts": result.store.facts, "digest": result.store.digest,
                  "drafts_included": result.store.drafts},
        "notices": [n.message for n in result.notices],
        "files": [{"file": f.path, "as_of": f.report.as_of.date.isoformat(), "as_of_source": f.report.as_of.source,
                   "claims": [claim_dict(x) for x in f.findings], "summary": f.summary(),
                   "notices": [{"line": n.line, "message": n.message} for n in f.notices]}
                  for f in result.files],
        "summary": result.summary(),
        "errors": [{"file": e.path, "message": e.message} for e in result.errors],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
