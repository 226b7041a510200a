"""Keyword search with SQLite FTS5/BM25: exact item numbers, indicator codes and names."""
from __future__ import annotations

import re

from index.terms import STOPWORDS, normalise_numbers
from search.filters import Filters

TOKEN = re.compile(r"[A-Za-z0-9£%][A-Za-z0-9£%'’.-]*[A-Za-z0-9%]|[A-Za-z0-9]")
CODE = re.compile(r"\b[A-Z]{2,6}\d{1,4}[a-z]?(?:\s\d{1,3})?\b")


def fts_query(question: str, extra_terms: list[str] = ()) -> str | None:
    """OR of the question's content words (stemmed by FTS5's porter tokenizer), plus exact phrases for codes like 'PED02 04'."""
    question = normalise_numbers(question)
    terms = []
    for code in CODE.findall(question):
        terms.append('"' + code.replace('"', "") + '"')
    for tok in TOKEN.findall(question):
        word = tok.strip(".'’-").lower()
        if len(word) < 2 or word in STOPWORDS:
            continue
        parts = [p for p in re.split(r"[^a-z0-9£%]+", word) if p]
        if not parts:
            continue
        phrase = " ".join(parts)
        terms.append(f'"{phrase}"')
    terms += [f'"{t}"' for t in extra_terms if t.replace("-", "").replace("'", "").isalpha()]
    return " OR ".join(dict.fromkeys(terms)) or None


def keyword_search(store, question: str, limit: int, filters: Filters, extra_terms: list[str] = ()) -> list[tuple[int, float]]:
    """(passage id, bm25 score; higher is better) best first; `extra_terms` widen the query (see search/expand.py)."""
    query = fts_query(question, extra_terms)
    if not query:
        return []
    where, args = filters.sql()
    rows = store.db.execute(
        "SELECT p.id, -bm25(passages_fts, 1.0, 0.4) AS score FROM passages_fts "
        "JOIN passages p ON p.id = passages_fts.rowid JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = p.document_id "
        f"WHERE passages_fts MATCH ? AND {where} ORDER BY score DESC LIMIT ?",
        [query, *args, limit]).fetchall()
    return [(r[0], r[1]) for r in rows]
