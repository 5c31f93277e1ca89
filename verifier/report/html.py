"""The editor's review page: one self-contained HTML file showing each draft with its claims highlighted.

No script and no external asset: inline CSS only, and a Content-Security-Policy
that forbids scripts and every fetch, so the page works offline and a draft's own
markup can do nothing even if it were not escaped (it always is). Every verdict
reads without colour too: a symbol (✗ ✓ ?) and an underline style per verdict.
Evidence shows on hover and on keyboard focus, and again in the findings panel,
conflicts first, with a filter by verdict made of checkboxes and CSS `:checked`
selectors (so it needs no script). The panel grows with the page rather than
scrolling inside itself: a second scrollbar hid half the cards on a laptop.
Front matter is metadata: it is shown apart, collapsed, never as draft text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from html import escape
from urllib.parse import urlsplit

from claims_db.query import FactRow, StoreInfo

from .. import __version__
from ..document import front_matter_end
from ..records import Verdict
from ..run import AnyRun, FileResult, Finding, Totals, count_verdicts
from . import GENERATOR as TOOL, Writer
from .spool import Spool

ORDER = (Verdict.CONFLICTING, Verdict.UNVERIFIED, Verdict.CONSISTENT)  # what an editor must act on first
SYMBOLS = {Verdict.CONFLICTING: "✗", Verdict.CONSISTENT: "✓", Verdict.UNVERIFIED: "?"}
MEANING = {Verdict.CONFLICTING: "contradicts the reference store; a correction is suggested",
           Verdict.UNVERIFIED: "could not be checked; check it by hand",
           Verdict.CONSISTENT: "agrees with the reference store"}
GENERATOR = f"{TOOL} {__version__}"  # `verifier check` skips files carrying this marker (report.GENERATED_MARK)
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
:root { color-scheme: light; --text: #1d2433; --muted: #5b6475; --rule: #d7dbe3;
  --conflicting: #b42318; --conflicting-bg: #fde3e1; --unverified: #a15c07; --unverified-bg: #fdf0c6;
  --consistent: #067647; --consistent-bg: #dcf7e6; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--text);
  background: #f6f7f9; }
header, main { max-width: 1400px; margin: 0 auto; padding: 1rem 1.5rem; }
header { padding-bottom: 0; }
h1 { margin: 0 0 .5rem; font-size: 1.5rem; }
h2 { margin: 0 0 .25rem; font-size: 1.15rem; overflow-wrap: anywhere; }
.totals { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .25rem 0 .75rem; padding: 0; }
.totals li { list-style: none; }
.badge { display: inline-block; padding: .15rem .6rem; border-radius: 1rem; font-weight: 600;
  border: 1px solid currentColor; }
.badge.v-conflicting { color: var(--conflicting); background: var(--conflicting-bg); }
.badge.v-unverified { color: var(--unverified); background: var(--unverified-bg); }
.badge.v-consistent { color: var(--consistent); background: var(--consistent-bg); }
table.files { border-collapse: collapse; background: #fff; font-size: .9rem; margin-bottom: .5rem; }
table.files th, table.files td { border: 1px solid var(--rule); padding: .25rem .6rem; text-align: left; }
table.files td.n { text-align: right; font-variant-numeric: tabular-nums; }
.store, .hint, .asof { color: var(--muted); font-size: .9rem; margin: .25rem 0; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .5rem 0; padding: .5rem .75rem; background: #fff;
  border: 1px solid var(--rule); border-radius: .5rem; }
.legend dt { font-weight: 600; } .legend dd { margin: 0 0 0 .25rem; color: var(--muted); font-size: .9rem; }
.legend div { display: flex; align-items: baseline; gap: .25rem; }
section.file { margin: 1rem 0 2rem; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 27rem; gap: 1.25rem; align-items: start; }
@media (max-width: 1000px) { .layout { grid-template-columns: minmax(0, 1fr); } }
.draft { margin: 0; padding: 1rem 1.25rem; background: #fff; border: 1px solid var(--rule); border-radius: .5rem;
  white-space: pre-wrap; overflow-wrap: anywhere; font: 1rem/1.75 Georgia, "DejaVu Serif", serif; }
mark, .swatch { position: relative; color: inherit; padding: 0 .1em; border-radius: .2em;
  text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: .2em; }
mark { cursor: help; }
mark.v-conflicting, .swatch.v-conflicting { background: var(--conflicting-bg);
  text-decoration-color: var(--conflicting);
  text-decoration-style: solid; }
mark.v-unverified, .swatch.v-unverified { background: var(--unverified-bg); text-decoration-color: var(--unverified);
  text-decoration-style: dashed; }
mark.v-consistent, .swatch.v-consistent { background: var(--consistent-bg); text-decoration-color: var(--consistent);
  text-decoration-style: dotted; }
mark:focus { outline: 3px solid #2454d6; outline-offset: 1px; }
mark:target { outline: 3px solid #2454d6; }
.sym { font: 700 .85em/1 system-ui, sans-serif; margin-right: .15em; text-decoration: none; display: inline-block; }
.v-conflicting > .sym, .v-conflicting .sym { color: var(--conflicting); }
.v-unverified > .sym, .v-unverified .sym { color: var(--unverified); }
.v-consistent > .sym, .v-consistent .sym { color: var(--consistent); }
.tip { display: none; position: absolute; z-index: 10; left: 0; top: calc(100% + .35rem); width: min(30rem, 80vw);
  padding: .6rem .8rem; background: #fff; color: var(--text); border: 1px solid var(--rule); border-radius: .4rem;
  box-shadow: 0 4px 16px rgba(0, 0, 0, .18); white-space: normal; font: .9rem/1.45 system-ui, sans-serif;
  text-align: left; cursor: auto; }
mark:hover > .tip, mark:focus > .tip, mark:focus-within > .tip, mark:target > .tip { display: block; }
.tip > span, .entry > div { display: block; margin-top: .2rem; }
.label { font-weight: 600; color: var(--muted); margin-right: .3em; }
.verdict { font-weight: 700; }
.v-conflicting .verdict { color: var(--conflicting); } .v-unverified .verdict { color: var(--unverified); }
.v-consistent .verdict { color: var(--consistent); }
ins.fix { text-decoration: none; background: var(--consistent-bg); border: 1px solid var(--consistent);
  padding: 0 .25em; border-radius: .2em; font-weight: 600; }
.uid { color: var(--muted); font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; }
aside h3 { font-size: 1rem; margin: 0 0 .5rem; }
aside { position: relative; }
.filter-name { font-weight: 600; color: var(--muted); font-size: .9rem; margin-right: .35rem; }
/* The checkbox is the state, its label the visible toggle: a chip, struck through when its verdict is hidden. */
aside input.show { position: absolute; width: 1px; height: 1px; margin: 0; opacity: 0; pointer-events: none; }
aside input.show + label { display: inline-block; margin: 0 .35rem .35rem 0; padding: .05rem .6rem; border-radius: 1rem;
  border: 1px solid currentColor; font-size: .85rem; font-weight: 600; white-space: nowrap; cursor: pointer;
  user-select: none; }
label.v-conflicting { color: var(--conflicting); background: var(--conflicting-bg); }
label.v-unverified { color: var(--unverified); background: var(--unverified-bg); }
label.v-consistent { color: var(--consistent); background: var(--consistent-bg); }
aside input.show:not(:checked) + label { color: var(--muted); background: #fff; border-style: dashed;
  text-decoration: line-through; }
aside input.show:not(:checked) + label > .sym { color: var(--muted); }
aside input.show:focus-visible + label { outline: 3px solid #2454d6; outline-offset: 1px; }
.filter-end { display: block; height: .25rem; }
.show-conflicting:not(:checked) ~ ol.findings > .v-conflicting,
.show-unverified:not(:checked) ~ ol.findings > .v-unverified,
.show-consistent:not(:checked) ~ ol.findings > .v-consistent { display: none; }
.layout:has(.show-conflicting:not(:checked)) mark.v-conflicting,
.layout:has(.show-unverified:not(:checked)) mark.v-unverified,
.layout:has(.show-consistent:not(:checked)) mark.v-consistent { background: none; text-decoration-line: none;
  padding: 0; }
.layout:has(.show-conflicting:not(:checked)) mark.v-conflicting > .sym,
.layout:has(.show-unverified:not(:checked)) mark.v-unverified > .sym,
.layout:has(.show-consistent:not(:checked)) mark.v-consistent > .sym { display: none; }
details.front-matter { margin: 0 0 .5rem; color: var(--muted); font-size: .9rem; }
details.front-matter summary { cursor: pointer; }
details.front-matter pre { margin: .25rem 0 0; padding: .5rem .75rem; background: #eef0f4; border-radius: .4rem;
  white-space: pre-wrap; overflow-wrap: anywhere; font: .85rem/1.5 ui-monospace, "DejaVu Sans Mono", monospace; }
ol.findings { list-style: none; margin: 0; padding: 0; }
.entry { background: #fff; border: 1px solid var(--rule); border-left-width: 5px; border-radius: .4rem;
  padding: .45rem .7rem; margin-bottom: .5rem; font-size: .88rem; line-height: 1.4; }
.entry.v-conflicting { border-left-color: var(--conflicting); }
.entry.v-unverified { border-left-color: var(--unverified); border-left-style: dashed; }
.entry.v-consistent { border-left-color: var(--consistent); border-left-style: dotted; }
.entry > a.claim-link { font-weight: 600; }
.notices { font-size: .9rem; }
a { color: #1d4ed8; overflow-wrap: anywhere; }
@media print { .tip, aside input, aside input + label, .filter-name { display: none !important; } }
"""


