"""Search backends: where keyword and vector search run (MINUTES_SEARCH_BACKEND=embedded|milvus)."""
from __future__ import annotations

import threading
import weakref

from search.backends.base import PublishReport, Ranking, SearchBackend

BACKENDS = ("embedded", "milvus")
_made: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def backend_for(library) -> SearchBackend:
    """The backend the library's settings name, made once per library (a Milvus client holds a connection)."""
    with _lock:
        backend = _made.get(library)
        if backend is None:
            backend = _make(library)
            _made[library] = backend
        return backend


def _make(library) -> SearchBackend:
    name = library.settings.search_backend
    if name == "milvus":
        from search.backends.milvus import MilvusBackend

        return MilvusBackend(library.settings, {**library.description(), "dimension": library.embedder.dimension})
    from search.backends.embedded import EmbeddedBackend

    return EmbeddedBackend()


__all__ = ["BACKENDS", "PublishReport", "Ranking", "SearchBackend", "backend_for"]
