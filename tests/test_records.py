"""Records made by the quick `__init__` (records.filled_at_once) are the dataclass's own records."""

from __future__ import annotations

import dataclasses

import pytest

from verifier.records import Claim, filled_at_once

FIELDS = dataclasses.fields(Claim)


def test_a_claim_takes_every_field_by_position_or_name_with_the_fields_defaults():
    values = {f.name: f"value of {f.name}" for f in FIELDS}
    assert dataclasses.asdict(Claim(*values.values())) == values
    assert dataclasses.asdict(Claim(**values)) == values
    required = {f.name: values[f.name] for f in FIELDS if f.default is dataclasses.MISSING}
    assert dataclasses.asdict(Claim(**required)) == {f.name: values[f.name] if f.name in required else f.default
                                                    for f in FIELDS}


def test_a_claim_stays_frozen_equal_by_value_and_replaceable():
    claim = Claim("quantity", 3, 12, "26 people", 26.0, unit="people", anchor=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.start = 4  # type: ignore[misc]
    assert claim == Claim("quantity", 3, 12, "26 people", 26.0, unit="people", anchor=3)
    assert hash(claim) == hash(Claim("quantity", 3, 12, "26 people", 26.0, unit="people", anchor=3))
    assert dataclasses.replace(claim, value=27.0).value == 27.0
    with pytest.raises(TypeError):
        Claim("quantity", 3, 12, "26 people")  # no value


def test_a_class_with_more_than_plain_fields_is_refused():
    @dataclasses.dataclass(frozen=True)
    class Listed:
        items: list = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="Listed"):
        filled_at_once(Listed)