def _e(value) -> str:
    return escape(str(value), quote=True)


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def _value(fact: FactRow) -> str:
    value = fact.value.isoformat() if isinstance(fact.value, dt.date) else _number(fact.value)
    return f"{value} {fact.unit}" if fact.unit else value


def _when(fact: FactRow) -> str:
    if fact.valid_from or fact.valid_to:
        start = fact.valid_from.isoformat() if fact.valid_from else "…"
        return f"{start} to {fact.valid_to.isoformat()}" if fact.valid_to else f"since {start}"
    return fact.date.isoformat() if fact.date else ""


def link(url: str, text: str) -> str:
    """A link when the URL is http(s), else the URL shown as text: a store must not smuggle javascript: in."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in ("http", "https"):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(text)}</a>'
    return f'{_e(text)} <span class="uid">({_e(url)})</span>'


def evidence(finding: Finding, tag: str = "span") -> str:
    """The reference, source, reason and suggestion of a finding, one `tag` per row."""
    judgement = finding.judgement
    rows = []
    fact = judgement.fact
    if fact is not None:
        when = _when(fact)
        label = "Related fact" if finding.verdict is Verdict.UNVERIFIED else "Reference"  # never read as a conflict
        rows.append(f'<{tag}><span class="label">{label}</span>{_e(fact.subject)} · {_e(fact.plain_predicate)} · '
                    f'<strong>{_e(_value(fact))}</strong>{f" ({_e(when)})" if when else ""} '
                    f'<span class="uid">[{_e(fact.uid)}]</span></{tag}>')
        source = fact.source
        rows.append(f'<{tag}><span class="label">Source</span>{_e(source.publisher)}: '
                    f'{link(source.url, source.title)}</{tag}>')
    rows.append(f'<{tag}><span class="label">Reason</span>{_e(judgement.reason)}</{tag}>')
    if judgement.suggestion:
        rows.append(f'<{tag}><span class="label">Suggestion</span>'
                    f'<ins class="fix">{_e(judgement.suggestion)}</ins></{tag}>')
    return "".join(rows)


def _verdict(finding: Finding) -> str:
    verdict = finding.verdict
    return (f'<span class="verdict">{SYMBOLS[verdict]} {_e(verdict.value)}</span> '
            f'<span class="uid">{_e(finding.judgement.claim.kind)}, line {finding.line}:{finding.column}</span>')


def _mark(finding: Finding, number: int) -> tuple[str, str]:
    """The opening and closing markup around one claim in the draft."""
    verdict = finding.verdict
    opening = (f'<mark class="v-{verdict.value}" id="c-{number}" tabindex="0" data-verdict="{verdict.value}" '
               f'data-kind="{_e(finding.judgement.claim.kind)}" aria-describedby="t-{number}">'
               f'<span class="sym" aria-hidden="true">{SYMBOLS[verdict]}</span><span class="claim">')
    closing = (f'</span><span class="tip" role="tooltip" id="t-{number}">{_verdict(finding)}'
               f'{evidence(finding)}</span></mark>')
    return opening, closing


def draft(text: str, numbered: list[tuple[int, Finding]], begin: int = 0) -> str:
    """The draft from offset `begin` on, escaped, with every finding's span marked.

    A claim inside another nests in it; one that overlaps another's end (not
    seen in practice) is cut at that end, so the markup stays well formed.
    """
    begin = min(max(begin, 0), len(text))
    spans = []
    for number, finding in numbered:
        claim = finding.judgement.claim
        start = min(max(claim.start, begin), len(text))
        spans.append((start, min(max(claim.end, start), len(text)), number, finding))
    out, position, open_ends = [], begin, []  # open_ends: (end, closing markup), innermost last
    for start, end, number, finding in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        while open_ends and open_ends[-1][0] <= start:
            close_at, closing = open_ends.pop()
            out += [escape(text[position:close_at], quote=True), closing]
            position = close_at
        if open_ends:
            end = min(end, open_ends[-1][0])
        out.append(escape(text[position:start], quote=True))
        position = start
        opening, closing = _mark(finding, number)
        out.append(opening)
        open_ends.append((end, closing))
    while open_ends:
        close_at, closing = open_ends.pop()
        out += [escape(text[position:close_at], quote=True), closing]
        position = close_at
    out.append(escape(text[position:], quote=True))
    return "".join(out)


def by_urgency(numbered: list[tuple[int, Finding]]) -> list[tuple[int, Finding]]:
    """Conflicting, then unverified, then consistent; in the order of the draft within each."""
    def key(item: tuple[int, Finding]) -> tuple[int, int, int, int]:
        number, finding = item
        claim = finding.judgement.claim
        return ORDER.index(finding.verdict), claim.start, claim.end, number
    return sorted(numbered, key=key)


def _filter(index: int, counts: dict[str, int]) -> str:
    """One checkbox per verdict; CSS hides the cards (and un-highlights the claims) of an unticked one.

    The inputs are siblings before the list, so `:checked ~ ol` reaches the cards in every browser.
    """
    boxes = "".join(
        f'<input type="checkbox" class="show show-{v.value}" id="show-{index}-{v.value}" checked '
        f'aria-controls="findings-{index}"><label for="show-{index}-{v.value}" class="v-{v.value}">'
        f'<span class="sym" aria-hidden="true">{SYMBOLS[v]}</span>{v.value} ({counts[v.value]})</label>'
        for v in ORDER)
    return f'<span class="filter-name" id="filter-{index}">Show</span>{boxes}<span class="filter-end"></span>'


def _side_list(index: int, numbered: list[tuple[int, Finding]]) -> str:
    items = []
    for number, finding in by_urgency(numbered):
        items.append(f'<li class="entry v-{finding.verdict.value}" id="f-{number}">{_verdict(finding)}<div>'
                     f'<a class="claim-link" href="#c-{number}">“{_e(finding.judgement.claim.text)}”</a></div>'
                     f'{evidence(finding, "div")}</li>')
    if not items:
        return ('<aside aria-label="Findings"><h3>Findings (0)</h3>'
                '<ol class="findings">\n<li class="entry">No claims found.</li>\n</ol></aside>')
    return (f'<aside aria-label="Findings"><h3>Findings ({len(numbered)})</h3>'
            f'{_filter(index, count_verdicts(f for _, f in numbered))}'
            f'<ol class="findings" id="findings-{index}">\n' + "\n".join(items) + '\n</ol></aside>')


def draft_column(text: str, numbered: list[tuple[int, Finding]]) -> str:
    """The front matter apart and collapsed (metadata, not draft text), then the draft from its first line on."""
    start = front_matter_end(text)
    front = ""
    if start:
        front = ('<details class="front-matter"><summary>Front matter (metadata: gives the date, '
                 f'not checked for claims)</summary><pre>{_e(text[:start].rstrip())}</pre></details>\n')
        while text.startswith(("\r\n", "\n", "\r"), start):  # the blank line after the block
            start += 2 if text.startswith("\r\n", start) else 1
    return f'<div class="text">{front}<div class="draft">{draft(text, numbered, start)}</div></div>'


def _badges(counts: dict[str, int]) -> str:
    return "".join(f'<li><span class="badge v-{v.value}">{SYMBOLS[v]} {counts[v.value]} {v.value}</span></li>'
                   for v in ORDER)


def _file_section(index: int, file: FileResult, numbered: list[tuple[int, Finding]]) -> str:
    as_of = file.report.as_of
    counts = count_verdicts(f for _, f in numbered)
    notices = ""
    if file.notices:
        notices = ('<ul class="notices">' + "".join(f"<li>line {n.line}: {_e(n.message)}</li>" for n in file.notices)
                   + "</ul>")
    return (f'<section class="file" id="file-{index}" aria-labelledby="file-{index}-name">\n'
            f'<h2 id="file-{index}-name">{_e(file.path)}</h2>\n'
            f'<p class="asof">As of <strong>{_e(as_of.date.isoformat())}</strong> ({_e(as_of.source)}) · '
            + " · ".join(f"{SYMBOLS[v]} {counts[v.value]} {v.value}" for v in ORDER) + f"</p>{notices}\n"
            f'<div class="layout">\n{draft_column(file.text, numbered)}\n'
            f'{_side_list(index, numbered)}\n</div>\n</section>')


def store_name(store: StoreInfo) -> str:
    """The store as an editor knows it: its description, else its file's name (never a full path or a password)."""
    if store.description:
        return store.description
    location = store.location  # already redacted
    if location.startswith("bundled:"):  # the bundled store built before it had a description
        return "bundled reference store"
    if "://" in location and not location.lower().startswith("sqlite"):
        return location  # a server's URL names a database, not a file of this machine
    if "://" in location:
        location = location.split("?", 1)[0]  # sqlite:///path?mode=ro
    return location.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _store(store: StoreInfo) -> str:
    return (f'<p class="store">Reference store: <strong>{_e(store_name(store))}</strong>, '
            f'{store.facts:,} facts (digest <span class="uid">{_e(store.digest[:12])}</span>)'
            + (", <strong>draft facts included</strong>" if store.drafts else "") + '</p>')


