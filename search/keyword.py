"""Keyword search with SQLite FTS5/BM25: exact item numbers, indicator codes and names."""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.store.tokens import fts_phrase
from index.terms import STOPWORDS, normalise_numbers
from search.dense import MAX_CANDIDATES, WIDEN, passing
from search.filters import Filters

TOKEN = re.compile(r"[A-Za-z0-9£%][A-Za-z0-9£%'’.-]*[A-Za-z0-9%]|[A-Za-z0-9]")
CODE = re.compile(r"\b[A-Z]{2,6}\d{1,4}[a-z]?(?:\s\d{1,3})?\b")


def fts_query(question: str, extra_terms: Sequence[str] = ()) -> str | None:
    """OR of the question's content words (stemmed by FTS5's porter tokenizer), plus exact phrases for codes like 'PED02 04'."""
    question = normalise_numbers(question)
    terms = []
    for code in CODE.findall(question):
        terms.append(fts_phrase(code))
    for tok in TOKEN.findall(question):
        word = tok.strip(".'’-").lower()
        if len(word) < 2 or word in STOPWORDS:
            continue
        parts = [p for p in re.split(r"[^a-z0-9£%]+", word) if p]
        if not parts:
            continue
        terms.append(fts_phrase(" ".join(parts)))
    terms += [fts_phrase(t) for t in extra_terms if t.replace("-", "").replace("'", "").isalpha()]
    return " OR ".join(dict.fromkeys(terms)) or None


def keyword_search(store, question: str, limit: int, filters: Filters, extra_terms: Sequence[str] = ()) -> list[tuple[int, float]]:
    """(passage id, bm25 score; higher is better) best first; `extra_terms` widen the query (see search/expand.py).

    FTS5 ranks on its own first (no joins per matching row: at a million passages an OR of common words matches most
    of them, and joining each to items and documents before the sort cost 1.7 s); filters then check the top
    candidates, widening a few times before falling back to the joined query for a very selective filter.
    """
    query = fts_query(question, extra_terms)
    if not query:
        return []
    fetch = limit if not filters.active else limit * 4
    ranked = _ranker(store, query)
    while True:
        rows = ranked(fetch)
        if not filters.active:
            return [(r[0], r[1]) for r in rows]
        keep = passing(store, [r[0] for r in rows], filters)
        hits = [(r[0], r[1]) for r in rows if r[0] in keep]
        if len(hits) >= limit or len(rows) < fetch:  # enough, or every match was seen
            return hits[:limit]
        if fetch >= MAX_CANDIDATES:
            break
        fetch = min(fetch * WIDEN, MAX_CANDIDATES)
    where, args = filters.sql()
    return store.fts_ranked_where(query, where, args, limit)


def engine_in_use(store) -> str:
    """"tantivy" or "fts5": what keyword queries on this store use (Settings.keyword_engine; auto goes by size)."""
    if getattr(store, "keyword_engine", "fts5") == "fts5":
        return "fts5"
    from search.keyword_tantivy import in_use

    return "tantivy" if in_use(store) else "fts5"


def _ranker(store, query: str):
    """fetch -> [(id, score)] best first, from the engine in use (see engine_in_use); FTS5's ranking is computed from
    a copy of its postings when one matches the index (the same scores and order, without FTS5's per-row cost)."""
    if engine_in_use(store) == "tantivy":
        from search.keyword_tantivy import keywords_for

        return lambda fetch: keywords_for(store).search(query, fetch)
    from search.keyword_memory import current

    postings = current(store)  # FTS5's own ranking from its postings in memory (search/keyword_memory.py), once copied
    if postings is None:
        return lambda fetch: store.fts_ranked(query, fetch)

    def ranked(fetch: int) -> list[tuple[int, float]]:
        found = postings.ranked(query, fetch)
        return store.fts_ranked(query, fetch) if found is None else found
    return ranked
