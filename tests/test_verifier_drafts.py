"""Checks read approved facts only; `--include-drafts` adds drafts and every report says so. To-do records are
drafts to be, and a conflicting claim's record never carries the draft's figure as a value."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from claims_db.query import Reader
from verifier.cli import main as verifier

FRONT = "---\ndate: 2025-06-01\n---\n"
DRAFT_FACT = "Iceland has a population of 390,000 people.\n"  # the seed's draft fact says so, no approved one does


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "d.md"
    path.write_text(FRONT + DRAFT_FACT, encoding="utf-8")
    return path


def _run(capsys, *args):
    capsys.readouterr()
    code = verifier([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("flags, verdict, drafts", [
    pytest.param([], "unverified", False, id="approved-only"),
    pytest.param(["--include-drafts"], "consistent", True, id="with-drafts"),
])
def test_drafts_are_used_only_when_asked_and_the_json_report_says_so(seeded_store, store_url, draft, capsys,
                                                                     flags, verdict, drafts):
    code, out, _ = _run(capsys, "check", draft, "--db", store_url, "--format", "json", *flags)
    report = json.loads(out)
    assert [c["verdict"] for f in report["files"] for c in f["claims"]] == [verdict]
    assert report["store"]["drafts_included"] is drafts
    assert bool(report["notices"]) is drafts


@pytest.mark.parametrize("fmt, shown", [
    pytest.param("text", "notice: draft facts were used beside approved ones (--include-drafts)", id="text"),
    pytest.param("concise", "notice: draft facts were used beside approved ones (--include-drafts)", id="concise"),
    pytest.param("sarif", '"draftsIncluded": true', id="sarif"),
    pytest.param("github", "::notice title=claim-verifier::draft facts were used", id="github"),
    pytest.param("html", "draft facts included", id="html"),
])
def test_every_format_says_drafts_were_used(seeded_store, store_url, draft, capsys, fmt, shown):
    code, out, _ = _run(capsys, "check", draft, "--db", store_url, "--format", fmt, "--include-drafts")
    assert shown in out
    _, plain, _ = _run(capsys, "check", draft, "--db", store_url, "--format", fmt)
    assert "draft facts" not in plain


def test_the_text_summary_names_drafts_beside_the_store(seeded_store, store_url, draft, capsys):
    _, out, _ = _run(capsys, "check", draft, "--db", store_url, "--include-drafts")
    assert out.splitlines()[-1].endswith("facts, drafts included]")


def test_parallel_workers_read_drafts_too(seeded_store, store_url, tmp_path, capsys):
    for i in range(16):
        (tmp_path / f"d{i:02}.md").write_text(FRONT + DRAFT_FACT, encoding="utf-8")
    code, out, _ = _run(capsys, "check", tmp_path, "--db", store_url, "--format", "json", "--jobs", "2",
                        "--include-drafts")
    assert {c["verdict"] for f in json.loads(out)["files"] for c in f["claims"]} == {"consistent"}


def test_a_reader_never_reads_superseded_retired_or_rejected_facts(seeded_store, store_url):
    population = [f for f in seeded_store.find(subject="Iceland", predicate="population")]
    approved = next(f["id"] for f in population if f["status"] == "approved")
    draft = next(f["id"] for f in population if f["status"] == "draft")
    seeded_store.edit(approved, {"value": "383727"}, "recount")
    seeded_store.set_status([draft], "rejected", "unsourced")
    reader = Reader(store_url, include_drafts=True)
    try:
        ids = [m.entity_id for m in reader.mentions("Iceland")]
        assert [f.value for f in reader.facts(ids, ["population"])] == [383727]
    finally:
        reader.close()


def test_a_conflicting_claims_todo_record_leaves_the_value_for_the_curator(seeded_store, store_url, tmp_path):
    from verifier.config import load
    from verifier.run import execute
    from verifier.todo import record

    path = tmp_path / "d.md"
    path.write_text("---\ndate: 2024-01-01\n---\nIceland has a population of 500,000 people.\n", encoding="utf-8")
    reader = Reader(store_url)
    try:
        result = execute([str(path)], load(None), reader, dt.date(2024, 1, 1))
    finally:
        reader.close()
    [file] = result.files
    [finding] = [f for f in file.findings if f.verdict.value == "conflicting"]
    row = record(file, finding)
    assert (row["value"], row["todo"], row["subject"], row["predicate"]) == ("", True, "Iceland", "population")
    assert "500,000" in row["note"] and row["note"].endswith("the value is left for you to fill from the source")
