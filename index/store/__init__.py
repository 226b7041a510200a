"""SQLite storage (WAL): documents, meetings, items, passages, an FTS5 keyword index, follows and the vocabulary.

Every SQL statement of the project lives in this package; the rest calls the named methods of `Store`. Reads use
the calling thread's connection (`Store.db`); writes go through `Store.transaction()`, one writer at a time.
"""
from __future__ import annotations

from index.store.base import BUSY_TIMEOUT_S
from index.store.catalog import Catalog
from index.store.documents import Documents, content_hash, meeting_id
from index.store.evaluation import Evaluation
from index.store.follows import Follows
from index.store.reads import Reads
from index.store.search_reads import SearchReads
from index.store.schema import SCHEMA_VERSION
from index.store.tokens import fts_terms
from index.store.vocabulary import Vocabulary


class Store(Documents, Reads, SearchReads, Catalog, Follows, Vocabulary, Evaluation):
    """The database of one data directory; its schema is brought to SCHEMA_VERSION, or refused, on open."""


__all__ = ["BUSY_TIMEOUT_S", "SCHEMA_VERSION", "Store", "content_hash", "fts_terms", "meeting_id"]
