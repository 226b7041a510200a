"""Sentence-transformers embedder behind one narrow method, embed_batch."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from index.model import load_sentence_model, model_dir


class Embedder:
    """Normalised all-MiniLM-L6-v2 vectors; loaded once and reused."""

    def __init__(self, path: Path | None = None, batch_size: int = 32, max_seq_tokens: int = 256):
        self.path = model_dir(path)
        self.model = load_sentence_model(str(self.path))
        self.model.max_seq_length = max_seq_tokens
        self.batch_size = batch_size
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dimension = int(get_dim())

    def embed_batch(self, texts: list[str], progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype="float32")
        vecs = self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                 show_progress_bar=progress, convert_to_numpy=True)
        return np.ascontiguousarray(vecs, dtype="float32")


def passage_embedding_text(context: str, clean: str) -> str:
    """What the embedder reads for a passage: its item/table context, then its text."""
    return f"{context}\n{clean}" if context else clean
