"""The HTML review page: every claim highlighted with its evidence, the draft shown as text, nothing fetched or run.

The tests without a browser read the page with the standard library's parser;
the browser tests load it in headless Chromium (Debian's `chromium`, which
`.ci/run` installs) and read the DOM after load, so they prove what a reader sees.
Set VERIFIER_UPDATE_SCREENSHOT=1 to rewrite docs/review-seed-mutated.png.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from verifier.cli import main
from verifier.records import Claim, Judgement, Verdict
from verifier.report.html import draft, link
from verifier.rules import RULES, rule_id
from verifier.run import Finding
from verifier_support import SHARED, build_world

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "docs" / "review-seed-mutated.png"
SEED = SHARED / "cases" / "seed-mutated.txt"
HOSTILE = """---
date: 2025-01-10
---
Port Aldmere, Jan 10 (Test Wire) The Aldmere ferry disaster killed 44 people, officials said.
<script>document.title='PWNED'</script><img src=x onerror="document.title='PWNED'"> & "quoted" <b>bold</b>

Valdorian Defence Minister Oren Talvik visited the port. Some 30 volunteers helped.
"""
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
    side = [a["href"] for t, a in page.tags if t == "a" and "claim-link" in a.get("class", "")]
    assert side == [f"#c-{n}" for n in range(1, len(page.marks) + 1)], "the side list links to every claim in order"


def test_summary_as_of_and_legend_are_at_the_top(capsys, tmp_path, world, hostile):
    _, page_html, report = report_of(capsys, tmp_path, str(hostile), "--db", world)
    header = page_html.split("<header>", 1)[1].split("</header>", 1)[0]
    summary = report["summary"]
    for verdict, symbol in SYMBOL.items():
        assert f'<span class="badge v-{verdict}">{symbol} {summary[verdict]} {verdict}</span>' in header
        assert f'<span class="swatch v-{verdict}">' in header, "the legend shows each verdict's look"
    assert "<td>2025-01-10</td><td>front matter</td>" in header


def test_the_draft_is_shown_as_text_exactly(capsys, tmp_path, world, hostile):
    _, page_html, _ = report_of(capsys, tmp_path, str(hostile), "--db", world)
    page = Page(page_html)
    assert page.drafts == [HOSTILE], "markup of the draft is text, line breaks kept, nothing added or lost"
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


# Headless Chromium: what a browser makes of the page.

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="needs headless Chromium: apt-get install chromium "
                                                              "(.ci/run installs it)")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def chromium(tmp_path: Path, page: Path, *args: str) -> str:
    profile = tmp_path / "chromium-profile"
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@needs_chromium
def test_in_chromium_every_claim_is_highlighted_and_no_draft_script_ran(capsys, tmp_path, world, hostile):
    _, page_html, report = report_of(capsys, tmp_path, str(hostile), "--db", world)
    dom = chromium(tmp_path, tmp_path / "report.html", "--dump-dom")
    page = Page(dom)
    assert page.title == f"Claim review: {hostile}", "a script of the draft would have set the title to PWNED"
    assert not [t for t, _ in page.tags if t in ("script", "img", "b")], "the draft's markup became no element"
    assert page.drafts == [HOSTILE]
    assert_every_claim_marked(page, report)


@needs_chromium
@pytest.mark.skipif(not SEED.exists(), reason=f"needs the shared seed cases at {SEED}")
def test_in_chromium_the_seed_report_reads_and_screenshots(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    relative = os.path.relpath(SEED, ROOT)
    code, _, report = report_of(capsys, tmp_path, relative, "--as-of", "2025-06-26")
    assert code == 1
    page = Page(chromium(tmp_path, tmp_path / "report.html", "--dump-dom"))
    assert_every_claim_marked(page, report)
    assert page.drafts == [SEED.read_text(encoding="utf-8")]
    shot = tmp_path / "review.png"
    chromium(tmp_path, tmp_path / "report.html", f"--screenshot={shot}", "--window-size=1280,1600")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("VERIFIER_UPDATE_SCREENSHOT"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
    assert SCREENSHOT.exists(), f"{SCREENSHOT.relative_to(ROOT)} is missing; run with VERIFIER_UPDATE_SCREENSHOT=1"
