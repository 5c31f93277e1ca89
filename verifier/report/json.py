"""The JSON report: a stable contract (version 1) documented in the README."""

from __future__ import annotations

import datetime as dt
import json

from claims_db.query import FactRow, StoreInfo

from ..records import FileReport, Judgement, Verdict

VERSION = 1


def plain(value):
    """A value as JSON shows it: dates in ISO form, whole floats as integers."""
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def fact_dict(fact: FactRow | None) -> dict | None:
    if fact is None:
        return None
    return {"id": fact.uid, "subject": fact.subject, "predicate": fact.predicate, "value": plain(fact.value),
            "unit": fact.unit, "date": plain(fact.date), "valid_from": plain(fact.valid_from),
            "valid_to": plain(fact.valid_to),
            "source": {"title": fact.source.title, "publisher": fact.source.publisher, "url": fact.source.url,
                       "accessed": plain(fact.source.accessed)}}


def claim_dict(report: FileReport, judgement: Judgement) -> dict:
    claim = judgement.claim
    line, column = report.position(claim.start)
    end_line, end_column = report.position(claim.end)
    return {"text": claim.text, "start": claim.start, "end": claim.end, "line": line, "column": column,
            "end_line": end_line, "end_column": end_column, "kind": claim.kind, "value": plain(claim.value),
            "unit": claim.unit, "hedge": claim.hedge, "verdict": judgement.verdict.value, "reason": judgement.reason,
            "fact": fact_dict(judgement.fact), "suggestion": judgement.suggestion}


def summary(reports: list[FileReport]) -> dict[str, int]:
    total = {v.value: 0 for v in Verdict}
    for report in reports:
        for key, count in report.summary().items():
            total[key] += count
    return total


def render(reports: list[FileReport], store: StoreInfo) -> str:
    document = {
        "version": VERSION,
        "store": {"location": store.location, "schema_version": store.schema_version, "facts": store.facts,
                  "digest": store.digest},
        "files": [{"file": r.path, "as_of": r.as_of.date.isoformat(), "as_of_source": r.as_of.source,
                   "claims": [claim_dict(r, j) for j in r.judgements], "summary": r.summary()} for r in reports],
        "summary": summary(reports),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
