"""The HTML review page: every claim highlighted with its evidence, the draft shown as text, nothing fetched or run.

The tests without a browser read the page with the standard library's parser;
the browser tests load it in headless Chromium (Debian's `chromium`, which
`.ci/run` installs) over the DevTools protocol, read the DOM after load and click
the filter like a reader, so they prove what a reader sees.
`python -m benchmarks.html_screenshot` renews docs/html-report.png.
"""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from benchmarks.browser import CHROMIUM, Browser
from claims_db.query import StoreInfo
from verifier import __version__
from verifier.cli import main
from verifier.records import Claim, Judgement, Verdict
from verifier.report.html import draft, draft_column, link, store_name
from verifier.rules import RULES, rule_id
from verifier.run import Finding
from verifier_support import SHARED, build_world

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "docs" / "html-report.png"
SEED = SHARED / "cases" / "seed-mutated.txt"
HOSTILE = """---
date: 2025-01-10
---
Port Aldmere, Jan 10 (Test Wire) The Aldmere ferry disaster killed 44 people, officials said.
<script>document.title='PWNED'</script><img src=x onerror="document.title='PWNED'"> & "quoted" <b>bold</b>

Valdorian Defence Minister Oren Talvik visited the port. Some 30 volunteers helped.
"""
# The draft's order is consistent, unverified, unverified, conflicting: the panel turns it round.
CALM_FIRST = """---
date: 2025-01-10
---
Valdorian Defence Minister Oren Talvik visited the port on Friday. Some 30 volunteers helped.

The Aldmere ferry disaster killed 44 people, officials said.
"""
BODY = HOSTILE.split("---\n", 2)[2]  # the draft without its front matter
VERDICTS = ("conflicting", "unverified", "consistent")  # the findings panel's order
VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "wbr", "source"}
SYMBOL = {"conflicting": "✗", "consistent": "✓", "unverified": "?"}


class Page(HTMLParser):
    """The page as a reader gets it: its elements, its marks with their text, and the draft's visible text."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.tags: list[tuple[str, dict]] = []
        self.marks: dict[str, dict] = {}
        self.drafts: list[str] = []
        self.fronts: list[str] = []  # the text of each front matter block, summary included
        self.title = ""
        self.errors: list[str] = []
        self.feed(markup)
        self.close()
        assert not self.stack, f"unclosed elements: {[t for t, _ in self.stack]}"

    def _inside(self, predicate) -> bool:
        return any(predicate(tag, attrs) for tag, attrs in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attrs))
        if tag in VOID:
            return
        if tag == "div" and "draft" in attrs.get("class", "").split():
            self.drafts.append("")
        if tag == "details" and "front-matter" in attrs.get("class", "").split():
            self.fronts.append("")
        if tag == "mark" and "id" in attrs:
            self.marks[attrs["id"]] = {"attrs": attrs, "claim": "", "symbol": "", "tip": ""}
        self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "title":
            self.title += data
        classes = [set(a.get("class", "").split()) for _, a in self.stack]
        in_tip = any("tip" in c for c in classes)
        in_symbol = any("sym" in c for c in classes)
        in_draft = self._inside(lambda t, a: t == "div" and "draft" in a.get("class", "").split())
        if in_draft and not (in_tip or in_symbol):
            self.drafts[-1] += data
        if self._inside(lambda t, a: t == "details" and "front-matter" in a.get("class", "").split()):
            self.fronts[-1] += data
        for tag, attrs in self.stack:
            if tag == "mark" and attrs.get("id") in self.marks:
                mark = self.marks[attrs["id"]]
                mark["tip" if in_tip else "symbol" if in_symbol else "claim"] += data


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("world"))


@pytest.fixture()
def hostile(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def report_of(capsys, tmp_path, *args) -> tuple[int, str, dict]:
    """Run `verifier check --format html -o FILE`: its exit code, the page, and the JSON report of the same run."""
    out = tmp_path / "report.html"
    code = main(["check", *args, "--format", "html", "-o", str(out)])
    assert capsys.readouterr().out == "", "-o writes the page to the file, nothing to stdout"
    main(["check", *args, "--format", "json"])
    return code, out.read_text(encoding="utf-8"), json.loads(capsys.readouterr().out)


def assert_every_claim_marked(page: Page, report: dict) -> None:
    claims = [c for f in report["files"] for c in f["claims"]]
    assert len(page.marks) == len(claims)
    for number, claim in enumerate(claims, 1):
        mark = page.marks[f"c-{number}"]
        assert mark["attrs"]["class"] == f"v-{claim['verdict']}"
        assert mark["attrs"]["data-verdict"] == claim["verdict"]
        assert mark["attrs"]["tabindex"] == "0"
        assert mark["claim"] == claim["text"]
        assert mark["symbol"] == SYMBOL[claim["verdict"]]
        assert claim["reason"] in mark["tip"]
        if claim["suggestion"]:
            assert claim["suggestion"] in mark["tip"]
        if claim["fact"]:
            assert claim["fact"]["subject"] in mark["tip"] and claim["fact"]["source"]["publisher"] in mark["tip"]


def test_every_claim_is_marked_with_its_verdict_symbol_and_evidence(capsys, tmp_path, world, hostile):
    code, page_html, report = report_of(capsys, tmp_path, str(hostile), "--db", world)
    page = Page(page_html)
    assert code == 1, "the exit code is the same whatever the format"
    assert not page.errors
    assert {c["verdict"] for c in report["files"][0]["claims"]} == set(SYMBOL)
    assert_every_claim_marked(page, report)
    toll = next(m for m in page.marks.values() if m["claim"] == "44 people")
    assert "Port Aldmere ferry disaster" in toll["tip"] and "41 people" in toll["tip"] and "Test Desk" in toll["tip"]
    assert '<a href="https://example.org/ferry-2" rel="noopener noreferrer">' in page_html
    assert side_links(page) == urgent_first(report), "the panel links to every claim, conflicts first"


def side_links(page: Page) -> list[str]:
    return [a["href"] for t, a in page.tags if t == "a" and "claim-link" in a.get("class", "")]


def urgent_first(report: dict) -> list[str]:
    """The claims' anchors (#c-N, numbered in the draft's order) by verdict, in the draft's order within each."""
    claims = [c for f in report["files"] for c in f["claims"]]
    numbered = sorted(enumerate(claims, 1), key=lambda nc: (VERDICTS.index(nc[1]["verdict"]), nc[0]))
    return [f"#c-{n}" for n, _ in numbered]


