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
