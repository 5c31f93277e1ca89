"""A draft as text: decoding, front matter, dateline, sentences, masked spans, the as-of date.

Offsets everywhere are character offsets into the decoded file text, so a
claim's span points at the exact spot an editor sees.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from pathlib import Path

from .extract.anchors import matches, reversed_text, scan
from .extract.lexicon import MONTHS, alternation
from .records import AsOf


class InputError(Exception):
    """A draft cannot be read; the message names the file and what to do."""


_MONTH = alternation(MONTHS)
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
FRONT_DATE = re.compile(r"^date:\s*[\"']?(?P<date>\d{4}-\d{2}-\d{2})", re.MULTILINE)
# "Minsk, June 26 (IANS)", "NEW DELHI, May 7, 2025 (Reuters) -", "London, 3 March 2024 (AP)",
# "LUSAIL, Qatar, Dec 19 (Wire) —" (a place may name its country)
DATELINE = re.compile(
    rf"""\s*(?P<place>[A-Z][A-Za-z.'\- ]{{1,40}}(?:,\s+[A-Z][A-Za-z.'\- ]{{1,30}})?),\s+
    (?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?)
    (?:,?\s+(?P<year>\d{{4}}))?
    \s*(?:\((?P<agency>[A-Za-z][\w .&-]{{0,30}})\)|[-–—:])""",
    re.VERBOSE | re.IGNORECASE)
YEAR = re.compile(r"(?<![\w.,-])(?:19|20)\d{2}(?![\w-])")
# Spans that never hold claims: links, e-mail addresses, times of day, phone numbers. Three patterns, each of which the
# regex engine can skip to by its first character (a link's letter or "+", an "@"), or tried only where the
# extraction's trigger scan found a run of digits, rather than one alternation tried at every word.
_LINKS = re.compile(r"https?://\S+|www\.\S+|\+\d{1,3}(?:[\s-]?\(?\d{1,5}\)?){2,5}\b")
_DIGIT_LED = re.compile(  # a digit that starts a word, then the rest of a time or a phone number
    r"""\d(?<=(?<!\w)\d)
    (?:\d?:[0-5]\d\s*(?:a\.?m\.?|p\.?m\.?|hrs|hours|GMT|IST|UTC|[AP]M)?(?!\d)
    |\d?\.[0-5]\d\s*(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|hours\b|GMT|IST|UTC|AM\b|PM\b)
    |\d?\s*(?:a\.m\.|p\.m\.|(?:am|pm|AM|PM)\b)
    |\d{3}\s*(?:hrs|hours\s+(?:GMT|IST|UTC)|GMT|IST|UTC)\b
    |\d{2,4}[\s-]\d{3,4}[\s-]\d{3,4}\b)""",
    re.VERBOSE)
_AT = re.compile(r"@[\w-]+\.[\w.]+")
_LOCAL_PART = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}\Z")  # at most 64 characters before the "@" (RFC 5321)


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Where links, e-mail addresses, times of day and phone numbers lie (they may overlap: callers merge)."""
    spans = [m.span() for m in _LINKS.finditer(text)]
    spans += [m.span() for m in matches(_DIGIT_LED, text, scan(text).digit_starts())]
    for at in _AT.finditer(text):
        local = _LOCAL_PART.search(text, max(0, at.start() - 64), at.start())
        if local:
            spans.append((local.start(), at.end()))
    return spans


