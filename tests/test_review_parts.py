"""The parts `verifier review` is built of: where a suppression comment goes, what a reason may hold, what the
terminal is shown, and how offsets move with the edits already made."""

from __future__ import annotations

import pytest

from verifier.review import Session
from verifier.suppress import Suppressions, insertion, reason_text
from verifier.terminal import head, printable, tail, width

RULE = "conflicting-quantity"
C = f"<!-- verifier: disable-next-line {RULE} -- why -->"


@pytest.mark.parametrize("kind, before, after", [
    ("markdown", "The toll was 44.\n", f"{C}\nThe toll was 44.\n"),
    ("markdown", "Intro.\n\nThe toll was 44.\n", f"Intro.\n\n{C}\nThe toll was 44.\n"),
    ("markdown", "A long paragraph\nwhere the toll was 44.\n", f"A long paragraph {C}\nwhere the toll was 44.\n"),
    ("markdown", "---\ndate: 2025-01-10\n---\nThe toll was 44.\n",
     f"---\ndate: 2025-01-10\n---\n{C}\nThe toll was 44.\n"),
    ("markdown", "```\ncode\n```\nThe toll was 44.\n", f"```\ncode\n```\n{C}\nThe toll was 44.\n"),
    ("markdown", "Heading\n=======\nThe toll was 44.\n", f"Heading\n=======\n{C}\nThe toll was 44.\n"),
    ("markdown", "| a | b |\n|---|---|\n| toll | 44 |\n", f"| a | b |\n|---|---|\n{C}\n| toll | 44 |\n"),
    ("markdown", "A hard break\\\nthe toll was 44.\n", f"A hard break {C}\\\nthe toll was 44.\n"),
    ("markdown", "Two spaces  \nthe toll was 44.\n", f"Two spaces {C}  \nthe toll was 44.\n"),
    ("markdown", "- One item\n- The toll was 44.\n", f"- One item {C}\n- The toll was 44.\n"),
    ("markdown", "- An item\n\n  The toll was 44.\n", f"- An item\n\n  {C}\n  The toll was 44.\n"),
    ("markdown", "Intro.\r\n\r\nThe toll was 44.\r\n", f"Intro.\r\n\r\n{C}\r\nThe toll was 44.\r\n"),
    ("markdown", f"{C.replace(RULE, 'unverified-role')}\nThe toll was 44.\n",
     f"{C.replace(RULE, 'unverified-role')} {C}\nThe toll was 44.\n"),
    ("html", "<p>Intro</p>\n<p>The toll was 44.</p>\n", f"<p>Intro</p> {C}\n<p>The toll was 44.</p>\n"),
    ("text", "A long paragraph\nwhere the toll was 44.\n", f"A long paragraph\n{C}\nwhere the toll was 44.\n"),
], ids=["first-line", "after-blank-line", "paragraph-line-before", "after-front-matter", "after-code-fence",
        "after-setext-underline", "after-table-delimiter", "before-backslash-break", "before-two-space-break",
        "list-item-before", "list-paragraph-indented", "crlf", "beside-another-suppression", "html-line-before",
        "text-own-line"])
def test_the_comment_goes_where_it_changes_nothing_and_check_honours_it(kind, before, after):
    offset = before.index("44")
    at, inserted = insertion(before, offset, RULE, "why", kind)
    text = before[:at] + inserted + before[at:]
    assert text == after
    line = text[:text.index("44")].count("\n") + 1
    rules = Suppressions.parse("d", text).rules
    assert any(r.covers(RULE, line) for r in rules), "the claim's line is suppressed"
    assert not any(r.covers(RULE, line - 1) or r.covers(RULE, line + 1) for r in rules), "and only that line"


