"""`claims-db browse`: the store in Datasette, read-only, every table and column described.

The server tests start `claims-db browse` on a free port (skipped without Datasette, an optional extra)
and read it over HTTP, and in headless Chromium (skipped without it) as a curator would.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.browser import CHROMIUM, Browser
from claims_db import browse
from claims_db.interchange import Parsed
from claims_db.models import Base
from claims_db.store import Store

ROOT = Path(__file__).resolve().parents[1]
HAS_DATASETTE = importlib.util.find_spec("datasette") is not None
needs_datasette = pytest.mark.skipif(not HAS_DATASETTE, reason=f"Datasette is an optional extra: {browse.INSTALL}")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)")
SOURCE = {"title": "Skarvik harbour census 2021", "publisher": "Skarvik Port Office",
          "url": "https://port.example/census-2021"}
PORT_FACTS = [
    {"record": "entity", "subject": "Skarvik", "kind": "place", "aliases": ["Skarvik town"]},
    {"subject": "Skarvik", "predicate": "population", "value": 48213, "unit": "people", "date": "2021-01-01",
     "source": SOURCE},
    {"subject": "Skarvik", "predicate": "population", "value": 50117, "unit": "people", "date": "2024-01-01",
     "source": {**SOURCE, "title": "Skarvik estimate 2024"}, "status": "draft"},
]


def _port_store(location: str) -> Store:
    store = Store(location, create=True)
    parsed = Parsed()
    for n, record in enumerate(PORT_FACTS, 1):
        parsed.add("<test>", n, record)
    store.import_parsed(parsed)
    return store


# -- the metadata ------------------------------------------------------------------------------------

def test_every_table_and_column_is_described():
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    assert set(browse.TABLES) == {"facts", "entities", "aliases", "predicates", "meta", "history"} == set(tables)
    for name, (about, columns) in browse.TABLES.items():
        assert about and all(columns.values()), name
        assert list(columns) == [c.name for c in tables[name].columns], f"{name}: describe each column, in order"


def test_the_metadata_names_the_store_and_describes_the_tables():
    data = browse.metadata("store", "sqlite:////data/newsroom.sqlite", "Newsroom facts 2025")
    assert data["title"] == "claims store Newsroom facts 2025"
    tables = data["databases"]["store"]["tables"]
    assert tables["facts"]["description"] == browse.TABLES["facts"][0]
    assert tables["facts"]["columns"]["status"].startswith("draft (waiting for review)")
    assert (tables["entities"]["label_column"], tables["facts"]["sort"]) == ("name", "uid")
    assert tables["alembic_version"] == {"hidden": True}


def test_without_datasette_the_command_says_what_to_install(monkeypatch, claims_db_cli):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasette" else real(name, *a))
    assert claims_db_cli("browse") == (2, "", "claims-db: error: browsing needs Datasette, an optional extra: "
                                              "pip install 'claim-verifier[browse]'\n")


def test_a_busy_port_is_refused_in_one_line(claims_db_cli):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        code, out, err = claims_db_cli("browse", "--port", port)
    if not HAS_DATASETTE:
        pytest.skip("refused for the missing extra first")
    assert (code, out) == (2, "")
    assert err.startswith(f"claims-db: error: cannot serve on 127.0.0.1:{port}: ") and \
        err.endswith(" (choose another with --port)\n")


def test_datasette_serves_the_file_as_it_is_told(tmp_path):
    target = browse.Target(str(tmp_path / "store.sqlite"), True, "the bundled store", "")
    line = browse.command(target, 8123, "meta.json")
    assert line[1:] == ["-m", "datasette", "serve", "-i", str(tmp_path / "store.sqlite"), "--host", "127.0.0.1",
                        "--port", "8123", "--metadata", "meta.json", "--setting", "default_page_size", "50"]


# -- the server --------------------------------------------------------------------------------------

@dataclass
class Served:
    url: str  # the database's address, http://127.0.0.1:PORT/NAME
    first: str  # the line the command printed first
    port: int
    process: subprocess.Popen
    temp: Path  # the TMPDIR the command was given


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    """Start `claims-db browse ARGS` on a free port; stopped (SIGTERM, as a service manager would) afterwards."""
    started: list[Served] = []

    def start(*args: str) -> Served:
        port, temp = _free_port(), tmp_path / f"tmp{len(started)}"
        temp.mkdir()
        env = {**os.environ, "TMPDIR": str(temp), "PYTHONDONTWRITEBYTECODE": "1"}
        process = subprocess.Popen([sys.executable, "-m", "claims_db.cli", "browse", *args, "--port", str(port)],
                                   cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = process.stdout.readline()  # the command names the database's address before Datasette starts
        assert first.startswith("browsing "), first + process.stderr.read()
        served = Served(first.split(" at ", 1)[1].split(" ", 1)[0], first, port, process, temp)
        started.append(served)
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"http://127.0.0.1:{port}/-/versions.json")
                return served
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"Datasette did not start: {process.stderr.read()}") from None
                time.sleep(0.2)

    yield start
    for served in started:
        stop(served)


def stop(served: Served) -> int:
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGTERM)
        try:
            served.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            served.process.kill()
            served.process.wait()
    served.process.stdout.close()
    served.process.stderr.close()
    return served.process.returncode


def _fact_row(served: Served, value: int) -> dict:
    rows = json.loads(_get(f"{served.url}/facts.json?_shape=array&value_number={value}"))
    assert len(rows) == 1, rows
    return rows[0]


@needs_datasette
def test_the_json_api_serves_a_sqlite_store_read_only(tmp_path, serve):
    location = str(tmp_path / "newsroom.sqlite")
    _port_store(location).engine.dispose()
    before = Path(location).read_bytes()
    served = serve("--db", location)
    assert served.url.endswith("/newsroom")
    row = _fact_row(served, 48213)
    assert (row["source_title"], row["source_url"], row["status"]) == (SOURCE["title"], SOURCE["url"], "approved")
    page = json.loads(_get(f"{served.url}/facts/{row['id']}.json?_shape=array"))
    assert page[0]["uid"] == row["uid"]
    assert stop(served) == 0
    assert Path(location).read_bytes() == before  # Datasette read it, wrote nothing


@needs_datasette
def test_a_postgresql_store_is_browsed_through_a_temporary_snapshot(postgres_store_url, serve):
    _port_store(postgres_store_url).engine.dispose()
    served = serve("--db", postgres_store_url)
    assert served.url.endswith("/store")
    assert _fact_row(served, 50117)["status"] == "draft"  # every fact of the store, not only the approved ones
    assert list(served.temp.iterdir()) != []
    assert stop(served) == 0
    assert list(served.temp.iterdir()) == []  # the snapshot went with the server


@needs_datasette
def test_the_bundled_store_is_served_as_bundled(serve):
    served = serve()
    # As the README shows it, on the port asked for.
    assert served.first == f"browsing the bundled store read-only at http://127.0.0.1:{served.port}/bundled " \
                           "(Ctrl-C to stop)\n"
    assert json.loads(_get(f"{served.url}/facts.json?_shape=array&_size=1"))


@needs_datasette
@needs_chromium
def test_a_fact_page_shows_its_value_and_source_in_a_browser(tmp_path, serve):
    location = str(tmp_path / "newsroom.sqlite")
    _port_store(location).engine.dispose()
    served = serve("--db", location)
    row = _fact_row(served, 48213)
    with Browser() as browser:
        browser.goto(f"{served.url}/facts/{row['id']}")
        text = browser.evaluate("document.body.innerText")
        assert "48213" in text and SOURCE["title"] in text and SOURCE["url"] in text
        assert "Skarvik" in text  # the subject by its name, not its row number
        browser.goto(f"{served.url}/facts")
        text = browser.evaluate("document.body.innerText")
        assert browse.TABLES["facts"][0] in text  # the table's description


def test_datasette_is_an_optional_extra_that_ci_installs():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["optional-dependencies"]["browse"] == ["datasette>=0.64"]
    assert not any(d.startswith("datasette") for d in project["dependencies"])
    install = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if "pip install" in line]
    assert any("browse" in line.split("-e", 1)[1].split()[0] for line in install), install
