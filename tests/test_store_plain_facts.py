"""A plain fact row is read by a short path (`interchange._plain_fact`); every other row field by field
(`interchange._checked`). Whatever the row, the short path gives the record the long one gives, or leaves the row
to it, so the same errors come first."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claims_db.errors import InterchangeError
from claims_db.interchange import _canonical, _checked, _plain_fact, _Row

SOURCE = {"title": "Register", "publisher": "Port Authority", "url": "https://example.org"}
PLAIN = {"subject": "Port Vell", "predicate": "area", "value": 2.5, "source": SOURCE}

# Rows the short path reads (a CSV row's values are all text).
TAKEN = [
    pytest.param(PLAIN, id="least"),
    pytest.param({**PLAIN, "record": "fact", "unit": " km2 ", "date": "2021-06-01", "valid_from": "2020-01-01",
                  "valid_to": "2022-01-01", "tolerance": 0.25, "status": " draft ", "note": " a note ",
                  "aliases": ["Vell  harbour", " ", "Port  Vell"],
                  "source": {**SOURCE, "accessed": "2024-02-29"}}, id="every-field"),
    pytest.param({**PLAIN, "value": "2.5", "tolerance": "1", "unit": "", "note": "", "status": "", "aliases": "",
                  "source": {**SOURCE, "accessed": ""}}, id="csv-text"),
    pytest.param({**PLAIN, "tolerance": 3.0, "date": "20210601"}, id="whole-tolerance-and-basic-date"),
]
# Rows left to the long path, which may take them or refuse them.
LEFT = [
    pytest.param({**PLAIN, "record": "entity"}, id="another-kind"),
    pytest.param({**PLAIN, "todo": "check"}, id="to-do"),
    pytest.param({**PLAIN, "version": 2}, id="a-version"),
    pytest.param({**PLAIN, "status": "superseded"}, id="superseded"),
    pytest.param({**PLAIN, "colour": ""}, id="an-empty-unknown-field"),
    pytest.param({**PLAIN, "aliases": "Vell | Port"}, id="aliases-as-text"),
    pytest.param({**PLAIN, "unit": 5}, id="unit-not-text"),
    pytest.param({**PLAIN, "date": 20210601}, id="date-not-text"),
    pytest.param({**PLAIN, "date": "1 June 2021"}, id="not-a-date"),
    pytest.param({**PLAIN, "tolerance": True}, id="tolerance-a-boolean"),
    pytest.param({**PLAIN, "tolerance": -1}, id="negative-tolerance"),
    pytest.param({**PLAIN, "tolerance": 10 ** 400}, id="tolerance-too-big"),
    pytest.param({**PLAIN, "tolerance": "nan"}, id="tolerance-not-finite"),
    pytest.param({**PLAIN, "valid_from": "2022-01-01", "valid_to": "2021-01-01"}, id="ends-before-it-begins"),
    pytest.param({**PLAIN, "subject": "  "}, id="blank-subject"),
    pytest.param({**PLAIN, "value": ""}, id="no-value"),
    pytest.param({**PLAIN, "source": {**SOURCE, "url": " "}}, id="blank-url"),
    pytest.param({**PLAIN, "source": {**SOURCE, "isbn": "0"}}, id="unknown-source-field"),
    pytest.param({**PLAIN, "source": "Register"}, id="source-not-an-object"),
]


def _long(data: dict):
    """What the long path makes of a row: its record as JSON (the order of fields included), or its error."""
    try:
        return json.dumps(_checked(_Row("facts.jsonl", 7, data)))
    except InterchangeError as exc:
        return str(exc)


@pytest.mark.parametrize("data", TAKEN)
def test_a_plain_fact_takes_the_short_path_to_the_record_the_long_one_gives(data):
    fact = _plain_fact(data)
    assert fact is not None
    assert json.dumps(fact) == _long(data)
    assert _canonical(_Row("facts.jsonl", 7, data)) == fact


@pytest.mark.parametrize("data", LEFT)
def test_any_other_row_is_left_to_the_long_path(data):
    assert _plain_fact(data) is None
    with_error = _long(data)
    try:
        assert json.dumps(_canonical(_Row("facts.jsonl", 7, data))) == with_error
    except InterchangeError as exc:
        assert str(exc) == with_error


# Values that reach the edges of each field's rules.
VALUES = st.sampled_from([None, "", " ", "x", " x ", "Port Vell", "draft", "approved", " retired", "superseded",
                          "fact", "entity", 0, 5, -1, 1.5, -0.0, 10 ** 400, float("nan"), float("inf"), True, False,
                          "3", " 2.5 ", "-2", "nan", "2020-01-01", "2021-06-01", "2020-W01-1", "20200101",
                          " 2020-01-01", "2020-02-30", [], ["a", " b  c ", ""], ["a", 1], "a|b", {}, SOURCE,
                          {**SOURCE, "accessed": "2024-01-01"}, {**SOURCE, "accessed": 5}, {"title": "t"},
                          {**SOURCE, "url": 5}, {**SOURCE, "isbn": None}])
FIELDS = st.sampled_from(["record", "subject", "aliases", "predicate", "value", "unit", "date", "valid_from",
                          "valid_to", "tolerance", "source", "status", "note", "version", "superseded_by", "todo",
                          "kind", "source.accessed"])
PLAIN_FIELDS = st.sampled_from(["aliases", "unit", "date", "valid_from", "valid_to", "tolerance", "source", "status",
                                "note"])


@settings(max_examples=3000, deadline=None)
@given(changes=st.one_of(st.dictionaries(FIELDS, VALUES, max_size=6),
                         st.dictionaries(PLAIN_FIELDS, VALUES, max_size=3)))
@example(changes={"valid_from": "2021-06-01", "valid_to": "2020-01-01"})
@example(changes={"tolerance": -0.0})
def test_the_short_path_never_disagrees_with_the_long_one(changes):
    data = {**PLAIN, **changes}
    fact = _plain_fact(data)
    if fact is not None:
        assert json.dumps(fact) == _long(data)
