"""The keyword index's own tokeniser, for code that must split text into exactly the terms FTS5 indexes."""
from __future__ import annotations

import sqlite3
import threading

from index.store.schema import TOKENIZE

_local = threading.local()
USES = 1000  # calls an in-memory table serves before a fresh one replaces it (each call rolls its rows back; this only bounds what a long-lived table might keep)


def _table() -> sqlite3.Connection:
    """This thread's in-memory FTS5 table tokenised as passages_fts is (made once: ~0.2 ms of every call before)."""
    db, uses = getattr(_local, "db", None), getattr(_local, "uses", 0)
    if db is None or uses >= USES:
        if db is not None:
            db.close()
        db = sqlite3.connect(":memory:", isolation_level=None)
        db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{TOKENIZE}')")
        db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        _local.db, uses = db, 0
    _local.uses = uses + 1
    return db


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 phrase: quoted, with any quote inside it dropped (FTS5 would read it as the phrase's end)."""
    return '"' + text.replace('"', "") + '"'


def fts_terms(texts: list[str]) -> list[list[str]]:
    """Each text as the terms FTS5 (tokenised as passages_fts is) indexes for it, in reading order."""
    if not texts:
        return []
    db = _table()
    db.execute("BEGIN")
    try:
        db.executemany("INSERT INTO t(rowid, x) VALUES(?, ?)", enumerate(texts))
        out: list[list[str]] = [[] for _ in texts]
        for term, doc in db.execute("SELECT term, doc FROM v ORDER BY doc, offset"):
            out[doc].append(term)
        return out
    finally:
        db.execute("ROLLBACK")  # the table is empty again
