"""The main job: a draft in, judged claims out. Pure: the same draft, store and options give the same report."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from itertools import groupby

from claims_db.query import Reader

from .context import Context, sentences
from .document import load
from .extract.registry import extract
from .extract.role import named_in_store
from .judge import judge
from .judge.role import judge as judge_role
from .link import Linker, link_role
from .records import AsOf, FileReport


@dataclass(frozen=True)
class Options:
    as_of: dt.date | AsOf | None = None
    today: dt.date | None = None
    kinds: tuple[str, ...] | None = None


class Checker:
    """Checks drafts against one store; the store's vocabulary is read once."""

    def __init__(self, reader: Reader, options: Options = Options()):
        self.reader, self.options = reader, options
        self.linker = Linker(reader)

    def check_text(self, path: str, text: str, file_date: dt.date | None = None,
                   declared: AsOf | None = None, original: str | None = None) -> FileReport:
        """Check one draft's text; `declared` is a date its markup states (an HTML meta date),
        `original` the file as written when `text` has its markup blanked."""
        document = load(path, text, self.options.as_of or declared, file_date, self.options.today, original)
        self.linker.forget()
        claims = extract(document, self.options.kinds)
        # Not a name in the dateline, a link or an address: "HANGZHOU, China, Oct 8" is no subject.
        mentions = tuple(m for m in self.linker.mentions(document.text) if not document.masked(m.start, m.end))
        # A year inside a name the store knows is part of the name ("the 2022 World Cup", "1915 Canakkale Bridge");
        # one that ends it dates it ("the Ambato earthquake of 1949").
        starts = [m.start for m in mentions]
        claims = [c for c in claims if not (c.kind == "date" and c.precision == "year" and _inside(c, mentions, starts))]
        if self.options.kinds is None or "role" in self.options.kinds:
            claims = sorted(claims + named_in_store(document.text, mentions, claims), key=lambda c: (c.start, c.end))
        grouped = sentences(document, claims, mentions)
        by_end = tuple(sorted(mentions, key=lambda m: (m.end, m.start)))
        ends = tuple(m.end for m in by_end)
        judgements = []
        for span, members in groupby(claims, key=lambda c: document.sentence_of(c.anchor)):
            context = Context(document, grouped[span], by_end, ends)
            members = list(members)
            figures = [c for c in members if c.kind != "role"]
            links = dict(zip(map(id, figures), self.linker.link_sentence(figures, context)))
            for claim in members:
                if claim.kind == "role":
                    judgements.append(judge_role(claim, link_role(self.linker, claim, context), context))
                else:
                    judgements.append(judge(claim, links[id(claim)], context))
        return FileReport(path, document.as_of, tuple(judgements), document.line_starts, document.sentences,
                          document.cuts)


def _inside(claim, mentions, starts: list[int]) -> bool:
    """Whether the claim's figure lies within one of the mentions, before its end (mentions are in text order and
    never overlap)."""
    i = bisect_right(starts, claim.anchor) - 1
    return i >= 0 and claim.figure_end < mentions[i].end
