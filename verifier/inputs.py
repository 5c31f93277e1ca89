"""Draft files by format: plain text, Markdown, HTML; and the walk over directories.

Markup is blanked, never removed: tags, code and link targets become spaces of
the same length, so the analysed text has the file's offsets and every span
points into the original file.
"""

from __future__ import annotations

import datetime as dt
import glob
import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

from .document import InputError, decode, read_text
from .records import AsOf

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".html": "html", ".htm": "html"}
SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}

# CommonMark fences: up to three spaces of indent; closed by the same character, at least as many.
MD_CODE_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}(?P=fence)[`~]*[ \t]*$|\Z)",
                           re.MULTILINE | re.DOTALL)
MD_INDENTED_CODE = re.compile(r"(?:^|\n\n)((?:(?: {4}|\t)[^\n]*(?:\n|$))+)")
# Every pattern here runs in time linear in the text: no quantifier can run past the next '<', ']', newline
# or quote it would need, so an unclosed tag, link or comment never makes a pattern rescan the rest of the file.
BACKTICKS = re.compile(r"`+")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
MD_LINK_TARGET = re.compile(r"\]\((?P<target>[^)\s\]]*(?:\s+(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'))?)\)")
MD_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)
HTML_INLINE_TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
HIDDEN_OPEN = re.compile(r"<!--|<(script|style|template|noscript)\b", re.IGNORECASE)
HTML_TAG = re.compile(r"</?(?P<name>[a-zA-Z][\w-]*)\b[^<>]*>|<![^<>]*>")
HTML_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
META_TAG = re.compile(r"<meta\s[^<>]*>", re.IGNORECASE)
HTML_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
               "section", "article", "header", "footer", "blockquote", "pre", "figcaption", "title", "hr", "dt", "dd"}
META_DATE_NAME = re.compile(r"""(?:property|name)=["'](?:article:published_time|date|dc\.date|pubdate)["']""",
                            re.IGNORECASE)
META_CONTENT = re.compile(r"""content=["'](?P<date>\d{4}-\d{2}-\d{2})""", re.IGNORECASE)


@dataclass(frozen=True)
class Draft:
    path: str
    original: str  # the file as written
    text: str      # what is analysed: the same length, markup blanked
    code: tuple[tuple[int, int], ...]  # code blocks and spans: a suppression comment there is an example
    declared: AsOf | None = None  # a date the file declares in its markup (HTML meta)
    bom: bool = False  # the file begins with a UTF-8 byte-order mark (kept by --suggest)


def _blank(text: str, spans, keep_newlines: bool = True) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if not (keep_newlines and chars[i] == "\n"):
                chars[i] = " "
    return "".join(chars)


def comments(text: str) -> list[tuple[int, int]]:
    """The spans of HTML comments; an unclosed one runs to the end of the text, as a browser reads it."""
    return _closed(text, COMMENT_OPEN, lambda match: COMMENT_CLOSE)


COMMENT_OPEN, COMMENT_CLOSE = re.compile("<!--"), re.compile("-->")
END_TAGS = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "template", "noscript")}


def _closed(text: str, opening: re.Pattern, closer) -> list[tuple[int, int]]:
    """Spans from each opening match to the end of its closer (`closer(match)`, a pattern), or to the end of the
    text: each search starts where the last span ended, so the text is read once."""
    spans, position = [], 0
    while (match := opening.search(text, position)) is not None:
        close = closer(match).search(text, match.end())
        spans.append((match.start(), close.end() if close else len(text)))
        position = spans[-1][1]
    return spans


def _inline_code(text: str, code: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """CommonMark code spans: a run of N backticks to the next run of exactly N in the same paragraph, found in one
    pass (not inside a code block)."""
    blocks = sorted(code)
    starts = [s for s, _ in blocks]
    breaks = [m.start() for m in BLANK_LINE.finditer(text)]
    runs = [m for m in BACKTICKS.finditer(text) if not within(m.start(), blocks, starts)]
    following: dict[int, int] = {}  # run index -> index of the next run of the same length
    last_of_length: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i].end() - runs[i].start()
        if length in last_of_length:
            following[i] = last_of_length[length]
        last_of_length[length] = i
    spans, i = [], 0
    while i < len(runs):
        j = following.get(i)
        if j is not None and bisect_left(breaks, runs[i].end()) == bisect_left(breaks, runs[j].start()):
            spans.append((runs[i].start(), runs[j].end()))
            i = j + 1
        else:
            i += 1
    return spans


