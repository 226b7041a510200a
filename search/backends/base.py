"""The narrow interface retrieval uses: a keyword leg and a dense leg, each (passage id, score) best first."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from search.filters import Filters

Ranking = list[tuple[int, float]]


class SearchBackend(Protocol):
    name: str

    def keyword(self, library, question: str, limit: int, filters: Filters, extra_terms: Sequence[str] = ()) -> Ranking:
        """Passages matching the question's words (BM25; higher is better), filters applied inside the engine."""

    def dense(self, library, query_vector: np.ndarray, limit: int, filters: Filters) -> Ranking:
        """Passages nearest the query vector (cosine), filters applied inside the engine."""

    def publish(self, library) -> "PublishReport":
        """Bring the engine in step with the catalog after an ingest: add passages it lacks, drop ones gone."""

    def count(self, library) -> int:
        """Passages the engine can find."""


@dataclass
class PublishReport:
    added: int = 0  # passages written to the engine
    removed: int = 0  # passages the catalog no longer has, deleted from the engine
