"""Offices declared by their parts: each naming rule with its examples, then the store making, keeping and
remaking those names, on SQLite and PostgreSQL, and `claims-db entity add/alias/show`."""

from __future__ import annotations

import io
import json

import pytest

from claims_db.interchange import InterchangeError, Parsed, dump_jsonl
from claims_db.offices import Office, names
from claims_db.query import Reader
from claims_db.text import normalise

VALDORIA = (["Valdoria", "Republic of Valdoria"], ["Valdorian"])
KESTRIA = (["Kestria", "Kestrian Federation"], ["Kestrian"])
LAKES = (["Northern Lakes Union", "NLU"], [])

# (rule, office, jurisdiction (names, demonyms), names it must make, names it must not make)
RULES = [
    pytest.param(Office("Minister", "Fisheries"), VALDORIA,
                 ["Minister of Fisheries", "Minister for Fisheries", "Fisheries Minister"], [],
                 id="a portfolio is said three ways"),
    pytest.param(Office("Minister", "Tourism"), KESTRIA,
                 ["Kestria Tourism Minister", "Kestria's Minister of Tourism", "Kestrian Minister for Tourism",
                  "Tourism Minister of Kestria"], [],
                 id="the jurisdiction goes after 'of' or first, as a name, a possessive or a demonym"),
    pytest.param(Office("Minister", "Interior Affairs"), VALDORIA,
                 ["Interior Minister", "Valdorian Interior Minister", "Interior Affairs Minister",
                  "Minister of Interior Affairs of Valdoria"], [],
                 id="a portfolio of '... Affairs' is also named by its first words"),
    pytest.param(Office("Minister", "Railways"), KESTRIA,
                 ["Railway Minister", "Kestrian Railway Minister", "Railways Minister"], [],
                 id="a plural portfolio is also named in the singular"),
    pytest.param(Office("Minister", "Defence"), KESTRIA,
                 ["Minister of Defense", "Defense Minister of the Kestrian Federation", "Kestrian Defence Minister"],
                 [], id="british and american spellings of a portfolio"),
    pytest.param(Office("Minister", "Labour"), VALDORIA,
                 ["Labor Minister", "Minister for Labour of the Republic of Valdoria", "Valdoria's Labor Minister"],
                 [], id="british and american spellings of another portfolio"),
    pytest.param(Office("President"), KESTRIA,
                 ["President of the Kestrian Federation", "President of Kestria"],
                 ["Kestrian Federation President", "Kestrian Federation's President", "President of Kestrian Federation"],
                 id="a formal name takes 'the' and is not used before the title"),
    pytest.param(Office("Secretary-General"), LAKES,
                 ["Secretary-General of the Northern Lakes Union", "Secretary-General of the NLU",
                  "NLU Secretary-General"], ["NLU's Secretary-General", "Northern Lakes Union Secretary-General"],
                 id="an acronym takes 'the' after 'of' and may go before the title"),
    pytest.param(Office("Prime Minister"), VALDORIA,
                 ["PM of Valdoria", "Valdorian PM", "Valdoria's PM", "Prime Minister"], ["PM"],
                 id="an abbreviated title names an office only beside its jurisdiction"),
    pytest.param(Office("Premier", body="Grand Council"), KESTRIA,
                 ["Premier of the Grand Council", "Kestrian Premier", "Premier"], [],
                 id="a body is named after the title"),
    pytest.param(Office("Governor"), (["Ostrel Province (OP)", "the Ostrel Province"], ["Ostrelian"]),
                 ["Governor of the Ostrel Province", "Ostrelian Governor"],
                 ["Governor of the the Ostrel Province", "Governor of Ostrel Province (OP)"],
                 id="a name with its acronym in brackets is skipped, a written 'the' kept once"),
]


@pytest.mark.parametrize(("office", "jurisdiction", "made", "not_made"), RULES)
def test_each_naming_rule_makes_its_names(office, jurisdiction, made, not_made):
    result = names(office, *jurisdiction)
    every = {normalise(n) for n in result.titles | result.full}
    assert [n for n in made if normalise(n) not in every] == []
    assert [n for n in not_made if normalise(n) in every] == []


@pytest.mark.parametrize(("office", "title_alone", "with_place"), [
    (Office("Minister", "Fisheries"), "Fisheries Minister", "Valdorian Fisheries Minister"),
    (Office("President"), "President", "President of Valdoria"),
    (Office("Chief Minister"), "Chief Minister", "CM of Valdoria"),
])
def test_a_title_alone_names_no_jurisdiction(office, title_alone, with_place):
    result = names(office, *VALDORIA)
    assert title_alone in result.titles and title_alone not in result.full
    assert with_place in result.full and with_place not in result.titles


