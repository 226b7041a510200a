"""Dense search: the question's embedding against the vector index, with filters checked on the candidates it returns."""
from __future__ import annotations

import faiss
import numpy as np

from search.filters import Filters

WIDEN = 8  # each round asks the index for this many times more candidates
MAX_CANDIDATES = 4096  # past this, a selective filter is cheaper as an id selector


def passing(store, ids: list[int], filters: Filters) -> set[int]:
    """Which of these passage ids pass the filters (one indexed lookup per id, not a scan of the corpus)."""
    if not ids:
        return set()
    where, args = filters.sql()
    out: set[int] = set()
    for i in range(0, len(ids), 900):
        batch = ids[i:i + 900]
        out |= {r[0] for r in store.db.execute(
            "SELECT p.id FROM passages p JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = p.document_id "
            f"WHERE p.id IN ({','.join('?' * len(batch))}) AND {where}", [*batch, *args])}
    return out


def allowed_ids(store, filters: Filters) -> np.ndarray:
    """Every passage id passing the filters: only for the rare filter too selective for the candidate rounds."""
    where, args = filters.sql()
    rows = store.db.execute(
        "SELECT p.id FROM passages p JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = p.document_id "
        f"WHERE {where}", args).fetchall()
    return np.asarray([r[0] for r in rows], dtype="int64")


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
    selector = faiss.IDSelectorBatch(ids)
    with library.lock:
        # an exhaustive probe: the few passages a narrow filter keeps may lie in any list
        return vectors.search(q, min(limit, len(ids)), selector=selector, nprobe=vectors.stats().get("nlist", 1))
