"""`verifier review`, driven as an editor drives it: through a pseudo-terminal, one key per claim."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

from verifier.cli import main  # noqa: E402

# Written for these tests on facts the bundled store holds: three conflicts (a role whose suggestion is longer than
# the claim, a toll later on the same line, a founding year), then two unverified claims.
DRAFT = """---
date: 2025-06-30
---

Pakistan's Prime Minister Imran Khan condemned the Pahalgam attack of April 22, which killed 28 people.

Trade between India and Russia reached $65 billion in 2024-25, and the Shanghai Cooperation Organisation, founded in 2002, has 12 member states.

Some 300 delegates attended the closing session in Qingdao.
"""
PROMPT = r"quit \? "


def spawn(tmp_path: Path, *args: str, colour: bool = False):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TERM": "xterm", "COLUMNS": "120", "LINES": "40"}
    env.pop("NO_COLOR", None)
    if not colour:
        env["NO_COLOR"] = "1"
    return pexpect.spawn(sys.executable, ["-m", "verifier.cli", "review", *args], cwd=str(tmp_path), env=env,
                         encoding="utf-8", timeout=30, dimensions=(40, 120))


def drive(child, *keys: str) -> str:
    """Answer each prompt with a key (or, after "s", a reason line); return everything shown."""
    seen = []
    for key in keys:
        child.expect(PROMPT if not key.startswith("reason:") else "reason")
        seen.append(child.before + child.after)
        if key.startswith("reason:"):
            child.sendline(key.removeprefix("reason:"))
        else:
            child.send(key)
    child.expect(pexpect.EOF)
    seen.append(child.before)
    child.close()
    return "".join(seen)


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "talks.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def check(capsys, path: Path, *args: str) -> tuple[int, list[dict]]:
    code = main(["check", str(path), "--format", "json", *args])
    out = capsys.readouterr().out
    return code, [c for f in json.loads(out)["files"] for c in f["claims"]]


def test_accept_edits_in_place_keeps_a_backup_and_moves_later_claims(tmp_path, draft, capsys):
    child = spawn(tmp_path, draft.name)
    shown = drive(child, "a", "a", "q")
    assert child.exitstatus == 0, shown
    text = draft.read_text(encoding="utf-8")
    # The toll after the longer name was found where it now is, and the rest of the file is as it was.
    assert text == DRAFT.replace("Imran Khan", "Shehbaz Sharif").replace("28 people", "26 people")
    assert (tmp_path / "talks.md.orig").read_text(encoding="utf-8") == DRAFT
    assert "talks.md:5:98" in shown, "the second claim's column counts the first edit"
    assert "2 accepted" in shown and "talks.md.orig" in shown
    _, found = check(capsys, draft)
    verdicts = {c["text"]: c["verdict"] for c in found}
    assert verdicts["Pakistan's Prime Minister Shehbaz Sharif"] == verdicts["26 people"] == "consistent"


def test_suppress_writes_the_comment_check_then_honours(tmp_path, draft, capsys):
    child = spawn(tmp_path, draft.name)
    shown = drive(child, "s", "reason:desk confirmed the old title -- see note", "a", "q")
    assert child.exitstatus == 0, shown
    text = draft.read_text(encoding="utf-8")
    comment = "<!-- verifier: disable-next-line conflicting-role -- desk confirmed the old title - see note -->"
    assert text == DRAFT.replace("\nPakistan's", f"\n{comment}\nPakistan's").replace("28 people", "26 people")
    code, found = check(capsys, draft)
    assert "Pakistan's Prime Minister Imran Khan" not in [c["text"] for c in found]
    main(["check", str(draft)])
    assert "unused suppression" not in capsys.readouterr().out


def test_todo_writes_the_record_check_todo_writes(tmp_path, draft, capsys, monkeypatch):
    child = spawn(tmp_path, draft.name, "--todo", "curators.jsonl")
    shown = drive(child, "n", "n", "n", "u", "t", "q")
    assert child.exitstatus == 0, shown
    [row] = [json.loads(line) for line in (tmp_path / "curators.jsonl").read_text(encoding="utf-8").splitlines()]
    assert row["subject"] == "Shanghai Cooperation Organisation" and row["value"] == 12
    monkeypatch.chdir(tmp_path)
    main(["check", draft.name, "--todo", "all.jsonl"])
    capsys.readouterr()
    assert row in [json.loads(line) for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    assert draft.read_text(encoding="utf-8") == DRAFT and not (tmp_path / "talks.md.orig").exists()


def test_the_default_todo_file_is_todo_jsonl_and_a_record_is_added_once(tmp_path, draft):
    for _ in range(2):
        child = spawn(tmp_path, draft.name)
        shown = drive(child, "n", "n", "n", "u", "t", "q")
    assert "already in todo.jsonl" in shown
    assert len((tmp_path / "todo.jsonl").read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.parametrize("keys, summary", [
    (("n", " ", "n", "q"), "3 skipped"),
    (("q",), "nothing done"),
    (("n", "n", "n", "u", "n", "n"), "5 skipped"),
    (("s", "reason:", "q"), "nothing done"),
    (("n", "n", "n", "q"), "3 skipped"),
], ids=["skip-with-n-and-space", "quit-at-once", "skip-all-then-unverified", "suppress-without-reason-cancels",
        "quit-before-the-unverified"])
def test_skip_and_quit_write_nothing(tmp_path, draft, keys, summary):
    child = spawn(tmp_path, draft.name)
    shown = drive(child, *keys)
    assert child.exitstatus == 0 and summary in shown
    assert draft.read_text(encoding="utf-8") == DRAFT and not (tmp_path / "talks.md.orig").exists()


def test_quit_keeps_what_was_accepted(tmp_path, draft):
    child = spawn(tmp_path, draft.name)
    drive(child, "n", "a", "q")
    assert draft.read_text(encoding="utf-8") == DRAFT.replace("28 people", "26 people")


def test_a_key_it_does_not_offer_does_nothing(tmp_path, draft):
    child = spawn(tmp_path, draft.name)
    child.expect(PROMPT)
    child.send("x")
    child.expect("keys: a, s, t, n, q")
    child.send("q")
    child.expect(pexpect.EOF)
    assert draft.read_text(encoding="utf-8") == DRAFT


def test_refuses_to_write_when_the_draft_changed_on_disk(tmp_path, draft):
    child = spawn(tmp_path, draft.name)
    child.expect(PROMPT)
    edited = DRAFT.replace("Some 300", "Some 400")
    draft.write_text(edited, encoding="utf-8")  # the editor's other window saves while the prompt waits
    child.send("a")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "talks.md: changed on disk since the review read it; nothing written" in child.before
    assert draft.read_text(encoding="utf-8") == edited and not (tmp_path / "talks.md.orig").exists()


def test_refuses_without_a_terminal(tmp_path, draft):
    done = subprocess.run([sys.executable, "-m", "verifier.cli", "review", draft.name], cwd=tmp_path,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "talks.md: review reads one key per claim from a terminal" in done.stderr
    assert draft.read_text(encoding="utf-8") == DRAFT


def test_an_escape_in_the_draft_is_shown_escaped(tmp_path):
    path = tmp_path / "esc.md"
    path.write_text(DRAFT.replace("condemned", "\x1b]0;owned\x07\x1b[2Jcondemned"), encoding="utf-8")
    child = spawn(tmp_path, path.name)
    shown = drive(child, "q")
    assert "[U+001B]]0;owned[U+0007][U+001B][2Jcondemned" in shown
    assert "\x1b" not in shown and "\x07" not in shown, "nothing of the draft reaches the terminal raw"


def test_on_a_colour_terminal_the_claim_is_in_reverse_video(tmp_path):
    path = tmp_path / "esc.md"
    path.write_text(DRAFT.replace("condemned", "\x1b[2Jcondemned"), encoding="utf-8")
    child = spawn(tmp_path, path.name, colour=True)
    shown = drive(child, "q")
    assert "\x1b[7mPakistan's Prime Minister Imran Khan\x1b[27m [U+001B][2Jcondemned" in shown
    assert "^^^" not in shown


def test_a_draft_with_nothing_to_review_says_so(tmp_path):
    path = tmp_path / "fine.md"
    path.write_text("---\ndate: 2025-06-30\n---\n\nThe Pahalgam attack of April 22 killed 26 people.\n",
                    encoding="utf-8")
    child = spawn(tmp_path, path.name)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "0 conflicting, 0 unverified" in child.before


def test_a_byte_order_mark_is_kept_and_offsets_count_after_it(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + DRAFT.encode("utf-8"))
    child = spawn(tmp_path, path.name)
    drive(child, "a", "a", "q")
    expected = DRAFT.replace("Imran Khan", "Shehbaz Sharif").replace("28 people", "26 people")
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")
    assert (tmp_path / "bom.md.orig").read_bytes() == b"\xef\xbb\xbf" + DRAFT.encode("utf-8")


def test_as_of_is_taken_as_check_takes_it(tmp_path, draft):
    child = spawn(tmp_path, draft.name, "--as-of", "2021-01-05")
    shown = drive(child, "q")
    assert "talks.md: as of 2021-01-05 (option); 1 conflicting, 4 unverified claim(s)" in shown
    assert "[1/1] talks.md:7:115  conflicting" in shown, "in 2021 Imran Khan was in office: no card for him"


def test_the_draft_and_its_backup_keep_the_draft_s_permissions(tmp_path, draft):
    draft.chmod(0o600)
    child = spawn(tmp_path, draft.name)
    drive(child, "n", "a", "q")
    assert draft.stat().st_mode & 0o777 == 0o600 and (tmp_path / "talks.md.orig").stat().st_mode & 0o777 == 0o600
