"""Search backends: where keyword and vector search run (MINUTES_SEARCH_BACKEND=embedded|milvus)."""
from __future__ import annotations

import threading
import weakref

from search.backends.base import PublishReport, Ranking, SearchBackend

BACKENDS = ("embedded", "milvus")
_made: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def backend_for(library) -> SearchBackend:
    """The backend the library's settings name, made once per library and catalogue (a Milvus client holds a
    connection; after a rebuild the new catalogue names a new collection, search/backends/milvus.py)."""
    with _lock:
        store = library.store  # read once: a refresh may swap it meanwhile
        made = _made.get(library)
        if made is None or made[0] is not store:
            made = (store, _make(library, store))
            _made[library] = made
        return made[1]


def _make(library, store) -> SearchBackend:
    name = library.settings.search_backend
    if name == "milvus":
        from search.backends.milvus import MilvusBackend, collection_of

        return MilvusBackend(library.settings, {**library.description(), "dimension": library.embedder.dimension},
                             collection_of(library.settings, store))
    from search.backends.embedded import EmbeddedBackend

    return EmbeddedBackend()


__all__ = ["BACKENDS", "PublishReport", "Ranking", "SearchBackend", "backend_for"]
