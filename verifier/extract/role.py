"""Roles: a person named with an office.

"Defence Minister Andrey Belousov", "the Defence Minister of Russia, Andrey Belousov",
"Russia's defence minister Andrey Belousov", "Andrey Belousov, Russia's defence minister",
"his Russian counterpart Andrey Belousov" (the title is borrowed from the nearest role before).
The claim's value is the name; `unit` is the office as written, for linking to the store.

The patterns know common titles only; `named_in_store` also finds a person the store knows
written beside an office the store knows, whatever the title ("captain Siya Kolisi",
"Toyota Chief Financial Officer Kenta Kon", "Jensen Huang, founder and CEO of Nvidia").
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..document import Document
from ..records import Claim
from .anchors import Anchors, finditer, tokens_back
from .base import Kind
from .lexicon import COUNTERPART, FORMER, QUALIFIED_TITLES, RANKS, TITLES, alternation

_CAP = r"[A-Z][\w'’-]*"
# Lazy, so the longest title wins: "Deputy Prime Minister", not "Deputy Prime" + "Minister".
_PRE = rf"(?P<pre>{_CAP}(?:\s+{_CAP}){{0,2}}?(?:'s|’s|'|’)?\s+)??"
_TITLE = rf"(?P<title>(?i:{alternation(TITLES + QUALIFIED_TITLES)}))"
_OF = rf"(?:\s+of\s+(?:the\s+)?(?P<of>{_CAP}(?:\s+{_CAP}){{0,2}}?))?"
_RANKS = rf"(?:(?i:{alternation(RANKS)})\s+)*"
# A word of a name stops before a possessive: "Prime Minister Theresa May's government" names Theresa May.
_NAME_WORD = r"(?:(?:al|el)-)?[A-Z][\w-]*(?:['’](?!s\b)[\w-]+)*"  # "al-Zayani" too
# Lower-case particles inside a name: "Luiz Inácio Lula da Silva", "Abdullah bin Zayed Al Nahyan".
_PARTICLE = r"(?:da|de|do|dos|das|del|della|di|du|van|von|der|den|bin|binti|bint|ibn|al|el|la|le)"
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,4}})"
TITLE_FIRST = re.compile(rf"\b{_PRE}{_TITLE}{_OF}\b,?\s+{_RANKS}{_NAME}")
NAME_FIRST = re.compile(rf"\b(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}),\s+(?:the\s+)?{_PRE}{_TITLE}{_OF}\b")
NAME_AFTER = re.compile(rf"\s+{_RANKS}{_NAME_WORD}")
RANKS_ONLY = re.compile(rf"(?:(?i:{alternation(RANKS)})\s+)+")  # what the name leaves out: "Sheikh ", "Lt. Gen. "
COUNTERPART_ROLE = re.compile(rf"\b{_PRE}(?i:{COUNTERPART}),?\s+{_RANKS}{_NAME}")
FORMER_BEFORE = re.compile(rf"(?i:\b(?:{alternation(FORMER)}))[\s-]*$")
# Words that start a sentence or a clause, not a qualifier of the office.
NOT_QUALIFIERS = {"the", "earlier", "later", "then", "when", "while", "but", "and", "as", "his", "her", "their",
                  "its", "our", "on", "in", "at", "meanwhile", "also", "now", "today", "yesterday",
                  *(word.rstrip("-") for word in FORMER)}


def _qualifier(match: re.Match) -> str | None:
    pre = (match.group("pre") or "").strip()
    if pre and pre.split()[0].lower() in NOT_QUALIFIERS:
        pre = " ".join(pre.split()[1:])
    return pre or None


def _office_start(match: re.Match) -> int:
    qualifier = _qualifier(match)
    return match.string.index(qualifier, match.start("pre")) if qualifier else match.start("title")


_TITLE_HERE = re.compile(rf"{_TITLE}|(?i:{COUNTERPART})")
# A name or a qualifier may start a role: a capital (or "al-") after a non-word character.
_CAPITAL = re.compile(r"\b(?:[A-Z]|al-|el-)")


def _around_titles(text: str, anchors: Anchors) -> list[int]:
    """A title (or "counterpart") and the capitals in the 8 tokens before it: a name of up to 4 words with its
    comma, "the" and a qualifier of up to 3 ("Andrey Belousov, the Russia's defence minister")."""
    found = []
    for start in anchors.of("title"):
        if not _TITLE_HERE.match(text, start):
            continue  # "first" with no "minister" after it: every role names its whole title here
        found.append(start)
        found.extend(match.start() for match in _CAPITAL.finditer(text, tokens_back(text, start, 8), start))
    return found


WHERE = {TITLE_FIRST: _around_titles, NAME_FIRST: _around_titles, COUNTERPART_ROLE: _around_titles}


def find(document: Document):
    text = document.text
    found = []
    for pattern in (TITLE_FIRST, NAME_FIRST):
        for match in finditer(pattern, text, WHERE[pattern]):
            name = match.group("name")
            if name.split()[0].lower() in NOT_QUALIFIERS:
                continue
            if pattern is NAME_FIRST and NAME_AFTER.match(text, match.end()):
                continue  # "leader Julius Malema, Chief Justice Raymond Zondo announced": the title is Zondo's
            if match.group("title").lower() in QUALIFIED_TITLES and _qualifier(match) is None:
                continue  # "the minister, X": no portfolio, no office
            office_start = _office_start(match)
            office_end = match.end("of") if match.group("of") else match.end("title")
            title = match.group("title")
            found.append((match, office_start, office_end, title, False))
    for match in finditer(COUNTERPART_ROLE, text, WHERE[COUNTERPART_ROLE]):
        found.append((match, match.start(), match.end("name") - len(match.group("name")), None, True))
    found.sort(key=lambda f: f[0].start())
    last_title = None
    for match, office_start, office_end, title, counterpart in found:
        if counterpart:
            if last_title is None:
                continue
            title = last_title
        else:
            last_title = title
        start = min(office_start, match.start("name"))
        end = max(office_end, match.end("name"))
        former = bool(FORMER_BEFORE.search(text, max(0, start - 12), start))
        qualifier = _qualifier(match)
        office = " ".join(p for p in (qualifier, title) if p)
        if match.groupdict().get("of"):
            office = f"{office} of {match.group('of')}"
        yield Claim("role", start, end, text[start:end], match.group("name"), unit=office, anchor=match.start("name"), figure_end=match.end("name"),
                    precision="exact", details=(("counterpart", counterpart), ("former", former),
                                                ("name_span", (match.start("name"), match.end("name"))),
                                                ("office_span", (office_start, office_end)), ("title", title)))


# Between an office and the person it titles: nothing, a comma, a rank ("General"); after a name: ", the".
_TITLE_TO_NAME = re.compile(rf",?\s+{_RANKS}")
_NAME_TO_TITLE = re.compile(r",\s+(?:the\s+)?(?:\w+['’]s\s+)?")
PEOPLE = ("person",)


def named_in_store(text: str, mentions, claims) -> list[Claim]:
    """Role claims for a person the store knows written next to an office it knows, where no pattern found one.

    `mentions` are the store's entities named in the text, in order; a role is an office mention
    directly before the person's ("captain Siya Kolisi", "All Blacks captain, Sam Cane") or after it
    ("Jensen Huang, founder and CEO of Nvidia").
    """
    taken = sorted((c.start, c.end) for c in claims)  # never overlapping, so sorted by start they end in order
    starts = [start for start, _ in taken]
    found = []
    spans = sorted({(m.start, m.end, m.kind) for m in mentions})
    for (start, end, kind), (after_start, after_end, after_kind) in zip(spans, spans[1:]):
        gap = text[end:after_start]
        if kind == "office" and after_kind in PEOPLE and _TITLE_TO_NAME.fullmatch(gap):
            office, name = (start, end), (after_start, after_end)
        elif kind in PEOPLE and after_kind == "office" and _NAME_TO_TITLE.fullmatch(gap):
            office, name = (after_start, after_end), (start, end)
        else:
            continue
        first, last = min(office[0], name[0]), max(office[1], name[1])
        i = bisect_left(starts, last)  # the claims starting before this role ends; only the last may reach into it
        if i and taken[i - 1][1] > first:
            continue
        taken.insert(i, (first, last))
        starts.insert(i, first)
        title = text[office[0]:office[1]]
        former = bool(FORMER_BEFORE.search(text, max(0, first - 12), first))
        found.append(Claim("role", first, last, text[first:last], text[name[0]:name[1]], unit=title, anchor=name[0],
                           figure_end=name[1], precision="exact",
                           details=(("counterpart", False), ("former", former), ("name_span", name),
                                    ("office_span", office), ("title", title), ("named_in_store", True))))
    return found


KIND = Kind("role", find, rank=60, judged_as=("entity",), judge="role", examples=(
    ("Talks were led by Defence Minister Andrey Belousov.", "Defence Minister Andrey Belousov"),
    ("He met the Defence Minister of Russia, Andrey Belousov, in Qingdao.", "Defence Minister of Russia, Andrey Belousov"),
    ("Russia's defence minister Andrey Belousov arrived.", "Russia's defence minister Andrey Belousov"),
    ("Andrey Belousov, Russia's defence minister, spoke first.", "Andrey Belousov, Russia's defence minister"),
    ("Prime Minister Narendra Modi chaired the meeting.", "Prime Minister Narendra Modi"),
    ("President Maria Lopes da Costa opened the session.", "President Maria Lopes da Costa"),
    ("Foreign Minister Tariq bin Salem Al Harbi and Interior Minister Omar al-Fayed attended.",
     "Foreign Minister Tariq bin Salem Al Harbi"),
    ("The Defence Ministers of both countries met.", None),
))
