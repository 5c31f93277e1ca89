"""Ask the store: `list` pages honestly and filters by status, `show` an entity, `who` held an office on a day."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from claims_db.interchange import Parsed

SOURCE = {"title": "Roll of harbour masters", "publisher": "Port of Skarvik", "url": "https://example.org/skarvik"}


def _facts(*records: dict) -> Parsed:
    parsed = Parsed()
    for n, record in enumerate(records, 1):
        parsed.add("<test>", n, {"source": SOURCE, **record} if record.get("record", "fact") == "fact" else record)
    return parsed


# A fictional port: three harbour masters, a gap between the second and the third, a draft and a retired term.
HARBOUR = [
    {"record": "entity", "subject": "Harbour Master of Skarvik", "kind": "office", "aliases": ["Skarvik harbour master"]},
    {"record": "entity", "subject": "Ada Brekke", "kind": "person", "aliases": ["Brekke"]},
    {"subject": "Ada Brekke", "predicate": "holds_office", "value": "Harbour Master of Skarvik",
     "valid_from": "2001-03-01", "valid_to": "2010-02-28"},
    {"subject": "Jon Saether", "predicate": "holds_office", "value": "Harbour Master of Skarvik",
     "valid_from": "2010-02-28", "valid_to": "2019-12-31"},
    {"subject": "Ada Brekke", "predicate": "holds_office", "value": "Harbour Master of Skarvik",
     "valid_from": "2021-05-01"},
    {"subject": "Per Lund", "predicate": "holds_office", "value": "Harbour Master of Skarvik",
     "valid_from": "2020-01-01", "status": "draft"},
    {"subject": "Per Lund", "predicate": "holds_office", "value": "Harbour Master of Skarvik",
     "valid_from": "1990-01-01", "valid_to": "2001-02-28", "status": "retired"},
    {"subject": "Ada Brekke", "predicate": "holds_office", "value": "Pilot of Skarvik", "valid_from": "1995-06-01",
     "valid_to": "2001-02-28"},
]


@pytest.fixture
def harbour(seeded_store):
    """The seeded store with the Skarvik harbour masters added."""
    parsed = _facts(*HARBOUR)
    seeded_store.import_parsed(parsed)
    return seeded_store


# -- list: honest paging, status, one JSON array ------------------------------------------------

@pytest.mark.parametrize("args, last_line", [
    pytest.param(["--predicate", "official_language"], "5 fact(s)", id="all-shown"),
    pytest.param(["--predicate", "official_language", "--limit", "5"], "5 fact(s)", id="limit-equal-to-total"),
    pytest.param(["--predicate", "official_language", "--limit", "3"], "3 of 5 fact(s); --limit 5 to see more",
                 id="cut-off"),
    pytest.param(["--predicate", "official_language", "--limit", "0"], "0 of 5 fact(s); --limit 5 to see more",
                 id="limit-zero"),
    pytest.param(["--status", "draft"], "2 fact(s)", id="drafts"),
    pytest.param(["--status", "retired", "--entity", "NATO"], "1 fact(s)", id="retired-of-an-entity"),
    pytest.param(["--status", "approved", "--limit", "1"], "1 of 20 fact(s); --limit 20 to see more",
                 id="approved-cut-off"),
])
def test_list_counts_what_it_does_not_show(seeded_store, store_url, claims_db_cli, args, last_line):
    code, out, err = claims_db_cli("list", "--db", store_url, *args)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == last_line


@pytest.mark.parametrize("status", ["draft", "approved", "retired"])
def test_list_status_filters(seeded_store, store_url, claims_db_cli, status):
    found = json.loads(claims_db_cli("list", "--db", store_url, "--status", status, "--json")[1])
    assert found and {f["status"] for f in found} == {status}
    assert len(found) == seeded_store.stats()["facts_by_status"][status]


def test_list_json_is_one_array_and_jsonl_one_object_a_line(seeded_store, store_url, claims_db_cli):
    code, out, err = claims_db_cli("list", "--db", store_url, "--entity", "NATO", "--json")
    assert (code, err) == (0, "")
    array = json.loads(out)
    assert isinstance(array, list) and [f["id"] for f in array] == sorted(f["id"] for f in array)
    assert [json.loads(line) for line in claims_db_cli("list", "--db", store_url, "--entity", "NATO", "--jsonl")[1]
            .splitlines()] == array
    assert claims_db_cli("list", "--db", store_url, "--entity", "Atlantis", "--json")[1] == "[]\n"


def test_a_cut_off_json_page_says_so_on_stderr(seeded_store, store_url, claims_db_cli):
    code, out, err = claims_db_cli("list", "--db", store_url, "--json", "--limit", "2")
    assert code == 0 and len(json.loads(out)) == 2
    assert err == "claims-db: 2 of 23 fact(s); --limit 23 to see more\n"


def test_json_and_jsonl_exclude_each_other(claims_db_cli):
    with pytest.raises(SystemExit) as exited:
        claims_db_cli("list", "--json", "--jsonl")
    assert exited.value.code == 2


def test_find_page_counts_past_the_limit(seeded_store):
    page = seeded_store.find_page(predicate="member_of", limit=2)
    assert (len(page.facts), page.total) == (2, 5)
    assert seeded_store.find(predicate="member_of", status="draft")[0]["subject"] == "Iceland"


# -- search: wildcards are literal on every engine ----------------------------------------------

NOTES = [
    {"subject": "Skarvik", "predicate": "population", "value": 1200, "unit": "people", "date": "2020-01-01",
     "note": "Counted 100% of households"},
    {"subject": "Skarvik", "predicate": "population", "value": 1300, "unit": "people", "date": "2021-01-01",
     "note": "register key north_ward"},
    {"subject": "Skarvik", "predicate": "population", "value": 1400, "unit": "people", "date": "2022-01-01",
     "note": "register key northXward, path c:\\census"},
]


# (query, values found): both engines read words only (claims_db.search), so punctuation separates words and a
# wildcard alone is no word: it matches nothing, never every fact.
WILDCARDS = [
    pytest.param("%", [], id="percent-alone"),
    pytest.param("_", [], id="underscore-alone"),
    pytest.param("\\", [], id="backslash-alone"),
    pytest.param("100%", [1200], id="percent-in-a-word"),
    pytest.param("north_ward", [1300], id="underscore-is-literal"),
    pytest.param("northXward", [1400], id="the-other-key"),
]


@pytest.mark.parametrize("query, found", WILDCARDS)
def test_search_takes_wildcards_literally(empty_store, store_url, claims_db_cli, query, found):
    empty_store.import_parsed(_facts(*NOTES))
    code, out, err = claims_db_cli("search", "--db", store_url, query, "--json")
    assert (code, err) == (0, "")
    assert sorted(f["value"] for f in json.loads(out)) == found


@pytest.mark.parametrize("text, pattern", [
    pytest.param("plain", "%plain%", id="plain"),
    pytest.param("50%", "%50\\%%", id="percent"),
    pytest.param("a_b", "%a\\_b%", id="underscore"),
    pytest.param("c:\\x", "%c:\\\\x%", id="backslash"),
])
def test_contains_pattern_escapes(text, pattern):
    from claims_db.store import contains_pattern

    assert contains_pattern(text) == pattern


# -- show ------------------------------------------------------------------------------------------

def test_show_an_office(harbour, store_url, claims_db_cli):
    code, out, err = claims_db_cli("show", "--db", store_url, "skarvik harbour master", "--on", "2015-06-01")
    assert (code, err) == (0, "")
    ids = {(f["subject"], f["valid_from"]): f["id"] for f in harbour.find(predicate="holds_office")}
    brekke, saether, back = ids["Ada Brekke", "2001-03-01"], ids["Jon Saether", "2010-02-28"], ids["Ada Brekke",
                                                                                                   "2021-05-01"]
    lines = out.splitlines()
    assert lines[0].startswith("Harbour Master of Skarvik  (office, id ")
    assert lines[1:] == [
        "aliases: Skarvik harbour master",
        "holders:",
        f"  2001-03-01 – 2010-02-28  Ada Brekke  {brekke}",
        f"  2010-02-28 – 2019-12-31  Jon Saether  {saether}",
        f"  2021-05-01 – now  Ada Brekke  {back}",
        f"holder on 2015-06-01: Jon Saether (2010-02-28 – 2019-12-31, {saether})",
        "facts: none",
    ]


def test_show_a_person(harbour, store_url, claims_db_cli):
    out = claims_db_cli("show", "--db", store_url, "Brekke")[1].splitlines()
    assert out[1:6] == ["aliases: Brekke", "offices held:",
                        out[3], out[4], out[5]]
    assert [line.split("  ")[2] for line in out[3:6]] == ["Pilot of Skarvik", "Harbour Master of Skarvik",
                                                          "Harbour Master of Skarvik"]
    assert out[6] == "facts (3):" and all(" holds_office " in line for line in out[7:])
    assert "holder on" not in "\n".join(out), "a person is no office"


def test_show_lists_every_status_of_its_facts_and_its_note(seeded_store, store_url, claims_db_cli):
    out = claims_db_cli("show", "--db", store_url, "OTAN")[1].splitlines()
    assert out[1:3] == ["aliases: North Atlantic Treaty Organization, OTAN",
                        "note: Intergovernmental military alliance set up by the North Atlantic Treaty."]
    assert out[3] == "facts (4):" and sum(line.endswith(" retired") for line in out[4:]) == 1


def test_show_by_id_and_as_json(harbour, store_url, claims_db_cli):
    [view] = json.loads(claims_db_cli("show", "--db", store_url, "Harbour Master of Skarvik", "--json",
                                      "--on", "2020-06-01")[1])
    assert view["kind"] == "office" and view["on"] == "2020-06-01" and view["current"] == []
    assert [t["holder"] for t in view["holders"]] == ["Ada Brekke", "Jon Saether", "Ada Brekke"]
    by_id = json.loads(claims_db_cli("show", "--db", store_url, str(view["id"]), "--json", "--on", "2020-06-01")[1])
    assert by_id == [view]


def test_show_every_entity_of_a_shared_name(seeded_store, store_url, claims_db_cli):
    seeded_store.import_parsed(_facts({"record": "entity", "subject": "Guinea (region)", "kind": "place",
                                       "aliases": ["Guinea"]}))
    out = claims_db_cli("show", "--db", store_url, "guinea")[1]
    assert [block.split("  (")[0] for block in out.split("\n\n")] == ["Guinea", "Guinea (region)"]


@pytest.mark.parametrize("command", ["show", "who"])
def test_an_unknown_name_is_one_line(seeded_store, store_url, claims_db_cli, command):
    code, out, err = claims_db_cli(command, "--db", store_url, "Atlantis")
    assert (code, out) == (2, "")
    assert err == "claims-db: error: no entity named 'Atlantis' (try 'claims-db search Atlantis')\n"


# -- who -------------------------------------------------------------------------------------------

WHO = [
    pytest.param("2005-01-01", "Ada Brekke (2001-03-01 – 2010-02-28, {brekke})", id="first-term"),
    pytest.param("2001-03-01", "Ada Brekke (2001-03-01 – 2010-02-28, {brekke})", id="first-day-included"),
    pytest.param("2019-12-31", "Jon Saether (2010-02-28 – 2019-12-31, {saether})", id="last-day-included"),
    pytest.param("2010-02-28", "Ada Brekke (2001-03-01 – 2010-02-28, {brekke}) and "
                               "Jon Saether (2010-02-28 – 2019-12-31, {saether})", id="handover-day-both"),
    pytest.param("2020-06-01", "nobody known (last known: Jon Saether until 2019-12-31 ({saether}); "
                               "next known: Ada Brekke from 2021-05-01 ({back}))", id="gap-a-draft-does-not-fill"),
    pytest.param("1992-01-01", "nobody known (next known: Ada Brekke from 2001-03-01 ({brekke}))",
                 id="before-any-retired-ignored"),
    pytest.param("2030-01-01", "Ada Brekke (2021-05-01 – now, {back})", id="open-ended"),
]


@pytest.mark.parametrize("day, answer", WHO)
def test_who_held_the_office_on_a_day(harbour, store_url, claims_db_cli, day, answer):
    ids = {(f["subject"], f["valid_from"]): f["id"] for f in harbour.find(predicate="holds_office")}
    names = {"brekke": ids["Ada Brekke", "2001-03-01"], "saether": ids["Jon Saether", "2010-02-28"],
             "back": ids["Ada Brekke", "2021-05-01"]}
    code, out, err = claims_db_cli("who", "--db", store_url, "Skarvik Harbour Master", "--on", day)
    assert (code, err) == (0, "")
    assert out == f"Harbour Master of Skarvik on {day}: {answer.format(**names)}\n"


def test_who_as_json(harbour, store_url, claims_db_cli):
    [answer] = json.loads(claims_db_cli("who", "--db", store_url, "Secretary General of NATO", "--on", "2024-10-01",
                                        "--json")[1])
    assert answer["office"] == "Secretary General of NATO" and answer["on"] == "2024-10-01"
    assert [h["holder"] for h in answer["holders"]] == ["Mark Rutte"]
    assert answer["last_before"]["holder"] == "Jens Stoltenberg" and answer["next_after"] is None


def test_who_defaults_to_today(harbour, store_url, claims_db_cli):
    out = claims_db_cli("who", "--db", store_url, "Secretary General of NATO")[1]
    assert out.startswith(f"Secretary General of NATO on {dt.date.today()}: ")


def test_who_refuses_what_is_no_office(harbour, store_url, claims_db_cli):
    code, out, err = claims_db_cli("who", "--db", store_url, "Brekke")
    assert (code, out) == (2, "")
    assert err == ("claims-db: error: 'Brekke' names no office but Ada Brekke (person); "
                   "'claims-db show Brekke' shows what it holds\n")


def test_who_an_office_nobody_is_known_to_hold(seeded_store, store_url, claims_db_cli):
    seeded_store.import_parsed(_facts({"record": "entity", "subject": "Lighthouse Keeper of Skarvik", "kind": "office"}))
    code, out, err = claims_db_cli("who", "--db", store_url, "Lighthouse Keeper of Skarvik", "--on", "2020-01-01")
    assert (code, out, err) == (0, "Lighthouse Keeper of Skarvik on 2020-01-01: nobody known\n", "")


def test_who_refuses_a_bad_date(claims_db_cli):
    with pytest.raises(SystemExit) as exited:
        claims_db_cli("who", "President", "--on", "2020-13-01")
    assert exited.value.code == 2


def test_show_an_office_keeps_its_made_names_apart(seeded_store, store_url, claims_db_cli):
    """A curator's names are the aliases; the names made from an office's parts are counted (entity show lists
    them), so the few irregular ones are not lost among the made ones."""
    seeded_store.import_parsed(_facts(
        {"record": "entity", "subject": "Skarvia", "kind": "country", "demonyms": ["Skarvian"]},
        {"record": "entity", "subject": "Minister of Fisheries of Skarvia", "kind": "office", "title": "Minister",
         "portfolio": "Fisheries", "jurisdiction": "Skarvia", "aliases": ["Fiskeriminister"]}))
    out = claims_db_cli("show", "--db", store_url, "Minister of Fisheries of Skarvia")[1].splitlines()
    assert out[1] == "aliases: Fiskeriminister"
    assert out[2].startswith("made from its parts: ") and out[2].endswith(" names (claims-db entity show lists them)")
    [view] = json.loads(claims_db_cli("show", "--db", store_url, "Skarvian Fisheries Minister", "--json")[1])
    assert view["aliases"] == ["Fiskeriminister"]
    assert {"Skarvian Fisheries Minister", "Fisheries Minister of Skarvia"} <= set(view["made_from_parts"])
    assert f"made from its parts: {len(view['made_from_parts'])} names" in out[2]
