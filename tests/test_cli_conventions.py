"""The conventions editors and CI maintainers bring from ruff, Vale and markdownlint: colour, quiet output, stdin,
globs, statistics, completion, help on every option."""

from __future__ import annotations

import json

import pytest

from verifier.cli import main, wants_colour
from verifier_support import build_world

# Facts of the test world (tests/data/world.jsonl): the Aldmere ferry disaster killed 41 people.
DRAFT = ("---\ndate: 2025-01-10\n---\n"
         "The Aldmere ferry disaster killed 44 people, officials said.\n"
         "Valdorian Defence Minister Oren Talvik visited the port on Friday.\n")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("world"))


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "ferry.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# -- colour -------------------------------------------------------------------
@pytest.mark.parametrize("choice, environ, terminal, expected", [
    ("auto", {}, True, True),
    ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False),
    ("auto", {"NO_COLOR": ""}, True, True),          # no-color.org: an empty value does not count
    ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("auto", {"FORCE_COLOR": "0"}, True, True),      # FORCE_COLOR=0 forces nothing: the terminal decides
    ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
    ("always", {"NO_COLOR": "1"}, False, True),
    ("never", {"FORCE_COLOR": "1"}, True, False),
], ids=["terminal", "pipe", "no-color", "no-color-empty", "force-color", "force-color-zero", "no-color-wins",
        "always", "never"])
def test_colour_choice(choice, environ, terminal, expected):
    assert wants_colour(choice, environ, writes_terminal=terminal) is expected


@pytest.mark.parametrize("flags, env, coloured", [
    (("--color", "always"), {}, True), ((), {"FORCE_COLOR": "1"}, True), ((), {}, False),
    (("--colour", "always", "--format", "json"), {}, False)],
    ids=["flag", "force-color-env", "pipe-plain", "json-never-coloured"])
def test_colour_through_the_cli(flags, env, coloured, world, draft, capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    _, out, _ = run(capsys, "check", draft, "--db", world, *flags)
    assert ("\033[" in out) is coloured


# -- quiet ----------------------------------------------------------------------
def test_quiet_text_shows_findings_and_still_counts_consistent_claims(world, draft, capsys):
    code, loud, _ = run(capsys, "check", draft, "--db", world)
    assert code == 1 and "consistent  " in loud
    code, quiet, _ = run(capsys, "check", draft, "--db", world, "-q")
    assert code == 1 and "consistent  " not in quiet and "conflicting" in quiet
    assert loud.splitlines()[-1] == quiet.splitlines()[-1], "the summary counts every claim"


def test_quiet_json_keeps_the_summary(world, draft, capsys):
    _, out, _ = run(capsys, "check", draft, "--db", world, "--format", "json", "--quiet")
    report = json.loads(out)
    assert {c["verdict"] for f in report["files"] for c in f["claims"]} <= {"conflicting", "unverified"}
    assert report["summary"]["consistent"] >= 1 and report["files"][0]["summary"] == report["summary"]


def test_show_consistent_can_be_set_in_the_configuration(world, draft, tmp_path, capsys):
    config = tmp_path / ".verifier.toml"
    config.write_text("format = 'sarif'\nshow_consistent = true\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", draft, "--db", world, "--config", config)
    assert '"ruleId": "consistent-role"' in out


# -- progress -----------------------------------------------------------------
@pytest.mark.parametrize("flags, shown", [
    (("--format", "sarif"), True), (("--format", "json", "-o", "report.json"), True), (("-q",), False)],
    ids=["machine-format", "with-output-file", "quiet"])
def test_a_terminal_gets_a_progress_line_whatever_the_format(flags, shown, world, tmp_path, capsys, monkeypatch):
    for n in range(20):
        (tmp_path / f"draft{n:02}.md").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    _, out, err = run(capsys, "check", tmp_path, "--db", world, "--jobs", "1", *flags)
    assert ("\rchecked 20/20 drafts\n" in err) is shown
    assert "checked 20/20" not in out, "the report itself never carries it"
