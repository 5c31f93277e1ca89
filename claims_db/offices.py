"""An office's names, made from its parts: title, portfolio, body, and the jurisdiction's names and demonyms.

An office declared as the "Minister" of "Defence" of Russia (names Russia, Russian Federation;
demonym Russian) is also "Defense Minister of Russia", "Russia's Minister for Defence", "Russian
Defence Minister" and "Minister of Defence of the Russian Federation"; a curator writes only the
irregular names ("Raksha Mantri"). Names are made at import and remade when the jurisdiction gains a
name, so they are never part of a record or of the digest: the parts are.

The forms, each a rule with its examples in `tests/test_offices.py`:
- a title with a portfolio is said three ways: "Minister of Defence", "Minister for Defence", "Defence
  Minister"; a portfolio of "... Affairs" is also named by its first words before the title
  ("Foreign Minister"), and a plural portfolio also in the singular ("Railway Minister");
- the jurisdiction follows with "of" ("... of Russia"), or comes first as a name, a possessive or a
  demonym ("Russia Defence Minister", "Russia's Defence Minister", "Russian Defence Minister");
- a formal name ("Russian Federation", "Republic of India", "Shanghai Cooperation Organisation") or an
  acronym ("SCO") takes "the" after "of"; a formal name is not used before the title, an acronym is
  ("SCO Secretary-General");
- British and American spellings of the portfolio and body are both names ("Defence", "Defense");
  hyphens and apostrophes need no forms of their own: look-ups read "Secretary-General" as "Secretary General";
- an abbreviated title ("PM") names an office only beside its jurisdiction: alone it is a time of day;
- the title alone ("Defence Minister", "President") names every office of that title: the linker picks
  one by the country the sentence names, and `claims-db validate` does not count it as a shared alias;
- a body is named after the title ("Premier of the State Council").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .models import AliasForm
from .text import normalise

# British and American spellings of words that name portfolios and bodies; each pair both ways.
SPELLINGS = {"defence": "defense", "organisation": "organization", "labour": "labor", "programme": "program",
             "centre": "center"}
_OTHER_SPELLING = {**SPELLINGS, **{american: british for british, american in SPELLINGS.items()}}
ABBREVIATIONS = {"Prime Minister": "PM", "Chief Minister": "CM"}
# A name holding one of these words is a formal name: "of the Russian Federation", never "Russian Federation's".
FORMAL_WORDS = frozenset("""republic federation kingdom union emirates states organisation organization council
nations islands government commission assembly confederation commonwealth principality sultanate emirate""".split())
_ACRONYM = re.compile(r"[A-Z]{2,}")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Office:
    """What an office is, in parts: "Minister" (title) of "Defence" (portfolio), or "Premier" of the "State Council"."""

    title: str
    portfolio: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class Names:
    """An office's generated names: `titles` name no jurisdiction (shared by design), `full` name it."""

    titles: frozenset[str]
    full: frozenset[str]


def spellings(text: str) -> set[str]:
    """`text` in every British and American spelling of its words."""
    forms = {text}
    for word in _WORD.findall(text):
        other = _OTHER_SPELLING.get(word.lower())
        if other:
            other = other.capitalize() if word[0].isupper() else other
            forms |= {form.replace(word, other) for form in forms}
    return forms


def singular(word: str) -> str:
    """A plural portfolio's singular ("Railways" -> "Railway", "Fisheries" -> "Fishery"); else the word itself."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def is_formal(name: str) -> bool:
    """Whether a name takes "the" after "of": a formal name ("Russian Federation") or an acronym ("SCO")."""
    return bool(_ACRONYM.fullmatch(name)) or any(w.lower() in FORMAL_WORDS for w in _WORD.findall(name))


def _bare(office: Office, title: str) -> set[str]:
    """The office named without its jurisdiction, by one spelling of its title."""
    if office.portfolio is None:
        forms = {title}
    else:
        portfolios = spellings(office.portfolio)
        modifiers = portfolios | {p.removesuffix(" Affairs") for p in portfolios if p.endswith(" Affairs")}
        modifiers |= {singular(p) for p in portfolios if " " not in p and singular(p) != p}
        forms = {f"{title} {joint} {p}" for p in portfolios for joint in ("of", "for")}
        forms |= {f"{m} {title}" for m in modifiers}
    if office.body:
        forms |= {f"{title} of the {b}" for b in spellings(office.body)}
    return forms


def names(office: Office, jurisdiction_names: list[str], demonyms: list[str]) -> Names:
    """Every regular name of the office, from its parts and its jurisdiction's names and demonyms."""
    titles: set[str] = set()
    full: set[str] = set()
    titles = _bare(office, office.title)
    forms = titles | ({f.replace(office.title, ABBREVIATIONS[office.title]) for f in titles}
                      if office.title in ABBREVIATIONS else set())
    full: set[str] = set()
    for written in jurisdiction_names:
        if "(" in written:  # "Shanghai Cooperation Organisation (SCO)": a name and its acronym, each given apart
            continue
        name = written.removeprefix("the ")
        formal = is_formal(name) or name != written
        full |= {f"{form} of the {name}" if formal else f"{form} of {name}" for form in forms}
        if not formal or _ACRONYM.fullmatch(name):
            full |= {f"{name} {form}" for form in forms}
        if not formal:
            full |= {f"{name}'s {form}" for form in forms}
    full |= {f"{demonym} {form}" for demonym in demonyms for form in forms}
    return Names(frozenset(titles), frozenset(full - titles))


def made_names(title: str, portfolio: str | None, body: str | None, place: str | None,
               place_aliases: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The names an office's parts make, by norm (of two spellings of one name, the first in sort order);
    `place` is its jurisdiction's name and `place_aliases` that one's (text, form) pairs."""
    place_aliases = list(place_aliases)
    written = sorted({place, *(t for t, f in place_aliases if f == AliasForm.NAME)}) if place else []
    demonyms = sorted(t for t, f in place_aliases if f == AliasForm.DEMONYM) if place else []
    made_names = names(Office(title, portfolio, body), written, demonyms)
    made: dict[str, str] = {}
    for name in sorted(made_names.titles | made_names.full):
        made.setdefault(normalise(name), name)
    made.pop("", None)
    return made
