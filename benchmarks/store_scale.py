"""How the store's look-ups scale: build stores of N realistic facts and time the read API.

    python -m benchmarks.store_scale [--sizes 10000 1000000] [--dir DIR] [--keep]
                                     [--repeat 50] [--warmup 5] [--url postgresql://...]

For each size the script builds a SQLite store (or reuses one already built in
--dir), then times, through `claims_db.query.Reader`:

  mentions   Reader.mentions() over a ~1,000-word news-like text naming a few
             dozen of the store's entities among ordinary words;
  facts      Reader.facts() for one entity and one predicate;
  and two extra look-ups the verifier makes: facts() for every entity the text
  names under a handful of predicates, and facts_with_value() (the holders of
  an office).

It prints the median and p95 over --repeat runs after --warmup runs, the part
of the median spent in SQL, and the ratio of each size to the smallest. The
featured entities (the ones the text names and the look-ups ask about) and
their facts are the same in every size, so the look-ups return the same facts
and only the size of the rest of the store changes.

The data is generated deterministically (fixed seed): about facts/5 entities of
seven kinds with 2-4 aliases each (multi-word names sharing words such as
"National", "Bank", "Minister"; surnames shared by several people in big
stores), the default predicate vocabulary plus 38 more predicates of all four
value types, and facts with values, dates, validity periods, sources and notes.
Rows are bulk-inserted with executemany (SQLite) or COPY (PostgreSQL) into the
schema that `claims_db.store.Store(create=True)` makes, FTS triggers included.

With --url the same look-ups also run against PostgreSQL (default size 10,000,
see --pg-sizes). The script never writes to the database named in the URL: it
creates a database `<name>_bench_<size>` next to it, reuses it if it already
holds the benchmark store of that size, and drops it at the end unless --keep.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import multiprocessing
import json
import math
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from claims_db.interchange import fact_uid, natural_key
from claims_db.query import Reader
from claims_db.text import normalise

GENERATOR = "4"  # bump when the generated data changes, so old stores in --dir are rebuilt
SEED = 20251125
BATCH = 20_000
MARKER = "benchmark"  # meta key identifying a store this script built

# -- vocabulary --------------------------------------------------------------

ORDINARY = """
the a an of to in on at for with by from as and or but that this these those it its their his her they he she
we our was were is are be been has have had will would could should may might must not no after before during
over under about against between into through while when where which who whom whose than then also only more
most some many several few other new old first last next early late said says told added announced reported
confirmed denied warned called urged agreed signed met visited arrived left returned expected planned began ended
government officials official minister ministry spokesman spokeswoman statement report reports press conference
talks meeting summit visit delegation agreement deal plan programme policy budget funds support aid troops forces
army police security attack attacks strike strikes border region city capital province district village town
people residents civilians workers students families children women men leaders leader opposition party parties
election elections vote votes parliament lawmakers court judge case trial law laws rules crisis conflict war peace
ceasefire negotiations sanctions trade exports imports economy growth inflation prices market markets bank banks
company companies firm investors shares percent million billion year years month months week weeks day days today
yesterday tomorrow morning evening night monday tuesday wednesday thursday friday saturday sunday january february
march april june july august september october november december according sources source analysts experts observers
critics supporters residents witnesses local national international foreign domestic public private military
political economic financial social regional global major key senior former current recent further second third
least almost nearly around about roughly some higher lower large small big long short strong weak
killed injured wounded dead missing arrested detained released charged accused suspected launched opened closed
built held hosted joined raised cut increased decreased rose fell reached exceeded passed approved rejected blocked
water power energy oil gas food health schools hospitals roads bridges homes houses buildings infrastructure
""".split()
ORDINARY_SET = set(ORDINARY)
RESERVED = ORDINARY_SET | {"s", "st", "mr", "mrs", "ms", "dr", "de", "la", "le", "el", "al", "von", "van", "bin"}

FIRST_NAMES = """
Aaron Adele Ahmed Aiko Alexei Amara Anders Andrea Anil Anja Arjun Astrid Aylin Beatriz Bogdan Carlos Chiara Chen
Dalia Daniel Darius Diego Dmitri Elena Elif Emeka Emil Erik Fatima Felipe Fiona Florin Giorgio Hana Hassan Helga
Hiroshi Ibrahim Ines Ingrid Irina Isabel Ivan Jakob Jamal Javier Jelena Jonas Jorge Julia Kamal Karim Katarina Kenji
Kofi Lars Leila Lena Li Lucia Luis Magnus Malik Marco Maria Marta Mateo Mehmet Mei Mikhail Mina Mohammed Nadia
Naveen Nikos Nina Noor Olga Omar Oskar Pablo Pavel Pedro Priya Rahul Rania Ravi Rosa Ruslan Sakura Salma Samir
Sanjay Sara Sergei Shira Sofia Sven Tamar Tariq Tomas Uma Valentina Viktor Wei Xavier Yara Yusuf Zainab Zoran
""".split()

ONSETS = "b br c ch d dr f g gr h j k kr l m n p pr r s sh st t tr v w z zh".split()
VOWELS = "a e i o u a e o ai ei ou ia".split()
CODAS = ["", "", "", "n", "r", "s", "l", "m", "k", "t", "v", "sk"]
PLACE_SUFFIXES = ["", "", "", "ia", "burg", "pur", "abad", "ville", "grad", "stan", "port", "ford"]

ORG_PREFIXES = ["National", "United", "Central", "Democratic", "People's", "Federal", "Royal", "First", "Northern",
                "Southern", "Eastern", "Western", "International", "Progressive", "Independent"]
ORG_TYPES = ["Bank", "Holdings", "Group", "Party", "Institute", "Foundation", "Corporation", "Alliance", "Council",
             "Agency", "Authority", "Union", "Front", "Company", "University", "Airlines", "Railways", "Energy",
             "Telecom", "Motors", "Press", "Trust", "Movement", "League", "Organisation"]
PLACE_FORMS = ["{w}", "{w}", "Port {w}", "{w} City", "{w} Valley", "Lake {w}", "{w} Province", "{w} Hills",
               "New {w}", "{w} Bay", "Mount {w}", "{w} District"]
EVENT_TYPES = ["earthquake", "floods", "summit", "attack", "election", "bombing", "protests", "accord", "crisis",
               "ceasefire", "cyclone", "derailment", "referendum", "massacre", "landslide", "conference"]
AREAS = ["Defence", "Finance", "Foreign Affairs", "Health", "Interior", "Trade", "Energy", "Education", "Justice",
         "Agriculture", "Transport", "Home Affairs"]
OTHER_FORMS = ["{w}-{n} missile", "{w}-class frigate", "{w} {n} fighter jet", "INS {w}", "{w} Bridge",
               "{w} Dam", "{w} Expressway", "{w} Pipeline", "{w}-{n} satellite", "{w} Treaty"]
PUBLISHERS = [("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("Wikipedia", "en.wikipedia.org"),
              ("The Hindu", "thehindu.com"), ("BBC News", "bbc.co.uk"), ("Al Jazeera", "aljazeera.com"),
              ("Le Monde", "lemonde.fr"), ("World Bank", "data.worldbank.org"), ("IMF", "imf.org"),
              ("United Nations", "un.org"), ("Government Gazette", "gazette.gov.example"),
              ("The Guardian", "theguardian.com"), ("Nikkei Asia", "asia.nikkei.com"), ("Deutsche Welle", "dw.com"),
              ("Press Trust of India", "ptinews.com"), ("Xinhua", "xinhuanet.com"), ("TASS", "tass.com"),
              ("Statistics Office", "stats.gov.example"), ("Election Commission", "eci.gov.example"),
              ("SIPRI", "sipri.org")]

# The default vocabulary (claims_db/data/predicates.jsonl) plus these: name -> (value type, unit or target kinds).
EXTRA_PREDICATES = {
    "born_on": ("date", None), "died_on": ("date", None), "citizenship": ("entity", ("country",)),
    "birthplace": ("entity", ("place",)), "net_worth": ("quantity", "USD"), "spouse": ("entity", ("person",)),
    "awards_count": ("quantity", "awards"), "education": ("text", None), "nickname": ("text", None),
    "employees": ("quantity", "people"), "revenue": ("quantity", "USD"), "founded_by": ("entity", ("person",)),
    "motto": ("text", None), "website": ("text", None), "ceo": ("entity", ("person",)),
    "gdp": ("quantity", "USD"), "area": ("quantity", "km2"), "capital": ("entity", ("place",)),
    "currency": ("text", None), "official_language": ("text", None), "independence_on": ("date", None),
    "head_of_state": ("entity", ("person",)), "elevation": ("quantity", "m"), "mayor": ("entity", ("person",)),
    "postal_code": ("text", None), "time_zone": ("text", None), "displaced": ("quantity", "people"),
    "magnitude": ("quantity", "Mw"), "perpetrator": ("entity", ("organisation",)), "turnout": ("quantity", "percent"),
    "seat": ("entity", ("place",)), "term_length": ("quantity", "years"), "salary": ("quantity", "USD"),
    "appointed_by": ("entity", ("office",)), "range": ("quantity", "km"), "unit_cost": ("quantity", "USD"),
    "operator": ("entity", ("organisation", "country")), "designation": ("text", None),
}
ENTITY_TARGETS = {  # target kinds of the default vocabulary's entity-valued predicates
    "holds_office": ("office",), "member_of": ("organisation",), "chairs": ("organisation",),
    "observer_of": ("organisation",), "dialogue_partner_of": ("organisation",), "headquartered_in": ("place",),
    "located_in": ("place", "country"), "manufactured_by": ("organisation",),
}
UNITS = {"killed": "people", "injured": "people", "count_of_targets": "targets", "member_count": "members",
         "population": "people", "amount": "USD", "bilateral_trade": "USD"}
RANGES = {  # log10 range of quantity values
    "killed": (0, 3), "injured": (0, 3.5), "count_of_targets": (0, 2), "member_count": (0.5, 3), "population": (3, 9),
    "amount": (5, 11), "bilateral_trade": (8, 11.5), "net_worth": (6, 11), "awards_count": (0, 1.5),
    "employees": (1, 6), "revenue": (6, 12), "gdp": (9, 13), "area": (1, 7), "elevation": (0, 3.9),
    "displaced": (1, 6), "magnitude": (0.5, 0.95), "turnout": (1.4, 1.99), "term_length": (0, 1), "salary": (4, 6),
    "range": (1.5, 4), "unit_cost": (5, 9),
}
KIND_PREDICATES = {
    "person": ["holds_office", "born_on", "died_on", "citizenship", "birthplace", "net_worth", "spouse",
               "awards_count", "education", "nickname", "member_of"],
    "organisation": ["established", "headquartered_in", "member_count", "amount", "employees", "revenue",
                     "founded_by", "motto", "website", "ceo", "member_of", "chairs"],
    "country": ["population", "gdp", "area", "capital", "currency", "official_language", "member_of", "chairs",
                "observer_of", "dialogue_partner_of", "bilateral_trade", "independence_on", "head_of_state"],
    "place": ["population", "located_in", "elevation", "area", "established", "mayor", "postal_code", "time_zone"],
    "event": ["killed", "injured", "occurred_on", "located_in", "ended_on", "displaced", "magnitude", "perpetrator",
              "count_of_targets", "turnout", "amount", "launched_on"],
    "office": ["established", "seat", "term_length", "salary", "appointed_by"],
    "other": ["manufactured_by", "commissioned_on", "launched_on", "range", "unit_cost", "operator", "designation",
              "located_in"],
}
KIND_WEIGHTS = {"person": 40, "organisation": 18, "place": 18, "event": 12, "office": 6, "other": 6}
FEATURED_KINDS = (["person"] * 12 + ["organisation"] * 6 + ["country"] * 4 + ["place"] * 6 + ["event"] * 6
                  + ["office"] * 4 + ["other"] * 2)
# What the timed look-ups ask about (all featured, identical in every size).
FACTS_PREDICATE = "holds_office"
BATCH_PREDICATES = ["holds_office", "killed", "population", "member_of", "established"]


# -- data generation -----------------------------------------------------------

@dataclass
class Entity:
    id: int
    name: str
    kind: str
    aliases: list[str]
    note: str | None = None


@dataclass
class Dataset:
    size: int
    entities: list[Entity]
    featured: list[Entity]


class Names:
    """Deterministic pools of made-up name words, the same in every size."""

    def __init__(self, rng: random.Random):
        self.surnames = self._pool(rng, 40_000, (2, 2, 3), [""])
        self.places = self._pool(rng, 30_000, (1, 2, 2), PLACE_SUFFIXES, taken=set(self.surnames))

    @staticmethod
    def _pool(rng: random.Random, size: int, syllables, suffixes, taken: set[str] | None = None) -> list[str]:
        seen = set(taken or ())
        out = []
        while len(out) < size:
            word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                           for _ in range(rng.choice(syllables))) + rng.choice(suffixes)
            word = word.capitalize()
            if len(word) < 4 or word.lower() in RESERVED or word in seen:
                continue
            seen.add(word)
            out.append(word)
        return out


class EntityMaker:
    """Makes entities of every kind with unique names and 2-4 aliases (name included)."""

    def __init__(self, rng: random.Random, names: Names):
        self.rng, self.names = rng, names
        self.taken: set[str] = set()
        self.countries: list[str] = []   # country words, for offices
        self.next_id = 1

    def make(self, kind: str) -> Entity:
        for _ in range(20):
            name, aliases = getattr(self, "_" + kind)()
            if name not in self.taken:
                break
        else:
            name = f"{name} ({self.next_id})"
        self.taken.add(name)
        entity = Entity(self.next_id, name, kind, _dedupe([name, *aliases]))
        if self.rng.random() < 0.1:
            entity.note = f"{kind} entry curated from {self.rng.choice(PUBLISHERS)[0]} coverage"
        self.next_id += 1
        return entity

    def _person(self):
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(self.names.surnames)
        if rng.random() < 0.05:
            last = last.replace("e", "\u00e9", 1)  # accents: normalise() folds them away
        if rng.random() < 0.15:
            last = f"{last}-{rng.choice(self.names.surnames)}"
        name = f"{first} {last}"
        if rng.random() < 0.2:
            name = f"{first} {rng.choice(FIRST_NAMES)} {last}"
        aliases = [last, f"{first[0]}. {last}"]
        variant = last.replace("ou", "u").replace("ei", "ey").replace("ia", "ya")
        if variant != last:
            aliases.append(f"{first} {variant}")
        return name, rng.sample(aliases, rng.randint(1, len(aliases)))

    def _organisation(self):
        rng = self.rng
        words = [rng.choice(self.names.surnames if rng.random() < 0.5 else self.names.places)]
        if rng.random() < 0.4:
            words.append(rng.choice(self.names.places))
        if rng.random() < 0.5:
            words.insert(0, rng.choice(ORG_PREFIXES))
        kind = rng.choice(ORG_TYPES)
        name = " ".join([*words, kind])
        acronym = "".join(w[0] for w in [*words, kind]).upper()
        aliases = [" ".join(words[-1:] + [kind])]
        if len(acronym) >= 3 and acronym.lower() not in RESERVED:  # no "BE" or "THE" acronyms
            aliases.append(acronym)
        if rng.random() < 0.3:
            aliases.append(f"{kind} of {words[-1]}")
        return name, rng.sample(aliases, rng.randint(1, len(aliases)))

    def _country(self):
        rng = self.rng
        word = rng.choice(self.names.places)
        stem = word if word.endswith("ia") else word + "ia"
        self.countries.append(stem)
        name = f"Republic of {stem}"
        aliases = [stem, f"{stem}n Republic", f"Rep. of {stem}"]
        return name, rng.sample(aliases, rng.randint(1, len(aliases)))

    def _place(self):
        rng = self.rng
        word = rng.choice(self.names.places)
        name = rng.choice(PLACE_FORMS).format(w=word)
        aliases = [word] if name != word else []
        aliases.append(f"{word} region" if rng.random() < 0.5 else f"{word} area")
        if rng.random() < 0.3:
            aliases.append(f"Greater {word}")
        return name, rng.sample(aliases, rng.randint(1, len(aliases)))

    def _event(self):
        rng = self.rng
        year, place, kind = rng.randint(1950, 2025), rng.choice(self.names.places), rng.choice(EVENT_TYPES)
        name = f"{year} {place} {kind}"
        aliases = [f"{place} {kind}", f"{kind.capitalize()} in {place}", f"{place} {kind} of {year}"]
        return name, rng.sample(aliases, rng.randint(1, len(aliases)))

    def _office(self):
        rng = self.rng
        country = rng.choice(self.countries) if self.countries else rng.choice(self.names.places)
        form = rng.random()
        if form < 0.6:
            area = rng.choice(AREAS)
            return f"Minister of {area} of {country}", [f"{country} {area} Minister", f"{area} Minister of {country}"][:rng.randint(1, 2)]
        if form < 0.8:
            place = rng.choice(self.names.places)
            return f"Governor of {place} Province", [f"{place} Governor", f"Governor of {place}"][:rng.randint(1, 2)]
        place = rng.choice(self.names.places)
        return f"Mayor of {place}", [f"{place} Mayor", f"{place} mayoralty"][:rng.randint(1, 2)]

    def _other(self):
        rng = self.rng
        word, number = rng.choice(self.names.surnames), rng.randint(1, 99)
        name = rng.choice(OTHER_FORMS).format(w=word, n=number)
        aliases = [name.split(" ")[0] if " " in name else f"{word} {number}", f"{word} project"]
        return name, rng.sample(aliases, rng.randint(1, len(aliases)))


def _dedupe(aliases: list[str]) -> list[str]:
    seen, out = set(), []
    for alias in aliases:
        norm = normalise(alias)
        if norm and norm not in seen:
            seen.add(norm)
            out.append(alias)
    return out


def _featured() -> tuple[EntityMaker, list[Entity]]:
    maker = EntityMaker(random.Random(SEED + 1), Names(random.Random(SEED)))
    return maker, [maker.make(kind) for kind in FEATURED_KINDS]


def make_featured() -> list[Entity]:
    """The entities the text names and the look-ups ask about: the first ones of every store."""
    return _featured()[1]


def make_dataset(size: int) -> Dataset:
    """Entities (featured first, identical in every size) for a store of `size` facts."""
    maker, featured = _featured()
    n_entities = max(size // 5, 2 * len(featured))
    n_countries = min(200, n_entities // 10)
    entities = featured + [maker.make("country") for _ in range(n_countries)]
    maker.rng = random.Random(SEED + 2)
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    while len(entities) < n_entities:
        entities.append(maker.make(maker.rng.choices(kinds, weights)[0]))
    return Dataset(size, entities, featured)


class FactMaker:
    """Fact rows in the column order of FACT_COLUMNS, with unique natural keys and uids."""

    def __init__(self, data: Dataset, predicates: dict[str, tuple[int, str]], rng: random.Random):
        self.data, self.predicates, self.rng = data, predicates, rng
        self.by_id = {e.id: e for e in data.entities}
        featured_ids = {e.id for e in data.featured}
        # Background facts never point at featured entities, so the timed look-ups return the same rows in every size.
        self.targets: dict[str, list[int]] = {}
        for e in data.entities:
            if e.id not in featured_ids:
                self.targets.setdefault(e.kind, []).append(e.id)
        self.keys: set[str] = set()
        self.uids: set[str] = set()
        self.uid_collisions = 0
        self.target_cache: dict[str, list[int]] = {}
        self.slugs: dict[int, str] = {}
        self.next_id = 1
        self.today = dt.date(2025, 11, 1).toordinal()

    def _date(self, start_year: int = 1900) -> str:
        return dt.date.fromordinal(self.rng.randint(dt.date(start_year, 1, 1).toordinal(), self.today)).isoformat()

    def _value(self, predicate: str, value_type: str, target_ids: list[int] | None):
        rng = self.rng
        if value_type == "quantity":
            lo, hi = RANGES.get(predicate, (0, 6))
            value = 10 ** rng.uniform(lo, hi)
            return (round(value, 1) if value < 100 and predicate in ("magnitude", "turnout") else int(value)), None
        if value_type == "date":
            return self._date(), None
        if value_type == "entity":
            entity_id = rng.choice(target_ids)
            return self.by_id[entity_id].name, entity_id
        words = rng.sample(ORDINARY, rng.randint(1, 4))
        return " ".join(words).capitalize(), None

    def _targets(self, predicate: str) -> list[int] | None:
        """Background entities an entity-valued predicate may point at (cached per predicate)."""
        if predicate not in self.target_cache:
            kinds = ENTITY_TARGETS.get(predicate) or EXTRA_PREDICATES[predicate][1]
            self.target_cache[predicate] = [i for k in kinds for i in self.targets.get(k, ())]
        return self.target_cache[predicate]

    def row(self, subject: Entity, predicate: str, value=None, value_entity_id=None,
            valid_from: str | None = None, valid_to: str | None = None) -> tuple:
        rng = self.rng
        predicate_id, value_type = self.predicates[predicate]
        given = value is not None
        target_ids = self._targets(predicate) if value_type == "entity" and not given else None
        date = None
        for _ in range(100):
            if not given:
                value, value_entity_id = self._value(predicate, value_type, target_ids)
                valid_from = valid_to = None
                if value_type == "entity":
                    valid_from = self._date(1950)
                    if rng.random() < 0.6:
                        valid_to = min(dt.date.fromisoformat(valid_from) + dt.timedelta(days=rng.randint(200, 4000)),
                                       dt.date(2025, 10, 1)).isoformat()
            if value_type == "quantity":
                date = self._date(1990)
            key = natural_key({"subject": subject.name, "predicate": predicate, "value": value, "date": date,
                               "valid_from": valid_from})
            if key in self.keys:
                continue
            uid = fact_uid(key)
            if uid in self.uids:  # a different key with the same 44-bit uid
                self.uid_collisions += 1
                continue
            break
        else:
            raise RuntimeError(f"cannot make a unique fact for {subject.name} {predicate}")
        self.keys.add(key)
        self.uids.add(uid)
        publisher, domain = rng.choice(PUBLISHERS)
        slug = self.slugs.get(subject.id)
        if slug is None:
            slug = self.slugs[subject.id] = normalise(subject.name).replace(" ", "-")
        number = value if value_type == "quantity" else None
        tolerance = rng.choice((0.01, 0.05, 0.1)) if number is not None and rng.random() < 0.2 else None
        unit = (UNITS.get(predicate) or EXTRA_PREDICATES.get(predicate, (None, None))[1]) if number is not None else None
        fact_id = self.next_id
        self.next_id += 1
        return (fact_id, uid, key, subject.id, predicate_id, number,
                value if value_type == "date" else None, value_entity_id,
                value if value_type == "text" else None, unit, tolerance, date, valid_from, valid_to,
                f"{subject.name}: {predicate.replace('_', ' ')}", publisher,
                f"https://{domain}/{slug}/{predicate}-{fact_id}", self._date(2020),
                "approved", f"Figure reported by {publisher}" if rng.random() < 0.1 else None)

    def featured_rows(self) -> Iterator[tuple]:
        """Fixed facts about the featured entities; the timed look-ups read these."""
        rng = self.rng
        featured = self.data.featured
        persons = [e for e in featured if e.kind == "person"]
        offices = [e for e in featured if e.kind == "office"]
        # Office history of the first person (facts look-up) and holders of the first office (facts_with_value).
        for i, office in enumerate(offices[:3]):
            start = dt.date(2008 + 5 * i, 3, 1)
            yield self.row(persons[0], "holds_office", office.name, office.id, start.isoformat(),
                           None if i == 2 else dt.date(2012 + 5 * i, 12, 31).isoformat())
        for i, person in enumerate(persons[1:4]):
            yield self.row(person, "holds_office", offices[0].name, offices[0].id,
                           dt.date(1995 + 4 * i, 1, 15).isoformat(), dt.date(1999 + 4 * i, 1, 14).isoformat())
        by_kind: dict[str, list[int]] = {}
        for e in featured:
            by_kind.setdefault(e.kind, []).append(e.id)
        for entity in featured:
            for predicate in rng.sample(KIND_PREDICATES[entity.kind], 4):
                if predicate == "holds_office":
                    continue
                value_type = self.predicates[predicate][1]
                for _ in range(rng.randint(1, 3)):
                    if value_type == "entity":
                        kinds = ENTITY_TARGETS.get(predicate) or EXTRA_PREDICATES[predicate][1]
                        choices = [i for k in kinds for i in by_kind.get(k, ()) if i != entity.id]
                        if not choices:
                            continue
                        target = self.by_id[rng.choice(choices)]
                        yield self.row(entity, predicate, target.name, target.id, self._date(1950))
                    else:
                        yield self.row(entity, predicate)

    def background_rows(self, count: int) -> Iterator[tuple]:
        """`count` facts spread over the other entities; a popular 1% (countries first) gets a fifth of them."""
        rng = self.rng
        featured = len(self.data.featured)
        background = self.data.entities[featured:]
        popular = background[:max(1, len(background) // 100)]
        for _ in range(count):
            subject = rng.choice(popular) if rng.random() < 0.2 else rng.choice(background)
            yield self.row(subject, rng.choice(KIND_PREDICATES[subject.kind]))


def make_text(featured: list[Entity], words: int = 1000) -> str:
    """A news-like text of about `words` words naming every featured entity, some several times."""
    rng = random.Random(SEED + 3)
    order = featured[:] + rng.sample(featured, len(featured) // 2)
    rng.shuffle(order)
    queue = iter(order * 10)

    def name() -> str:
        return rng.choice(next(queue).aliases)

    def filler(lo: int, hi: int) -> str:
        return " ".join(rng.choice(ORDINARY) for _ in range(rng.randint(lo, hi)))

    def number() -> str:
        return rng.choice([str(rng.randint(2, 950)), f"{rng.randint(1, 99)}.{rng.randint(1, 9)} billion",
                           f"{rng.randint(2, 90)} percent", f"{rng.randint(1, 30)} million"])

    def date() -> str:
        day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
        return f"{day.day} {day.strftime('%B')} {day.year}"

    templates = [
        lambda: f"{name()} said on {rng.choice(['Monday', 'Tuesday', 'Friday', 'Sunday'])} that {filler(6, 12)}.",
        lambda: f"According to {name()}, {number()} {rng.choice(['people', 'civilians', 'workers'])} were {filler(3, 8)} in {name()}.",
        lambda: f"The {filler(2, 4)} between {name()} and {name()} {filler(5, 10)} on {date()}.",
        lambda: f"{filler(4, 9).capitalize()}, {name()} told reporters after meeting {name()} in {name()}.",
        lambda: f"Officials at {name()} {filler(6, 12)}, while {filler(4, 8)}.",
        lambda: f"{filler(8, 16).capitalize()}.",
        lambda: f"{filler(5, 10).capitalize()} since {date()}, {filler(4, 8)} {number()}.",
        lambda: f"In a statement, {name()} {filler(5, 11)} and {filler(3, 7)}.",
        lambda: f"{name()}, the {filler(1, 3)} of {name()}, {filler(5, 10)}.",
        lambda: f"\"{filler(6, 12).capitalize()},\" said {name()}, {filler(2, 5)}.",
    ]
    sentences, count = [], 0
    while count < words:
        sentence = rng.choice(templates)()
        sentences.append(sentence[0].upper() + sentence[1:])
        count += len(sentence.split())
        if len(sentences) % 6 == 0:
            sentences.append("\n\n")
    return " ".join(sentences).replace(" \n\n ", "\n\n")


# -- building stores -----------------------------------------------------------

ENTITY_COLUMNS = ("id", "name", "kind", "note")
ALIAS_COLUMNS = ("id", "entity_id", "text", "norm")
PREDICATE_COLUMNS = ("id", "name", "value_type", "description", "cues", "nouns")
FACT_COLUMNS = ("id", "uid", "key", "subject_id", "predicate_id", "value_number", "value_date", "value_entity_id",
                "value_text", "unit", "tolerance", "date", "valid_from", "valid_to", "source_title",
                "source_publisher", "source_url", "source_accessed", "status", "note")


@dataclass
class BuildReport:
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    reused: bool = False
    uid_collisions: int = 0
    data: Dataset | None = None
    digest_seconds: float | None = None
    bytes: int | None = None


def _entity_rows(data: Dataset) -> list[tuple]:
    return [(e.id, e.name, e.kind, e.note) for e in data.entities]


def _alias_rows(data: Dataset) -> list[tuple]:
    rows, alias_id = [], 1
    for e in data.entities:
        for text in e.aliases:
            rows.append((alias_id, e.id, text, normalise(text)))
            alias_id += 1
    return rows


def _predicate_rows(existing: dict[str, tuple[int, str]]) -> list[tuple]:
    rows, next_id = [], max((i for i, _ in existing.values()), default=0) + 1
    for name, (value_type, _) in EXTRA_PREDICATES.items():
        if name in existing:
            continue
        words = name.replace("_", " ")
        rows.append((next_id, name, value_type, f"benchmark predicate: {words}", json.dumps([words]),
                     json.dumps([] if value_type != "quantity" else [words.split()[0]])))
        existing[name] = (next_id, value_type)
        next_id += 1
    return rows


def _marker(size: int, analyze: bool) -> str:
    return json.dumps({"generator": GENERATOR, "seed": SEED, "size": size, "analyze": analyze}, sort_keys=True)


class Backend:
    """Where stores go: `insert` bulk-loads rows, `finish` analyses and stamps the meta rows."""

    label = ""

    def location(self, size: int) -> str: ...
    def existing_marker(self, size: int) -> str | None: ...
    def prepare(self, size: int) -> str: ...
    def predicates(self) -> dict[str, tuple[int, str]]: ...
    def insert(self, table: str, columns: tuple[str, ...], rows) -> int: ...
    def finish(self, size: int, marker: str, analyze: bool) -> dict[str, float]: ...
    def complete(self, size: int) -> None: ...
    def discard(self, size: int) -> None: ...
    def size_bytes(self, size: int) -> int: ...


class SQLiteBackend(Backend):
    label = "sqlite"

    def __init__(self, directory: Path):
        self.directory = directory
        self.conn: sqlite3.Connection | None = None

    def location(self, size: int) -> str:
        return str(self.directory / f"store-{size}.sqlite")

    def _tmp(self, size: int) -> Path:
        return self.directory / f"store-{size}.building.sqlite"

    def existing_marker(self, size: int) -> str | None:
        path = Path(self.location(size))
        if not path.exists():
            return None
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (MARKER,)).fetchone()
            conn.close()
        except sqlite3.Error:
            row = None
        if row is None:
            raise SystemExit(f"error: {path} exists but is not a store this benchmark built; remove it or use another --dir")
        return row[0]

    def prepare(self, size: int) -> str:
        from claims_db.store import Store

        tmp = self._tmp(size)
        for path in (tmp, Path(self.location(size))):
            if path.exists():
                path.unlink()
        store = Store(str(tmp), create=True)
        store.engine.dispose()
        self.conn = sqlite3.connect(tmp, isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -1048576", "temp_store = MEMORY"):
            self.conn.execute("PRAGMA " + pragma)
        self.conn.execute("BEGIN")
        return str(tmp)

    def predicates(self) -> dict[str, tuple[int, str]]:
        return {name: (pid, vt) for pid, name, vt in self.conn.execute("SELECT id, name, value_type FROM predicates")}

    def insert(self, table, columns, rows) -> int:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        count = 0
        for batch in _batches(rows):
            self.conn.executemany(sql, batch)
            count += len(batch)
        return count

    def finish(self, size, marker, analyze) -> dict[str, float]:
        times = {}
        conn = self.conn
        if analyze:
            start = time.perf_counter()
            conn.execute("ANALYZE")
            times["analyze"] = time.perf_counter() - start
        facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         [("facts", str(facts)), ("digest", "0" * 64), (MARKER, marker)])
        conn.execute("COMMIT")
        conn.close()
        self.conn = None
        return times

    def complete(self, size) -> None:
        os.replace(self._tmp(size), self.location(size))

    def discard(self, size) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        self._tmp(size).unlink(missing_ok=True)

    def size_bytes(self, size: int) -> int:
        return Path(self.location(size)).stat().st_size


class PostgresBackend(Backend):
    """One database per size, `<name>_bench_<size>`, made next to the one in the URL (which is never written)."""

    label = "postgresql"

    def __init__(self, url: str):
        from sqlalchemy.engine import make_url

        self.base = make_url(url.replace("postgresql+psycopg://", "postgresql://").replace("postgres://", "postgresql://"))
        self.conn = None
        self.created: list[str] = []

    def _dbname(self, size: int) -> str:
        return f"{self.base.database}_bench_{size}"

    def location(self, size: int) -> str:
        return self.base.set(database=self._dbname(size)).render_as_string(hide_password=False)

    def _connect(self, database: str, autocommit: bool = False):
        import psycopg

        url = self.base.set(database=database)
        return psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                               dbname=url.database, autocommit=autocommit)

    def existing_marker(self, size):
        with self._connect(self.base.database, autocommit=True) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (self._dbname(size),)).fetchone()
        if not exists:
            return None
        with self._connect(self._dbname(size)) as conn:
            has_meta = conn.execute("SELECT to_regclass('meta')").fetchone()[0]
            if not has_meta:
                tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
                if tables:
                    raise SystemExit(f"error: database {self._dbname(size)} exists with other tables; drop it first")
                return ""
            row = conn.execute("SELECT value FROM meta WHERE key = %s", (MARKER,)).fetchone()
        if row is None:
            raise SystemExit(f"error: database {self._dbname(size)} holds a store this benchmark did not build")
        return row[0]

    def prepare(self, size):
        from claims_db.store import Store

        name = self._dbname(size)
        with self._connect(self.base.database, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        store = Store(self.location(size), create=True)
        store.engine.dispose()
        self.conn = self._connect(name)
        return self.location(size)

    def predicates(self):
        return {name: (pid, vt) for pid, name, vt in self.conn.execute("SELECT id, name, value_type FROM predicates")}

    def insert(self, table, columns, rows) -> int:
        count = 0
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def finish(self, size, marker, analyze):
        times = {}
        conn = self.conn
        for table in ("entities", "aliases", "predicates", "facts"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
        conn.cursor().executemany(
            "INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [("facts", str(facts)), ("digest", "0" * 64), (MARKER, marker)])
        conn.commit()
        if analyze:
            start = time.perf_counter()
            conn.autocommit = True
            conn.execute("ANALYZE")
            times["analyze"] = time.perf_counter() - start
        conn.close()
        self.conn = None
        return times

    def complete(self, size):
        pass

    def discard(self, size):
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        self.drop(size)

    def drop(self, size):
        with self._connect(self.base.database, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self._dbname(size)}"')

    def size_bytes(self, size: int) -> int:
        with self._connect(self.base.database, autocommit=True) as admin:
            return admin.execute("SELECT pg_database_size(%s)", (self._dbname(size),)).fetchone()[0]


def _batches(rows, size: int = BATCH) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build(backend: Backend, size: int, analyze: bool, log: Callable[[str], None]) -> BuildReport:
    """Build the store of `size` facts unless one of the same make is there already."""
    report = BuildReport()
    marker = _marker(size, analyze)
    if backend.existing_marker(size) == marker:
        report.reused = True
        report.bytes = backend.size_bytes(size)
        log(f"  {backend.label} {size:,}: reusing {backend.location(size)}")
        return report
    log(f"  {backend.label} {size:,}: building {backend.location(size)} ...")
    total = time.perf_counter()
    try:
        start = time.perf_counter()
        backend.prepare(size)
        report.seconds["schema"] = time.perf_counter() - start

        start = time.perf_counter()
        data = make_dataset(size)
        report.seconds["generate entities"] = time.perf_counter() - start
        report.data = data

        start = time.perf_counter()
        predicates = backend.predicates()
        report.counts["predicates"] = len(predicates) + backend.insert("predicates", PREDICATE_COLUMNS,
                                                                      _predicate_rows(predicates))
        report.counts["entities"] = backend.insert("entities", ENTITY_COLUMNS, _entity_rows(data))
        report.counts["aliases"] = backend.insert("aliases", ALIAS_COLUMNS, _alias_rows(data))
        report.seconds["insert entities+aliases"] = time.perf_counter() - start

        start = time.perf_counter()
        facts = FactMaker(data, predicates, random.Random(SEED + 4))
        featured = list(facts.featured_rows())
        rows = _chain(featured, facts.background_rows(size - len(featured)))
        report.counts["facts"] = backend.insert("facts", FACT_COLUMNS, rows)
        report.seconds["generate+insert facts"] = time.perf_counter() - start
        report.uid_collisions = facts.uid_collisions

        report.seconds.update(backend.finish(size, marker, analyze))
        backend.complete(size)
    except BaseException:
        backend.discard(size)
        raise
    report.seconds["total"] = time.perf_counter() - total
    report.bytes = backend.size_bytes(size)
    log(f"  {backend.label} {size:,}: built in {report.seconds['total']:.1f} s "
        f"({', '.join(f'{k} {v:.1f} s' for k, v in report.seconds.items() if k != 'total')})")
    return report


def time_digest(location: str) -> float:
    """Time a full recomputation of the digest (writes update it incrementally; a bulk load needs this)."""
    from claims_db.store import Store

    store = Store(location)
    start = time.perf_counter()
    store.refresh_digest()
    seconds = time.perf_counter() - start
    store.engine.dispose()
    return seconds


def _chain(*iterables):
    for iterable in iterables:
        yield from iterable


# -- timing ----------------------------------------------------------------------

@dataclass
class Timing:
    name: str
    samples: list[float]          # seconds per call
    db: list[float]               # seconds in SQL per call
    first: float                  # the first call on a fresh reader
    result: str                   # what the look-up returned
    sql_rows: int                 # rows the SQL returned per call

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def db_median(self) -> float:
        return statistics.median(self.db) if self.db else float("nan")


class TimedReader:
    """A Reader whose SQL time and rows are counted, and whose last statements are kept for EXPLAIN."""

    def __init__(self, location: str):
        start = time.perf_counter()
        self.reader = Reader(location)
        self.open_seconds = time.perf_counter() - start
        self.db_seconds, self.rows, self.statements = 0.0, 0, []
        self.instrumented = hasattr(self.reader, "_run")
        if self.instrumented:
            run = self.reader._run

            def timed(sql, params=()):
                begin = time.perf_counter()
                result = run(sql, params)
                self.db_seconds += time.perf_counter() - begin
                self.rows += len(result)
                self.statements.append((sql, list(params)))
                return result

            self.reader._run = timed

    def call(self, fn: Callable[[], object]) -> tuple[float, float, int, object]:
        self.db_seconds, self.rows, self.statements = 0.0, 0, []
        start = time.perf_counter()
        result = fn()
        return time.perf_counter() - start, self.db_seconds, self.rows, result

    def plan(self, sql: str, params: list) -> list[str]:
        if isinstance(self.reader._conn, sqlite3.Connection):
            return [row[-1] for row in self.reader._conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
        return [row[0] for row in self.reader._run("EXPLAIN " + sql, params)]


def time_lookups(location: str, text: str, repeat: int, warmup: int) -> tuple[list[Timing], dict]:
    """Time every look-up on a fresh reader; main() runs this in a fresh process, as a check runs."""
    featured = make_featured()
    gc.collect()
    reader = TimedReader(location)
    person = next(e for e in featured if e.kind == "person")
    office = next(e for e in featured if e.kind == "office")
    ids = [e.id for e in featured]
    lookups = [
        ("mentions", lambda: reader.reader.mentions(text)),
        ("facts", lambda: reader.reader.facts([person.id], [FACTS_PREDICATE])),
        ("facts batch", lambda: reader.reader.facts(ids, BATCH_PREDICATES)),
        ("facts_with_value", lambda: reader.reader.facts_with_value(FACTS_PREDICATE, [office.id])),
    ]
    timings, plans = [], {}
    try:
        for name, fn in lookups:
            first, _, _, result = reader.call(fn)
            for _ in range(warmup):
                reader.call(fn)
            gc.collect()
            samples, db = [], []
            for _ in range(repeat):
                seconds, db_seconds, rows, result = reader.call(fn)
                samples.append(seconds)
                db.append(db_seconds)
            if name == "mentions":
                found = {m.entity_id for m in result}
                missing = [e.name for e in featured if e.id not in found]
                summary = f"{len(result)} mentions of {len(found)} entities"
                if missing:
                    summary += f" ({len(missing)} featured missed)"
            else:
                summary = f"{len(result)} facts"
            timings.append(Timing(name, samples, db if reader.instrumented else [], first, summary, rows))
            if reader.instrumented and reader.statements:
                sql, params = max(reader.statements, key=lambda s: len(s[1]))
                plans[name] = reader.plan(sql, params)
    finally:
        reader.reader.close()
    return timings, {"open": reader.open_seconds, "plans": plans}


# -- reporting ---------------------------------------------------------------------

def _ms(seconds: float) -> str:
    return "-" if seconds != seconds else f"{seconds * 1000:.2f}"


def _mb(n: int | None) -> str:
    return "-" if n is None else f"{n / 1e6:,.0f} MB"


def print_report(results: list[dict], text: str, repeat: int, warmup: int) -> None:
    words = len(text.split())
    print()
    print("Stores")
    print(f"  {'backend':<11}{'facts':>11}{'entities':>10}{'aliases':>10}{'preds':>7}{'build s':>10}{'size':>11}"
          f"{'digest s':>10}  note")
    for r in results:
        b: BuildReport = r["build"]
        counts = r["counts"]
        note = "reused" if b.reused else (f"{b.uid_collisions} uid collisions avoided" if b.uid_collisions else "")
        build_s = "-" if b.reused else f"{b.seconds['total']:.1f}"
        print(f"  {r['backend']:<11}{counts['facts']:>11,}{counts['entities']:>10,}{counts['aliases']:>10,}"
              f"{counts['predicates']:>7}{build_s:>10}{_mb(b.bytes):>11}"
              f"{'-' if b.digest_seconds is None else f'{b.digest_seconds:.1f}':>10}  {note}")
    print()
    print(f"Look-ups: median and p95 of {repeat} calls after {warmup} warm-up calls (ms); "
          f"'sql' is the median time inside the SQL; text: {words} words, {len(text)} characters")
    header = (f"  {'look-up':<17}{'backend':<11}{'facts':>11}{'median':>9}{'p95':>9}{'min':>9}{'sql':>9}"
              f"{'1st call':>10}{'sql rows':>9}  result")
    print(header)
    for name in [t.name for t in results[0]["timings"]]:
        for r in results:
            t = next(t for t in r["timings"] if t.name == name)
            print(f"  {name:<17}{r['backend']:<11}{r['counts']['facts']:>11,}{_ms(t.median):>9}{_ms(t.p95):>9}"
                  f"{_ms(min(t.samples)):>9}{_ms(t.db_median):>9}{_ms(t.first):>10}{t.sql_rows:>9}  {t.result}")
    for r in results:
        print(f"  Reader() open    {r['backend']:<11}{r['counts']['facts']:>11,}{_ms(r['open']):>9}")

    for backend in dict.fromkeys(r["backend"] for r in results):
        group = sorted((r for r in results if r["backend"] == backend), key=lambda r: r["counts"]["facts"])
        if len(group) < 2:
            continue
        base = group[0]
        print()
        print(f"Ratios to the {base['counts']['facts']:,}-fact {backend} store (median; p95; sql median)")
        for r in group[1:]:
            for name in [t.name for t in base["timings"]]:
                t0 = next(t for t in base["timings"] if t.name == name)
                t1 = next(t for t in r["timings"] if t.name == name)
                ratio = t1.median / t0.median
                verdict = "within 2x" if ratio <= 2 else "NOT within 2x"
                sql = f"{t1.db_median / t0.db_median:.2f}x" if t0.db and t0.db_median > 0 else "-"
                print(f"  {name:<17}{r['counts']['facts']:>11,} / {base['counts']['facts']:,}: "
                      f"{ratio:5.2f}x; {t1.p95 / t0.p95:5.2f}x; {sql:>6}   {verdict}")

    print()
    print("Query plans (the largest SQL statement of each look-up, on the largest store of each backend)")
    for backend in dict.fromkeys(r["backend"] for r in results):
        largest = max((r for r in results if r["backend"] == backend), key=lambda r: r["counts"]["facts"])
        for name, plan in largest["plans"].items():
            print(f"  {backend} {largest['counts']['facts']:,} {name}:")
            for line in plan:
                print(f"      {line if len(line) <= 160 else line[:150] + ' ...'}")


# -- main --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store_scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000], help="store sizes in facts")
    parser.add_argument("--dir", type=Path, help="where the SQLite stores go; stores built there before are reused "
                                                 "(default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the stores (a temporary --dir, PostgreSQL databases)")
    parser.add_argument("--repeat", type=int, default=50, help="timed calls per look-up (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed calls before timing (default 5)")
    parser.add_argument("--no-analyze", dest="analyze", action="store_false",
                        help="skip ANALYZE after the bulk load (as a store built by `claims-db import` is)")
    parser.add_argument("--digest", action="store_true",
                        help="also time Store.refresh_digest() (a full recomputation, as after a bulk load) on each store")
    parser.add_argument("--url", help="also time a PostgreSQL server, e.g. postgresql://postgres@127.0.0.1:5432/test "
                                      "(databases <name>_bench_<size> are made next to the one named)")
    parser.add_argument("--pg-sizes", type=int, nargs="+", default=[10_000], help="sizes for --url (default 10000)")
    parser.add_argument("--no-sqlite", dest="sqlite", action="store_false", help="time only the --url server")
    parser.add_argument("--print-text", action="store_true", help="print the generated text and exit")
    args = parser.parse_args(argv)
    if any(size < 1000 for size in [*args.sizes, *args.pg_sizes]) or args.repeat < 1 or args.warmup < 0:
        parser.error("sizes must be at least 1000 and --repeat at least 1")

    text = make_text(make_featured())
    if args.print_text:
        print(text)
        return 0

    def log(message: str) -> None:
        print(message, flush=True)

    temporary = args.dir is None and args.sqlite
    directory = Path(tempfile.mkdtemp(prefix="store-scale-")) if temporary else args.dir
    jobs: list[tuple[Backend, int]] = []
    if args.sqlite:
        directory.mkdir(parents=True, exist_ok=True)
        sqlite_backend = SQLiteBackend(directory)
        jobs += [(sqlite_backend, size) for size in sorted(set(args.sizes))]
    pg_backend = None
    if args.url:
        pg_backend = PostgresBackend(args.url)
        jobs += [(pg_backend, size) for size in sorted(set(args.pg_sizes))]

    print(f"claims_db store benchmark: {'; '.join(f'{b.label} {size:,}' for b, size in jobs)} facts; "
          f"SQLite {sqlite3.sqlite_version}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
    results = []
    built_pg = []
    try:
        for backend, size in jobs:
            report = build(backend, size, args.analyze, log)
            if isinstance(backend, PostgresBackend):
                built_pg.append(size)
            report.data = None  # free the generated rows before timing
            if args.digest:
                report.digest_seconds = time_digest(backend.location(size))
                log(f"  {backend.label} {size:,}: Store.refresh_digest() took {report.digest_seconds:.1f} s")
            log(f"  {backend.label} {size:,}: timing look-ups ...")
            # A fresh process per store, so neither the build's heap (garbage collection) nor the
            # previous store's page cache in this process colours the figures.
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
                timings, extra = pool.submit(time_lookups, backend.location(size), text, args.repeat,
                                             args.warmup).result()
            counts = dict(report.counts) if report.counts else _counts(backend, size)
            results.append({"backend": backend.label, "build": report, "counts": counts, "timings": timings,
                            "open": extra["open"], "plans": extra["plans"]})
        print_report(results, text, args.repeat, args.warmup)
    finally:
        if temporary and not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
        elif args.sqlite:
            print(f"\nSQLite stores kept in {directory}")
        if pg_backend is not None:
            if args.keep:
                print(f"PostgreSQL stores kept: {', '.join(pg_backend.location(s) for s in built_pg)}")
            else:
                for size in built_pg:
                    pg_backend.drop(size)
    return 0


def _counts(backend: Backend, size: int) -> dict[str, int]:
    """Row counts of a reused store."""
    reader = Reader(backend.location(size))
    try:
        run = reader._run
        return {table: run(f"SELECT count(*) FROM {table}")[0][0]
                for table in ("facts", "entities", "aliases", "predicates")}
    finally:
        reader.close()


if __name__ == "__main__":
    sys.exit(main())
