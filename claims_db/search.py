"""Full-text search for `claims-db search`: FTS5 on SQLite, tsvector on PostgreSQL, with the same answers.

A query is split into phrases as sqlite-utils quotes an FTS5 query: a "quoted part" is one phrase, every
other whitespace-separated piece another. A row matches when every phrase that has a word in it occurs
within one of its columns, its words adjacent and in order; phrases may sit in different columns. Only
letters and digits make words (punctuation and symbols separate them, case and a Latin letter's single
accent are ignored), so no character of a query is syntax on either engine: quotes, `& | ! : * ( )`, `%`,
`_` and backslash are literal. Which facts match is all the engines decide; the order is the caller's.

PostgreSQL reads words the way FTS5's unicode61 tokenizer does for Latin, Greek, Cyrillic and CJK text;
scripts with combining vowel signs (Devanagari) are split differently by the two engines.
"""

from __future__ import annotations

import re

from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

FTS_COLUMNS = {"entities": ("name", "note"), "aliases": ("text",), "facts": ("note", "source_title")}
_PHRASE = re.compile(r'\s+|(".*?")')  # sqlite-utils' quote_fts: a "quoted part" or a run of non-space

# PostgreSQL: a column's words, as FTS5 reads them: lower case; a Latin letter's one accent dropped (a letter
# carrying two keeps both, as FTS5's remove_diacritics=1 does); every run of characters that are not letters
# or digits (superscripts and fractions are digits to FTS5) made one space. The index and the query use it alike.
_ACCENT = r"'([a-z])[\u0300-\u036f](?![\u0300-\u036f])'"
_NOT_WORD = r"'[^[:alnum:]\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u2079\u2080-\u2089\u2150-\u215f]+'"
CONFIG = "'simple'"  # no stemming and no stop words: FTS5 has neither
INDEX_VERSION = 1  # in the index names: a changed expression gets new indexes, never a stale one


def _words(expression: str) -> str:
    nfd = f"normalize(lower({expression}), NFD)"
    return f"regexp_replace(normalize(regexp_replace({nfd}, {_ACCENT}, '\\1', 'g'), NFC), {_NOT_WORD}, ' ', 'g')"


def _document(column: str) -> str:
    return f"to_tsvector({CONFIG}, {_words(column)})"


def phrases(query: str) -> list[str]:
    """The query's phrases, each without quotes (an unclosed quote closes at the end, as in sqlite-utils)."""
    if query.count('"') % 2:
        query += '"'
    bits = [b for b in _PHRASE.split(query) if b and b != '""']
    return [b[1:-1] if b.startswith('"') else b for b in bits]


def sqlite_query(found: list[str]) -> str:
    """An FTS5 MATCH expression of the phrases: each one quoted, so none of its characters is syntax."""
    return " ".join(f'"{p}"' for p in found)


def index_names() -> dict[str, str]:
    """Name -> CREATE INDEX statement of PostgreSQL's full-text indexes, one GIN index per searched column."""
    return {f"claims_fts{INDEX_VERSION}_{table}_{column}":
            f"ON {table} USING gin (({_document(column)}))"
            for table, columns in FTS_COLUMNS.items() for column in columns}


def missing_postgres_indexes(session: Session) -> list[str]:
    present = set(session.scalars(sql_text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")))
    return [name for name in index_names() if name not in present]


def may_create_indexes(session: Session) -> bool:
    """Whether this role owns every searched table, as CREATE INDEX requires; a curator's role that may only
    write rows searches without the indexes (the same answers, slower) until the owner opens the store."""
    owned = session.scalar(sql_text(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY(:tables) "
        "AND pg_has_role(tableowner, 'USAGE')"), {"tables": list(FTS_COLUMNS)})
    return owned == len(FTS_COLUMNS)


def create_postgres_indexes(session: Session) -> None:
    """Create the full-text indexes a PostgreSQL store lacks (kept up to date by PostgreSQL itself)."""
    statements = index_names()
    for name in missing_postgres_indexes(session):
        session.execute(sql_text(f"CREATE INDEX IF NOT EXISTS {name} {statements[name]}"))


def sqlite_matches(session: Session, found: list[str]) -> dict[str, set[int]]:
    """Row ids of each searched table that match the phrases, from its FTS5 table (for aliases: entity ids)."""
    if not found:  # FTS5 refuses an empty MATCH
        return {table: set() for table in FTS_COLUMNS}
    hits = {}
    for table in FTS_COLUMNS:  # sqlite-utils' enable_fts names the FTS5 table TABLE_fts, its rowid the row's id
        wanted = "entity_id" if table == "aliases" else "id"
        hits[table] = set(session.scalars(sql_text(
            f"SELECT {wanted} FROM {table} WHERE id IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :q)"),
            {"q": sqlite_query(found)}))
    return hits


def postgres_matches(session: Session, found: list[str]) -> dict[str, set[int]]:
    """Ids of the rows of each searched table that match the phrases (for aliases: their entities' ids)."""
    if not found:
        return {table: set() for table in FTS_COLUMNS}
    # A phrase with no word in it is left out, as FTS5 leaves it out; with none left nothing matches.
    params = {f"p{n}": p for n, p in enumerate(found)}
    words = session.execute(sql_text("SELECT " + ", ".join(_words(f":{k}") for k in params)), params).one()
    kept = {k: params[k] for k, w in zip(params, words) if w.strip()}
    if not kept:
        return {table: set() for table in FTS_COLUMNS}
    return {table: set(session.scalars(sql_text(postgres_sql(table, list(kept))), kept)) for table in FTS_COLUMNS}


def postgres_sql(table: str, keys: list[str]) -> str:
    """The ids of `table`'s rows where each phrase (bound as :KEY) is in one column; each test an index can answer."""
    where = " AND ".join(
        "(" + " OR ".join(f"{_document(c)} @@ phraseto_tsquery({CONFIG}, {_words(':' + k)})"
                          for c in FTS_COLUMNS[table]) + ")" for k in keys)
    return f"SELECT {'entity_id' if table == 'aliases' else 'id'} FROM {table} WHERE {where}"
