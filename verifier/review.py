"""`verifier review DRAFT`: an editor walks the draft's conflicting (then, when asked, unverified) claims on a
terminal, one key per claim: accept the suggestion, suppress the finding with a reason, send the claim to the
curators' to-do file, or skip it.

Every accepted suggestion or suppression is written to the draft at once, through the same replacement
(`suggest.replacement`) and comment (`suppress.insertion`) that `check` uses, so a later `check` agrees with
what the editor saw. The first write of a review keeps the draft as this review read it in DRAFT.orig; no write
happens when the draft changed on disk since it was read (its bytes' hash is compared first).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import stat
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .document import LINE_BREAK, InputError
from .run import FileResult, Finding
from .terminal import NORMAL, REVERSE, Keys, head, printable, tail, width

BACKUP_SUFFIX = ".orig"    # draft.md -> draft.md.orig: not a draft suffix, so `check DIR` never reads it
DEFAULT_TODO = "todo.jsonl"  # in the current directory, as `check --todo todo.jsonl` in the README
ACTIONS = {"a": "accept the suggestion", "s": "suppress", "t": "to-do", "n": "skip", "q": "quit"}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Session:
    """A draft under review: its text as now written, the edits made to it, and the hash of what is on disk.

    Edits are kept in the order made, each as (start, end, delta) in the text as it was when made; an offset of
    the text as read is carried through them in that order to find where it is now."""

    file: FileResult
    kind: str  # markdown, html or text: where a suppression comment may go
    text: str
    digest: str
    edits: list[tuple[int, int, int]] = field(default_factory=list)
    backup: Path | None = None
    silenced: set[tuple[int, str]] = field(default_factory=set)  # (line as read, rule) a comment now suppresses

    @classmethod
    def of(cls, file: FileResult) -> Session:
        from .inputs import SUFFIXES

        kind = SUFFIXES.get(Path(file.path).suffix.lower(), "text")
        # The bytes `check` decoded (UTF-8 decodes and encodes back losslessly): a change since then is seen.
        return cls(file, kind, file.text, _digest(cls._bytes(file, file.text)))

    @staticmethod
    def _bytes(file: FileResult, text: str) -> bytes:
        return (b"\xef\xbb\xbf" if file.bom else b"") + text.encode("utf-8")

    @property
    def path(self) -> str:
        return self.file.path

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where [start, end) of the text as read is now, or None when an edit changed text inside it."""
        for s, e, delta in self.edits:
            if s < end and start < e:
                return None
            start, end = start + delta if start >= e else start, end + delta if end > s and end >= e else end
        return start, end

    def point(self, offset: int, closing: bool = False) -> int:
        """Where an offset of the text as read is now (`closing`: the end of a span, kept before an insertion)."""
        for s, e, delta in self.edits:
            if offset >= e and (offset > s or not closing):
                offset += delta
        return offset

    def replacement(self, finding: Finding) -> str | None:
        """The suggestion that `a` would write for this finding, or None (see `suggest.replacement`)."""
        from .suggest import replacement

        span = self.span(finding.judgement.claim.start, finding.judgement.claim.end)
        return None if span is None else replacement(finding, self.text, span[0])

    def accept(self, finding: Finding) -> str:
        """Replace the claim by its suggestion in the draft on disk; return the suggestion."""
        new = self.replacement(finding)
        if new is None:
            raise ValueError("no suggestion to accept")
        start, end = self.span(finding.judgement.claim.start, finding.judgement.claim.end)
        self._write(self.text[:start] + new + self.text[end:])
        self.edits.append((start, end, len(new) - (end - start)))
        return new

    def suppress(self, finding: Finding, reason: str) -> str:
        """Write the comment that suppresses this finding, on the line before the claim's; return the comment."""
        from .suppress import insertion

        start = self.point(finding.judgement.claim.start)
        at, inserted = insertion(self.text, start, finding.rule.id, reason, self.kind)
        self._write(self.text[:at] + inserted + self.text[at:])
        self.edits.append((at, at, len(inserted)))
        self.silenced.add((finding.line, finding.rule.id))
        return inserted.strip()

    def silences(self, finding: Finding) -> bool:
        """Whether a comment this review wrote already suppresses the finding (same rule, same line)."""
        return any((line, finding.rule.id) in self.silenced for line in range(finding.line, finding.end_line + 1))

    def _write(self, text: str) -> None:
        """Write the draft whole, after checking that nobody changed it since it was read or last written."""
        from .output import write_text

        path = Path(self.path)
        try:
            now, mode = _digest(path.read_bytes()), stat.S_IMODE(path.stat().st_mode)
        except OSError as exc:
            raise InputError(f"{self.path}: cannot read it again before writing ({exc.strerror}); "
                             "nothing written") from None
        if now != self.digest:
            raise InputError(f"{self.path}: changed on disk since the review read it; nothing written "
                             "(run `verifier review` again on the new version)")
        if self.backup is None:
            backup = path.with_name(path.name + BACKUP_SUFFIX)
            write_text(backup, ("\ufeff" if self.file.bom else "") + self.file.text, "backup", mode)
            self.backup = backup
        data = self._bytes(self.file, text)
        write_text(path, data.decode("utf-8"), "reviewed draft", mode)
        self.text, self.digest = text, _digest(data)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset of the text as now written."""
        line_start, line = 0, 1
        for match in LINE_BREAK.finditer(self.text, 0, offset):
            line_start, line = match.end(), line + 1
        return line, offset - line_start + 1


def card(session: Session, finding: Finding, number: int, total: int, colour: bool, columns: int) -> str:
    """What the editor sees of one claim: where it is, its sentence with the claim marked, the verdict, the
    reason, the reference fact and its source, the suggestion. Everything from the draft or the store is
    shown through `printable`."""
    from .judge.common import states
    from .report.text import COLOURS, RESET

    judgement, claim = finding.judgement, finding.judgement.claim
    start, end = session.span(claim.start, claim.end)
    sentence_start, sentence_end = finding_sentence(session, finding)
    sentence_start, sentence_end = min(sentence_start, start), max(sentence_end, end)
    line, column = session.position(start)
    verdict = judgement.verdict.value
    shown_verdict = f"{COLOURS[judgement.verdict]}{verdict}{RESET}" if colour else verdict
    lines = [f"[{number}/{total}] {printable(session.path)}:{line}:{column}  {shown_verdict}  ({finding.rule.id})"]
    room = max(columns - 4, 20)
    marked = printable(session.text[start:end])
    space = max(room - width(marked), 0)
    after = printable(session.text[end:sentence_end].rstrip())
    before = printable(session.text[sentence_start:start].lstrip())
    before = tail(before, max(space // 2, space - width(after)))
    after = head(after, max(space - width(before), 0))
    if colour:
        lines.append(f"    {before}{REVERSE}{marked}{NORMAL}{after}")
    else:
        lines.append(f"    {before}{marked}{after}")
        lines.append("    " + " " * width(before) + "^" * max(width(marked), 1))
    lines.append(f"    reason:     {printable(judgement.reason)}")
    fact = judgement.fact
    if fact is not None:
        label = "reference: " if verdict == "conflicting" else "related:   "  # an unverified claim has no reference
        lines.append(f"    {label} {printable(states(fact))}"
                     f"{_validity(fact)}  [{printable(fact.uid)}]")
        source = ", ".join(part for part in (fact.source.publisher, f'"{fact.source.title}"' if fact.source.title
                                             else "", fact.source.url) if part)
        lines.append(f"    source:     {printable(source) or '(none given)'}")
    if judgement.suggestion:
        lines.append(f"    suggestion: \"{printable(judgement.suggestion)}\"")
    return "\n".join(lines) + "\n"


def finding_sentence(session: Session, finding: Finding) -> tuple[int, int]:
    """The claim's sentence as now written."""
    start, end = session.file.report.sentence_of(finding.judgement.claim.anchor)
    return session.point(start), session.point(end, closing=True)


