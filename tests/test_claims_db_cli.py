"""`claims-db`: every command documented, writing only with --db, reading the bundled store by default."""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest

from claims_db import SCHEMA_VERSION
from claims_db import locate
from claims_db.cli import build_parser, main
from claims_db.interchange import CSV_COLUMNS


def _groups(parser: argparse.ArgumentParser, prefix: str = "") -> list[tuple[str, argparse._SubParsersAction]]:
    """Each command group (`claims-db`, `claims-db entity`) with its name, nested groups included."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.append((prefix, action))
            for name, sub in action.choices.items():
                found += _groups(sub, f"{prefix}{name} ")
    return found


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    """Every command by its words ("show", "entity add"); a group's own parser too ("entity")."""
    return {f"{prefix}{name}": sub for prefix, action in _groups(build_parser()) for name, sub in action.choices.items()}


def _summaries() -> dict[str, str | None]:
    return {f"{prefix}{choice.dest}": choice.help for prefix, action in _groups(build_parser())
            for choice in action._choices_actions}


COMMANDS = sorted(_subcommands())


def test_every_command_is_listed():
    assert COMMANDS == ["add", "browse", "edit", "entity", "entity add", "entity alias", "entity show", "export",
                        "history", "import", "init", "list", "refresh", "retire", "review", "search", "show",
                        "snapshot", "stats", "upgrade", "validate", "who"]


def _actions() -> list[tuple[str, argparse.Action]]:
    return [(name, action) for name, sub in sorted(_subcommands().items()) for action in sub._actions
            if not isinstance(action, argparse._HelpAction)]


@pytest.mark.parametrize("command, action", _actions(), ids=lambda v: v if isinstance(v, str) else v.dest)
def test_every_option_and_argument_has_help(command, action):
    """As sqlite-utils' docs test: a curator reads `--help`, so nothing in it may go unexplained."""
    assert action.help and action.help != argparse.SUPPRESS, f"claims-db {command}: {action.dest} has no help"


