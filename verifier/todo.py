"""Curators' to-do list: unverified claims as interchange records, filled in as far as the verifier understood them.

The source is left empty on purpose: a curator completes it (and the subject,
predicate or value where the guess is wrong), then `claims-db import`s the file.
Every record carries `"todo": true`, so it imports as a draft whatever its status
says and waits in `claims-db review`. A conflicting claim's figure is the draft's,
and the store holds another: its record leaves the value empty (the import refuses
it until a curator fills it from the source) and the note quotes the draft's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .run import FileResult, Finding

# What a role claim asks the store to record.
ROLE_PREDICATE = "holds_office"
TODO = "todo"  # = claims_db.interchange.TODO: the marker that makes `claims-db import` keep the record a draft


def records(files: Iterable[FileResult]) -> list[dict]:
    """The to-do records of every unverified claim of these files (`check --todo`)."""
    return [row for file in files for finding in file.findings
            if finding.verdict.value == "unverified" and (row := record(file, finding)) is not None]


def record(file: FileResult, finding: Finding) -> dict | None:
    """One claim as an interchange record for curators to complete, or None when its value cannot stand as a
    fact's. Any verdict: `review` also sends conflicts a curator should look at (the store may be out of date)."""
    judgement = finding.judgement
    claim = judgement.claim
    if not _recordable(claim):
        return None
    subject, predicate, value = judgement.subject, judgement.predicate, claim.value
    if claim.kind == "role":
        subject, predicate, value = claim.value, ROLE_PREDICATE, claim.unit
    if judgement.verdict.value == "conflicting":  # the draft's figure is in question, never a fact's value
        value = ""
    row = {"subject": subject or "", "predicate": predicate or "", "value": value,
           "unit": claim.unit if claim.kind in ("quantity", "money", "percent") else None,
           "date": file.report.as_of.date.isoformat() if claim.kind in ("quantity", "money", "percent") else None,
           "source": {"title": "", "publisher": "", "url": ""},
           "note": f"to check: {file.path}:{finding.line}: \"{claim.text}\" ({judgement.reason})"
                   + (": the value is left for you to fill from the source" if value == "" else ""),
           TODO: True}
    if isinstance(row["value"], float) and row["value"].is_integer():
        row["value"] = int(row["value"])
    return {k: v for k, v in row.items() if v is not None}


def _recordable(claim) -> bool:
    """Claims whose value can stand as a fact's value: not ordinals or durations (they measure
    from a date), and of dates only full ones ("last year" or "on Tuesday" are not a fact's date)."""
    if claim.kind in ("ordinal", "duration"):
        return False
    if claim.kind == "date":
        return claim.precision == "day" and bool(claim.detail("year_given"))
    return True


def line(row: dict) -> str:
    """A record as one line of the to-do file."""
    return json.dumps(row, ensure_ascii=False) + "\n"


def append(path: str, rows: Iterable[dict]) -> int:
    """Add records to a to-do file (kept whole: rewritten atomically), each line once; return how many were new."""
    from pathlib import Path

    from .document import read_text
    from .output import write_text

    existing = read_text(path)[0] if Path(path).exists() else ""
    if existing and not existing.endswith("\n"):
        existing += "\n"
    have = set(existing.splitlines(keepends=True))
    new = [text for text in dict.fromkeys(map(line, rows)) if text not in have]
    if new:
        write_text(path, existing + "".join(new), "to-do list")
    return len(new)
