"""A corrected copy of a draft: each conflicting claim replaced by its suggestion, written beside the original."""

from __future__ import annotations

from pathlib import Path

from .run import FileResult


def corrected(file: FileResult) -> str:
    text = file.text
    for finding in sorted(file.findings, key=lambda f: f.judgement.claim.start, reverse=True):
        judgement = finding.judgement
        if judgement.verdict.value == "conflicting" and judgement.suggestion:
            text = text[:judgement.claim.start] + judgement.suggestion + text[judgement.claim.end:]
    return text


def target(path: str) -> Path:
    """draft.md -> draft.suggested.md: a new file, never the original."""
    original = Path(path)
    return original.with_name(f"{original.stem}.suggested{original.suffix}")


def write(file: FileResult) -> Path | None:
    """Write the corrected copy when there is something to correct; return its path."""
    text = corrected(file)
    if text == file.text:
        return None
    path = target(file.path)
    path.write_text(text, encoding="utf-8")
    return path
