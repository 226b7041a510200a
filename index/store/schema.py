"""The tables, and the schema version (`PRAGMA user_version`) that says which code made a database."""
from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path

from index.errors import OutdatedDatabase
from index.names import names_text

# Raise it with every change to SCHEMA. A change that only adds tables or indexes needs nothing else: an older
# database gets them on open. A change to an existing table either adds the statements that convert a database of
# the previous version to MIGRATIONS, or leaves older databases refused (they are rebuilt from their files).
SCHEMA_VERSION = 2
TOKENIZE = "porter unicode61 remove_diacritics 2"  # the keyword index's words (search/backends/terms.py stems alike)
# each document's distinct names (index/names.py), one row a document (rowid = documents.id): which documents hold a
# name a question gives is read here, not from every passage
DOCUMENT_NAMES = f'CREATE VIRTUAL TABLE IF NOT EXISTS document_names USING fts5(names, tokenize = "{TOKENIZE}")'
# version n -> statements that make a version-n database version n + 1 (names_of is index.names.names_text)
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (DOCUMENT_NAMES, "INSERT INTO document_names(rowid, names) SELECT id, names_of(committee, title, text) FROM documents WHERE text <> ''"),
}

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    committee TEXT, meeting_date TEXT, title TEXT, source TEXT,
    pages INTEGER NOT NULL DEFAULT 1,
    duplicate_of INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
-- the names of many documents read without reading their rows (which hold the document's text)
CREATE INDEX IF NOT EXISTS documents_id_name ON documents(id, name);
CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY,
    committee TEXT, meeting_date TEXT,
    meeting_type TEXT, place TEXT
);
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    meeting_id TEXT REFERENCES meetings(id),
    seq INTEGER NOT NULL,
    number TEXT, title TEXT NOT NULL, kind TEXT NOT NULL,
    committee TEXT, meeting_date TEXT,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    page_start INTEGER, page_end INTEGER, printed_pages TEXT,
    resolutions TEXT NOT NULL DEFAULT '[]',
    decisions TEXT NOT NULL DEFAULT '[]',
    n_decisions INTEGER NOT NULL DEFAULT 0,
    outcomes TEXT NOT NULL DEFAULT '',
    section TEXT,
    text_hash TEXT NOT NULL,
    duplicate_of TEXT
);
CREATE INDEX IF NOT EXISTS items_doc ON items(document_id);
CREATE INDEX IF NOT EXISTS items_meeting ON items(meeting_id);
CREATE INDEX IF NOT EXISTS items_hash ON items(text_hash);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, clean TEXT NOT NULL, context TEXT NOT NULL,
    page_start INTEGER, page_end INTEGER, printed_pages TEXT,
    is_resolution INTEGER NOT NULL DEFAULT 0,
    text_hash TEXT NOT NULL,
    words INTEGER NOT NULL, tokens INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_item ON passages(item_id);
CREATE INDEX IF NOT EXISTS passages_hash ON passages(text_hash);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    clean, context, tokenize = "{TOKENIZE}"
);
{DOCUMENT_NAMES};
CREATE TABLE IF NOT EXISTS acronyms (acronym TEXT PRIMARY KEY, expansion TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vocabulary (word TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS follows (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    filters TEXT NOT NULL DEFAULT '{{}}',
    email TEXT,
    secret_hash TEXT NOT NULL,
    seen_match INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS follow_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    items INTEGER NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS follow_matches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    follow_id TEXT NOT NULL REFERENCES follows(id) ON DELETE CASCADE,
    run_id INTEGER NOT NULL REFERENCES follow_runs(id),
    item_hash TEXT NOT NULL,
    item_id TEXT NOT NULL, passage_id INTEGER NOT NULL, meeting_id TEXT,
    committee TEXT, meeting_date TEXT, item_number TEXT, item_title TEXT, document TEXT,
    citation TEXT NOT NULL, quote TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    score REAL NOT NULL,
    found_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (follow_id, item_hash)
);
CREATE INDEX IF NOT EXISTS follow_matches_run ON follow_matches(run_id);
"""
STATEMENTS = tuple(s.strip() for s in SCHEMA.split(";") if s.strip())  # no statement holds a semicolon


def version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def prepare(db: sqlite3.Connection, path: Path) -> None:
    """Bring the database to SCHEMA_VERSION: a new one is created, an older one converted when its change is
    additive; anything else raises OutdatedDatabase. `db` is in autocommit mode (no transaction open)."""
    if version(db) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")  # one process converts; another waits, then finds the version written
    try:
        have = version(db)
        if have > SCHEMA_VERSION:
            raise OutdatedDatabase(f"the database in {path.parent} was made by a newer version of minutes (schema {have}; "
                                   f"this one reads {SCHEMA_VERSION}); upgrade minutes, or rebuild it with "
                                   f"`minutes rebuild --data-dir {path.parent}`")
        db.create_function("names_of", 3, names_text, deterministic=True)
        while have < SCHEMA_VERSION and have in MIGRATIONS:
            for statement in MIGRATIONS[have]:
                db.execute(statement)
            have += 1
        missing = _missing_columns(db)
        if missing:
            raise OutdatedDatabase(f"the database in {path.parent} was made by an older version of minutes (schema {have}, "
                                   f"lacking {', '.join(missing)}); rebuild it with `minutes rebuild --data-dir {path.parent}`")
        for statement in STATEMENTS:  # tables and indexes it lacks
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _columns(db: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    return {t: {r[1] for r in db.execute(f'PRAGMA table_info("{t}")')} for t in tables}


@lru_cache(maxsize=1)
def expected_columns() -> dict[str, frozenset[str]]:
    """Every table's columns as SCHEMA makes them."""
    db = sqlite3.connect(":memory:")
    try:
        for statement in STATEMENTS:
            db.execute(statement)
        return {t: frozenset(cols) for t, cols in _columns(db).items()}
    finally:
        db.close()


def _missing_columns(db: sqlite3.Connection) -> list[str]:
    """'table.column' for each column SCHEMA has that an existing table lacks (a missing table is added, not missing)."""
    have = _columns(db)
    return [f"{t}.{c}" for t, cols in expected_columns().items() if t in have for c in sorted(cols - have[t])]
