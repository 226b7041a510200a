"""Derived structures against the database: vector ids = passage ids without duplicates, keyword rows, names rows,
vocabulary."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from index.terms import STOPWORDS
from index.vocabulary import known_words, words_of


@dataclass
class CheckReport:
    passages: int
    vectors: int  # vector entries searched (a duplicate counts twice)
    vector_ids: int  # distinct ids among them
    duplicate_vectors: int
    vectors_missing: int  # passages without a vector
    vectors_stale: int  # vectors whose passage is gone
    keyword_rows: int
    keyword_missing: int
    keyword_stale: int
    names_missing: int  # documents without a row in the names index
    names_stale: int  # rows of the names index whose document is gone
    vocabulary_words: int
    vocabulary_missing: int  # words of stored passages the vocabulary lacks
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {**asdict(self), "ok": self.ok}


def vector_entries(vectors) -> np.ndarray:
    """Every id a search can return: the base's (minus removed ones) and the delta's, repeats kept."""
    from index.vectors import _ids_of

    base = vectors.base_ids()
    if vectors.removed:
        base = base[~np.isin(base, np.fromiter(vectors.removed, "int64", len(vectors.removed)))]
    return np.concatenate([base, _ids_of(vectors.delta.index)])


def check(library) -> CheckReport:
    store = library.store
    passage_ids = store.passage_ids()
    entries = vector_entries(library.vectors)
    vector_ids = set(entries.tolist())
    fts_ids = store.keyword_row_ids()
    have_words = known_words(store)
    wanted = set().union(*(words_of(t) for t in store.passage_cleans())) - STOPWORDS
    names_missing, names_stale = store.names_row_gaps()
    r = CheckReport(
        passages=len(passage_ids), vectors=len(entries), vector_ids=len(vector_ids),
        duplicate_vectors=len(entries) - len(vector_ids), vectors_missing=len(passage_ids - vector_ids),
        vectors_stale=len(vector_ids - passage_ids), keyword_rows=len(fts_ids), keyword_missing=len(passage_ids - fts_ids),
        keyword_stale=len(fts_ids - passage_ids), names_missing=names_missing, names_stale=names_stale,
        vocabulary_words=len(have_words), vocabulary_missing=len(wanted - have_words))
    for name in ("duplicate_vectors", "vectors_missing", "vectors_stale", "keyword_missing", "keyword_stale", "names_missing", "names_stale",
                 "vocabulary_missing"):
        if getattr(r, name):
            r.problems.append(f"{name.replace('_', ' ')}: {getattr(r, name)}")
    return r
