"""Dense search: the question's embedding against the FAISS index, restricted to filtered ids when asked."""
from __future__ import annotations

import faiss
import numpy as np

from search.filters import Filters


def allowed_ids(store, filters: Filters) -> np.ndarray:
    where, args = filters.sql()
    rows = store.db.execute(
        "SELECT p.id FROM passages p JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = p.document_id "
        f"WHERE {where}", args).fetchall()
    return np.asarray([r[0] for r in rows], dtype="int64")


def dense_search(library, query_vector: np.ndarray, limit: int, filters: Filters) -> list[tuple[int, float]]:
    """(passage id, cosine) best first; filters become a FAISS id selector, so no result is lost to post-filtering."""
    vectors = library.vectors
    if not len(vectors):
        return []
    q = np.asarray(query_vector, dtype="float32").reshape(1, -1)
    if not filters.active:
        with library.lock:
            return vectors.search(q, limit)
    ids = allowed_ids(library.store, filters)
    if not len(ids):
        return []
    params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))
    with library.lock:
        scores, found = vectors.index.search(q, min(limit, len(ids)), params=params)
    return [(int(i), float(s)) for i, s in zip(found[0], scores[0]) if i != -1]