def _validity(fact) -> str:
    if fact.valid_from or fact.valid_to:
        return f" (from {fact.valid_from or '?'}" + (f" to {fact.valid_to})" if fact.valid_to else ")")
    return f" (as of {fact.date})" if fact.date else ""


def prompt(keys: str) -> str:
    return "  " + " · ".join(f"{k} {ACTIONS[k]}" for k in keys) + " ? "


class Review:
    """The walk over one draft's findings: shows each, reads a key, acts, and counts what was done."""

    def __init__(self, session: Session, keys: Keys, todo: str, colour: bool, columns: int, out=None):
        self.session, self.keys, self.todo, self.colour, self.columns = session, keys, todo, colour, columns
        self.out = out or _stdout
        self.done: Counter[str] = Counter()

    def walk(self, findings: list[Finding]) -> bool:
        """Review these findings in order; False when the editor quit."""
        from .todo import record

        for number, finding in enumerate(findings, 1):
            claim = finding.judgement.claim
            if self.session.silences(finding):
                self.out(f"[{number}/{len(findings)}] \"{printable(claim.text)}\": suppressed by the comment "
                         "just written\n")
                continue
            if self.session.span(claim.start, claim.end) is None:
                self.out(f"[{number}/{len(findings)}] \"{printable(claim.text)}\": changed by an earlier edit; "
                         "skipped\n")
                self.done["skipped"] += 1
                continue
            row = record(self.session.file, finding)
            offered = "a" * (self.session.replacement(finding) is not None) + "s" + "t" * (row is not None) + "nq"
            self.out(card(self.session, finding, number, len(findings), self.colour, self.columns)
                     + prompt(offered))
            if not self._act(finding, offered, row):
                return False
        return True

    def _act(self, finding: Finding, offered: str, row: dict | None) -> bool:
        from .suppress import reason_text
        from .todo import append

        while True:
            key = self.keys.key()
            if key == "q":
                self.out("quit\n")
                return False
            if key not in offered:
                self.out(f"\n  keys: {', '.join(offered)}{prompt(offered)}")
                continue
            if key == "a":
                self.out(f"accepted: \"{printable(self.session.accept(finding))}\" written\n\n")
            elif key == "s":
                reason = reason_text(self.keys.line(lambda: self.out("suppress\n  reason (Enter alone cancels): "))
                                     or "")
                if not reason:
                    self.out(f"  cancelled{prompt(offered)}")
                    continue
                self.out(f"  written: {printable(self.session.suppress(finding, reason))}\n\n")
            elif key == "t":
                new = append(self.todo, [row])
                self.out(f"to-do: {'written to' if new else 'already in'} {printable(self.todo)}\n\n")
            else:
                self.out("skipped\n\n")
            self.done[{"a": "accepted", "s": "suppressed", "t": "sent to the to-do file", "n": "skipped"}[key]] += 1
            return True

    def more(self, count: int) -> bool:
        """Ask whether to go on with the unverified claims."""
        self.out(f"  u: go on with the {count} unverified claim(s) · q: quit ? ")
        while (key := self.keys.key()) not in ("u", "q"):
            pass
        self.out("\n\n" if key == "u" else "quit\n")
        return key == "u"

    def summary(self) -> str:
        parts = [f"{self.done[k]} {k}" for k in ("accepted", "suppressed", "sent to the to-do file", "skipped")
                 if self.done[k]]
        backup = f"; the draft as read is in {printable(str(self.session.backup))}" if self.session.backup else ""
        return f"{printable(self.session.path)}: {', '.join(parts) or 'nothing done'}{backup}\n"