# A full stop and the blanks after it, or a line break and the blanks after it. The mark is matched first and
# the branch chosen by looking back at it, so the engine skips to the next mark by its first character (an
# alternation of two branches would be tried at every character).
SENTENCE_END = re.compile(r"""[.!?\r\n](?:(?<=[.!?])["'”’)]*\s+(?=["'“‘(]?[A-Z0-9])|(?<=[\r\n])\s*)""")
# A line ends at LF, CRLF or a lone CR (old Mac files): line:column count all three.
LINE_BREAK = re.compile(r"\r\n?|\n")
# Words whose period does not end a sentence ("Lt. Gen.", "Rs. 500", "Sept. 3").
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "lt", "gen", "col", "no", "rs", "vs", "jr", "sr", "co", "inc",
                 "ltd", "prof", "sep", "sept", "jan", "feb", "aug", "oct", "nov", "dec", "approx", "maj", "capt",
                 "sgt", "gov", "sen", "rep", "rev", "hon", "mt", "ft", "fig", "est", "govt", "dept", "u.s", "e.g",
                 "i.e", "etc"}
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_RUN_BACK = re.compile(r"[\w.]+")  # the same run, read leftwards in the reversed text


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    as_of: AsOf
    sentences: tuple[tuple[int, int], ...]
    masks: tuple[tuple[int, int], ...]
    line_starts: tuple[int, ...]
    cuts: tuple[int, ...] = ()  # where an overlong sentence was cut into parts (MAX_SENTENCE)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The [start, end) of the sentence holding `offset`."""
        index = bisect_right(self.sentences, (offset, len(self.text) + 1)) - 1
        return self.sentences[max(index, 0)]

    @cached_property
    def _mask_bounds(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return tuple(start for start, _ in self.masks), tuple(end for _, end in self.masks)

    def masked(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a masked span: sorted and disjoint, only the last one starting at or
        before `start` and the one after it can. Every claim asks, so it is a search of the masks' starts
        (numbers, not pairs) and two comparisons."""
        starts, ends = self._mask_bounds
        index = bisect_right(starts, start)
        if index and starts[index - 1] < end and start < ends[index - 1]:
            return True
        return index < len(starts) and starts[index] < end and start < ends[index]


def read_text(path: str, limit: int | None = None) -> tuple[str, bool]:
    """A draft's text, and whether it began with a UTF-8 byte-order mark (not part of the text). A FIFO or device is refused before it is opened (it could be read forever), and a file
    over `limit` bytes before it is read."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError(path)
            raise InputError(f"{path}: not a regular file (a FIFO, socket or device); give draft files")
        if limit is not None and status.st_size > limit:
            raise InputError(f"{path}: {status.st_size:,} bytes, over the limit of {limit:,} "
                             "(raise max_file_size in the configuration to check it)")
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give draft files") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    return decode(data, path)


def decode(data: bytes, name: str) -> tuple[str, bool]:
    """UTF-8 text (a leading byte-order mark dropped, and reported), or an error naming the line that is not."""
    try:
        return data.decode("utf-8-sig"), data.startswith(b"\xef\xbb\xbf")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"{name}:{line}: not UTF-8 text; save the draft as UTF-8") from None


# A dateline without a year in a text naming none: other claims are judged as of this year's day, date claims not at all.
NO_YEAR = "dateline with no year (this year's day assumed; date claims left unverified: set as_of)"


def resolve_as_of(text: str, as_of: dt.date | AsOf | None, file_date: dt.date | None, today: dt.date) -> AsOf:
    """The date the draft speaks from: option (or one the caller settled), front matter, dateline, else today."""
    if isinstance(as_of, AsOf):
        return as_of
    if as_of:
        return AsOf(as_of, "option")
    front = FRONT_MATTER.match(text)
    if front and (m := FRONT_DATE.search(front.group("body"))):
        try:
            return AsOf(dt.date.fromisoformat(m.group("date")), "front matter")
        except ValueError:
            pass
    body = text[front.end():] if front else text
    line = DATELINE.match(body)
    if line:
        month = MONTHS[(line.group("month") or line.group("month2")).lower().rstrip(".")]
        day = int(line.group("day") or line.group("day2"))
        if line.group("year"):
            year, source = int(line.group("year")), "dateline"
        else:
            years = [int(y) for y in YEAR.findall(body[line.end():])]
            if file_date:
                years = [y for y in years if y <= file_date.year]
            if years:
                year, source = max(years), "dateline, year from the text"
            elif file_date:
                year, source = file_date.year, "dateline, year from the file date"
            else:
                year, source = today.year, NO_YEAR
        try:
            return AsOf(dt.date(year, month, day), source)
        except ValueError:
            pass
    return AsOf(today, "today")


def _abbreviation(text: str, end: int) -> bool:
    """Whether the period at `end` closes an abbreviation or an initial rather than a sentence."""
    if text[end] != ".":
        return False
    word = _word_before(text, end)
    return bool(word) and (word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()))


