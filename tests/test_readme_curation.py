"""The README's curation examples are real runs of `claims-db` on the bundled store."""

from __future__ import annotations

import re
import shlex

import pytest

from claims_db.cli import main
from readme_support import console_block, console_runs

BLOCK = console_block("curation")


def _runs() -> list[tuple[str, str]]:
    """(command line, the output shown under it) for each `$ claims-db ...` of the block."""
    return [(command, "".join(f"{line}\n" for line in shown)) for command, shown in console_runs(BLOCK)]


@pytest.mark.parametrize("command, shown", _runs(), ids=[c.split()[1] + "-" + str(n) for n, (c, _) in enumerate(_runs())])
def test_the_readme_shows_what_claims_db_prints(command, shown, capsys):
    argv = shlex.split(command)
    assert argv[0] == "claims-db"
    main(argv[1:])
    assert capsys.readouterr().out == shown


def test_every_new_command_has_an_example():
    assert {shlex.split(c)[1] for c, _ in _runs()} >= {"who", "show", "list", "validate"}


EDITING = console_block("curation-edit")
WHEN = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ")  # a history row's time: the clock's, so masked


def test_the_readme_edit_history_and_review_walk_is_a_real_run(tmp_path, monkeypatch, capsys):
    """On a copy of the bundled store, in order: each command prints (stdout, then stderr) what the README shows."""
    monkeypatch.chdir(tmp_path)
    runs = console_runs(EDITING)
    assert {shlex.split(c)[1] for c, _ in runs} >= {"edit", "history", "review", "show", "add", "import"}
    for command, shown in runs:
        argv = shlex.split(command)
        main(argv[1:])
        out, err = capsys.readouterr()
        assert WHEN.sub("TIME", out + err) == WHEN.sub("TIME", "".join(f"{line}\n" for line in shown)), command


def test_the_readme_offices_walk_is_a_real_run(tmp_path, monkeypatch, capsys):
    """Offices from their parts: on the bundled store, then on a copy, each command prints what the README shows."""
    monkeypatch.chdir(tmp_path)
    runs = console_runs(console_block("curation-offices"))
    assert {tuple(shlex.split(c)[1:3]) for c, _ in runs} >= {("entity", "show"), ("entity", "add"), ("entity", "alias")}
    for command, shown in runs:
        main(shlex.split(command)[1:])
        out, err = capsys.readouterr()
        assert out + err == "".join(f"{line}\n" for line in shown), command