def test_the_panel_has_a_filter_per_verdict_with_its_count(capsys, tmp_path, world, hostile):
    _, page_html, report = report_of(capsys, tmp_path, str(hostile), "--db", world)
    page = Page(page_html)
    boxes = [a for t, a in page.tags if t == "input"]
    assert [b["id"] for b in boxes] == [f"show-1-{v}" for v in VERDICTS]
    assert all(b["type"] == "checkbox" and "checked" in b and b["aria-controls"] == "findings-1" for b in boxes)
    summary = report["summary"]
    for verdict in VERDICTS:
        label = page_html.split(f'<label for="show-1-{verdict}"', 1)[1].split("</label>", 1)[0]
        assert label.endswith(f"{verdict} ({summary[verdict]})"), label
        # The checkbox, then the list: `:checked ~ ol` needs no script and no :has().
        assert f".show-{verdict}:not(:checked) ~ ol.findings > .v-{verdict}" in page_html
    aside = page_html.split("<aside", 1)[1]
    assert aside.index('id="show-1-consistent"') < aside.index('<ol class="findings" id="findings-1">')


def test_a_draft_without_claims_has_no_filter(capsys, tmp_path, world):
    path = tmp_path / "quiet.md"
    path.write_text("Nothing here is a figure.\n", encoding="utf-8")
    _, page_html, _ = report_of(capsys, tmp_path, str(path), "--db", world)
    assert "No claims found." in page_html and "<input" not in page_html


def test_the_page_names_its_generator(capsys, tmp_path, world, hostile):
    _, page_html, _ = report_of(capsys, tmp_path, str(hostile), "--db", world)
    generators = [a for t, a in Page(page_html).tags if t == "meta" and a.get("name") == "generator"]
    assert generators == [{"name": "generator", "content": f"claim-verifier {__version__}"}]


def test_the_panel_grows_with_the_page(capsys, tmp_path, world, hostile):
    """No internal scroll: a panel of its own height with overflow hid half the cards on a laptop screen."""
    _, page_html, _ = report_of(capsys, tmp_path, str(hostile), "--db", world)
    css = page_html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "overflow-y" not in css and "max-height" not in css and "sticky" not in css


