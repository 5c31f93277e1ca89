"""How fast `claims-db import` loads a big file, and how much memory it takes.

    python -m benchmarks.import_speed [--sizes 1000000] [--url postgresql://...] [--dir DIR] [--no-sqlite]

For each size the script writes a JSONL file of that many facts (with their entities, offices declared by
parts, countries with demonyms and the predicates they use), made by `benchmarks.store_scale`'s synthetic
generator, then in a fresh subprocess runs `claims-db import FILE --db STORE` into a new SQLite store and
(with --url) a new PostgreSQL database `<name>_bench_import` beside the one named, dropped afterwards.
It prints facts per second, seconds, the child's own CPU seconds (the rate a machine to itself would
approach; the database server's CPU is not in it), its peak RSS (VmHWM), and the time of a full
`claims-db refresh` (the digest recomputed from every row) on the imported store.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.store_scale import EXTRA_PREDICATES, FACT_COLUMNS, SEED, FactMaker, make_dataset
from claims_db.interchange import dump_jsonl, parse_files
from claims_db.locate import VOCABULARY

# The child's peak RSS is its VmHWM: ru_maxrss is not, as Linux carries it across exec from the process that
# spawned the child (here the generator, hundreds of MB), so every child would report at least that much.
CHILD = """
import json, sys, time
from claims_db.cli import main
start, cpu = time.perf_counter(), time.process_time()
code = main(sys.argv[1:])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"code": code, "seconds": seconds, "cpu": cpu, "rss_mb": peak / 1024}), file=sys.stderr)
"""
COLUMN = {name: i for i, name in enumerate(FACT_COLUMNS)}


def _predicates() -> dict[str, tuple[int, str]]:
    """Every predicate the generator uses: name -> (a made-up id, value type)."""
    types = {r["predicate"]: r["value_type"] for r, _ in parse_files([str(VOCABULARY)]).of_kind("predicate")}
    types.update({name: value_type for name, (value_type, _) in EXTRA_PREDICATES.items()})
    return {name: (number, value_type) for number, (name, value_type) in enumerate(sorted(types.items()), 1)}


def _entity_records(data) -> list[dict]:
    """The dataset's entities; a country gets a demonym and a minister of one is declared by its parts."""
    countries = {e.name.removeprefix("Republic of "): e.name for e in data.entities if e.kind == "country"}
    records = []
    for e in data.entities:
        record = {"record": "entity", "subject": e.name, "kind": e.kind,
                  "aliases": [a for a in e.aliases if a != e.name], "note": e.note}
        if e.kind == "country":
            record["demonyms"] = [e.name.removeprefix("Republic of ") + "n"]
        words = e.name.split(" of ")
        if e.kind == "office" and len(words) == 3 and words[0] == "Minister" and words[2] in countries:
            record.update(title="Minister", portfolio=words[1], jurisdiction=countries[words[2]])
        records.append(record)
    return records


def _fact_record(row: tuple, names: dict[int, str], predicates: dict[int, str]) -> dict:
    """The interchange record of a generated row (a validity the generator cut short before it began ends open)."""
    value = next(row[COLUMN[c]] for c in ("value_number", "value_date", "value_text") if row[COLUMN[c]] is not None) \
        if row[COLUMN["value_entity_id"]] is None else names[row[COLUMN["value_entity_id"]]]
    valid_to = row[COLUMN["valid_to"]] if (row[COLUMN["valid_to"]] or "9") >= (row[COLUMN["valid_from"]] or "") else None
    return {"record": "fact", "subject": names[row[COLUMN["subject_id"]]], "predicate": predicates[row[COLUMN["predicate_id"]]],
            "value": value, **{c: row[COLUMN[c]] for c in ("unit", "date", "valid_from", "tolerance")}, "valid_to": valid_to,
            "source": {"title": row[COLUMN["source_title"]], "publisher": row[COLUMN["source_publisher"]],
                       "url": row[COLUMN["source_url"]], "accessed": row[COLUMN["source_accessed"]]},
            "status": row[COLUMN["status"]], "note": row[COLUMN["note"]]}


def write_file(size: int, path: Path) -> None:
    """A JSONL file of `size` facts and everything they need: predicates, then entities, then facts."""
    data = make_dataset(size)
    predicates = _predicates()
    names = {e.id: e.name for e in data.entities}
    by_id = {number: name for name, (number, _) in predicates.items()}
    maker = FactMaker(data, predicates, random.Random(SEED + 4))
    extra = [{"record": "predicate", "predicate": name, "value_type": value_type,
              "description": f"benchmark predicate: {name.replace('_', ' ')}", "cues": [name.replace("_", " ")]}
             for name, (value_type, _) in EXTRA_PREDICATES.items()]
    featured = list(maker.featured_rows())
    with open(path, "w", encoding="utf-8") as out:
        dump_jsonl(extra, out)
        dump_jsonl(_entity_records(data), out)
        dump_jsonl((_fact_record(row, names, by_id) for row in featured), out)
        dump_jsonl((_fact_record(row, names, by_id) for row in maker.background_rows(size - len(featured))), out)


def _run(args: list[str]) -> dict:
    """Run `claims-db ARGS` in a fresh interpreter: its seconds and peak RSS."""
    done = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"claims-db {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    if figures["code"] != 0:
        raise SystemExit(f"claims-db {' '.join(args)} exited {figures['code']}:\n{done.stdout}{done.stderr}")
    return figures


def measure(location: str, path: Path, size: int, label: str) -> None:
    _run(["init", "--db", location])
    imported = _run(["import", str(path), "--db", location, "--by", "benchmark"])
    refreshed = _run(["refresh", "--db", location])
    print(f"{label:<10} {size:>10,} facts  import {imported['seconds']:7.1f} s {size / imported['seconds']:>8,.0f} facts/s"
          f"  (its CPU {imported['cpu']:6.1f} s: {size / imported['cpu']:>7,.0f}/s)"
          f"  peak RSS {imported['rss_mb']:5.0f} MB  refresh {refreshed['seconds']:5.1f} s", flush=True)


def _postgres(url: str):
    """A context that makes `<name>_bench_import` beside the database in `url`, and drops it after."""
    from contextlib import contextmanager

    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_bench_import"

    def admin():
        return psycopg.connect(base.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True)

    @contextmanager
    def database():
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield base.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000], help="facts per file (default 1,000,000)")
    parser.add_argument("--url", help="also import into a fresh PostgreSQL database beside this one")
    parser.add_argument("--dir", type=Path, help="where the files and the SQLite store go (default: a temporary one)")
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"facts-{size}.jsonl"
            start = time.perf_counter()
            write_file(size, path)
            print(f"wrote {path.name}: {os.path.getsize(path) / 1e6:.0f} MB in {time.perf_counter() - start:.0f} s",
                  flush=True)
            if not args.no_sqlite:
                store = Path(tmp) / f"store-{size}.sqlite"
                measure(str(store), path, size, "sqlite")
                store.unlink()
            if args.url:
                with _postgres(args.url)() as location:
                    measure(location, path, size, "postgresql")
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
