"""Keyword terms for an engine without a stemmer: the words exactly as the embedded FTS5 index stems them.

milvus-lite's analyzers are 'standard' (lower-cased \\w+) and 'jieba', with no stemming; Milvus standalone has an
'english' analyzer, but a different stemmer. Stemming on the client with SQLite's own porter tokenizer, and handing
Milvus the stems, gives both engines the same terms as FTS5, so keyword rankings agree across backends.
"""
from __future__ import annotations

import re

from index.store import fts_terms


def stems(texts: list[str]) -> list[str]:
    """Each text as its FTS5 porter terms in reading order, joined by spaces."""
    return [" ".join(words) for words in fts_terms(texts)]


PHRASE = re.compile(r'"([^"]*)"')


def query_terms(fts_query: str | None) -> str:
    """The distinct stems of an FTS5 OR-query's phrases (BM25 in Milvus has no phrases: each word counts once)."""
    if not fts_query:
        return ""
    words = stems([" ".join(PHRASE.findall(fts_query))])[0].split()
    return " ".join(dict.fromkeys(words))
