"""The README keeps telling the truth: its first two commands and the example report it shows."""

import os
from pathlib import Path

from verifier.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0].endswith("verifier check examples/sco-defence-talks.md")
    assert block[1].endswith(".venv/bin/pytest")
    assert (ROOT / "examples" / "sco-defence-talks.md").exists()


def test_readme_shows_the_real_report_of_the_example(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    code = main(["check", os.path.join("examples", "sco-defence-talks.md")])
    shown = README.split("the bundled store holds. Its report:\n\n```\n", 1)[1].split("```", 1)[0]
    assert code == 1
    assert capsys.readouterr().out == shown


def test_the_configuration_example_is_valid(tmp_path):
    from verifier.config import load

    block = README.split("### Configuration", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "pyproject.toml"
    path.write_text(block, encoding="utf-8")
    config = load(path)
    assert config.sources["fail_on"] == str(path) and config.kinds == ("quantity", "money", "date", "role")
    assert config.severity_of("conflicting-quantity", str(tmp_path / "opinion" / "x.md")) == "warning"


def test_the_pre_commit_hook_runs_the_installed_command():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: verifier check" in hooks
    assert 'verifier = "verifier.cli:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_readme_lists_the_rule_book_of_the_registry():
    from verifier.rulebook import markdown

    shown = README.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert shown == markdown()


def _agrees(shown, real, where="report") -> None:
    """The README's value is the real one, except where it writes "..." (a prefix ending in "..." keeps its start)."""
    if isinstance(shown, str) and shown.endswith("..."):
        assert isinstance(real, str) and real.startswith(shown[:-3]), where
    elif isinstance(shown, dict):
        assert list(shown) == list(real), f"{where}: fields"
        for key in shown:
            _agrees(shown[key], real[key], f"{where}.{key}")
    else:
        assert shown == real, where


def test_readme_json_example_is_a_real_run(capsys, monkeypatch):
    import json

    monkeypatch.chdir(ROOT)
    main(["check", "examples/sco-defence-talks.md", "--format", "json"])
    real = json.loads(capsys.readouterr().out)
    shown = json.loads(README.split("### JSON report (version 1)", 1)[1].split("```json\n", 1)[1].split("```", 1)[0])
    (claim,) = shown["files"][0]["claims"]
    real_claims = real["files"][0]["claims"]
    _agrees(claim, next(c for c in real_claims if c["text"] == claim["text"]), "claim")
    shown["files"][0]["claims"] = real["files"][0]["claims"] = []
    _agrees(shown, real)
    assert f"one claim of\nits {len(real_claims)} shown" in README


def test_the_example_workflow_guards_its_upload():
    workflow = (ROOT / "examples" / "github" / "verifier.yml").read_text(encoding="utf-8")
    steps = workflow.split("\n      - ")[1:]  # one string per step of the job
    check = next(s for s in steps if "id: check" in s)
    upload = next(s for s in steps if "upload-sarif" in s)
    assert "continue-on-error: true" in check and "-o verifier.sarif" in check
    assert "hashFiles('verifier.sarif') != ''" in upload, "no upload of a report an exit 2 did not write"
    assert "head.repo.full_name == github.repository" in upload, "no upload from a fork's pull request"
    assert steps[-1].startswith("run: exit 1\n        if: steps.check.outcome == 'failure'")


def _block(after: str, fence: str = "```") -> str:
    return README.split(after, 1)[1].split(fence, 1)[1].split("\n", 1)[1].split("```", 1)[0]


def test_the_usage_block_names_every_option_of_check():
    import argparse

    from verifier.cli import build_parser

    usage = _block("## Checking a draft")
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    import re

    listed = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", usage))
    missing = [a.option_strings for a in commands.choices["check"]._actions
               if a.option_strings and a.dest != "help" and not listed & set(a.option_strings)]
    assert missing == []
    assert all(f"verifier {name}" in usage for name in commands.choices if name != "check")


def test_the_suppression_examples_are_directives_the_checker_reads():
    from verifier.suppress import Suppressions

    examples = _block("### Suppressing a finding")
    parsed = Suppressions.parse("draft.md", examples)
    assert len(examples.strip().splitlines()) == 3
    assert len(parsed.rules) == 3 and not parsed.problems, "every example is a valid directive"


def test_the_interchange_example_imports(tmp_path):
    from claims_db.interchange import parse_files

    path = tmp_path / "example.jsonl"
    path.write_text(_block("### Interchange format"), encoding="utf-8")
    parsed = parse_files([str(path)])
    assert [record["record"] for record, _ in parsed.records] == ["predicate", "entity", "fact", "fact"]
