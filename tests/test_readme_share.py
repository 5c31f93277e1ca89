"""The README's "Share a store" examples are real runs of `claims-db` and `verifier` on the bundled store.

A shown line `...` stands for any lines left out, and a shown line ending in `...` for any line that
begins with the text before it; every other line is the output's, in order.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from claims_db.cli import main as claims_db_main
from readme_support import README, console_block, console_runs
from verifier.cli import main as verifier_main

ROOT = Path(__file__).resolve().parents[1]
BLOCK = console_block("share")
MAINS = {"claims-db": claims_db_main, "verifier": verifier_main}
EPOCH = "1750000000"  # the snapshot time the README shows: 2025-06-15T15:06:40Z


def _runs() -> list[tuple[str, list[str]]]:
    return console_runs(BLOCK)


def shows(shown: list[str], printed: list[str]) -> bool:
    """Whether `printed` is what `shown` shows, `...` lines standing for lines left out."""
    if not shown:
        return not printed
    head, rest = shown[0], shown[1:]
    if head == "...":
        return any(shows(rest, printed[n:]) for n in range(len(printed) + 1))
    if not printed:
        return False
    matches = printed[0].startswith(head[:-3]) if head.endswith("...") else printed[0] == head
    return matches and shows(rest, printed[1:])


@pytest.mark.parametrize("shown, printed, expected", [
    pytest.param(["a", "b"], ["a", "b"], True, id="exact"),
    pytest.param(["a"], ["a", "b"], False, id="a-line-more"),
    pytest.param(["...", "c"], ["a", "b", "c"], True, id="lines-left-out"),
    pytest.param(["...", "c"], ["a", "b"], False, id="the-last-line-is-missing"),
    pytest.param(["a", "...", "d"], ["a", "d"], True, id="nothing-left-out"),
    pytest.param(["source=x..."], ["source=xyz"], True, id="a-line-begun"),
    pytest.param(["source=x..."], ["source=y"], False, id="a-line-begun-otherwise"),
])
def test_shows(shown, printed, expected):
    assert shows(shown, printed) is expected


def test_the_readme_shows_what_the_commands_print(tmp_path, monkeypatch, capsys):
    """In order, in a fresh directory holding the examples: the snapshot is made before it is read."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_COLOR", "1")
    for command, shown in _runs():
        program, *args = shlex.split(command)
        capsys.readouterr()
        MAINS[program](args)
        printed = capsys.readouterr().out.splitlines()
        assert shows(shown, printed), f"$ {command}\n" + "\n".join(printed)


def test_every_sharing_command_has_an_example():
    assert {shlex.split(c)[1] for c, _ in _runs() if c.startswith("claims-db")} >= {"search", "snapshot", "stats"}
    assert "$ claims-db browse\nbrowsing the bundled store read-only at http://127.0.0.1:8001/bundled (Ctrl-C to stop)\n" \
        in README