def test_summary_as_of_and_legend_are_at_the_top(capsys, tmp_path, world, hostile):
    _, page_html, report = report_of(capsys, tmp_path, str(hostile), "--db", world)
    header = page_html.split("<header>", 1)[1].split("</header>", 1)[0]
    summary = report["summary"]
    for verdict, symbol in SYMBOL.items():
        assert f'<span class="badge v-{verdict}">{symbol} {summary[verdict]} {verdict}</span>' in header
        assert f'<span class="swatch v-{verdict}">' in header, "the legend shows each verdict's look"
    assert "<td>2025-01-10</td><td>front matter</td>" in header
    assert '<p class="store">Reference store: <strong>world.sqlite</strong>, ' in header, "its file's name, no path"


def test_the_draft_is_shown_as_text_exactly(capsys, tmp_path, world, hostile):
    _, page_html, _ = report_of(capsys, tmp_path, str(hostile), "--db", world)
    page = Page(page_html)
    assert page.drafts == [BODY], "markup of the draft is text, line breaks kept, nothing added or lost"
    assert page.fronts == ["Front matter (metadata: gives the date, not checked for claims)---\ndate: 2025-01-10\n---"]
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;&lt;img src=x onerror=" in page_html
    assert not [t for t, _ in page.tags if t in ("script", "img", "b", "iframe", "link", "object")]
    assert "white-space: pre-wrap" in page_html


