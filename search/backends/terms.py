"""Keyword terms for an engine without a stemmer: the words exactly as the embedded FTS5 index stems them.

milvus-lite's analyzers are 'standard' (lower-cased \\w+) and 'jieba', with no stemming; Milvus standalone has an
'english' analyzer, but a different stemmer. Stemming on the client with SQLite's own porter tokenizer, and handing
Milvus the stems, gives both engines the same terms as FTS5, so keyword rankings agree across backends.
"""
from __future__ import annotations

import re
import sqlite3

TOKENIZE = "porter unicode61 remove_diacritics 2"  # as index/store.py's passages_fts


def stems(texts: list[str]) -> list[str]:
    """Each text as its FTS5 porter terms in reading order, joined by spaces."""
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
        return [" ".join(words) for words in out]
    finally:
        db.close()


PHRASE = re.compile(r'"([^"]*)"')


def query_terms(fts_query: str | None) -> str:
    """The distinct stems of an FTS5 OR-query's phrases (BM25 in Milvus has no phrases: each word counts once)."""
    if not fts_query:
        return ""
    words = stems([" ".join(PHRASE.findall(fts_query))])[0].split()
    return " ".join(dict.fromkeys(words))
