"""Curators' to-do list: unverified claims as interchange records, filled in as far as the verifier understood them.

The source is left empty on purpose: a curator completes it (and the subject,
predicate or value where the guess is wrong), then `claims-db import`s the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .run import FileResult

# What a role claim asks the store to record.
ROLE_PREDICATE = "holds_office"


def records(files: Iterable[FileResult]) -> list[dict]:
    rows = []
    for file in files:
        for finding in file.findings:
            judgement = finding.judgement
            claim = judgement.claim
            if judgement.verdict.value != "unverified" or not _recordable(claim):
                continue
            subject, predicate, value = judgement.subject, judgement.predicate, claim.value
            if claim.kind == "role":
                subject, predicate, value = claim.value, ROLE_PREDICATE, claim.unit
            row = {"subject": subject or "", "predicate": predicate or "", "value": value,
                   "unit": claim.unit if claim.kind in ("quantity", "money", "percent") else None,
                   "date": file.report.as_of.date.isoformat() if claim.kind in ("quantity", "money", "percent") else None,
                   "source": {"title": "", "publisher": "", "url": ""},
                   "note": f"to check: {file.path}:{finding.line}: \"{claim.text}\" ({judgement.reason})"}
            if isinstance(row["value"], float) and row["value"].is_integer():
                row["value"] = int(row["value"])
            rows.append({k: v for k, v in row.items() if v is not None})
    return rows


def _recordable(claim) -> bool:
    """Claims whose value can stand as a fact's value: not ordinals or durations (they measure
    from a date), and of dates only full ones ("last year" or "on Tuesday" are not a fact's date)."""
    if claim.kind in ("ordinal", "duration"):
        return False
    if claim.kind == "date":
        return claim.precision == "day" and bool(claim.detail("year_given"))
    return True


def write(path: str, files: Iterable[FileResult]) -> int:
    from .output import write_text

    rows = records(files)
    write_text(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "to-do list")
    return len(rows)