def _word_before(text: str, end: int) -> str:
    """The run of word characters and points that ends at `end`, at most 12 long: what _WORD_BEFORE finds in
    that window, read leftwards in the reversed text (one match where the search tries every start)."""
    if text[end - 1:end] == "\n":  # `$` also matches before a final line break: only the search knows that rule
        word = _WORD_BEFORE.search(text, max(0, end - 12), end)
        return word.group(1) if word else ""
    length = len(text)
    run = _RUN_BACK.match(reversed_text(text), length - end, length - max(0, end - 12))
    return text[end - (run.end() - run.start()):end] if run else ""


# A sentence longer than this (a list or table with no full stop, or hostile input) is checked in parts of at most
# this many characters, cut at a space: every per-sentence step then costs a bounded amount, so a check's time
# grows linearly with the draft whatever its shape.
MAX_SENTENCE = 2000


def _sentences(text: str, start: int) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """The sentences, and the offsets where an overlong one was cut into parts."""
    spans, begin = [], start
    for match in SENTENCE_END.finditer(text, start):
        if _abbreviation(text, match.start()):
            continue
        if match.start() > begin:
            spans.append((begin, match.start() + 1 if text[match.start()] in ".!?" else match.start()))
        begin = match.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    parts, cuts = [], []
    for first, last in spans or [(0, len(text))]:
        while last - first > MAX_SENTENCE:
            cut = text.rfind(" ", first + MAX_SENTENCE // 2, first + MAX_SENTENCE)
            cut = cut if cut > first else first + MAX_SENTENCE
            parts.append((first, cut))
            cuts.append(cut)
            first = cut + 1 if text[cut:cut + 1] == " " else cut
        parts.append((first, last))
    return tuple(parts), tuple(cuts)


def front_matter_end(text: str) -> int:
    """Where the draft's body starts: after a YAML `---` block at the very top, else 0.

    The block is metadata (it gives the as-of date), never draft text: no claim
    is read in it, and the HTML page shows it apart.
    """
    front = FRONT_MATTER.match(text)
    return front.end() if front else 0


def load(path: str, text: str, as_of: dt.date | AsOf | None = None, file_date: dt.date | None = None,
         today: dt.date | None = None, original: str | None = None) -> Document:
    """Build a Document from decoded text; `original` is the file as written when markup was blanked
    (lines and columns are counted in it: blanking may turn a closing tag into a line break)."""
    resolved = resolve_as_of(text, as_of, file_date, today or dt.datetime.now(dt.timezone.utc).date())
    masks = masked_spans(text)
    body_start = front_matter_end(text)
    if body_start:
        masks.append((0, body_start))
    line = DATELINE.match(text, body_start)
    if line:
        masks.append((line.start(), line.end()))
    line_starts = _line_starts(original if original is not None else text)
    sentences, cuts = _sentences(text, body_start)
    return Document(path, text, resolved, sentences, _merged(masks), line_starts, cuts)


def _line_starts(text: str) -> tuple[int, ...]:
    """Where each line starts: after every LF, CRLF or lone CR."""
    if "\r" in text:
        return (0, *(m.end() for m in LINE_BREAK.finditer(text)))
    # LF only, the common case: the lengths of the lines, added up, are where the next ones start.
    return tuple(accumulate((len(line) + 1 for line in text.split("\n")), initial=0))[:-1]


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, non-overlapping spans, so a look-up needs only its neighbours."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
