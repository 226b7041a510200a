"""Sentence vectors for answers, each embedded on its own and remembered.

An answer compares the question with every sentence of the passages it reads (about 120 a question on the default
corpus), and the same passages come back question after question: over the 40 dev questions 80% of the sentences
embedded had been embedded before. Each sentence is embedded alone, not in a batch: with int8 activations quantised
per batch, a text's vector moved with its batch-mates (cosine 0.991 to itself embedded beside a longer sentence), so
an answer could change with what was asked before; alone, a sentence's vector depends on its text only, and short
sentences skip the padding a batch adds (2.1 against 4.1 ms a sentence measured on this corpus).
"""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict

import numpy as np

_CACHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # embedder -> SentenceVectors, gone with it
_CACHES_LOCK = threading.Lock()


class SentenceVectors:
    """The last `size` texts' vectors, least recently used dropped first; safe to share between request threads."""

    def __init__(self, embedder, size: int):
        self.embedder = embedder
        self.size = size
        self.vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self.lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """One vector per text, in order (rows of a float32 matrix)."""
        if not texts:
            return np.zeros((0, getattr(self.embedder, "dimension", 0)), dtype="float32")
        wanted = list(dict.fromkeys(texts))
        with self.lock:
            found = {t: self.vectors[t] for t in wanted if t in self.vectors}
            for t in found:
                self.vectors.move_to_end(t)
        # outside the lock, so other questions go on; one at a time, so a vector depends on its text only
        fresh = {t: self.embedder.embed_batch([t])[0] for t in wanted if t not in found}
        with self.lock:
            self.vectors.update(fresh)
            while len(self.vectors) > self.size:
                self.vectors.popitem(last=False)
        found.update(fresh)
        return np.vstack([found[t] for t in texts])


def sentence_vectors(library) -> SentenceVectors:
    """The cache of this library's embedder (a new embedder, a new cache)."""
    embedder = library.embedder
    with _CACHES_LOCK:
        cache = _CACHES.get(embedder)
        if cache is None:
            cache = _CACHES[embedder] = SentenceVectors(embedder, library.settings.answer.sentence_cache)
        return cache
