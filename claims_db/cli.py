"""`claims-db`: curate the reference store. A thin shell over `claims_db.store`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time

from .errors import StoreError

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def _store(args, create: bool = False):
    from .store import Store

    return Store(args.db, create=create)


def _reading_store(args):
    """Reading commands default to the bundled store; writing ones never do."""
    from .locate import default_store
    from .store import Store

    return Store(args.db or default_store(), read_only=True)


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


class ProgressLine:
    """How far an import has got, as one line rewritten in place on stderr; nothing unless stderr is a terminal."""

    INTERVAL = 0.25  # seconds between two rewrites

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self.start = self.last = time.monotonic()
        self.what, self.written = None, False

    def __call__(self, what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if what != self.what:  # a stage's rate counts from its start
            self.what, self.start = what, self.last
        if not self.shown or (now - self.last < self.INTERVAL and done != total):
            return
        self.last = now
        of = f" of {total:,}" if total else ""
        rate = done / (now - self.start) if now > self.start else 0
        self.stream.write(f"\rimporting: {what} {done:,}{of} ({rate:,.0f}/s)\x1b[K")
        self.stream.flush()
        self.written = True

    def close(self) -> None:
        if self.written:
            self.stream.write("\n")
            self.stream.flush()


def cmd_import(args) -> int:
    store = _store(args, create=args.create)
    progress = ProgressLine()
    try:
        counts = store.import_files(args.files, status=args.status, by=args.by, why=args.why, progress=progress)
    finally:
        progress.close()
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
    _store(args).import_parsed(parsed, by=args.by, why=args.why or "added from the command line", action="create")
    from .interchange import fact_uid, natural_key

    print(f"added {fact_uid(natural_key(parsed.records[0][0]))}")
    return EXIT_OK


def cmd_entity_add(args) -> int:
    from .interchange import Parsed

    record = {"record": "entity", "subject": args.name, "kind": args.kind, "title": args.title,
              "portfolio": args.portfolio, "body": args.body, "jurisdiction": args.jurisdiction,
              "aliases": args.alias, "demonyms": args.demonym, "note": args.note}
    parsed = Parsed()
    parsed.add("<command line>", 1, {k: v for k, v in record.items() if v not in (None, [])})
    store = _store(args)
    store.import_parsed(parsed, by=args.by, why=args.why or "added from the command line", action="create")
    return _print_names(store, args.name)


def cmd_entity_alias(args) -> int:
    from .interchange import Parsed

    store = _store(args)
    found = store.names(args.entity)
    if len(found) > 1:
        raise StoreError(f"{args.entity!r} names {len(found)} entities ({', '.join(v.name for v in found)}): "
                         "give the canonical name")
    entity = found[0]
    parsed = Parsed()
    field = "demonyms" if args.demonym else "aliases"
    parsed.add("<command line>", 1, {"record": "entity", "subject": entity.name, "kind": entity.kind,
                                     field: args.names})
    store.import_parsed(parsed, by=args.by, why=args.why or "names added from the command line")
    return _print_names(store, entity.name)


def cmd_entity_show(args) -> int:
    views = _reading_store(args).names(args.entity)
    if args.json:
        print(json.dumps([v.as_dict() for v in views], ensure_ascii=False, indent=2))
        return EXIT_OK
    return _print_names(None, None, views)


def _print_names(store, name: str | None, views=None) -> int:
    from . import lines

    for n, view in enumerate(views if views is not None else store.names(name)):
        if n:
            print()
        for line in lines.entity_names(view):
            print(line)
    return EXIT_OK


def _print_facts(page, args) -> None:
    """Text lines ending in an honest count, one JSON array, or JSON lines; a cut-off page says so."""
    from . import lines

    if args.format == "text":
        for record in page.facts:
            print(lines.fact(record))
        print(lines.count(len(page.facts), page.total))
        return
    if args.format == "json":
        print(json.dumps(page.facts, ensure_ascii=False, indent=2))
    else:
        for record in page.facts:
            print(json.dumps(record, ensure_ascii=False))
    if len(page.facts) < page.total:  # stdout stays pure JSON; the note goes beside it
        print(f"claims-db: {lines.count(len(page.facts), page.total)}", file=sys.stderr)


def cmd_list(args) -> int:
    page = _reading_store(args).find_page(subject=args.entity, predicate=args.predicate, status=args.status,
                                          limit=args.limit)
    _print_facts(page, args)
    return EXIT_OK


def cmd_search(args) -> int:
    page = _reading_store(args).find_page(text=args.query, predicate=args.predicate, status=args.status,
                                          limit=args.limit)
    _print_facts(page, args)
    return EXIT_OK


def cmd_show(args) -> int:
    from . import lines
    from .interchange import FACT_ID

    store = _reading_store(args)
    if FACT_ID.fullmatch(args.entity) and (versions := store.versions(args.entity)):
        if args.json:
            print(json.dumps(versions, ensure_ascii=False, indent=2))
        else:
            for line in lines.versions(args.entity, versions):
                print(line)
        return EXIT_OK
    views = store.show(args.entity, args.on or dt.date.today())
    if args.json:
        print(json.dumps([v.as_dict() for v in views], ensure_ascii=False, indent=2))
        return EXIT_OK
    for n, view in enumerate(views):
        if n:
            print()
        for line in lines.entity(view):
            print(line)
    return EXIT_OK


def cmd_who(args) -> int:
    from . import lines

    answers = _reading_store(args).who(args.office, args.on or dt.date.today())
    if args.json:
        print(json.dumps([a.as_dict() for a in answers], ensure_ascii=False, indent=2))
    else:
        for answer in answers:
            print(lines.holding(answer))
    return EXIT_OK


def cmd_validate(args) -> int:
    store = _reading_store(args)
    problems = store.validate()
    if args.json:
        print(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem)
        where = store.shown if args.db else "the bundled store"
        print(f"{len(problems)} problem(s) in {where}" if problems else f"no problems in {where}")
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_retire(args) -> int:
    _store(args).retire(args.id, args.why, args.by)
    print(f"retired {args.id}")
    return EXIT_OK


def cmd_edit(args) -> int:
    source = {k: v for k, v in (("title", args.source_title), ("publisher", args.source_publisher),
                                ("url", args.source_url), ("accessed", args.source_accessed)) if v is not None}
    changes = {k: getattr(args, k) for k in ("value", "unit", "tolerance", "date", "valid_from", "valid_to", "note")
               if getattr(args, k) is not None}
    if source:
        changes["source"] = source
    if not changes:
        raise StoreError("nothing to edit: give the fields to change (--value, --unit, --source-url, ...)")
    edited = _store(args).edit(args.id, changes, args.why, args.by, args.expect_version)
    print(f"edited {edited.old}: now {edited.new} (version {edited.version}); {edited.old} is kept, superseded")
    return EXIT_OK


def cmd_history(args) -> int:
    from . import lines

    trail = _reading_store(args).history(args.target)
    if args.json:
        print(json.dumps(trail.as_dict(), ensure_ascii=False, indent=2))
    else:
        for line in lines.trail(trail):
            print(line)
    return EXIT_OK


def _ids_file(path: str) -> list[str]:
    """Fact ids, one a line; blank lines and '#' comments are skipped."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the ids file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise StoreError(f"{path}: the ids file is not UTF-8 text") from None
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def cmd_review(args) -> int:
    chosen = args.approve if args.approve is not None else args.reject
    if chosen is None:
        if args.file:
            raise StoreError("--file needs --approve or --reject: what to do with its ids")
        page = _reading_store(args).find_page(status="draft", limit=args.limit)
        _print_facts(page, args)
        return EXIT_OK
    if not args.why:
        raise StoreError("--why is required to approve or reject: the reason goes into the history")
    ids = [*chosen, *(_ids_file(args.file) if args.file else [])]
    status = "approved" if args.approve is not None else "rejected"
    done = _store(args).set_status(ids, status, args.why, args.by)
    already = len(dict.fromkeys(ids)) - len(done)
    print(f"{status} {len(done)} fact(s)" + (f": {' '.join(done)}" if done else "")
          + (f" ({already} already {status})" if already else ""))
    return EXIT_OK