def test_status_choices_are_the_models():
    from claims_db.cli import STATUSES
    from claims_db.interchange import STATUSES as IMPORTED
    from claims_db.models import Status

    assert STATUSES == IMPORTED == tuple(s.value for s in Status)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help(command, capsys):
    assert _summaries()[command], f"{command} has no one-line help in `claims-db --help`"
    assert _subcommands()[command].description, f"{command} has no description"
    with pytest.raises(SystemExit) as exited:
        main([*command.split(), "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: claims-db {command} ")
    assert _subcommands()[command].description in " ".join(out.split())
    assert "--db" in out


def test_top_level_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command, summary in _summaries().items():
        if " " not in command:  # a group's actions are in its own help (`claims-db entity --help`)
            assert f"    {command}" in out and summary.split()[0] in out


def test_no_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    assert "the following arguments are required: COMMAND" in capsys.readouterr().err


# -- writing -----------------------------------------------------------------

def test_init_twice(store_url, claims_db_cli):
    for _ in range(2):
        code, out, err = claims_db_cli("init", "--db", store_url)
        assert (code, err) == (0, "")
        assert out.startswith("store ready at ") and out.endswith(f" (schema {SCHEMA_VERSION})\n")
    assert json.loads(claims_db_cli("stats", "--db", store_url, "--json")[1])["predicates"] == 20


def test_init_description_names_the_store_for_reports(seeded_store, store_url, claims_db_cli):
    from claims_db.query import Reader

    def info():
        reader = Reader(store_url)
        try:
            return reader.info
        finally:
            reader.close()

    before = info()
    assert before.description == ""
    assert claims_db_cli("init", "--db", store_url, "--description", "Desk facts\n2025")[0] == 0
    named = info()
    assert named.description == "Desk facts 2025"
    assert (named.digest, named.facts) == (before.digest, before.facts), "a name is not content"
    assert claims_db_cli("init", "--db", store_url)[0] == 0
    assert info().description == "Desk facts 2025", "init without --description keeps the name"
    assert claims_db_cli("init", "--db", store_url, "--description", "")[0] == 0
    assert info().description == ""


@pytest.mark.parametrize(("given", "kept"), [
    ("Newsroom facts", "Newsroom facts"),
    ("  two\tlines\nhere \r\n", "two lines here"),
    ("bell\x07and\x1b[31mescape", "bell and [31mescape"),
    ("x" * 500, "x" * 119 + "…"),
    (None, ""),
], ids=["plain", "whitespace-squashed", "control-characters", "too-long-cut", "none"])
def test_a_description_is_one_short_line(given, kept):
    from claims_db.integrity import DESCRIPTION_MAX, description

    assert description(given) == kept and len(kept) <= DESCRIPTION_MAX


def test_import_reports_counts(empty_store, store_url, data_dir, claims_db_cli):
    code, out, err = claims_db_cli("import", "--db", store_url, data_dir / "places.jsonl")
    assert (code, out, err) == (0, "imported: 2 predicates, 8 entities, 11 facts added, 0 facts updated\n", "")
    code, out, _ = claims_db_cli("import", "--db", store_url, data_dir / "places.jsonl", data_dir / "offices.csv")
    assert out == "imported: 2 predicates, 9 entities, 2 facts added, 11 facts updated\n"


def test_import_create_makes_the_store(store_url, data_dir, claims_db_cli):
    code, out, _ = claims_db_cli("import", "--create", "--db", store_url, data_dir / "nato.jsonl")
    assert (code, out) == (0, "imported: 0 predicates, 5 entities, 12 facts added, 0 facts updated\n")


KALLAS = ["--subject", "Kaja Kallas", "--alias", "Kallas", "--alias", "Kaja Kallasová", "--predicate", "holds_office",
          "--value", "High Representative of the Union for Foreign Affairs and Security Policy",
          "--valid-from", "2024-12-01", "--source-title", "Kaja Kallas", "--source-publisher", "European Union",
          "--source-url", "https://commission.europa.eu/about/organisation/college-commissioners/kaja-kallas_en",
          "--source-accessed", "2025-01-20", "--note", "Also a Vice-President of the Commission."]


@pytest.mark.parametrize("entity", ["Kaja Kallas", "kallas", "KALLAS", "Kaja Kallasova"])
def test_add_then_list_by_alias(seeded_store, store_url, claims_db_cli, entity):
    code, out, err = claims_db_cli("add", "--db", store_url, *KALLAS)
    assert (code, err) == (0, "")
    uid = out.removeprefix("added ").strip()
    assert re.fullmatch("f[0-9a-f]+", uid)
    code, out, _ = claims_db_cli("list", "--db", store_url, "--entity", entity)
    assert code == 0
    assert out == (f"{uid}  Kaja Kallas  holds_office  High Representative of the Union for Foreign Affairs and "
                   "Security Policy [2024-12-01 – now]  (European Union) approved\n1 fact(s)\n")


def test_add_same_fact_twice_updates_it(seeded_store, store_url, claims_db_cli):
    first = claims_db_cli("add", "--db", store_url, *KALLAS)[1]
    second = claims_db_cli("add", "--db", store_url, *KALLAS[:-1], "Appointed by the European Council.")[1]
    assert first == second
    [fact] = seeded_store.find(subject="Kallas")
    assert fact["note"] == "Appointed by the European Council."
    assert seeded_store.stats()["facts"] == 24


@pytest.mark.parametrize("flags, message", [
    pytest.param(["--value", "many"], "<command line>:1: field 'value': is not a number: 'many'", id="bad-quantity"),
    pytest.param(["--tolerance", "some"], "<command line>:1: field 'tolerance': is not a number: 'some'",
                 id="bad-tolerance"),
    pytest.param(["--date", "2024-02-30"], "<command line>:1: field 'date': is not a date (YYYY-MM-DD): '2024-02-30'",
                 id="bad-date"),
    pytest.param(["--valid-from", "2025-01-01", "--valid-to", "2024-01-01"],
                 "<command line>:1: field 'valid_to': 2024-01-01 is before valid_from 2025-01-01", id="bad-period"),
    pytest.param(["--predicate", "gdp"], "<command line>:1: field 'predicate': unknown predicate 'gdp'; "
                 "declare it with a predicate record or use a known one", id="unknown-predicate"),
    pytest.param(["--source-url", " "], "<command line>:1: field 'source.url': is required", id="blank-source-url"),
])
def test_add_refuses_bad_flags(seeded_store, store_url, snapshot, claims_db_cli, flags, message):
    base = ["--subject", "Iceland", "--predicate", "population", "--value", "383726", "--source-title", "Inhabitants",
            "--source-publisher", "Statistics Iceland", "--source-url", "https://statice.is/"]
    before = snapshot(store_url)
    code, out, err = claims_db_cli("add", "--db", store_url, *base, *flags)
    assert (code, out, err) == (2, "", f"claims-db: error: {message}\n")
    assert snapshot(store_url) == before


def test_retire(seeded_store, store_url, claims_db_cli):
    [draft] = [f for f in seeded_store.find(subject="Iceland", predicate="population") if f["status"] == "draft"]
    code, out, _ = claims_db_cli("retire", "--db", store_url, draft["id"])
    assert (code, out) == (0, f"retired {draft['id']}\n")
    out = claims_db_cli("list", "--db", store_url, "--entity", "Ísland", "--predicate", "population")[1]
    assert f"{draft['id']}  Iceland  population  390000 people on 2025-01-01  (Statistics Iceland) retired" in out
    code, out, err = claims_db_cli("retire", "--db", store_url, "fffffffffff0")
    assert (code, out, err) == (2, "", "claims-db: error: no fact with id fffffffffff0\n")


WRITING = [
    pytest.param(["init"], id="init"),
    pytest.param(["import", "{data}/nato.jsonl"], id="import"),
    pytest.param(["import", "--create", "{data}/nato.jsonl"], id="import-create"),
    pytest.param(["add", *KALLAS], id="add"),
    pytest.param(["retire", "f0123456789a"], id="retire"),
]


@pytest.fixture
def bundled_store(tmp_path, monkeypatch, data_dir) -> Path:
    """The bundled store, built from tests/data/nato.jsonl in a private cache directory."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setattr(locate, "DEFAULT_SOURCE", data_dir / "nato.jsonl")
    return cache / "claim-verifier"


@pytest.mark.parametrize("command", WRITING)
def test_writing_needs_db(bundled_store, data_dir, claims_db_cli, command):
    code, out, err = claims_db_cli(*[c.format(data=data_dir) for c in command])
    assert (code, out) == (2, "")
    assert err == "claims-db: error: writing needs an explicit --db (the bundled store is read-only)\n"
    assert not bundled_store.exists(), "a writing command must not build or touch the bundled store"


def test_reading_commands_default_to_the_bundled_store(bundled_store, claims_db_cli):
    code, out, _ = claims_db_cli("stats", "--json")
    assert code == 0
    stats = json.loads(out)
    [built] = bundled_store.glob("default-*.sqlite")
    assert stats["location"] == f"sqlite:///{built}"
    assert (stats["facts"], stats["entities"]) == (12, 11)
    assert claims_db_cli("list", "--entity", "Rutte")[1].endswith("\n2 fact(s)\n")
    assert claims_db_cli("search", "Stoltenberg")[1].endswith("\n1 fact(s)\n")
    assert len(claims_db_cli("export")[1].splitlines()) == 20 + 11 + 12
    assert list(bundled_store.glob("*")) == [built], "built once, reused after"


# -- reading -----------------------------------------------------------------

SEARCHES = [
    pytest.param("Ivory Coast", None, {("Côte d'Ivoire", "official_language", "French")}, id="alias"),
    pytest.param("Guinea-Bissau", None, {("Guinea-Bissau", "official_language", "Portuguese")}, id="hyphenated-name"),
    pytest.param("Côte d'Ivoire", None, {("Côte d'Ivoire", "official_language", "French")}, id="apostrophe"),
    pytest.param("Rutte", None, {("Mark Rutte", "holds_office", "Secretary General of NATO"),
                                 ("Mark Rutte", "holds_office", "Prime Minister of the Netherlands")}, id="surname"),
    pytest.param("Provisional", None, {("Iceland", "population", 390000)}, id="note-finds-draft"),
    pytest.param("All Saints", None, {("1755 Lisbon earthquake", "occurred_on", "1755-11-01")}, id="note-phrase"),
    pytest.param("Biografía", None, {("Pedro Sánchez", "holds_office", "Prime Minister of Spain")}, id="source-title"),
    pytest.param("NATO", "member_of", {("Finland", "member_of", "NATO"), ("Sweden", "member_of", "NATO"),
                                       ("Spain", "member_of", "NATO"), ("Türkiye", "member_of", "NATO"),
                                       ("Iceland", "member_of", "NATO")}, id="source-title-with-predicate"),
    pytest.param("Reykjavik", None, set(), id="nothing"),
]


@pytest.mark.parametrize("query, predicate, expected", SEARCHES)
def test_search(seeded_store, store_url, claims_db_cli, query, predicate, expected):
    args = ["search", "--db", store_url, query, "--json"] + (["--predicate", predicate] if predicate else [])
    code, out, err = claims_db_cli(*args)
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert {(f["subject"], f["predicate"], f["value"]) for f in found} == expected
    assert len(found) == len(expected)


def test_list_text_output(seeded_store, store_url, claims_db_cli):
    code, out, _ = claims_db_cli("list", "--db", store_url, "--entity", "north atlantic treaty organization")
    lines = out.splitlines()
    assert code == 0 and lines[-1] == "4 fact(s)"
    body = sorted(line.split("  ", 1)[1] for line in lines[:-1])
    assert body == [
        "NATO  established  1949-04-04  (NATO) approved",
        "NATO  headquartered_in  Brussels  (NATO) approved",
        "NATO  member_count  30 member states on 2023-04-04  (NATO) retired",
        "NATO  member_count  32 member states on 2024-03-07  (NATO) approved",
    ]
    assert claims_db_cli("list", "--db", store_url, "--entity", "Atlantis")[1] == "0 fact(s)\n"
    limited = claims_db_cli("list", "--db", store_url, "--predicate", "official_language", "--limit", "2")[1]
    assert limited.endswith("\n2 of 5 fact(s); --limit 5 to see more\n") and limited.count("official_language") == 2


def test_export_csv_to_file(seeded_store, store_url, tmp_path, claims_db_cli):
    path = tmp_path / "store.csv"
    code, out, err = claims_db_cli("export", "--db", store_url, "--format", "csv", "-o", path)
    assert (code, out, err) == (0, "", "")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == ",".join(CSV_COLUMNS)
    assert [sum(r["record"] == kind for r in rows) for kind in ("predicate", "entity", "fact")] == [22, 18, 23]
    # the same export on stdout
    assert claims_db_cli("export", "--db", store_url, "--format", "csv")[1] == path.read_text(encoding="utf-8")


def test_stats_json(seeded_store, store_url, tmp_path, claims_db_cli):
    code, out, err = claims_db_cli("stats", "--db", store_url, "--json")
    assert (code, err) == (0, "")
    stats = json.loads(out)
    claims_db_cli("export", "--db", store_url, "-o", tmp_path / "export.jsonl")
    digest = 0
    for line in (tmp_path / "export.jsonl").read_bytes().splitlines(keepends=True):
        digest ^= int(hashlib.sha256(line).hexdigest(), 16)
    digest = f"{digest:064x}"
    assert {k: v for k, v in stats.items() if k not in ("location", "facts_by_predicate")} == {
        "schema_version": SCHEMA_VERSION, "digest": digest, "entities": 18, "aliases": 36, "predicates": 22, "facts": 23,
        "facts_by_status": {"draft": 2, "approved": 20, "retired": 1, "superseded": 0, "rejected": 0}}
    assert {k: v for k, v in stats["facts_by_predicate"].items() if v} == {
        "area": 1, "established": 1, "headquartered_in": 1, "holds_office": 4, "killed": 1, "member_count": 2,
        "member_of": 5, "occurred_on": 1, "official_language": 5, "population": 2}
    assert stats["location"].startswith(("sqlite:///", "postgresql+psycopg://"))


def test_stats_text(seeded_store, store_url, claims_db_cli):
    out = claims_db_cli("stats", "--db", store_url)[1].splitlines()
    assert "facts: 23" in out and f"schema_version: {SCHEMA_VERSION}" in out
    assert "facts_by_status: draft=2, approved=20, retired=1, superseded=0, rejected=0" in out
