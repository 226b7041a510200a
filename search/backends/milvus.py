"""Search in a Milvus collection through pymilvus: BM25 full-text search and vector search, filters as expressions.

The same client code reaches milvus-lite (a local file, in process), Milvus standalone or a cluster, or Zilliz
Cloud; only MINUTES_MILVUS_URI and MINUTES_MILVUS_TOKEN change.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from index.errors import IndexMismatch, MinutesError
from search.backends import milvus_schema
from search.backends.base import PublishReport, Ranking
from search.backends.milvus_filters import expression
from search.backends.terms import query_terms
from search.filters import Filters
from search.keyword import fts_query

BATCH = 500  # rows per insert call (a gRPC message stays well under its size limit)
TIMEOUT_S = 60  # connecting and each call; pymilvus waits 10 s for a connection, too little for a busy machine


def _connect(client_class, uri: str, token: str):
    """A client on pymilvus's shared connection to `uri`; a fresh connection of its own when the shared one cannot be
    recovered (a connection left idle for minutes can be dropped by the server as "too many pings", and pymilvus's
    reconnect of it then fails)."""
    from pymilvus.exceptions import MilvusException

    try:
        return client_class(uri=uri, token=token, timeout=TIMEOUT_S)
    except MilvusException:
        return client_class(uri=uri, token=token, timeout=TIMEOUT_S, dedicated=True)


COLLECTION_SETTING = "milvus_collection"  # the catalogue's own collection: a rebuild fills a new one beside the old


def _generation(settings, name: str) -> int | None:
    """N of "<configured name>__gN", 0 for the configured name itself, None for any other collection."""
    base = settings.milvus_collection
    if name == base:
        return 0
    suffix = name[len(base) + 3:] if name.startswith(f"{base}__g") else ""
    return int(suffix) if suffix.isdigit() else None


def collection_of(settings, store) -> str:
    """The collection that holds this catalogue's passages: the one a rebuild recorded in it (a generation of the
    configured name), else the configured one."""
    recorded = store.get_setting(COLLECTION_SETTING) or ""
    return recorded if _generation(settings, recorded) else settings.milvus_collection


def next_collection(settings) -> str:
    """The name a rebuild fills: past every generation of the configured name on the server ("minutes_passages__g3"
    when __g2 exists), so a collection a failed or undone rebuild left is never filled again."""
    client = _client(settings)
    try:
        taken = [g for g in map(lambda n: _generation(settings, n), client.list_collections()) if g is not None]
    finally:
        client.close()
    return f"{settings.milvus_collection}__g{max(taken, default=0) + 1}"


class MilvusBackend:
    name = "milvus"

    def __init__(self, settings, description: dict, collection: str | None = None):
        try:
            from pymilvus import MilvusClient
        except ImportError as exc:  # the optional extra is missing
            raise MinutesError("MINUTES_SEARCH_BACKEND=milvus needs pymilvus: pip install 'council-minutes[scale]'") from exc
        self.uri = settings.milvus_address
        self.collection = collection or settings.milvus_collection
        self.client = _connect(MilvusClient, self.uri, settings.milvus_token or "")
        if not self.client.has_collection(self.collection):
            milvus_schema.create(self.client, self.collection, description)
        saved = milvus_schema.built_with(self.client, self.collection)
        if saved != milvus_schema.label(description):
            # another model, chunker or schema: its vectors and terms do not match this catalog's
            raise IndexMismatch(f"the Milvus collection '{self.collection}' at {self.uri} was built with other settings "
                                f"({saved or 'none recorded'} vs running {milvus_schema.label(description)}); "
                                f"rebuild it with `minutes migrate --recreate`")
        self.client.load_collection(self.collection)

    # -- the two legs ------------------------------------------------------------------
    def keyword(self, library, question: str, limit: int, filters: Filters, extra_terms: Sequence[str] = ()) -> Ranking:
        """Milvus's BM25 full-text search over the passage's weighted terms (milvus_schema.weighted_terms)."""
        terms = query_terms(fts_query(question, extra_terms))  # the embedded query's words, stemmed as FTS5 stems them
        if not terms:
            return []
        found = self._search("terms_bm25", terms, limit, filters, {"metric_type": "BM25"})
        # BM25 is never negative; milvus-lite reports it negated, as a distance, Milvus standalone as a score
        return sorted(((pid, abs(score)) for pid, score in found), key=lambda kv: -kv[1])

    def dense(self, library, query_vector: np.ndarray, limit: int, filters: Filters) -> Ranking:
        vector = np.asarray(query_vector, dtype="float32").reshape(-1).tolist()
        return self._search("vector", vector, limit, filters, {"metric_type": "IP"})

    def _search(self, field: str, data, limit: int, filters: Filters, params: dict) -> Ranking:
        found = self.client.search(self.collection, data=[data], anns_field=field, limit=min(limit, 16_384),
                                   filter=expression(filters), search_params=params, output_fields=[])
        return [(int(hit["id"]), float(hit["distance"])) for hit in found[0]]

    # -- keeping the collection in step with the catalog -------------------------------
    def ids(self) -> set[int]:
        out: set[int] = set()
        # milvus-lite has no MVCC timestamp to give the iterator, which then warns on every call; it reads fine
        logging.getLogger("pymilvus.client.iterator.query_iterator").setLevel(logging.ERROR)
        it = self.client.query_iterator(self.collection, batch_size=10_000, filter="id >= 0", output_fields=["id"])
        try:
            while batch := it.next():
                out.update(int(r["id"]) for r in batch)
        finally:
            it.close()
        return out

    def publish(self, library) -> PublishReport:
        """Write the passages the collection lacks (vectors from the data directory's index: nothing is embedded
        again) and delete those the catalog no longer has."""
        db_ids = library.store.passage_ids()
        have = self.ids()
        stale, missing = sorted(have - db_ids), sorted(db_ids - have)
        with library.lock:
            known = library.vectors.ids()
        missing = [pid for pid in missing if pid in known]  # not yet embedded: the next ingest brings them
        for i in range(0, len(missing), BATCH):
            batch = missing[i:i + BATCH]
            with library.lock:
                vectors = library.vectors.vectors_for(batch)
            self.write(milvus_schema.rows(library.store, batch, vectors))
        for i in range(0, len(stale), BATCH):
            self.client.delete(self.collection, ids=stale[i:i + BATCH])
        if missing or stale:
            self.client.flush(self.collection)
        return PublishReport(added=len(missing), removed=len(stale))

    def write(self, rows: list[dict]):
        for i in range(0, len(rows), BATCH):
            self.client.upsert(self.collection, rows[i:i + BATCH])

    def count(self, library=None) -> int:
        return int(self.client.query(self.collection, filter="", output_fields=["count(*)"])[0]["count(*)"])

    def close(self):
        self.client.close()


def _client(settings):
    """A client for a rebuild's or a migration's one-off calls, with _connect's fallback to a fresh connection."""
    from pymilvus import MilvusClient

    return _connect(MilvusClient, settings.milvus_address, settings.milvus_token or "")


def drop_collection(settings, name: str | None = None) -> bool:
    """Remove a collection (the configured one by default; after a model change); False when there was none."""
    client = _client(settings)
    try:
        name = name or settings.milvus_collection
        if not client.has_collection(name):
            return False
        client.drop_collection(name)
        return True
    finally:
        client.close()


def drop_quietly(settings, name: str) -> str:
    """Drop a generation no catalogue reads any more; a failure is reported, not raised (the rebuild is done)."""
    try:
        return f"dropped Milvus collection {name}" if drop_collection(settings, name) else ""
    except Exception as exc:  # noqa: BLE001 - the server may be briefly away; the collection only costs space
        return f"warning: could not drop Milvus collection {name} ({exc}); drop it by hand"
