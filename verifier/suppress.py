"""Suppression comments an editor leaves in a draft, and which of them matched nothing.

    <!-- verifier: disable-next-line conflicting-quantity -- toll disputed, see desk note -->
    <!-- verifier: disable unverified-role -->  ...  <!-- verifier: enable -->
    <!-- verifier: disable-file all -- archive copy -->

Rule ids are separated by spaces or commas; none, or `all`, means every rule.
What follows `--` is the reason, kept for the reader of the draft.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .document import LINE_BREAK
from .inputs import comments, within

COMMENT = re.compile(r"<!--\s*verifier:\s*(?P<action>[\w-]*)(?P<rules>[^>]*?)"
                     r"(?:\s--\s(?P<reason>(?:(?!-->).)*?))?\s*-->", re.DOTALL)
LONGEST = 1000  # a comment longer than this is no suppression (read in bounded time, whatever the draft holds)
MOST = 1000     # suppression comments read per draft; more are reported, not applied
ACTIONS = ("disable-next-line", "disable-file", "disable", "enable")


@dataclass
class _Rule:
    line: int           # where the comment is
    first: int          # lines it covers
    last: int
    rules: frozenset[str] | None  # None: every rule
    used: bool = False

    def covers(self, rule: str, line: int) -> bool:
        return self.first <= line <= self.last and (self.rules is None or rule in self.rules)


@dataclass
class Suppressions:
    path: str
    rules: list[_Rule]

    problems: list[tuple[int, str]]

    @classmethod
    def parse(cls, path: str, text: str, code: tuple[tuple[int, int], ...] = ()) -> Suppressions:
        """Read the comments, except those inside code (an example of a comment is not one)."""
        starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        line_of = lambda offset: bisect_right(starts, offset)  # noqa: E731 - 1-based line of an offset
        last_line = len(starts)
        found: list[_Rule] = []
        open_blocks: list[_Rule] = []
        problems: list[tuple[int, str]] = []
        code_starts = [s for s, _ in code]
        for start, end in comments(text):
            match = COMMENT.fullmatch(text, start, end) if end - start <= LONGEST else None
            if match is None or within(start, code, code_starts):
                continue
            if len(found) + len(problems) >= MOST:
                problems.append((line_of(start), f"more than {MOST} suppression comments: the rest have no effect"))
                break
            action, line = match.group("action"), line_of(match.start())
            if action not in ACTIONS:
                problems.append((line, f"unknown suppression '{action}' (use {', '.join(ACTIONS)}); it has no effect"))
                continue
            names = [n for n in re.split(r"[\s,]+", match.group("rules").strip()) if n]
            rules = None if not names or "all" in names else frozenset(names)
            if action == "disable-next-line":
                following = line_of(match.end()) + 1
                found.append(_Rule(line, following, following, rules))
            elif action == "disable-file":
                found.append(_Rule(line, 1, last_line, rules))
            elif action == "disable":
                block = _Rule(line, line, last_line, rules)
                found.append(block)
                open_blocks.append(block)
            else:  # enable: ends the blocks of the rules it names (all of them when it names none)
                for block in list(open_blocks):
                    if rules is None or block.rules is not None and block.rules <= rules:
                        block.last = line
                        open_blocks.remove(block)
                    elif block.rules is not None and block.rules & rules:
                        # "disable A B ... enable A": A ends here, B goes on.
                        block.last = line
                        open_blocks.remove(block)
                        rest = _Rule(line, line, last_line, block.rules - rules, used=True)
                        found.append(rest)
                        open_blocks.append(rest)
        return cls(path, found, problems)

    def apply(self, findings: list):
        """Findings no comment suppresses, and a notice for each comment that suppressed nothing."""
        from .run import Notice

        kept = []
        for finding in findings:
            covering = [r for r in self.rules if r.first <= finding.end_line and finding.line <= r.last
                        and any(r.covers(finding.rule.id, n) for n in range(finding.line, finding.end_line + 1))]
            for rule in covering:
                rule.used = True
            if not covering:
                kept.append(finding)
        from .rules import RULES

        unknown = [Notice(self.path, line, message) for line, message in self.problems]
        unknown += [Notice(self.path, r.line, f"unknown rule in suppression: {name} (rules are VERDICT-KIND)")
                    for r in self.rules for name in sorted(r.rules or ()) if name not in RULES]
        notices = unknown + [Notice(self.path, r.line, "unused suppression: no finding "
                          + (f"of {', '.join(sorted(r.rules))} " if r.rules else "")
                          + (f"on line {r.first}" if r.first == r.last else f"on lines {r.first}-{r.last}"))
                   for r in self.rules if not r.used]
        return kept, notices


# Lines a comment appended to would change: a code fence, a thematic break or setext underline, a table's
# delimiter row. After these, the comment goes on a line of its own.
_MARKDOWN_BLOCK_LINE = re.compile(r"^ {0,3}(?:`{3,}|~{3,}|(?:[-*_=][ \t]*){3,}$|[-=]+[ \t]*$)"
                                  r"|^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$")
_HARD_BREAK = re.compile(r"(?:\\|[ \t]*)$")  # a trailing backslash or spaces end the line, after the comment
REASON_LONGEST = 300


def reason_text(reason: str) -> str:
    """An editor's reason as a comment can hold it: one line, no control characters, no `--` (it could end the
    comment, and HTML forbids it there), at most REASON_LONGEST characters."""
    import unicodedata

    shown = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in reason)
    shown = re.sub(r"-{2,}", "-", re.sub(r"\s+", " ", shown)).strip()
    return shown[:REASON_LONGEST].strip()


def comment(rule: str, reason: str) -> str:
    """The comment that suppresses `rule` on the line after it, in the syntax `Suppressions.parse` reads."""
    reason = reason_text(reason)
    return f"<!-- verifier: disable-next-line {rule}{' -- ' + reason if reason else ''} -->"


def insertion(text: str, offset: int, rule: str, reason: str, kind: str) -> tuple[int, str]:
    """Where to insert what, so that the finding of `rule` on the line holding `offset` is suppressed and the draft
    reads as before: (offset of the insertion, text to insert). `kind`: markdown, html or text (verifier.inputs).

    The comment ends on the line before the claim's: appended to that line where it changes nothing (the line
    before in a Markdown paragraph or list, any line in HTML), else on a line of its own (on the first line, after a
    blank line, front matter, a fence or a table's delimiter row; always in plain text, where words are read)."""
    from .document import FRONT_MATTER

    note = comment(rule, reason)
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    if line_start == 0:
        return 0, re.match(r"[ \t]*", text[:offset]).group() + note + _line_break(text)
    brk = 2 if text[line_start - 2:line_start] == "\r\n" else 1
    previous_end = line_start - brk
    previous_start = max(text.rfind("\n", 0, previous_end), text.rfind("\r", 0, previous_end)) + 1
    previous = text[previous_start:previous_end]
    front = FRONT_MATTER.match(text)
    own_line = (kind == "text" or kind == "markdown" and (
        not previous.strip() or (front is not None and previous_end < front.end())
        or _MARKDOWN_BLOCK_LINE.match(previous) is not None))
    if own_line:  # indented as the claim's line, so a list item's paragraph stays in its item
        indent = re.match(r"[ \t]*", text[line_start:offset]).group()
        return line_start, indent + note + text[previous_end:line_start]
    tail = _HARD_BREAK.search(previous)
    return previous_end - (len(tail.group()) if tail else 0), " " + note


def _line_break(text: str) -> str:
    """The draft's own line break (LF when it has none)."""
    match = LINE_BREAK.search(text)
    return match.group() if match else "\n"
