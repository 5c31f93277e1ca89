"""Streaming output: each draft's findings are written as it is judged, the bytes are those of the whole-run render,
and a report written with -o is whole or absent."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claims_db.query import Reader
from verifier import inputs, run as run_module
from verifier.cli import main
from verifier.config import load
from verifier.report import BIDI, FINDINGS_ONLY, FORMATS, jsonstream, render, spool, write
from verifier.report.jsonstream import Each, Fields, Later
from verifier.run import execute, stream
from verifier_support import build_world

TODAY = dt.date(2025, 6, 30)
# Facts of the test world (tests/data/world.jsonl): the ferry disaster killed 41, Grey Heron hit 7 sites.
DRAFTS = {
    "a-ferry.md": "---\ndate: 2025-01-10\n---\nRescuers said the Aldmere ferry disaster killed 45 people in all.\n",
    "b-heron.md": "---\ndate: 2025-01-10\n---\nOperation Grey Heron struck 7 sites before dawn, the army said.\n"
                  "About 60 reporters waited outside.\n",
    "c-minister.txt": "Valdorian Defence Minister Mira Castell toured the harbour on 3 March 2025.\n",
    "d-bidi\u202e.md": "The Aldmere ferry disaster killed 41 people.\n",
    "e-quiet.md": "Nothing here holds a figure.\n",
}
BROKEN = "f-broken.md"  # not UTF-8: a draft that cannot be read, listed among the errors


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> str:
    return build_world(tmp_path_factory.mktemp("world"))


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    for name, text in DRAFTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / BROKEN).write_bytes(b"caf\xe9 owners counted 12 boats\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def tiny_spools(monkeypatch):
    """Spools that move to a temporary file at once and are read back a few characters at a time."""
    monkeypatch.setattr(spool, "IN_MEMORY", 1)
    monkeypatch.setattr(spool, "BLOCK", 7)


def _stream(world: str, jobs: int = 1):
    return stream(["."], load(None), Reader(world), TODAY, jobs=jobs)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_streamed_report_is_the_whole_run_render(fmt, world, desk, tiny_spools):
    whole = render(fmt, execute(["."], load(None), Reader(world), TODAY))
    out = io.StringIO()
    write(fmt, _stream(world), out)
    assert out.getvalue() == whole
    assert BROKEN in whole or fmt == "claimreview", "the unreadable draft is reported wherever the format says so"
    if fmt in ("json", "sarif", "rdjson", "claimreview"):  # the depth of every spooled piece, as one dump lays it out
        canonical = json.dumps(json.loads(whole), ensure_ascii=False, indent=2) + "\n"
        assert whole == canonical.translate({code: f"\\u{code:04x}" for code in BIDI})  # bidi controls escaped


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_the_cli_writes_the_whole_run_render_to_stdout_and_to_a_file(fmt, world, desk, capsysbinary):
    flags = ["check", ".", "--db", world, "--format", fmt]
    assert main(flags) == 2  # the unreadable draft
    printed = capsysbinary.readouterr().out
    assert main([*flags, "-o", "report.out"]) == 2
    today = dt.datetime.now(dt.timezone.utc).date()  # as the command takes it: two drafts have no date of their own
    whole = render(fmt, execute(["."], load(None), Reader(world), today, show_consistent=fmt not in FINDINGS_ONLY,
                                writes=("report.out",)))
    assert printed == (desk / "report.out").read_bytes() == whole.encode("utf-8")


def test_parallel_workers_stream_the_same_report(world, desk, monkeypatch):
    for n in range(run_module.PARALLEL_MIN + 3):  # enough drafts for workers, in several batches
        (desk / f"z-{n:02}.md").write_text(f"The Aldmere ferry disaster killed {30 + n} people.\n", encoding="utf-8")
    monkeypatch.setattr(run_module, "BATCH", 4)
    alone, parallel = io.StringIO(), io.StringIO()
    write("json", _stream(world, jobs=1), alone)
    write("json", _stream(world, jobs=2), parallel)
    assert parallel.getvalue() == alone.getvalue()
    assert len(json.loads(parallel.getvalue())["files"]) == len(DRAFTS) + run_module.PARALLEL_MIN + 3


class Events(list):
    """Reads of drafts and writes of the report, in the order they happened."""

    def write(self, text: str) -> None:
        self.append(("write", text))


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_first_draft_is_written_before_the_last_is_read(fmt, world, desk, monkeypatch):
    events = Events()
    read = inputs.read_draft

    def reading(path, *args, **kwargs):
        events.append(("read", path))
        return read(path, *args, **kwargs)

    monkeypatch.setattr(inputs, "read_draft", reading)
    spooled = spool.Spool.write
    monkeypatch.setattr(spool.Spool, "write", lambda self, text: (events.write(text), spooled(self, text)))
    write(fmt, _stream(world), events)
    last_read = max(i for i, (kind, _) in enumerate(events) if kind == "read")
    first_written = min(i for i, (kind, text) in enumerate(events) if kind == "write" and "a-ferry.md" in text)
    assert first_written < last_read, "a format that needs the whole run spools the files, never holds them"


def test_a_failed_run_leaves_no_report_and_keeps_the_old_one(world, desk, monkeypatch, capsys):
    (desk / "report.json").write_text("the previous report\n", encoding="utf-8")
    judged = run_module.Judge.file

    def failing(self, checker, item):
        if str(item).endswith("c-minister.txt"):
            raise RuntimeError("disk on fire")
        return judged(self, checker, item)

    monkeypatch.setattr(run_module.Judge, "file", failing)
    code = main(["check", ".", "--db", world, "--format", "json", "-o", "report.json", "--todo", "todo.jsonl",
                 "--write-baseline", "baseline.json", "--suggest"])
    assert code == 2 and "disk on fire" in capsys.readouterr().err
    assert (desk / "report.json").read_text(encoding="utf-8") == "the previous report\n"
    left = sorted(p.name for p in desk.iterdir())
    assert left == sorted([*DRAFTS, BROKEN, "report.json"]), "no temporary file, baseline, to-do list or corrected copy is left"


@pytest.mark.parametrize("document", [
    {"files": [], "summary": {}},
    {"a": [1, [2, []], {"b": None}], "c": "é \u202e \n \"quoted\""},
    [{"x": 1.5}, {}, [[]]],
    {"nested": {"deeper": {"list": [1, 2, 3]}}},
], ids=["empty-containers", "mixed-and-unicode", "top-level-list", "deep-objects"])
def test_jsonstream_writes_json_dumps_bytes(document):
    expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    jsonstream.write(out, _lazy(document))
    assert out.getvalue() == expected


def _lazy(value):
    """The same document with every object as Fields, every list as Each over a generator, scalars as Later."""
    if isinstance(value, dict):
        return Fields(tuple((key, _lazy(item)) for key, item in value.items()))
    if isinstance(value, list):
        return Each(_lazy(item) for item in value)
    return Later(lambda: value)


def test_items_written_one_by_one_match_json_dumps():
    out = io.StringIO()
    head, tail = jsonstream.around((("version", 1),), "findings")
    out.write(head)
    items = jsonstream.Items(out, level=1)
    for n in range(3):
        items.add({"n": n, "text": f"claim {n}"})
    items.close()
    out.write(tail)
    assert out.getvalue() == json.dumps({"version": 1, "findings": [{"n": n, "text": f"claim {n}"}
                                                                    for n in range(3)]}, indent=2)


def test_a_reader_that_goes_away_leaves_the_verdict_to_the_exit_code(world, tmp_path):
    for n in range(150):  # far more report than a pipe holds, so writing goes on after the reader left
        (tmp_path / f"d{n:03}.md").write_text(f"The Aldmere ferry disaster killed {50 + n} people.\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "verifier.cli", "check", str(tmp_path), "--db", world,
                                "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.read(100)
    process.stdout.close()
    error = process.stderr.read().decode("utf-8")
    assert process.wait() == 1 and error == "", "conflicts found: exit 1, and no traceback about the closed pipe"
