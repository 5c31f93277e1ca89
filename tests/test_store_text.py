"""How names are normalised, the same at import and at look-up (claims_db/text.py)."""

from __future__ import annotations

import pytest

from claims_db.text import normalise, token_spans


@pytest.mark.parametrize("written, stored", [
    ("Côte dʼIvoire", "Cote d'Ivoire"),           # U+02BC, a letter to the regex, is an apostrophe
    ("Xiʼan’s mayor", "Xi'an's mayor"),            # curly and modifier apostrophes split alike
    ("São Tomé and Príncipe", "sao tome and principe"),
    ("Kyiv–Odesa line", "Kyiv-Odesa line"),        # dashes
    ("ISRO's PSLV_C60", "isro s pslv c60"),         # the underscore splits
], ids=["modifier-apostrophe", "mixed-apostrophes", "accents", "dash", "underscore"])
def test_spellings_meet(written, stored):
    assert normalise(written) == normalise(stored)


def test_spans_index_the_text_as_written():
    text = "Mayor of Xiʼan, “São Paulo” — again Xiʼan."
    assert [(word, text[start:end]) for word, start, end in zip(*token_spans(text))] == [
        ("mayor", "Mayor"), ("of", "of"), ("xi", "Xi"), ("an", "an"), ("sao", "São"), ("paulo", "Paulo"),
        ("again", "again"), ("xi", "Xi"), ("an", "an")]
