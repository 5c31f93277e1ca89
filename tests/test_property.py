"""Property test over the whole check: on any text, no crash, every claim's span inside the text with its slice
equal to the claim's words (markup inside the span blanked), and the same report on a rerun (examples capped so
CI stays fast)."""

from __future__ import annotations

import datetime as dt

import pytest
from claims_db.query import Reader
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from verifier.check import Checker, Options
from verifier.inputs import _html, _markdown
from verifier.report import render
from verifier.run import FileResult, RunResult, findings_of
from verifier_support import build_world

# Pieces the extractors and markup readers react to, so random drafts reach their edges.
PIECES = ["26", "1,250", "twenty-six", "third", "$4.5bn", "12%", "4.5%-4.75%", "June 25", "2024", "a fortnight",
          "15 days after", "Aldmere ferry disaster", "Valdoria", "killed", "people", "Defence Minister Oren Talvik",
          ". ", "\n", "\r", "](", "<!-- ", "-->", "<a ", ">", "`", "<script>", "\u202e", "\ufeff", "(", ")", "-", " "]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    reader = Reader(build_world(tmp_path_factory.mktemp("world")))
    yield Checker(reader, Options(as_of=dt.date(2025, 1, 10)))
    reader.close()


def _report(checker: Checker, name: str, text: str) -> str:
    draft = _markdown(name, text) if name.endswith(".md") else _html(name, text)
    report = checker.check_text(name, draft.text, None, draft.declared, draft.original)
    for judgement in report.judgements:
        claim = judgement.claim
        assert 0 <= claim.start <= claim.end <= len(text) and draft.text[claim.start:claim.end] == claim.text
        # The claim's words are the draft's own; only markup inside its span (`<b>26</b> people`) reads as blanks.
        written = text[claim.start:claim.end]
        assert all(a == b or (a.isspace() and b != a) for a, b in zip(claim.text, written)), (claim.text, written)
    findings = tuple(findings_of(report, draft.original, lambda rule, path: "warning"))
    return render("json", RunResult((FileResult(report, draft.original, findings),), checker.reader.info))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, html=st.booleans())
@example(text="third<script>twenty-six", html=False)  # raw HTML inside a Markdown claim's span
@example(text="<p>The blast killed <b>26</b> people.</p>", html=True)
def test_any_text_checks_with_spans_inside_and_the_same_report_twice(checker, text, html):
    name = "draft.html" if html else "draft.md"
    assert _report(checker, name, text) == _report(checker, name, text)