def test_the_page_is_self_contained(capsys, tmp_path, world, hostile):
    _, page_html, _ = report_of(capsys, tmp_path, str(hostile), "--db", world)
    page = Page(page_html)
    lowered = page_html.lower()
    assert not any("src" in attrs for _, attrs in page.tags)
    assert "<script" not in lowered and "url(" not in lowered and "@import" not in lowered
    policy = next(a["content"] for t, a in page.tags
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "script-src" not in policy


def test_the_same_run_gives_the_same_bytes(capsys, tmp_path, world, hostile):
    first = report_of(capsys, tmp_path, str(hostile), "--db", world)[1]
    assert report_of(capsys, tmp_path, str(hostile), "--db", world)[1] == first


@pytest.mark.parametrize(("url", "href"), [
    ("https://example.org/a?b=1&c=\"2\"", '<a href="https://example.org/a?b=1&amp;c=&quot;2&quot;"'),
    ("HTTP://example.org/", '<a href="HTTP://example.org/"'),
    ("javascript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("//example.org/x", None),
    ("http://[bad", None),
], ids=["https-escaped", "http-upper", "javascript", "data", "scheme-relative", "malformed"])
def test_only_http_urls_become_links(url, href):
    shown = link(url, "a <title>")
    assert "a &lt;title&gt;" in shown
    if href:
        assert shown.startswith(href)
    else:
        assert "<a " not in shown and "<script" not in shown


def _finding(start: int, end: int, text: str, verdict: Verdict = Verdict.UNVERIFIED) -> Finding:
    claim = Claim("quantity", start, end, text[start:end], 1.0)
    judgement = Judgement(claim, verdict, "a reason")
    return Finding(judgement, RULES[rule_id(verdict, "quantity")], "warning", 1, start + 1, 1, end + 1, "f")


@pytest.mark.parametrize("spans", [
    [(0, 5), (6, 11)],
    [(0, 11), (6, 11)],
    [(0, 11), (0, 5)],
    [(0, 8), (4, 11)],
    [(3, 3), (0, 11)],
    [(2, 50)],
], ids=["apart", "nested-same-end", "nested-same-start", "overlapping", "empty-inside", "past-the-end"])
def test_overlapping_spans_stay_well_formed(spans):
    text = "alpha <beta>\n"
    numbered = [(n, _finding(min(s, len(text)), min(e, len(text)), text)) for n, (s, e) in enumerate(spans, 1)]
    markup = draft(text, numbered)
    page = Page(f'<div class="draft">{markup}</div>')
    assert not page.errors
    assert page.drafts == [text]
    assert set(page.marks) == {f"c-{n}" for n in range(1, len(spans) + 1)}


# Front matter: metadata shown apart, never as draft text.

@pytest.mark.parametrize(("text", "front", "body"), [
    ("---\ndate: 2025-01-10\n---\nBody.\n", "---\ndate: 2025-01-10\n---", "Body.\n"),
    ("---\ntitle: T\n---\n\nBody.\n", "---\ntitle: T\n---", "Body.\n"),
    ("---\r\ntitle: T\r\n---\r\n\r\nBody.\r\n", "---\r\ntitle: T\r\n---", "Body.\r\n"),
    ("Body.\n---\nnot: front\n---\n", None, "Body.\n---\nnot: front\n---\n"),
    (" ---\ntitle: T\n---\nBody.\n", None, " ---\ntitle: T\n---\nBody.\n"),
    ("---\ntitle: T\nBody with no closing line.\n", None, "---\ntitle: T\nBody with no closing line.\n"),
], ids=["date", "blank-line-after", "crlf", "rule-later-is-text", "not-at-top", "unclosed"])
def test_front_matter_is_shown_apart_and_collapsed(text, front, body):
    page = Page(draft_column(text, []))
    assert page.drafts == [body]
    if front is None:
        assert page.fronts == []
    else:
        assert page.fronts == [f"Front matter (metadata: gives the date, not checked for claims){front}"]
        assert "<details class=\"front-matter\">" in draft_column(text, []), "collapsed: no open attribute"


@pytest.mark.parametrize(("description", "location", "shown"), [
    ("Newsroom facts 2025", "/home/ed/.cache/claim-verifier/store-abc.sqlite", "Newsroom facts 2025"),
    ("", "/home/ed/.cache/claim-verifier/store-abc.sqlite", "store-abc.sqlite"),
    ("", "stores\\desk.sqlite", "desk.sqlite"),
    ("", "bundled:default-0123456789abcdef.sqlite", "bundled reference store"),
    ("", "sqlite:////srv/stores/desk.sqlite?mode=ro", "desk.sqlite"),
    ("", "postgresql://curator:***@db.example/claims", "postgresql://curator:***@db.example/claims"),
], ids=["description", "file-name-not-path", "windows-path", "bundled-without-description", "sqlite-url",
        "server-url-redacted"])
def test_the_store_is_named_by_its_description_else_its_file(description, location, shown):
    assert store_name(StoreInfo(location, 1, 10, "ab" * 32, description)) == shown


def test_a_described_store_is_named_so_with_its_fact_count(capsys, tmp_path, world, hostile):
    from claims_db.cli import main as claims_db

    assert claims_db(["init", "--db", world, "--description", "  Test desk\tfacts\n"]) == 0
    capsys.readouterr()
    try:
        _, page_html, report = report_of(capsys, tmp_path, str(hostile), "--db", world)
    finally:
        assert claims_db(["init", "--db", world, "--description", ""]) == 0
        capsys.readouterr()
    facts = report["store"]["facts"]
    assert f'Reference store: <strong>Test desk facts</strong>, {facts:,} facts (digest ' in page_html
    assert world not in page_html, "no path of this machine"


def test_the_bundled_store_carries_its_description(capsys, tmp_path, hostile):
    from claims_db.locate import DEFAULT_DESCRIPTION

    _, page_html, _ = report_of(capsys, tmp_path, str(hostile))
    assert f"Reference store: <strong>{DEFAULT_DESCRIPTION}</strong>, " in page_html
    assert ".sqlite" not in page_html and ".cache" not in page_html


# Headless Chromium: what a browser makes of the page.

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="needs headless Chromium: apt-get install chromium "
                                                              "(.ci/run installs it)")
CARDS = "[...document.querySelectorAll('ol.findings > li')]"
SHOWN = f"{CARDS}.filter(e => e.checkVisibility()).map(e => e.className)"


@pytest.fixture()
def browser():
    with Browser(width=1280, height=800) as opened:
        yield opened


def dom_of(browser: Browser, path: Path) -> Page:
    browser.open(path)
    return Page("<!DOCTYPE html>" + browser.evaluate("document.documentElement.outerHTML"))


@needs_chromium
def test_in_chromium_every_claim_is_highlighted_and_no_draft_script_ran(capsys, tmp_path, world, hostile, browser):
    _, page_html, report = report_of(capsys, tmp_path, str(hostile), "--db", world)
    page = dom_of(browser, tmp_path / "report.html")
    assert page.title == f"Claim review: {hostile}", "a script of the draft would have set the title to PWNED"
    assert not [t for t, _ in page.tags if t in ("script", "img", "b")], "the draft's markup became no element"
    assert page.drafts == [BODY]
    assert_every_claim_marked(page, report)


@needs_chromium
def test_in_chromium_conflicts_come_first_and_the_filter_hides_consistent_cards(capsys, tmp_path, world, browser):
    path = tmp_path / "calm-first.md"
    path.write_text(CALM_FIRST, encoding="utf-8")
    _, _, report = report_of(capsys, tmp_path, str(path), "--db", world)
    verdicts = [c["verdict"] for c in report["files"][0]["claims"]]
    assert verdicts == ["consistent", "unverified", "unverified", "conflicting"]
    browser.open(tmp_path / "report.html")
    every = [f"entry v-{verdict}" for verdict in sorted(verdicts, key=VERDICTS.index)]
    assert browser.evaluate(SHOWN) == every, "conflicting, then unverified, then consistent"
    assert every[0] == "entry v-conflicting"
    assert browser.evaluate(f"{CARDS}.map(e => e.querySelector('a').getAttribute('href'))") == urgent_first(report)

    browser.click("label[for='show-1-consistent']")
    assert browser.evaluate("document.getElementById('show-1-consistent').checked") is False
    assert browser.evaluate(SHOWN) == [c for c in every if c != "entry v-consistent"]
    assert browser.evaluate("[...document.querySelectorAll('mark.v-consistent')]"
                            ".every(m => getComputedStyle(m).backgroundColor === 'rgba(0, 0, 0, 0)')"), \
        "a hidden verdict's claims lose their highlight in the draft"
    browser.click("label[for='show-1-conflicting']")
    assert browser.evaluate(SHOWN) == [c for c in every if c == "entry v-unverified"]
    browser.click("label[for='show-1-consistent']")
    browser.click("label[for='show-1-conflicting']")
    assert browser.evaluate(SHOWN) == every, "ticking again shows them again"


@needs_chromium
def test_in_chromium_the_filter_works_from_the_keyboard(capsys, tmp_path, world, hostile, browser):
    report_of(capsys, tmp_path, str(hostile), "--db", world)
    browser.open(tmp_path / "report.html")
    for _ in range(40):  # Tab past the claims and the links to the first toggle
        browser.press("Tab", "Tab", 9)
        if browser.evaluate("document.activeElement.id") == "show-1-conflicting":
            break
    assert browser.evaluate("document.activeElement.id") == "show-1-conflicting"
    assert browser.evaluate("getComputedStyle(document.querySelector('label[for=show-1-conflicting]'))"
                            ".outlineStyle") == "solid", "the focused toggle shows its focus"
    browser.press(" ", "Space", 32)
    assert "entry v-conflicting" not in browser.evaluate(SHOWN)


@needs_chromium
@pytest.mark.parametrize("width", [1440, 1280, 900], ids=["wide", "laptop", "narrow"])
def test_in_chromium_every_card_is_reached_by_the_page_scroll(capsys, tmp_path, width):
    """No scroll inside the panel: every card lies within the page, however long the list."""
    lines = [f"The Aldmere ferry {n} carried {n + 10} people." for n in range(40)]
    path = tmp_path / "long.md"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    report_of(capsys, tmp_path, str(path), "--as-of", "2025-06-26")
    with Browser(width=width, height=700) as opened:
        opened.open(tmp_path / "report.html")
        panel = opened.evaluate("(() => { const a = document.querySelector('aside'); "
                                "return [a.scrollHeight, a.clientHeight, getComputedStyle(a).overflowY]; })()")
        assert panel[0] == panel[1] and panel[2] == "visible"
        last = opened.evaluate(f"{CARDS}.at(-1).getBoundingClientRect().bottom + window.scrollY")
        assert last <= opened.evaluate("document.documentElement.scrollHeight")
        columns = opened.evaluate("getComputedStyle(document.querySelector('.layout')).gridTemplateColumns")
        assert len(columns.split()) == (1 if width < 1000 else 2), columns


@needs_chromium
@pytest.mark.skipif(not SEED.exists(), reason=f"needs the shared seed cases at {SEED}")
def test_in_chromium_the_seed_report_reads(capsys, tmp_path, monkeypatch, browser):
    monkeypatch.chdir(ROOT)
    relative = os.path.relpath(SEED, ROOT)
    code, _, report = report_of(capsys, tmp_path, relative, "--as-of", "2025-06-26")
    assert code == 1
    page = dom_of(browser, tmp_path / "report.html")
    assert_every_claim_marked(page, report)
    assert page.drafts == [SEED.read_text(encoding="utf-8")]


@needs_chromium
def test_the_screenshot_script_writes_the_example_page(tmp_path):
    from benchmarks import html_screenshot

    shot = tmp_path / "shot.png"
    assert html_screenshot.main(["-o", str(shot)]) == 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_readme_shows_the_screenshot():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"]({SCREENSHOT.relative_to(ROOT).as_posix()})" in readme
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "run python -m benchmarks.html_screenshot"