def _stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def review(path: str, config, todo: str | None = None) -> int:
    """Check the draft, then walk its findings with the editor. Raises InputError (exit 2) when standard input is no
    terminal, the draft cannot be checked, or it changed on disk before a write."""
    from claims_db.query import Reader

    from .run import execute

    if not sys.stdin.isatty():
        raise InputError(f"{path}: review reads one key per claim from a terminal, and standard input is none "
                         "(in scripts, use `verifier check`)")
    if Path(path).is_symlink():
        raise InputError(f"{path}: is a symbolic link; review edits only a regular file (give the file it names)")
    today = dt.datetime.now(dt.timezone.utc).date()
    result = execute([path], config, Reader(config.db, shown=config.db_as_written), today)
    if result.errors:
        raise InputError(result.errors[0].message)
    if not result.files:
        raise InputError(f"{path}: ignored by the configuration ({config.file}); nothing to review")
    file = result.files[0]
    conflicts = [f for f in file.findings if f.verdict.value == "conflicting"]
    unverified = [f for f in file.findings if f.verdict.value == "unverified"]
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    columns = shutil.get_terminal_size().columns
    _stdout(f"{printable(path)}: as of {file.report.as_of.date} ({file.report.as_of.source}); "
            f"{len(conflicts)} conflicting, {len(unverified)} unverified claim(s)\n\n")
    if not conflicts and not unverified:
        return 0
    with Keys(sys.stdin.fileno()) as keys:
        walker = Review(Session.of(file), keys, todo or DEFAULT_TODO, colour, columns)
        try:
            if walker.walk(conflicts) and unverified and walker.more(len(unverified)):
                walker.walk(unverified)
        except KeyboardInterrupt:
            _stdout("\ninterrupted\n")
        except InputError:  # the draft changed on disk: the one-line error goes on a line of its own
            _stdout("\n")
            raise
        _stdout(walker.summary())
    return 0
