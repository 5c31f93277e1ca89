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