@pytest.mark.parametrize("typed, written", [
    ("desk note", "desk note"),
    ("toll -- disputed --> yes", "toll - disputed -> yes"),
    ("two\nlines\tand\x1b[31m colour", "two lines and [31m colour"),
    ("  \u202ereversed  ", "reversed"),
    ("x" * 400, "x" * 300),
], ids=["plain", "no-double-dash", "one-line-no-controls", "no-bidi-control", "bounded"])
def test_a_reason_is_one_line_a_comment_can_hold(typed, written):
    assert reason_text(typed) == written


@pytest.mark.parametrize("raw, shown", [
    ("plain text", "plain text"),
    ("\x1b[2J", "[U+001B][2J"),
    ("bell\x07", "bell[U+0007]"),
    ("a\u202eb", "a[U+202E]b"),
    ("zero\u200bwidth", "zero[U+200B]width"),
    ("line\u2028sep", "line[U+2028]sep"),
    ("tab\there", "tab here"),
    ("\x9b31m", "[U+009B]31m"),
], ids=["plain", "escape", "bell", "bidi", "zero-width", "line-separator", "tab", "c1-csi"])
def test_printable_shows_control_characters_as_code_points(raw, shown):
    assert printable(raw) == shown


@pytest.mark.parametrize("text, columns", [("abc", 3), ("中文", 4), ("é", 1), ("e\u0301", 1)],
                         ids=["ascii", "wide", "precomposed", "combining"])
def test_width_counts_terminal_columns(text, columns):
    assert width(text) == columns


def test_head_and_tail_cut_with_an_ellipsis():
    assert head("abcdef", 4) == "abc…" and tail("abcdef", 4) == "…def" and head("abc", 3) == "abc"


TEXT = "0123456789" * 3


@pytest.mark.parametrize("edits, span, now", [
    ([], (12, 15), (12, 15)),
    ([(2, 4, 3)], (12, 15), (15, 18)),
    ([(20, 22, 5)], (12, 15), (12, 15)),
    ([(12, 12, 10)], (12, 15), (22, 25)),
    ([(15, 15, 10)], (12, 15), (12, 15)),
    ([(13, 14, 1)], (12, 15), None),
    ([(2, 4, 3), (15, 18, -1)], (12, 15), None),
    ([(2, 4, 3), (0, 0, 7)], (12, 15), (22, 25)),
], ids=["no-edit", "longer-before", "after", "inserted-at-start", "inserted-at-end", "inside", "the-claim-itself",
        "two-edits-in-order"])
def test_a_span_moves_with_the_edits_made_before_it(edits, span, now):
    session = Session(file=None, kind="markdown", text=TEXT, digest="", edits=edits)
    assert session.span(*span) == now


def test_the_readme_documents_the_review_files_and_keys():
    from pathlib import Path

    from verifier.review import ACTIONS, BACKUP_SUFFIX, DEFAULT_TODO

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Reviewing a draft\n", 1)[1].split("\n### ", 1)[0]
    assert f"default `{DEFAULT_TODO}`" in section and f"`DRAFT{BACKUP_SUFFIX}`" in section
    assert all(f"| `{key}`" in section for key in ACTIONS)


@pytest.mark.parametrize("suffix", [".txt", ".md"], ids=["plain-text", "markdown"])
def test_a_suppression_above_the_dateline_is_a_directive_not_prose(tmp_path, capsys, suffix):
    """Its reason's figures are no claims, and the dateline after it still dates the draft."""
    import json

    from verifier.cli import main

    body = "New Delhi, June 30 (Wire) The Pahalgam attack of April 22, 2025 killed 28 people.\n"
    kind = {".txt": "text", ".md": "markdown"}[suffix]
    at, inserted = insertion(body, body.index("28"), RULE, "police say 30 died in 2024", kind)
    path = tmp_path / f"wire{suffix}"
    path.write_text(body[:at] + inserted + body[at:], encoding="utf-8")
    assert main(["check", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [file] = report["files"]
    assert file["as_of"] == "2025-06-30"
    assert [c["text"] for c in file["claims"]] == ["April 22, 2025"], "28 suppressed; 30 and 2024 are no claims"
