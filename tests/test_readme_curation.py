"""The README's curation examples are real runs of `claims-db` on the bundled store."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from claims_db.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
BLOCK = README.split("<!-- curation:start -->\n```console\n", 1)[1].split("```\n<!-- curation:end -->", 1)[0]


def _runs() -> list[tuple[str, str]]:
    """(command line, the output shown under it) for each `$ claims-db ...` of the block."""
    runs: list[tuple[str, list[str]]] = []
    for line in BLOCK.splitlines():
        if line.startswith("$ "):
            runs.append((line[2:], []))
        else:
            runs[-1][1].append(line)
    return [(command, "".join(f"{line}\n" for line in shown)) for command, shown in runs]


@pytest.mark.parametrize("command, shown", _runs(), ids=[c.split()[1] + "-" + str(n) for n, (c, _) in enumerate(_runs())])
def test_the_readme_shows_what_claims_db_prints(command, shown, capsys):
    argv = shlex.split(command)
    assert argv[0] == "claims-db"
    main(argv[1:])
    assert capsys.readouterr().out == shown


def test_every_new_command_has_an_example():
    assert {shlex.split(c)[1] for c, _ in _runs()} >= {"who", "show", "list", "validate"}


EDITING = README.split("<!-- curation-edit:start -->\n```console\n", 1)[1].split("```\n<!-- curation-edit:end -->", 1)[0]
WHEN = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ")  # a history row's time: the clock's, so masked


def test_the_readme_edit_history_and_review_walk_is_a_real_run(tmp_path, monkeypatch, capsys):
    """On a copy of the bundled store, in order: each command prints (stdout, then stderr) what the README shows."""
    monkeypatch.chdir(tmp_path)
    runs: list[tuple[str, list[str]]] = []
    for line in EDITING.splitlines():
        if line.startswith("$ "):
            runs.append((line[2:], []))
        else:
            runs[-1][1].append(line)
    assert {shlex.split(c)[1] for c, _ in runs} >= {"edit", "history", "review", "show", "add", "import"}
    for command, shown in runs:
        argv = shlex.split(command)
        main(argv[1:])
        out, err = capsys.readouterr()
        assert WHEN.sub("TIME", out + err) == WHEN.sub("TIME", "".join(f"{line}\n" for line in shown)), command