def cmd_refresh(args) -> int:
    store = _store(args)
    digest = store.refresh_digest()
    print(f"refreshed {store.shown}: {store.stats()['facts']} facts, digest {digest}")
    return EXIT_OK


def cmd_snapshot(args) -> int:
    from . import snapshot

    store = _reading_store(args)
    bundled = None if args.db else "bundled:" + os.path.basename(store.url)  # as reports name it, not by its cache
    written = snapshot.write(store, args.output, shown=bundled)
    where = store.shown if args.db else "the bundled store"
    print(f"snapshot of {where} written to {written.output}: {written.facts} approved facts, "
          f"{written.entities} entities (source digest {written.source_digest[:16]})")
    return EXIT_OK


def cmd_browse(args) -> int:
    from . import browse

    browse.require_datasette()
    browse.check_port(args.port)
    store = _reading_store(args)
    with browse.served_file(store, bundled=not args.db) as target:
        store.engine.dispose()  # Datasette reads the file on its own; no connection of ours stays open
        code = browse.serve(target, args.port)
    return EXIT_OK if code == 0 else EXIT_ERROR


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


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


STATUSES = ("draft", "approved", "retired", "superseded", "rejected")  # = models.Status (tests keep them equal)
ADD_STATUSES = ("draft", "approved", "retired")  # a superseded or rejected fact comes from edit and review
ADD_REQUIRED = {
    "subject": "the entity the fact is about, by its canonical name (created if new)",
    "predicate": "what the fact states, a predicate of the vocabulary (see 'claims-db stats')",
    "value": "a number, a YYYY-MM-DD date, an entity's name or text, by the predicate's value type",
    "source-title": "title of the source document",
    "source-publisher": "who published the source",
    "source-url": "where the source can be read (http(s)://...)",
}
ADD_OPTIONAL = {
    "unit": "unit of the value (a currency code for money, %%, 'people', ...)",
    "date": "the day a point-in-time figure refers to (YYYY-MM-DD)",
    "valid-from": "first day the fact holds (YYYY-MM-DD)",
    "valid-to": "last day the fact holds (YYYY-MM-DD); none: it still holds",
    "tolerance": "allowed deviation of a draft's figure from the value",
    "source-accessed": "the day the source was read (YYYY-MM-DD)",
    "note": "free text for curators (searchable)",
}
EDIT_FIELDS = {"value": ADD_REQUIRED["value"], **ADD_OPTIONAL,
               **{k: v for k, v in ADD_REQUIRED.items() if k.startswith("source-")}}