def _row(index: int, file: FileResult) -> str:
    """The file's line in the header's table: its as-of date and its claims per verdict."""
    return (f'<tr><td><a href="#file-{index}">{_e(file.path)}</a></td><td>{_e(file.report.as_of.date.isoformat())}</td>'
            f'<td>{_e(file.report.as_of.source)}</td>'
            + "".join(f'<td class="n">{sum(1 for x in file.findings if x.verdict is v)}</td>' for v in ORDER) + "</tr>")


def _header(totals: Totals, rows: Iterable[str], store: StoreInfo) -> Iterator[str]:
    """The header in pieces: the totals, the table of files (`rows`, one per file), the store, legend and hint."""
    counts = totals.claims
    heads = "".join(f'<th scope="col">{SYMBOLS[v]} {v.value}</th>' for v in ORDER)
    legend = "".join(f'<div><dt><span class="swatch v-{v.value}">'
                     f'<span class="sym" aria-hidden="true">{SYMBOLS[v]}</span>{v.value}</span></dt>'
                     f'<dd>{MEANING[v]}</dd></div>' for v in ORDER)
    yield (f'<header>\n<h1>Claim review</h1>\n'
           f'<ul class="totals" aria-label="Summary"><li><strong>{sum(counts.values())} claim(s) in '
           f'{totals.files} file(s):</strong></li>{_badges(counts)}</ul>\n'
           f'<table class="files"><thead><tr><th scope="col">file</th><th scope="col">as of</th>'
           f'<th scope="col">date taken from</th>{heads}</tr></thead><tbody>')
    yield from rows
    yield (f'</tbody></table>\n'
           f'{_store(store)}\n'
           f'<dl class="legend" aria-label="Legend">{legend}</dl>\n'
           f'<p class="hint">Hover over a highlighted claim, or move to it with Tab, for its reference, source, '
           f'reason and suggested correction. The findings beside each draft show the same, conflicts first, '
           f'and link to the claim; click a verdict above them to hide or show its findings.</p>\n'
           f'</header>')


def write(run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    """The review page; `colour` is ignored (the page is always in colour, and always readable without)."""
    # The header sums up the whole run and lists every file: the files' sections and rows wait in spools.
    totals, first, number = Totals(), None, 0
    with Spool() as rows, Spool() as sections:
        for index, file in enumerate(totals.counted(run.files), 1):
            first = first or file.path
            numbered = []
            for finding in file.findings:
                number += 1
                numbered.append((number, finding))
            rows.write(_row(index, file))
            sections.write(("\n" if index > 1 else "") + _file_section(index, file, numbered))
        title = first if totals.files == 1 else f"{totals.files} files"
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  f'<meta name="generator" content="{_e(GENERATOR)}">\n'
                  f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
                  '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                  f"<title>Claim review: {_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")
        for piece in _header(totals, rows.chunks(), run.store):
            out.write(piece)
        out.write("\n<main>\n")
        if run.errors:
            out.write('<section class="errors"><h2>Not checked</h2><ul>'
                      + "".join(f"<li>{_e(e.message)}</li>" for e in run.errors) + "</ul></section>\n")
        for block in sections.chunks():
            out.write(block)
    out.write("\n</main>\n</body>\n</html>\n")
