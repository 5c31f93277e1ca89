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


# -- standard input ---------------------------------------------------------------
def check_stdin(world, data: bytes, *flags, cwd=None):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "verifier.cli", "check", "-", "--db", world, "--format", "json",
                           *flags], input=data, capture_output=True, cwd=cwd)


def test_a_draft_on_standard_input_is_checked_as_plain_text_named_dash(world):
    done = check_stdin(world, DRAFT.encode())
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["files"][0]["file"] == "-"
    assert any(c["verdict"] == "conflicting" and c["text"] == "44 people" for c in report["files"][0]["claims"])


def test_stdin_filename_names_the_draft_and_picks_its_format(world):
    markdown = b"The Aldmere ferry disaster killed `44 people`, officials said.\n"  # a code span: not prose
    as_text = json.loads(check_stdin(world, markdown).stdout)["files"][0]
    as_markdown = json.loads(check_stdin(world, markdown, "--stdin-filename", "desk/ferry.md").stdout)["files"][0]
    assert any(c["text"] == "44 people" for c in as_text["claims"])
    assert as_markdown["file"] == "desk/ferry.md" and not as_markdown["claims"]


@pytest.mark.parametrize("data, flags, message", [
    (b"killed \xff people\n", (), "-:1: not UTF-8 text"),
    (b"x" * 200, ("--stdin-filename", "big.md", "--config", "{config}"), "big.md: over the limit of 100 bytes"),
    (DRAFT.encode(), ("--diff", "HEAD"), "--diff cannot read standard input"),
], ids=["not-utf8", "over-the-limit", "diff"])
def test_bad_standard_input_is_one_line_and_exit_2(data, flags, message, world, tmp_path):
    config = tmp_path / ".verifier.toml"
    config.write_text("max_file_size = 100\n", encoding="utf-8")
    done = check_stdin(world, data, *(f.format(config=config) for f in flags))
    assert done.returncode == 2
    assert message in done.stderr.decode() and len(done.stderr.decode().strip().splitlines()) == 1


# -- glob patterns ------------------------------------------------------------------
@pytest.fixture
def desk(tmp_path):
    for name in ("politics/a.md", "politics/deep/b.md", "sport/c.txt", "sport/notes.json", "node_modules/x/d.md",
                 "politics/a.suggested.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(DRAFT, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("patterns, expected", [
    (["**/*.md"], ["politics/a.md", "politics/deep/b.md"]),
    (["politics/*.md", "sport/*"], ["politics/a.md", "sport/c.txt"]),
    (["sp?rt"], ["sport/c.txt"]),
    (["politics/**", "politics/a.md"], ["politics/a.md", "politics/deep/b.md"]),
], ids=["recursive", "two-patterns", "pattern-naming-a-directory", "no-file-twice"])
def test_quoted_glob_patterns_are_expanded(patterns, expected, world, desk, capsys, monkeypatch):
    monkeypatch.chdir(desk)
    _, out, err = run(capsys, "check", *patterns, "--db", world, "--format", "json")
    assert [f["file"] for f in json.loads(out)["files"]] == expected, err


def test_a_pattern_matching_no_draft_is_an_error_and_the_rest_is_checked(world, desk, capsys, monkeypatch):
    monkeypatch.chdir(desk)
    code, out, err = run(capsys, "check", "opinion/*.md", "politics/a.md", "--db", world, "--format", "json")
    assert code == 2 and "opinion/*.md: no draft matches this pattern" in err
    assert [f["file"] for f in json.loads(out)["files"]] == ["politics/a.md"]


# -- the text report: context and wording -------------------------------------------
def text_report(world, tmp_path, capsys, body: str, *flags) -> list[str]:
    path = tmp_path / "draft.md"
    path.write_text("---\ndate: 2025-01-10\n---\n" + body, encoding="utf-8")
    run(capsys, "check", path, "--db", world, "--color", "never", *flags)
    return capsys.readouterr().out.splitlines() or run(capsys, "check", path, "--db", world, *flags)[1].splitlines()


