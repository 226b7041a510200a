"""The data directory as one object: database, vector index, embedder, loaded once and kept consistent."""
from __future__ import annotations

import hashlib
import json
import threading
from functools import cached_property

from index.chunk import CHUNKER_VERSION
from index.embedder import passage_embedding_text
from index.errors import IndexMismatch
from index.model import TokenCounter, model_dir
from index.settings import Settings
from index.store import Store
from index.vector_build import IndexPolicy
from index.vectors import VectorIndex


class Library:
    def __init__(self, settings: Settings):
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # which database file this is: a rebuild puts another in its place, and index/generation.py reopens it then
        # (recorded only at the first refresh before, which a rebuild could precede: the new vectors then met the old
        # catalogue). Read before opening, so a file replaced in between is reopened at the next refresh.
        inode = settings.db_path.stat().st_ino if settings.db_path.is_file() else None
        self.store = Store(settings.db_path)
        self.__dict__["store_inode"] = inode if inode is not None else settings.db_path.stat().st_ino
        self.store.keyword_engine = settings.keyword_engine  # read by search/keyword.py, which is handed the store
        self.lock = threading.RLock()  # guards the FAISS index while it changes
        self.write_lock = threading.Lock()  # one ingest at a time
        self._check_store_description()

    # -- what the saved data was built with ------------------------------------------
    def description(self) -> dict:
        s = self.settings
        chunking = {"passage_tokens": s.passage_tokens, "max_seq_tokens": s.max_seq_tokens}
        return {
            "model": s.model_name,
            "chunker_version": CHUNKER_VERSION,
            "settings_hash": hashlib.sha256(json.dumps(chunking, sort_keys=True).encode()).hexdigest()[:12],
        }

    def _check_store_description(self):
        saved = self.store.get_setting("description")
        current = self.description()
        if saved is None:
            self.store.set_setting("description", json.dumps(current))
        elif json.loads(saved) != current:
            raise IndexMismatch(f"the database in {self.settings.data_dir} was built with other settings "
                                f"({saved} vs running {json.dumps(current)}); rebuild it with "
                                f"`minutes rebuild --data-dir {self.settings.data_dir}`")

    # -- heavy parts, loaded on first use ---------------------------------------------
    @cached_property
    def token_counter(self) -> TokenCounter:
        return TokenCounter(model_dir(self.settings.model_path))

    @cached_property
    def embedder(self):
        from index.embedder import make_embedder

        return make_embedder(self.settings)

    @cached_property
    def vectors(self) -> VectorIndex:
        path = self.settings.vectors_path
        if path.is_file():
            return VectorIndex.load(path, {**self.description(), "dimension": self.embedder.dimension}, self.index_policy)
        return VectorIndex(self.embedder.dimension, self.description(), self.index_policy)

    @property
    def index_policy(self) -> IndexPolicy:
        return IndexPolicy.from_settings(self.settings)

    # -- keeping the vector index in step with the database ---------------------------
    def sync_vectors(self, progress: bool = False) -> int:
        """Embed passages the index lacks and drop ids the database no longer has; returns how many were embedded.

        Embedding runs outside the index lock (searches go on meanwhile); only changing and saving the index hold it.
        Callers that write the database hold `write_lock`, so the set of passages cannot change underneath.
        """
        db_ids = self.store.passage_ids()
        with self.lock:
            have = self.vectors.ids()
        stale = have - db_ids
        missing = sorted(db_ids - have)
        added = []
        for i in range(0, len(missing), 512):
            batch = missing[i:i + 512]
            rows = self.store.passages_to_embed(batch)
            vecs = self.embedder.embed_batch([passage_embedding_text(r["context"], r["clean"]) for r in rows], progress=progress)
            added.append(([r["id"] for r in rows], vecs))
        with self.lock:
            if stale:
                self.vectors.remove(stale)
            for ids, vecs in added:
                self.vectors.add(ids, vecs)
            if stale or missing or not self.settings.vectors_path.is_file():
                self.vectors.save(self.settings.vectors_path)
        from search.keyword_tantivy import keywords_for, wanted

        if wanted(self.settings.keyword_engine, len(db_ids), self.store):
            keywords_for(self.store).sync(self.store)
        vocabulary_empty = self.store.vocabulary_size() == 0
        if missing or (vocabulary_empty and db_ids):
            self._grow_vocabulary(sorted(db_ids) if vocabulary_empty else missing)
        return len(missing)

    def _grow_vocabulary(self, passage_ids: list[int]):
        from index.vocabulary import add_words

        if add_words(self.store, self.embedder, self.store.passage_cleans(passage_ids)):
            self.__dict__.pop("vocabulary", None)

    @cached_property
    def vocabulary(self):
        """(words, their embeddings, the word set), loaded once and reloaded when ingest adds words."""
        from index.vocabulary import load_matrix

        words, matrix = load_matrix(self.store)
        return words, matrix, set(words)

    def remove_document(self, doc_id: int):
        with self.store.transaction() as db:
            self.store.delete_document(db, doc_id)

    def close(self):
        from search.keyword_memory import forget

        forget(self.store)  # the keyword postings copied for this database, if any
        self.store.close()
