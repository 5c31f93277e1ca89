"""Draft files by format: plain text, Markdown, HTML; and the walk over directories.

Markup is blanked, never removed: tags, code and link targets become spaces of
the same length, so the analysed text has the file's offsets and every span
points into the original file.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from .document import InputError, read_text
from .records import AsOf

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".html": "html", ".htm": "html"}
SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}

# CommonMark fences: up to three spaces of indent; closed by the same character, at least as many.
MD_CODE_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}(?P=fence)[`~]*[ \t]*$|\Z)",
                           re.MULTILINE | re.DOTALL)
MD_INDENTED_CODE = re.compile(r"(?:^|\n\n)((?:(?: {4}|\t)[^\n]*(?:\n|$))+)")
MD_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
MD_LINK_TARGET = re.compile(r"\]\((?P<target>[^)\s]*(?:\s+(?:\"[^\"]*\"|'[^']*'))?)\)")
MD_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*\S+.*$", re.MULTILINE)
HTML_INLINE_TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HTML_HIDDEN = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
HTML_TAG = re.compile(r"</?(?P<name>[a-zA-Z][\w-]*)\b[^>]*>|<![^>]*>")
HTML_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
HTML_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
               "section", "article", "header", "footer", "blockquote", "pre", "figcaption", "title", "hr", "dt", "dd"}
HTML_DATE = re.compile(r"""<meta\s[^>]*(?:property|name)=["'](?:article:published_time|date|dc\.date|pubdate)["'][^>]*
                           content=["'](?P<date>\d{4}-\d{2}-\d{2})""", re.IGNORECASE | re.VERBOSE)


@dataclass(frozen=True)
class Draft:
    path: str
    original: str  # the file as written
    text: str      # what is analysed: the same length, markup blanked
    code: tuple[tuple[int, int], ...]  # code blocks and spans: a suppression comment there is an example
    declared: AsOf | None = None  # a date the file declares in its markup (HTML meta)


def _blank(text: str, spans, keep_newlines: bool = True) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if not (keep_newlines and chars[i] == "\n"):
                chars[i] = " "
    return "".join(chars)


def _markdown(path: str, text: str) -> Draft:
    code = [m.span() for m in MD_CODE_FENCE.finditer(text)]
    code += [m.span(1) for m in MD_INDENTED_CODE.finditer(text)]
    code += [m.span() for m in MD_INLINE_CODE.finditer(text) if not any(s <= m.start() < e for s, e in code)]
    spans = code + [m.span("target") for m in MD_LINK_TARGET.finditer(text)]
    spans += [m.span() for m in MD_REFERENCE.finditer(text)]
    spans += [m.span() for m in COMMENT.finditer(text)]
    spans += [m.span() for m in HTML_INLINE_TAG.finditer(text)]
    return Draft(path, text, _blank(text, spans), tuple(sorted(code)))


def _html(path: str, text: str) -> Draft:
    chars = list(_blank(text, [m.span() for m in HTML_HIDDEN.finditer(text)]))
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
    declared = HTML_DATE.search(text)
    as_of = None
    if declared:
        try:
            as_of = AsOf(dt.date.fromisoformat(declared.group("date")), "html meta")
        except ValueError:
            pass
    return Draft(path, text, "".join(chars), (), as_of)


def read_draft(path: str) -> Draft:
    """Read a draft; its format comes from the file name (anything else is plain text)."""
    text = read_text(path)
    kind = SUFFIXES.get(Path(path).suffix.lower(), "text")
    if kind == "markdown":
        return _markdown(path, text)
    if kind == "html":
        return _html(path, text)
    return Draft(path, text, text, ())


def walk(paths: list[str], ignored=lambda path: False) -> list[str]:
    """Files to check: given files as they are, directories walked for drafts, in a stable order."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if (candidate.suffix.lower() in SUFFIXES and candidate.is_file()
                        and ".suggested." not in candidate.name  # our own corrected copies
                        and not SKIPPED_DIRS & set(candidate.relative_to(path).parts[:-1])
                        and not ignored(str(candidate))):
                    found.append(str(candidate))
        elif not path.exists():
            _missing(given)
        elif not ignored(given):  # ignore globs apply to named files too: pre-commit names every file
            found.append(given)
    return list(dict.fromkeys(found))


def _missing(path: str):
    raise InputError(f"{path}: no such file or directory")
