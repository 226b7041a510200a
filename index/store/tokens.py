"""The keyword index's own tokeniser, for code that must split text into exactly the terms FTS5 indexes."""
from __future__ import annotations

import sqlite3

from index.store.schema import TOKENIZE


def fts_terms(texts: list[str]) -> list[list[str]]:
    """Each text as the terms FTS5 (tokenised as passages_fts is) indexes for it, in reading order."""
    if not texts:
        return []
    db = sqlite3.connect(":memory:")
    try:
        db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{TOKENIZE}')")
        db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        db.executemany("INSERT INTO t(rowid, x) VALUES(?, ?)", enumerate(texts))
        out: list[list[str]] = [[] for _ in texts]
        for term, doc in db.execute("SELECT term, doc FROM v ORDER BY doc, offset"):
            out[doc].append(term)
        return out
    finally:
        db.close()
