"""The default backend: SQLite FTS5 for keywords and the FAISS file for vectors, both in the data directory."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from search.backends.base import PublishReport, Ranking
from search.dense import dense_search
from search.filters import Filters
from search.keyword import keyword_search


class EmbeddedBackend:
    """Calls the existing search functions unchanged: the embedded path behaves exactly as before backends existed."""

    name = "embedded"

    def keyword(self, library, question: str, limit: int, filters: Filters, extra_terms: Sequence[str] = ()) -> Ranking:
        return keyword_search(library.store, question, limit, filters, extra_terms)

    def dense(self, library, query_vector: np.ndarray, limit: int, filters: Filters) -> Ranking:
        return dense_search(library, query_vector, limit, filters)

    def publish(self, library) -> PublishReport:
        return PublishReport()  # the store and Library.sync_vectors already are the index

    def count(self, library) -> int:
        return len(library.vectors)
