"""A corrected copy of a draft: each conflicting claim replaced by its suggestion, written beside the original."""

from __future__ import annotations

from pathlib import Path

from .run import FileResult, Finding


def replacement(finding: Finding, text: str, start: int | None = None) -> str | None:
    """What replaces a conflict's claim in `text` (where it now starts at `start`, when earlier edits moved it):
    its suggestion, when the span holds the claim as written (a claim with markup inside, "<b>44</b> people",
    is left for the editor); else None. `check --suggest` and `review` both apply suggestions through this."""
    judgement, claim = finding.judgement, finding.judgement.claim
    if judgement.verdict.value != "conflicting" or not judgement.suggestion:
        return None
    start = claim.start if start is None else start
    return judgement.suggestion if text[start:start + claim.end - claim.start] == claim.text else None


def corrected(file: FileResult) -> str:
    """The draft with each conflict's text replaced by its suggestion, where `replacement` allows it."""
    text = file.text
    for finding in sorted(file.findings, key=lambda f: f.judgement.claim.start, reverse=True):
        claim = finding.judgement.claim
        if (new := replacement(finding, text)) is not None:
            text = text[:claim.start] + new + text[claim.end:]
    return text


def target(path: str) -> Path:
    """draft.md -> draft.suggested.md: a new file, never the original."""
    original = Path(path)
    stem = original.stem.removesuffix(".suggested")
    return original.with_name(f"{stem}.suggested{original.suffix}")


def prepare(file: FileResult):
    """The corrected copy, written whole beside the draft but not yet in place (`commit()` puts it there, `discard()`
    removes it), when there is something to correct; else None."""
    text = corrected(file)
    if text == file.text:
        return None
    path = target(file.path)
    if path == Path(file.path):
        return None  # the draft is a corrected copy itself: never write over it
    from .output import AtomicFile

    copy = AtomicFile(path, "corrected copy")
    copy.write(("\ufeff" if file.bom else "") + text)
    copy.close()
    return copy
