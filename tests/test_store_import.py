"""Import validation: every bad record is refused with file:line (and field), and the store is left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims_db.errors import InterchangeError
from claims_db.interchange import parse_files

NATO_SOURCE = {"title": "NATO member countries", "publisher": "NATO",
               "url": "https://www.nato.int/cps/en/natohq/topics_52044.htm", "accessed": "2025-01-15"}
DROP = object()


def fact(**changes) -> dict:
    """A valid fact (Norway, a founding member of NATO) with some fields changed or dropped (DROP)."""
    record = {"subject": "Norway", "predicate": "member_of", "value": "NATO", "valid_from": "1949-08-24",
              "source": dict(NATO_SOURCE)}
    for field, value in changes.items():
        if "." in field:
            parent, child = field.split(".")
            if value is DROP:
                del record[parent][child]
            else:
                record[parent][child] = value
        elif value is DROP:
            del record[field]
        else:
            record[field] = value
    return record


# Good rows around the bad one: the bad row is on line 4 (line 2 is blank), so none of
# the rows before it, nor the one after it, may reach the store.
GOOD_BEFORE = [
    fact(subject="Denmark"),
    "",
    {"subject": "Norway", "predicate": "population", "value": 5550203, "unit": "people", "date": "2024-01-01",
     "source": {"title": "Population", "publisher": "Statistics Norway", "url": "https://www.ssb.no/en/befolkning"}},
]
GOOD_AFTER = [fact(subject="Portugal")]
BAD_LINE = len(GOOD_BEFORE) + 1

BAD_ROWS = [
    pytest.param(fact(predicate="gdp_growth"), "predicate", "unknown predicate 'gdp_growth'", id="unknown-predicate"),
    pytest.param(fact(subject="Iceland", predicate="population", value="about four hundred thousand", valid_from=DROP),
                 "value", "is not a number: 'about four hundred thousand'", id="text-for-a-quantity"),
    pytest.param(fact(subject="NATO", predicate="established", value="1949-02-30", valid_from=DROP),
                 "value", "is not a date (YYYY-MM-DD): '1949-02-30'", id="bad-date-for-a-date-predicate"),
    pytest.param(fact(predicate="holds_office", value=7), "value", "must be text (an entity) for this predicate, got 7",
                 id="number-for-an-entity-predicate"),
    pytest.param(fact(value=DROP), "value", "is required", id="missing-value"),
    pytest.param(fact(date="2024-13-01"), "date", "is not a date (YYYY-MM-DD): '2024-13-01'", id="bad-date"),
    pytest.param(fact(valid_from="24/08/1949"), "valid_from", "is not a date (YYYY-MM-DD): '24/08/1949'",
                 id="bad-valid-from"),
    pytest.param(fact(valid_to="1949-08-23"), "valid_to", "1949-08-23 is before valid_from 1949-08-24",
                 id="valid-to-before-valid-from"),
    pytest.param(fact(source=DROP), "source", "is required", id="missing-source"),
    pytest.param(fact(source="NATO website"), "source", "is required", id="source-not-an-object"),
    pytest.param(fact(**{"source.url": DROP}), "source.url", "is required", id="missing-source-url"),
    pytest.param(fact(**{"source.url": "   "}), "source.url", "is required", id="blank-source-url"),
    pytest.param(fact(**{"source.accessed": "last week"}), "source.accessed", "is not a date (YYYY-MM-DD): 'last week'",
                 id="bad-source-accessed"),
    pytest.param(fact(**{"source.author": "NATO Public Diplomacy"}), "source.author", "is not a source field",
                 id="unknown-source-field"),
    pytest.param(fact(confidence=0.9), "confidence", "is not a field of a fact record", id="unknown-field"),
    pytest.param(fact(status="published"), "status", "must be one of draft, approved, retired, superseded, rejected, got 'published'",
                 id="bad-status"),
    pytest.param(fact(subject="   "), "subject", "is required", id="blank-subject"),
    pytest.param(fact(tolerance=-1), "tolerance", "must not be negative", id="negative-tolerance"),
    pytest.param(fact(tolerance="a few"), "tolerance", "is not a number: 'a few'", id="text-tolerance"),
    pytest.param(fact(unit=12), "unit", "must be text, got 12", id="number-for-unit"),
    pytest.param(fact(record="relation"), "record", "must be one of fact, entity, predicate, got 'relation'",
                 id="unknown-record-kind"),
    pytest.param({"record": "entity", "subject": "Norway", "kind": "nation"}, "kind",
                 "must be one of person, organisation, country, place, event, relation, office, other, got 'nation'",
                 id="unknown-entity-kind"),
    pytest.param({"record": "entity", "subject": "Norway", "aliases": ["Noreg", 7]}, "aliases",
                 "must be a list of text, got ['Noreg', 7]", id="alias-not-text"),
    pytest.param({"record": "predicate", "predicate": "gdp_growth", "value_type": "percent"}, "value_type",
                 "must be one of quantity, date, entity, text, got 'percent'", id="unknown-value-type"),
    pytest.param({"record": "predicate", "predicate": "population", "value_type": "date"}, "value_type",
                 "cannot change predicate 'population' from quantity to date: the store has facts under it",
                 id="predicate-retyped-under-its-facts"),
    pytest.param('{"subject": "Norway", "predicate": "member_of", ', None, "malformed JSON", id="malformed-json"),
    pytest.param('["Norway", "member_of", "NATO"]', None, "a record must be a JSON object", id="not-an-object"),
]


def write_jsonl(path: Path, rows: list) -> str:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return str(path)


def expected_message(path: str, line: int, field: str | None, message: str) -> str:
    return f"{path}:{line}" + (f": field '{field}'" if field else "") + f": {message}"


@pytest.mark.parametrize("bad, field, message", BAD_ROWS)
def test_bad_row_is_refused_by_the_cli(seeded_store, store_url, tmp_path, snapshot, claims_db_cli, bad, field, message):
    path = write_jsonl(tmp_path / "update.jsonl", [*GOOD_BEFORE, bad, *GOOD_AFTER])
    before = snapshot(store_url)
    code, out, err = claims_db_cli("import", "--db", store_url, path)
    assert (code, out) == (2, "")
    assert err.startswith("claims-db: error: " + expected_message(path, BAD_LINE, field, message)), err
    assert err.count("\n") == 1
    assert snapshot(store_url) == before


@pytest.mark.parametrize("bad, field, message", BAD_ROWS)
def test_bad_row_error_names_file_line_and_field(seeded_store, tmp_path, bad, field, message):
    path = write_jsonl(tmp_path / "update.jsonl", [*GOOD_BEFORE, bad, *GOOD_AFTER])
    with pytest.raises(InterchangeError) as raised:
        seeded_store.import_parsed(parse_files([path]))
    assert (raised.value.path, raised.value.line, raised.value.field) == (path, BAD_LINE, field)
    assert message in str(raised.value)


def test_bad_row_in_second_file_writes_neither_file(seeded_store, store_url, tmp_path, snapshot, claims_db_cli):
    first = write_jsonl(tmp_path / "first.jsonl", [*GOOD_BEFORE, *GOOD_AFTER])
    second = write_jsonl(tmp_path / "second.jsonl", [fact(subject="Belgium"), fact(subject="Italy", valid_from="1949")])
    before = snapshot(store_url)
    code, out, err = claims_db_cli("import", "--db", store_url, first, second)
    assert (code, out) == (2, "")
    message = expected_message(second, 2, "valid_from", "is not a date (YYYY-MM-DD): '1949'")
    assert err == f"claims-db: error: {message}\n"
    assert snapshot(store_url) == before
    # Each file on its own: the first is fine.
    assert claims_db_cli("import", "--db", store_url, first)[0] == 0
    assert {f["subject"] for f in seeded_store.find(predicate="member_of")} >= {"Denmark", "Portugal"}
    assert [f["value"] for f in seeded_store.find(subject="Norway")] == [5550203]


def test_unknown_predicate_in_second_file_is_caught_before_writing(seeded_store, store_url, tmp_path, snapshot,
                                                                 claims_db_cli):
    """Predicate and value checks need the store, yet still run before the first write."""
    first = write_jsonl(tmp_path / "first.jsonl", GOOD_BEFORE)
    second = write_jsonl(tmp_path / "second.jsonl", [fact(predicate="borders")])
    before = snapshot(store_url)
    code, _, err = claims_db_cli("import", "--db", store_url, first, second)
    assert code == 2
    message = expected_message(second, 1, "predicate", "unknown predicate 'borders'")
    assert err.startswith(f"claims-db: error: {message}")
    assert snapshot(store_url) == before


def test_predicate_declared_in_one_file_serves_facts_in_another(empty_store, tmp_path):
    declared = write_jsonl(tmp_path / "predicates.jsonl", [
        {"record": "predicate", "predicate": "length", "value_type": "quantity", "cues": ["long", "length of"]}])
    facts = write_jsonl(tmp_path / "rivers.jsonl", [
        {"subject": "Danube", "predicate": "length", "value": 2850, "unit": "km",
         "source": {"title": "Danube River", "publisher": "Encyclopaedia Britannica",
                    "url": "https://www.britannica.com/place/Danube-River"}}])
    counts = empty_store.import_parsed(parse_files([facts, declared]))
    assert counts == {"predicates": 1, "entities": 0, "facts_added": 1, "facts_updated": 0}
    found = empty_store.find(predicate="length")
    assert [(f["subject"], f["value"], f["unit"]) for f in found] == [("Danube", 2850, "km")]


def test_a_predicate_declared_twice_in_one_import_takes_the_later_declaration(empty_store, tmp_path):
    """A file that declares a new predicate, then again with more cues (or a second file that does), imports as
    one predicate with the later cues: a second declaration updates the first, as a later fact record does."""
    first = {"record": "predicate", "predicate": "quay_count", "value_type": "quantity", "cues": ["quays"]}
    path = write_jsonl(tmp_path / "quays.jsonl", [first, {**first, "cues": ["quays", "berths"]}])
    empty_store.import_parsed(parse_files([path]))
    [record] = [r for r in empty_store.export() if r.get("predicate") == "quay_count"
                and r["record"] == "predicate"]
    assert record["cues"] == ["berths", "quays"]


CSV_HEADER = "subject,predicate,value,date,source_title,source_publisher,source_url"
CSV_GOOD = "Norway,population,5550203,2024-01-01,Population,Statistics Norway,https://www.ssb.no/en/befolkning"
CSV_ICELAND = "Iceland,population,{value},{date},Inhabitants,Statistics Iceland,{url}"

BAD_CSV = [
    pytest.param([CSV_HEADER.replace("date", "when"), CSV_GOOD], 1, "when", "is not a known column",
                 id="unknown-column"),
    pytest.param([CSV_HEADER, CSV_GOOD, CSV_ICELAND.format(value="many", date="2024-01-01", url="https://statice.is/")],
                 3, "value", "is not a number: 'many'", id="text-for-a-quantity"),
    pytest.param([CSV_HEADER, CSV_GOOD, CSV_ICELAND.format(value=383726, date="01.01.2024", url="https://statice.is/")],
                 3, "date", "is not a date", id="bad-date"),
    pytest.param([CSV_HEADER, CSV_GOOD, CSV_ICELAND.format(value=383726, date="2024-01-01", url="")],
                 3, "source.url", "is required", id="missing-source-url"),
    pytest.param([CSV_HEADER, CSV_GOOD, CSV_GOOD + ",extra"], 3, None, "row has more cells than the header",
                 id="extra-cell"),
    pytest.param([CSV_HEADER, '"Norway, Kingdom of",population,5550203,2024-01-01,"Population\nby county",'
                              'Statistics Norway,https://www.ssb.no/en/befolkning', CSV_GOOD.replace("5550203", "n/a")],
                 4, "value", "is not a number: 'n/a'", id="line-count-after-a-quoted-newline"),
]


@pytest.mark.parametrize("lines, line, field, message", BAD_CSV)
def test_bad_csv_row_is_refused(seeded_store, store_url, tmp_path, snapshot, claims_db_cli,
                                lines, line, field, message):
    path = tmp_path / "update.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(store_url)
    code, out, err = claims_db_cli("import", "--db", store_url, path)
    assert (code, out) == (2, "")
    assert err.startswith("claims-db: error: " + expected_message(str(path), line, field, message)), err
    assert snapshot(store_url) == before


def test_unreadable_files_are_refused(seeded_store, store_url, tmp_path, snapshot, claims_db_cli):
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes(json.dumps(fact(note="Noreg, Norge")).replace("Norge", "Norg\xe9").encode("latin-1") + b"\n")
    missing = tmp_path / "missing.jsonl"
    before = snapshot(store_url)
    for path, message in ((latin1, "is not UTF-8 text"), (missing, "cannot read: No such file or directory")):
        code, _, err = claims_db_cli("import", "--db", store_url, path)
        assert code == 2
        assert err == f"claims-db: error: {path}:0: {message}\n"
    assert snapshot(store_url) == before


def test_csv_file_imports_facts_entities_and_aliases(seeded_store, data_dir):
    counts = seeded_store.import_parsed(parse_files([str(data_dir / "offices.csv")]))
    assert counts == {"predicates": 0, "entities": 1, "facts_added": 2, "facts_updated": 0}
    found = {(f["value"], f["valid_from"], f["status"], f["source"]["title"], f["note"])
             for f in seeded_store.find(subject="pedro sanchez perez castejon", predicate="holds_office")}
    assert found == {
        ("Prime Minister of Spain", "2018-06-02", "approved", "Biografía del Presidente del Gobierno", None),
        ("Secretary-General of the PSOE", "2017-06-18", "approved", "Pedro Sánchez", None),
        ("President of the Socialist International", "2022-11-25", "draft", "Pedro Sánchez, President of the SI",
         "Elected at the Madrid congress; check the date"),
    }
    entities = {r["subject"]: r for r in seeded_store.export() if r["record"] == "entity"}
    assert entities["Socialist International"]["aliases"] == ["SI"]
    assert entities["Pedro Sánchez"]["aliases"] == ["Pedro Sanchez Perez-Castejon", "Sánchez"]


def test_failure_after_writes_began_rolls_everything_back(seeded_store, store_url, tmp_path, snapshot, monkeypatch):
    """All-or-nothing holds past validation too: a failure on the fifth fact undoes the two batches before it."""
    import claims_db.bulk

    columns = claims_db.bulk.fact_columns
    calls = []

    def failing_columns(record, value_type, **form):
        calls.append(record)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return columns(record, value_type, **form)

    monkeypatch.setattr(claims_db.bulk, "BATCH", 2)
    monkeypatch.setattr(claims_db.bulk, "fact_columns", failing_columns)
    founders = ["Belgium", "Canada", "Denmark", "France", "Italy", "Luxembourg", "Netherlands", "Portugal"]
    path = write_jsonl(tmp_path / "founders.jsonl", [fact(subject=country) for country in founders])
    before = snapshot(store_url)
    with pytest.raises(RuntimeError, match="disk full"):
        seeded_store.import_files([path])
    assert len(calls) == 5
    assert snapshot(store_url) == before