RECORDS = [
    {"record": "entity", "subject": "Minister of Fisheries of Valdoria", "kind": "office", "title": "Minister",
     "portfolio": "Fisheries", "jurisdiction": "Valdoria", "aliases": ["Sea Warden"]},  # its place comes later
    {"record": "entity", "subject": "Valdoria", "kind": "country", "aliases": ["Republic of Valdoria"],
     "demonyms": ["Valdorian"]},
    {"subject": "Ilse Marren", "predicate": "holds_office", "value": "Minister of Fisheries of Valdoria",
     "valid_from": "2023-02-01",
     "source": {"title": "Cabinet list", "publisher": "Valdorian Gazette", "url": "https://example.org/cabinet"}},
]


def _import(store, *records: dict, path: str = "<test>") -> None:
    parsed = Parsed()
    for n, record in enumerate(records, 1):
        parsed.add(path, n, record)
    store.import_parsed(parsed)


def _found(store_url: str, text: str, named: str) -> set[str]:
    """The offices the text's words `named` are a name of."""
    start = text.index(named)
    reader = Reader(store_url)
    try:
        return {m.name for m in reader.mentions(text) if (m.start, m.end) == (start, start + len(named))}
    finally:
        reader.close()


def _export(store) -> list[dict]:
    """The store's entity and fact records."""
    buffer = io.StringIO()
    dump_jsonl(store.export(), buffer)
    return [r for r in map(json.loads, buffer.getvalue().splitlines()) if "subject" in r]


def test_an_office_by_parts_is_found_by_its_made_names_and_exported_by_its_parts(empty_store, store_url):
    _import(empty_store, *RECORDS)
    for named in ("Valdorian Fisheries Minister", "Valdoria's Minister for Fisheries",
                  "Minister of Fisheries of the Republic of Valdoria", "Sea Warden"):
        assert _found(store_url, f"Yesterday the {named} spoke.", named) == {"Minister of Fisheries of Valdoria"}
    office = next(r for r in _export(empty_store) if r["subject"] == "Minister of Fisheries of Valdoria")
    assert office == {"record": "entity", "subject": "Minister of Fisheries of Valdoria", "kind": "office",
                      "title": "Minister", "portfolio": "Fisheries", "jurisdiction": "Valdoria",
                      "aliases": ["Sea Warden"]}, "the parts and the curator's names; the made ones are not records"
    country = next(r for r in _export(empty_store) if r["subject"] == "Valdoria")
    assert country["demonyms"] == ["Valdorian"] and country["aliases"] == ["Republic of Valdoria"]


def test_the_export_imports_again_to_the_same_store(empty_store, store_locations, tmp_path):
    _import(empty_store, *RECORDS)
    exported = tmp_path / "out.jsonl"
    exported.write_text("".join(json.dumps(r) + "\n" for r in _export(empty_store)), encoding="utf-8")
    copy = store_locations.open(store_locations.new(), create=True)
    from claims_db.interchange import parse_files

    copy.import_parsed(parse_files([str(exported)]))
    assert _export(copy) == _export(empty_store)
    assert copy.stats()["digest"] == empty_store.stats()["digest"] == empty_store.refresh_digest()
    assert copy.names("Valdorian Fisheries Minister")[0].made == empty_store.names("Valdorian Fisheries Minister")[0].made


def test_a_jurisdiction_that_gains_a_name_gives_its_offices_names(empty_store, store_url):
    _import(empty_store, *RECORDS)
    text = "Valdor's Fisheries Minister spoke."
    assert _found(store_url, text, "Valdor's Fisheries Minister") == set()
    _import(empty_store, {"record": "entity", "subject": "Valdoria", "kind": "country", "aliases": ["Valdor"]})
    assert _found(store_url, text, "Valdor's Fisheries Minister") == {"Minister of Fisheries of Valdoria"}
    assert [r for r in _export(empty_store) if r["subject"] == "Minister of Fisheries of Valdoria"][0]["aliases"] \
        == ["Sea Warden"], "remade names stay out of the record"