def within(offset: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether an offset lies in one of these sorted, non-overlapping spans (`starts`: their starts)."""
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < spans[i][1]


def _markdown(path: str, text: str) -> Draft:
    code = [m.span() for m in MD_CODE_FENCE.finditer(text)]
    code += [m.span(1) for m in MD_INDENTED_CODE.finditer(text)]
    code += _inline_code(text, code)
    spans = code + [m.span("target") for m in MD_LINK_TARGET.finditer(text)]
    spans += [m.span() for m in MD_REFERENCE.finditer(text)]
    spans += comments(text)
    spans += [m.span() for m in HTML_INLINE_TAG.finditer(text)]
    return Draft(path, text, _blank(text, spans), tuple(sorted(code)))


def _hidden(text: str) -> list[tuple[int, int]]:
    """Comments and the elements whose content is never shown (script, style, ...), unclosed ones to the end."""
    return _closed(text, HIDDEN_OPEN, lambda m: END_TAGS[m.group(1).lower()] if m.group(1) else COMMENT_CLOSE)


def _html(path: str, text: str) -> Draft:
    chars = list(_blank(text, _hidden(text)))
    for match in HTML_TAG.finditer(text):
        if chars[match.start()] != "<":
            continue  # inside a blanked script or comment
        block = (match.group("name") or "").lower() in HTML_BLOCKS
        for i in range(*match.span()):
            chars[i] = " "
        if block:
            chars[match.start()] = "\n"  # a paragraph ends here
    for match in HTML_ENTITY.finditer(text):
        decoded = html.unescape(match.group())
        if len(decoded) == 1 and chars[match.start()] == "&":
            chars[match.start():match.end()] = [decoded] + [" "] * (match.end() - match.start() - 1)
    declared = next((content for tag in META_TAG.finditer(text) if META_DATE_NAME.search(tag.group())
                     for content in [META_CONTENT.search(tag.group())] if content), None)
    as_of = None
    if declared:
        try:
            as_of = AsOf(dt.date.fromisoformat(declared.group("date")), "html meta")
        except ValueError:
            pass
    return Draft(path, text, "".join(chars), (), as_of)


VERIFIER_COMMENT = re.compile(r"<!--\s*verifier:")


def _directives(text: str) -> list[tuple[int, int]]:
    """The suppression comments of a plain-text draft: directives, not prose (their reasons are not claims, and one
    above the dateline leaves it the first line). Other comments in plain text are text."""
    return [(start, end) for start, end in comments(text)
            if VERIFIER_COMMENT.match(text, start) and text.startswith("-->", end - 3)]


STDIN = "-"


def read_draft(path: str, limit: int | None = None, stdin=None, name: str | None = None) -> Draft:
    """Read a draft (at most `limit` bytes); its format comes from the file name (anything else is plain text).

    The path `-` reads `stdin` (a binary stream) instead; `name` is the file name reports show and the format is
    chosen by (`--stdin-filename`; plain text without one)."""
    if path == STDIN:
        data = stdin.read(limit + 1 if limit is not None else -1)
        shown = name or STDIN
        if limit is not None and len(data) > limit:
            raise InputError(f"{shown}: over the limit of {limit:,} bytes on standard input "
                             "(raise max_file_size in the configuration to check it)")
        text, bom = decode(data, shown)
        path = shown
    else:
        text, bom = read_text(path, limit)
    kind = SUFFIXES.get(Path(path).suffix.lower(), "text")
    draft = _markdown(path, text) if kind == "markdown" else _html(path, text) if kind == "html" else \
        Draft(path, text, _blank(text, _directives(text)), ())
    return replace(draft, bom=bom)


def walk(paths: list[str], ignored=lambda path: False, missing=None) -> list[str]:
    """Files to check: given files as they are, directories walked for drafts, in a stable order.

    A named path that does not exist goes to `missing(path, message)` (the run checks the rest), or raises
    InputError when no such callback is given."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if given == STDIN:
            found.append(given)
        elif not path.exists() and _is_glob(given):  # quoted, so the shell left it to us (markdownlint-cli2's way)
            matches = [m for m in sorted(glob.glob(given, recursive=True))
                       if (Path(m).is_dir() or _is_draft(Path(m))) and not SKIPPED_DIRS & set(Path(m).parts)]
            if not matches:
                (missing or _missing)(given, f"{given}: no draft matches this pattern")
            found.extend(walk(matches, ignored, missing))
        elif path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if (_is_draft(candidate) and not SKIPPED_DIRS & set(candidate.relative_to(path).parts[:-1])
                        and not ignored(str(candidate))):
                    found.append(str(candidate))
        elif not path.exists():
            if missing is None:
                _missing(given)
            missing(given, f"{given}: no such file or directory")
        elif not ignored(given) and not written_by_us(path):  # ignore globs apply to named files: pre-commit names all
            found.append(given)
    return list(dict.fromkeys(found))


def _is_draft(candidate: Path) -> bool:
    """A file a directory walk or a pattern takes: a draft's suffix, and not one we wrote (a corrected copy, a
    report)."""
    return (candidate.suffix.lower() in SUFFIXES and candidate.is_file() and ".suggested." not in candidate.name
            and not written_by_us(candidate))


def written_by_us(path: Path) -> bool:
    """An HTML report of ours: its head names the generator (read from its first 2 KB only)."""
    from .report import GENERATED_MARK

    if SUFFIXES.get(path.suffix.lower()) != "html":
        return False
    try:
        with open(path, "rb") as file:
            return GENERATED_MARK in file.read(2048)
    except OSError:
        return False  # reading it for real will report why


def _is_glob(path: str) -> bool:
    return any(c in path for c in "*?[")


def _missing(path: str, message: str | None = None):
    raise InputError(message or f"{path}: no such file or directory")
