"""The pieces `claims_db.bulk` writes with (`claims_db.rows`): what each gives back is what it was given."""

from __future__ import annotations

import pytest

from claims_db import rows


@pytest.mark.parametrize("count", [0, 1, 999, 1000, 1001, 2500], ids=lambda n: f"{n}-objects")
def test_a_spool_gives_back_its_objects_in_order_across_its_chunks(monkeypatch, count):
    monkeypatch.setattr(rows, "SPOOL_CHUNK", 1000)
    spool = rows.Spool()
    items = [({"record": "fact", "n": n, "note": None}, n % 3, "é" * (n % 5)) for n in range(count)]
    for item in items:
        spool.add(item)
    assert list(spool) == items
    assert list(spool) == items, "read again from the start"


def test_a_spool_read_then_added_to_gives_back_everything(monkeypatch):
    monkeypatch.setattr(rows, "SPOOL_CHUNK", 2)
    spool = rows.Spool()
    for n in range(3):
        spool.add(n)
    assert list(spool) == [0, 1, 2]
    spool.add(3)
    assert list(spool) == [0, 1, 2, 3]
