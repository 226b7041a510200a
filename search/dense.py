"""Dense search: the question's embedding against the vector index, with filters checked on the candidates it returns."""
from __future__ import annotations

import numpy as np

from search.filters import Filters

WIDEN = 8  # each round asks the index for this many times more candidates
MAX_CANDIDATES = 4096  # past this, a selective filter is cheaper as an id selector


def passing(store, ids: list[int], filters: Filters) -> set[int]:
    """Which of these passage ids pass the filters (one indexed lookup per id, not a scan of the corpus)."""
    if not ids:
        return set()
    where, args = filters.sql()
    return store.passing(ids, where, args)


def allowed_ids(store, filters: Filters) -> np.ndarray:
    """Every passage id passing the filters: only for the rare filter too selective for the candidate rounds."""
    where, args = filters.sql()
    return np.asarray(store.passing_all(where, args), dtype="int64")


def dense_search(library, query_vector: np.ndarray, limit: int, filters: Filters) -> list[tuple[int, float]]:
    """(passage id, cosine) best first.

    With filters, the index is asked for a growing number of candidates, which are checked against the filters in
    SQL; a filter that keeps too few of them falls back to an id selector, so no result is lost to post-filtering.
    """
    vectors = library.vectors
    if not len(vectors):
        return []
    q = np.asarray(query_vector, dtype="float32").reshape(1, -1)
    if not filters.active:
        with library.lock:
            return vectors.search(q, limit)
    fetch = limit * 4
    while True:
        with library.lock:
            found = vectors.search(q, fetch)
        keep = passing(library.store, [pid for pid, _ in found], filters)
        hits = [(pid, s) for pid, s in found if pid in keep]
        if len(hits) >= limit or len(found) < fetch:  # enough, or the whole index was returned
            return hits[:limit]
        if fetch >= MAX_CANDIDATES:
            break
        fetch = min(fetch * WIDEN, MAX_CANDIDATES)
    ids = allowed_ids(library.store, filters)
    if not len(ids):
        return []
    with library.lock:
        return vectors.search_among(q, min(limit, len(ids)), ids)
