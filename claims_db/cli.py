"""`claims-db`: curate the reference store. A thin shell over `claims_db.store`."""

from __future__ import annotations

import argparse
import json
import sys

from .errors import StoreError

EXIT_OK, EXIT_ERROR = 0, 2


def _store(args, create: bool = False):
    from .store import Store

    return Store(args.db, create=create)


def _reading_store(args):
    """Reading commands default to the bundled store; writing ones never do."""
    from .locate import default_store
    from .store import Store

    return Store(args.db or default_store())


def cmd_upgrade(args) -> int:
    from .store import Store

    store = Store(args.db, older=True)
    before, after = store.upgrade()
    print(f"store {store.shown}: " + (f"schema {before} upgraded to {after}" if after != before
                                      else f"schema {after}, already the newest"))
    return EXIT_OK


def cmd_init(args) -> int:
    store = _store(args, create=True)
    if args.description is not None:
        store.describe(args.description)
    print(f"store ready at {store.shown} (schema {store.stats()['schema_version']})")
    return EXIT_OK


def cmd_import(args) -> int:
    from .interchange import parse_files

    parsed = parse_files(args.files)
    store = _store(args, create=args.create)
    counts = store.import_parsed(parsed)
    print("imported: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    return EXIT_OK


def cmd_export(args) -> int:
    from .interchange import dump_csv, dump_jsonl

    records = _reading_store(args).export()
    dump = dump_csv if args.format == "csv" else dump_jsonl
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            dump(records, out)
    else:
        dump(records, sys.stdout)
    return EXIT_OK


def cmd_add(args) -> int:
    from .interchange import Parsed

    record = {"subject": args.subject, "aliases": args.alias, "predicate": args.predicate, "value": args.value,
              "unit": args.unit, "date": args.date, "valid_from": args.valid_from, "valid_to": args.valid_to,
              "tolerance": args.tolerance, "status": args.status, "note": args.note,
              "source": {k: v for k, v in (("title", args.source_title), ("publisher", args.source_publisher),
                                           ("url", args.source_url), ("accessed", args.source_accessed)) if v}}
    parsed = Parsed()
    parsed.add("<command line>", 1, {k: v for k, v in record.items() if v not in (None, [])})
    _store(args).import_parsed(parsed)
    from .interchange import fact_uid, natural_key

    print(f"added {fact_uid(natural_key(parsed.records[0][0]))}")
    return EXIT_OK


def _print_facts(facts: list[dict], as_json: bool) -> None:
    for fact in facts:
        if as_json:
            print(json.dumps(fact, ensure_ascii=False))
            continue
        period = ""
        if fact["valid_from"] or fact["valid_to"]:
            period = f" [{fact['valid_from'] or '…'} – {fact['valid_to'] or 'now'}]"
        when = f" on {fact['date']}" if fact["date"] else ""
        unit = f" {fact['unit']}" if fact["unit"] else ""
        print(f"{fact['id']}  {fact['subject']}  {fact['predicate']}  {fact['value']}{unit}{when}{period}"
              f"  ({fact['source']['publisher']}) {fact['status']}")
    if not as_json:
        print(f"{len(facts)} fact(s)")


def cmd_list(args) -> int:
    facts = _reading_store(args).find(subject=args.entity, predicate=args.predicate, limit=args.limit)
    _print_facts(facts, args.json)
    return EXIT_OK


def cmd_search(args) -> int:
    facts = _reading_store(args).find(text=args.query, predicate=args.predicate, limit=args.limit)
    _print_facts(facts, args.json)
    return EXIT_OK


def cmd_retire(args) -> int:
    _store(args).retire(args.id)
    print(f"retired {args.id}")
    return EXIT_OK


def cmd_refresh(args) -> int:
    store = _store(args)
    digest = store.refresh_digest()
    print(f"refreshed {store.shown}: {store.stats()['facts']} facts, digest {digest}")
    return EXIT_OK


def cmd_stats(args) -> int:
    stats = _reading_store(args).stats()
    if args.json:
        print(json.dumps(stats, indent=2, sort_keys=True))
    else:
        for key, value in stats.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k}={v}" for k, v in value.items())
            print(f"{key}: {value}")
    return EXIT_OK


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line naming the problem, exit code 2."""

    def error(self, message: str):
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="claims-db", description="Curate the verifier's reference store.")
    common = OneLineParser(add_help=False)
    common.add_argument("--db", help="SQLite path or SQLAlchemy URL (default for reading: the bundled store)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = command("init", cmd_init, "Create the schema in a new or existing store (idempotent).")
    p.add_argument("--description", metavar="TEXT",
                   help="how reports name the store, e.g. 'Newsroom facts 2025' (an empty text removes it)")
    p = command("import", cmd_import, "Import JSONL or CSV files, all-or-nothing.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--create", action="store_true", help="create the schema first if missing")
    p = command("export", cmd_export, "Export every record in canonical order.")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p = command("add", cmd_add, "Add (or update) one fact from flags.")
    for flag in ("subject", "predicate", "value", "source-title", "source-publisher", "source-url"):
        p.add_argument(f"--{flag}", required=True)
    for flag in ("unit", "date", "valid-from", "valid-to", "tolerance", "source-accessed", "note"):
        p.add_argument(f"--{flag}")
    p.add_argument("--status", default="approved", choices=("draft", "approved", "retired"))
    p.add_argument("--alias", action="append", default=[], help="another name of the subject (repeatable)")
    for name, func, help in (("list", cmd_list, "List facts by entity (name or alias) and predicate."),
                             ("search", cmd_search, "Full-text search over names, aliases, notes and source titles.")):
        p = command(name, func, help)
        if name == "search":
            p.add_argument("query")
        else:
            p.add_argument("--entity", help="entity name or alias")
        p.add_argument("--predicate")
        p.add_argument("--limit", type=int, default=200)
        p.add_argument("--json", action="store_true", help="one JSON object per line")
    p = command("retire", cmd_retire, "Mark a fact retired (kept for history, no longer used by checks).")
    p.add_argument("id")
    command("refresh", cmd_refresh, "Recompute the digest and the fact count from the content.")
    command("upgrade", cmd_upgrade, "Bring an older store to this tool's schema: its migrations in one transaction.")
    p = command("stats", cmd_stats, "Counts of entities, aliases, predicates and facts; schema and digest.")
    p.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as exc:
        print(f"claims-db: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
