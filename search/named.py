"""The names a question gives ("Walnut Creek", "Hawke's Bay DHB", "the Troy Board of Education"), and the documents
that hold them.

In a library of many councils a question usually says whose minutes it is about, but the passage that answers it
seldom repeats the council's name: the name stands in the document's heading, pages away. Passages of the documents
that hold a name the question gives therefore rank higher (search/retrieve.py). A name most documents hold says
nothing about which one is meant and is passed over, as is a library of one body. Names are read from the names
index that ingest writes (one row a document holding its distinct names), so the lookup's cost follows the number of
documents holding a name, not the number of passages repeating it.
"""
from __future__ import annotations

from index.names import name_runs, phrase_of

MAX_SHARE = 0.5  # a name held by more than this share of the library's documents does not single any out
# nor, for what listing them costs, one held by more documents than this (at 1M passages, 22k documents: listing the
# 8,900 documents naming their "Executive Board" took 10 ms of a search, listing 2,000 about 2 ms)
MAX_DOCUMENTS = 2_000


def named_phrases(question: str) -> list[str]:
    """The question's names as FTS5 phrases, longest first ("walnut creek", "troy board of education", "sfa"): runs
    of capitalised words, months, days, stop words and the words that open a question aside; a possessive's "'s"
    dropped. Words are split as the keyword index's tokenizer splits them (letters of any script kept)."""
    phrases = [phrase for phrase in map(phrase_of, name_runs(question)) if phrase]
    return sorted(dict.fromkeys(phrases), key=lambda p: -len(p))


def documents_named(store, question: str) -> set[str]:
    """Names of the documents holding the most specific name the question gives that singles some out; empty when
    it gives none, or every name it gives is held by most of the library."""
    phrases = named_phrases(question)
    if not phrases:
        return set()
    # the highest document id stands for the count (ids only grow; counting scans an index: 0.5 ms at 22k documents)
    most = min(int(MAX_SHARE * store.largest_document_id()), MAX_DOCUMENTS)
    best: set[str] = set()
    for phrase in phrases:
        found = store.documents_with_name(phrase, most)
        if not found:
            continue
        if not best or len(found) < len(best):
            best = found
    return best