def carets_under(lines: list[str], claim: str) -> str:
    """The text above the carets under a finding's header line."""
    header = next(i for i, line in enumerate(lines) if f'"{claim}"' in line)
    shown, marks = lines[header + 1], lines[header + 2]
    assert shown.startswith("    | ") and marks.startswith("    | ")
    start = marks.index("^")
    return shown[start:start + marks.count("^")]


@pytest.mark.parametrize("body, claim", [
    ("The Aldmere ferry disaster killed 44 people, officials said.\n", "44 people"),
    ("Officials said on Monday that the Aldmere ferry disaster had killed 44 people.\n", "44 people"),
    ("In a statement read out to reporters gathered outside the harbour master's office late in the evening, the "
     "regional governor said the Aldmere ferry disaster killed 44 people, a toll that has not changed since the "
     "morning and that officials expect to hold.\n", "44 people"),
    ("Der\tAldmere ferry disaster\tkilled 44 people.\n", "44 people"),
], ids=["short-line", "claim-at-the-end", "long-line-windowed", "tabs-keep-the-columns"])
def test_a_finding_shows_its_line_with_carets_under_the_claim(body, claim, world, tmp_path, capsys):
    lines = text_report(world, tmp_path, capsys, body)
    assert carets_under(lines, claim) == claim
    header = next(i for i, line in enumerate(lines) if f'"{claim}"' in line)
    assert len(lines[header + 1]) <= 110, "a long line is cut to a window around the claim"


def test_consistent_claims_stay_one_line_without_context(world, tmp_path, capsys):
    lines = text_report(world, tmp_path, capsys, "Valdorian Defence Minister Oren Talvik visited the port.\n")
    header = next(i for i, line in enumerate(lines) if "consistent" in line and "Oren Talvik" in line)
    assert not lines[header + 1].startswith("    |")


def test_control_characters_of_the_draft_never_reach_the_terminal_in_context(world, tmp_path, capsys):
    lines = text_report(world, tmp_path, capsys, "The Aldmere ferry\x1b[2J disaster killed 44 people.\n")
    assert carets_under(lines, "44 people") == "44 people"
    context_line = next(line for line in lines if line.startswith("    | The"))
    assert "\x1b" not in context_line


def test_an_unverified_claim_is_never_printed_as_a_reference(capsys):
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "sco-defence-talks.md"  # on the bundled store
    _, out, _ = run(capsys, "check", example, "--color", "never")
    unverified = [line for line in out.splitlines() if "  unverified  " in line]
    assert any("— related fact:" in line for line in unverified), "the example has an unverified claim with a fact"
    assert not any("— reference:" in line for line in unverified)
    assert all("— related fact:" not in line for line in out.splitlines() if "  unverified  " not in line)


# -- concise and statistics --------------------------------------------------------------
def test_concise_is_one_line_per_finding_then_the_summary(world, draft, capsys):
    code, out, _ = run(capsys, "check", draft, "--db", world, "--format", "concise")
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{draft}:4:35: conflicting-quantity \"44 people\": ")
    assert lines[0].endswith("]") and 'suggestion: "41 people"' in lines[0]
    assert all(not line.startswith(" ") for line in lines)
    assert "consistent-" not in out and lines[-1].startswith("1 file(s), ")
    _, shown, _ = run(capsys, "check", draft, "--db", world, "--format", "concise", "--show-consistent")
    assert "consistent-role" in shown


def test_statistics_counts_findings_per_rule_conflicts_first(world, draft, tmp_path, capsys):
    second = tmp_path / "second.md"
    second.write_text(DRAFT.replace("44", "45"), encoding="utf-8")
    code, out, _ = run(capsys, "check", draft, second, "--db", world, "--statistics", "--format", "sarif")
    rows = [line.split() for line in out.splitlines()[:-1]]
    assert code == 1, "the exit code still follows the findings"
    assert rows[0][:2] == ["2", "conflicting-quantity"]
    assert [r[1].split("-")[0] for r in rows] == sorted((r[1].split("-")[0] for r in rows),
                                                        key=("conflicting", "unverified", "consistent").index)
    assert out.splitlines()[-1].startswith("2 file(s), ")


