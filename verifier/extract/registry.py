"""The registered claim kinds, and extraction over all of them.

Adding a kind: write its module (patterns, parse, examples, `KIND`), add it to KINDS.
"""

from __future__ import annotations

from bisect import bisect_left

from ..document import Document
from ..records import Claim
from . import date, duration, money, ordinal, percent, quantity, role

KINDS = (money.KIND, percent.KIND, duration.KIND, date.KIND, role.KIND, ordinal.KIND, quantity.KIND)


def extract(document: Document, kinds: tuple[str, ...] | None = None) -> list[Claim]:
    """All claims of a document, in text order, never overlapping, never in a masked span."""
    # Higher rank first, then the longer claim, then the earlier; the running count keeps the order found on
    # ties (a stable sort) and makes tuples compare without reaching the claims.
    found: list[tuple[int, int, int, int, Claim]] = []
    for kind in KINDS:
        if kinds is None or kind.name in kinds:
            for claim in kind.find(document):
                if not document.masked(claim.anchor, claim.anchor + 1):
                    found.append((-kind.rank, claim.start - claim.end, claim.start, len(found), claim))
    found.sort()
    starts: list[int] = []  # the chosen claims' spans and the claims, kept sorted by start; they never overlap
    ends: list[int] = []
    chosen: list[Claim] = []
    for _, _, _, _, claim in found:
        start, end = claim.start, claim.end
        i = bisect_left(starts, start)
        if (i < len(chosen) and starts[i] < end) or (i > 0 and ends[i - 1] > start):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        chosen.insert(i, claim)
    return chosen
