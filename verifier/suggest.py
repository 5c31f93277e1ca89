"""A corrected copy of a draft: each conflicting claim replaced by its suggestion, written beside the original."""

from __future__ import annotations

from pathlib import Path

from .run import FileResult


def corrected(file: FileResult) -> str:
    """The draft with each conflict's text replaced, where the claim's text is the file's own
    (a claim with markup inside, "<b>44</b> people", is left for the editor)."""
    text = file.text
    for finding in sorted(file.findings, key=lambda f: f.judgement.claim.start, reverse=True):
        judgement, claim = finding.judgement, finding.judgement.claim
        if (judgement.verdict.value == "conflicting" and judgement.suggestion
                and text[claim.start:claim.end] == claim.text):
            text = text[:claim.start] + judgement.suggestion + text[claim.end:]
    return text


def target(path: str) -> Path:
    """draft.md -> draft.suggested.md: a new file, never the original."""
    original = Path(path)
    stem = original.stem.removesuffix(".suggested")
    return original.with_name(f"{stem}.suggested{original.suffix}")


def write(file: FileResult) -> Path | None:
    """Write the corrected copy when there is something to correct; return its path."""
    text = corrected(file)
    if text == file.text:
        return None
    path = target(file.path)
    if path == Path(file.path):
        return None  # the draft is a corrected copy itself: never write over it
    from .output import write_text

    write_text(path, ("\ufeff" if file.bom else "") + text, "corrected copy")
    return path