def _who_why(p: argparse.ArgumentParser, why: str) -> None:
    p.add_argument("--why", metavar="TEXT", help=why)
    p.add_argument("--by", metavar="NAME", help="who makes the change, for its history (default: the user logged in)")


def _entity_commands(sub, common) -> None:
    from .interchange import ENTITY_KINDS

    def action(name: str, func, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = action("add", cmd_entity_add, "Add (or update) an entity; an office may be declared by its parts, and its "
                                      "regular names are made from them and its jurisdiction's names.")
    p.add_argument("name", help="the canonical name, e.g. 'Minister of Defence of Russia'")
    p.add_argument("--kind", default="other", choices=ENTITY_KINDS, help="what it is (default: other)")
    p.add_argument("--title", help="an office's title: Minister, President, Prime Minister, Secretary-General")
    p.add_argument("--portfolio", help="an office's portfolio: Defence, Foreign Affairs, Railways")
    p.add_argument("--body", help="the body the office heads or sits in: State Council")
    p.add_argument("--jurisdiction", help="the office's country or organisation, by its canonical name (must exist)")
    p.add_argument("--alias", action="append", default=[], help="another name, e.g. an irregular one (repeatable)")
    p.add_argument("--demonym", action="append", default=[],
                   help="a demonym of a country, e.g. Russian: it names its offices too (repeatable)")
    p.add_argument("--note", help="free text for curators")
    _who_why(p, "why the entity is added, for its history")
    p = action("alias", cmd_entity_alias, "Give an entity more names; offices of a jurisdiction that gains a name "
                                          "gain the names made with it.")
    p.add_argument("entity", help="the entity, by name, alias or numeric id")
    p.add_argument("names", nargs="+", metavar="NAME", help="the names to add")
    p.add_argument("--demonym", action="store_true", help="the names are demonyms (Russian, Indian)")
    _who_why(p, "why the names are added, for its history")
    p = action("show", cmd_entity_show, "Show an entity's parts and names: written, demonyms, made from its parts.")
    p.add_argument("entity", help="the entity, by name, alias or numeric id")
    p.add_argument("--json", action="store_true", help="one JSON array of the entities matched")


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
    p.add_argument("files", nargs="+", metavar="FILE", help="interchange files: JSONL, or CSV by extension")
    p.add_argument("--create", action="store_true", help="create the schema first if missing")
    p.add_argument("--status", choices=("draft",),
                   help="import every fact as this status: 'draft' waits in 'claims-db review' (to-do records from "
                        "'verifier check --todo' import as drafts anyway)")
    _who_why(p, "why the records are imported (default: the files' names)")
    p = command("export", cmd_export, "Export every record in canonical order.")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default: jsonl)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p = command("add", cmd_add, "Add (or update) one fact from flags.")
    for flag, help in ADD_REQUIRED.items():
        p.add_argument(f"--{flag}", required=True, help=help + " (required)")
    for flag, help in ADD_OPTIONAL.items():
        p.add_argument(f"--{flag}", help=help)
    p.add_argument("--status", default="approved", choices=ADD_STATUSES,
                   help="review status; only approved facts are used by checks (default: approved)")
    p.add_argument("--alias", action="append", default=[], help="another name of the subject (repeatable)")
    _who_why(p, "why the fact is added, for its history")
    _entity_commands(command("entity", None, "Add entities (an office by its parts), give them names, show their "
                                             "names by origin.").add_subparsers(dest="entity_command", required=True,
                                                                                metavar="ACTION",
                                                                                help="add, alias or show"), common)
    for name, func, help in (("list", cmd_list, "List facts by entity (name or alias), predicate and status."),
                             ("search", cmd_search, "Full-text search over names, aliases, notes and source titles.")):
        p = command(name, func, help)
        if name == "search":
            p.add_argument("query", help="words to look for (taken literally, no wildcards)")
        else:
            p.add_argument("--entity", help="entity name or alias")
        p.add_argument("--predicate", help="only facts of this predicate")
        p.add_argument("--status", choices=STATUSES, help="only facts of this review status")
        p.add_argument("--limit", type=int, default=200, metavar="N",
                       help="show at most N facts (default: 200); the count says how many match in all")
        shape = p.add_mutually_exclusive_group()
        shape.add_argument("--json", dest="format", action="store_const", const="json", default="text",
                           help="one JSON array of fact records")
        shape.add_argument("--jsonl", dest="format", action="store_const", const="jsonl",
                           help="one JSON object per line (what --json printed before)")
    p = command("show", cmd_show, "Show an entity: aliases, facts, offices held and, for an office, its holders.")
    p.add_argument("entity", help="entity name, alias or numeric id")
    p.add_argument("--on", type=_day, metavar="DATE", help="day of the 'holder on' line (default: today)")
    p.add_argument("--json", action="store_true", help="one JSON array of the entities matched")
    p = command("who", cmd_who, "Who held an office on a day, from holds_office facts and their validity.")
    p.add_argument("office", help="the office, by name, alias or numeric id")
    p.add_argument("--on", type=_day, metavar="DATE", help="the day asked about, YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true", help="one JSON array, one answer per office matched")
    p = command("validate", cmd_validate, "Find contradictions, double office holders, shared aliases, "
                                          "facts without a source URL or dated outside their validity; exit 1 if any.")
    p.add_argument("--json", action="store_true", help="one JSON array of problems")
    p = command("retire", cmd_retire, "Mark a fact retired (kept for history, no longer used by checks).")
    p.add_argument("id", help="the fact's id, as 'claims-db list' shows it")
    _who_why(p, "why it is retired, for its history")
    p = command("edit", cmd_edit, "Supersede a fact by a new version with the fields given (an empty text clears "
                                  "an optional one); the old version is kept, and its id names the new one.")
    p.add_argument("id", help="the fact's id, as 'claims-db list' shows it")
    for flag, help in EDIT_FIELDS.items():
        p.add_argument(f"--{flag}", help=help)
    p.add_argument("--why", required=True, help="why the fact changes, for its history (required)")
    p.add_argument("--by", metavar="NAME", help="who makes the change (default: the user logged in)")
    p.add_argument("--expect-version", type=int, metavar="N",
                   help="the version you read ('claims-db show ID'); refused if the fact changed since")
    p = command("history", cmd_history, "Every change to a fact (all its versions), an entity or a predicate: who, when, "
                                            "why, what.")
    p.add_argument("target", metavar="FACT|ENTITY|PREDICATE",
                   help="a fact id, a predicate's name, or an entity's name, alias or numeric id")
    p.add_argument("--json", action="store_true", help="one JSON object: the versions and the changes")
    p = command("review", cmd_review, "List draft facts, or approve or reject them (all given, or none).")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--approve", nargs="*", metavar="ID", help="approve these drafts (with --file: those too)")
    action.add_argument("--reject", nargs="*", metavar="ID",
                        help="reject these drafts: status 'rejected', kept, never used by checks")
    p.add_argument("--file", metavar="IDS.txt", help="fact ids to approve or reject, one a line ('#' comments)")
    _who_why(p, "why they are approved or rejected (required to change them)")
    p.add_argument("--limit", type=int, default=200, metavar="N", help="list at most N drafts (default: 200)")
    p.set_defaults(format="text")
    p.add_argument("--json", dest="format", action="store_const", const="json", help="the drafts as one JSON array")
    command("refresh", cmd_refresh, "Recompute the digest and the fact count from the content.")
    command("upgrade", cmd_upgrade, "Bring an older store to this tool's schema: its migrations in one transaction.")
    p = command("snapshot", cmd_snapshot, "Write the approved facts, with the vocabulary and entities a check needs, "
                                          "to a SQLite file for CI runners, in one rename.")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the SQLite file to write (replaced whole; its source, digest and time are in its meta)")
    p = command("browse", cmd_browse, "Browse the store read-only in Datasette (the optional extra 'browse'); "
                                      "a PostgreSQL store through a temporary SQLite snapshot of all its facts.")
    p.add_argument("--port", type=int, default=8001, metavar="N",
                   help="serve on 127.0.0.1:N (default: 8001, Datasette's own)")
    p = command("stats", cmd_stats, "Counts of entities, aliases, predicates and facts; schema and digest.")
    p.add_argument("--json", action="store_true", help="one JSON object")
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
