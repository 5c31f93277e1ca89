"""Where the as-of date comes from, in order: option, front matter, dateline, today."""

import datetime as dt

import pytest

from verifier.document import resolve_as_of

TODAY = dt.date(2026, 1, 15)
CASES = [
    ("option-wins", "---\ndate: 2024-02-01\n---\nLondon, 3 March 2024 (AP) Text.", dt.date(2020, 1, 1), None,
     (dt.date(2020, 1, 1), "option")),
    ("front-matter", "---\ntitle: x\ndate: 2024-02-01\n---\nLondon, 3 March 2024 (AP) Text.", None, None,
     (dt.date(2024, 2, 1), "front matter")),
    ("dateline-full", "NEW DELHI, May 7, 2025 (Reuters) - Text.", None, None, (dt.date(2025, 5, 7), "dateline")),
    ("dateline-day-first", "London, 3 March 2024 (AP) Text.", None, None, (dt.date(2024, 3, 3), "dateline")),
    ("dateline-year-from-text", "Minsk, June 26 (Agency) Plans for 2025 were set; 2023 was busy.", None, None,
     (dt.date(2025, 6, 26), "dateline, year from the text")),
    ("dateline-year-from-file", "Minsk, June 26 (Agency) No year here.", None, dt.date(2024, 7, 1),
     (dt.date(2024, 6, 26), "dateline, year from the file date")),
    ("text-years-capped-by-file-date", "Minsk, June 26 (Agency) A plan for 2030 and a vote in 2019.", None,
     dt.date(2021, 1, 1), (dt.date(2019, 6, 26), "dateline, year from the text")),
    ("today", "A draft with no date at all.", None, None, (TODAY, "today")),
]


@pytest.mark.parametrize("text, option, file_date, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_as_of_source(text, option, file_date, expected):
    as_of = resolve_as_of(text, option, file_date, TODAY)
    assert (as_of.date, as_of.source) == expected
