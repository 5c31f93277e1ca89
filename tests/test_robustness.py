"""A check that CI can run on anything: one bad draft never stops the others, hostile shapes stay cheap,
and the report does not depend on the file's modification time."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from benchmarks.adversarial import INPUTS, build
from verifier.cli import main
from verifier.document import MAX_SENTENCE
from verifier_support import build_world


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("world"))


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def mixed(tmp_path):
    """A folder with one good draft, one that is not UTF-8; a FIFO and a missing file are named as well."""
    (tmp_path / "good.md").write_text("The Aldmere ferry disaster killed 41 people.\n", encoding="utf-8")
    (tmp_path / "latin.md").write_bytes("Caf\xe9 owners counted 12 boats.\n".encode("latin-1"))
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    return tmp_path, [str(tmp_path), str(fifo), str(tmp_path / "gone.md")]


BAD = ("latin.md:1: not UTF-8", "pipe.md: not a regular file", "gone.md: no such file")


def test_bad_drafts_are_reported_in_json_and_the_rest_checked(capsys, world, mixed):
    folder, paths = mixed
    code, out, err = run(capsys, "check", *paths, "--db", world, "--format", "json", "--as-of", "2025-01-10")
    assert code == 2
    report = json.loads(out)
    assert [f["file"] for f in report["files"]] == [str(folder / "good.md")]
    assert report["files"][0]["claims"], "the good draft was checked"
    messages = [e["message"] for e in report["errors"]]
    assert all(any(bad in m for m in messages) for bad in BAD)
    assert len(err.strip().splitlines()) == 3 and all(line.startswith("verifier: error: ") for line in err.splitlines())


def test_bad_drafts_in_sarif_junit_and_github(capsys, world, mixed):
    _, paths = mixed
    code, out, _ = run(capsys, "check", *paths, "--db", world, "--format", "sarif")
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert code == 2 and invocation["executionSuccessful"] is False
    assert sum(n["level"] == "error" for n in invocation["toolExecutionNotifications"]) == 3
    code, out, _ = run(capsys, "check", *paths, "--db", world, "--format", "junit")
    assert code == 2 and out.count("<error ") == 3
    code, out, _ = run(capsys, "check", *paths, "--db", world, "--format", "github")
    assert code == 2 and sum(line.startswith("::error ") and "title=claim-verifier" in line
                             for line in out.splitlines()) == 3


def test_a_fifo_named_alone_is_refused_at_once(tmp_path, world):
    fifo = tmp_path / "draft.md"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "verifier.cli", "check", str(fifo), "--db", world],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "not a regular file" in done.stderr


def test_a_draft_over_the_size_limit_is_an_error_for_that_file(capsys, world, tmp_path):
    (tmp_path / ".verifier.toml").write_text("max_file_size = 100\n", encoding="utf-8")
    (tmp_path / "long.md").write_text("Some 30 volunteers helped. " * 10, encoding="utf-8")
    (tmp_path / "short.md").write_text("Some 30 volunteers helped.", encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path), "--db", world, "--config", str(tmp_path / ".verifier.toml"),
                         "--format", "json")
    assert code == 2 and "over the limit of 100" in err
    assert [f["file"] for f in json.loads(out)["files"]] == [str(tmp_path / "short.md")]


def test_nothing_to_check_says_so(capsys, world, tmp_path):
    code, out, err = run(capsys, "check", str(tmp_path), "--db", world)
    assert code == 0 and "nothing to check" in err


def test_the_file_date_never_changes_the_report(capsys, world, tmp_path):
    path = tmp_path / "story.md"
    path.write_text("PORT ALDMERE, March 2 (Wire) — The ferry disaster killed 41 people on Monday.\n", encoding="utf-8")
    outputs = []
    for stamp in (0, 1_500_000_000, 1_900_000_000):
        os.utime(path, (stamp, stamp))
        outputs.append(run(capsys, "check", str(path), "--db", world, "--format", "json")[1])
    assert outputs[0] == outputs[1] == outputs[2]


def test_an_overlong_sentence_is_checked_in_parts_with_a_notice(capsys, world, tmp_path):
    path = tmp_path / "list.md"
    path.write_text("the Aldmere ferry disaster killed 41 people and " * (3 * MAX_SENTENCE // 48), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--db", world, "--format", "json", "--as-of", "2025-01-10")
    notices = json.loads(out)["files"][0]["notices"]
    assert any("checked apart" in n["message"] for n in notices)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_adversarial_shapes_check_with_spans_inside_the_text(capsys, world, tmp_path, name):
    """The benchmark's hostile inputs at a small size (benchmarks/adversarial.py measures their growth)."""
    path = tmp_path / name
    text = build(INPUTS[name], 4096)
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--db", world, "--format", "json", "--as-of", "2025-06-30")
    assert code in (0, 1)
    for claim in json.loads(out)["files"][0]["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]


def test_text_lines_never_start_a_workflow_command(capsys, world, tmp_path):
    path = tmp_path / "x\n::error title=pwned::boom.md"
    path.write_text("The Aldmere ferry disaster killed 44 people.", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(path), "--db", world, "--as-of", "2025-01-10")
    assert not any(line.startswith("::") for line in out.splitlines())
    assert "\\n::error" in out


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html", "junit", "github"])
def test_bidi_controls_are_shown_not_obeyed(capsys, world, tmp_path, fmt):
    path = tmp_path / "tro\u202ejan\u202c.md"
    path.write_text("The Aldmere ferry disaster killed 44 people.", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(path), "--db", world, "--as-of", "2025-01-10", "--format", fmt)
    assert "\u202e" not in out and "\u202c" not in out
    if fmt != "sarif":  # SARIF gives the path as a URI, percent-encoded
        assert ("\\u202e" if fmt == "json" else "[U+202E]") in out


def test_nothing_is_written_when_the_report_cannot_be(capsys, world, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("The Aldmere ferry disaster killed 44 people. Some 30 volunteers helped.", encoding="utf-8")
    todo, baseline = tmp_path / "todo.jsonl", tmp_path / "base.json"
    code, _, err = run(capsys, "check", str(draft), "--db", world, "-o", str(tmp_path / "nodir" / "r.txt"),
                       "--todo", str(todo), "--write-baseline", str(baseline), "--suggest")
    assert code == 2 and "cannot write the report" in err
    assert not todo.exists() and not baseline.exists() and not (tmp_path / "d.suggested.md").exists()


@pytest.mark.parametrize("flag", ["-o", "--todo", "--write-baseline"])
def test_no_file_is_written_through_a_symlink(capsys, world, tmp_path, flag):
    draft = tmp_path / "d.md"
    draft.write_text("The Aldmere ferry disaster killed 44 people. Some 30 volunteers helped.", encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(victim)
    code, _, err = run(capsys, "check", str(draft), "--db", world, flag, str(link))
    assert code == 2 and "symbolic link" in err
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_lone_carriage_returns_count_as_line_breaks(capsys, world, tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(b"First line here.\rThe Aldmere ferry disaster killed 44 people.\r")
    _, out, _ = run(capsys, "check", str(path), "--db", world, "--format", "json", "--as-of", "2025-01-10")
    claim = json.loads(out)["files"][0]["claims"][0]
    assert (claim["line"], claim["column"]) == (2, 35)


def test_a_byte_order_mark_is_reported_and_kept_by_suggest(capsys, world, tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeffThe Aldmere ferry disaster killed 44 people.\n".encode("utf-8"))
    _, out, _ = run(capsys, "check", str(path), "--db", world, "--format", "json", "--as-of", "2025-01-10",
                    "--suggest")
    report = json.loads(out)["files"][0]
    assert any("byte-order mark" in n["message"] for n in report["notices"])
    assert report["claims"][0]["column"] == 35
    corrected = (tmp_path / "bom.suggested.md").read_bytes()
    assert corrected.startswith(b"\xef\xbb\xbf") and b"41 people" in corrected
