"""The corpus vocabulary with each word's embedding: lets a query word the minutes never use find the words they do."""
from __future__ import annotations

import re

import numpy as np

from index.terms import STOPWORDS

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")


def words_of(text: str) -> set[str]:
    return {w.lower().strip("'’-") for w in WORD.findall(text)}


def known_words(store) -> set[str]:
    return store.vocabulary_words()


def add_words(store, embedder, texts) -> int:
    """Embed and store the words of `texts` not yet in the vocabulary; returns how many were added."""
    have = known_words(store)
    new = sorted({w for t in texts for w in words_of(t)} - have - STOPWORDS)
    if not new:
        return 0
    vectors = embedder.embed_batch(new)
    store.add_vocabulary([(w, v.astype("float32").tobytes()) for w, v in zip(new, vectors)])
    return len(new)


def load_matrix(store) -> tuple[list[str], np.ndarray]:
    rows = store.vocabulary_rows()
    if not rows:
        return [], np.zeros((0, 0), dtype="float32")
    return [r[0] for r in rows], np.vstack([np.frombuffer(r[1], dtype="float32") for r in rows])