# -- baseline messages ---------------------------------------------------------------
def test_writing_a_baseline_with_an_output_file_still_writes_the_report(world, draft, tmp_path, capsys):
    report, baseline = tmp_path / "report.json", tmp_path / "baseline.json"
    code, out, err = run(capsys, "check", draft, "--db", world, "--format", "json", "-o", report,
                         "--write-baseline", baseline)
    assert code == 0 and out == "" and "written to" in err
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["conflicting"] == 1
    code, _, err = run(capsys, "check", draft, "--db", world, "--baseline", baseline, "--fail-on", "unverified")
    assert code == 0 and "hidden by the baseline" in err


# -- files the tool wrote ----------------------------------------------------------------
@pytest.mark.parametrize("fmt, name", [("html", "report.html"), ("text", "report.txt"), ("html", "review.htm")],
                         ids=["html-report", "text-report-named-by-o", "htm-suffix"])
def test_a_folder_check_skips_the_reports_the_tool_wrote_there(fmt, name, world, tmp_path, capsys, monkeypatch):
    (tmp_path / "ferry.md").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "check", ".", "--db", world, "--format", fmt, "-o", name)[0] == 1
    assert run(capsys, "check", ".", "--db", world, "--format", fmt, "-o", name)[0] == 1  # the first report is there
    if fmt == "text":  # a report of this run's own -o is never read, whatever its format
        assert (tmp_path / name).read_text(encoding="utf-8").count(": as of ") == 1
    else:  # an HTML report names its generator, and no later check reads it
        _, out, _ = run(capsys, "check", ".", "--db", world, "--format", "json")
        assert [f["file"] for f in json.loads(out)["files"]] == ["ferry.md"]


def test_an_html_draft_that_only_mentions_the_tool_is_still_checked(world, tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text("<html><head><meta name=\"generator\" content=\"Hugo\"></head><body><p>We tried claim-verifier. "
                    "The Aldmere ferry disaster killed 44 people.</p></body></html>", encoding="utf-8")
    code, out, _ = run(capsys, "check", tmp_path, "--db", world, "--format", "json")
    assert code == 1 and json.loads(out)["files"][0]["file"].endswith("page.html")


# -- help and completion --------------------------------------------------------------
def _actions(parser, path=("verifier",)):
    """Every (command path, action) of a parser and its subcommands."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _actions(sub, (*path, name))
        else:
            yield path, action


def test_every_command_and_option_has_help():
    import argparse

    from verifier.cli import build_parser

    parser = build_parser()
    missing = [f"{' '.join(path)} {action.option_strings or action.dest}" for path, action in _actions(parser)
               if not action.help and not isinstance(action, argparse._HelpAction)]
    assert not missing, f"options without help: {missing}"
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert all(choice.help for choice in commands._choices_actions), "every command has a one-line help"


@pytest.mark.parametrize("words, expected", [
    ("verifier ch", "check"),
    ("verifier check --show-c", "--show-consistent"),
    ("verifier check --format con", "concise"),
    ("verifier check --color al", "always"),
], ids=["command", "option", "format-choice", "colour-choice"])
def test_bash_completion_completes_commands_options_and_choices(words, expected, capsys, tmp_path):
    import shutil
    import subprocess

    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    assert main(["completion", "bash"]) == 0
    script = tmp_path / "verifier.bash"
    script.write_text(capsys.readouterr().out, encoding="utf-8")
    parts = words.split()
    probe = (f'source "{script}"; COMP_WORDS=({words}); COMP_CWORD={len(parts) - 1}; COMP_LINE="{words}"; '
             'COMP_POINT=${#COMP_LINE}; _shtab_verifier; printf "%s\\n" "${COMPREPLY[@]}"')
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    assert expected in done.stdout.split(), done.stderr


@pytest.mark.parametrize("shell", ["zsh", "tcsh"])
def test_other_shells_get_a_script_naming_every_command(shell, capsys):
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert all(command in script for command in ("check", "rules", "config", "completion"))