def test_a_curators_name_equal_to_a_made_one_is_the_curators(empty_store):
    _import(empty_store, *RECORDS)
    _import(empty_store, {"record": "entity", "subject": "Minister of Fisheries of Valdoria", "kind": "office",
                          "aliases": ["Valdorian Fisheries Minister"]})
    view = empty_store.names("Sea Warden")[0]
    assert "Valdorian Fisheries Minister" in view.written and "Valdorian Fisheries Minister" not in view.made
    assert view.parts == {"title": "Minister", "portfolio": "Fisheries", "jurisdiction": "Valdoria"}, \
        "a record without parts leaves the parts as they were"


@pytest.mark.parametrize(("record", "field", "message"), [
    ({"record": "entity", "subject": "Minister of Mines of Nowhere", "kind": "office", "title": "Minister",
      "jurisdiction": "Nowhere"}, "jurisdiction", "no entity 'Nowhere'"),
    ({"record": "entity", "subject": "Ilse Marren", "kind": "person", "title": "Minister"}, "title",
     "is a part of an office"),
    ({"record": "entity", "subject": "Minister of Mines", "kind": "office", "portfolio": "Mines"}, "title",
     "is required for an office declared by its parts"),
])
def test_bad_parts_are_file_line_errors_and_nothing_is_written(empty_store, record, field, message):
    _import(empty_store, RECORDS[1])
    before = empty_store.stats()["digest"]
    with pytest.raises(InterchangeError, match=f"offices.jsonl:2: field '{field}': {message}"):
        _import(empty_store, RECORDS[1], record, path="offices.jsonl")
    assert empty_store.stats()["digest"] == before


def test_validate_lets_offices_share_a_title_alone_but_not_a_name_with_their_place(empty_store):
    kestria = {"record": "entity", "subject": "Kestria", "kind": "country", "demonyms": ["Kestrian"]}
    kestrian_office = {"record": "entity", "subject": "Minister of Fisheries of Kestria", "kind": "office",
                       "title": "Minister", "portfolio": "Fisheries", "jurisdiction": "Kestria",
                       "aliases": ["Sea Warden"]}
    _import(empty_store, *RECORDS[:2], kestria, kestrian_office)
    assert empty_store.validate() == [], "'Fisheries Minister' and 'Sea Warden' name no place: titles alone"
    twin = {**kestrian_office, "subject": "Fisheries Ministry of Kestria", "aliases": []}
    _import(empty_store, twin)
    assert any("'Kestrian Fisheries Minister' names 2 entities" in str(p) for p in empty_store.validate()), \
        "two offices of one place with one title are a problem"


def test_the_bundled_store_declares_its_offices_by_parts_and_validates_clean(claims_db_cli):
    code, out, _ = claims_db_cli("entity", "show", "Russian Defence Minister")
    assert code == 0 and "parts: title Minister, portfolio Defence, jurisdiction Russia" in out
    assert "Russia's Minister for Defense" in out
    assert claims_db_cli("validate") == (0, "no problems in the bundled store\n", "")


def test_entity_add_alias_and_show_on_the_command_line(claims_db_cli, store_url, empty_store):
    db = ("--db", store_url)
    assert claims_db_cli("entity", "add", "Marovia", "--kind", "country", "--demonym", "Marovian", *db)[0] == 0
    code, out, _ = claims_db_cli("entity", "add", "Minister of Ports of Marovia", "--kind", "office",
                                 "--title", "Minister", "--portfolio", "Ports", "--jurisdiction", "Marovia",
                                 "--alias", "Harbour Master General", "--by", "ana", "--why", "new cabinet", *db)
    assert code == 0 and "Marovian Port Minister" in out and "aliases: Harbour Master General" in out
    code, out, _ = claims_db_cli("entity", "alias", "Marovia", "Marovian Republic", *db)
    assert code == 0 and "jurisdiction of: Minister of Ports of Marovia" in out
    code, out, _ = claims_db_cli("entity", "show", "Minister of Ports of the Marovian Republic", "--json", *db)
    shown = json.loads(out)[0]
    assert shown["parts"]["jurisdiction"] == "Marovia" and shown["aliases"] == ["Harbour Master General"]
    code, out, _ = claims_db_cli("history", "Minister of Ports of Marovia", *db)
    assert "create" in out and "by ana: new cabinet" in out
    code, _, err = claims_db_cli("entity", "add", "Minister of Mines of Nowhere", "--kind", "office",
                                 "--title", "Minister", "--jurisdiction", "Nowhere", *db)
    assert code == 2 and "field 'jurisdiction': no entity 'Nowhere'" in err
