"""The CLI's contract: JSON fields, text lines, exit codes and errors, determinism, read-only checks."""

import hashlib
import json

import pytest

from verifier.cli import main
from verifier_support import build_world

DRAFT = """---
date: 2025-01-10
---
Port Aldmere, Jan 10 (Test Wire) The Aldmere ferry disaster killed 44 people, officials said.
Valdorian Defence Minister Oren Talvik visited the port. Some 30 volunteers helped.
"""


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("world"))


@pytest.fixture()
def draft(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract(capsys, world, draft):
    code, out, _ = run(capsys, "check", str(draft), "--db", world, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert report["version"] == 1
    assert set(report["store"]) == {"location", "schema_version", "facts", "digest", "drafts_included"}
    assert report["store"]["facts"] > 0 and len(report["store"]["digest"]) == 64
    (file,) = report["files"]
    assert set(file) == {"file", "as_of", "as_of_source", "claims", "summary", "notices"}
    assert (file["as_of"], file["as_of_source"]) == ("2025-01-10", "front matter")
    keys = {"text", "start", "end", "line", "column", "end_line", "end_column", "kind", "value", "unit", "hedge",
            "verdict", "reason", "fact", "suggestion", "rule", "severity", "fingerprint", "decided_by", "trace",
            "detail"}
    text = draft.read_text(encoding="utf-8")
    for claim in file["claims"]:
        assert set(claim) == keys
        assert text[claim["start"]:claim["end"]] == claim["text"]
        line = text.splitlines()[claim["line"] - 1]
        assert line[claim["column"] - 1:].startswith(claim["text"].splitlines()[0])
    toll = next(c for c in file["claims"] if c["text"] == "44 people")
    assert toll["verdict"] == "conflicting" and toll["suggestion"] == "41 people"
    assert (toll["rule"], toll["severity"]) == ("conflicting-quantity", "error")
    assert (toll["line"], toll["column"]) == (4, 68)
    assert toll["decided_by"] == "judge.quantity.differs" and "judge.quantity.differs" in toll["trace"]
    assert "link.predicate.cue" in toll["trace"]
    assert set(toll["fact"]) == {"id", "subject", "predicate", "value", "unit", "date", "valid_from", "valid_to", "source"}
    assert toll["fact"]["value"] == 41 and toll["fact"]["source"]["url"] == "https://example.org/ferry-2"
    assert file["summary"] == report["summary"]
    assert sum(file["summary"].values()) == len(file["claims"])


def test_same_input_same_bytes(capsys, world, draft):
    first = run(capsys, "check", str(draft), "--db", world, "--format", "json")[1]
    second = run(capsys, "check", str(draft), "--db", world, "--format", "json")[1]
    assert first == second


def test_text_report_lines(capsys, world, draft):
    code, out, _ = run(capsys, "check", str(draft), "--db", world)
    assert code == 1
    line = next(l for l in out.splitlines() if '"44 people"' in l)
    assert line.startswith(f"{draft}:4:68  conflicting")
    assert "reference: Port Aldmere ferry disaster: death toll is 41 people (source: Test Desk, Test world: revised toll) [f" in line
    assert 'suggestion: "41 people"' in out
    assert "\033[" not in out, "no colour when not writing to a terminal"
    assert out.rstrip().splitlines()[-1].startswith("1 file(s), ")


@pytest.mark.parametrize("fail_on, expected", [("conflicting", 1), ("unverified", 1), ("never", 0)])
def test_fail_on(capsys, world, draft, fail_on, expected):
    assert run(capsys, "check", str(draft), "--db", world, "--fail-on", fail_on)[0] == expected


def test_clean_draft_exits_zero_unless_unverified_fails(capsys, world, tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("The Aldmere ferry disaster killed 41 people. Some 30 volunteers helped.", encoding="utf-8")
    assert run(capsys, "check", str(path), "--db", world, "--as-of", "2025-01-10")[0] == 0
    assert run(capsys, "check", str(path), "--db", world, "--as-of", "2025-01-10", "--fail-on", "unverified")[0] == 1


@pytest.mark.parametrize("setup, needle", [
    ("missing", "no such file"),
    ("binary", "not UTF-8"),
    ("bad-store", "cannot open store"),
    ("bad-date", "not a date"),
])
def test_input_errors_exit_2_with_one_line(capsys, world, tmp_path, setup, needle):
    path = tmp_path / "draft.txt"
    path.write_text("Some 30 volunteers helped.", encoding="utf-8")
    args = ["check", str(path), "--db", world]
    if setup == "missing":
        args[1] = str(tmp_path / "absent.txt")
    elif setup == "binary":
        path.write_bytes(b"caf\xe9 \xff\xfe")
    elif setup == "bad-store":
        args[3] = str(tmp_path / "nowhere" / "store.sqlite")
    else:
        args += ["--as-of", "26/06/2025"]
    code, out, err = run(capsys, *args)
    assert code == 2
    assert needle in err and len(err.strip().splitlines()) == 1
    if setup in ("missing", "binary"):  # a draft's own error: the report still comes, and names it
        assert "(not checked)" in out and needle in out
    else:
        assert out == ""


def test_a_check_never_writes_to_the_store(capsys, world, draft):
    before = hashlib.sha256(open(world, "rb").read()).hexdigest()
    run(capsys, "check", str(draft), "--db", world, "--format", "json")
    assert hashlib.sha256(open(world, "rb").read()).hexdigest() == before


def test_output_file_keeps_the_exit_code(capsys, world, draft, tmp_path):
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, "check", str(draft), "--db", world, "--format", "json", "-o", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 1


def test_every_command_has_help():
    from verifier.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, command in sub.choices.items():
        assert command.description, name


def test_explain_prints_the_rules_behind_each_verdict(capsys, world, draft):
    code, out, _ = run(capsys, "check", str(draft), "--db", world, "--explain")
    assert "    decided by judge.quantity.differs" in out
    assert "      link.predicate.cue: A cue phrase" in out
    plain = run(capsys, "check", str(draft), "--db", world)[1]
    assert "decided by" not in plain
